package org.gmmharness.em;

import java.util.ArrayList;
import java.util.Collection;

import org.gmmharness.kmeans.KMeans;
import org.gmmharness.kmeans.KMeansPlusPlus;
import org.gmmharness.random.NumpySummation;
import org.gmmharness.random.RandomState;

/**
 * Initial responsibilities, as scikit-learn's {@code _initialize_parameters}: each method consumes
 * the shared {@link RandomState} exactly as scikit-learn does, so {@code random} and
 * {@code random_from_data} give the same responsibilities bit for bit from the same seed, and so
 * does {@code k-means++} wherever no two candidate potentials tie to rounding.
 */
public final class Initialization {

    private Initialization() {
    }

    /**
     * @param x   N×D data in the caller's coordinates (scikit-learn initialises on X as given)
     * @param k   number of components
     * @param rng the fit's generator; advanced
     * @return N×K responsibilities
     */
    public static double[][] responsibilities(InitMethod method, double[][] x, int k, RandomState rng) {
        return responsibilities(method, x, k, rng, new ArrayList<>());
    }

    /**
     * As {@link #responsibilities(InitMethod, double[][], int, RandomState)}, adding the texts of
     * the warnings scikit-learn raises while initialising (k-means's distinct-clusters warning) to
     * {@code warnings}.
     */
    static double[][] responsibilities(InitMethod method, double[][] x, int k, RandomState rng,
                                       Collection<String> warnings) {
        int n = x.length;
        double[] flat = responsibilities(method, InputValidation.flatten(x, "X", 1), n, x[0].length, k, rng, warnings);
        double[][] resp = new double[n][];
        for (int i = 0; i < n; i++) {
            resp[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
        return resp;
    }

    /**
     * As {@link #responsibilities(InitMethod, double[][], int, RandomState, Collection)}, on the
     * caller's row-major N×D data (length n·d), which is only read.
     *
     * @return N×K responsibilities row-major: row i is {@code [i·K, (i+1)·K)}
     */
    static double[] responsibilities(InitMethod method, double[] x, int n, int d, int k, RandomState rng,
                                     Collection<String> warnings) {
        return switch (method) {
            case KMEANS -> kmeansLabels(x, n, d, k, rng, warnings);
            case KMEANS_PLUS_PLUS -> oneHot(n, k, KMeansPlusPlus.seedIndices(x, n, d, k, rng));
            case RANDOM -> normalisedRows(rng.uniform(0.0, 1.0, n, k), k);
            case RANDOM_FROM_DATA -> oneHot(n, k, rng.choiceWithoutReplacement(n, k));
        };
    }

    /** One-hot rows of the labels of one k-means run; its warnings added to {@code warnings}. */
    private static double[] kmeansLabels(double[] x, int n, int d, int k, RandomState rng,
                                         Collection<String> warnings) {
        KMeans.Result kmeans = KMeans.fit(x, n, d, k, rng);
        warnings.addAll(kmeans.warnings());
        int[] labels = kmeans.labels();
        double[] resp = new double[Math.multiplyExact(n, k)];
        for (int i = 0; i < n; i++) {
            resp[i * k + labels[i]] = 1.0;
        }
        return resp;
    }

    /** Each row divided by its sum, numpy's pairwise sum, as scikit-learn's {@code resp /= resp.sum(axis=1)}. */
    private static double[] normalisedRows(double[][] rows, int k) {
        double[] resp = new double[Math.multiplyExact(rows.length, k)];
        for (int i = 0; i < rows.length; i++) {
            double s = NumpySummation.sum(rows[i]);
            for (int c = 0; c < k; c++) {
                resp[i * k + c] = rows[i][c] / s;
            }
        }
        return resp;
    }

    /** resp[indices[c]][c] = 1: component c starts on the single sample indices[c]. */
    private static double[] oneHot(int n, int k, int[] indices) {
        double[] resp = new double[Math.multiplyExact(n, k)];
        for (int c = 0; c < k; c++) {
            resp[indices[c] * k + c] = 1.0;
        }
        return resp;
    }
}
