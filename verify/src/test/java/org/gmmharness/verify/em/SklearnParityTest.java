package org.gmmharness.verify.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.em.IllDefinedCovarianceException;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.verify.BackendSource;
import org.gmmharness.verify.Compare;
import org.gmmharness.verify.Fixtures;
import org.gmmharness.verify.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scikit-learn fixture case, on every backend: each fitted attribute, the lower-bound trace
 * and every scoring method on the training data agree with scikit-learn to {@link
 * Tolerances#parityRtol}; counts, flags and labels agree exactly.
 */
class SklearnParityTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : BackendSource.names()) {
            for (String name : Fixtures.caseNames()) {
                out.add(Arguments.of(name, backend));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void matchesScikitLearn(String caseName, String backend) {
        SklearnCase c = new SklearnCase(caseName);
        LinearAlgebra<?> la = Backends.create(backend);
        GaussianMixture settings = c.settings(true);
        JsonNode error = c.error();
        if (error != null) {
            IllDefinedCovarianceException e = assertThrows(IllDefinedCovarianceException.class,
                    () -> settings.fit(la, c.x));
            assertTrue(e.getMessage().contains("ill-defined empirical covariance"), e.getMessage());
            assertTrue(e.getMessage().contains("increase reg_covar"), e.getMessage());
            return;
        }
        double rtol = Tolerances.parityRtol(c.type, c.init);
        GaussianMixtureModel model = settings.fit(la, c.x);
        assertMatches(c.fits().get(0), model, c.x, "fit", rtol);
        if (c.fits().size() > 1) {
            GaussianMixtureModel continued = settings.warmStart(la, model, c.x);
            assertMatches(c.fits().get(1), continued, c.x, "warm start", rtol);
        }
    }

    static void assertMatches(JsonNode expected, GaussianMixtureModel model, double[][] x, String call,
                              double rtol) {
        String at = call + ": ";
        assertEquals(expected.get("converged").asBoolean(), model.converged(), at + "converged");
        assertEquals(expected.get("n_iter").asInt(), model.nIter(), at + "n_iter");
        Compare.close(at + "lower_bound", expected.get("lower_bound").asDouble(), model.lowerBound(), rtol);
        Compare.close(at + "lower_bound_trace", bestTrace(expected), model.lowerBoundTrace(), rtol);
        Compare.close(at + "weights", Fixtures.flat(expected.get("weights")), model.weights(), rtol);
        Compare.close(at + "means", Fixtures.flat(expected.get("means")), Compare.flat(model.means()), rtol);
        Compare.close(at + "covariances", Fixtures.flat(expected.get("covariances")),
                Compare.flat(model.covarianceBlocks()), rtol);
        Compare.close(at + "precisions_cholesky", Fixtures.flat(expected.get("precisions_cholesky")),
                Compare.flat(model.precisionCholeskyBlocks()), rtol);
        Compare.close(at + "precisions", Fixtures.flat(expected.get("precisions")),
                Compare.flat(model.precisionBlocks()), rtol);
        assertArrayEquals(Fixtures.ints(expected.get("labels_fit")), model.trainingLabels(), at + "labels_fit");

        GaussianMixtureModel.Scores s = model.scores(x);
        Compare.close(at + "score_samples", Fixtures.flat(expected.get("score_samples")), s.logLikelihood(),
                rtol);
        Compare.close(at + "predict_proba", Fixtures.flat(expected.get("predict_proba")),
                Compare.flat(s.responsibilities()), rtol);
        assertArrayEquals(Fixtures.ints(expected.get("predict")), s.labels(), at + "predict");
        Compare.close(at + "score", expected.get("score").asDouble(), model.score(x), rtol);
        Compare.close(at + "bic", expected.get("bic").asDouble(), model.bic(x), rtol);
        Compare.close(at + "aic", expected.get("aic").asDouble(), model.aic(x), rtol);
        GaussianMixtureModel.InformationCriteria criteria = model.criteria(Compare.flat(x), x.length, x[0].length);
        Compare.close(at + "criteria.bic", expected.get("bic").asDouble(), criteria.bic(), rtol);
        Compare.close(at + "criteria.aic", expected.get("aic").asDouble(), criteria.aic(), rtol);
    }

    /** The trace of the init scikit-learn kept: the first with the largest final lower bound. */
    private static double[] bestTrace(JsonNode expected) {
        JsonNode traces = expected.get("lower_bound_traces");
        double[] best = new double[0];
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode t : traces) {
            double[] trace = Fixtures.flat(t);
            if (trace.length == 0) {
                continue;
            }
            double last = trace[trace.length - 1];
            if (last > max || max == Double.NEGATIVE_INFINITY) {
                max = last;
                best = trace;
            }
        }
        return best;
    }
}
