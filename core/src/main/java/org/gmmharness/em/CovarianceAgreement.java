package org.gmmharness.em;

/**
 * Whether a covariance block and a precision-Cholesky block describe the same Gaussian: the check
 * behind {@link GaussianMixtureModel#restore}, which receives both and uses the covariances to
 * sample and the precision factors to score.
 *
 * <p>The measure is the covariance's error in its own metric: with U the precision factor
 * (U·Uᵀ = Σ⁻¹ when the two agree, whether U is upper or lower triangular), the largest entry of
 * |Uᵀ·Σ·U − I| for full and tied blocks, and of |σ²·u² − 1| for diagonal and spherical ones. It is
 * free of units and of the data's scale, and a relative error δ in one variance shows as about δ.
 */
final class CovarianceAgreement {

    private CovarianceAgreement() {
    }

    /**
     * @param type the covariance type
     * @param d    number of features
     * @param cov  one covariance block in the layout of {@link Parameters}
     * @param u    the matching precision-Cholesky block
     * @return the disagreement between them as described in the class comment; 0 when exact
     */
    static double disagreement(CovarianceType type, int d, double[] cov, double[] u) {
        double worst = 0.0;
        if (type.isMatrix()) {
            double[] su = SmallMatrices.multiply(cov, u, d);
            double[] utsu = SmallMatrices.multiplyTransA(u, su, d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    worst = Math.max(worst, Math.abs(utsu[i * d + j] - (i == j ? 1.0 : 0.0)));
                }
            }
        } else {
            for (int j = 0; j < cov.length; j++) {
                worst = Math.max(worst, Math.abs(cov[j] * u[j] * u[j] - 1.0));
            }
        }
        return worst;
    }

    /**
     * The largest disagreement rounding can explain: {@link GaussianMixtureModel#RESTORE_AGREEMENT_RTOL},
     * or for full and tied blocks {@link GaussianMixtureModel#RESTORE_AGREEMENT_CONDITION_FACTOR}·ε·κ
     * when larger, with κ = ‖Σ‖_F·‖U‖_F² ≥ cond₂(Σ) (since ‖Σ⁻¹‖₂ = ‖U‖₂²).
     */
    static double tolerance(CovarianceType type, double[] cov, double[] u) {
        double floor = GaussianMixtureModel.RESTORE_AGREEMENT_RTOL;
        if (!type.isMatrix()) {
            return floor;
        }
        double covNorm = 0.0;
        for (double v : cov) {
            covNorm += v * v;
        }
        double uNormSquared = 0.0;
        for (double v : u) {
            uNormSquared += v * v;
        }
        double kappa = Math.sqrt(covNorm) * uNormSquared;
        return Math.max(floor, GaussianMixtureModel.RESTORE_AGREEMENT_CONDITION_FACTOR * Math.ulp(1.0) * kappa);
    }
}
