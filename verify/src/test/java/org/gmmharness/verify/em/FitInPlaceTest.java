package org.gmmharness.verify.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.em.InitMethod;
import org.gmmharness.kmeans.KMeans;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.verify.BackendSource;
import org.junit.jupiter.api.Test;

/**
 * {@link GaussianMixture#fitInPlace}, which takes the caller's array over, against
 * {@link GaussianMixture#fit} on a copy of it: the same model bit for bit on every backend, every
 * covariance type and every initialisation, whether or not the path centres the data in place; and
 * where it does (full and tied covariances from k-means with several features), the array ends
 * holding the centred data, which shows that the data were not copied.
 */
class FitInPlaceTest {

    private static final int N = 240;
    private static final int K = 3;

    @Test
    void theSameModelAsFitOnEveryBackendTypeAndInitialisation() {
        for (String backend : BackendSource.names()) {
            LinearAlgebra<?> la = Backends.create(backend);
            for (int d : new int[] {1, 3}) {
                double[] x = clusters(17 + d, N, d);
                for (CovarianceType type : CovarianceType.values()) {
                    for (InitMethod init : InitMethod.values()) {
                        GaussianMixture settings = GaussianMixture.builder(K).covarianceType(type).initMethod(init)
                                .nInit(2).randomState(5).build();
                        String what = backend + ", d " + d + ", " + type + ", " + init;
                        GaussianMixtureModel expected = settings.fit(la, x.clone(), N, d);
                        GaussianMixtureModel handedOver = settings.fitInPlace(la, x.clone(), N, d);
                        assertSameModel(expected, handedOver, what);
                    }
                }
            }
        }
    }

    @Test
    void fullAndTiedFromKMeansCentreTheHandedOverArray() {
        int d = 3;
        double[] x = clusters(29, N, d);
        double[] mean = KMeans.columnMeans(x, N, d);
        for (CovarianceType type : List.of(CovarianceType.FULL, CovarianceType.TIED)) {
            double[] handedOver = x.clone();
            GaussianMixture.builder(K).covarianceType(type).randomState(0).build()
                    .fitInPlace(Backends.create("ejml"), handedOver, N, d);
            for (int i = 0; i < N * d; i++) {
                assertEquals(x[i] - mean[i % d], handedOver[i], type + ": value " + i + " is not centred in place");
            }
        }
    }

    private static void assertSameModel(GaussianMixtureModel want, GaussianMixtureModel got, String what) {
        assertArrayEquals(want.weights(), got.weights(), what + ": weights");
        assertArrayEquals(want.means(), got.means(), what + ": means");
        assertArrayEquals(want.covarianceBlocks(), got.covarianceBlocks(), what + ": covariances");
        assertArrayEquals(want.lowerBoundTrace(), got.lowerBoundTrace(), what + ": lower bounds");
        assertArrayEquals(want.trainingLabels(), got.trainingLabels(), what + ": labels");
        assertEquals(want.trainingScore(), got.trainingScore(), what + ": training score");
        assertEquals(want.nIter(), got.nIter(), what + ": iterations");
        assertEquals(want.warnings(), got.warnings(), what + ": warnings");
    }

    /** K clusters around centres far from the origin, where centring changes the stored values. */
    private static double[] clusters(long seed, int n, int d) {
        Random r = new Random(seed);
        List<double[]> centres = new ArrayList<>();
        for (int c = 0; c < K; c++) {
            double[] centre = new double[d];
            for (int j = 0; j < d; j++) {
                centre[j] = 100 + 6 * r.nextGaussian();
            }
            centres.add(centre);
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] centre = centres.get(i % K);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = centre[j] + r.nextGaussian();
            }
        }
        return x;
    }
}
