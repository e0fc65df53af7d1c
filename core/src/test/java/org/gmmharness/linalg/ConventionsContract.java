package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What every backend does where the Javadoc of {@link LinearAlgebra} leaves the choice open: NaN
 * as NumPy treats it, non-finite and singular input, aliased outputs, and error messages that
 * name the method and the shapes.
 *
 * @param <M> the backend's matrix type
 */
public abstract class ConventionsContract<M> extends LinearAlgebraContractSupport<M> {

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

}
