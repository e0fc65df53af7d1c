package org.gmmharness.kmeans;

import java.util.List;
import java.util.Locale;

import org.gmmharness.random.NumpySummation;
import org.gmmharness.random.RandomState;

/**
 * One k-means run as scikit-learn's {@code KMeans(n_clusters=k, n_init=1)} performs it: the data are
 * centred, seeded by {@link KMeansPlusPlus}, then refined by Lloyd iterations until the labels stop
 * changing or the total squared centre shift is at most {@code tol · mean(var(X))}; empty clusters
 * are moved to the points farthest from their centres.
 *
 * <p>Results agree with scikit-learn's labels whenever no point is equidistant, to rounding, from
 * two centres; the EM fixtures therefore store scikit-learn's k-means labels rather than relying on
 * this.
 */
public final class KMeans {

    /** scikit-learn's default {@code max_iter}. */
    public static final int MAX_ITER = 300;
    /** scikit-learn's default {@code tol}, relative to the mean feature variance. */
    public static final double TOL = 1e-4;

    private KMeans() {
    }

    /** The outcome of one run. */
    public static final class Result {
        private final int[] labels;
        private final double[][] centers;
        private final int iterations;
        private final List<String> warnings;

        Result(int[] labels, double[][] centers, int iterations, List<String> warnings) {
            this.labels = labels;
            this.centers = centers;
            this.iterations = iterations;
            this.warnings = List.copyOf(warnings);
        }

        /** @return each sample's cluster, in 0..k-1 */
        public int[] labels() {
            return labels.clone();
        }

        /** @return k×D cluster centres in the data's coordinates */
        public double[][] centers() {
            double[][] out = new double[centers.length][];
            for (int c = 0; c < centers.length; c++) {
                out[c] = centers[c].clone();
            }
            return out;
        }

        /** @return the number of Lloyd iterations run */
        public int iterations() {
            return iterations;
        }

        /**
         * @return the texts of the warnings scikit-learn's {@code KMeans.fit} raises on this run
         *         (a {@code ConvergenceWarning} when the labels hold fewer than k distinct
         *         clusters); immutable, empty when there are none
         */
        public List<String> warnings() {
            return warnings;
        }
    }

    /**
     * @param x   N×D data with N ≥ k; not modified
     * @param k   number of clusters, at least 1
     * @param rng consumed by the seeding exactly as scikit-learn's
     */
    public static Result fit(double[][] x, int k, RandomState rng) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        if (d == 1) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = x[i][0];
            }
            mean[0] = NumpySummation.sum(col);
        } else {
            for (double[] row : x) {
                if (row.length != d) {
                    throw new IllegalArgumentException("rows of different lengths: " + row.length + " and " + d);
                }
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return fit(Panels.of(x, mean), mean, k, rng, new Team(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * As {@link #fit(double[][], int, RandomState)} for data held as one flat row-major array.
     *
     * @param x row-major N×D data, {@code x[i·d + j]}; not modified
     */
    public static Result fit(double[] x, int n, int d, int k, RandomState rng) {
        if (n < 1 || d < 1 || x.length != (long) n * d) {
            throw new IllegalArgumentException("x holds " + x.length + " values, not " + n + "×" + d);
        }
        // numpy sums a single column pairwise, as a 1-D array; several columns top to bottom.
        double[] mean = d == 1 ? new double[] {NumpySummation.sum(x) / n} : columnMeans(x, n, d);
        return fit(Panels.of(x, n, d, mean), mean, k, rng, new Team(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * As {@link #fit(double[], int, int, int, RandomState)} on data that are centred already:
     * {@code xc[i·d + j] = x[i·d + j] − mean[j]} with {@code mean = columnMeans(x, n, d)}, which for
     * d &gt; 1 is the mean that {@code fit(x, …)} subtracts, so both give the same run bit for bit.
     *
     * @param xc   row-major N×D centred data; not modified
     * @param mean the subtracted column means, length d &gt; 1, added back to the centres
     */
    public static Result fitCentred(double[] xc, int n, int d, double[] mean, int k, RandomState rng) {
        if (n < 1 || d < 2 || xc.length != (long) n * d || mean.length != d) {
            throw new IllegalArgumentException("xc holds " + xc.length + " values, not " + n + "×" + d
                    + " with d > 1, or the mean has " + mean.length + " values");
        }
        return fit(Panels.of(xc, n, d, null), mean.clone(), k, rng, new Team(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * One run on the centred data; {@code mean} (numpy's {@code X.mean(axis=0)}: columns
     * summed top to bottom, a single column pairwise as a 1-D array) is added back to the centres.
     */
    private static Result fit(Panels xc, double[] mean, int k, RandomState rng, Team team) {
        if (k < 1 || k > xc.n) {
            throw new IllegalArgumentException("k = " + k + " must be in 1.." + xc.n);
        }
        double tol = tolerance(xc);
        int[] seeds = KMeansPlusPlus.seedIndices(xc, k, rng, team);
        double[] centers = new double[k * xc.d];
        for (int c = 0; c < k; c++) {
            xc.row(seeds[c], centers, c * xc.d);
        }
        Lloyd lloyd = new Lloyd(xc, k, team);
        int iterations = lloyd.run(centers, MAX_ITER, tol);
        double[] fitted = lloyd.centers();
        int d = xc.d;
        double[][] out = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                out[c][j] = fitted[c * d + j] + mean[j];
            }
        }
        int[] labels = lloyd.labels();
        return new Result(labels, out, iterations, distinctClustersWarning(labels, k));
    }

    /**
     * scikit-learn's {@code _tolerance}: {@code tol · mean(var(X, axis=0))}. numpy's variance
     * squares x − mean, which the centred data hold already, and sums the squares as
     * {@code sum(axis=0)} does (top to bottom, a single column pairwise).
     */
    private static double tolerance(Panels xc) {
        int n = xc.n;
        int d = xc.d;
        double[] variances = new double[d];
        if (d == 1) {
            double[] squares = new double[n];
            for (int i = 0; i < n; i++) {
                double v = xc.get(i, 0);
                squares[i] = v * v;
            }
            variances[0] = NumpySummation.sum(squares);
        } else {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double v = xc.get(i, j);
                    variances[j] += v * v;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            variances[j] /= n;
        }
        return NumpySummation.sum(variances) / d * TOL;
    }

    /**
     * scikit-learn's check at the end of {@code KMeans.fit}: the number of distinct final labels,
     * compared with k (duplicate points leave clusters that no point is nearest to).
     */
    private static List<String> distinctClustersWarning(int[] labels, int k) {
        boolean[] seen = new boolean[k];
        int distinct = 0;
        for (int label : labels) {
            if (!seen[label]) {
                seen[label] = true;
                distinct++;
            }
        }
        if (distinct >= k) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "Number of distinct clusters (%d) found smaller than n_clusters "
                + "(%d). Possibly due to duplicate points in X.", distinct, k));
    }

    /** Column means with each column summed top to bottom, as numpy's {@code X.mean(axis=0)}. */
    public static double[] columnMeans(double[][] x) {
        int d = x[0].length;
        double[] s = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                s[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] /= x.length;
        }
        return s;
    }

    /** As {@link #columnMeans(double[][])}, on row-major N×D data (length n·d), in the same order. */
    public static double[] columnMeans(double[] x, int n, int d) {
        double[] s = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                s[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] /= n;
        }
        return s;
    }
}
