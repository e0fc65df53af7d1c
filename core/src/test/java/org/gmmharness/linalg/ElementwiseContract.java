package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LinearAlgebra}'s broadcasts and element-wise operations:
 * {@code scaleAddRow}, {@code subtractColumn}, {@code scaleRowsByColumn} and {@code exp}.
 *
 * @param <M> the backend's matrix type
 */
public abstract class ElementwiseContract<M> extends LinearAlgebraContractSupport<M> {

    @Test
    void scaleAddRowKnownAnswer() {
        double[] aData = {1, 2, 3, 4};
        M a = la.fromRowMajor(2, 2, aData);
        double[] v = {10, 20};
        M out = filled(2, 2, Double.NaN);
        la.scaleAddRow(a, 2.0, v, out);
        assertArrayEquals(new double[] {12, 24, 16, 28}, la.toRowMajor(out));
        la.scaleAddRow(a, -1.0, v, out);
        assertArrayEquals(new double[] {9, 18, 7, 16}, la.toRowMajor(out));
        la.scaleAddRow(a, 0.0, v, out);
        assertArrayEquals(new double[] {10, 20, 10, 20}, la.toRowMajor(out));
        assertArrayEquals(aData, la.toRowMajor(a), "a was modified");
        assertArrayEquals(new double[] {10, 20}, v, "v was modified");
    }

    @Test
    void scaleAddRowInPlace() {
        M a = la.fromRowMajor(3, 2, new double[] {1, 2, 3, 4, 5, 6});
        la.scaleAddRow(a, 0.5, new double[] {-1, 1}, a);
        assertArrayEquals(new double[] {-0.5, 2, 0.5, 3, 1.5, 4}, la.toRowMajor(a));
    }

    @Test
    void scaleAddRowMatchesTheFormulaOnRandomData() {
        Random rnd = new Random(SEED + 2);
        int n = 37;
        int d = 9;
        double[] aData = gaussian(rnd, n * d);
        double[] v = gaussian(rnd, d);
        double alpha = -1.7;
        M out = la.zeros(n, d);
        la.scaleAddRow(la.fromRowMajor(n, d, aData), alpha, v, out);
        double[] got = la.toRowMajor(out);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double x = alpha * aData[i * d + j];
                assertClose(x + v[j], got[i * d + j], ROUNDING_TOL * (Math.abs(x) + Math.abs(v[j])),
                        "scaleAddRow[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void scaleAddRowOnEmptyAndOneByOne() {
        M empty = la.zeros(0, 3);
        la.scaleAddRow(empty, 2.0, new double[3], empty);
        assertShape(0, 3, empty);
        M none = la.zeros(0, 0);
        la.scaleAddRow(none, 2.0, new double[0], none);
        assertShape(0, 0, none);
        M one = la.fromRowMajor(1, 1, new double[] {3});
        la.scaleAddRow(one, 2.0, new double[] {1}, one);
        assertArrayEquals(new double[] {7}, la.toRowMajor(one));
    }

    @Test
    void scaleAddRowRejectsMismatchedShapes() {
        M a = la.zeros(2, 2);
        assertThrows(IllegalArgumentException.class, () -> la.scaleAddRow(a, 1.0, new double[3], la.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.scaleAddRow(a, 1.0, new double[1], la.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.scaleAddRow(a, 1.0, new double[2], la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.scaleAddRow(a, 1.0, new double[2], la.zeros(3, 2)));
    }

    @Test
    void subtractColumnKnownAnswer() {
        double[] aData = {1, 2, 3, 4, 5, 6};
        M a = la.fromRowMajor(2, 3, aData);
        M v = la.fromRowMajor(2, 1, new double[] {1, 10});
        M out = filled(2, 3, Double.NaN);
        la.subtractColumn(a, v, out);
        assertArrayEquals(new double[] {0, 1, 2, -6, -5, -4}, la.toRowMajor(out));
        assertArrayEquals(aData, la.toRowMajor(a), "a was modified");
        assertArrayEquals(new double[] {1, 10}, la.toRowMajor(v), "v was modified");
    }

    @Test
    void subtractColumnInPlaceWithInfinities() {
        M a = la.fromRowMajor(3, 2, new double[] {1, 2, Double.NEGATIVE_INFINITY, 0, 5, 5});
        la.subtractColumn(a, la.fromRowMajor(3, 1, new double[] {0.5, 3, -5}), a);
        assertArrayEquals(new double[] {0.5, 1.5, Double.NEGATIVE_INFINITY, -3, 10, 10}, la.toRowMajor(a));
    }

    @Test
    void subtractColumnOnEmptyAndOneByOne() {
        M empty = la.zeros(0, 4);
        la.subtractColumn(empty, la.zeros(0, 1), empty);
        assertShape(0, 4, empty);
        M noCols = la.zeros(3, 0);
        la.subtractColumn(noCols, la.zeros(3, 1), noCols);
        assertShape(3, 0, noCols);
        M one = la.fromRowMajor(1, 1, new double[] {3});
        M out = la.zeros(1, 1);
        la.subtractColumn(one, la.fromRowMajor(1, 1, new double[] {5}), out);
        assertArrayEquals(new double[] {-2}, la.toRowMajor(out));
    }

    @Test
    void subtractColumnRejectsMismatchedShapes() {
        M a = la.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> la.subtractColumn(a, la.zeros(3, 1), la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.subtractColumn(a, la.zeros(2, 2), la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.subtractColumn(a, la.zeros(1, 2), la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.subtractColumn(a, la.zeros(2, 1), la.zeros(3, 2)));
    }

    @Test
    void scaleRowsByColumnKnownAnswer() {
        double[] aData = {1, 2, 3, 4, 5, 6};
        double[] bData = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        M a = la.fromRowMajor(3, 2, aData);
        M b = la.fromRowMajor(3, 3, bData);
        M out = filled(3, 2, Double.NaN);
        la.scaleRowsByColumn(a, b, 1, out);
        assertArrayEquals(new double[] {2, 4, 15, 20, 40, 48}, la.toRowMajor(out));
        la.scaleRowsByColumn(a, b, 0, out);
        assertArrayEquals(new double[] {1, 2, 12, 16, 35, 42}, la.toRowMajor(out));
        la.scaleRowsByColumn(a, b, 2, out);
        assertArrayEquals(new double[] {3, 6, 18, 24, 45, 54}, la.toRowMajor(out));
        assertArrayEquals(aData, la.toRowMajor(a), "a was modified");
        assertArrayEquals(bData, la.toRowMajor(b), "b was modified");
    }

    @Test
    void scaleRowsByColumnInPlace() {
        M a = la.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        la.scaleRowsByColumn(a, la.fromRowMajor(2, 2, new double[] {9, 0.5, 9, -2}), 1, a);
        assertArrayEquals(new double[] {0.5, 1, 1.5, -8, -10, -12}, la.toRowMajor(a));
    }

    @Test
    void scaleRowsByColumnOnEmptyAndOneByOne() {
        M empty = la.zeros(0, 2);
        la.scaleRowsByColumn(empty, la.zeros(0, 3), 2, empty);
        assertShape(0, 2, empty);
        M one = la.fromRowMajor(1, 1, new double[] {3});
        M out = la.zeros(1, 1);
        la.scaleRowsByColumn(one, la.fromRowMajor(1, 1, new double[] {-2}), 0, out);
        assertArrayEquals(new double[] {-6}, la.toRowMajor(out));
    }

    @Test
    void scaleRowsByColumnRejectsMismatchedShapesAndColumns() {
        M a = la.zeros(3, 2);
        M b = la.zeros(3, 3);
        assertThrows(IllegalArgumentException.class, () -> la.scaleRowsByColumn(a, b, -1, la.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.scaleRowsByColumn(a, b, 3, la.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.scaleRowsByColumn(a, la.zeros(2, 3), 0, la.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.scaleRowsByColumn(a, b, 0, la.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.scaleRowsByColumn(a, la.zeros(3, 0), 0, la.zeros(3, 2)));
    }

    @Test
    void expKnownAnswers() {
        double[] aData = {0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Math.log(2), -1};
        M a = la.fromRowMajor(2, 3, aData);
        M out = filled(2, 3, Double.NaN);
        la.exp(a, out);
        assertEntries(new double[] {1, Math.E, 0, Double.POSITIVE_INFINITY, 2, 1 / Math.E}, la.toRowMajor(out),
                TRANSCENDENTAL_TOL, "exp");
        assertEquals(1.0, la.toRowMajor(out)[0], 0.0, "exp(0) is exactly 1");
        assertEquals(0.0, la.toRowMajor(out)[2], 0.0, "exp(-inf) is exactly 0");
        assertArrayEquals(aData, la.toRowMajor(a), "a was modified");
    }

    @Test
    void expInPlaceMatchesMathExp() {
        Random rnd = new Random(SEED + 3);
        int n = 17;
        int k = 5;
        double[] aData = new double[n * k];
        for (int i = 0; i < aData.length; i++) {
            aData[i] = 40 * rnd.nextDouble() - 30;
        }
        M a = la.fromRowMajor(n, k, aData);
        la.exp(a, a);
        double[] expected = new double[aData.length];
        for (int i = 0; i < aData.length; i++) {
            expected[i] = Math.exp(aData[i]);
        }
        assertEntriesRelative(expected, la.toRowMajor(a), TRANSCENDENTAL_TOL, "exp in place");
    }

    @Test
    void expOnEmptyAndOneByOne() {
        M empty = la.zeros(0, 0);
        la.exp(empty, empty);
        assertShape(0, 0, empty);
        M one = la.fromRowMajor(1, 1, new double[] {0});
        la.exp(one, one);
        assertArrayEquals(new double[] {1}, la.toRowMajor(one));
    }

    @Test
    void expRejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> la.exp(la.zeros(2, 3), la.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.exp(la.zeros(2, 3), la.zeros(3, 2)));
    }

}
