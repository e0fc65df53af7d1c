package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The contract of the M-step's composite operations: {@code weightedScatter}, and
 * {@code copyRows}, {@code momentRows}, {@code momentProduct} and {@code rowKronecker}, which form the
 * blocks of the M-step.
 *
 * @param <M> the backend's matrix type
 */
public abstract class MStepCompositeContract<M> extends LinearAlgebraContractSupport<M> {

    @Test
    void weightedScatterMatchesANaiveLoop() {
        Random rnd = new Random(SEED + 12);
        int n = 41;
        int d = 5;
        int k = 3;
        int col = 1;
        double[] xData = gaussian(rnd, n * d);
        double[] c = gaussian(rnd, d);
        double[] wData = new double[n * k];
        for (int i = 0; i < wData.length; i++) {
            wData[i] = rnd.nextDouble();
        }
        M x = la.fromRowMajor(n, d, xData);
        M w = la.fromRowMajor(n, k, wData);
        M centred = filled(n, d, Double.NaN);
        M weighted = filled(n, d, Double.NaN);
        M out = filled(d, d, Double.NaN);
        la.weightedScatter(x, c, w, col, centred, weighted, out);

        double[] expectedCentred = new double[n * d];
        double[] expectedWeighted = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                expectedCentred[i * d + j] = xData[i * d + j] - c[j];
                expectedWeighted[i * d + j] = wData[i * k + col] * expectedCentred[i * d + j];
            }
        }
        assertEntriesScaled(expectedCentred, la.toRowMajor(centred), ROUNDING_TOL, 10, "centred scratch");
        assertEntriesScaled(expectedWeighted, la.toRowMajor(weighted), ROUNDING_TOL, 10, "weighted scratch");

        double[] got = la.toRowMajor(out);
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                double s = 0;
                double scale = 0;
                for (int i = 0; i < n; i++) {
                    double term = wData[i * k + col] * (xData[i * d + p] - c[p]) * (xData[i * d + q] - c[q]);
                    s += term;
                    scale += Math.abs(term);
                }
                assertClose(s, got[p * d + q], PRODUCT_TOL * scale, "scatter[" + p + "][" + q + "]");
                assertClose(got[q * d + p], got[p * d + q], PRODUCT_TOL * scale, "scatter must be symmetric");
            }
        }
        assertArrayEquals(xData, la.toRowMajor(x), "x was modified");
        assertArrayEquals(wData, la.toRowMajor(w), "w was modified");
    }

    @Test
    void weightedScatterKnownAnswer() {
        // Rows (1,0) and (3,2) about (1,1) are (0,-1) and (2,1); weights 2 and 0.5:
        // 2·[[0,0],[0,1]] + 0.5·[[4,2],[2,1]] = [[2,1],[1,2.5]].
        M x = la.fromRowMajor(2, 2, new double[] {1, 0, 3, 2});
        M w = la.fromRowMajor(2, 2, new double[] {9, 2, 9, 0.5});
        M out = filled(2, 2, Double.NaN);
        la.weightedScatter(x, new double[] {1, 1}, w, 1, la.zeros(2, 2), la.zeros(2, 2), out);
        assertArrayEquals(new double[] {2, 1, 1, 2.5}, la.toRowMajor(out));
    }

    @Test
    void weightedScatterOfNoRowsIsZero() {
        M out = filled(3, 3, Double.NaN);
        la.weightedScatter(la.zeros(0, 3), new double[3], la.zeros(0, 2), 1, la.zeros(0, 3), la.zeros(0, 3), out);
        assertArrayEquals(new double[9], la.toRowMajor(out));
    }

    @Test
    void copyRowsCopiesExactlyTheRangeInEveryLayout() {
        Random rnd = new Random(SEED + 40);
        int n = 37;
        int d = 6;
        double[] data = gaussian(rnd, n * d);
        LinearAlgebra<M> def = defaults();
        int[][] ranges = {{0, 0}, {0, 1}, {0, n}, {5, 12}, {n - 1, 1}, {n, 0}, {17, 20}};
        for (M a : layouts(data, n, d)) {
            for (int[] r : ranges) {
                double[] want = Arrays.copyOfRange(data, r[0] * d, (r[0] + r[1]) * d);
                for (M out : layouts(nans(r[1] * d), r[1], d)) {
                    la.copyRows(a, r[0], out);
                    assertArrayEquals(want, la.toRowMajor(out), "rows " + r[0] + "+" + r[1]);
                    la.setRowMajor(nans(r[1] * d), out);
                    def.copyRows(a, r[0], out);
                    assertArrayEquals(want, la.toRowMajor(out), "default, rows " + r[0] + "+" + r[1]);
                }
            }
            assertArrayEquals(data, la.toRowMajor(a), "a was modified");
        }
    }

    @Test
    void copyRowsRejectsRangesAndShapesThatDoNotFit() {
        M a = la.zeros(5, 3);
        assertThrows(IllegalArgumentException.class, () -> la.copyRows(a, 3, la.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.copyRows(a, -1, la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.copyRows(a, 0, la.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.copyRows(a, 0, a));
    }

    @Test
    void momentRowsHoldTheRowsAndTheirDistinctProductsBitForBit() {
        Random rnd = new Random(SEED + 41);
        LinearAlgebra<M> def = defaults();
        for (int[] sh : new int[][] {{0, 3}, {1, 1}, {1, 4}, {29, 5}, {64, 12}, {7, 33}}) {
            int b = sh[0];
            int d = sh[1];
            int w = d + d * (d + 1) / 2;
            double[] x = gaussian(rnd, b * d);
            double[] want = new double[b * w];
            for (int i = 0; i < b; i++) {
                int q = i * w;
                for (int j = 0; j < d; j++) {
                    want[q++] = x[i * d + j];
                }
                for (int p = 0; p < d; p++) {
                    for (int c = p; c < d; c++) {
                        want[q++] = x[i * d + p] * x[i * d + c];
                    }
                }
            }
            for (M xm : layouts(x, b, d)) {
                for (M out : layouts(nans(b * w), b, w)) {
                    la.momentRows(xm, out);
                    assertArrayEquals(want, la.toRowMajor(out), b + "x" + d);
                    la.setRowMajor(nans(b * w), out);
                    def.momentRows(xm, out);
                    assertArrayEquals(want, la.toRowMajor(out), "default, " + b + "x" + d);
                }
                assertArrayEquals(x, la.toRowMajor(xm), "x was modified");
            }
        }
    }

    @Test
    void momentRowsKnownAnswerAndShapeChecks() {
        M out = filled(1, 5, Double.NaN);
        la.momentRows(la.fromRowMajor(1, 2, new double[] {2, -3}), out);
        assertArrayEquals(new double[] {2, -3, 4, -6, 9}, la.toRowMajor(out));
        assertThrows(IllegalArgumentException.class, () -> la.momentRows(la.zeros(2, 2), la.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> la.momentRows(la.zeros(2, 2), la.zeros(1, 5)));
    }

    @Test
    void momentProductIsTheWeightedSumOfTheDesignRows() {
        Random rnd = new Random(SEED + 43);
        LinearAlgebra<M> def = defaults();
        // Shapes around the kernel's groups of four rows, one column and several components.
        for (int[] sh : new int[][] {{1, 1, 1}, {3, 2, 2}, {4, 3, 1}, {7, 5, 3}, {64, 12, 4}, {9, 33, 5}}) {
            int b = sh[0];
            int d = sh[1];
            int k = sh[2];
            int w = d + d * (d + 1) / 2;
            double[] x = gaussian(rnd, b * d);
            double[] r = new double[b * k];
            for (int i = 0; i < r.length; i++) {
                r[i] = rnd.nextDouble();
            }
            double[] design = new double[b * w];
            MomentRows.write(x, b, d, design);
            double[] want = new double[k * w];
            double[] scale = new double[k * w];
            for (int i = 0; i < b; i++) {
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < w; j++) {
                        want[c * w + j] += r[i * k + c] * design[i * w + j];
                        scale[c * w + j] += Math.abs(r[i * k + c] * design[i * w + j]);
                    }
                }
            }
            for (LinearAlgebra<M> impl : java.util.List.of(la, def)) {
                M xm = la.fromRowMajor(b, d, x);
                M rm = la.fromRowMajor(b, k, r);
                M out = filled(k, w, Double.NaN);
                M scratch = impl.momentProductScratch(b, d);
                boolean full = la.rows(scratch) == b && la.cols(scratch) == w;
                boolean empty = la.rows(scratch) == 0 && la.cols(scratch) == 0;
                assertTrue(full || empty, "scratch " + la.rows(scratch) + "x" + la.cols(scratch));
                impl.momentProduct(rm, xm, scratch, out);
                double[] got = la.toRowMajor(out);
                for (int e = 0; e < want.length; e++) {
                    assertClose(want[e], got[e], PRODUCT_TOL * scale[e], b + "x" + d + " k=" + k + " [" + e + "]");
                }
                assertArrayEquals(x, la.toRowMajor(xm), "x was modified");
                assertArrayEquals(r, la.toRowMajor(rm), "resp was modified");
            }
        }
    }

    @Test
    void momentProductOfNoRowsIsZeroAndShapesAreChecked() {
        M out = filled(2, 5, Double.NaN);
        la.momentProduct(la.zeros(0, 2), la.zeros(0, 2), la.zeros(0, 5), out);
        assertArrayEquals(new double[10], la.toRowMajor(out));
        M one = filled(1, 5, Double.NaN);
        la.momentProduct(la.fromRowMajor(1, 1, new double[] {0.5}), la.fromRowMajor(1, 2, new double[] {2, -3}),
                la.zeros(1, 5), one);
        assertArrayEquals(new double[] {1, -1.5, 2, -3, 4.5}, la.toRowMajor(one));
        assertThrows(IllegalArgumentException.class,
                () -> la.momentProduct(la.zeros(2, 1), la.zeros(3, 2), la.zeros(2, 5), la.zeros(1, 5)));
        assertThrows(IllegalArgumentException.class,
                () -> la.momentProduct(la.zeros(2, 1), la.zeros(2, 2), la.zeros(2, 4), la.zeros(1, 5)));
        assertThrows(IllegalArgumentException.class,
                () -> la.momentProduct(la.zeros(2, 1), la.zeros(2, 2), la.zeros(2, 5), la.zeros(2, 5)));
        M x = la.zeros(2, 2);
        assertThrows(IllegalArgumentException.class, () -> la.momentProduct(la.zeros(2, 1), x, x, la.zeros(1, 5)));
    }

    @Test
    void rowKroneckerHoldsEveryWeightTimesEveryValueBitForBit() {
        Random rnd = new Random(SEED + 43);
        LinearAlgebra<M> def = defaults();
        for (int[] sh : new int[][] {{0, 2, 3}, {1, 1, 1}, {1, 3, 4}, {29, 4, 5}, {64, 8, 12}, {7, 2, 33}}) {
            int b = sh[0];
            int k = sh[1];
            int d = sh[2];
            double[] w = gaussian(rnd, b * k);
            double[] x = gaussian(rnd, b * d);
            double[] want = new double[b * k * d];
            for (int i = 0; i < b; i++) {
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) {
                        want[i * k * d + c * d + j] = w[i * k + c] * x[i * d + j];
                    }
                }
            }
            for (M wm : layouts(w, b, k)) {
                for (M xm : layouts(x, b, d)) {
                    for (M out : layouts(nans(b * k * d), b, k * d)) {
                        la.rowKronecker(wm, xm, out);
                        assertArrayEquals(want, la.toRowMajor(out), b + "x" + k + " by " + b + "x" + d);
                        la.setRowMajor(nans(b * k * d), out);
                        def.rowKronecker(wm, xm, out);
                        assertArrayEquals(want, la.toRowMajor(out), "default, " + b + "x" + k + " by " + b + "x" + d);
                    }
                    assertArrayEquals(x, la.toRowMajor(xm), "x was modified");
                }
                assertArrayEquals(w, la.toRowMajor(wm), "w was modified");
            }
        }
    }

    @Test
    void rowKroneckerKnownAnswerAndShapeChecks() {
        M out = filled(1, 4, Double.NaN);
        la.rowKronecker(la.fromRowMajor(1, 2, new double[] {2, -1}), la.fromRowMajor(1, 2, new double[] {3, 5}), out);
        assertArrayEquals(new double[] {6, 10, -3, -5}, la.toRowMajor(out));
        assertThrows(IllegalArgumentException.class, () -> la.rowKronecker(la.zeros(2, 2), la.zeros(2, 2), la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.rowKronecker(la.zeros(2, 2), la.zeros(3, 2), la.zeros(3, 4)));
        assertThrows(IllegalArgumentException.class, () -> la.rowKronecker(la.zeros(2, 2), la.zeros(2, 2), la.zeros(1, 4)));
        M x = la.zeros(2, 1);
        assertThrows(IllegalArgumentException.class, () -> la.rowKronecker(la.zeros(2, 1), x, x));
    }
}
