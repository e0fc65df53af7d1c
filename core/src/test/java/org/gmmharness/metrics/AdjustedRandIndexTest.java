package org.gmmharness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
    void matchesTheExactPairCountFormulaOnRandomLabels() {
        Random rnd = new Random(17);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rnd.nextInt(200);
            int[] t = new int[n];
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = rnd.nextInt(1 + trial % 5);
                p[i] = rnd.nextInt(2 + trial % 4) - 1;
            }
            double exact = exactScore(t, p);
            assertEquals(exact, AdjustedRandIndex.score(t, p), 1e-15 * Math.max(1, Math.abs(exact)), "trial " + trial);
        }
    }

    @Test
    void largeInputsDoNotOverflow() {
        // Pair counts reach 4·10^10 and their products 10^21, past a long.
        int n = 200_000;
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 2;
            b[i] = i < n / 2 ? 0 : 1;
        }
        double exact = exactScore(a, b);
        assertTrue(exact < 0 && exact > -1e-5, "the exact value " + exact);
        assertEquals(exact, AdjustedRandIndex.score(a, b), 1e-15 * Math.abs(exact));
    }

    /**
     * The adjusted Rand index from its definition, in exact arithmetic: with the contingency
     * table n_ij, row sums a_i and column sums b_j, (Σ C(n_ij, 2) − E) / (M − E) where
     * E = Σ C(a_i, 2)·Σ C(b_j, 2) / C(n, 2) and M = (Σ C(a_i, 2) + Σ C(b_j, 2)) / 2.
     */
    private static double exactScore(int[] t, int[] p) {
        Map<Long, Long> cells = new HashMap<>();
        Map<Integer, Long> rows = new HashMap<>();
        Map<Integer, Long> cols = new HashMap<>();
        for (int i = 0; i < t.length; i++) {
            cells.merge(((long) t[i] << 32) ^ (p[i] & 0xFFFFFFFFL), 1L, Long::sum);
            rows.merge(t[i], 1L, Long::sum);
            cols.merge(p[i], 1L, Long::sum);
        }
        BigInteger index = pairs(cells.values());
        BigInteger sumA = pairs(rows.values());
        BigInteger sumB = pairs(cols.values());
        BigInteger total = pairs(List.of((long) t.length));
        BigDecimal expected = new BigDecimal(sumA.multiply(sumB))
                .divide(new BigDecimal(total), MathContext.DECIMAL128);
        BigDecimal max = new BigDecimal(sumA.add(sumB)).divide(BigDecimal.valueOf(2));
        BigDecimal den = max.subtract(expected);
        if (den.signum() == 0) {
            return 1.0;
        }
        return new BigDecimal(index).subtract(expected).divide(den, MathContext.DECIMAL128)
                .doubleValue();
    }

    private static BigInteger pairs(Collection<Long> counts) {
        BigInteger s = BigInteger.ZERO;
        for (long c : counts) {
            s = s.add(BigInteger.valueOf(c).multiply(BigInteger.valueOf(c - 1)).shiftRight(1));
        }
        return s;
    }

    @Test
    void rejectsArraysOfDifferentLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdjustedRandIndex.score(new int[] {0, 1}, new int[] {0}));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
    }
}
