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
            int d = shape[0];
            int k = shape[1];
            int w = shape[2];
            int rows = shape[3];
            double[] x = gaussians(rnd, rows * d);
            double[] f = gaussians(rnd, d * k * w);
            double[] offsets = gaussians(rnd, k * w);
            QuadraticFormKernel.ChunkBuffers buf = QuadraticFormKernel.buffers(d, k, rows);
            for (int q = 0; q < d; q++) {
                double[] column = buf.input(q);
                for (int i = 0; i < rows; i++) {
                    column[i] = x[i * d + q];
                }
            }
            QuadraticFormKernel.compute(buf, d, f, k * w, offsets, w, rows);
            double[] expected = direct(x, d, f, offsets, k, w, rows);
            for (int i = 0; i < rows; i++) {
                for (int b = 0; b < k; b++) {
                    assertEquals(expected[i * k + b], buf.result(b)[i], "shape " + d + "/" + k + "/" + w + "/" + rows
                            + ", row " + i + ", block " + b);
                }
            }
        }
    }

    @Test
    void rowsWritesOnlyItsRangeAndMatchesTheDirectFormula() {
        Random rnd = new Random(12);
        for (int[] shape : SHAPES) {
            int d = shape[0];
            int k = shape[1];
            int w = shape[2];
            int n = shape[3] + QuadraticFormKernel.CHUNK + 3;
            double[] x = gaussians(rnd, n * d);
            double[] f = gaussians(rnd, d * k * w);
            double[] offsets = gaussians(rnd, k * w);
            double[] out = new double[n * k];
            Arrays.fill(out, Double.NaN);
            int r0 = 1;
            int r1 = n - 2;
            QuadraticFormKernel.rows(x, d, f, k * w, offsets, w, out, k, r0, r1);
            double[] expected = direct(x, d, f, offsets, k, w, n);
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < k; b++) {
                    double want = i >= r0 && i < r1 ? expected[i * k + b] : Double.NaN;
                    assertEquals(want, out[i * k + b], "n " + n + ", row " + i + ", block " + b);
                }
            }
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
