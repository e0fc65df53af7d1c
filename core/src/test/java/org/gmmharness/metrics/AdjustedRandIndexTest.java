package org.gmmharness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Hand-checkable cases of the adjusted Rand index. Pair counts below are over the unordered pairs
 * of samples: tp (together in both), fn (together in the truth only), fp (together in the
 * prediction only), tn (apart in both); ARI = 2(tp·tn − fn·fp) / ((tp+fn)(fn+tn) + (tp+fp)(fp+tn)).
 */
class AdjustedRandIndexTest {

    @Test
    void identicalLabelingsScoreOne() {
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2}));
    }

    @Test
    void permutedAndArbitraryLabelValuesScoreOne() {
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 0, 1, 1, 2}, new int[] {7, 7, -3, -3, 100}));
    }

    @Test
    void splittingOneClusterInTwo() {
        // Truth {1,2},{3,4}; prediction {1,2},{3},{4}: tp = 1 (1-2), fn = 1 (3-4), fp = 0, tn = 4.
        // ARI = 2·(1·4 − 0) / ((1+1)(1+4) + (1+0)(0+4)) = 8/14 = 4/7.
        assertEquals(4.0 / 7.0, AdjustedRandIndex.score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-15);
        // The index is symmetric in its arguments.
        assertEquals(4.0 / 7.0, AdjustedRandIndex.score(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}), 1e-15);
    }

    @Test
    void crossedLabelingsScoreBelowChance() {
        // Truth {1,2},{3,4}; prediction {1,3},{2,4}: tp = 0, fn = 2, fp = 2, tn = 2.
        // ARI = 2·(0 − 4) / (2·4 + 2·4) = −1/2.
        assertEquals(-0.5, AdjustedRandIndex.score(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-15);
    }

    @Test
    void oneClusterAgainstSingletonsScoresZero() {
        // Truth: one cluster; prediction: every sample alone. tp = 0, fp = 0, fn = 6, tn = 0:
        // numerator 0, so 0 (scikit-learn's documented example).
        assertEquals(0.0, AdjustedRandIndex.score(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}));
        assertEquals(0.0, AdjustedRandIndex.score(new int[] {0, 1, 2, 3}, new int[] {5, 5, 5, 5}));
    }

    @Test
    void degenerateEqualPartitionsScoreOneAsScikitLearnDefines() {
        // fp = fn = 0: scikit-learn returns exactly 1 (its "special limit cases").
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 0, 0, 0}, new int[] {3, 3, 3, 3}));
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 1, 2, 3}, new int[] {3, 2, 1, 0}));
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {4}, new int[] {9}));
        assertEquals(1.0, AdjustedRandIndex.score(new int[0], new int[0]));
    }

    @Test
    void matchesScikitLearnOnRandomLabels() {
        // numpy RandomState(0): t = randint(0, 3, 50), p = randint(-2, 2, 50);
        // adjusted_rand_score(t, p) with scikit-learn 1.2.1 printed -0.03265223228892825.
        int[] t = {0, 1, 0, 1, 1, 2, 0, 2, 0, 0, 0, 2, 1, 2, 2, 0, 1, 1, 1, 1, 0, 1, 0, 0, 1, 2, 0, 2, 0, 1, 1, 2, 0, 1,
                1, 1, 0, 2, 0, 2, 2, 0, 2, 0, 0, 0, 1, 1, 2, 0};
        int[] p = {-2, -1, 1, -2, -1, 0, 0, 1, -2, -1, -1, 1, -1, -1, 1, 0, 1, 1, 0, 0, 1, -2, 0, 1, -1, -2, -1, 0, -2,
                1, -2, 0, -2, 1, 1, -2, 1, -2, -2, -2, -2, 0, 1, -2, 1, 0, 1, 1, -1, -1};
        assertEquals(-0.03265223228892825, AdjustedRandIndex.score(t, p), 1e-16);
    }

    @Test
    void largeInputsDoNotOverflow() {
        int n = 200_000;
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 2;
            b[i] = i < n / 2 ? 0 : 1;
        }
        // Pair counts reach 4·10^10 and their products 10^21, past long; scikit-learn 1.2.1 gives
        // -5.000050000500005e-06 for these labels.
        assertEquals(-5.000050000500005e-06, AdjustedRandIndex.score(a, b), 1e-21);
    }

    @Test
    void rejectsArraysOfDifferentLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdjustedRandIndex.score(new int[] {0, 1}, new int[] {0}));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
    }
}
