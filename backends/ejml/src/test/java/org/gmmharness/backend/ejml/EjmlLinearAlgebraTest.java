package org.gmmharness.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.gmmharness.linalg.AbstractLinearAlgebraContractTest;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.NotPositiveDefiniteException;
import org.junit.jupiter.api.Test;

/**
 * The SPI contract on EJML, plus what this backend promises beyond it: NaN handling and EJML's
 * storage quirks. Its numpy summation order is checked bit for bit against generated numpy values
 * in the verify module ({@code NumpyReductionParityTest}).
 */
class EjmlLinearAlgebraTest extends AbstractLinearAlgebraContractTest<DMatrixRMaj> {

    @Override
    protected LinearAlgebra<DMatrixRMaj> backend() {
        return new EjmlLinearAlgebra();
    }

    // ---- beyond the contract -------------------------------------------------------------

    @Test
    void logSumExpRowsOfARowWithNanIsNan() {
        DMatrixRMaj out = la.zeros(2, 1);
        la.logSumExpRows(la.fromRowMajor(2, 2, new double[] {Double.NaN, 1, Double.POSITIVE_INFINITY, Double.NaN}), out);
        assertTrue(Double.isNaN(out.data[0]));
        assertTrue(Double.isNaN(out.data[1]));
    }

    @Test
    void argmaxRowsTakesTheFirstNanAsNumpyDoes() {
        DMatrixRMaj a = la.fromRowMajor(3, 3, new double[] {1, Double.NaN, 5, Double.NaN, 9, Double.NaN, 2, 3, 1});
        assertArrayEquals(new int[] {1, 0, 1}, la.argmaxRows(a));
    }

    @Test
    void argmaxRowsOfRowsWithoutColumnsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> la.argmaxRows(la.zeros(2, 0)));
    }

    @Test
    void choleskyOfNonFiniteInputThrows() {
        // EJML's own pivot test lets NaN through.
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
        DMatrixRMaj a = la.fromRowMajor(2, 2, new double[] {4, 2, 2, 3});
        DMatrixRMaj b = la.fromRowMajor(2, 2, new double[] {1, 0, 0, 1});
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a, false, b, false, a));
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a, false, b, false, b));
        assertThrows(IllegalArgumentException.class, () -> la.cholesky(a, a));
        assertThrows(IllegalArgumentException.class, () -> la.invertLowerTriangular(b, b));
        DMatrixRMaj column = la.fromRowMajor(2, 1, new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(column, column));
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(column, 1, column));
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
    }

    @Test
    void onlyTheLogicalPartOfALongerDataArrayIsUsed() {
        // EJML keeps the array when a matrix is reshaped smaller; the tail must be ignored.
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        Arrays.fill(a.data, 1000);
        a.reshape(2, 2);
        a.data[0] = 1;
        a.data[1] = 2;
        a.data[2] = 3;
        a.data[3] = 4;
        assertArrayEquals(new double[] {1, 2, 3, 4}, la.toRowMajor(a));
        assertEquals(10.0, la.sum(a), 0.0);
        assertArrayEquals(new double[] {4, 6}, la.columnSums(a));
        DMatrixRMaj e = la.zeros(2, 2);
        la.exp(a, e);
        assertEquals(Math.exp(4), e.data[3], 0.0);
    }

    @Test
    void concurrentAndSingleThreadedProductsAgreeBitForBit() {
        Random rnd = new Random(7);
        EjmlLinearAlgebra single = new EjmlLinearAlgebra(false);
        EjmlLinearAlgebra multi = new EjmlLinearAlgebra(true);
        int n = 5000;
        int d = 16;
        double[] x = gaussian(rnd, n * d);
        double[] u = gaussian(rnd, d * d);
        assertTrue((long) n * d * d >= EjmlLinearAlgebra.CONCURRENT_MIN_MULTIPLY_ADDS);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            DMatrixRMaj xa = ta ? single.fromRowMajor(d, n, x) : single.fromRowMajor(n, d, x);
            DMatrixRMaj ub = single.fromRowMajor(d, d, u);
            DMatrixRMaj c1 = single.zeros(n, d);
            DMatrixRMaj c2 = single.zeros(n, d);
            single.multiply(xa, ta, ub, tb, c1);
            multi.multiply(xa, ta, ub, tb, c2);
            assertArrayEquals(c1.data, c2.data, "transA=" + ta + " transB=" + tb);
        }
    }
}
