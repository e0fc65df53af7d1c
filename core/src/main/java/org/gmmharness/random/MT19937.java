package org.gmmharness.random;

import java.util.Arrays;

/**
 * The 32-bit Mersenne Twister MT19937 exactly as numpy's legacy {@code numpy.random.RandomState}
 * drives it (numpy/random/src/mt19937/mt19937.c and the {@code MT19937} bit generator of
 * numpy/random/_mt19937.pyx, numpy 1.24).
 *
 * <p>Seeding is numpy's {@code MT19937._legacy_seeding(seed)} for an integer seed, i.e. C
 * {@code mt19937_seed}: Matsumoto and Nishimura's {@code init_genrand}
 * ({@code key[0] = seed; key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >>> 30)) + i} modulo
 * 2<sup>32</sup>), with the position set to 624 so that the first draw regenerates the whole
 * state block. The outputs are:
 * <ul>
 *   <li>{@link #nextUint32()}: C {@code mt19937_next} (one tempered state word), the value numpy's
 *       {@code MT19937.random_raw()} returns;</li>
 *   <li>{@link #nextUint64()}: C {@code mt19937_next64}, {@code (first << 32) | second} of two
 *       consecutive 32-bit outputs (the order numpy's compiled code uses, checked against
 *       {@code RandomState.randint(2**62)});</li>
 *   <li>{@link #nextDouble()}: C {@code mt19937_next_double}, the 53-bit double
 *       {@code ((a >>> 5) * 67108864.0 + (b >>> 6)) / 9007199254740992.0} from two consecutive
 *       32-bit outputs {@code a} then {@code b}.</li>
 * </ul>
 *
 * <p>Not thread-safe: an instance is a mutable stream and must be confined to one thread (or
 * guarded externally). There is no static mutable state; instances are independent.
 */
public final class MT19937 {

    /** Number of 32-bit words of state (numpy's {@code RK_STATE_LEN}). */
    public static final int STATE_LENGTH = 624;

    /** The largest seed numpy's legacy seeding accepts, 2<sup>32</sup> − 1. */
    public static final long MAX_SEED = 0xFFFF_FFFFL;

    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] key = new int[STATE_LENGTH];
    private int pos;

    /**
     * Seeds the generator as {@code numpy.random.RandomState(seed)} does for an integer seed
     * (numpy's {@code _legacy_seeding}, C {@code mt19937_seed} = {@code init_genrand}).
     *
     * @param seed an integer in [0, 2<sup>32</sup> − 1]
     * @throws IllegalArgumentException if the seed is outside [0, 2<sup>32</sup> − 1], the range
     *                                  numpy accepts ("Seed must be between 0 and 2**32 - 1")
     */
    public MT19937(long seed) {
        checkSeed(seed);
        int s = (int) seed;
        for (int i = 0; i < STATE_LENGTH; i++) {
            key[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = STATE_LENGTH;
    }

    static void checkSeed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1 (4294967295), as in "
                    + "numpy.random.RandomState; got " + seed);
        }
    }

    /** Regenerates the 624-word block (C {@code mt19937_gen}). */
    private void generate() {
        int y;
        int i;
        for (i = 0; i < STATE_LENGTH - M; i++) {
            y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < STATE_LENGTH - 1; i++) {
            y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + (M - STATE_LENGTH)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        y = (key[STATE_LENGTH - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
        key[STATE_LENGTH - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /**
     * The next tempered 32-bit output as its raw bit pattern (C {@code mt19937_next}).
     *
     * @return the output as a Java {@code int}; use {@link #nextUint32()} for the unsigned value
     */
    public int nextInt() {
        if (pos == STATE_LENGTH) {
            generate();
        }
        int y = key[pos++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= (y >>> 18);
        return y;
    }

    /**
     * The next 32-bit output (C {@code mt19937_next}, numpy {@code MT19937.random_raw()}).
     *
     * @return an unsigned 32-bit value in [0, 2<sup>32</sup> − 1]
     */
    public long nextUint32() {
        return nextInt() & 0xFFFF_FFFFL;
    }

    /**
     * The next 64-bit output (C {@code mt19937_next64}): the first 32-bit output in the high
     * word, the second in the low word.
     *
     * @return the unsigned 64-bit value's bit pattern (negative when the top bit is set)
     */
    public long nextUint64() {
        long hi = nextUint32();
        long lo = nextUint32();
        return (hi << 32) | lo;
    }

    /**
     * The next double in [0, 1) with 53 random bits (C {@code mt19937_next_double}, numpy's
     * {@code random_sample}): {@code ((a >>> 5) * 67108864.0 + (b >>> 6)) / 9007199254740992.0}.
     *
     * @return a double in [0, 1)
     */
    public double nextDouble() {
        int a = nextInt() >>> 5;
        int b = nextInt() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * @return a copy of the 624 state words, as unsigned values, in numpy's
     *         {@code get_state()[1]} order
     */
    public long[] stateKey() {
        long[] out = new long[STATE_LENGTH];
        for (int i = 0; i < STATE_LENGTH; i++) {
            out[i] = key[i] & 0xFFFF_FFFFL;
        }
        return out;
    }

    /** @return the position in the state block, numpy's {@code get_state()[2]} */
    public int statePosition() {
        return pos;
    }

    @Override
    public String toString() {
        return "MT19937[pos=" + pos + ", key[0..3]=" + Arrays.toString(Arrays.copyOf(stateKey(), 4)) + "]";
    }
}
