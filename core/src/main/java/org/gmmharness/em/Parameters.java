package org.gmmharness.em;

/**
 * The parameters of a mixture between EM steps, in the fit's centred coordinates.
 *
 * <p>Per-component blocks are flattened row-major: for {@link CovarianceType#FULL} block k of
 * {@code covariances} and {@code precisionsCholesky} is the D×D matrix of component k; for
 * {@link CovarianceType#TIED} there is one D×D block; for {@link CovarianceType#DIAG} block k holds D
 * values; for {@link CovarianceType#SPHERICAL} one value. Arrays are never modified after
 * construction.
 */
final class Parameters {

    final CovarianceType type;
    final int k;
    final int d;
    /** K mixing weights. */
    final double[] weights;
    /** K×D means, relative to the fit's centre. */
    final double[][] means;
    /** Covariance blocks; null when the fit started from user precisions and has not run an M-step. */
    final double[][] covariances;
    /** Blocks of the precision Cholesky factors U with U·Uᵀ = Σ⁻¹ (scikit-learn's precisions_cholesky_). */
    final double[][] precisionsCholesky;
    /** log det U_k for each component (for tied, the shared value repeated). */
    final double[] logDetPrecisionCholesky;

    Parameters(CovarianceType type, double[] weights, double[][] means, double[][] covariances,
               double[][] precisionsCholesky) {
        this.type = type;
        this.k = weights.length;
        this.d = means[0].length;
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.precisionsCholesky = precisionsCholesky;
        this.logDetPrecisionCholesky = logDet(type, k, d, precisionsCholesky);
    }

    /** @return the same parameters with other weights and means (user inits); blocks are shared */
    Parameters withWeightsAndMeans(double[] newWeights, double[][] newMeans) {
        return new Parameters(type, newWeights, newMeans, covariances, precisionsCholesky);
    }

    /** @return the same parameters with other precision factors, and no covariances (user inits) */
    Parameters withPrecisionsCholesky(double[][] newPrecisionsCholesky) {
        return new Parameters(type, weights, means, null, newPrecisionsCholesky);
    }

    /** scikit-learn's {@code _compute_log_det_cholesky}, for each component. */
    private static double[] logDet(CovarianceType type, int k, int d, double[][] precChol) {
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            double[] block = precChol[type == CovarianceType.TIED ? 0 : c];
            double s = 0.0;
            switch (type) {
                case FULL:
                case TIED:
                    for (int j = 0; j < d; j++) {
                        s += Math.log(block[j * d + j]);
                    }
                    break;
                case DIAG:
                    for (int j = 0; j < d; j++) {
                        s += Math.log(block[j]);
                    }
                    break;
                default:
                    s = d * Math.log(block[0]);
            }
            out[c] = s;
        }
        return out;
    }
}
