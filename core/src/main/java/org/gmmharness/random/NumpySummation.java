package org.gmmharness.random;

/**
 * numpy's summation order for contiguous float64 data ({@code np.sum}, and {@code sum(axis=1)} of a
 * C-ordered matrix): the data go to the inner loop in buffers of 8192 values whose sums are added
 * one after another; each buffer is summed left to right below 8 values, with eight interleaved
 * partial sums up to 128 values, and by pairwise halving above. Values that numpy computes from
 * sums (scikit-learn's {@code random} responsibilities, k-means++ potentials, log-sum-exp) are
 * reproduced bit for bit only when their sums are taken in this order.
 */
public final class NumpySummation {

    /** numpy's {@code PW_BLOCKSIZE}: above it, pairwise summation halves the block. */
    private static final int PAIRWISE_BLOCK = 128;

    /** numpy's default ufunc buffer size ({@code np.getbufsize()}). */
    private static final int BUFFER = 8192;

    private NumpySummation() {
    }

    /**
     * Fewer terms than this are summed as a running sum from zero, left to right ({@code
     * pairwise_sum}'s first case), so a caller may take such a sum as it makes the terms.
     */
    public static final int RUNNING_SUM_BELOW = 8;

    /** @return the numpy sum of all of {@code a} */
    public static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    /** @return the numpy sum of {@code a[off .. off+n-1]} */
    public static double sum(double[] a, int off, int n) {
        double res = 0.0;
        for (int start = 0; start < n; start += BUFFER) {
            res += pairwiseSum(a, off + start, Math.min(BUFFER, n - start));
        }
        return res;
    }

    /** NumPy's {@code pairwise_sum} for doubles, operation for operation. */
    private static double pairwiseSum(double[] a, int off, int n) {
        if (n < RUNNING_SUM_BELOW) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else if (n <= PAIRWISE_BLOCK) {
            double r0 = a[off];
            double r1 = a[off + 1];
            double r2 = a[off + 2];
            double r3 = a[off + 3];
            double r4 = a[off + 4];
            double r5 = a[off + 5];
            double r6 = a[off + 6];
            double r7 = a[off + 7];
            int i;
            int end = n - (n % 8);
            for (i = 8; i < end; i += 8) {
                int p = off + i;
                r0 += a[p];
                r1 += a[p + 1];
                r2 += a[p + 2];
                r3 += a[p + 3];
                r4 += a[p + 4];
                r5 += a[p + 5];
                r6 += a[p + 6];
                r7 += a[p + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
        }
    }
}
