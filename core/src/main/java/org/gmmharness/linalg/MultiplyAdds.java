package org.gmmharness.linalg;

/**
 * The column updates the fused kernels are built from: {@code p[i] = p[i] + f0·x0[i] + … + fm·xm[i]}
 * for one to four columns x. Each loop indexes every array by its counter alone, which is what lets
 * HotSpot's C2 (JDK 17) vectorise it (see {@link QuadraticFormKernel}); four columns per pass is
 * the most it still vectorises. Sums are written left to right, so each element rounds as the
 * sequential sum over the columns does, whatever the grouping of columns into passes.
 */
final class MultiplyAdds {

    private MultiplyAdds() {
    }

    /** {@code p[i] += f0·x0[i]} for i &lt; n; only p is modified. */
    static void add1(double[] p, double f0, double[] x0, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] + f0 * x0[i];
        }
    }

    /** {@code p[i] = p[i] + f0·x0[i] + f1·x1[i]} for i &lt; n; only p is modified. */
    static void add2(double[] p, double f0, double f1, double[] x0, double[] x1, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] + f0 * x0[i] + f1 * x1[i];
        }
    }

    /** {@code p[i] = p[i] + f0·x0[i] + f1·x1[i] + f2·x2[i]} for i &lt; n; only p is modified. */
    static void add3(double[] p, double f0, double f1, double f2, double[] x0, double[] x1, double[] x2, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] + f0 * x0[i] + f1 * x1[i] + f2 * x2[i];
        }
    }

    /**
     * {@link #add4} into two arrays at once from the same four columns: {@code p[i] = p[i] + f0·x0[i]
     * + … + f3·x3[i]} and {@code q[i] = q[i] + g0·x0[i] + … + g3·x3[i]} for i &lt; n, each rounding
     * as its own {@link #add4} would. The columns are loaded once for both, which halves the loads
     * per multiply-add; only p and q are modified.
     */
    static void add4x2(double[] p, double f0, double f1, double f2, double f3, double[] q, double g0, double g1,
                       double g2, double g3, double[] x0, double[] x1, double[] x2, double[] x3, int n) {
        for (int i = 0; i < n; i++) {
            double a0 = x0[i];
            double a1 = x1[i];
            double a2 = x2[i];
            double a3 = x3[i];
            p[i] = p[i] + f0 * a0 + f1 * a1 + f2 * a2 + f3 * a3;
            q[i] = q[i] + g0 * a0 + g1 * a1 + g2 * a2 + g3 * a3;
        }
    }

    /** {@code p[i] = p[i] + f0·x0[i] + f1·x1[i] + f2·x2[i] + f3·x3[i]} for i &lt; n; only p is modified. */
    static void add4(double[] p, double f0, double f1, double f2, double f3, double[] x0, double[] x1, double[] x2,
                     double[] x3, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] + f0 * x0[i] + f1 * x1[i] + f2 * x2[i] + f3 * x3[i];
        }
    }
}
