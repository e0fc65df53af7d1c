package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link MomentProductKernel} on sparse responsibilities, where it skips the groups of rows whose
 * weights for a component are all zero (or, for d ≤ 2, adds every row in registers): its sums must
 * be those of adding every row in order, zeros included, bit for bit. The kernel adds rows one
 * after another without fused multiply-adds, so that order is the plain loop below.
 */
class MomentProductKernelTest {

    @Test
    void sparseResponsibilitiesGiveTheDenseSumsBitForBit() {
        Random rnd = new Random(17);
        // Row counts around the groups of four, odd and even K (the pairs and the last single one),
        // and the narrow designs of d = 1 and 2, whose sums are kept in registers.
        for (int[] shape : new int[][] {{4, 2, 2}, {13, 3, 3}, {37, 5, 16}, {64, 2, 4}, {7, 1, 5}, {100, 8, 7},
                {1001, 2, 3}, {50, 1, 2}}) {
            int b = shape[0];
            int d = shape[1];
            int k = shape[2];
            double[] x = new double[b * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextGaussian() * 3;
            }
            for (double[] r : new double[][] {oneHot(rnd, b, k), underflowing(rnd, b, k), blocksOfZeros(rnd, b, k)}) {
                double[] got = new double[k * MomentRows.width(d)];
                MomentProductKernel.rows(x, b, d, r, k, got);
                assertArrayEquals(dense(x, b, d, r, k), got, b + "x" + d + ", K=" + k);
            }
        }
    }

    /** Σ_i r[i][c]·design(x_i)[j], every row added in order, zero weights included. */
    private static double[] dense(double[] x, int b, int d, double[] r, int k) {
        int w = MomentRows.width(d);
        double[] design = new double[b * w];
        MomentRows.write(x, b, d, design);
        double[] out = new double[k * w];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < w; j++) {
                double s = 0.0;
                for (int i = 0; i < b; i++) {
                    s = s + r[i * k + c] * design[i * w + j];
                }
                out[c * w + j] = s;
            }
        }
        return out;
    }

    /** k-means's start: each row wholly in one component. */
    private static double[] oneHot(Random rnd, int b, int k) {
        double[] r = new double[b * k];
        for (int i = 0; i < b; i++) {
            r[i * k + rnd.nextInt(k)] = 1.0;
        }
        return r;
    }

    /** Soft weights with about half of them underflowed to zero, negative zeros among them. */
    private static double[] underflowing(Random rnd, int b, int k) {
        double[] r = new double[b * k];
        for (int i = 0; i < r.length; i++) {
            double u = rnd.nextDouble();
            r[i] = u < 0.4 ? 0.0 : u < 0.5 ? -0.0 : u;
        }
        return r;
    }

    /** Whole groups of four rows without weight in one component, in the other or in both. */
    private static double[] blocksOfZeros(Random rnd, int b, int k) {
        double[] r = new double[b * k];
        for (int i = 0; i < b; i++) {
            int group = i / 4;
            for (int c = 0; c < k; c++) {
                boolean empty = (group + c) % 3 == 0 || group % 5 == c % 5;
                r[i * k + c] = empty ? 0.0 : rnd.nextDouble();
            }
        }
        return r;
    }
}
