package org.gmmharness.verify.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.em.InitMethod;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.verify.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The fitted model carries the texts of the warnings scikit-learn 1.2.1 raises on the same fit.
 * The expected lists are what {@code warnings.catch_warnings(record=True)} records from
 * scikit-learn 1.2.1 on these settings, repeated texts shown once.
 */
class FitWarningsTest {

    private static final String NOT_CONVERGED = "Initialization %d did not converge. Try different init parameters, "
            + "or increase max_iter, tol or check for degenerate data.";
    private static final String TWO_OF_THREE_CLUSTERS = "Number of distinct clusters (2) found smaller than "
            + "n_clusters (3). Possibly due to duplicate points in X.";

    private final LinearAlgebra<?> la = Backends.create("ejml");
    private final double[][] blobs = Fixtures.data("blobs");

    @Test
    void oneIterationDoesNotConvergeAndSaysSo() {
        GaussianMixtureModel model = GaussianMixture.builder(3).maxIter(1).randomState(0).build().fit(la, blobs);
        assertFalse(model.converged());
        assertEquals(List.of(String.format(NOT_CONVERGED, 1)), model.warnings());
    }

    /** scikit-learn numbers the warning with the last initialisation, whichever did not converge. */
    @Test
    void theConvergenceWarningNamesTheLastInitialisation() {
        GaussianMixtureModel model = GaussianMixture.builder(3).maxIter(1).nInit(3).randomState(0).build()
                .fit(la, blobs);
        assertEquals(List.of(String.format(NOT_CONVERGED, 3)), model.warnings());
    }

    @Test
    void aConvergedFitHasNoWarnings() {
        GaussianMixtureModel model = GaussianMixture.builder(3).randomState(0).build().fit(la, blobs);
        assertTrue(model.converged());
        assertEquals(List.of(), model.warnings());
    }

    /** max_iter = 0 asks for the initial parameters only: scikit-learn does not warn then. */
    @Test
    void noIterationsNoConvergenceWarning() {
        GaussianMixtureModel model = GaussianMixture.builder(3).maxIter(0).randomState(0).build().fit(la, blobs);
        assertFalse(model.converged());
        assertEquals(List.of(), model.warnings());
    }

    /** Ten rows on two distinct points cannot give k-means three clusters. */
    @Test
    void kmeansOnFewerDistinctPointsThanComponentsWarns() {
        double[][] x = twoDistinctPoints();
        GaussianMixtureModel model = GaussianMixture.builder(3).initMethod(InitMethod.KMEANS).regCovar(1e-2)
                .randomState(0).build().fit(la, x);
        assertTrue(model.converged());
        assertEquals(List.of(TWO_OF_THREE_CLUSTERS), model.warnings());

        GaussianMixtureModel oneStep = GaussianMixture.builder(3).initMethod(InitMethod.KMEANS).regCovar(1e-2)
                .maxIter(1).nInit(3).randomState(0).build().fit(la, x);
        assertEquals(List.of(TWO_OF_THREE_CLUSTERS, String.format(NOT_CONVERGED, 3)), oneStep.warnings());
    }

    /** Other inits run no k-means, so duplicates alone raise nothing. */
    @Test
    void randomFromDataOnDuplicatesDoesNotWarn() {
        GaussianMixtureModel model = GaussianMixture.builder(3).initMethod(InitMethod.RANDOM_FROM_DATA)
                .regCovar(1e-2).randomState(0).build().fit(la, twoDistinctPoints());
        assertEquals(List.of(), model.warnings());
    }

    @Test
    void warningsAreImmutable() {
        List<String> warnings = GaussianMixture.builder(3).maxIter(1).randomState(0).build().fit(la, blobs)
                .warnings();
        assertThrows(UnsupportedOperationException.class, () -> warnings.add("x"));
    }

    private static double[][] twoDistinctPoints() {
        double[][] x = new double[10][];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 5 ? new double[] {0.0, 0.0} : new double[] {1.0, 2.0};
        }
        return x;
    }
}
