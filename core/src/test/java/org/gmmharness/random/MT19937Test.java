package org.gmmharness.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link MT19937} against published reference values of the Mersenne Twister, and
 * self-consistency properties of {@link RandomState}. Bit-for-bit parity with numpy itself is
 * checked in the verify module ({@code RandomStateParityTest}); nothing here needs Python.
 */
class MT19937Test {

    // ------------------------------------------------------------------ published facts

    /**
     * C++11 [rand.predef]: "Required behavior: The 10000th consecutive invocation of a
     * default-constructed object of type mt19937 shall produce the value 4123659995."
     * std::mt19937's default seed is 5489 and its seeding is init_genrand, as numpy's legacy
     * seeding.
     */
    @Test
    void tenThousandthOutputForSeed5489IsTheOneTheCppStandardRequires() {
        MT19937 mt = new MT19937(5489);
        long v = 0;
        for (int i = 0; i < 10000; i++) {
            v = mt.nextUint32();
        }
        assertEquals(4123659995L, v);
    }

    /** The widely published first output of a default-seeded std::mt19937 (seed 5489). */
    @Test
    void firstOutputForSeed5489() {
        assertEquals(3499211612L, new MT19937(5489).nextUint32());
    }

    /** init_genrand: key[0] = seed, key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >> 30)) + i mod 2^32. */
    @Test
    void seedingIsInitGenrand() {
        long seed = 0xFFFF_FFFFL;
        long[] key = new MT19937(seed).stateKey();
        assertEquals(MT19937.STATE_LENGTH, key.length);
        assertEquals(seed, key[0]);
        long prev = seed;
        for (int i = 1; i < key.length; i++) {
            long expected = (1812433253L * (prev ^ (prev >>> 30)) + i) & 0xFFFF_FFFFL;
            assertEquals(expected, key[i], "key[" + i + "]");
            prev = expected;
        }
        // seed 0: key[1] = 1812433253 * 0 + 1
        long[] zero = new MT19937(0).stateKey();
        assertEquals(0L, zero[0]);
        assertEquals(1L, zero[1]);
        assertEquals(1812433255L, zero[2]);
    }

    @Test
    void firstDrawRegeneratesTheBlock() {
        MT19937 mt = new MT19937(42);
        assertEquals(MT19937.STATE_LENGTH, mt.statePosition());
        mt.nextUint32();
        assertEquals(1, mt.statePosition());
        for (int i = 1; i < MT19937.STATE_LENGTH; i++) {
            mt.nextUint32();
        }
        assertEquals(MT19937.STATE_LENGTH, mt.statePosition());
        mt.nextUint32();
        assertEquals(1, mt.statePosition());
    }

    // ------------------------------------------------------------------ generator properties

    @Test
    void sameSeedGivesTheSameStreamAndDifferentSeedsDiffer() {
        MT19937 a = new MT19937(12345);
        MT19937 b = new MT19937(12345);
        MT19937 c = new MT19937(12346);
        int same = 0;
        for (int i = 0; i < 2000; i++) {
            long x = a.nextUint32();
            assertEquals(x, b.nextUint32(), "output " + i);
            if (x == c.nextUint32()) {
                same++;
            }
        }
        assertTrue(same < 5, "neighbouring seeds should give unrelated streams, " + same + " equal outputs");
    }

    @Test
    void seedBoundsAreNumpys() {
        new MT19937(0);
        new MT19937(MT19937.MAX_SEED);
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> new MT19937(-1));
        assertTrue(low.getMessage().contains("2**32 - 1"), low.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MT19937(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new RandomState(-5));
        assertThrows(IllegalArgumentException.class, () -> new RandomState(Long.MAX_VALUE));
    }

    @Test
    void outputsAreComposedFromThirtyTwoBitOutputsInNumpysOrder() {
        MT19937 twin = new MT19937(7);
        MT19937 mt = new MT19937(7);
        for (int i = 0; i < 100; i++) {
            long a = twin.nextUint32();
            long b = twin.nextUint32();
            assertEquals((a << 32) | b, mt.nextUint64());
            long c = twin.nextUint32();
            long d = twin.nextUint32();
            double expected = ((c >>> 5) * 67108864.0 + (d >>> 6)) / 9007199254740992.0;
            assertEquals(expected, mt.nextDouble());
            long e = twin.nextUint32();
            assertEquals(e, mt.nextInt() & 0xFFFF_FFFFL);
        }
    }

    @Test
    void rawOutputsCoverTheFullThirtyTwoBitRange() {
        MT19937 mt = new MT19937(1);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 100_000; i++) {
            long v = mt.nextUint32();
            assertTrue(v >= 0 && v <= 0xFFFF_FFFFL);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min < (1L << 20), "minimum " + min);
        assertTrue(max > 0xFFFF_FFFFL - (1L << 20), "maximum " + max);
    }

    // ------------------------------------------------------------------ RandomState properties

    @Nested
    class RandomStateProperties {

        @Test
        void randomSampleAndUniformStayInRangeAndFollowTheGenerator() {
            RandomState rs = new RandomState(3);
            MT19937 twin = new MT19937(3);
            for (int i = 0; i < 10_000; i++) {
                double u = rs.randomSample();
                assertEquals(twin.nextDouble(), u);
                assertTrue(u >= 0.0 && u < 1.0);
            }
            double[][] m = rs.uniform(-2.0, 5.0, 40, 3);
            assertEquals(40, m.length);
            for (double[] row : m) {
                assertEquals(3, row.length);
                for (double v : row) {
                    assertEquals(-2.0 + 7.0 * twin.nextDouble(), v); // row-major fill
                    assertTrue(v >= -2.0 && v < 5.0);
                }
            }
            assertEquals(1.0 + 2.0 * twin.nextDouble(), rs.uniform(1.0, 3.0));
            assertThrows(IllegalArgumentException.class, () -> rs.uniform(-Double.MAX_VALUE, Double.MAX_VALUE, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> rs.uniform(0, 1, -1, 2));
        }

        @Test
        void randintRespectsItsBoundsAndHitsBothEnds() {
            RandomState rs = new RandomState(11);
            for (long high : new long[] {2, 3, 7, 1000, (1L << 31) + 5, 1L << 32, (1L << 32) + 1, 1L << 40,
                                         Long.MAX_VALUE}) {
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int i = 0; i < 5000; i++) {
                    long v = rs.randint(high);
                    assertTrue(v >= 0 && v < high, "randint(" + high + ") gave " + v);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (high <= 1000) {
                    assertEquals(0, min, "randint(" + high + ") minimum");
                    assertEquals(high - 1, max, "randint(" + high + ") maximum");
                } else {
                    assertTrue(max > high / 2 && min < high / 2, "randint(" + high + ") spread");
                }
            }
            for (int i = 0; i < 1000; i++) {
                long v = rs.randint(-5, 5);
                assertTrue(v >= -5 && v < 5);
                long w = rs.randint(Long.MIN_VALUE, Long.MAX_VALUE);
                assertTrue(w < Long.MAX_VALUE);
            }
            assertThrows(IllegalArgumentException.class, () -> rs.randint(0));
            assertThrows(IllegalArgumentException.class, () -> rs.randint(-3));
            assertThrows(IllegalArgumentException.class, () -> rs.randint(5, 5));
        }

        @Test
        void randintOfOneDrawsNothing() {
            RandomState rs = new RandomState(99);
            for (int i = 0; i < 10; i++) {
                assertEquals(0, rs.randint(1));
                assertEquals(17, rs.randint(17, 18));
            }
            assertEquals(new MT19937(99).nextUint32(), rs.bitGenerator().nextUint32());
        }

        @Test
        void randintUsesMaskedRejectionOnThirtyTwoBitOutputs() {
            RandomState rs = new RandomState(5);
            MT19937 twin = new MT19937(5);
            for (int i = 0; i < 200; i++) {
                long expected;
                do {
                    expected = twin.nextUint32() & 7L; // mask for rng = 6
                } while (expected > 6);
                assertEquals(expected, rs.randint(7));
            }
        }

        @Test
        void permutationIsAPermutationAndFollowsTheLegacyShuffle() {
            RandomState rs = new RandomState(21);
            for (int n : new int[] {0, 1, 2, 10, 1000}) {
                int[] p = rs.permutation(n);
                int[] sorted = p.clone();
                Arrays.sort(sorted);
                for (int i = 0; i < n; i++) {
                    assertEquals(i, sorted[i], "permutation(" + n + ") is not a permutation");
                }
            }
            // n = 3: i = 2 -> j = random_interval(2) (mask 3), i = 1 -> j = random_interval(1) (mask 1)
            MT19937 twin = new MT19937(8);
            long j2;
            do {
                j2 = twin.nextUint32() & 3L;
            } while (j2 > 2);
            long j1 = twin.nextUint32() & 1L;
            int[] expected = {0, 1, 2};
            int t = expected[(int) j2];
            expected[(int) j2] = expected[2];
            expected[2] = t;
            t = expected[(int) j1];
            expected[(int) j1] = expected[1];
            expected[1] = t;
            assertArrayEquals(expected, new RandomState(8).permutation(3));
            assertThrows(IllegalArgumentException.class, () -> rs.permutation(-1));
        }

        @Test
        void permutationsOfZeroAndOneDrawNothing() {
            RandomState rs = new RandomState(4);
            assertEquals(0, rs.permutation(0).length);
            assertArrayEquals(new int[] {0}, rs.permutation(1));
            assertEquals(new MT19937(4).nextUint32(), rs.bitGenerator().nextUint32());
        }

        @Test
        void choiceWithoutReplacementIsAPrefixOfThePermutation() {
            for (long seed : new long[] {0, 1, 42}) {
                int[] c = new RandomState(seed).choiceWithoutReplacement(150, 3);
                int[] p = new RandomState(seed).permutation(150);
                assertArrayEquals(Arrays.copyOf(p, 3), c);
                Set<Integer> distinct = new HashSet<>();
                for (int v : c) {
                    assertTrue(v >= 0 && v < 150);
                    distinct.add(v);
                }
                assertEquals(3, distinct.size());
            }
            int[] all = new RandomState(2).choiceWithoutReplacement(50, 50);
            assertEquals(50, Arrays.stream(all).distinct().count());
            assertEquals(0, new RandomState(2).choiceWithoutReplacement(0, 0).length);
            RandomState rs = new RandomState(2);
            assertThrows(IllegalArgumentException.class, () -> rs.choiceWithoutReplacement(3, 4));
            assertThrows(IllegalArgumentException.class, () -> rs.choiceWithoutReplacement(3, -1));
            assertThrows(IllegalArgumentException.class, () -> rs.choiceWithoutReplacement(0, 1));
        }

        @Test
        void standardNormalCachesTheSecondValueOfEachPair() {
            RandomState rs = new RandomState(17);
            rs.standardNormal();
            int afterFirst = rs.bitGenerator().statePosition();
            rs.standardNormal(); // served from the cache: no draws
            assertEquals(afterFirst, rs.bitGenerator().statePosition());
            // the cache survives other calls, as in numpy
            RandomState a = new RandomState(17);
            RandomState b = new RandomState(17);
            a.standardNormal();
            b.standardNormal();
            a.randomSample();
            double cachedA = a.standardNormal();
            double cachedB = b.standardNormal();
            assertEquals(cachedB, cachedA);
        }

        @Test
        void standardNormalPolarMethodFromTheSameUniforms() {
            RandomState rs = new RandomState(23);
            MT19937 twin = new MT19937(23);
            double x1;
            double x2;
            double r2;
            do {
                x1 = 2.0 * twin.nextDouble() - 1.0;
                x2 = 2.0 * twin.nextDouble() - 1.0;
                r2 = x1 * x1 + x2 * x2;
            } while (r2 >= 1.0 || r2 == 0.0);
            double f = Math.sqrt(-2.0 * GlibcMath.log(r2) / r2);
            assertEquals(f * x2, rs.standardNormal());
            assertEquals(f * x1, rs.standardNormal());
            double[][] m = new RandomState(23).standardNormal(2, 3);
            RandomState again = new RandomState(23);
            for (double[] row : m) {
                for (double v : row) {
                    assertEquals(again.standardNormal(), v); // row-major fill
                }
            }
        }

        @Test
        void standardNormalMomentsAreStandard() {
            RandomState rs = new RandomState(2024);
            int n = 200_000;
            double sum = 0;
            double sumSq = 0;
            int beyond2 = 0;
            for (int i = 0; i < n; i++) {
                double z = rs.standardNormal();
                sum += z;
                sumSq += z * z;
                if (Math.abs(z) > 2) {
                    beyond2++;
                }
            }
            double mean = sum / n;
            double var = sumSq / n - mean * mean;
            assertEquals(0.0, mean, 0.01);
            assertEquals(1.0, var, 0.015);
            assertEquals(0.0455, beyond2 / (double) n, 0.003); // P(|Z| > 2)
        }

        @Test
        void multinomialCountsSumToNAndRespectZeros() {
            RandomState rs = new RandomState(31);
            double[][] ps = {{0.2, 0.3, 0.5}, {0.1, 0.2, 0.7}, {0.9, 0.1}, {0.0, 0.25, 0.75}, {1.0, 0.0},
                             {0.25, 0.25, 0.25, 0.25}};
            int[] ns = {0, 1, 20, 50, 1000, 100_000};
            for (double[] p : ps) {
                for (int n : ns) {
                    long[] counts = rs.multinomial(n, p);
                    assertEquals(p.length, counts.length);
                    long total = 0;
                    for (int j = 0; j < p.length; j++) {
                        assertTrue(counts[j] >= 0);
                        if (p[j] == 0.0) {
                            assertEquals(0, counts[j], "zero-probability category got counts");
                        }
                        total += counts[j];
                    }
                    assertEquals(n, total, "counts of multinomial(" + n + ", " + Arrays.toString(p) + ")");
                }
            }
            assertArrayEquals(new long[] {100, 0}, rs.multinomial(100, new double[] {1.0, 0.0}));
        }

        @Test
        void multinomialMeansMatchTheProbabilities() {
            RandomState rs = new RandomState(77);
            double[] p = {0.2, 0.3, 0.5};
            long[] sums = new long[3];
            int reps = 2000;
            int n = 1000; // BTPE
            for (int r = 0; r < reps; r++) {
                long[] c = rs.multinomial(n, p);
                for (int j = 0; j < 3; j++) {
                    sums[j] += c[j];
                }
            }
            for (int j = 0; j < 3; j++) {
                assertEquals(p[j], sums[j] / (double) (reps * n), 0.002);
            }
            long small = 0;
            for (int r = 0; r < 20_000; r++) {
                small += rs.multinomial(20, new double[] {0.1, 0.9})[0]; // inversion
            }
            assertEquals(2.0, small / 20_000.0, 0.05);
        }

        /**
         * numpy's {@code multinomial} takes a 64-bit n, and so does this one: the counts of every
         * category are non-negative and add up to n, for n up to {@link Long#MAX_VALUE}. numpy's own
         * values for these calls are checked in the verify module, from the generated
         * {@code random_streams.json}.
         */
        @Test
        void multinomialTakesCountsBeyondIntAsNumpyDoes() {
            long[] ns = {3_000_000_000L, 1L << 62, Long.MAX_VALUE};
            double[][] pvals = {{0.2, 0.3, 0.5}, {0.25, 0.25, 0.5}, {0.5, 0.5}};
            for (int c = 0; c < ns.length; c++) {
                long[] counts = new RandomState(c).multinomial(ns[c], pvals[c]);
                long sum = 0;
                for (long v : counts) {
                    assertTrue(v >= 0, "a negative count " + v);
                    sum += v;
                }
                assertEquals(ns[c], sum, "n = " + ns[c]);
            }
        }

        @Test
        void multinomialRejectsInvalidArguments() {
            RandomState rs = new RandomState(1);
            assertThrows(IllegalArgumentException.class, () -> rs.multinomial(-1, new double[] {0.5, 0.5}));
            assertThrows(IllegalArgumentException.class, () -> rs.multinomial(10, new double[] {}));
            assertThrows(IllegalArgumentException.class, () -> rs.multinomial(10, new double[] {-0.1, 1.1}));
            assertThrows(IllegalArgumentException.class, () -> rs.multinomial(10, new double[] {Double.NaN, 0.5}));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rs.multinomial(10, new double[] {0.7, 0.6, 0.0}));
            assertTrue(e.getMessage().contains("sum(pvals[:-1]) > 1.0"), e.getMessage());
        }

        @Test
        void independentInstancesDoNotShareState() {
            RandomState a = new RandomState(5);
            RandomState b = new RandomState(5);
            a.standardNormal();
            a.permutation(100);
            double fromB = b.randomSample();
            assertEquals(new RandomState(5).randomSample(), fromB);
            assertNotEquals(a.bitGenerator().statePosition(), b.bitGenerator().statePosition());
        }
    }

    // ------------------------------------------------------------------ the libm port

    @Nested
    class GlibcMathPort {

        @Test
        void knownValues() {
            assertEquals(0.0, GlibcMath.log(1.0));
            assertEquals(0x1.62e42fefa39efp-1, GlibcMath.log(2.0)); // ln 2, correctly rounded
            assertEquals(1.0, GlibcMath.exp(0.0));
            assertEquals(Math.E, GlibcMath.exp(1.0));
            assertEquals(Double.NEGATIVE_INFINITY, GlibcMath.log(0.0));
            assertTrue(Double.isNaN(GlibcMath.log(-1.0)));
            assertEquals(Double.POSITIVE_INFINITY, GlibcMath.log(Double.POSITIVE_INFINITY));
            assertEquals(0.0, GlibcMath.exp(Double.NEGATIVE_INFINITY));
            assertEquals(Double.POSITIVE_INFINITY, GlibcMath.exp(1000.0));
            assertEquals(0.0, GlibcMath.exp(-1000.0));
        }

        /** glibc and fdlibm are both within one ulp of the true value, so they differ by at most one ulp. */
        @Test
        void withinOneUlpOfStrictMath() {
            MT19937 mt = new MT19937(2718);
            for (int i = 0; i < 200_000; i++) {
                double u = mt.nextDouble();
                double[] xs = {u, 0.9375 + u * 0.13, Double.longBitsToDouble(mt.nextUint64() & 0x7fef_ffff_ffff_ffffL),
                               Double.longBitsToDouble(mt.nextUint64() & 0x000f_ffff_ffff_ffffL)};
                for (double x : xs) {
                    if (x > 0) {
                        double want = StrictMath.log(x);
                        assertEquals(want, GlibcMath.log(x), Math.ulp(want), "log(" + x + ")");
                    }
                }
                double y = (u - 0.5) * 1400.0;
                double want = StrictMath.exp(y);
                assertEquals(want, GlibcMath.exp(y), Math.ulp(want), "exp(" + y + ")");
            }
        }
    }
}
