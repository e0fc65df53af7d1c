package org.gmmharness.random;

/**
 * numpy's summation order for a contiguous float64 array ({@code np.sum}, and {@code sum(axis=1)}
 * of a C-ordered matrix): plain left-to-right below 8 values, eight interleaved partial sums up to
 * 128 values, and pairwise halving above. Initialisations that numpy computes from random draws
 * (scikit-learn's {@code random} responsibilities, k-means++ potentials) are reproduced bit for bit
 * only when their sums are taken in this order.
 */
public final class NumpySummation {

    private static final int BLOCK = 128;
    private static final int UNROLL = 8;

    private NumpySummation() {
    }

    /** @return the numpy sum of all of {@code a} */
    public static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    /** @return the numpy sum of {@code a[from .. from+n-1]} */
    public static double sum(double[] a, int from, int n) {
        if (n < UNROLL) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else if (n <= BLOCK) {
            double[] r = new double[UNROLL];
            System.arraycopy(a, from, r, 0, UNROLL);
            int i = UNROLL;
            for (; i < n - (n % UNROLL); i += UNROLL) {
                for (int j = 0; j < UNROLL; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % UNROLL;
            return sum(a, from, n2) + sum(a, from + n2, n - n2);
        }
    }
}
