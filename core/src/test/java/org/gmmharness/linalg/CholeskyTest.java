package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The plain-Java factorisations against their defining identities. */
class CholeskyTest {

    @Test
    void lowerFactorOfAKnownMatrix() {
        // [[4, 2], [2, 5]] = L·Lᵀ with L = [[2, 0], [1, 2]]; the upper triangle is not read.
        double[] l = new double[4];
        assertEquals(-1, Cholesky.lower(new double[] {4, Double.NaN, 2, 5}, 2, l));
        assertArrayEquals(new double[] {2, 0, 1, 2}, l);
    }

    @Test
    void lowerFactorReconstructsRandomSpdMatrices() {
        Random rnd = new Random(3);
        for (int d = 1; d <= 9; d++) {
            double[] g = new double[d * d];
            for (int i = 0; i < g.length; i++) {
                g[i] = rnd.nextGaussian();
            }
            double[] a = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = i == j ? d : 0.0;
                    for (int k = 0; k < d; k++) {
                        s += g[i * d + k] * g[j * d + k];
                    }
                    a[i * d + j] = s;
                }
            }
            double[] l = new double[d * d];
            assertEquals(-1, Cholesky.lower(a, d, l), "d=" + d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0.0;
                    for (int k = 0; k < d; k++) {
                        s += l[i * d + k] * l[j * d + k];
                    }
                    assertEquals(a[i * d + j], s, 1e-12 * Math.abs(a[i * d + i]), "d=" + d + " entry " + i + "," + j);
                    if (j > i) {
                        assertEquals(0.0, l[i * d + j], "above the diagonal");
                    }
                }
            }
        }
    }

    @Test
    void lowerReportsTheFirstFailingPivotAndItsValue() {
        double[] l = new double[9];
        // The second pivot is 1 − 2² = −3.
        assertEquals(1, Cholesky.lower(new double[] {1, 0, 0, 2, 1, 0, 0, 0, 1}, 3, l));
        assertEquals(-3.0, l[4]);
        assertEquals(0, Cholesky.lower(new double[] {Double.NaN}, 1, l));
        assertTrue(Double.isNaN(l[0]));
        assertEquals(0, Cholesky.lower(new double[] {Double.POSITIVE_INFINITY}, 1, l));
    }

    @Test
    void invertLowerIsAnInverseAndLowerTriangular() {
        double[] l = {2, 0, 0, 1, 4, 0, -3, 0.5, 8};
        double[] x = new double[9];
        assertEquals(-1, Cholesky.invertLower(l, 3, x));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0.0;
                for (int k = 0; k < 3; k++) {
                    s += l[i * 3 + k] * x[k * 3 + j];
                }
                assertEquals(i == j ? 1.0 : 0.0, s, 1e-15, "entry " + i + "," + j);
            }
        }
        assertEquals(0.0, x[1]);
        assertEquals(0.0, x[2]);
        assertEquals(0.0, x[5]);
    }

    @Test
    void invertLowerReportsAZeroDiagonal() {
        assertEquals(1, Cholesky.invertLower(new double[] {1, 0, 3, 0}, 2, new double[4]));
    }
}
