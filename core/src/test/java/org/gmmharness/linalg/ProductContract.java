package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LinearAlgebra#multiply}: known answers, every transpose combination
 * against a naive loop, empty and 1×1 shapes, aliasing and shape errors.
 *
 * @param <M> the backend's matrix type
 */
public abstract class ProductContract<M> extends LinearAlgebraContractSupport<M> {

    @Test
    void multiplyKnownAnswersForEveryTransposeCombination() {
        M a = la.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        M b = la.fromRowMajor(3, 2, new double[] {7, 8, 9, 10, 11, 12});
        // Small integers: every product and partial sum is exact in any order.
        M c = la.zeros(2, 2);
        la.multiply(a, false, b, false, c);
        assertArrayEquals(new double[] {58, 64, 139, 154}, la.toRowMajor(c));

        M ata = la.zeros(3, 3);
        la.multiply(a, true, a, false, ata);
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, la.toRowMajor(ata));

        M aat = la.zeros(2, 2);
        la.multiply(a, false, a, true, aat);
        assertArrayEquals(new double[] {14, 32, 32, 77}, la.toRowMajor(aat));

        // bᵀ·aᵀ = (a·b)ᵀ
        M btat = la.zeros(2, 2);
        la.multiply(b, true, a, true, btat);
        assertArrayEquals(new double[] {58, 139, 64, 154}, la.toRowMajor(btat));
    }

    @Test
    void multiplyOneByOne() {
        M c = la.zeros(1, 1);
        la.multiply(la.fromRowMajor(1, 1, new double[] {3}), false, la.fromRowMajor(1, 1, new double[] {-4}), false, c);
        assertArrayEquals(new double[] {-12}, la.toRowMajor(c));
        la.multiply(la.fromRowMajor(1, 1, new double[] {0.5}), true, la.fromRowMajor(1, 1, new double[] {6}), true, c);
        assertArrayEquals(new double[] {3}, la.toRowMajor(c));
    }

    @Test
    void multiplyMatchesANaiveTripleLoopForEveryTransposeCombination() {
        Random rnd = new Random(SEED);
        // m, k, n: vectors, non-square, sizes around unrolling and blocking thresholds, and one
        // big enough (> 5·10⁵ multiply-adds) for a backend's multi-threaded path.
        int[][] shapes = {
            {1, 1, 1}, {1, 5, 1}, {5, 1, 4}, {1, 7, 6}, {6, 7, 1}, {3, 4, 5}, {7, 7, 7}, {8, 8, 8},
            {16, 16, 16}, {33, 17, 9}, {1, 40, 13}, {64, 64, 3}, {200, 16, 16}, {2050, 16, 17},
        };
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 1) != 0;
                boolean transB = (t & 2) != 0;
                double[] aData = gaussian(rnd, m * k);
                double[] bData = gaussian(rnd, k * n);
                // Stored shapes: a is m×k, or k×m when it is to be transposed; likewise b.
                M a = transA ? la.fromRowMajor(k, m, aData) : la.fromRowMajor(m, k, aData);
                M b = transB ? la.fromRowMajor(n, k, bData) : la.fromRowMajor(k, n, bData);
                M c = filled(m, n, Double.NaN);
                la.multiply(a, transA, b, transB, c);
                String what = "multiply " + m + "x" + k + "x" + n + " transA=" + transA + " transB=" + transB;
                assertShape(m, n, c);
                assertProductClose(aData, transA, bData, transB, m, k, n, la.toRowMajor(c), what);
                assertArrayEquals(aData, la.toRowMajor(a), what + ": a was modified");
                assertArrayEquals(bData, la.toRowMajor(b), what + ": b was modified");
            }
        }
    }

    @Test
    void multiplyWithTheSameMatrixOnBothSides() {
        Random rnd = new Random(SEED + 1);
        int n = 23;
        int d = 6;
        double[] x = gaussian(rnd, n * d);
        M a = la.fromRowMajor(n, d, x);
        M gram = filled(d, d, Double.NaN);
        la.multiply(a, true, a, false, gram);
        assertProductClose(x, true, x, false, d, n, d, la.toRowMajor(gram), "aᵀ·a");
        M outer = filled(n, n, Double.NaN);
        la.multiply(a, false, a, true, outer);
        assertProductClose(x, false, x, true, n, d, n, la.toRowMajor(outer), "a·aᵀ");
        assertArrayEquals(x, la.toRowMajor(a));
    }

    @Test
    void multiplyOverwritesRatherThanAccumulates() {
        M a = la.fromRowMajor(2, 2, new double[] {1, 0, 0, 1});
        M b = la.fromRowMajor(2, 2, new double[] {1, 2, 3, 4});
        M c = la.fromRowMajor(2, 2, new double[] {100, 100, 100, 100});
        la.multiply(a, false, b, false, c);
        assertArrayEquals(new double[] {1, 2, 3, 4}, la.toRowMajor(c));
    }

    @Test
    void multiplyWithAnEmptyInnerSizeGivesZeros() {
        M c = filled(2, 3, Double.NaN);
        la.multiply(la.zeros(2, 0), false, la.zeros(0, 3), false, c);
        assertArrayEquals(new double[6], la.toRowMajor(c));

        c = filled(2, 3, Double.NaN);
        la.multiply(la.zeros(0, 2), true, la.zeros(0, 3), false, c);
        assertArrayEquals(new double[6], la.toRowMajor(c));

        c = filled(2, 3, Double.NaN);
        la.multiply(la.zeros(2, 0), false, la.zeros(3, 0), true, c);
        assertArrayEquals(new double[6], la.toRowMajor(c));

        c = filled(2, 3, Double.NaN);
        la.multiply(la.zeros(0, 2), true, la.zeros(3, 0), true, c);
        assertArrayEquals(new double[6], la.toRowMajor(c));
    }

    @Test
    void multiplyWithEmptyOuterSizes() {
        M c = la.zeros(0, 2);
        la.multiply(la.zeros(0, 3), false, la.fromRowMajor(3, 2, new double[] {1, 2, 3, 4, 5, 6}), false, c);
        assertShape(0, 2, c);

        M d = la.zeros(2, 0);
        la.multiply(la.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6}), false, la.zeros(3, 0), false, d);
        assertShape(2, 0, d);

        M e = la.zeros(0, 0);
        la.multiply(la.zeros(0, 0), false, la.zeros(0, 0), false, e);
        assertShape(0, 0, e);

        M f = la.zeros(0, 0);
        la.multiply(la.zeros(4, 0), true, la.zeros(4, 0), false, f);
        assertShape(0, 0, f);
    }

    @Test
    void multiplyRejectsMismatchedShapes() {
        M a23 = la.zeros(2, 3);
        M b23 = la.zeros(2, 3);
        // Inner sizes differ: 2×3 · 2×3.
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a23, false, b23, false, la.zeros(2, 3)));
        // 3×2 · 3×2 with both transposed: 2×3 · 2×3 again.
        assertThrows(IllegalArgumentException.class,
                () -> la.multiply(la.zeros(3, 2), true, la.zeros(3, 2), true, la.zeros(2, 2)));
        // The same operands fit once b is transposed, but c has the wrong shape.
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a23, false, b23, true, la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a23, false, b23, true, la.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a23, true, b23, false, la.zeros(2, 2)));
        // And the right c is accepted.
        M c = la.zeros(2, 2);
        la.multiply(a23, false, b23, true, c);
        assertShape(2, 2, c);
    }

}
