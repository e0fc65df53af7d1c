package org.gmmharness.verify.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.em.IllDefinedCovarianceException;
import org.gmmharness.em.InitMethod;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.verify.BackendSource;
import org.gmmharness.verify.Compare;
import org.gmmharness.verify.Fixtures;
import org.gmmharness.verify.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GaussianMixtureModel#restore}: whatever a fit produces restores and scores as the fitted
 * model does (including max_iter = 0 states whose weights sum to K/N), and a covariance that
 * disagrees with its precision factor is refused, naming the component.
 */
class RestoreTest {

    private final LinearAlgebra<?> la = Backends.create("ejml");

    static GaussianMixtureModel restore(LinearAlgebra<?> la, GaussianMixtureModel m) {
        return restore(la, m, m.weights(), m.covarianceBlocks(), m.precisionCholeskyBlocks());
    }

    static GaussianMixtureModel restore(LinearAlgebra<?> la, GaussianMixtureModel m, double[] weights,
                                        double[][] cov, double[][] precChol) {
        return GaussianMixtureModel.restore(la, m.covarianceType(), weights, m.means(), cov, precChol,
                m.converged(), m.nIter(), m.lowerBound(), m.lowerBoundTrace());
    }

    // ---- weights ------------------------------------------------------------------------------

    static Stream<Arguments> singlePointInits() {
        List<Arguments> out = new ArrayList<>();
        for (InitMethod init : List.of(InitMethod.RANDOM_FROM_DATA, InitMethod.KMEANS_PLUS_PLUS)) {
            for (CovarianceType type : CovarianceType.values()) {
                out.add(Arguments.of(init, type));
            }
        }
        return out.stream();
    }

    /**
     * scikit-learn's initial state from one sample per component has weights (1 + 10ε)/N each,
     * summing to K/N (0.02 on iris with K = 3); restored, it scores as the fitted model. The two
     * differ only in the centre the parameters are kept relative to, hence the equivariance
     * tolerance.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("singlePointInits")
    void theInitialStateOfASinglePointInitRestores(InitMethod init, CovarianceType type) {
        double[][] iris = Fixtures.data("iris");
        GaussianMixtureModel fitted = GaussianMixture.builder(3).covarianceType(type).initMethod(init).maxIter(0)
                .randomState(3).build().fit(la, iris);
        double sum = 0.0;
        for (double w : fitted.weights()) {
            sum += w;
        }
        assertEquals(3.0 / iris.length, sum, 1e-12);
        GaussianMixtureModel restored = restore(la, fitted);
        Compare.close("score_samples", fitted.scoreSamples(iris), restored.scoreSamples(iris),
                Tolerances.EQUIVARIANCE_RTOL);
        Compare.close("predict_proba", Compare.flat(fitted.predictProba(iris)),
                Compare.flat(restored.predictProba(iris)), Tolerances.EQUIVARIANCE_RTOL);
    }

    @Test
    void afterIterationsTheWeightsMustSumToOne() {
        GaussianMixtureModel fitted = GaussianMixture.builder(2).randomState(0).build().fit(la,
                Fixtures.data("two_gaussians"));
        assertTrue(fitted.nIter() >= 1);
        double[] half = fitted.weights();
        for (int c = 0; c < half.length; c++) {
            half[c] /= 2;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> restore(la, fitted, half, fitted.covarianceBlocks(), fitted.precisionCholeskyBlocks()));
        assertTrue(e.getMessage().contains("weights must sum to 1"), e.getMessage());
    }

    @Test
    void initialWeightsMayNotSumAboveOneOrToZero() {
        GaussianMixtureModel fitted = GaussianMixture.builder(2).maxIter(0).initMethod(InitMethod.RANDOM_FROM_DATA)
                .randomState(0).build().fit(la, Fixtures.data("two_gaussians"));
        for (double[] weights : new double[][] {{0.75, 0.75}, {0.0, 0.0}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> restore(la, fitted, weights, fitted.covarianceBlocks(), fitted.precisionCholeskyBlocks()));
            assertTrue(e.getMessage().contains("n_iter = 0"), e.getMessage());
        }
    }

    // ---- covariances against precision factors ------------------------------------------------

    /** Every fixture case, fitted on every backend, restores from its own accessors. */
    @Test
    void everyFixtureFitRestoresOnEveryBackend() {
        int restored = 0;
        for (String backend : BackendSource.names()) {
            LinearAlgebra<?> backendLa = Backends.create(backend);
            for (String name : Fixtures.caseNames()) {
                SklearnCase c = new SklearnCase(name);
                GaussianMixtureModel fitted;
                try {
                    fitted = c.settings(true).fit(backendLa, c.x);
                } catch (IllDefinedCovarianceException expected) {
                    assertTrue(c.error() != null, name + " failed on " + backend + ": " + expected.getMessage());
                    continue;
                }
                restore(backendLa, fitted);
                restored++;
            }
        }
        assertTrue(restored >= 3 * 40, "restored only " + restored + " fits");
    }

    /** scikit-learn's own fitted values (every fit call of every fixture case) restore too. */
    @Test
    void everyScikitLearnFixtureModelRestores() {
        int restored = 0;
        for (String name : Fixtures.caseNames()) {
            SklearnCase c = new SklearnCase(name);
            for (JsonNode fit : c.fits()) {
                GaussianMixtureModel.restore(la, c.type, Fixtures.flat(fit.get("weights")),
                        Fixtures.matrix(fit.get("means")), blocks(c.type, fit.get("covariances")),
                        blocks(c.type, fit.get("precisions_cholesky")), fit.get("converged").asBoolean(),
                        fit.get("n_iter").asInt(), fit.get("lower_bound").asDouble(), new double[0]);
                restored++;
            }
        }
        assertTrue(restored >= 40, "restored only " + restored + " scikit-learn models");
    }

    /**
     * Near-collinear features at scale 1e3 with reg_covar = 1e-6 give covariances with condition
     * numbers near 1e13, whose precision factors the fit itself can only compute to a few digits
     * (its own pair disagrees by up to ~1e-2): such fits must still restore, on every backend.
     */
    @Test
    void illConditionedFitsRestoreOnEveryBackend() {
        for (String backend : BackendSource.names()) {
            LinearAlgebra<?> backendLa = Backends.create(backend);
            for (CovarianceType type : List.of(CovarianceType.FULL, CovarianceType.TIED)) {
                GaussianMixtureModel fitted = GaussianMixture.builder(2).covarianceType(type).randomState(1).build()
                        .fit(backendLa, nearlyCollinear(new Random(3), 500, 6, 1e3));
                restore(backendLa, fitted);
            }
        }
    }

    /** Precision factors derived from precisions_init are lower triangular; they are accepted too. */
    @Test
    void lowerTriangularFactorsFromPrecisionsInitRestore() {
        double[][][] precisions = {{{4.0, 1.0}, {1.0, 2.0}}, {{1.0, -0.3}, {-0.3, 0.5}}};
        GaussianMixtureModel fitted = GaussianMixture.builder(2).maxIter(0).precisionsInit(precisions).randomState(0)
                .build().fit(la, Fixtures.data("two_gaussians"));
        double[][] u = fitted.precisionCholeskyBlocks();
        assertTrue(u[0][1] == 0.0 && u[0][2] != 0.0, "expected a lower factor");
        restore(la, fitted);

        double[][] cov = fitted.covarianceBlocks();
        cov[1][0] *= 1.01;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> restore(la, fitted, fitted.weights(), cov, u));
        assertTrue(e.getMessage().contains("in component 1"), e.getMessage());
    }

    /** One variance 1% off is refused, whichever covariance type, naming the component and the size. */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void aCovarianceOnePercentOffIsRefused(CovarianceType type) {
        GaussianMixtureModel fitted = GaussianMixture.builder(3).covarianceType(type).randomState(1).build()
                .fit(la, Fixtures.data("blobs_stretched"));
        double[][] cov = fitted.covarianceBlocks();
        int block = type == CovarianceType.TIED ? 0 : 2;
        cov[block][0] *= 1.01;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> restore(la, fitted, fitted.weights(), cov, fitted.precisionCholeskyBlocks()));
        String where = type == CovarianceType.TIED ? "in the tied covariance" : "in component 2";
        // About 1e-2 in the covariance's own metric; more where the variance is correlated with others.
        assertTrue(e.getMessage().matches("covariances and precisions_cholesky disagree " + where
                + " \\(relative difference [1-9]\\.\\de-02 > 1\\.0e-06\\).*"), e.getMessage());
        assertTrue(e.getMessage().contains("Write both from the same fitted model"), e.getMessage());
    }

    /** An off-diagonal covariance entry changed on both sides (so it stays symmetric) is refused. */
    @Test
    void aChangedCorrelationIsRefused() {
        GaussianMixtureModel fitted = GaussianMixture.builder(2).randomState(0).build().fit(la,
                Fixtures.data("two_gaussians"));
        double[][] cov = fitted.covarianceBlocks();
        cov[0][1] *= 1.01;
        cov[0][2] = cov[0][1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> restore(la, fitted, fitted.weights(), cov, fitted.precisionCholeskyBlocks()));
        assertTrue(e.getMessage().contains("in component 0"), e.getMessage());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** scikit-learn's covariances_ or precisions_cholesky_ in the layout of covarianceBlocks(). */
    private static double[][] blocks(CovarianceType type, JsonNode node) {
        switch (type) {
            case FULL:
            case DIAG:
                return Fixtures.matrix(node);
            case TIED:
                return new double[][] {Fixtures.flat(node)};
            default:
                double[] values = Fixtures.flat(node);
                double[][] out = new double[values.length][];
                for (int c = 0; c < values.length; c++) {
                    out[c] = new double[] {values[c]};
                }
                return out;
        }
    }

    /** Two clusters along one direction, a second direction in two features, a 1e-3 spread in one. */
    private static double[][] nearlyCollinear(Random r, int n, int d, double scale) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double t = r.nextGaussian() + (i % 2) * 5;
            double t2 = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i][j] = scale * (t * (j + 1) + (j < 2 ? t2 * 0.5 : 0) + (j == d - 1 ? r.nextGaussian() * 1e-3 : 0));
            }
        }
        return x;
    }
}
