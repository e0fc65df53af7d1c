package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link QuadraticFormKernel} on its own, where the backends' contract tests cannot reach: one
 * thread's buffers reused across calls that need more columns, more blocks or longer chunks than
 * the previous ones (as when two backends with different chunk lengths run on one thread), and the
 * two entry points agreeing. The kernel sums in the direct formula's order, so the expected values
 * below, summed in that order, must be matched exactly.
 */
class QuadraticFormKernelTest {

    /** (d, K, w, chunk rows) in an order that grows and shrinks each of them. */
    private static final int[][] SHAPES = {
        {2, 3, 2, 100}, {16, 8, 16, 260}, {5, 2, 5, 300}, {64, 16, 64, 50}, {7, 9, 1, 256}, {1, 1, 1, 7}, {3, 4, 3, 513},
    };

    @Test
    void computeMatchesTheDirectFormulaAsTheBuffersGrowAndShrink() {
        Random rnd = new Random(11);
        for (int[] shape : SHAPES) {
            int rows = shape[3];
            Case c = Case.random(rnd, shape, rows);
            QuadraticFormKernel.ChunkBuffers buf = QuadraticFormKernel.buffers(c.d, c.k, rows);
            for (int q = 0; q < c.d; q++) {
                double[] column = buf.input(q);
                for (int i = 0; i < rows; i++) {
                    column[i] = c.x[i * c.d + q];
                }
            }
            QuadraticFormKernel.compute(buf, c.d, c.f, c.k * c.w, c.offsets, c.w, rows);
            double[] expected = c.direct(rows);
            for (int i = 0; i < rows * c.k; i++) {
                assertEquals(expected[i], buf.result(i % c.k)[i / c.k], c + ", row " + i / c.k + ", block " + i % c.k);
            }
        }
    }

    @Test
    void rowsWritesOnlyItsRangeAndMatchesTheDirectFormula() {
        Random rnd = new Random(12);
        for (int[] shape : SHAPES) {
            int n = shape[3] + QuadraticFormKernel.CHUNK + 3;
            Case c = Case.random(rnd, shape, n);
            double[] out = new double[n * c.k];
            Arrays.fill(out, Double.NaN);
            int r0 = 1;
            int r1 = n - 2;
            QuadraticFormKernel.rows(c.x, c.d, c.f, c.k * c.w, c.offsets, c.w, out, c.k, r0, r1);
            double[] expected = c.direct(n);
            for (int i = 0; i < n * c.k; i++) {
                int row = i / c.k;
                double want = row >= r0 && row < r1 ? expected[i] : Double.NaN;
                assertEquals(want, out[i], c + ", n " + n + ", row " + row + ", block " + i % c.k);
            }
        }
    }

    @Test
    void upperTriangularFactorsMatchTheDirectFormulaOverEveryRow() {
        Random rnd = new Random(13);
        for (int[] shape : SHAPES) {
            int n = shape[3] + QuadraticFormKernel.CHUNK + 3;
            Case c = Case.random(rnd, shape, n).upperTriangular();
            double[] out = new double[n * c.k];
            QuadraticFormKernel.rows(c.x, c.d, c.f, c.k * c.w, c.offsets, c.w, out, c.k, 0, n);
            // The direct formula adds every row of f, the zeros below each column's last entry included.
            double[] expected = c.direct(n);
            for (int i = 0; i < n * c.k; i++) {
                assertEquals(expected[i], out[i], c + " upper triangular, row " + i / c.k + ", block " + i % c.k);
            }
        }
    }

    /** Random x (rows×d), f (d×K·w) and offsets for one shape (d, K, w). */
    private record Case(int d, int k, int w, double[] x, double[] f, double[] offsets) {

        static Case random(Random rnd, int[] shape, int rows) {
            int d = shape[0];
            int k = shape[1];
            int w = shape[2];
            return new Case(d, k, w, gaussians(rnd, rows * d), gaussians(rnd, d * k * w), gaussians(rnd, k * w));
        }

        /**
         * @return this case with f[q][b·w + j] = 0 for q &gt; j, as the stacked upper-triangular
         *         precision factors are, and the last block's first column all zeros, as a factor
         *         that is zero throughout would be
         */
        Case upperTriangular() {
            int kw = k * w;
            double[] t = f.clone();
            for (int q = 0; q < d; q++) {
                for (int c = 0; c < kw; c++) {
                    if (q > c % w || c == (k - 1) * w) {
                        t[q * kw + c] = 0.0;
                    }
                }
            }
            return new Case(d, k, w, x, t, offsets);
        }

        /** The formula for the first {@code rows} rows, row-major rows×K. */
        double[] direct(int rows) {
            return QuadraticFormKernelTest.direct(x, d, f, offsets, k, w, rows);
        }

        @Override
        public String toString() {
            return "d " + d + ", K " + k + ", w " + w;
        }
    }

    /** The formula summed as the kernel promises: offset, then products in order of q; squares in order of j. */
    private static double[] direct(double[] x, int d, double[] f, double[] offsets, int k, int w, int rows) {
        int kw = k * w;
        double[] out = new double[rows * k];
        for (int i = 0; i < rows; i++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int j = 0; j < w; j++) {
                    int c = b * w + j;
                    double p = offsets[c];
                    for (int q = 0; q < d; q++) {
                        p = p + f[q * kw + c] * x[i * d + q];
                    }
                    s = j == 0 ? p * p : s + p * p;
                }
                out[i * k + b] = s;
            }
        }
        return out;
    }

    private static double[] gaussians(Random rnd, int length) {
        double[] a = new double[length];
        for (int i = 0; i < length; i++) {
            a[i] = rnd.nextGaussian();
        }
        return a;
    }
}
