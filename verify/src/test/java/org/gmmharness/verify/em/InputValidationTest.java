package org.gmmharness.verify.em;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.em.IllDefinedCovarianceException;
import org.gmmharness.em.InitMethod;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.verify.BackendSource;
import org.gmmharness.verify.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input gets an exception whose message says what was wrong and what to do, on every
 * backend.
 */
class InputValidationTest {

    private static final double[][] X = {{0, 0}, {1, 0}, {0, 1}, {5, 5}, {6, 5}, {5, 6}};

    static Stream<String> backends() {
        return BackendSource.names().stream();
    }

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    private static GaussianMixture.Builder two() {
        return GaussianMixture.builder(2).randomState(0);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void nanIsRejectedWithItsPosition(String backend) {
        double[][] x = {{0, 0}, {1, Double.NaN}, {2, 2}};
        assertRejected(() -> two().build().fit(Backends.create(backend), x), "NaN", "row 1, column 1", "remove");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void infinityIsRejectedWithItsPosition(String backend) {
        double[][] x = {{0, 0}, {1, 1}, {Double.NEGATIVE_INFINITY, 2}};
        assertRejected(() -> two().build().fit(Backends.create(backend), x), "infinity", "row 2, column 0");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fewerSamplesThanComponents(String backend) {
        assertRejected(() -> GaussianMixture.builder(7).build().fit(Backends.create(backend), X),
                "n_samples >= n_components", "n_components = 7, n_samples = 6", "decrease n_components");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void oneSample(String backend) {
        assertRejected(() -> GaussianMixture.builder(1).build().fit(Backends.create(backend), new double[][] {{1, 2}}),
                "1 sample(s)", "minimum of 2");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void emptyAndRaggedData(String backend) {
        LinearAlgebra<?> la = Backends.create(backend);
        assertRejected(() -> two().build().fit(la, new double[0][]), "empty");
        assertRejected(() -> two().build().fit(la, new double[][] {{1, 2}, {3}, {4, 5}}), "not rectangular",
                "row 1 has 1");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void wrongFeatureCountInPredict(String backend) {
        GaussianMixtureModel model = two().build().fit(Backends.create(backend), X);
        assertRejected(() -> model.predict(new double[][] {{1, 2, 3}}), "X has 3 features",
                "expecting 2 features");
        assertRejected(() -> model.scoreSamples(new double[][] {{1}}), "X has 1 features");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badWeightsInit(String backend) {
        LinearAlgebra<?> la = Backends.create(backend);
        assertRejected(() -> two().weightsInit(new double[] {1.0}).build().fit(la, X), "weights_init has shape (1,)",
                "(2,) was expected");
        assertRejected(() -> two().weightsInit(new double[] {1.5, -0.5}).build().fit(la, X),
                "range [0, 1]");
        assertRejected(() -> two().weightsInit(new double[] {0.3, 0.3}).build().fit(la, X),
                "should be normalized", "sum(weights) = 0.60000");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badMeansInit(String backend) {
        assertRejected(() -> two().meansInit(new double[][] {{0, 0, 0}, {1, 1, 1}}).build()
                .fit(Backends.create(backend), X), "means_init has shape (2, 3)", "(2, 2) was expected");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badPrecisionsInitShape(String backend) {
        LinearAlgebra<?> la = Backends.create(backend);
        assertRejected(() -> two().precisionsInit(new double[][] {{1, 0}, {0, 1}}).build().fit(la, X),
                "precisions_init for covariance type 'full' must have shape (2, 2, 2)");
        assertRejected(() -> two().covarianceType(CovarianceType.SPHERICAL).precisionsInit(new double[] {1, 2, 3})
                .build().fit(la, X), "must have shape (2,)");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void nonPositiveDefinitePrecisionsInit(String backend) {
        LinearAlgebra<?> la = Backends.create(backend);
        double[][][] indefinite = {{{1, 0}, {0, 1}}, {{1, 2}, {2, 1}}};
        assertRejected(() -> two().precisionsInit(indefinite).build().fit(la, X),
                "'full precision' should be symmetric, positive-definite", "component 1");
        double[][][] asymmetric = {{{1, 0.5}, {0, 1}}, {{1, 0}, {0, 1}}};
        assertRejected(() -> two().precisionsInit(asymmetric).build().fit(la, X),
                "symmetric, positive-definite", "component 0");
        assertRejected(() -> two().covarianceType(CovarianceType.DIAG).precisionsInit(new double[][] {{1, 1}, {1, 0}})
                .build().fit(la, X), "'diag precision' should be positive");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void collapsedComponentsWithoutRegularisation(String backend) {
        double[][] x = Fixtures.data("collapsed");
        IllDefinedCovarianceException e = assertThrows(IllDefinedCovarianceException.class, () -> GaussianMixture
                .builder(6).regCovar(0.0).randomState(0).initMethod(InitMethod.RANDOM_FROM_DATA).build()
                .fit(Backends.create(backend), x));
        assertTrue(e.getMessage().contains("increase reg_covar"), e.getMessage());
    }

    @Test
    void badSettings() {
        assertRejected(() -> GaussianMixture.builder(0).build(), "n_components must be at least 1");
        assertRejected(() -> two().tol(-1).build(), "tol must be non-negative");
        assertRejected(() -> two().regCovar(-1e-6).build(), "reg_covar must be non-negative");
        assertRejected(() -> two().maxIter(-1).build(), "max_iter must be non-negative");
        assertRejected(() -> two().nInit(0).build(), "n_init must be at least 1");
        assertRejected(() -> two().randomState(-1).build(), "seed");
        assertRejected(() -> CovarianceType.parse("round"), "Unknown covariance type 'round'", "full, tied");
        assertRejected(() -> InitMethod.parse("kmeans2"), "Unknown init method", "random_from_data");
    }

    @Test
    void unknownBackendNamesTheAvailableOnes() {
        assertRejected(() -> Backends.create("cublas"), "Unknown backend 'cublas'", "Available backends",
                BackendSource.names().get(0));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sampleCountMustBePositive(String backend) {
        GaussianMixtureModel model = two().build().fit(Backends.create(backend), X);
        assertRejected(() -> model.sample(0, 1), "at least one sample");
    }
}
