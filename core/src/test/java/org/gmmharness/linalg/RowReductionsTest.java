package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Row reductions against their NumPy definitions, on rows built to hit ties, signed zeros and NaN. */
class RowReductionsTest {

    /** NumPy's argmax as its definition reads: the first NaN, else the first entry no other exceeds. */
    private static int numpyArgmax(double[] a, int off, int k) {
        for (int j = 0; j < k; j++) {
            if (Double.isNaN(a[off + j])) {
                return j;
            }
        }
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (a[off + j] > a[off + best]) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void argmaxIsNumpysOnRowsOfTiesSignedZerosInfinitiesAndNaN() {
        double[] pool = {0.0, -0.0, 1.0, -1.0, 2.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NaN, -3.0, 1.0};
        Random rng = new Random(7);
        for (int k = 1; k <= 9; k++) {
            double[] a = new double[2 + k];
            for (int trial = 0; trial < 20_000; trial++) {
                for (int j = 0; j < a.length; j++) {
                    a[j] = pool[rng.nextInt(pool.length)];
                }
                assertEquals(numpyArgmax(a, 2, k), RowReductions.argmax(a, 2, k),
                        "k=" + k + " row " + java.util.Arrays.toString(java.util.Arrays.copyOfRange(a, 2, 2 + k)));
            }
        }
    }

    /** SciPy's logsumexp as its definition reads, with the same exps and the same summation. */
    private static double scipyLogSumExp(double[] a, int off, int k) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            if (Double.isNaN(a[off + j])) {
                return Double.NaN;
            }
            m = a[off + j] > m ? a[off + j] : m;
        }
        if (Double.isInfinite(m)) {
            return m;
        }
        double[] terms = new double[k];
        for (int j = 0; j < k; j++) {
            terms[j] = Exponentials.expOrZero(a[off + j] - m);
        }
        return Math.log(org.gmmharness.random.NumpySummation.sum(terms, 0, k)) + m;
    }

    @Test
    void logSumExpAndNormalizeTakeTheRowsMaximumWhateverItsPlaceAndOfAnyLength() {
        double[] pool = {0.0, -0.0, 1.0, -1.0, 2.5, -700.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NaN, -3.0, 1.0};
        Random rng = new Random(11);
        for (int k = 1; k <= 17; k++) {
            double[] a = new double[1 + k];
            double[] terms = new double[k];
            double[] resp = new double[1 + k];
            for (int trial = 0; trial < 5_000; trial++) {
                for (int j = 0; j < a.length; j++) {
                    // Mostly finite rows, so that the finite path is the one mostly checked.
                    a[j] = rng.nextInt(4) == 0 ? pool[rng.nextInt(pool.length)] : -10 * rng.nextDouble();
                }
                double expected = scipyLogSumExp(a, 1, k);
                assertEquals(expected, RowReductions.logSumExp(a, 1, k, terms), "k=" + k);
                assertEquals(expected, RowReductions.normalize(a.clone(), resp, 1, k), "k=" + k);
            }
        }
    }
}
