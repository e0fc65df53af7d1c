package org.gmmharness.em;

import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.random.NumpySummation;

/**
 * The M-step, scikit-learn's {@code _estimate_gaussian_parameters}: from the responsibilities R
 * (N×K), nk = Σ_i r_ik + 10·ε, means = RᵀX / nk, and the covariances of the fit's type with
 * reg_covar added to their diagonal:
 * <ul>
 *   <li>full: the two-pass Σ_k = Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ / nk_k, one weighted scatter per
 *       component on the backend;</li>
 *   <li>tied: (XᵀX − Σ_k nk_k μ_k μ_kᵀ) / Σ_k nk_k;</li>
 *   <li>diagonal: Rᵀ(X∘X)/nk − 2 μ∘(RᵀX)/nk + μ², all from the one product Rᵀ[X, X∘X];</li>
 *   <li>spherical: the mean over features of the diagonal form, from Rᵀ[X, ‖x‖²].</li>
 * </ul>
 * The one-pass tied, diagonal and spherical forms lose digits far from the origin; the fit works in
 * centred coordinates so that they do not. Buffers are allocated once; an instance is confined to
 * one thread.
 */
final class Maximization<M> {

    /** numpy's float64 machine epsilon, as in scikit-learn's {@code 10 * np.finfo(resp.dtype).eps}. */
    private static final double EPS = Math.ulp(1.0);

    /**
     * Relative slack when testing whether responsibilities sum to one per row: far above the
     * rounding of N·K additions, far below the deficit of any start that leaves rows empty.
     */
    private static final double ROW_SUM_SLACK = 1e-9;

    private final EmData<M> data;
    private final LinearAlgebra<M> la;
    private final int k;
    /** Rᵀ·design: K×D for full and tied, K×2D or K×(D+1) otherwise. */
    private final M weightedSums;
    private final M centred;
    private final M weighted;
    private final M scatter;

    Maximization(EmData<M> data, int k) {
        this.data = data;
        this.la = data.la;
        this.k = k;
        this.weightedSums = la.zeros(k, la.cols(data.design));
        boolean full = data.type == CovarianceType.FULL;
        this.centred = full ? la.zeros(data.n, data.d) : null;
        this.weighted = full ? la.zeros(data.n, data.d) : null;
        this.scatter = full ? la.zeros(data.d, data.d) : null;
    }

    /**
     * @param resp       N×K responsibilities
     * @param regCovar   added to every covariance's diagonal
     * @param initial    whether this is the initial M-step, whose weights are nk / N (not
     *                   renormalised, as scikit-learn's {@code _initialize}); otherwise nk / Σ nk
     * @return the weights, means and covariances; precision factors are not yet computed (null)
     */
    Estimate estimate(M resp, double regCovar, boolean initial) {
        int d = data.d;
        double[] nk = la.columnSums(resp);
        for (int c = 0; c < k; c++) {
            nk[c] += 10 * EPS;
        }
        la.multiply(resp, true, data.design, false, weightedSums);
        double[] sums = la.toRowMajor(weightedSums);
        int width = la.cols(weightedSums);
        double[][] means = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] = sums[c * width + j] / nk[c];
            }
        }
        double[][] covariances;
        switch (data.type) {
            case FULL:
                covariances = full(resp, nk, means, regCovar);
                break;
            case TIED:
                covariances = tied(nk, means, regCovar, initial && !unitRowSums(nk) ? sums : null);
                break;
            default:
                covariances = diagonalOrSpherical(sums, width, nk, means, regCovar);
        }
        double total = NumpySummation.sum(nk);
        double[] weights = new double[k];
        double denominator = initial ? data.n : total;
        for (int c = 0; c < k; c++) {
            weights[c] = nk[c] / denominator;
        }
        return new Estimate(weights, means, covariances);
    }

    private double[][] full(M resp, double[] nk, double[][] means, double regCovar) {
        int d = data.d;
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            la.weightedScatter(data.x, means[c], resp, c, centred, weighted, scatter);
            double[] cov = la.toRowMajor(scatter);
            for (int i = 0; i < cov.length; i++) {
                cov[i] /= nk[c];
            }
            addToDiagonal(cov, d, regCovar);
            out[c] = cov;
        }
        return out;
    }

    /**
     * The tied covariance. Its formula assumes that every row of R sums to one; a start from single
     * data points ({@code k-means++}, {@code random_from_data}) breaks that, and scikit-learn's value
     * then depends on the origin. For that case only ({@code rawSums} given: Rᵀ·X in centred
     * coordinates) it is evaluated in the caller's coordinates, as scikit-learn does.
     */
    private double[][] tied(double[] nk, double[][] means, double regCovar, double[] rawSums) {
        int d = data.d;
        double[] gram = data.gram;
        double[][] m = means;
        if (rawSums != null) {
            gram = uncentredGram();
            double[] c0 = data.center;
            m = new double[k][d];
            for (int c = 0; c < k; c++) {
                double mass = nk[c] - 10 * EPS;
                for (int j = 0; j < d; j++) {
                    m[c][j] = (rawSums[c * d + j] + mass * c0[j]) / nk[c];
                }
            }
        }
        double[] cov = new double[d * d];
        double total = NumpySummation.sum(nk);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0.0;
                for (int c = 0; c < k; c++) {
                    s += nk[c] * m[c][i] * m[c][j];
                }
                cov[i * d + j] = (gram[i * d + j] - s) / total;
            }
        }
        addToDiagonal(cov, d, regCovar);
        return new double[][] {cov};
    }

    /** Whether Σ_k nk is N, as when every row of R sums to one (up to rounding). */
    private boolean unitRowSums(double[] nk) {
        return Math.abs(NumpySummation.sum(nk) - data.n) <= ROW_SUM_SLACK * data.n;
    }

    /** Σ_i (x_i + c)(x_i + c)ᵀ from the centred gram matrix and column sums. */
    private double[] uncentredGram() {
        int d = data.d;
        double[] c0 = data.center;
        double[] t = la.columnSums(data.x);
        double[] g = data.gram.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g[i * d + j] += t[i] * c0[j] + c0[i] * t[j] + data.n * c0[i] * c0[j];
            }
        }
        return g;
    }

    private double[][] diagonalOrSpherical(double[] sums, int width, double[] nk, double[][] means,
                                           double regCovar) {
        int d = data.d;
        boolean diag = data.type == CovarianceType.DIAG;
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            double[] mu = means[c];
            int row = c * width;
            if (diag) {
                double[] v = new double[d];
                for (int j = 0; j < d; j++) {
                    double avgX2 = sums[row + d + j] / nk[c];
                    double avgXMeans = mu[j] * sums[row + j] / nk[c];
                    v[j] = avgX2 - 2 * avgXMeans + mu[j] * mu[j] + regCovar;
                }
                out[c] = v;
            } else {
                double s = sums[row + d] / nk[c];
                for (int j = 0; j < d; j++) {
                    s += -2 * (mu[j] * sums[row + j] / nk[c]) + mu[j] * mu[j];
                }
                out[c] = new double[] {s / d + regCovar};
            }
        }
        return out;
    }

    private static void addToDiagonal(double[] a, int d, double value) {
        for (int j = 0; j < d; j++) {
            a[j * d + j] += value;
        }
    }

    /** Weights, means and covariances from one M-step, in the layout of {@link Parameters}. */
    static final class Estimate {
        final double[] weights;
        final double[][] means;
        final double[][] covariances;

        Estimate(double[] weights, double[][] means, double[][] covariances) {
            this.weights = weights;
            this.means = means;
            this.covariances = covariances;
        }
    }
}
