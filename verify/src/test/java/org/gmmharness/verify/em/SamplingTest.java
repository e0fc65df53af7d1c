package org.gmmharness.verify.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.linalg.Backends;
import org.gmmharness.verify.BackendSource;
import org.gmmharness.verify.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sample} draws from the fitted mixture: component counts, per-component means and
 * covariances agree with the model within {@value #Z} standard errors, and the same seed gives the
 * same draws.
 */
class SamplingTest {

    /** Standard errors allowed: with about 40 statistics per case, a 5σ miss is a real defect. */
    private static final double Z = 5.0;
    private static final int N = 40_000;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : BackendSource.names()) {
            for (CovarianceType type : CovarianceType.values()) {
                out.add(Arguments.of(backend, type));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void samplesFollowTheModel(String backend, CovarianceType type) {
        GaussianMixtureModel model = GaussianMixture.builder(3).covarianceType(type).randomState(1).build()
                .fit(Backends.create(backend), Fixtures.data("blobs_stretched"));
        GaussianMixtureModel.Sample sample = model.sample(N, 7);
        double[][] x = sample.x();
        int[] comp = sample.components();
        assertEquals(N, x.length);
        int d = model.nFeatures();
        double[] w = model.weights();
        double[][] means = model.means();
        double[][] cov = model.covarianceBlocks();
        for (int c = 0; c < 3; c++) {
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                if (comp[i] == c) {
                    rows.add(x[i]);
                }
            }
            int m = rows.size();
            double countSe = Math.sqrt(N * w[c] * (1 - w[c]));
            assertTrue(Math.abs(m - N * w[c]) <= Z * countSe, "count of component " + c + ": " + m);
            double[][] sigma = covariance(type, cov, c, d);
            double[] mean = new double[d];
            for (double[] r : rows) {
                for (int j = 0; j < d; j++) {
                    mean[j] += r[j] / m;
                }
            }
            for (int j = 0; j < d; j++) {
                double se = Math.sqrt(sigma[j][j] / m);
                assertTrue(Math.abs(mean[j] - means[c][j]) <= Z * se, "mean " + c + "," + j);
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double s = 0.0;
                    for (double[] r : rows) {
                        s += (r[a] - mean[a]) * (r[b] - mean[b]);
                    }
                    s /= m - 1;
                    double se = Math.sqrt((sigma[a][a] * sigma[b][b] + sigma[a][b] * sigma[a][b]) / m);
                    assertTrue(Math.abs(s - sigma[a][b]) <= Z * se,
                            "covariance " + c + " (" + a + "," + b + "): " + s + " vs " + sigma[a][b]);
                }
            }
        }
        GaussianMixtureModel.Sample again = model.sample(N, 7);
        assertArrayEquals(comp, again.components());
        assertArrayEquals(x[N - 1], again.x()[N - 1], 0.0);
    }

    private static double[][] covariance(CovarianceType type, double[][] blocks, int c, int d) {
        double[][] s = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                switch (type) {
                    case FULL:
                        s[a][b] = blocks[c][a * d + b];
                        break;
                    case TIED:
                        s[a][b] = blocks[0][a * d + b];
                        break;
                    case DIAG:
                        s[a][b] = a == b ? blocks[c][a] : 0.0;
                        break;
                    default:
                        s[a][b] = a == b ? blocks[c][0] : 0.0;
                }
            }
        }
        return s;
    }
}
