package org.gmmharness.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.gmmharness.random.RandomState;
import org.junit.jupiter.api.Test;

/** The flat row-major entry point gives the 2-D one's answer, over several 256-row panels. */
class KMeansFlatTest {

    @Test
    void flatAndRowsAgreeExactly() {
        int n = 1_000;
        int d = 5;
        int k = 4;
        SplittableRandom random = new SplittableRandom(7);
        double[][] rows = new double[n][d];
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = 8.0 * (i % k) * (j % 2 == 0 ? 1 : -1) + random.nextGaussian() + 100.0;
                flat[i * d + j] = rows[i][j];
            }
        }
        KMeans.Result a = KMeans.fit(rows, k, new RandomState(3));
        KMeans.Result b = KMeans.fit(flat, n, d, k, new RandomState(3));
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.iterations(), b.iterations());
        for (int c = 0; c < k; c++) {
            assertArrayEquals(a.centers()[c], b.centers()[c], 0.0);
        }
        int[] labels = a.labels();
        for (int i = k; i < n; i++) {
            assertEquals(labels[i % k], labels[i], "row " + i);
        }
    }
}
