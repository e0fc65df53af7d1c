package org.gmmharness.verify.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gmmharness.metrics.AdjustedRandIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * core's adjusted Rand index against scikit-learn's {@code adjusted_rand_score}, from
 * {@code metrics.json} (made by {@code verify/generator/metrics_reference.py}): to the last bits,
 * since both compute the same pair counts and differ only in the order of a few roundings.
 */
class AdjustedRandIndexParityTest {

    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AdjustedRandIndexParityTest.class.getResourceAsStream("/fixtures/metrics.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
    }

    private static int[] ints(JsonNode node) {
        int[] a = new int[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asInt();
        }
        return a;
    }

    @Test
    void matchesScikitLearnOnFixedLabels() {
        JsonNode cases = fixture.get("adjusted_rand_score");
        assertTrue(cases != null && cases.size() > 0, "the fixture holds no cases");
        for (JsonNode c : cases) {
            double expected = c.get("adjusted_rand_score").asDouble();
            double actual = AdjustedRandIndex.score(ints(c.get("labels_true")), ints(c.get("labels_pred")));
            assertEquals(expected, actual, 2 * Math.ulp(expected), c.get("name").asText());
        }
    }

    /** Pair counts reach 4·10^10 and their products 10^21, past a 64-bit integer. */
    @Test
    void matchesScikitLearnWhereProductsOfPairCountsPassALong() {
        JsonNode c = fixture.get("adjusted_rand_score_alternating_against_halves");
        int n = c.get("n").asInt();
        int[] alternating = new int[n];
        int[] halves = new int[n];
        for (int i = 0; i < n; i++) {
            alternating[i] = i % 2;
            halves[i] = i < n / 2 ? 0 : 1;
        }
        double expected = c.get("adjusted_rand_score").asDouble();
        assertEquals(expected, AdjustedRandIndex.score(alternating, halves), 2 * Math.ulp(expected), c.get("rule").asText());
    }
}
