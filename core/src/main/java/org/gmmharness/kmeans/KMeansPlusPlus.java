package org.gmmharness.kmeans;

import org.gmmharness.random.NumpySummation;
import org.gmmharness.random.RandomState;

/**
 * scikit-learn's greedy k-means++ seeding ({@code sklearn.cluster.kmeans_plusplus} as of 1.2):
 * the first centre is {@code randint(n)}; each next one is the best of 2 + ⌊ln K⌋ candidates drawn
 * with probability proportional to the squared distance to the nearest chosen centre, the best
 * being the one that leaves the smallest total potential. Draws, sums and distances are taken in
 * numpy's order (squared distances as ‖a‖² − 2a·x + ‖x‖², clipped at zero), so the same seed picks
 * the same points as scikit-learn.
 */
public final class KMeansPlusPlus {

    private KMeansPlusPlus() {
    }

    /**
     * @param x   N×D data, N ≥ k
     * @param k   number of centres, at least 1
     * @param rng consumed exactly as scikit-learn consumes its {@code RandomState}
     * @return the indices of the k chosen rows, in the order chosen
     */
    public static int[] seedIndices(double[][] x, int k, RandomState rng) {
        return seedIndices(KMeans.flatten(x), x.length, x[0].length, k, rng);
    }

    /**
     * As {@link #seedIndices(double[][], int, RandomState)}, on row-major data.
     *
     * @param x row-major N×D data (length n·d), N ≥ k; not modified
     */
    public static int[] seedIndices(double[] x, int n, int d, int k, RandomState rng) {
        int trials = 2 + (int) Math.log(k);
        double[] norms = squaredNorms(x, n, d);
        int[] indices = new int[k];
        indices[0] = (int) rng.randint(n);
        double[] closest = squaredDistances(x, n, d, indices[0], norms);
        double potential = NumpySummation.sum(closest);
        double[] candidateDistances = new double[n];
        for (int c = 1; c < k; c++) {
            double[] cumulative = cumulativeSum(closest);
            double[] draws = rng.uniform(0.0, 1.0, 1, trials)[0];
            double bestPotential = Double.POSITIVE_INFINITY;
            int bestId = -1;
            double[] bestDistances = null;
            for (int t = 0; t < trials; t++) {
                int candidate = Math.min(searchLeft(cumulative, draws[t] * potential), n - 1);
                double[] dist = squaredDistances(x, n, d, candidate, norms);
                for (int i = 0; i < n; i++) {
                    candidateDistances[i] = Math.min(closest[i], dist[i]);
                }
                double pot = NumpySummation.sum(candidateDistances);
                // np.argmin keeps the first of equal potentials.
                if (pot < bestPotential || bestId < 0) {
                    bestPotential = pot;
                    bestId = candidate;
                    bestDistances = candidateDistances.clone();
                }
            }
            potential = bestPotential;
            closest = bestDistances;
            indices[c] = bestId;
        }
        return indices;
    }

    /** Row-wise ‖x_i‖², summed left to right. */
    static double[] squaredNorms(double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0.0;
            for (double v : x[i]) {
                s += v * v;
            }
            out[i] = s;
        }
        return out;
    }

    /** Row-wise ‖x_i‖² of row-major N×D data, summed left to right. */
    private static double[] squaredNorms(double[] x, int n, int d) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                s += v * v;
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * (−2 a·x_i + ‖a‖²) + ‖x_i‖², clipped at 0, with a = row {@code row} of x: scikit-learn's
     * {@code _euclidean_distances}.
     */
    private static double[] squaredDistances(double[] x, int n, int d, int row, double[] norms) {
        int a0 = row * d;
        double aa = 0.0;
        for (int j = 0; j < d; j++) {
            aa += x[a0 + j] * x[a0 + j];
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double dot = 0.0;
            int r0 = i * d;
            for (int j = 0; j < d; j++) {
                dot += x[a0 + j] * x[r0 + j];
            }
            out[i] = Math.max(-2.0 * dot + aa + norms[i], 0.0);
        }
        return out;
    }

    private static double[] cumulativeSum(double[] a) {
        double[] out = new double[a.length];
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
            out[i] = s;
        }
        return out;
    }

    /** numpy's {@code searchsorted(a, v, side='left')}: the first i with a[i] ≥ v. */
    private static int searchLeft(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
