package org.gmmharness.verify.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Stream;

import org.gmmharness.em.InitMethod;
import org.gmmharness.em.Initialization;
import org.gmmharness.kmeans.KMeans;
import org.gmmharness.random.RandomState;
import org.gmmharness.verify.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The initial responsibilities drawn from a seed are scikit-learn's, bit for bit, for the
 * {@code random}, {@code random_from_data} and {@code k-means++} methods, through every init of an
 * {@code n_init > 1} fit (the generator is shared between inits, as in scikit-learn).
 */
class InitializationParityTest {

    static Stream<String> seededCases() {
        return Fixtures.caseNames().stream().filter(name -> {
            SklearnCase c = new SklearnCase(name);
            return c.init != InitMethod.KMEANS && c.error() == null;
        });
    }

    /** The k-means cases that scikit-learn fitted: a case whose fit failed records no start. */
    static Stream<String> kmeansCases() {
        return Fixtures.caseNames().stream().filter(name -> {
            SklearnCase c = new SklearnCase(name);
            return c.init == InitMethod.KMEANS && c.error() == null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seededCases")
    void responsibilitiesMatchBitForBit(String name) {
        SklearnCase c = new SklearnCase(name);
        List<double[][]> recorded = c.recordedStarts(0);
        assertFalse(recorded.isEmpty(), "the fixture recorded no start");
        RandomState rng = new RandomState(c.params.get("random_state").asLong());
        int k = c.params.get("n_components").asInt();
        for (int i = 0; i < recorded.size(); i++) {
            double[][] ours = Initialization.responsibilities(c.init, c.x, k, rng);
            double[][] theirs = recorded.get(i);
            assertEquals(theirs.length, ours.length);
            for (int row = 0; row < ours.length; row++) {
                assertArrayEquals(theirs[row], ours[row], 0.0, "init " + i + ", row " + row);
            }
        }
    }

    /**
     * k-means labels are not promised bit for bit, since Lloyd's sums are taken in another order;
     * on these well-separated data sets they agree exactly all the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kmeansCases")
    void kmeansLabelsMatch(String name) {
        SklearnCase c = new SklearnCase(name);
        List<double[][]> recorded = c.recordedStarts(0);
        assertFalse(recorded.isEmpty(), "the fixture recorded no start");
        RandomState rng = new RandomState(c.params.get("random_state").asLong());
        int k = c.params.get("n_components").asInt();
        for (int i = 0; i < recorded.size(); i++) {
            int[] ours = KMeans.fit(c.x, k, rng).labels();
            double[][] theirs = recorded.get(i);
            int[] expected = new int[theirs.length];
            for (int row = 0; row < theirs.length; row++) {
                for (int comp = 0; comp < k; comp++) {
                    if (theirs[row][comp] == 1.0) {
                        expected[row] = comp;
                    }
                }
            }
            assertArrayEquals(expected, ours, "init " + i);
        }
    }
}
