package org.gmmharness.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.gmmharness.linalg.AbstractLinearAlgebraContractTest;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.NotPositiveDefiniteException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SPI contract on ND4J, plus what this backend promises beyond it: double precision, the
 * layouts it chooses, any mix of row- and column-major operands, per-row (not global) log-sum-exp
 * shifts, and the rejection of aliased outputs.
 */
class Nd4jLinearAlgebraTest extends AbstractLinearAlgebraContractTest<INDArray> {

    @Override
    protected LinearAlgebra<INDArray> backend() {
        return new Nd4jLinearAlgebra();
    }

    @Test
    void everythingIsDoublePrecisionInTheDocumentedLayouts() {
        INDArray z = la.zeros(3, 2);
        INDArray r = la.fromRowMajor(2, 2, new double[] {1, 2, 3, 4});
        assertEquals(DataType.DOUBLE, z.dataType());
        assertEquals(DataType.DOUBLE, r.dataType());
        assertEquals('f', z.ordering(), "zeros are column-major, where ND4J's products are fast");
        assertEquals('c', r.ordering(), "fromRowMajor keeps the caller's row-major layout");
        assertEquals(DataType.DOUBLE, Nd4j.defaultFloatingPointType());
        // A value that float would round.
        INDArray p = la.fromRowMajor(1, 1, new double[] {1 + 0x1p-40});
        assertEquals(1 + 0x1p-40, la.toRowMajor(p)[0], 0.0);
    }

    @Test
    void everyOperationAgreesAcrossRowAndColumnMajorOperands() {
        Random rnd = new Random(5);
        int n = 37;
        int d = 3;
        int k = 4;
        double[] x = gaussian(rnd, n * k * d);
        double[] w = gaussian(rnd, n * k);
        for (char inOrder : new char[] {'c', 'f'}) {
            for (char outOrder : new char[] {'c', 'f'}) {
                String what = "in " + inOrder + " out " + outOrder;
                INDArray a = Nd4j.create(x, new long[] {n, k * d}, 'c').dup(inOrder);
                INDArray wa = Nd4j.create(w, new long[] {n, k}, 'c').dup(inOrder);
                INDArray out = Nd4j.create(DataType.DOUBLE, new long[] {n, k}, outOrder);
                la.blockRowSumsOfSquares(a, d, out);
                double[] got = la.toRowMajor(out);
                for (int i = 0; i < n; i++) {
                    for (int b = 0; b < k; b++) {
                        double s = 0;
                        for (int j = 0; j < d; j++) {
                            s += x[i * k * d + b * d + j] * x[i * k * d + b * d + j];
                        }
                        assertEquals(s, got[i * k + b], 1e-13 * s, what + " blockRowSumsOfSquares");
                    }
                }
                INDArray lse = Nd4j.create(DataType.DOUBLE, new long[] {n, 1}, outOrder);
                la.logSumExpRows(wa, lse);
                double[] l = la.toRowMajor(lse);
                for (int i = 0; i < n; i++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        m = Math.max(m, w[i * k + j]);
                    }
                    double s = 0;
                    for (int j = 0; j < k; j++) {
                        s += Math.exp(w[i * k + j] - m);
                    }
                    assertEquals(m + Math.log(s), l[i], 1e-14 * Math.max(1, Math.abs(l[i])), what + " logSumExpRows");
                }
                INDArray sub = Nd4j.create(DataType.DOUBLE, new long[] {n, k}, outOrder);
                la.subtractColumn(wa, lse, sub);
                INDArray scaled = Nd4j.create(DataType.DOUBLE, new long[] {n, k}, outOrder);
                la.scaleRowsByColumn(wa, wa, 2, scaled);
                INDArray added = Nd4j.create(DataType.DOUBLE, new long[] {n, k}, outOrder);
                la.scaleAddRow(wa, -0.5, new double[] {1, 2, 3, 4}, added);
                double[] s1 = la.toRowMajor(sub);
                double[] s2 = la.toRowMajor(scaled);
                double[] s3 = la.toRowMajor(added);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        assertEquals(w[i * k + j] - l[i], s1[i * k + j], 0.0, what + " subtractColumn");
                        assertEquals(w[i * k + j] * w[i * k + 2], s2[i * k + j], 0.0, what + " scaleRowsByColumn");
                        assertEquals(-0.5 * w[i * k + j] + (j + 1), s3[i * k + j], 1e-15 * (Math.abs(w[i * k + j]) + 4),
                                what + " scaleAddRow");
                    }
                }
                assertArrayEquals(x, la.toRowMajor(a), what + ": a was modified");
                assertArrayEquals(w, la.toRowMajor(wa), what + ": w was modified");
            }
        }
    }

    @Test
    void logSumExpShiftsEachRowByItsOwnMaximum() {
        // ND4J's LogSumExp op shifts by the global maximum: the second row would underflow to -inf.
        INDArray a = la.fromRowMajor(2, 2, new double[] {0, 0, -2000, -2000});
        INDArray out = la.zeros(2, 1);
        la.logSumExpRows(a, out);
        assertArrayEquals(new double[] {Math.log(2), -2000 + Math.log(2)}, la.toRowMajor(out));
    }

    @Test
    void logSumExpRowsReusesItsScratchAcrossShapes() {
        // The per-thread scratch is replaced when the shape changes; results must not depend on it.
        for (int rep = 0; rep < 3; rep++) {
            for (int k : new int[] {1, 3, 2}) {
                double[] data = new double[5 * k];
                for (int i = 0; i < data.length; i++) {
                    data[i] = i % k;
                }
                INDArray out = la.zeros(5, 1);
                la.logSumExpRows(la.fromRowMajor(5, k, data), out);
                double expected = 0;
                for (int j = 0; j < k; j++) {
                    expected += Math.exp(j - (k - 1));
                }
                expected = (k - 1) + Math.log(expected);
                for (double v : la.toRowMajor(out)) {
                    assertEquals(expected, v, 1e-15, "k=" + k);
                }
            }
        }
    }

    @Test
    void logSumExpRowsOfARowWithNanIsNan() {
        INDArray out = la.zeros(3, 1);
        la.logSumExpRows(la.fromRowMajor(3, 2, new double[] {Double.NaN, 1, Double.POSITIVE_INFINITY, Double.NaN, 1, 2}), out);
        double[] got = la.toRowMajor(out);
        assertTrue(Double.isNaN(got[0]), "NaN row");
        assertTrue(Double.isNaN(got[1]), "inf and NaN row");
        assertEquals(2 + Math.log1p(Math.exp(-1)), got[2], 1e-15, "a finite row beside them");
    }

    @Test
    void expInPlaceOnAColumnMajorArray() {
        INDArray a = la.zeros(3, 2);
        la.setRowMajor(new double[] {0, 1, 2, 3, 4, -1}, a);
        la.exp(a, a);
        double[] got = la.toRowMajor(a);
        double[] in = {0, 1, 2, 3, 4, -1};
        for (int i = 0; i < in.length; i++) {
            assertEquals(Math.exp(in[i]), got[i], 1e-15 * Math.exp(in[i]));
        }
    }

    @Test
    void productsIntoARowMajorOutputAreCorrectToo() {
        INDArray a = la.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        INDArray c = la.fromRowMajor(3, 3, new double[9]);
        la.multiply(a, true, a, false, c);
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, la.toRowMajor(c));
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
        INDArray a = la.fromRowMajor(2, 2, new double[] {4, 2, 2, 3});
        INDArray b = la.fromRowMajor(2, 2, new double[] {1, 0, 0, 1});
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a, false, b, false, a));
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a, false, b, false, b));
        assertThrows(IllegalArgumentException.class, () -> la.cholesky(a, a));
        assertThrows(IllegalArgumentException.class, () -> la.invertLowerTriangular(b, b));
        INDArray column = la.fromRowMajor(2, 1, new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(column, column));
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(column, 1, column));
    }

    @Test
    void subtractColumnMayWriteIntoItsColumn() {
        INDArray a = la.fromRowMajor(3, 1, new double[] {5, 7, 9});
        INDArray v = la.zeros(3, 1);
        la.setRowMajor(new double[] {1, 2, 3}, v);
        la.subtractColumn(a, v, v);
        assertArrayEquals(new double[] {4, 5, 6}, la.toRowMajor(v));
    }

    @Test
    void scaleRowsByColumnMayWriteIntoItsScaleMatrix() {
        INDArray b = la.zeros(2, 2);
        la.setRowMajor(new double[] {1, 2, 3, 4}, b);
        INDArray a = la.fromRowMajor(2, 2, new double[] {10, 20, 30, 40});
        la.scaleRowsByColumn(a, b, 1, b);
        assertArrayEquals(new double[] {20, 40, 120, 160}, la.toRowMajor(b));
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
        e = assertThrows(IllegalArgumentException.class, () -> la.rows(Nd4j.create(DataType.DOUBLE, 3)));
        assertTrue(e.getMessage().startsWith("rows:"), e.getMessage());
    }

    @Test
    void argmaxRowsOfRowsWithoutColumnsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> la.argmaxRows(la.zeros(2, 0)));
    }

    @Test
    void repeatedCallsDoNotGrowOffHeapMemory() {
        // The EM loop calls these on the same matrices every iteration: outputs are preallocated
        // and scratch is reused, so JavaCPP's count of off-heap bytes must stay flat.
        int n = 20000;
        int k = 8;
        Random rnd = new Random(3);
        INDArray a = la.fromRowMajor(n, k, gaussian(rnd, n * k));
        INDArray out = la.zeros(n, 1);
        INDArray e = la.zeros(n, k);
        double[] row = new double[k];
        for (int i = 0; i < 20; i++) {
            la.logSumExpRows(a, out);
            la.subtractColumn(a, out, e);
            la.exp(e, e);
            la.scaleAddRow(e, 1.0, row, e);
            la.columnSums(e);
        }
        System.gc();
        long before = org.bytedeco.javacpp.Pointer.totalBytes();
        for (int i = 0; i < 200; i++) {
            la.logSumExpRows(a, out);
            la.subtractColumn(a, out, e);
            la.exp(e, e);
            la.scaleAddRow(e, 1.0, row, e);
            la.columnSums(e);
        }
        long after = org.bytedeco.javacpp.Pointer.totalBytes();
        // 200 iterations that each allocated an n x k scratch would add 256 MB.
        assertTrue(after - before < 8L * n * k, "off-heap grew by " + (after - before) + " bytes");
    }
}
