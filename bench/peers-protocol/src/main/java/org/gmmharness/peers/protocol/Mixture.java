package org.gmmharness.peers.protocol;

/**
 * A Gaussian mixture's parameters in the plainest shape every library takes: K weights, K means of
 * D values and K full D×D covariance matrices (a diagonal covariance is a full matrix with zeros
 * off the diagonal).
 *
 * @param weights     K mixing weights
 * @param means       K×D means
 * @param covariances K×D×D covariance matrices, symmetric
 */
public record Mixture(double[] weights, double[][] means, double[][][] covariances) {

    /**
     * @throws IllegalArgumentException if the arrays' shapes do not agree
     */
    public Mixture {
        int k = weights.length;
        if (k < 1 || means.length != k || covariances.length != k) {
            throw new IllegalArgumentException("a mixture needs K >= 1 weights, means and covariances; got "
                    + k + ", " + means.length + " and " + covariances.length);
        }
        int d = means[0].length;
        for (int c = 0; c < k; c++) {
            if (means[c].length != d || covariances[c].length != d) {
                throw new IllegalArgumentException("component " + c + " does not have D = " + d + " features");
            }
            for (double[] row : covariances[c]) {
                if (row.length != d) {
                    throw new IllegalArgumentException("component " + c + "'s covariance is not " + d + "×" + d);
                }
            }
        }
    }

    /** @return the number of components K */
    public int k() {
        return weights.length;
    }

    /** @return the number of features D */
    public int d() {
        return means[0].length;
    }

    /** @return the values in the order of a start file: weights, then means row by row, then covariances */
    double[] flatten() {
        int k = k();
        int d = d();
        double[] out = new double[k + k * d + k * d * d];
        int p = 0;
        for (double w : weights) {
            out[p++] = w;
        }
        for (double[] m : means) {
            for (double v : m) {
                out[p++] = v;
            }
        }
        for (double[][] cov : covariances) {
            for (double[] row : cov) {
                for (double v : row) {
                    out[p++] = v;
                }
            }
        }
        return out;
    }

    /** @return the mixture {@link #flatten()} wrote */
    static Mixture unflatten(double[] v, int k, int d) {
        if (v.length != k + k * d + k * d * d) {
            throw new IllegalArgumentException("a start of K = " + k + ", D = " + d + " has "
                    + (k + k * d + k * d * d) + " values, got " + v.length);
        }
        int p = 0;
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = v[p++];
        }
        double[][] means = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] = v[p++];
            }
        }
        double[][][] cov = new double[k][d][d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov[c][i][j] = v[p++];
                }
            }
        }
        return new Mixture(weights, means, cov);
    }
}
