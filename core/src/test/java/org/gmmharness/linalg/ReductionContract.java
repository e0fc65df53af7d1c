package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LinearAlgebra}'s reductions: {@code blockRowSumsOfSquares},
 * {@code logSumExpRows}, {@code columnSums}, {@code sum} and {@code argmaxRows}.
 *
 * @param <M> the backend's matrix type
 */
public abstract class ReductionContract<M> extends LinearAlgebraContractSupport<M> {

    @Test
    void blockRowSumsOfSquaresKnownAnswers() {
        double[] aData = {1, 2, 3, 4, 5, 6, -1, 0, 1, 2, 2, 1};
        M a = la.fromRowMajor(2, 6, aData);
        M out3 = filled(2, 2, Double.NaN);
        la.blockRowSumsOfSquares(a, 3, out3);
        assertArrayEquals(new double[] {14, 77, 2, 9}, la.toRowMajor(out3));

        M out2 = filled(2, 3, Double.NaN);
        la.blockRowSumsOfSquares(a, 2, out2);
        assertArrayEquals(new double[] {5, 25, 61, 1, 5, 5}, la.toRowMajor(out2));

        M out6 = filled(2, 1, Double.NaN);
        la.blockRowSumsOfSquares(a, 6, out6);
        assertArrayEquals(new double[] {91, 11}, la.toRowMajor(out6));

        M out1 = filled(2, 6, Double.NaN);
        la.blockRowSumsOfSquares(a, 1, out1);
        assertArrayEquals(new double[] {1, 4, 9, 16, 25, 36, 1, 0, 1, 4, 4, 1}, la.toRowMajor(out1));
        assertArrayEquals(aData, la.toRowMajor(a), "a was modified");
    }

    @Test
    void blockRowSumsOfSquaresMatchesANaiveLoop() {
        Random rnd = new Random(SEED + 4);
        int[][] shapes = {{1, 1, 1}, {5, 3, 4}, {40, 8, 16}, {13, 2, 129}, {7, 4, 64}};
        for (int[] s : shapes) {
            int n = s[0];
            int k = s[1];
            int w = s[2];
            double[] aData = gaussian(rnd, n * k * w);
            M out = filled(n, k, Double.NaN);
            la.blockRowSumsOfSquares(la.fromRowMajor(n, k * w, aData), w, out);
            double[] got = la.toRowMajor(out);
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < k; b++) {
                    double expected = 0;
                    for (int j = 0; j < w; j++) {
                        double x = aData[i * k * w + b * w + j];
                        expected += x * x;
                    }
                    // Squares are non-negative: the sum itself bounds the rounding error.
                    assertClose(expected, got[i * k + b], PRODUCT_TOL * expected,
                            "blockRowSumsOfSquares " + Arrays.toString(s) + " [" + i + "][" + b + "]");
                }
            }
        }
    }

    @Test
    void blockRowSumsOfSquaresOnEmptyShapes() {
        M out = la.zeros(0, 2);
        la.blockRowSumsOfSquares(la.zeros(0, 6), 3, out);
        assertShape(0, 2, out);
        M none = la.zeros(4, 0);
        la.blockRowSumsOfSquares(la.zeros(4, 0), 5, none);
        assertShape(4, 0, none);
        M one = la.zeros(1, 1);
        la.blockRowSumsOfSquares(la.fromRowMajor(1, 1, new double[] {-3}), 1, one);
        assertArrayEquals(new double[] {9}, la.toRowMajor(one));
    }

    @Test
    void blockRowSumsOfSquaresRejectsBadWidthsAndShapes() {
        M a = la.zeros(2, 6);
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(a, 0, la.zeros(2, 6)));
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(a, -3, la.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(a, 4, la.zeros(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(a, 4, la.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(a, 3, la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(a, 3, la.zeros(3, 2)));
    }

    @Test
    void logSumExpRowsIsStableForExtremeAndInfiniteRows() {
        double inf = Double.POSITIVE_INFINITY;
        M a = la.fromRowMajor(8, 2, new double[] {
            1000, 1000,
            -1000, -1001,
            -inf, -inf,
            inf, 1,
            -inf, 3,
            0, 0,
            -745, -745,
            1e300, -1e300,
        });
        M out = filled(8, 1, Double.NaN);
        la.logSumExpRows(a, out);
        double[] got = la.toRowMajor(out);
        double[] expected = {
            1000 + Math.log(2),
            -1000 + Math.log1p(Math.exp(-1)),
            Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            3,
            Math.log(2),
            -745 + Math.log(2),
            1e300,
        };
        assertEntries(expected, got, TRANSCENDENTAL_TOL, "logSumExpRows");
        // exp(0) = 1 and log(1) = 0 exactly, so a single finite term comes back unchanged.
        assertEquals(3.0, got[4], 0.0, "[-inf, 3]");
        assertEquals(1e300, got[7], 0.0, "[1e300, -1e300]");
    }

    @Test
    void logSumExpRowsOfThreeColumnsWithInfinities() {
        double inf = Double.NEGATIVE_INFINITY;
        M a = la.fromRowMajor(3, 3, new double[] {
            inf, 0, inf,
            1, 2, 3,
            -5, -5, -5,
        });
        M out = la.zeros(3, 1);
        la.logSumExpRows(a, out);
        double[] expected = {0, 3 + Math.log(Math.exp(-2) + Math.exp(-1) + 1), -5 + Math.log(3)};
        assertEntries(expected, la.toRowMajor(out), TRANSCENDENTAL_TOL, "logSumExpRows 3 columns");
        assertEquals(0.0, la.toRowMajor(out)[0], 0.0, "[-inf, 0, -inf]");
    }

    @Test
    void logSumExpRowsOfOneColumnIsTheColumn() {
        double[] col = {5, -3, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1e308, -1e-300, 0};
        M out = filled(col.length, 1, Double.NaN);
        la.logSumExpRows(la.fromRowMajor(col.length, 1, col), out);
        // m + log(exp(0)) = m + 0 = m exactly.
        assertArrayEquals(col, la.toRowMajor(out));
    }

    @Test
    void logSumExpRowsMatchesTheStableFormulaOnRandomData() {
        Random rnd = new Random(SEED + 5);
        int[][] shapes = {{1, 1}, {50, 7}, {3, 300}, {20, 16}};
        for (int[] s : shapes) {
            int n = s[0];
            int k = s[1];
            double[] aData = new double[n * k];
            for (int i = 0; i < aData.length; i++) {
                aData[i] = 30 * rnd.nextGaussian() - 500 * (i / k % 3);
            }
            M a = la.fromRowMajor(n, k, aData);
            M out = la.zeros(n, 1);
            la.logSumExpRows(a, out);
            double[] got = la.toRowMajor(out);
            for (int i = 0; i < n; i++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    m = Math.max(m, aData[i * k + j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += Math.exp(aData[i * k + j] - m);
                }
                double expected = m + Math.log(sum);
                assertClose(expected, got[i], TRANSCENDENTAL_TOL * Math.max(1, Math.abs(expected)),
                        "logSumExpRows " + n + "x" + k + " row " + i);
            }
            assertArrayEquals(aData, la.toRowMajor(a), "a was modified");
        }
    }

    @Test
    void logSumExpRowsOnNoRows() {
        M out = la.zeros(0, 1);
        la.logSumExpRows(la.zeros(0, 3), out);
        assertShape(0, 1, out);
    }

    @Test
    void logSumExpRowsRejectsNoColumnsAndMismatchedOut() {
        assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(la.zeros(2, 0), la.zeros(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(la.zeros(2, 3), la.zeros(3, 1)));
        assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(la.zeros(2, 3), la.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(la.zeros(2, 3), la.zeros(1, 2)));
    }

    @Test
    void columnSumsKnownAnswers() {
        double[] aData = {1, 2, 3, 4, 5, 6};
        M a = la.fromRowMajor(2, 3, aData);
        assertArrayEquals(new double[] {5, 7, 9}, la.columnSums(a));
        assertArrayEquals(aData, la.toRowMajor(a), "a was modified");
        assertArrayEquals(new double[] {-4}, la.columnSums(la.fromRowMajor(1, 1, new double[] {-4})));
        assertArrayEquals(new double[] {10}, la.columnSums(la.fromRowMajor(4, 1, new double[] {1, 2, 3, 4})));
        assertArrayEquals(new double[] {1, 2, 3, 4}, la.columnSums(la.fromRowMajor(1, 4, new double[] {1, 2, 3, 4})));
    }

    @Test
    void columnSumsOfEmptyShapes() {
        assertArrayEquals(new double[3], la.columnSums(la.zeros(0, 3)));
        assertArrayEquals(new double[0], la.columnSums(la.zeros(3, 0)));
        assertArrayEquals(new double[0], la.columnSums(la.zeros(0, 0)));
    }

    @Test
    void columnSumsMatchesANaiveLoop() {
        Random rnd = new Random(SEED + 6);
        for (int[] s : new int[][] {{1000, 1}, {300, 7}, {9, 200}}) {
            int n = s[0];
            int k = s[1];
            double[] aData = gaussian(rnd, n * k);
            double[] got = la.columnSums(la.fromRowMajor(n, k, aData));
            assertEquals(k, got.length);
            for (int j = 0; j < k; j++) {
                double expected = 0;
                double scale = 0;
                for (int i = 0; i < n; i++) {
                    expected += aData[i * k + j];
                    scale += Math.abs(aData[i * k + j]);
                }
                assertClose(expected, got[j], PRODUCT_TOL * scale, "columnSums " + n + "x" + k + " column " + j);
            }
        }
    }

    @Test
    void sumKnownAnswers() {
        assertEquals(21.0, la.sum(la.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6})), 0.0);
        assertEquals(-4.0, la.sum(la.fromRowMajor(1, 1, new double[] {-4})), 0.0);
        assertEquals(0.0, la.sum(la.zeros(0, 0)), 0.0);
        assertEquals(0.0, la.sum(la.zeros(0, 5)), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, la.sum(la.fromRowMajor(1, 2, new double[] {Double.NEGATIVE_INFINITY, 1})));
    }

    @Test
    void sumMatchesANaiveLoop() {
        Random rnd = new Random(SEED + 7);
        for (int[] s : new int[][] {{1, 9}, {100, 7}, {2000, 5}, {10000, 1}}) {
            double[] aData = gaussian(rnd, s[0] * s[1]);
            double expected = 0;
            double scale = 0;
            for (double x : aData) {
                expected += x;
                scale += Math.abs(x);
            }
            assertClose(expected, la.sum(la.fromRowMajor(s[0], s[1], aData)), PRODUCT_TOL * scale,
                    "sum " + s[0] + "x" + s[1]);
        }
    }

    @Test
    void argmaxRowsTakesTheFirstIndexOnTies() {
        double ninf = Double.NEGATIVE_INFINITY;
        M a = la.fromRowMajor(6, 3, new double[] {
            1, 3, 3,
            5, 2, 5,
            -1, -1, -1,
            0, 0, 7,
            ninf, ninf, ninf,
            ninf, -1, -1,
        });
        assertArrayEquals(new int[] {1, 0, 0, 2, 0, 1}, la.argmaxRows(a));
    }

    @Test
    void argmaxRowsOfOneColumnAndOfNoRows() {
        assertArrayEquals(new int[] {0, 0, 0}, la.argmaxRows(la.fromRowMajor(3, 1, new double[] {4, -2, 0})));
        assertArrayEquals(new int[] {0}, la.argmaxRows(la.fromRowMajor(1, 1, new double[] {4})));
        assertArrayEquals(new int[0], la.argmaxRows(la.zeros(0, 3)));
        assertArrayEquals(new int[0], la.argmaxRows(la.zeros(0, 0)));
    }

    @Test
    void argmaxRowsMatchesANaiveLoop() {
        Random rnd = new Random(SEED + 8);
        int n = 200;
        int k = 6;
        double[] aData = new double[n * k];
        for (int i = 0; i < aData.length; i++) {
            // Few distinct values, so that ties are common.
            aData[i] = rnd.nextInt(4);
        }
        int[] got = la.argmaxRows(la.fromRowMajor(n, k, aData));
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (aData[i * k + j] > aData[i * k + best]) {
                    best = j;
                }
            }
            assertEquals(best, got[i], "row " + i);
        }
    }

}
