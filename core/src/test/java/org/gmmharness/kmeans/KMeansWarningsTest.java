package org.gmmharness.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.gmmharness.random.RandomState;
import org.junit.jupiter.api.Test;

/** {@link KMeans.Result#warnings()} holds scikit-learn's distinct-clusters warning exactly when it applies. */
class KMeansWarningsTest {

    @Test
    void fewerDistinctPointsThanClustersWarnsWithScikitLearnsText() {
        double[][] x = {{0, 0}, {0, 0}, {0, 0}, {1, 2}, {1, 2}, {1, 2}, {1, 2}};
        KMeans.Result r = KMeans.fit(x, 3, new RandomState(0));
        assertEquals(List.of("Number of distinct clusters (2) found smaller than n_clusters (3). Possibly due to "
                + "duplicate points in X."), r.warnings());
    }

    @Test
    void asManyDistinctClustersAsAskedForIsSilent() {
        double[][] x = {{0, 0}, {0, 0.1}, {5, 5}, {5, 5.1}, {-5, 5}, {-5, 5.1}};
        KMeans.Result r = KMeans.fit(x, 3, new RandomState(0));
        assertEquals(List.of(), r.warnings());
    }
}
