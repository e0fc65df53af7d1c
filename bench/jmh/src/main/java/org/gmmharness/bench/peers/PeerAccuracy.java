package org.gmmharness.bench.peers;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.metrics.ModelDeviation;
import org.gmmharness.peers.protocol.Mixture;

/**
 * How good an answer is: its mean log-likelihood per sample by the project's own scoring (which
 * equals scikit-learn's {@code score}), and its largest relative difference from another answer.
 */
public final class PeerAccuracy {

    private PeerAccuracy() {
    }

    /**
     * Scores {@code m} on the samples with the project's {@code GaussianMixtureModel.score}.
     *
     * @return the mean log-likelihood per sample
     * @throws IllegalArgumentException if a covariance is not symmetric positive-definite or a
     *                                  value is not finite (the answer cannot be scored)
     */
    public static double score(LinearAlgebra<?> la, Mixture m, CovarianceType type, double[] x, int n, int d) {
        int k = m.k();
        double[][] cov = new double[k][];
        double[][] precChol = new double[k][];
        for (int c = 0; c < k; c++) {
            if (type == CovarianceType.DIAG) {
                cov[c] = new double[d];
                precChol[c] = new double[d];
                for (int j = 0; j < d; j++) {
                    cov[c][j] = m.covariances()[c][j][j];
                    precChol[c][j] = 1.0 / Math.sqrt(cov[c][j]);
                }
            } else {
                cov[c] = flatten(m.covariances()[c]);
                precChol[c] = upperPrecisionCholesky(m.covariances()[c]);
            }
        }
        GaussianMixtureModel model = GaussianMixtureModel.restore(la, type, m.weights(), m.means(), cov, precChol,
                false, 0, Double.NEGATIVE_INFINITY, new double[0]);
        return model.score(x, n, d);
    }

    /**
     * Fits on the project's backend from {@code start} for exactly {@code iterations} iterations
     * (tol 0), with scikit-learn's defaults otherwise (reg_covar 1e-6).
     */
    public static GaussianMixtureModel fitFromStart(LinearAlgebra<?> la, CovarianceType type, Mixture start,
                                                    int iterations, double[] x, int n, int d) {
        GaussianMixture.Builder b = GaussianMixture.builder(start.k()).covarianceType(type)
                .weightsInit(start.weights()).meansInit(start.means()).maxIter(iterations).tol(0.0).randomState(0);
        if (type == CovarianceType.DIAG) {
            double[][] p = new double[start.k()][d];
            for (int c = 0; c < start.k(); c++) {
                for (int j = 0; j < d; j++) {
                    p[c][j] = 1.0 / start.covariances()[c][j][j];
                }
            }
            b.precisionsInit(p);
        } else {
            double[][][] p = new double[start.k()][][];
            for (int c = 0; c < start.k(); c++) {
                p[c] = inverse(start.covariances()[c]);
            }
            b.precisionsInit(p);
        }
        return b.build().fit(la, x, n, d);
    }

    /** @return the model's weights, means and covariances, the covariances as full matrices */
    public static Mixture toMixture(GaussianMixtureModel m) {
        int k = m.nComponents();
        int d = m.nFeatures();
        double[][] blocks = m.covarianceBlocks();
        double[][][] cov = new double[k][d][d];
        for (int c = 0; c < k; c++) {
            double[] b = blocks[m.covarianceType() == CovarianceType.TIED ? 0 : c];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    switch (m.covarianceType()) {
                        case FULL:
                        case TIED:
                            cov[c][i][j] = b[i * d + j];
                            break;
                        case DIAG:
                            cov[c][i][j] = i == j ? b[i] : 0.0;
                            break;
                        default:
                            cov[c][i][j] = i == j ? b[0] : 0.0;
                    }
                }
            }
        }
        return new Mixture(m.weights(), m.means(), cov);
    }

    /**
     * The harness's agreement measure, applied to two answers: the largest, over the weights, the
     * means and the covariances, of max|a − b| / max|b| (norm-wise, so that a covariance entry near
     * 0 does not inflate it). Components are matched by index: both answers began from one start.
     *
     * @return the difference; +∞ when the shapes differ or a value is NaN
     */
    public static double relativeDifference(Mixture a, Mixture b) {
        if (a.k() != b.k() || a.d() != b.d()) {
            return Double.POSITIVE_INFINITY;
        }
        double w = ModelDeviation.relative(new double[][] {a.weights()}, new double[][] {b.weights()});
        double mu = ModelDeviation.relative(a.means(), b.means());
        double[][] ca = new double[a.k()][];
        double[][] cb = new double[b.k()][];
        for (int c = 0; c < a.k(); c++) {
            ca[c] = flatten(a.covariances()[c]);
            cb[c] = flatten(b.covariances()[c]);
        }
        return Math.max(w, Math.max(mu, ModelDeviation.relative(ca, cb)));
    }

    /**
     * scikit-learn's precision Cholesky factor of a full covariance: L = chol(Σ) lower,
     * U = (L⁻¹)ᵀ, upper, row-major.
     *
     * @throws IllegalArgumentException if Σ is not positive-definite
     */
    static double[] upperPrecisionCholesky(double[][] cov) {
        double[][] linv = lowerInverse(cholesky(cov));
        int d = cov.length;
        double[] u = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                u[i * d + j] = linv[j][i];
            }
        }
        return u;
    }

    /** @return Σ⁻¹ = L⁻ᵀ·L⁻¹ */
    static double[][] inverse(double[][] cov) {
        double[][] linv = lowerInverse(cholesky(cov));
        int d = cov.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int m = Math.max(i, j); m < d; m++) {
                    s += linv[m][i] * linv[m][j];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double s = a[j][j];
            for (int m = 0; m < j; m++) {
                s -= l[j][m] * l[j][m];
            }
            if (!(s > 0)) {
                throw new IllegalArgumentException("a covariance is not positive-definite (pivot " + j + " is " + s + ")");
            }
            l[j][j] = Math.sqrt(s);
            for (int i = j + 1; i < d; i++) {
                double t = a[i][j];
                for (int m = 0; m < j; m++) {
                    t -= l[i][m] * l[j][m];
                }
                l[i][j] = t / l[j][j];
            }
        }
        return l;
    }

    private static double[][] lowerInverse(double[][] l) {
        int d = l.length;
        double[][] inv = new double[d][d];
        for (int col = 0; col < d; col++) {
            for (int i = col; i < d; i++) {
                double s = i == col ? 1.0 : 0.0;
                for (int m = col; m < i; m++) {
                    s -= l[i][m] * inv[m][col];
                }
                inv[i][col] = s / l[i][i];
            }
        }
        return inv;
    }

    private static double[] flatten(double[][] m) {
        int d = m.length;
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(m[i], 0, out, i * d, d);
        }
        return out;
    }
}
