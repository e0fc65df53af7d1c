package org.gmmharness.linalg;

import org.gmmharness.random.NumpySummation;

/**
 * Row-wise kernels over one row of a plain {@code double[]}, {@code a[off .. off+k)}, with the
 * results of NumPy and SciPy: the JVM-heap backends run their row-wise SPI operations through
 * these, each after finding (or gathering) a row in its own storage, so that both backends give the
 * same result to the bit. Sums are in NumPy's order ({@link NumpySummation}); exp and log are
 * {@link Math#exp} (through {@link Exponentials#expOrZero}, the same values without the slow calls
 * that underflow) and {@link Math#log}. A NaN propagates as it does in NumPy.
 *
 * <p>The methods do not allocate and do not check their arguments (the backend's SPI method has
 * validated the shapes); each modifies only the arrays its contract names.
 */
public final class RowReductions {

    private RowReductions() {
    }

    /**
     * NumPy's {@code argmax} of the row: the index, counted from {@code off}, of its first largest
     * entry, or of its first NaN if it has one.
     *
     * @param a   holds the row; not modified
     * @param k   the row's length, at least 1
     * @return an index in {@code [0, k)}
     */
    public static int argmax(double[] a, int off, int k) {
        // The running maximum goes through Math.max and the index through a select on the old
        // maximum, which C2 compiles without a branch: on rows whose largest entry falls anywhere
        // (labels of overlapping components) a branch per entry is mispredicted half the time,
        // which made 100000 rows of 3 take 1.1 ms against 0.33 ms. Math.max's +0 for ±0 changes
        // no answer: −0 and +0 compare equal, so no later entry is larger than one and not the
        // other. A NaN is looked for again only when there is one.
        int best = 0;
        double max = a[off];
        boolean nan = max != max;
        for (int j = 1; j < k; j++) {
            double x = a[off + j];
            nan |= x != x;
            best = x > max ? j : best;
            max = Math.max(max, x);
        }
        return nan ? firstNaN(a, off, k) : best;
    }

    private static int firstNaN(double[] a, int off, int k) {
        int j = 0;
        while (a[off + j] == a[off + j]) {
            j++;
        }
        return j;
    }

    /**
     * NumPy's {@code np.sum(np.square(row))}: the squares of the row's entries summed in NumPy's
     * order.
     *
     * @param a     holds the row; not modified
     * @param width the row's length, at least 0
     * @param terms scratch of length at least {@code width}; overwritten with the squares
     * @return {@code Σ_{j<width} a[off + j]²}
     */
    public static double sumOfSquares(double[] a, int off, int width, double[] terms) {
        for (int j = 0; j < width; j++) {
            double x = a[off + j];
            terms[j] = x * x;
        }
        return NumpySummation.sum(terms, 0, width);
    }

    /**
     * SciPy's {@code logsumexp} of the row: with {@code m = max_j a[off + j]}, a row whose m is ±∞ or
     * NaN gives m; otherwise {@code log(Σ_j exp(a[off + j] − m)) + m}, in that order (the logarithm
     * of the sum, then plus m) and with the sum in NumPy's order, so that it matches scikit-learn's
     * {@code log_prob_norm} to the last bit whenever exp and log do. A row with a NaN gives NaN.
     *
     * @param a     holds the row; not modified
     * @param k     the row's length, at least 1
     * @param terms scratch of length at least k; overwritten
     */
    public static double logSumExp(double[] a, int off, int k, double[] terms) {
        double m = max(a, off, k);
        if (Double.isInfinite(m) || Double.isNaN(m)) {
            // SciPy replaces a non-finite max by 0: exp then gives +inf for a +inf max, all zeros
            // (log 0 = -inf) for a -inf max, and NaN for NaN; that is m itself.
            return m;
        }
        for (int j = 0; j < k; j++) {
            terms[j] = Exponentials.expOrZero(a[off + j] - m);
        }
        return Math.log(NumpySummation.sum(terms, 0, k)) + m;
    }

    /**
     * The E-step's normalisation of one row of log-probabilities, fused: the row's maximum m,
     * {@code e_j = exp(a_j − m)} (written into {@code resp}), their sum s in NumPy's order,
     * {@code lse = log(s) + m} exactly as {@link #logSumExp} computes it (so bit for bit the same),
     * then {@code a_j −= lse} and {@code resp_j = e_j / s}. That is {@code exp(a_j − lse)} with one
     * exp per entry instead of two, and more accurate: it does not carry the rounding of
     * {@code a_j − lse} through the exp. A row whose maximum is ±∞ or NaN takes the definition
     * literally: {@code lse = m}, {@code a_j −= m} and {@code resp_j = exp(a_j)} (so a row of −∞
     * gives NaN, as the three separate steps do). With {@code resp == a} the row ends holding the
     * responsibilities alone, the same values bit for bit.
     *
     * @param a    holds the row {@code a[off .. off+k)}; overwritten with its log-responsibilities
     *             unless it is {@code resp}
     * @param resp {@code resp[off .. off+k)} is overwritten with the responsibilities; may be {@code a}
     * @param k    the row's length, at least 1
     * @return the row's log-sum-exp
     */
    public static double normalize(double[] a, double[] resp, int off, int k) {
        int end = off + k;
        double m = max(a, off, k);
        if (Double.isInfinite(m) || Double.isNaN(m)) {
            for (int p = off; p < end; p++) {
                double v = a[p] - m;
                a[p] = v;
                resp[p] = Exponentials.expOrZero(v);
            }
            return m;
        }
        double s;
        if (k < NumpySummation.RUNNING_SUM_BELOW) {
            // The sum's order for so few terms is a running sum from zero: taken with the exps.
            s = 0.0;
            for (int p = off; p < end; p++) {
                double e = Exponentials.expOrZero(a[p] - m);
                resp[p] = e;
                s += e;
            }
        } else {
            for (int p = off; p < end; p++) {
                resp[p] = Exponentials.expOrZero(a[p] - m);
            }
            s = NumpySummation.sum(resp, off, k);
        }
        // s is exactly 1 where every other term fell below the sum's last bit (a sample firmly in one
        // component, as most are once EM has converged): log 1 is 0 and e_j / 1 is e_j, so skipping
        // the log and the divisions there gives the same values, the sign of a zero included.
        boolean one = s == 1.0;
        double lse = (one ? 0.0 : Math.log(s)) + m;
        if (resp != a) {
            for (int p = off; p < end; p++) {
                a[p] -= lse;
            }
        }
        if (!one) {
            for (int p = off; p < end; p++) {
                resp[p] /= s;
            }
        }
        return lse;
    }

    /**
     * NumPy's {@code amax} of the row: NaN if the row has one. The sign of a zero maximum may differ
     * from NumPy's ({@link Math#max} takes +0 over −0); no caller can tell, since x − (±0) and
     * y + (±0) are the same for every x and every y ≠ ±0, and exp(±0) is 1. The maximum is
     * exact in any order, so it is taken over the even and the odd entries apart and then
     * combined: two dependency chains of {@code Math.max}, which has no branch to mispredict where
     * the largest entry moves from row to row. 100000 rows of 8 on one thread: 0.4 ms against
     * 1.3–2.3 ms for one chain of comparisons (2.2 ms for one chain of {@code Math.max}).
     */
    private static double max(double[] a, int off, int k) {
        double even = a[off];
        double odd = even;
        int j = off + 1;
        int end = off + k;
        for (; j + 1 < end; j += 2) {
            even = Math.max(even, a[j]);
            odd = Math.max(odd, a[j + 1]);
        }
        if (j < end) {
            even = Math.max(even, a[j]);
        }
        return Math.max(even, odd);
    }
}
