package org.gmmharness.verify.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gmmharness.random.MT19937;
import org.gmmharness.random.RandomState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link RandomState} and {@link MT19937} against numpy's legacy {@code RandomState}, bit for bit,
 * using {@code /fixtures/random_streams.json} written by
 * {@code verify/generator/random_streams.py}. Doubles are compared with
 * {@code assertEquals(double, double)}, which is exact (no tolerance); integers exactly.
 */
class RandomStateParityTest {

    private static JsonNode fixture;

    @BeforeAll
    static void load() {
        try (InputStream in = RandomStateParityTest.class.getResourceAsStream("/fixtures/random_streams.json")) {
            assertNotNull(in, "classpath resource /fixtures/random_streams.json is missing; run "
                    + "/usr/bin/python3 verify/generator/random_streams.py "
                    + "verify/src/test/resources/fixtures/random_streams.json");
            fixture = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void fixtureCoversTheRequiredSeeds() {
        List<Long> seeds = new ArrayList<>();
        fixture.get("seeds").forEach(s -> seeds.add(s.get("seed").asLong()));
        for (long required : new long[] {0L, 1L, 42L, 0xFFFF_FFFFL}) {
            assertTrue(seeds.contains(required), "fixture lacks seed " + required);
        }
    }

    @TestFactory
    Stream<DynamicNode> perSeedStreams() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (JsonNode s : fixture.get("seeds")) {
            long seed = s.get("seed").asLong();
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("state after seeding", () -> checkState(seed, s)));
            tests.add(DynamicTest.dynamicTest("raw uint32", () -> checkRaw(seed, s)));
            tests.add(DynamicTest.dynamicTest("random_sample", () -> checkRandomSample(seed, s)));
            tests.add(DynamicTest.dynamicTest("uniform", () -> checkUniform(seed, s)));
            tests.add(DynamicTest.dynamicTest("randint", () -> checkRandint(seed, s)));
            tests.add(DynamicTest.dynamicTest("permutation", () -> checkPermutation(seed, s)));
            tests.add(DynamicTest.dynamicTest("choice without replacement", () -> checkChoice(seed, s)));
            tests.add(DynamicTest.dynamicTest("standard_normal", () -> checkStandardNormal(seed, s)));
            tests.add(DynamicTest.dynamicTest("multinomial", () -> checkMultinomial(seed, s)));
            tests.add(DynamicTest.dynamicTest("interleaved calls", () -> checkInterleaved(seed, s)));
            nodes.add(DynamicContainer.dynamicContainer("seed " + seed, tests));
        }
        return nodes.stream();
    }

    private static void checkState(long seed, JsonNode s) {
        MT19937 mt = new MT19937(seed);
        long[] key = mt.stateKey();
        long[] head = longs(s.get("state_key_head"));
        long[] tail = longs(s.get("state_key_tail"));
        for (int i = 0; i < head.length; i++) {
            assertEquals(head[i], key[i], "key[" + i + "]");
        }
        for (int i = 0; i < tail.length; i++) {
            assertEquals(tail[i], key[key.length - tail.length + i], "key[" + (key.length - tail.length + i) + "]");
        }
        assertEquals(s.get("state_pos").asInt(), mt.statePosition());
    }

    private static void checkRaw(long seed, JsonNode s) {
        MT19937 mt = new MT19937(seed);
        long[] expected = longs(s.get("raw_uint32"));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], mt.nextUint32(), "raw output " + i);
        }
        // outputs 700..719 cross the regeneration of the 624-word block
        MT19937 later = new MT19937(seed);
        for (int i = 0; i < 700; i++) {
            later.nextUint32();
        }
        long[] from700 = longs(s.get("raw_uint32_from_700"));
        for (int i = 0; i < from700.length; i++) {
            assertEquals(from700[i], later.nextUint32(), "raw output " + (700 + i));
        }
    }

    private static void checkRandomSample(long seed, JsonNode s) {
        RandomState rs = new RandomState(seed);
        double[] expected = doubles(s.get("random_sample"));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], rs.randomSample(), "random_sample " + i);
        }
    }

    private static void checkUniform(long seed, JsonNode s) {
        assertMatrixEquals(matrix(s.get("uniform_5x3")), new RandomState(seed).uniform(0.0, 1.0, 5, 3),
                "uniform(size=(5, 3))");
        JsonNode u = s.get("uniform_low_high");
        double low = u.get("low").asDouble();
        double high = u.get("high").asDouble();
        assertMatrixEquals(matrix(u.get("values")),
                new RandomState(seed).uniform(low, high, u.get("rows").asInt(), u.get("cols").asInt()),
                "uniform(" + low + ", " + high + ")");
    }

    private static void checkRandint(long seed, JsonNode s) {
        for (JsonNode r : nonEmpty(s.get("randint"), "randint")) {
            long high = r.get("high").asLong();
            RandomState rs = new RandomState(seed);
            long[] expected = nonEmpty(longs(r.get("values")));
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], rs.randint(high), "randint(" + high + ") draw " + i);
            }
        }
        for (JsonNode r : nonEmpty(s.get("randint_low_high"), "randint_low_high")) {
            long low = r.get("low").asLong();
            long high = r.get("high").asLong();
            RandomState rs = new RandomState(seed);
            long[] expected = nonEmpty(longs(r.get("values")));
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], rs.randint(low, high), "randint(" + low + ", " + high + ") draw " + i);
            }
        }
    }

    private static void checkPermutation(long seed, JsonNode s) {
        assertArrayEquals(ints(s.get("permutation_10")), new RandomState(seed).permutation(10), "permutation(10)");
        RandomState rs = new RandomState(seed);
        int[] p = rs.permutation(1000);
        int[] head = nonEmpty(ints(s.get("permutation_1000_head20")));
        for (int i = 0; i < head.length; i++) {
            assertEquals(head[i], p[i], "permutation(1000)[" + i + "]");
        }
        long[] after = nonEmpty(longs(s.get("permutation_1000_after_head20")));
        for (int i = 0; i < after.length; i++) {
            assertEquals(after[i], rs.bitGenerator().nextUint32(), "raw output " + i + " after permutation(1000)");
        }
    }

    private static void checkChoice(long seed, JsonNode s) {
        for (JsonNode c : nonEmpty(s.get("choice_without_replacement"), "choice_without_replacement")) {
            int n = c.get("n").asInt();
            int size = c.get("size").asInt();
            assertArrayEquals(ints(c.get("values")), new RandomState(seed).choiceWithoutReplacement(n, size),
                    "choice(" + n + ", " + size + ", replace=False)");
        }
    }

    private static void checkStandardNormal(long seed, JsonNode s) {
        RandomState rs = new RandomState(seed);
        double[] expected = nonEmpty(doubles(s.get("standard_normal")));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], rs.standardNormal(), "standard_normal " + i);
        }
        assertMatrixEquals(matrix(s.get("standard_normal_3x4")), new RandomState(seed).standardNormal(3, 4),
                "standard_normal(size=(3, 4))");
    }

    private static void checkMultinomial(long seed, JsonNode s) {
        for (JsonNode m : nonEmpty(s.get("multinomial"), "multinomial")) {
            int n = m.get("n").asInt();
            double[] pvals = doubles(m.get("pvals"));
            RandomState rs = new RandomState(seed);
            JsonNode rows = m.get("values");
            assertEquals(m.get("size").asInt(), rows.size());
            assertTrue(rows.size() > 0, "multinomial(" + n + ") has no rows");
            for (int i = 0; i < rows.size(); i++) {
                assertArrayEquals(longs(rows.get(i)), rs.multinomial(n, pvals),
                        "multinomial(" + n + ", " + m.get("pvals") + ") row " + i);
            }
        }
    }

    private static void checkInterleaved(long seed, JsonNode s) {
        RandomState rs = new RandomState(seed);
        int step = 0;
        for (JsonNode call : nonEmpty(s.get("interleaved"), "interleaved")) {
            String op = call.get("op").asText();
            JsonNode args = call.get("args");
            JsonNode value = call.get("value");
            String where = "call " + step + ": " + op + args;
            switch (op) {
                case "standardNormal" -> assertEquals(value.asDouble(), rs.standardNormal(), where);
                case "randomSample" -> assertEquals(value.asDouble(), rs.randomSample(), where);
                case "randint" -> assertEquals(value.asLong(), rs.randint(args.get(0).asLong()), where);
                case "multinomial" -> assertArrayEquals(longs(value),
                        rs.multinomial(args.get(0).asInt(), doubles(args.get(1))), where);
                case "permutation" -> assertArrayEquals(ints(value), rs.permutation(args.get(0).asInt()), where);
                case "uniform" -> assertMatrixEquals(matrix(value), rs.uniform(args.get(0).asDouble(),
                        args.get(1).asDouble(), args.get(2).asInt(), args.get(3).asInt()), where);
                case "choiceWithoutReplacement" -> assertArrayEquals(ints(value),
                        rs.choiceWithoutReplacement(args.get(0).asInt(), args.get(1).asInt()), where);
                default -> throw new AssertionError("unknown op in fixture: " + op);
            }
            step++;
        }
        assertTrue(step > 0, "no interleaved calls in the fixture");
    }

    @TestFactory
    Stream<DynamicTest> longGaussianStreams() {
        return stream(fixture.get("long_gaussian"), g -> DynamicTest.dynamicTest(
                "seed " + g.get("seed").asLong() + ", " + g.get("count").asInt() + " draws", () -> {
                    RandomState rs = new RandomState(g.get("seed").asLong());
                    int count = g.get("count").asInt();
                    double[] last10 = doubles(g.get("last10"));
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    long bitsSum = 0;
                    long bitsXor = 0;
                    for (int i = 0; i < count; i++) {
                        double z = rs.standardNormal();
                        min = Math.min(min, z);
                        max = Math.max(max, z);
                        long bits = Double.doubleToRawLongBits(z);
                        bitsSum += bits;
                        bitsXor ^= bits;
                        int fromEnd = count - i;
                        if (fromEnd <= last10.length) {
                            assertEquals(last10[last10.length - fromEnd], z, "draw " + i);
                        }
                    }
                    assertEquals(g.get("min").asDouble(), min, "minimum");
                    assertEquals(g.get("max").asDouble(), max, "maximum");
                    assertEquals(g.get("bits_sum").asLong(), bitsSum, "wrapping sum of the draws' bit patterns");
                    assertEquals(g.get("bits_xor").asLong(), bitsXor, "xor of the draws' bit patterns");
                }));
    }

    @TestFactory
    Stream<DynamicTest> longMultinomialStreams() {
        return stream(fixture.get("long_multinomial"), m -> DynamicTest.dynamicTest(
                "seed " + m.get("seed").asLong() + ", multinomial(" + m.get("n").asLong() + ", " + m.get("pvals")
                        + ") x " + m.get("size").asInt(), () -> {
                    RandomState rs = new RandomState(m.get("seed").asLong());
                    long n = m.get("n").asLong();
                    double[] pvals = doubles(m.get("pvals"));
                    int size = m.get("size").asInt();
                    long[] sums = new long[pvals.length];
                    long[] last = null;
                    for (int i = 0; i < size; i++) {
                        last = rs.multinomial(n, pvals);
                        for (int j = 0; j < last.length; j++) {
                            sums[j] += last[j];
                        }
                    }
                    assertArrayEquals(longs(m.get("column_sums")), sums, "column sums");
                    assertArrayEquals(longs(m.get("last_row")), last, "last row");
                    long[] after = longs(m.get("after_raw"));
                    for (int i = 0; i < after.length; i++) {
                        assertEquals(after[i], rs.bitGenerator().nextUint32(), "raw output " + i + " afterwards");
                    }
                }));
    }

    @Test
    void fixtureStreamsAreNotTrivial() {
        JsonNode s0 = fixture.get("seeds").get(0);
        double[] z = doubles(s0.get("standard_normal"));
        assertFalse(z[0] == z[1], "standard normals in the fixture should differ");
        assertTrue(fixture.get("long_gaussian").size() > 0 && fixture.get("long_multinomial").size() > 0);
    }

    // ------------------------------------------------------------------ helpers

    private static <T> Stream<T> stream(JsonNode array, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(f.apply(n)));
        return out.stream();
    }

    private static void assertMatrixEquals(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + ": columns of row " + i);
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], what + "[" + i + "][" + j + "]");
            }
        }
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(rows.get(i));
        }
        return out;
    }

    /** @return {@code node}, a fixture array checked to hold at least one entry, so that a loop over it asserts something */
    private static JsonNode nonEmpty(JsonNode node, String what) {
        assertTrue(node != null && node.size() > 0, "the fixture holds no " + what);
        return node;
    }

    private static long[] nonEmpty(long[] values) {
        assertTrue(values.length > 0, "the fixture holds no values");
        return values;
    }

    private static int[] nonEmpty(int[] values) {
        assertTrue(values.length > 0, "the fixture holds no values");
        return values;
    }

    private static double[] nonEmpty(double[] values) {
        assertTrue(values.length > 0, "the fixture holds no values");
        return values;
    }
}
