package org.gmmharness.linalg;

import java.util.Arrays;

/**
 * The fused kernel behind the JVM-heap backends' {@link LinearAlgebra#momentProduct}: for a block
 * of rows, {@code out[c] = Σ_i r[i][c]·[x_i, vech(x_i·x_iᵀ)]}, the full-covariance M-step's product
 * Rᵀ·design, without forming the block's design matrix.
 *
 * <p>Each row's design row is formed ({@link MomentRows#writeRow}) in one of four per-thread arrays
 * of width w = d + d(d+1)/2, and four rows at a time are added to K per-thread accumulators of
 * width w, {@code acc[c][j] = acc[c][j] + r0c·m0[j] + r1c·m1[j] + r2c·m2[j] + r3c·m3[j]}: every
 * array indexed by the loop counter, the form HotSpot's C2 vectorises ({@link MultiplyAdds}), with
 * one load and store of the accumulator per four multiply-adds. A general product on the design
 * (EJML's {@code multTransA_reorder}, Commons Math's blocked product) walks its arrays with running
 * offsets, which C2 leaves scalar, and the design block it reads is itself a pass over memory per
 * block.
 *
 * <p>Each sum is accumulated from zero over the block's rows in order, so it rounds as a product
 * that adds the rows one after another does. The accumulators (K·w doubles) and design rows (4·w)
 * are per thread, kept in a {@link ThreadLocal} and grown only when a call needs more. The methods
 * do not check their arguments: the backend's SPI method has validated the shapes.
 */
public final class MomentProductKernel {

    /** Design rows formed and added per pass: the most columns {@link MultiplyAdds} takes at once. */
    private static final int ROWS_PER_PASS = 4;

    /** Up to this many columns {@link #rows} keeps each component's sums in registers instead. */
    static final int NARROW_D = 2;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private MomentProductKernel() {
    }

    /** One thread's accumulators and design rows. */
    private static final class Buffers {
        private double[][] acc = new double[0][];
        private final double[][] design = new double[ROWS_PER_PASS][0];
        private int width;

        private Buffers fit(int k, int w) {
            if (w > width) {
                width = w;
                acc = new double[0][];
                for (int t = 0; t < ROWS_PER_PASS; t++) {
                    design[t] = new double[w];
                }
            }
            if (acc.length < k) {
                double[][] grown = Arrays.copyOf(acc, k);
                for (int c = acc.length; c < k; c++) {
                    grown[c] = new double[width];
                }
                acc = grown;
            }
            return this;
        }
    }

    /**
     * {@code out[c·w + j] = Σ_{i<b} r[i·k + c]·design(x_i)[j]} with design(x_i) = [x_i, vech(x_i·x_iᵀ)]
     * as {@link MomentRows#write} lays it out, w = d + d(d+1)/2.
     *
     * @param x   row-major b×d; not modified
     * @param b   rows, at least 1
     * @param d   columns of x, at least 1
     * @param r   row-major b×k weights (the block's responsibilities); not modified
     * @param k   columns of r, at least 1
     * @param out row-major k×w; overwritten
     */
    public static void rows(double[] x, int b, int d, double[] r, int k, double[] out) {
        if (d <= NARROW_D) {
            narrowRows(x, b, d, r, k, out);
            return;
        }
        int w = MomentRows.width(d);
        Buffers buf = BUFFERS.get().fit(k, w);
        double[][] acc = buf.acc;
        double[][] m = buf.design;
        for (int c = 0; c < k; c++) {
            Arrays.fill(acc[c], 0, w, 0.0);
        }
        int i = 0;
        for (; i + ROWS_PER_PASS <= b; i += ROWS_PER_PASS) {
            for (int t = 0; t < ROWS_PER_PASS; t++) {
                MomentRows.writeRow(x, (i + t) * d, d, m[t], 0);
            }
            int r0 = i * k;
            int c = 0;
            for (; c + 2 <= k; c += 2) {
                double f0 = r[r0 + c];
                double f1 = r[r0 + k + c];
                double f2 = r[r0 + 2 * k + c];
                double f3 = r[r0 + 3 * k + c];
                double g0 = r[r0 + c + 1];
                double g1 = r[r0 + k + c + 1];
                double g2 = r[r0 + 2 * k + c + 1];
                double g3 = r[r0 + 3 * k + c + 1];
                boolean first = live(f0, f1, f2, f3);
                boolean second = live(g0, g1, g2, g3);
                if (first && second) {
                    MultiplyAdds.add4x2(acc[c], f0, f1, f2, f3, acc[c + 1], g0, g1, g2, g3, m[0], m[1], m[2], m[3], w);
                } else if (first || second) {
                    // One call site for either component, so that C2 inlines add4 here once.
                    MultiplyAdds.add4(first ? acc[c] : acc[c + 1], first ? f0 : g0, first ? f1 : g1,
                            first ? f2 : g2, first ? f3 : g3, m[0], m[1], m[2], m[3], w);
                }
            }
            if (c < k) {
                MultiplyAdds.add4(acc[c], r[r0 + c], r[r0 + k + c], r[r0 + 2 * k + c], r[r0 + 3 * k + c],
                        m[0], m[1], m[2], m[3], w);
            }
        }
        addRemainingRows(x, i, b, d, r, k, buf, w);
        for (int c = 0; c < k; c++) {
            System.arraycopy(acc[c], 0, out, c * w, w);
        }
    }

    /**
     * {@link #rows} for d ≤ {@value #NARROW_D}, where a design row has at most five columns: the
     * four-row passes would spend their time on loops of two to five steps. Each component's sums
     * are kept in registers over the block's rows, one component at a time, and each is accumulated
     * from zero over the rows in order with the design values {@link MomentRows#writeRow} forms, so
     * every sum is the same, bit for bit, wherever the squares are finite (a zero weight then adds
     * ±0, which changes no sum).
     */
    private static void narrowRows(double[] x, int b, int d, double[] r, int k, double[] out) {
        if (d == 1) {
            for (int c = 0; c < k; c++) {
                double s0 = 0.0;
                double s1 = 0.0;
                for (int i = 0, ri = c; i < b; i++, ri += k) {
                    double f = r[ri];
                    double a = x[i];
                    s0 = s0 + f * a;
                    s1 = s1 + f * (a * a);
                }
                out[2 * c] = s0;
                out[2 * c + 1] = s1;
            }
            return;
        }
        for (int c = 0; c < k; c++) {
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            double s4 = 0.0;
            for (int i = 0, xi = 0, ri = c; i < b; i++, xi += 2, ri += k) {
                double f = r[ri];
                double a = x[xi];
                double e = x[xi + 1];
                s0 = s0 + f * a;
                s1 = s1 + f * e;
                s2 = s2 + f * (a * a);
                s3 = s3 + f * (a * e);
                s4 = s4 + f * (e * e);
            }
            int o = 5 * c;
            out[o] = s0;
            out[o + 1] = s1;
            out[o + 2] = s2;
            out[o + 3] = s3;
            out[o + 4] = s4;
        }
    }

    /**
     * @return whether any of a component's four weights is not zero. Adding four zero-weighted rows
     *         leaves every accumulator as it was, bit for bit: the products are ±0, and an
     *         accumulator started at +0 never holds −0, so p + (±0) is p. Such groups are skipped,
     *         which is most of them where the responsibilities are one-hot (k-means's start) or
     *         underflow to zero far from a component (separated clusters).
     */
    private static boolean live(double f0, double f1, double f2, double f3) {
        return f0 != 0.0 || f1 != 0.0 || f2 != 0.0 || f3 != 0.0;
    }

    /** The last b − i &lt; 4 rows, added as {@link #rows} adds each group of four. */
    private static void addRemainingRows(double[] x, int i, int b, int d, double[] r, int k, Buffers buf, int w) {
        int left = b - i;
        if (left == 0) {
            return;
        }
        double[][] m = buf.design;
        for (int t = 0; t < left; t++) {
            MomentRows.writeRow(x, (i + t) * d, d, m[t], 0);
        }
        int r0 = i * k;
        for (int c = 0; c < k; c++) {
            double[] a = buf.acc[c];
            switch (left) {
                case 1 -> MultiplyAdds.add1(a, r[r0 + c], m[0], w);
                case 2 -> MultiplyAdds.add2(a, r[r0 + c], r[r0 + k + c], m[0], m[1], w);
                default -> MultiplyAdds.add3(a, r[r0 + c], r[r0 + k + c], r[r0 + 2 * k + c], m[0], m[1], m[2], w);
            }
        }
    }
}
