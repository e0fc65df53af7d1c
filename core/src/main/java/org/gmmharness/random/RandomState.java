package org.gmmharness.random;

import java.util.Arrays;

/**
 * A Java reproduction of numpy's legacy {@code numpy.random.RandomState} (numpy 1.24,
 * numpy/random/mtrand.pyx with numpy/random/src/distributions/distributions.c and
 * numpy/random/src/legacy/legacy-distributions.c) for the methods scikit-learn's mixture and
 * k-means code draws from. From the same integer seed every method returns the same values as
 * numpy, bit for bit, and consumes the same number of MT19937 outputs, so calls can be
 * interleaved exactly as a Python program interleaves them.
 *
 * <p>Array-valued numpy calls ({@code size=...}) fill their output in C (row-major) order with
 * the same per-element algorithm as the scalar call, so {@code rs.randint(7, size=20)} equals
 * twenty successive {@link #randint(long)} calls, and {@code rs.uniform(size=(n, k))} equals
 * {@link #uniform(double, double, int, int)}.
 *
 * <p><b>Transcendental functions.</b> {@link #standardNormal()} and {@link #multinomial} call the
 * C library's {@code log} (and {@code exp} for small binomial means). For bit-exact results this
 * class carries a port of glibc's {@code log}/{@code exp} (the ARM optimized-routines algorithms
 * used since glibc 2.28, with glibc 2.36's tables) that reproduces the instruction sequence of
 * glibc's x86-64 FMA variants ({@code __log_fma}, {@code __exp_fma}), the ones glibc selects on
 * any x86-64 CPU with FMA and AVX2. On a machine whose libm differs (no FMA, another libc, musl,
 * macOS, Windows), numpy itself may differ from this class in the last bit of rare gaussian
 * values and in rare binomial accept/reject decisions; the generator, uniforms, integers and
 * permutations do not depend on libm.
 *
 * <p>Not thread-safe: an instance is a mutable stream (the MT19937 state plus numpy's cached
 * second gaussian) and must be confined to one thread or guarded externally. There is no static
 * mutable state; instances are independent.
 */
public final class RandomState {

    private final MT19937 mt;
    /** numpy's {@code aug_state.has_gauss}. */
    private boolean hasGauss;
    /** numpy's {@code aug_state.gauss}. */
    private double gauss;

    /**
     * {@code numpy.random.RandomState(seed)} for an integer seed: MT19937 seeded by numpy's
     * {@code _legacy_seeding} ({@code init_genrand}), no cached gaussian.
     *
     * @param seed an integer in [0, 2<sup>32</sup> − 1]
     * @throws IllegalArgumentException if the seed is outside [0, 2<sup>32</sup> − 1]
     */
    public RandomState(long seed) {
        this.mt = new MT19937(seed);
    }

    /**
     * @return the underlying generator; drawing from it advances this {@code RandomState}
     *         (numpy's {@code RandomState._bit_generator})
     */
    public MT19937 bitGenerator() {
        return mt;
    }

    // ------------------------------------------------------------------ uniform doubles

    /**
     * numpy {@code RandomState.random_sample()} (also {@code random()}, {@code rand()}): C
     * {@code random_standard_uniform}, i.e. {@code mt19937_next_double}
     * {@code ((a >>> 5) * 67108864.0 + (b >>> 6)) / 9007199254740992.0} of two 32-bit outputs.
     *
     * @return a double in [0, 1)
     */
    public double randomSample() {
        return mt.nextDouble();
    }

    /**
     * numpy {@code RandomState.uniform(low, high)} (scalar): C {@code random_uniform},
     * {@code low + (high - low) * random_sample()}.
     *
     * @param low  the lower bound
     * @param high the upper bound (numpy allows {@code high < low})
     * @return one draw
     * @throws IllegalArgumentException if {@code high - low} is not finite (numpy raises
     *                                  {@code OverflowError('Range exceeds valid bounds')})
     */
    public double uniform(double low, double high) {
        double range = checkedRange(low, high);
        return low + range * mt.nextDouble();
    }

    /**
     * numpy {@code RandomState.uniform(low, high, size=(rows, cols))}: C {@code random_uniform}
     * ({@code low + (high - low) * random_sample()}) filled in row-major order, as
     * {@code random_state.uniform(size=(n, k))} in scikit-learn's random responsibility
     * initialisation.
     *
     * @param low  the lower bound
     * @param high the upper bound
     * @param rows number of rows, at least 0
     * @param cols number of columns, at least 0
     * @return a new {@code rows x cols} array
     * @throws IllegalArgumentException if a dimension is negative or {@code high - low} is not
     *                                  finite
     */
    public double[][] uniform(double low, double high, int rows, int cols) {
        checkShape(rows, cols);
        double range = checkedRange(low, high);
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = low + range * mt.nextDouble();
            }
        }
        return out;
    }

    private static double checkedRange(double low, double high) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("Range exceeds valid bounds: high - low = " + range
                    + " (low=" + low + ", high=" + high + ")");
        }
        return range;
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative dimensions are not allowed: " + rows + " x " + cols);
        }
    }

    // ------------------------------------------------------------------ integers

    /**
     * numpy {@code RandomState.randint(high)} with the default {@code int64} dtype: an integer in
     * [0, high). Same as {@link #randint(long, long) randint(0, high)}.
     *
     * @param high exclusive upper bound, at least 1
     * @return a value in [0, high)
     * @throws IllegalArgumentException if {@code high <= 0}
     */
    public long randint(long high) {
        return randint(0L, high);
    }

    /**
     * numpy {@code RandomState.randint(low, high)} with the default {@code int64} dtype
     * ({@code _rand_int64} then C {@code random_bounded_uint64_fill} with {@code use_masked=True}):
     * with {@code rng = high - 1 - low} taken as an unsigned 64-bit integer, returns {@code low}
     * without drawing if {@code rng == 0}; otherwise {@code mask} is the smallest all-ones bit mask
     * {@code >= rng} and draws are repeated until {@code draw & mask <= rng}, where a draw is one
     * 32-bit output if {@code rng <= 0xFFFFFFFF} and one 64-bit output otherwise.
     *
     * @param low  inclusive lower bound
     * @param high exclusive upper bound, greater than {@code low}
     * @return a value in [low, high)
     * @throws IllegalArgumentException if {@code low >= high} (numpy: "high &lt;= 0" or
     *                                  "low &gt;= high")
     */
    public long randint(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException((low == 0 ? "high <= 0" : "low >= high")
                    + ": randint(" + low + ", " + high + ") has an empty range");
        }
        long rng = high - 1 - low; // as unsigned, at most 2^64 - 2
        return low + boundedMasked(rng);
    }

    /** {@code random_bounded_uint64_fill} for one value with {@code use_masked=True}; {@code rng} unsigned. */
    private long boundedMasked(long rng) {
        if (rng == 0) {
            return 0;
        }
        long mask = genMask(rng);
        long val;
        if (Long.compareUnsigned(rng, 0xFFFF_FFFFL) <= 0) {
            do {
                val = mt.nextUint32() & mask;
            } while (val > rng);
        } else if (rng == -1L) {
            val = mt.nextUint64();
        } else {
            do {
                val = mt.nextUint64() & mask;
            } while (Long.compareUnsigned(val, rng) > 0);
        }
        return val;
    }

    /** numpy's {@code gen_mask}: the smallest all-ones bit mask {@code >= max}. */
    private static long genMask(long max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        return mask;
    }

    /**
     * numpy's C {@code random_interval(max)}: a value in [0, max] by masked rejection, drawing
     * 32-bit outputs when {@code max <= 0xFFFFFFFF} and 64-bit outputs otherwise; no draw when
     * {@code max == 0}.
     */
    private long randomInterval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = genMask(max);
        long value;
        if (Long.compareUnsigned(max, 0xFFFF_FFFFL) <= 0) {
            do {
                value = mt.nextUint32() & mask;
            } while (value > max);
        } else {
            do {
                value = mt.nextUint64() & mask;
            } while (Long.compareUnsigned(value, max) > 0);
        }
        return value;
    }

    /**
     * numpy {@code RandomState.permutation(n)} for an integer {@code n}: {@code np.arange(n)}
     * shuffled by legacy {@code RandomState.shuffle}, i.e. for {@code i} from {@code n - 1} down
     * to 1, {@code j = random_interval(i)} (masked rejection, see {@link #randint(long, long)})
     * and swap elements {@code i} and {@code j}.
     *
     * @param n the number of elements, at least 0
     * @return a new permutation of 0..n-1
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation size must be non-negative, got " + n);
        }
        int[] arr = new int[n];
        for (int i = 0; i < n; i++) {
            arr[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) randomInterval(i);
            int tmp = arr[j];
            arr[j] = arr[i];
            arr[i] = tmp;
        }
        return arr;
    }

    /**
     * numpy {@code RandomState.choice(n, size, replace=False)} without {@code p}: the legacy
     * algorithm {@code permutation(n)[:size]} (the whole permutation is drawn even when
     * {@code size < n}).
     *
     * @param n    the population size
     * @param size the number of distinct values, in [0, n]
     * @return {@code size} distinct values in [0, n)
     * @throws IllegalArgumentException if {@code size < 0}, {@code size > n}, or {@code n <= 0}
     *                                  while {@code size > 0}
     */
    public int[] choiceWithoutReplacement(int n, int size) {
        if (n <= 0 && size != 0) {
            throw new IllegalArgumentException("a must be greater than 0 unless no samples are taken (a=" + n + ")");
        }
        if (size > n) {
            throw new IllegalArgumentException("Cannot take a larger sample than population when 'replace=False' (size="
                    + size + ", population=" + n + ")");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative dimensions are not allowed (size=" + size + ")");
        }
        return Arrays.copyOf(permutation(n), size);
    }

    // ------------------------------------------------------------------ gaussians

    /**
     * numpy {@code RandomState.standard_normal()} (also {@code randn()}): C
     * {@code legacy_gauss}, the polar Box–Muller method. If a value is cached it is returned and
     * the cache cleared. Otherwise {@code x1 = 2u1 - 1}, {@code x2 = 2u2 - 1} from two
     * {@link #randomSample()} draws are repeated until {@code 0 < r2 = x1*x1 + x2*x2 < 1};
     * with {@code f = sqrt(-2 log(r2) / r2)}, {@code f*x1} is cached and {@code f*x2} returned.
     * {@code log} is glibc's (see the class comment).
     *
     * @return one standard normal draw
     */
    public double standardNormal() {
        if (hasGauss) {
            double temp = gauss;
            hasGauss = false;
            gauss = 0.0;
            return temp;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * mt.nextDouble() - 1.0;
            x2 = 2.0 * mt.nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * GlibcMath.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /**
     * numpy {@code RandomState.standard_normal(size=(rows, cols))}: {@link #standardNormal()}
     * ({@code legacy_gauss}, sharing its cache) filled in row-major order.
     *
     * @param rows number of rows, at least 0
     * @param cols number of columns, at least 0
     * @return a new {@code rows x cols} array
     * @throws IllegalArgumentException if a dimension is negative
     */
    public double[][] standardNormal(int rows, int cols) {
        checkShape(rows, cols);
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = standardNormal();
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ multinomial

    /**
     * numpy {@code RandomState.multinomial(n, pvals)} (one experiment, {@code size=None}): C
     * {@code legacy_random_multinomial} = {@code random_multinomial}, sequential conditional
     * binomials: with {@code remaining = 1.0} and {@code left = n}, for each category {@code j}
     * but the last, {@code count[j] = random_binomial(pvals[j] / remaining, left)},
     * {@code left -= count[j]}, stop early when {@code left <= 0}, {@code remaining -= pvals[j]};
     * the last category gets whatever is left. {@code random_binomial} returns 0 without drawing
     * when {@code left == 0} or {@code p == 0}; otherwise, with {@code p' = min(p, 1 - p)}, it uses
     * the inversion algorithm when {@code p' * left <= 30} and Kachitvichyanukul and Schmeiser's
     * BTPE otherwise, reflecting the result when {@code p > 0.5}. Uses glibc's {@code log} and
     * {@code exp} (see the class comment).
     *
     * <p>{@code n} is a {@code long} because numpy's is: {@code multinomial} takes an
     * {@code npy_intp} (64 bits on 64-bit platforms) and counts in {@code int64}; every step above
     * already works in 64-bit integers, so counts above 2<sup>31</sup> − 1 are numpy's too.
     *
     * @param n     number of trials, at least 0
     * @param pvals category probabilities, each in [0, 1]; the last is implied by the others
     * @return the counts per category (numpy's int64), summing to {@code n}
     * @throws IllegalArgumentException if {@code n < 0}, {@code pvals} is empty, a probability is
     *                                  outside [0, 1] or NaN, or {@code sum(pvals[:-1]) > 1 + 1e-12}
     *                                  (Kahan-summed, as numpy checks)
     */
    public long[] multinomial(long n, double[] pvals) {
        int d = pvals.length;
        if (d == 0) {
            throw new IllegalArgumentException("pvals must have at least one category");
        }
        for (double p : pvals) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("pvals < 0, pvals > 1 or pvals contains NaNs: "
                        + Arrays.toString(pvals));
            }
        }
        if (kahanSum(pvals, d - 1) > (1.0 + 1e-12)) {
            throw new IllegalArgumentException("sum(pvals[:-1]) > 1.0: " + Arrays.toString(pvals));
        }
        if (n < 0) {
            throw new IllegalArgumentException("n < 0: " + n);
        }
        long[] mnix = new long[d];
        double remainingP = 1.0;
        long dn = n;
        for (int j = 0; j < d - 1; j++) {
            mnix[j] = Binomial.draw(mt, pvals[j] / remainingP, dn);
            dn = dn - mnix[j];
            if (dn <= 0) {
                break;
            }
            remainingP -= pvals[j];
        }
        if (dn > 0) {
            mnix[d - 1] = dn;
        }
        return mnix;
    }

    /** numpy's Cython {@code kahan_sum(darr, n)}, which reads {@code darr[0]} even when {@code n == 0}. */
    private static double kahanSum(double[] darr, int n) {
        double sum = darr[0];
        double c = 0.0;
        for (int i = 1; i < n; i++) {
            double y = darr[i] - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "RandomState(MT19937)[pos=" + mt.statePosition() + ", hasGauss=" + hasGauss + "]";
    }
}
