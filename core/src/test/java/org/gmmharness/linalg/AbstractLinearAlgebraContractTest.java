package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LinearAlgebra}, checked against its Javadoc, together with the choices
 * every backend makes where the Javadoc leaves them open (NaN as NumPy treats it, the exceptions
 * for non-finite and singular input, error messages naming the method and the shapes), and the
 * agreement of a backend's overrides of the composite operations with the SPI's defaults. Every
 * backend subclasses this class (it is published in core's test-jar) and supplies
 * {@link #backend()}; one whose operations take other paths on other storage layouts also
 * overrides {@link #layouts}.
 *
 * <p>Expected values are either exact by construction (small integers, powers of two, identities
 * such as log(exp(0)) = 0) or computed here by naive loops over seeded random data, and compared
 * with the tolerances below, each scaled by the size of what it bounds.
 *
 * @param <M> the backend's matrix type
 */
public abstract class AbstractLinearAlgebraContractTest<M> {

    /**
     * Relative tolerance for a product entry, scaled by Σ_k |a_ik·b_kj|. Any summation order
     * bounds the error of a length-k dot product by about k·2⁻⁵³·Σ|a·b|, under 1e-14 for the
     * k ≤ 64 used here; 1e-12 leaves room for blocked and fused kernels, while a wrong index or
     * transpose gives errors of order one.
     */
    protected static final double PRODUCT_TOL = 1e-12;

    /**
     * Relative tolerance for element-wise arithmetic of one or two roundings, scaled by the
     * magnitudes of the operands: a backend may fuse {@code alpha·a + v} into one multiply-add,
     * which moves the result by at most an ulp or two (2.2e-16 each).
     */
    protected static final double ROUNDING_TOL = 1e-15;

    /**
     * Relative tolerance for exp, log and log-sum-exp, scaled by max(1, |expected|). Libraries'
     * exp and log (glibc, Intel's, SLEEF, fdlibm) are within a few ulps of each other, and
     * log-sum-exp adds the rounding of a k-term sum.
     */
    protected static final double TRANSCENDENTAL_TOL = 1e-14;

    /**
     * Relative tolerance for Cholesky factors and triangular inverses of the well-conditioned
     * d ≤ 12 matrices used here (condition numbers below about 10³), scaled by the norm of what is
     * compared: their backward error is a modest multiple of d·2⁻⁵³·κ, and LAPACK-style blocked
     * code rounds in another order than a textbook loop.
     */
    protected static final double FACTOR_TOL = 1e-12;

    /** The seed of every random matrix, so that a failure reproduces. */
    private static final long SEED = 20240611L;

    /** The backend under test, created fresh for each test by {@link #backend()}. */
    protected LinearAlgebra<M> la;

    /** @return a new instance of the backend under test */
    protected abstract LinearAlgebra<M> backend();

    @BeforeEach
    void createBackend() {
        la = backend();
        assertNotNull(la, "backend() returned null");
    }

    // =========================================================================================
    // name, zeros, the row-major boundary
    // =========================================================================================

    @Test
    void nameIsNonEmptyLowerCaseAndTrimmed() {
        String name = la.name();
        assertNotNull(name);
        assertFalse(name.isEmpty());
        assertEquals(name.trim().toLowerCase(Locale.ROOT), name);
    }

    @Test
    void zerosHasTheShapeAndOnlyZeros() {
        M z = la.zeros(2, 3);
        assertShape(2, 3, z);
        assertArrayEquals(new double[6], la.toRowMajor(z));
    }

    @Test
    void zerosOfEmptyShapes() {
        M z = la.zeros(0, 0);
        assertShape(0, 0, z);
        assertEquals(0, la.toRowMajor(z).length);
        assertShape(0, 3, la.zeros(0, 3));
        assertShape(3, 0, la.zeros(3, 0));
        assertEquals(0, la.toRowMajor(la.zeros(3, 0)).length);
    }

    @Test
    void zerosOfOneByOne() {
        M z = la.zeros(1, 1);
        assertShape(1, 1, z);
        assertArrayEquals(new double[] {0.0}, la.toRowMajor(z));
    }

    @Test
    void fromRowMajorRoundTripsExactlyIncludingSpecialValues() {
        double[] data = {1, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, Math.PI, -1e-300, 0.1, 12345.678, -7};
        M m = la.fromRowMajor(3, 4, data);
        assertShape(3, 4, m);
        // assertArrayEquals on doubles compares bit patterns, so -0.0 and NaN must survive.
        assertArrayEquals(data, la.toRowMajor(m));
    }

    @Test
    void fromRowMajorIsRowMajor() {
        M m = la.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        // Row sums and column sums tell row-major from column-major layout.
        assertArrayEquals(new double[] {5, 7, 9}, la.columnSums(m));
        assertArrayEquals(new int[] {2, 2}, la.argmaxRows(m));
        M ones = la.fromRowMajor(3, 1, new double[] {1, 1, 1});
        M rowSums = la.zeros(2, 1);
        la.multiply(m, false, ones, false, rowSums);
        assertArrayEquals(new double[] {6, 15}, la.toRowMajor(rowSums));
    }

    @Test
    void fromRowMajorDoesNotRetainItsArrayAndToRowMajorReturnsACopy() {
        double[] data = {1, 2, 3, 4};
        M m = la.fromRowMajor(2, 2, data);
        data[0] = 99;
        assertArrayEquals(new double[] {1, 2, 3, 4}, la.toRowMajor(m));
        double[] out = la.toRowMajor(m);
        out[1] = 99;
        assertArrayEquals(new double[] {1, 2, 3, 4}, la.toRowMajor(m));
        assertNotSame(la.toRowMajor(m), la.toRowMajor(m));
    }

    @Test
    void fromRowMajorOfEmptyAndOneByOne() {
        assertShape(0, 0, la.fromRowMajor(0, 0, new double[0]));
        assertShape(0, 5, la.fromRowMajor(0, 5, new double[0]));
        M one = la.fromRowMajor(1, 1, new double[] {-2.5});
        assertShape(1, 1, one);
        assertArrayEquals(new double[] {-2.5}, la.toRowMajor(one));
    }

    @Test
    void adoptRowMajorHoldsTheValuesInRowMajorOrderAndChecksTheLength() {
        double[] data = {1, -0.0, Double.NaN, 4, 5, 6};
        M m = la.adoptRowMajor(2, 3, data.clone());
        assertShape(2, 3, m);
        assertArrayEquals(data, la.toRowMajor(m));
        assertArrayEquals(new double[] {5, 5, Double.NaN}, la.columnSums(m));
        assertShape(0, 4, la.adoptRowMajor(0, 4, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> la.adoptRowMajor(2, 3, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> la.adoptRowMajor(0, 0, new double[1]));
    }

    @Test
    void fromRowSourceAsksForEveryRowOnceInOrder() {
        for (int[] sh : new int[][] {{0, 3}, {1, 1}, {5, 1}, {1, 7}, {3001, 3}, {70_000, 5}}) {
            int rows = sh[0];
            int cols = sh[1];
            int[] next = {0};
            M m = la.fromRowSource(rows, cols, (from, count, block) -> {
                assertEquals(next[0], from, "rows asked for in order, each once");
                assertTrue(count >= 1 && block.length >= count * cols, "a block of " + count + " rows");
                for (int i = 0; i < count; i++) {
                    for (int j = 0; j < cols; j++) {
                        block[i * cols + j] = (from + i) * 10.0 + j;
                    }
                }
                next[0] = from + count;
            });
            assertShape(rows, cols, m);
            assertEquals(rows, next[0], "every row asked for");
            double[] want = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    want[i * cols + j] = i * 10.0 + j;
                }
            }
            assertArrayEquals(want, la.toRowMajor(m), rows + "x" + cols);
        }
        IllegalStateException thrown = new IllegalStateException("bad value");
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> la.fromRowSource(4, 2, (from, count, block) -> {
            throw thrown;
        })));
    }

    @Test
    void fromRowMajorRejectsAWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> la.fromRowMajor(2, 3, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> la.fromRowMajor(2, 3, new double[7]));
        assertThrows(IllegalArgumentException.class, () -> la.fromRowMajor(0, 0, new double[1]));
    }

    @Test
    void setRowMajorOverwritesInPlace() {
        M m = la.zeros(2, 3);
        double[] first = {1, 2, 3, 4, 5, 6};
        la.setRowMajor(first, m);
        assertShape(2, 3, m);
        assertArrayEquals(first, la.toRowMajor(m));
        double[] second = {-1, Double.NaN, 0.5, 1e300, -0.0, 7};
        la.setRowMajor(second, m);
        assertArrayEquals(second, la.toRowMajor(m));
        second[0] = 42;
        assertEquals(-1.0, la.toRowMajor(m)[0], 0.0, "setRowMajor must copy, not retain, its array");
    }

    @Test
    void setRowMajorOnEmptyAndOneByOne() {
        M empty = la.zeros(0, 0);
        la.setRowMajor(new double[0], empty);
        assertShape(0, 0, empty);
        M one = la.zeros(1, 1);
        la.setRowMajor(new double[] {3.5}, one);
        assertArrayEquals(new double[] {3.5}, la.toRowMajor(one));
    }

    @Test
    void setRowMajorRejectsAWrongLength() {
        M m = la.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> la.setRowMajor(new double[5], m));
        assertThrows(IllegalArgumentException.class, () -> la.setRowMajor(new double[7], m));
        assertThrows(IllegalArgumentException.class, () -> la.setRowMajor(new double[1], la.zeros(0, 0)));
    }

    @Test
    void copyToRowMajorMatchesToRowMajorBitForBit() {
        Random rnd = new Random(SEED + 20);
        // Shapes across blocking boundaries (52 for a block layout) and chunk edges.
        int[][] shapes = {{1, 1}, {2, 3}, {7, 1}, {1, 7}, {53, 53}, {60, 110}, {4099, 3}, {1000, 16}};
        for (int[] s : shapes) {
            double[] data = gaussian(rnd, s[0] * s[1]);
            M m = la.fromRowMajor(s[0], s[1], data);
            double[] out = new double[data.length];
            Arrays.fill(out, Double.NaN);
            la.copyToRowMajor(m, out);
            assertArrayEquals(data, out, "copyToRowMajor " + s[0] + "x" + s[1]);
            assertArrayEquals(la.toRowMajor(m), out, "copyToRowMajor " + s[0] + "x" + s[1] + " vs toRowMajor");
            assertArrayEquals(data, la.toRowMajor(m), "a was modified");
        }
        double[] special = {1, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
        double[] out = new double[6];
        la.copyToRowMajor(la.fromRowMajor(2, 3, special), out);
        assertArrayEquals(special, out, "special values");
    }

    @Test
    void copyToRowMajorIntoALongerArrayWritesOnlyThePrefix() {
        Random rnd = new Random(SEED + 21);
        for (int[] s : new int[][] {{1, 1}, {3, 4}, {60, 110}}) {
            double[] data = gaussian(rnd, s[0] * s[1]);
            double[] out = new double[data.length + 17];
            Arrays.fill(out, -7.25);
            la.copyToRowMajor(la.fromRowMajor(s[0], s[1], data), out);
            assertArrayEquals(data, Arrays.copyOf(out, data.length), "prefix " + s[0] + "x" + s[1]);
            for (int i = data.length; i < out.length; i++) {
                assertEquals(-7.25, out[i], 0.0, "entry " + i + " past the prefix was written");
            }
        }
        double[] untouched = {4, 5};
        la.copyToRowMajor(la.zeros(0, 0), untouched);
        la.copyToRowMajor(la.zeros(0, 3), untouched);
        la.copyToRowMajor(la.zeros(3, 0), untouched);
        assertArrayEquals(new double[] {4, 5}, untouched, "an empty matrix writes nothing");
        la.copyToRowMajor(la.zeros(0, 0), new double[0]);
    }

    @Test
    void copyToRowMajorOverwritesWhatWasThere() {
        double[] out = {9, 9, 9, 9, 9};
        la.copyToRowMajor(la.fromRowMajor(2, 2, new double[] {1, 2, 3, 4}), out);
        assertArrayEquals(new double[] {1, 2, 3, 4, 9}, out);
        la.copyToRowMajor(la.zeros(2, 2), out);
        assertArrayEquals(new double[] {0, 0, 0, 0, 9}, out);
    }

    @Test
    void copyToRowMajorRejectsAShortArray() {
        // The convention is IllegalArgumentException; the default's System.arraycopy throws an
        // IndexOutOfBoundsException. Either way nothing may be written silently past the array.
        M m = la.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        RuntimeException e = assertThrows(RuntimeException.class, () -> la.copyToRowMajor(m, new double[5]));
        assertTrue(e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException,
                "copyToRowMajor into a short array threw " + e);
    }

    // =========================================================================================
    // multiply
    // =========================================================================================

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

    // =========================================================================================
    // broadcasts and element-wise operations
    // =========================================================================================

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

    // =========================================================================================
    // reductions
    // =========================================================================================

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

    // =========================================================================================
    // cholesky and invertLowerTriangular
    // =========================================================================================

    @Test
    void choleskyKnownTwoByTwo() {
        double[] aData = {4, 2, 2, 3};
        M a = la.fromRowMajor(2, 2, aData);
        M out = filled(2, 2, Double.NaN);
        la.cholesky(a, out);
        assertEntries(new double[] {2, 0, 1, Math.sqrt(2)}, la.toRowMajor(out), FACTOR_TOL, "chol [[4,2],[2,3]]");
        assertEquals(0.0, la.toRowMajor(out)[1], 0.0, "above the diagonal must be exactly zero");
        assertArrayEquals(aData, la.toRowMajor(a), "a was modified");
    }

    @Test
    void choleskyKnownThreeByThree() {
        // A = L·Lᵀ with L = [[2,0,0],[1,3,0],[-1,2,4]], all exact in binary.
        M a = la.fromRowMajor(3, 3, new double[] {4, 2, -2, 2, 10, 5, -2, 5, 21});
        M out = filled(3, 3, Double.NaN);
        la.cholesky(a, out);
        assertEntries(new double[] {2, 0, 0, 1, 3, 0, -1, 2, 4}, la.toRowMajor(out), FACTOR_TOL, "chol 3x3");
        double[] l = la.toRowMajor(out);
        assertEquals(0.0, l[1], 0.0);
        assertEquals(0.0, l[2], 0.0);
        assertEquals(0.0, l[5], 0.0);
    }

    @Test
    void choleskyOfOneByOneAndEmpty() {
        M out = filled(1, 1, Double.NaN);
        la.cholesky(la.fromRowMajor(1, 1, new double[] {9}), out);
        assertArrayEquals(new double[] {3}, la.toRowMajor(out));
        M tiny = la.zeros(1, 1);
        la.cholesky(la.fromRowMajor(1, 1, new double[] {0x1p-1000}), tiny);
        assertArrayEquals(new double[] {0x1p-500}, la.toRowMajor(tiny));
        M empty = la.zeros(0, 0);
        la.cholesky(la.zeros(0, 0), empty);
        assertShape(0, 0, empty);
    }

    @Test
    void choleskyReadsOnlyTheLowerTriangle() {
        // The upper triangle holds NaN and a value that would make the matrix indefinite.
        M a = la.fromRowMajor(3, 3, new double[] {4, Double.NaN, 100, 2, 10, Double.NaN, -2, 5, 21});
        M out = la.zeros(3, 3);
        la.cholesky(a, out);
        assertEntries(new double[] {2, 0, 0, 1, 3, 0, -1, 2, 4}, la.toRowMajor(out), FACTOR_TOL, "chol lower only");
    }

    @Test
    void choleskyReconstructsRandomSpdMatrices() {
        Random rnd = new Random(SEED + 9);
        for (int d = 1; d <= 12; d++) {
            double[] a = randomSpd(rnd, d);
            M out = filled(d, d, Double.NaN);
            la.cholesky(la.fromRowMajor(d, d, a), out);
            double[] l = la.toRowMajor(out);
            double norm = maxAbs(a);
            for (int i = 0; i < d; i++) {
                assertTrue(l[i * d + i] > 0, "diagonal of L must be positive, d=" + d);
                for (int j = i + 1; j < d; j++) {
                    assertEquals(0.0, l[i * d + j], 0.0, "L must be zero above the diagonal, d=" + d);
                }
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int k = 0; k <= j; k++) {
                        s += l[i * d + k] * l[j * d + k];
                    }
                    assertClose(a[i * d + j], s, FACTOR_TOL * norm, "L·Lᵀ[" + i + "][" + j + "], d=" + d);
                }
            }
        }
    }

    @Test
    void choleskyOfNonPositiveDefiniteMatricesThrows() {
        double[][] bad = {
            {1, 2, 2, 1},            // indefinite: eigenvalues 3 and -1
            {0},                     // zero
            {-1},                    // negative
            {1, 1, 1, 1, 1, 1, 1, 1, 1}, // positive semi-definite, rank one: an exactly zero pivot
            {4, 2, 2, -3},           // negative second pivot
        };
        for (double[] data : bad) {
            int d = (int) Math.round(Math.sqrt(data.length));
            M a = la.fromRowMajor(d, d, data);
            M out = la.zeros(d, d);
            NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                    () -> la.cholesky(a, out), Arrays.toString(data));
            assertNotNull(e.getMessage(), "the exception should say what failed");
            assertArrayEquals(data, la.toRowMajor(a), "a was modified");
        }
    }

    @Test
    void choleskyRejectsNonSquareAndMismatchedOut() {
        assertThrows(IllegalArgumentException.class, () -> la.cholesky(la.zeros(2, 3), la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.cholesky(la.zeros(2, 3), la.zeros(2, 2)));
        M a = la.fromRowMajor(2, 2, new double[] {4, 2, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> la.cholesky(a, la.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.cholesky(a, la.zeros(2, 1)));
    }

    @Test
    void invertLowerTriangularKnownAnswers() {
        double[] lData = {2, 0, 1, 4};
        M l = la.fromRowMajor(2, 2, lData);
        M out = filled(2, 2, Double.NaN);
        la.invertLowerTriangular(l, out);
        // Powers of two: exact.
        assertArrayEquals(new double[] {0.5, 0, -0.125, 0.25}, la.toRowMajor(out));
        assertArrayEquals(lData, la.toRowMajor(l), "l was modified");

        // Unit lower triangular with integer entries: the inverse is exact, [[1,0,0],[-2,1,0],[5,-4,1]].
        M l3 = la.fromRowMajor(3, 3, new double[] {1, 0, 0, 2, 1, 0, 3, 4, 1});
        M out3 = filled(3, 3, Double.NaN);
        la.invertLowerTriangular(l3, out3);
        assertArrayEquals(new double[] {1, 0, 0, -2, 1, 0, 5, -4, 1}, la.toRowMajor(out3));
    }

    @Test
    void invertLowerTriangularOfOneByOneAndEmpty() {
        M out = filled(1, 1, Double.NaN);
        la.invertLowerTriangular(la.fromRowMajor(1, 1, new double[] {4}), out);
        assertArrayEquals(new double[] {0.25}, la.toRowMajor(out));
        la.invertLowerTriangular(la.fromRowMajor(1, 1, new double[] {-0.5}), out);
        assertArrayEquals(new double[] {-2}, la.toRowMajor(out));
        M empty = la.zeros(0, 0);
        la.invertLowerTriangular(la.zeros(0, 0), empty);
        assertShape(0, 0, empty);
    }

    @Test
    void invertLowerTriangularReadsOnlyTheLowerTriangle() {
        M l = la.fromRowMajor(3, 3, new double[] {1, Double.NaN, 7, 2, 1, Double.NaN, 3, 4, 1});
        M out = filled(3, 3, Double.NaN);
        la.invertLowerTriangular(l, out);
        assertArrayEquals(new double[] {1, 0, 0, -2, 1, 0, 5, -4, 1}, la.toRowMajor(out));
    }

    @Test
    void invertLowerTriangularOfRandomMatricesIsAnInverse() {
        Random rnd = new Random(SEED + 10);
        for (int d = 1; d <= 12; d++) {
            double[] l = new double[d * d];
            for (int i = 0; i < d; i++) {
                // A dominant diagonal keeps the condition number small.
                l[i * d + i] = (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextDouble());
                for (int j = 0; j < i; j++) {
                    l[i * d + j] = 0.5 * rnd.nextGaussian() / d;
                }
            }
            M out = filled(d, d, Double.NaN);
            la.invertLowerTriangular(la.fromRowMajor(d, d, l), out);
            double[] x = la.toRowMajor(out);
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    assertEquals(0.0, x[i * d + j], 0.0, "inverse must be zero above the diagonal, d=" + d);
                }
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += l[i * d + k] * x[k * d + j];
                    }
                    assertClose(i == j ? 1 : 0, s, FACTOR_TOL, "L·L⁻¹[" + i + "][" + j + "], d=" + d);
                }
            }
        }
    }

    @Test
    void invertLowerTriangularOfACholeskyFactor() {
        // The precision-Cholesky path of EM: L = chol(A), then L⁻¹; (L⁻¹)ᵀ·L⁻¹ = A⁻¹, so
        // A·(L⁻¹)ᵀ·L⁻¹ = I.
        Random rnd = new Random(SEED + 11);
        int d = 7;
        double[] a = randomSpd(rnd, d);
        M am = la.fromRowMajor(d, d, a);
        M l = la.zeros(d, d);
        la.cholesky(am, l);
        M inv = la.zeros(d, d);
        la.invertLowerTriangular(l, inv);
        M precision = la.zeros(d, d);
        la.multiply(inv, true, inv, false, precision);
        M identity = la.zeros(d, d);
        la.multiply(am, false, precision, false, identity);
        double[] id = la.toRowMajor(identity);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertClose(i == j ? 1 : 0, id[i * d + j], FACTOR_TOL * 10, "A·A⁻¹[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void invertLowerTriangularRejectsNonSquareAndMismatchedOut() {
        assertThrows(IllegalArgumentException.class, () -> la.invertLowerTriangular(la.zeros(2, 3), la.zeros(2, 3)));
        M l = la.fromRowMajor(2, 2, new double[] {1, 0, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> la.invertLowerTriangular(l, la.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.invertLowerTriangular(l, la.zeros(1, 2)));
    }

    // =========================================================================================
    // weightedScatter
    // =========================================================================================

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

    // =========================================================================================
    // copyRows and momentRows: the blocks of the M-step
    // =========================================================================================

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

    // =========================================================================================
    // blockQuadraticForms and normalizeRows: the E-step's composite operations
    // =========================================================================================

    @Test
    void blockQuadraticFormsKnownAnswers() {
        M x = la.fromRowMajor(2, 2, new double[] {1, 2, 3, 4});
        double[] fData = {1, 0, 1, 1, 0, 1, 0, 2};
        M f = la.fromRowMajor(2, 4, fData);
        // P = x·f = [[1, 2, 1, 5], [3, 4, 3, 11]]; P + offsets = [[1, 1, 2, 0], [3, 3, 4, 6]].
        double[] offsets = {0, -1, 1, -5};
        M out2 = filled(2, 2, Double.NaN);
        la.blockQuadraticForms(x, f, offsets, filled(2, 4, Double.NaN), out2);
        assertArrayEquals(new double[] {2, 4, 18, 52}, la.toRowMajor(out2));
        M out1 = filled(2, 1, Double.NaN);
        la.blockQuadraticForms(x, f, offsets, filled(2, 4, Double.NaN), out1);
        assertArrayEquals(new double[] {6, 70}, la.toRowMajor(out1));
        M out4 = filled(2, 4, Double.NaN);
        la.blockQuadraticForms(x, f, offsets, filled(2, 4, Double.NaN), out4);
        assertArrayEquals(new double[] {1, 1, 4, 0, 9, 9, 16, 36}, la.toRowMajor(out4));
        assertArrayEquals(new double[] {1, 2, 3, 4}, la.toRowMajor(x), "x was modified");
        assertArrayEquals(fData, la.toRowMajor(f), "f was modified");
        assertArrayEquals(new double[] {0, -1, 1, -5}, offsets, "offsets were modified");
    }

    @Test
    void blockQuadraticFormsMatchesANaiveLoop() {
        Random rnd = new Random(SEED + 22);
        // n, d, K, w: n at chunk edges (1, 7, 1000, 4099, and one large enough for a parallel
        // path), K·w from 1 to 1024, w both equal to d (full covariance) and not.
        int[][] shapes = {
            {1, 1, 1, 1}, {1, 3, 2, 5}, {7, 4, 3, 2}, {7, 5, 1024, 1}, {7, 2, 1, 1024}, {53, 53, 2, 53},
            {1000, 64, 16, 64}, {1000, 16, 8, 16}, {4099, 16, 8, 16}, {4099, 2, 3, 2}, {4099, 8, 4, 8},
            {30011, 8, 4, 8}, {30011, 2, 3, 2},
        };
        for (int[] s : shapes) {
            int n = s[0];
            int d = s[1];
            int k = s[2];
            int w = s[3];
            double[] xData = gaussian(rnd, n * d);
            for (int i = 0; i < xData.length; i++) {
                xData[i] = 3 * xData[i] + 2;
            }
            double[] fData = gaussian(rnd, d * k * w);
            double[] offsets = gaussian(rnd, k * w);
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] *= 2 * d;
            }
            M x = la.fromRowMajor(n, d, xData);
            M f = la.fromRowMajor(d, k * w, fData);
            M out = filled(n, k, Double.NaN);
            String what = "blockQuadraticForms n=" + n + " d=" + d + " K=" + k + " w=" + w;
            la.blockQuadraticForms(x, f, offsets, filled(n, k * w, Double.NaN), out);
            assertBlockQuadraticFormsClose(xData, fData, offsets, n, d, k, w, la.toRowMajor(out), what);
            assertArrayEquals(xData, la.toRowMajor(x), what + ": x was modified");
            assertArrayEquals(fData, la.toRowMajor(f), what + ": f was modified");
        }
    }

    @Test
    void blockQuadraticFormsDoesNotDependOnTheScratchOrOnEarlierCalls() {
        Random rnd = new Random(SEED + 23);
        int n = 4099;
        int d = 6;
        int k = 3;
        int w = 6;
        double[] xData = gaussian(rnd, n * d);
        M x = la.fromRowMajor(n, d, xData);
        M out = filled(n, k, Double.NaN);
        double[] garbage = gaussian(rnd, n * k * w);
        garbage[5] = Double.POSITIVE_INFINITY;
        garbage[17] = Double.NaN;
        M own = la.blockQuadraticFormsScratch(n, k * w);
        boolean whole = la.rows(own) == n && la.cols(own) == k * w;
        assertTrue(whole || la.rows(own) == 0 && la.cols(own) == 0,
                "blockQuadraticFormsScratch must be n x width or 0 x 0, got " + la.rows(own) + "x" + la.cols(own));
        List<M> scratches = List.of(own, filled(n, k * w, Double.NaN), filled(n, k * w, Double.NEGATIVE_INFINITY),
                la.fromRowMajor(n, k * w, garbage), la.zeros(n, k * w));
        M shared = la.zeros(n, k * w);
        for (int t = 0; t < scratches.size(); t++) {
            // New parameters each time, the same out and (second call) the same scratch reused:
            // the result must be overwritten, never accumulated.
            double[] fData = gaussian(rnd, d * k * w);
            double[] offsets = gaussian(rnd, k * w);
            M f = la.fromRowMajor(d, k * w, fData);
            la.blockQuadraticForms(x, f, offsets, scratches.get(t), out);
            assertBlockQuadraticFormsClose(xData, fData, offsets, n, d, k, w, la.toRowMajor(out),
                    "blockQuadraticForms with scratch " + t);
            la.blockQuadraticForms(x, f, offsets, shared, out);
            assertBlockQuadraticFormsClose(xData, fData, offsets, n, d, k, w, la.toRowMajor(out),
                    "blockQuadraticForms with a reused scratch, call " + t);
        }
    }

    @Test
    void blockQuadraticFormsStaysExactForNarrowComponents() {
        // A component of width 1e-3 far from the origin: P = x·f is about 1e7 while P + offsets
        // is about 1. The direct form keeps the digits; the expanded form |P|² − 2·P·(−o) + |o|²
        // loses about 14 of them and fails this tolerance by orders of magnitude.
        Random rnd = new Random(SEED + 24);
        int n = 1000;
        int d = 8;
        int k = 2;
        double[] mu = new double[d];
        for (int j = 0; j < d; j++) {
            mu[j] = 1000 + 10 * rnd.nextGaussian();
        }
        double[] xData = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                xData[i * d + j] = mu[j] + 1e-3 * rnd.nextGaussian();
            }
        }
        // Per component, an upper-triangular precision factor of scale 1e3, and offsets −μ·U.
        double[] fData = new double[d * k * d];
        double[] offsets = new double[k * d];
        for (int b = 0; b < k; b++) {
            for (int p = 0; p < d; p++) {
                for (int q = p; q < d; q++) {
                    fData[p * k * d + b * d + q] = (p == q ? 1e3 : 1e2 * rnd.nextGaussian());
                }
            }
            for (int q = 0; q < d; q++) {
                double s = 0;
                for (int p = 0; p < d; p++) {
                    s += mu[p] * fData[p * k * d + b * d + q];
                }
                offsets[b * d + q] = -s;
            }
        }
        M out = filled(n, k, Double.NaN);
        la.blockQuadraticForms(la.fromRowMajor(n, d, xData), la.fromRowMajor(d, k * d, fData), offsets,
                filled(n, k * d, Double.NaN), out);
        assertBlockQuadraticFormsClose(xData, fData, offsets, n, d, k, d, la.toRowMajor(out),
                "blockQuadraticForms of a narrow component");
    }

    @Test
    void blockQuadraticFormsOnEmptyShapes() {
        M out = la.zeros(0, 2);
        la.blockQuadraticForms(la.zeros(0, 3), la.zeros(3, 4), new double[4], la.zeros(0, 4), out);
        assertShape(0, 2, out);
        // d = 0: P is zero, so each block is the sum of its offsets' squares.
        M out2 = filled(3, 2, Double.NaN);
        la.blockQuadraticForms(la.zeros(3, 0), la.zeros(0, 4), new double[] {1, 2, 3, -4}, la.zeros(3, 4), out2);
        assertArrayEquals(new double[] {5, 25, 5, 25, 5, 25}, la.toRowMajor(out2));
        M one = filled(1, 1, Double.NaN);
        la.blockQuadraticForms(la.fromRowMajor(1, 1, new double[] {3}), la.fromRowMajor(1, 1, new double[] {-2}),
                new double[] {4}, la.zeros(1, 1), one);
        assertArrayEquals(new double[] {4}, la.toRowMajor(one));
    }

    @Test
    void blockQuadraticFormsRejectsMismatchedShapes() {
        M x = la.zeros(5, 3);
        M f = la.zeros(3, 6);
        double[] off = new double[6];
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, la.zeros(4, 6), off, la.zeros(5, 6), la.zeros(5, 2)), "rows(f) != cols(x)");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, new double[5], la.zeros(5, 6), la.zeros(5, 2)), "offsets length");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, new double[7], la.zeros(5, 6), la.zeros(5, 2)), "offsets length");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, off, la.zeros(5, 6), la.zeros(4, 2)), "rows(out)");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, off, la.zeros(5, 6), la.zeros(5, 4)), "cols(out) does not divide cols(f)");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, off, la.zeros(4, 6), la.zeros(5, 2)), "scratch rows");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, off, la.zeros(5, 5), la.zeros(5, 2)), "scratch cols");
    }

    @Test
    void normalizeRowsKnownAnswers() {
        double inf = Double.POSITIVE_INFINITY;
        M a = la.fromRowMajor(4, 2, new double[] {
            0, 0,
            1000, 1000,
            -inf, 3,
            -745, -745,
        });
        M logNorm = filled(4, 1, Double.NaN);
        M resp = filled(4, 2, Double.NaN);
        la.normalizeRows(a, logNorm, resp);
        double ln2 = Math.log(2);
        assertEntries(new double[] {ln2, 1000 + ln2, 3, -745 + ln2}, la.toRowMajor(logNorm), TRANSCENDENTAL_TOL,
                "normalizeRows logNorm");
        assertEntries(new double[] {-ln2, -ln2, -ln2, -ln2, -inf, 0, -ln2, -ln2}, la.toRowMajor(a),
                TRANSCENDENTAL_TOL * 1000, "normalizeRows log-responsibilities");
        assertEntries(new double[] {0.5, 0.5, 0.5, 0.5, 0, 1, 0.5, 0.5}, la.toRowMajor(resp), TRANSCENDENTAL_TOL * 1000,
                "normalizeRows responsibilities");
        // A single finite term: log(exp(0)) = 0, so the row comes back exactly.
        assertEquals(3.0, la.toRowMajor(logNorm)[2], 0.0);
        assertEquals(0.0, la.toRowMajor(a)[5], 0.0);
        assertEquals(1.0, la.toRowMajor(resp)[5], 0.0);
    }

    @Test
    void normalizeRowsOfOneColumnGivesZeroAndOne() {
        double[] col = {5, -3, 1e308, -1e-300, 0, -1e5};
        M a = la.fromRowMajor(col.length, 1, col);
        M logNorm = filled(col.length, 1, Double.NaN);
        M resp = filled(col.length, 1, Double.NaN);
        la.normalizeRows(a, logNorm, resp);
        assertArrayEquals(col, la.toRowMajor(logNorm));
        assertArrayEquals(new double[col.length], la.toRowMajor(a));
        double[] ones = new double[col.length];
        Arrays.fill(ones, 1.0);
        assertArrayEquals(ones, la.toRowMajor(resp));
    }

    @Test
    void normalizeRowsMatchesTheFormulaOnRandomRows() {
        Random rnd = new Random(SEED + 25);
        // n at chunk edges and one large enough for a parallel path; k across block widths.
        int[][] shapes = {
            {1, 1}, {1, 16}, {7, 3}, {7, 53}, {1000, 4}, {1000, 110}, {4099, 8}, {4099, 1}, {30011, 3}, {30011, 16},
        };
        for (int[] s : shapes) {
            int n = s[0];
            int k = s[1];
            double[] data = logProbabilities(rnd, n, k);
            M a = la.fromRowMajor(n, k, data);
            M logNorm = filled(n, 1, Double.NaN);
            M resp = filled(n, k, Double.NaN);
            la.normalizeRows(a, logNorm, resp);
            assertNormalizedRows(data, n, k, la.toRowMajor(logNorm), la.toRowMajor(a), la.toRowMajor(resp),
                    "normalizeRows " + n + "x" + k);
        }
    }

    @Test
    void normalizeRowsOverwritesItsOutputs() {
        Random rnd = new Random(SEED + 26);
        int n = 4099;
        int k = 5;
        M logNorm = filled(n, 1, Double.POSITIVE_INFINITY);
        M resp = filled(n, k, -1);
        for (int t = 0; t < 2; t++) {
            double[] data = logProbabilities(rnd, n, k);
            M a = la.fromRowMajor(n, k, data);
            la.normalizeRows(a, logNorm, resp);
            assertNormalizedRows(data, n, k, la.toRowMajor(logNorm), la.toRowMajor(a), la.toRowMajor(resp),
                    "normalizeRows call " + t);
        }
    }

    @Test
    void normalizeRowsOnNoRows() {
        M a = la.zeros(0, 3);
        M logNorm = la.zeros(0, 1);
        M resp = la.zeros(0, 3);
        la.normalizeRows(a, logNorm, resp);
        assertShape(0, 1, logNorm);
        assertShape(0, 3, resp);
    }

    @Test
    void normalizeRowsRejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 0), la.zeros(2, 1), la.zeros(2, 0)));
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 3), la.zeros(3, 1), la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 3), la.zeros(2, 2), la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 3), la.zeros(2, 1), la.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 3), la.zeros(2, 1), la.zeros(3, 3)));
    }

    // =========================================================================================
    // what every backend does where the Javadoc leaves the choice open: NaN as NumPy treats it,
    // non-finite and singular input, aliased outputs, error messages that name method and shapes
    // =========================================================================================

    @Test
    void logSumExpRowsOfARowWithNanIsNan() {
        M out = la.zeros(3, 1);
        la.logSumExpRows(la.fromRowMajor(3, 2, new double[] {Double.NaN, 1, Double.POSITIVE_INFINITY, Double.NaN, 1, 2}), out);
        double[] got = la.toRowMajor(out);
        assertTrue(Double.isNaN(got[0]), "NaN row");
        assertTrue(Double.isNaN(got[1]), "inf and NaN row");
        assertEquals(2 + Math.log1p(Math.exp(-1)), got[2], 1e-15, "a finite row beside them");
    }

    @Test
    void argmaxRowsTakesTheFirstNanAsNumpyDoes() {
        M a = la.fromRowMajor(3, 3, new double[] {1, Double.NaN, 5, Double.NaN, 9, Double.NaN, 2, 3, 1});
        assertArrayEquals(new int[] {1, 0, 1}, la.argmaxRows(a));
    }

    @Test
    void argmaxRowsOfRowsWithoutColumnsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> la.argmaxRows(la.zeros(2, 0)));
    }

    @Test
    void choleskyOfNonFiniteInputThrows() {
        assertThrows(NotPositiveDefiniteException.class,
                () -> la.cholesky(la.fromRowMajor(1, 1, new double[] {Double.NaN}), la.zeros(1, 1)));
        assertThrows(NotPositiveDefiniteException.class,
                () -> la.cholesky(la.fromRowMajor(2, 2, new double[] {1, 0, Double.NaN, 1}), la.zeros(2, 2)));
        assertThrows(NotPositiveDefiniteException.class,
                () -> la.cholesky(la.fromRowMajor(1, 1, new double[] {Double.POSITIVE_INFINITY}), la.zeros(1, 1)));
    }

    @Test
    void choleskyFailureNamesTheSize() {
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                () -> la.cholesky(la.fromRowMajor(2, 2, new double[] {1, 2, 2, 1}), la.zeros(2, 2)));
        assertTrue(e.getMessage().contains("2x2"), e.getMessage());
    }

    @Test
    void invertLowerTriangularWithAZeroDiagonalThrows() {
        assertThrows(ArithmeticException.class,
                () -> la.invertLowerTriangular(la.fromRowMajor(2, 2, new double[] {1, 0, 3, 0}), la.zeros(2, 2)));
    }

    @Test
    void outputsThatAliasInputsOfProductsAndFactorisationsAreRejected() {
        M a = la.fromRowMajor(2, 2, new double[] {4, 2, 2, 3});
        M b = la.fromRowMajor(2, 2, new double[] {1, 0, 0, 1});
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a, false, b, false, a));
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a, false, b, false, b));
        assertThrows(IllegalArgumentException.class, () -> la.cholesky(a, a));
        assertThrows(IllegalArgumentException.class, () -> la.invertLowerTriangular(b, b));
        M column = la.fromRowMajor(2, 1, new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(column, column));
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(column, 1, column));
    }

    @Test
    void outputsThatAliasInputsOfTheEStepOperationsAreRejected() {
        M square = la.fromRowMajor(2, 2, new double[] {1, 2, 3, 4});
        M f = la.fromRowMajor(2, 2, new double[] {1, 0, 0, 1});
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(square, f, new double[2], la.zeros(2, 2), square));
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(square, f, new double[2], la.zeros(2, 2), f));
        M scratch = la.zeros(2, 2);
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(square, f, new double[2], scratch, scratch));
        M a = la.zeros(3, 2);
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(a, la.zeros(3, 1), a));
        M column = la.zeros(3, 1);
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(column, column, la.zeros(3, 1)));
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(3, 1), column, column));
    }

    @Test
    void shapeErrorsNameTheMethodAndTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> la.multiply(la.zeros(2, 3), false, la.zeros(2, 3), false, la.zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("multiply:"), e.getMessage());
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(la.zeros(4, 3), la.zeros(3, 1)));
        assertTrue(e.getMessage().startsWith("logSumExpRows:") && e.getMessage().contains("4x3")
                && e.getMessage().contains("3x1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> la.zeros(-1, 2));
        assertTrue(e.getMessage().startsWith("zeros:"), e.getMessage());
    }

    // =========================================================================================
    // the backend's overrides against the SPI's default implementations
    // =========================================================================================

    /**
     * A view of the backend in which the SPI's default methods ({@code blockQuadraticForms},
     * {@code normalizeRows}, {@code copyToRowMajor}, {@code weightedScatter}) run as the interface
     * defines them, on this backend's primitives, instead of this backend's overrides.
     */
    @SuppressWarnings("unchecked")
    protected final LinearAlgebra<M> defaults() {
        LinearAlgebra<M> target = la;
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault() && !method.getName().equals("environment")) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (LinearAlgebra<M>) Proxy.newProxyInstance(LinearAlgebra.class.getClassLoader(),
                new Class<?>[] {LinearAlgebra.class}, h);
    }

    /**
     * The same values in each storage the backend's operations treat differently (for example row-
     * and column-major), so that the overrides are checked in each; by default the one that
     * {@link LinearAlgebra#fromRowMajor} makes.
     *
     * @return new rows×cols matrices holding {@code rowMajor}
     */
    protected List<M> layouts(double[] rowMajor, int rows, int cols) {
        return List.of(la.fromRowMajor(rows, cols, rowMajor));
    }

    @Test
    void normalizeRowsLogNormIsLogSumExpRowsBitForBit() {
        Random rnd = new Random(9);
        for (int k : new int[] {1, 3, 8, 13, 130}) {
            int n = 500;
            double[] data = new double[n * k];
            for (int i = 0; i < data.length; i++) {
                data[i] = 40 * rnd.nextGaussian() - 300 * (i / k % 2);
            }
            M expected = la.zeros(n, 1);
            la.logSumExpRows(la.fromRowMajor(n, k, data), expected);
            M logNorm = la.zeros(n, 1);
            la.normalizeRows(la.fromRowMajor(n, k, data), logNorm, la.zeros(n, k));
            assertArrayEquals(la.toRowMajor(expected), la.toRowMajor(logNorm), "k=" + k);
        }
    }

    @Test
    void blockQuadraticFormsMatchesTheDefaultAtChunkEdgesInEveryLayout() {
        // Row counts and widths around the tiles and component groups of the backends' fused
        // kernels: ND4J tiles 64 to 256 rows (128 for K·w = 128, 256 for K·w = 32 with d = 8), up
        // to 4096 when d·K·w is tiny (4096 for d = 2, K·w = 6), and groups components when K·w is
        // large (K·w = 1024: 64 rows by 4 components of 64; 17 components: a last group of 1).
        LinearAlgebra<M> def = defaults();
        Random rnd = new Random(101);
        int[][] shapes = {
            {1, 1, 1, 1}, {1, 16, 8, 16}, {63, 2, 3, 2}, {64, 16, 8, 16}, {65, 16, 8, 16}, {127, 16, 8, 16},
            {128, 16, 8, 16}, {129, 16, 8, 16}, {255, 2, 3, 2}, {256, 2, 3, 2}, {257, 2, 3, 2}, {513, 8, 4, 8},
            {4095, 2, 3, 2}, {4096, 2, 3, 2}, {4097, 2, 3, 2},
            {4097, 8, 4, 8}, {10007, 2, 3, 2}, {200, 64, 16, 64}, {131, 64, 17, 64}, {300, 3, 40, 3},
            {77, 5, 1, 5}, {90, 4, 3, 7}, {70, 1, 2, 1}, {65, 9, 2, 300},
        };
        for (int[] sh : shapes) {
            int n = sh[0];
            int d = sh[1];
            int k = sh[2];
            int w = sh[3];
            double[] x = gaussian(rnd, n * d);
            double[] f = gaussian(rnd, d * k * w);
            double[] off = gaussian(rnd, k * w);
            M ref = la.zeros(n, k);
            def.blockQuadraticForms(la.fromRowMajor(n, d, x), la.fromRowMajor(d, k * w, f), off, la.zeros(n, k * w), ref);
            double[] want = la.toRowMajor(ref);
            List<M> xs = layouts(x, n, d);
            List<M> fs = layouts(f, d, k * w);
            List<M> outs = layouts(nans(n * k), n, k);
            for (int xi = 0; xi < xs.size(); xi++) {
                for (int fi = 0; fi < fs.size(); fi++) {
                    for (int oi = 0; oi < outs.size(); oi++) {
                        String what = "n=" + n + " d=" + d + " K=" + k + " w=" + w + " x " + xi + " f " + fi + " out " + oi;
                        M out = outs.get(oi);
                        la.setRowMajor(nans(n * k), out);
                        la.blockQuadraticForms(xs.get(xi), fs.get(fi), off, la.zeros(n, k * w), out);
                        assertQuadraticFormsAgree(x, f, off, n, d, k, w, want, la.toRowMajor(out), what);
                    }
                }
            }
        }
    }

    @Test
    void blockQuadraticFormsOfHugeAndTinyRowsMatchesTheDefault() {
        // Rows scaled by 1e154 (squares overflow: those blocks are +inf in both), by 1e153
        // (near overflow, finite), by 1e-170 (squares underflow to subnormals and zero), and
        // ordinary rows beside them.
        LinearAlgebra<M> def = defaults();
        Random rnd = new Random(102);
        int n = 4099;
        int d = 6;
        int k = 3;
        double[] x = gaussian(rnd, n * d);
        for (int i = 0; i < n; i++) {
            double scale = i % 4 == 0 ? 1e154 : i % 4 == 1 ? 1e-170 : i % 4 == 2 ? 1e153 : 1;
            for (int j = 0; j < d; j++) {
                x[i * d + j] *= scale;
            }
        }
        double[] f = gaussian(rnd, d * k * d);
        double[] off = new double[k * d];
        M xa = la.fromRowMajor(n, d, x);
        M fa = la.fromRowMajor(d, k * d, f);
        M out = la.zeros(n, k);
        la.blockQuadraticForms(xa, fa, off, la.zeros(n, k * d), out);
        M ref = la.zeros(n, k);
        def.blockQuadraticForms(xa, fa, off, la.zeros(n, k * d), ref);
        double[] got = la.toRowMajor(out);
        double[] want = la.toRowMajor(ref);
        int infinite = 0;
        int huge = 0;
        for (int i = 0; i < got.length; i++) {
            infinite += Double.isInfinite(want[i]) ? 1 : 0;
            huge += Double.isFinite(want[i]) && want[i] > 1e300 ? 1 : 0;
            assertClose(want[i], got[i], 1e-13 * Math.abs(want[i]) + Double.MIN_NORMAL, "entry " + i);
        }
        assertTrue(infinite > 0 && huge > 0, "the test should reach overflow and come near it: " + infinite
                + " infinite, " + huge + " above 1e300");
    }

    @Test
    void normalizeRowsMatchesTheDefaultAtChunkEdgesInEveryLayout() {
        // Row counts around the backends' row chunks: ND4J's hold about 8192 values, 2048 rows
        // for k = 4, 2730 for k = 3, 64 for k ≥ 128.
        LinearAlgebra<M> def = defaults();
        Random rnd = new Random(104);
        int[][] shapes = {{1, 1}, {1, 4}, {2047, 4}, {2048, 4}, {2049, 4}, {2731, 3}, {6145, 4}, {300, 1},
            {65, 200}, {129, 128}, {30011, 3}, {5000, 16}};
        for (int[] sh : shapes) {
            int n = sh[0];
            int k = sh[1];
            double[] data = logProbabilities(rnd, n, k);
            M ra = la.fromRowMajor(n, k, data);
            M rl = la.zeros(n, 1);
            M rr = la.zeros(n, k);
            def.normalizeRows(ra, rl, rr);
            List<M> logNorms = layouts(nans(n), n, 1);
            List<M> resps = layouts(nans(n * k), n, k);
            for (int ai = 0; ai < resps.size(); ai++) {
                for (int oi = 0; oi < resps.size(); oi++) {
                    String what = "normalizeRows " + n + "x" + k + " a " + ai + " outputs " + oi;
                    // Made afresh each time: normalizeRows overwrites a.
                    M a = layouts(data, n, k).get(ai);
                    M logNorm = logNorms.get(oi);
                    M resp = resps.get(oi);
                    la.setRowMajor(nans(n), logNorm);
                    la.setRowMajor(nans(n * k), resp);
                    la.normalizeRows(a, logNorm, resp);
                    assertNormalizationsAgree(la.toRowMajor(rl), la.toRowMajor(ra), la.toRowMajor(rr),
                            la.toRowMajor(logNorm), la.toRowMajor(a), la.toRowMajor(resp), k, what);
                }
            }
        }
    }

    /** @return {@code length} NaNs, to prove that an output is overwritten */
    private static double[] nans(int length) {
        double[] a = new double[length];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Within 1e-13 of Σ_j (Σ_q |x·f| + |o|)², the scale of each entry's rounding. */
    protected static void assertQuadraticFormsAgree(double[] x, double[] f, double[] off, int n, int d, int k, int w,
                                                    double[] want, double[] got, String what) {
        int kw = k * w;
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < k; b++) {
                double scale = 0;
                for (int j = 0; j < w; j++) {
                    int c = b * w + j;
                    double s = Math.abs(off[c]);
                    for (int q = 0; q < d; q++) {
                        s += Math.abs(x[i * d + q] * f[q * kw + c]);
                    }
                    scale += s * s;
                }
                assertClose(want[i * k + b], got[i * k + b], 1e-13 * scale, what + " [" + i + "][" + b + "]");
            }
        }
    }

    /**
     * Rows of every kind: ordinary, shifted by ±1e5 and ±1e300, tiny, spread so that terms
     * underflow, with −∞ entries, all −∞, with +∞, with NaN, and +∞ beside −∞.
     */
    protected static double[] logProbabilities(Random rnd, int n, int k) {
        double[] a = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double g = rnd.nextGaussian();
                double v;
                switch (i % 11) {
                    case 0: v = 30 * g - 20; break;
                    case 1: v = (i % 4 == 1 ? 1e5 : -1e5) + 10 * g; break;
                    case 2: v = 1e-300 * g; break;
                    case 3: v = -800 * rnd.nextDouble(); break;
                    case 4: v = rnd.nextInt(3) == 0 ? Double.NEGATIVE_INFINITY : 5 * g; break;
                    case 5: v = Double.NEGATIVE_INFINITY; break;
                    case 6: v = j == k / 2 ? Double.POSITIVE_INFINITY : g; break;
                    case 7: v = j == 0 ? Double.NaN : g; break;
                    case 8: v = (i % 2 == 0 ? 1e300 : -1e300) * (1 + 1e-3 * g); break;
                    case 9: v = j == 0 ? Double.POSITIVE_INFINITY : j == 1 ? Double.NEGATIVE_INFINITY : g; break;
                    default: v = -1e4 + g; break;
                }
                a[i * k + j] = v;
            }
        }
        return a;
    }

    /**
     * The override against the default, with the contract's bounds: non-finite values exactly;
     * log-sum-exps within 1e-14 of max(1, |logNorm|); log-responsibilities within that plus 1e-14
     * of their size; responsibilities within that bound relatively (exp turns an absolute error of
     * its argument into a relative one; the default's exp(a − logNorm) carries the rounding of
     * a − logNorm), plus 1e-300 for subnormals.
     */
    protected static void assertNormalizationsAgree(double[] wantNorm, double[] wantLog, double[] wantResp,
                                                    double[] gotNorm, double[] gotLog, double[] gotResp, int k,
                                                    String what) {
        for (int i = 0; i < wantNorm.length; i++) {
            double tol = TRANSCENDENTAL_TOL * Math.max(1, Math.abs(wantNorm[i]));
            assertClose(wantNorm[i], gotNorm[i], tol, what + " logNorm[" + i + "]");
            for (int j = 0; j < k; j++) {
                int p = i * k + j;
                double logTol = tol + TRANSCENDENTAL_TOL * Math.abs(wantLog[p]);
                assertClose(wantLog[p], gotLog[p], logTol, what + " log-responsibility [" + i + "][" + j + "]");
                assertClose(wantResp[p], gotResp[p], Math.abs(wantResp[p]) * (1.01 * logTol + TRANSCENDENTAL_TOL) + 1e-300,
                        what + " responsibility [" + i + "][" + j + "]");
            }
        }
    }

    // =========================================================================================
    // thread safety
    // =========================================================================================

    @Test
    void oneInstanceIsSafeToUseFromSeveralThreadsOnDistinctMatrices() throws Exception {
        int d = 9;
        int n = 300;
        int tasks = 8;
        Random rnd = new Random(SEED + 13);
        List<double[]> xs = new ArrayList<>();
        List<double[]> spds = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            xs.add(gaussian(rnd, n * d));
            spds.add(randomSpd(rnd, d));
        }
        // Each task: chol, inverse, a product and a log-sum-exp; run sequentially first, then
        // concurrently, many times, on one shared instance.
        List<double[]> sequential = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            sequential.add(pipeline(xs.get(t), spds.get(t), n, d));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int rep = 0; rep < 5; rep++) {
                for (int t = 0; t < tasks; t++) {
                    int tt = t;
                    Callable<double[]> job = () -> pipeline(xs.get(tt), spds.get(tt), n, d);
                    futures.add(pool.submit(job));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(sequential.get(i % tasks), futures.get(i).get(), "task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theEStepOperationsAreSafeToUseFromSeveralThreads() throws Exception {
        // Shapes that differ per task, so that a backend caching buffers by size is exercised
        // with several sizes at once.
        int[][] shapes = {{5000, 8, 4}, {3001, 3, 3}, {7, 16, 8}, {12000, 2, 3}, {1000, 5, 16}, {4099, 8, 2}};
        Random rnd = new Random(SEED + 27);
        List<double[][]> inputs = new ArrayList<>();
        for (int[] s : shapes) {
            int n = s[0];
            int d = s[1];
            int k = s[2];
            inputs.add(new double[][] {gaussian(rnd, n * d), gaussian(rnd, d * k * d), gaussian(rnd, k * d)});
        }
        List<double[]> sequential = new ArrayList<>();
        for (int t = 0; t < shapes.length; t++) {
            sequential.add(eStep(inputs.get(t), shapes[t]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (int t = 0; t < shapes.length; t++) {
                    int tt = t;
                    futures.add(pool.submit(() -> eStep(inputs.get(tt), shapes[tt])));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(sequential.get(i % shapes.length), futures.get(i).get(), "task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** blockQuadraticForms, then normalizeRows of −½ times it; returns the responsibilities. */
    private double[] eStep(double[][] in, int[] shape) {
        int n = shape[0];
        int d = shape[1];
        int k = shape[2];
        M quad = la.zeros(n, k);
        la.blockQuadraticForms(la.fromRowMajor(n, d, in[0]), la.fromRowMajor(d, k * d, in[1]), in[2],
                la.zeros(n, k * d), quad);
        la.scaleAddRow(quad, -0.5, new double[k], quad);
        M logNorm = la.zeros(n, 1);
        M resp = la.zeros(n, k);
        la.normalizeRows(quad, logNorm, resp);
        double[] r = la.toRowMajor(resp);
        double[] all = Arrays.copyOf(r, r.length + n);
        System.arraycopy(la.toRowMajor(logNorm), 0, all, r.length, n);
        return all;
    }

    private double[] pipeline(double[] xData, double[] spd, int n, int d) {
        M l = la.zeros(d, d);
        la.cholesky(la.fromRowMajor(d, d, spd), l);
        M inv = la.zeros(d, d);
        la.invertLowerTriangular(l, inv);
        M y = la.zeros(n, d);
        la.multiply(la.fromRowMajor(n, d, xData), false, inv, true, y);
        M lse = la.zeros(n, 1);
        la.logSumExpRows(y, lse);
        return la.toRowMajor(lse);
    }

    // =========================================================================================
    // helpers
    // =========================================================================================

    /** @return a rows×cols matrix whose every entry is {@code value}, to prove an out is overwritten */
    protected final M filled(int rows, int cols, double value) {
        double[] data = new double[rows * cols];
        Arrays.fill(data, value);
        return la.fromRowMajor(rows, cols, data);
    }

    /** Asserts the shape of {@code m} through the backend's own accessors. */
    protected final void assertShape(int rows, int cols, M m) {
        assertEquals(rows, la.rows(m), "rows");
        assertEquals(cols, la.cols(m), "cols");
    }

    protected static double[] gaussian(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }

    /** @return B·Bᵀ/d + I for a Gaussian d×d B: symmetric, eigenvalues in [1, ~5] */
    protected static double[] randomSpd(Random rnd, int d) {
        double[] b = gaussian(rnd, d * d);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += b[i * d + k] * b[j * d + k];
                }
                s /= d;
                if (i == j) {
                    s += 1;
                }
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
        }
        return a;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * Compares a product with a naive triple loop over the row-major operands, entry by entry,
     * with {@link #PRODUCT_TOL} times Σ_k |op(a)_ik·op(b)_kj|.
     */
    private static void assertProductClose(double[] a, boolean transA, double[] b, boolean transB,
                                           int m, int k, int n, double[] got, String what) {
        assertEquals(m * n, got.length, what + ": size");
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double scale = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[p * m + i] : a[i * k + p];
                    double y = transB ? b[j * k + p] : b[p * n + j];
                    s += x * y;
                    scale += Math.abs(x * y);
                }
                assertClose(s, got[i * n + j], PRODUCT_TOL * scale, what + " [" + i + "][" + j + "]");
            }
        }
    }

    /**
     * Compares blockQuadraticForms with the direct form computed by a naive loop. Each entry of
     * P + offsets carries an error of at most a few ulps of Σ_q |x_iq·f_qc| + |offset_c|, its
     * scale; squaring turns an error δ of v into 2|v|δ + δ². The bound is that, with
     * {@link #PRODUCT_TOL} as δ's relative size, plus the rounding of the sum of squares: loose for
     * any correct order of operations, but far tighter than what the expanded form
     * |P|² + 2P·o + |o|² loses when |P + o| is small against the scale.
     */
    private static void assertBlockQuadraticFormsClose(double[] x, double[] f, double[] offsets, int n, int d,
                                                       int k, int w, double[] got, String what) {
        int kw = k * w;
        assertEquals(n * k, got.length, what + ": size");
        double[] v = new double[kw];
        double[] scale = new double[kw];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < kw; c++) {
                double s = 0;
                double sc = 0;
                for (int q = 0; q < d; q++) {
                    double t = x[i * d + q] * f[q * kw + c];
                    s += t;
                    sc += Math.abs(t);
                }
                v[c] = s + offsets[c];
                scale[c] = sc + Math.abs(offsets[c]);
            }
            for (int b = 0; b < k; b++) {
                double expected = 0;
                double tol = 0;
                for (int j = 0; j < w; j++) {
                    double e = v[b * w + j];
                    double delta = PRODUCT_TOL * scale[b * w + j];
                    expected += e * e;
                    tol += 2 * Math.abs(e) * delta + delta * delta;
                }
                tol += PRODUCT_TOL * expected;
                assertClose(expected, got[i * k + b], tol, what + " [" + i + "][" + b + "]");
            }
        }
    }

    /**
     * Checks normalizeRows against its definition: logNorm as SciPy's logsumexp (m + log Σ
     * exp(a − m), an infinite maximum giving itself), log-responsibilities a − logNorm (so a row of
     * -inf only, or with +inf, gives NaN where ∞ − ∞ is taken), responsibilities their exp.
     */
    private static void assertNormalizedRows(double[] a, int n, int k, double[] logNorm, double[] logResp,
                                             double[] resp, String what) {
        assertEquals(n, logNorm.length, what + ": logNorm size");
        assertEquals(n * k, logResp.length, what + ": log-responsibilities size");
        assertEquals(n * k, resp.length, what + ": responsibilities size");
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                m = Math.max(m, a[i * k + j]);
            }
            double lse;
            if (Double.isInfinite(m)) {
                lse = m;
            } else {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += Math.exp(a[i * k + j] - m);
                }
                lse = m + Math.log(sum);
            }
            double lseTol = TRANSCENDENTAL_TOL * Math.max(1, Math.abs(lse));
            assertClose(lse, logNorm[i], lseTol, what + " logNorm[" + i + "]");
            for (int j = 0; j < k; j++) {
                int p = i * k + j;
                double expected = a[p] - lse;
                double tol = lseTol + TRANSCENDENTAL_TOL * Math.abs(expected);
                if (Double.isNaN(expected)) {
                    assertTrue(Double.isNaN(logResp[p]), what + " log-responsibility [" + i + "][" + j + "]: expected NaN but was " + logResp[p]);
                    assertTrue(Double.isNaN(resp[p]), what + " responsibility [" + i + "][" + j + "]: expected NaN but was " + resp[p]);
                    continue;
                }
                assertClose(expected, logResp[p], tol, what + " log-responsibility [" + i + "][" + j + "]");
                double r = Math.exp(expected);
                // exp turns an absolute error of its argument into a relative one; below 1e-300
                // (subnormals) a library may flush to zero.
                assertClose(r, resp[p], r * (1.01 * tol + TRANSCENDENTAL_TOL) + 1e-300,
                        what + " responsibility [" + i + "][" + j + "]");
            }
        }
    }

    /** |expected − actual| ≤ absTol, with non-finite values required to match exactly. */
    protected static void assertClose(double expected, double actual, double absTol, String what) {
        if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
            assertEquals(expected, actual, what);
            return;
        }
        if (Math.abs(expected - actual) > absTol) {
            fail(what + ": expected " + expected + " but was " + actual + " (difference "
                    + Math.abs(expected - actual) + " > " + absTol + ")");
        }
    }

    /** Entry by entry, within {@code relTol·max(1, |expected|)}; non-finite entries exactly. */
    protected static void assertEntries(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], relTol * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }

    /** Entry by entry, within {@code relTol·|expected|}; non-finite entries exactly. */
    protected static void assertEntriesRelative(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], relTol * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }

    /** Entry by entry, within {@code relTol·scale}; for values of known magnitude. */
    private static void assertEntriesScaled(double[] expected, double[] actual, double relTol, double scale,
                                            String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], relTol * scale, what + " [" + i + "]");
        }
    }
}
