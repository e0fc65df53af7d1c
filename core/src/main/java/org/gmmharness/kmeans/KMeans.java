package org.gmmharness.kmeans;

import java.util.List;
import java.util.Locale;

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
        return fit(flatten(x), x.length, x[0].length, k, rng);
    }

    /**
     * As {@link #fit(double[][], int, RandomState)}, on row-major data.
     *
     * @param x row-major N×D data (length n·d) with N ≥ k; not modified
     */
    public static Result fit(double[] x, int n, int d, int k, RandomState rng) {
        double[] mean = columnMeans(x, n, d);
        double[] xc = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                xc[i * d + j] = x[i * d + j] - mean[j];
            }
        }
        double tol = meanVariance(xc, n, d) * TOL;
        int[] seeds = KMeansPlusPlus.seedIndices(xc, n, d, k, rng);
        double[][] centers = new double[k][];
        for (int c = 0; c < k; c++) {
            centers[c] = java.util.Arrays.copyOfRange(xc, seeds[c] * d, (seeds[c] + 1) * d);
        }
        int[] labels = new int[n];
        int[] previous = new int[n];
        java.util.Arrays.fill(previous, -1);
        boolean strict = false;
        int iter = 0;
        while (iter < MAX_ITER) {
            assign(xc, d, centers, labels);
            double[][] updated = update(xc, d, centers, labels, k);
            double shift = 0.0;
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    double delta = updated[c][j] - centers[c][j];
                    shift += delta * delta;
                }
            }
            centers = updated;
            iter++;
            if (java.util.Arrays.equals(labels, previous)) {
                strict = true;
                break;
            }
            if (shift <= tol) {
                break;
            }
            System.arraycopy(labels, 0, previous, 0, n);
        }
        if (!strict) {
            assign(xc, d, centers, labels);
        }
        for (double[] c : centers) {
            for (int j = 0; j < d; j++) {
                c[j] += mean[j];
            }
        }
        return new Result(labels, centers, iter, distinctClustersWarning(labels, k));
    }

    /** @return the rows of {@code x} one after another (row-major) */
    static double[] flatten(double[][] x) {
        int d = x[0].length;
        double[] out = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * d, d);
        }
        return out;
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

    /** Nearest centre by ‖c‖² − 2 x·c (the ‖x‖² term does not change the argmin); first on ties. */
    private static void assign(double[] x, int d, double[][] centers, int[] labels) {
        int k = centers.length;
        double[] cc = KMeansPlusPlus.squaredNorms(centers);
        for (int i = 0; i < labels.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = 0;
            for (int c = 0; c < k; c++) {
                double dot = 0.0;
                for (int j = 0; j < d; j++) {
                    dot += x[i * d + j] * centers[c][j];
                }
                double dist = cc[c] - 2.0 * dot;
                if (dist < best) {
                    best = dist;
                    arg = c;
                }
            }
            labels[i] = arg;
        }
    }

    /**
     * New centres as cluster means. An empty cluster takes the point farthest from its current
     * centre (scikit-learn's relocation), which leaves the cluster it came from.
     */
    private static double[][] update(double[] x, int d, double[][] old, int[] labels, int k) {
        int n = labels.length;
        double[][] sums = new double[k][d];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                sums[labels[i]][j] += x[i * d + j];
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                int far = farthest(x, d, old, labels, counts);
                int from = labels[far];
                counts[from]--;
                for (int j = 0; j < d; j++) {
                    sums[from][j] -= x[far * d + j];
                    sums[c][j] = x[far * d + j];
                }
                counts[c] = 1;
                labels[far] = c;
            }
        }
        double[][] centers = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centers[c][j] = sums[c][j] / counts[c];
            }
        }
        return centers;
    }

    private static int farthest(double[] x, int d, double[][] centers, int[] labels, int[] counts) {
        double best = -1.0;
        int arg = 0;
        for (int i = 0; i < labels.length; i++) {
            if (counts[labels[i]] <= 1) {
                continue;
            }
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                double delta = x[i * d + j] - centers[labels[i]][j];
                s += delta * delta;
            }
            if (s > best) {
                best = s;
                arg = i;
            }
        }
        return arg;
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

    /**
     * As {@link #columnMeans(double[][])}, on row-major N×D data (length n·d), in the same order.
     */
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

    private static double meanVariance(double[] centred, int n, int d) {
        double[] mean = columnMeans(centred, n, d);
        double total = 0.0;
        for (int j = 0; j < d; j++) {
            double s = 0.0;
            for (int i = 0; i < n; i++) {
                double delta = centred[i * d + j] - mean[j];
                s += delta * delta;
            }
            total += s / n;
        }
        return total / d;
    }
}
