package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LinearAlgebra#cholesky} and {@link LinearAlgebra#invertLowerTriangular}:
 * known answers, reconstruction of random matrices, reading only the lower triangle, and the
 * documented failure of a matrix that is not positive definite.
 *
 * @param <M> the backend's matrix type
 */
public abstract class FactorisationContract<M> extends LinearAlgebraContractSupport<M> {

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

}
