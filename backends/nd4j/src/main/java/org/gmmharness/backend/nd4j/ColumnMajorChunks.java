package org.gmmharness.backend.nd4j;

import org.gmmharness.linalg.Exponentials;

/**
 * The plain-Java kernels of the backend's row-chunk loops ({@link RowChunks}), on a chunk of nr
 * rows held column-major in a Java array: entry (i, j) at {@code a[j·nr + i]}, the order in which
 * a column-major ND4J array's rows arrive with one {@code memcpy} per column. Loops run down the
 * columns, which the JIT compiles better than strided rows.
 */
final class ColumnMajorChunks {

    private ColumnMajorChunks() {
    }

    /** @return the sum of {@code v[from .. from + n)}, with four interleaved accumulators */
    static double sum(double[] v, int from, int n) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int i = from;
        int end = from + n;
        for (; i + 4 <= end; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < end; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * NumPy's {@code argmax(axis=1)} for each row of the chunk: the first index of the largest
     * entry, or of the first NaN.
     *
     * @param buf column-major nr×cols, cols ≥ 1; not modified
     * @param out {@code out[r0 + i]} is overwritten with row i's index
     */
    static void argmaxRows(double[] buf, int nr, int cols, int[] out, int r0) {
        for (int i = 0; i < nr; i++) {
            int best = 0;
            double max = buf[i];
            if (max == max) {
                for (int j = 1, p = nr + i; j < cols; j++, p += nr) {
                    double v = buf[p];
                    if (v > max) {
                        max = v;
                        best = j;
                    } else if (v != v) {
                        best = j;
                        break;
                    }
                }
            }
            out[r0 + i] = best;
        }
    }

    /**
     * Normalises the rows of a column-major chunk ({@code a[j·nr + i]} is entry (i, j)), column by
     * column (measured 40 ms of CPU for 1000000×4 against 65 for the same work row by row, whose
     * strided inner loops the JIT compiles worse); {@code exp} and {@code log} dominate, and exp is
     * skipped where it underflows ({@link Exponentials#expOrZero}: most entries of a well-separated
     * mixture, where the JIT's intrinsic is slowest):
     * the row shift (the maximum, or 0 when that is infinite or NaN, as the default's
     * log-sum-exp does), e = exp(a − shift) into {@code r} with its row sums, the log-sum-exp
     * shift + log(sum) into {@code lse}, then {@code a −= lse} and {@code r /= sum}. For a row
     * whose shift is 0 because of an infinite or NaN entry this gives what the default gives:
     * ∞/∞ and 0/0 are NaN where exp(a − lse) is exp(NaN), and finite/∞ is 0.
     */
    static void normalize(double[] a, double[] r, int nr, int cols, double[] shift, double[] sum,
                                       double[] lse) {
        System.arraycopy(a, 0, shift, 0, nr);
        for (int j = 1; j < cols; j++) {
            int o = j * nr;
            for (int i = 0; i < nr; i++) {
                shift[i] = Math.max(shift[i], a[o + i]);
            }
        }
        for (int i = 0; i < nr; i++) {
            if (!Double.isFinite(shift[i])) {
                shift[i] = 0.0;
            }
            sum[i] = 0.0;
        }
        for (int j = 0; j < cols; j++) {
            int o = j * nr;
            for (int i = 0; i < nr; i++) {
                double e = Exponentials.expOrZero(a[o + i] - shift[i]);
                r[o + i] = e;
                sum[i] += e;
            }
        }
        for (int i = 0; i < nr; i++) {
            lse[i] = shift[i] + Math.log(sum[i]);
        }
        for (int j = 0; j < cols; j++) {
            int o = j * nr;
            for (int i = 0; i < nr; i++) {
                a[o + i] -= lse[i];
                r[o + i] /= sum[i];
            }
        }
    }
}
