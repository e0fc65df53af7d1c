package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LinearAlgebra}'s boundary with Java arrays: the name, {@code zeros},
 * {@code fromRowMajor}, {@code setRowMajor}, {@code toRowMajor} and {@code copyToRowMajor}.
 *
 * @param <M> the backend's matrix type
 */
public abstract class ArrayBoundaryContract<M> extends LinearAlgebraContractSupport<M> {

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
            M m = la.fromRowSource(rows, cols, numberedRows(cols, next));
            assertShape(rows, cols, m);
            assertEquals(rows, next[0], "every row asked for");
            assertArrayEquals(numberedRows(rows, cols), la.toRowMajor(m), rows + "x" + cols);
        }
        IllegalStateException thrown = new IllegalStateException("bad value");
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> la.fromRowSource(4, 2, (from, count, block) -> {
            throw thrown;
        })));
    }

    @Test
    void setRowsOverwritesEveryRowOnceInOrder() {
        for (int[] sh : new int[][] {{0, 3}, {1, 1}, {5, 1}, {1, 7}, {3001, 3}, {70_000, 5}}) {
            int rows = sh[0];
            int cols = sh[1];
            // Made by zeros, as the E-step's matrices are, and filled with values to be overwritten.
            M m = la.zeros(rows, cols);
            double[] stale = new double[rows * cols];
            Arrays.fill(stale, -1.0);
            la.setRowMajor(stale, m);
            int[] next = {0};
            la.setRows(numberedRows(cols, next), m);
            assertShape(rows, cols, m);
            assertEquals(rows, next[0], "every row asked for");
            assertArrayEquals(numberedRows(rows, cols), la.toRowMajor(m), rows + "x" + cols);
        }
        IllegalStateException thrown = new IllegalStateException("bad value");
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> la.setRows((from, count, block) -> {
            throw thrown;
        }, la.zeros(4, 2))));
    }

    /**
     * A source writing entry (i, j) as 10·i + j, which checks that rows are asked for in order,
     * each once, and records in {@code next[0]} the first row not yet written.
     */
    private static LinearAlgebra.RowSource numberedRows(int cols, int[] next) {
        return (from, count, block) -> {
            assertEquals(next[0], from, "rows asked for in order, each once");
            assertTrue(count >= 1 && block.length >= count * cols, "a block of " + count + " rows");
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < cols; j++) {
                    block[i * cols + j] = (from + i) * 10.0 + j;
                }
            }
            next[0] = from + count;
        };
    }

    /** @return the rows×cols values of {@link #numberedRows}, row-major */
    private static double[] numberedRows(int rows, int cols) {
        double[] want = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                want[i * cols + j] = i * 10.0 + j;
            }
        }
        return want;
    }
}
