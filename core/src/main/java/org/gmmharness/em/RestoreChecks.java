package org.gmmharness.em;

/**
 * The checks of {@link GaussianMixtureModel#restore}: stored values must describe a model that a
 * fit could have returned. Each throws {@link IllegalArgumentException} naming what is wrong.
 */
final class RestoreChecks {

    private RestoreChecks() {
    }

    static void checkWeightSum(double[] weights, int nIter) {
        double sum = 0.0;
        for (int c = 0; c < weights.length; c++) {
            InputValidation.require(Double.isFinite(weights[c]) && weights[c] >= 0.0, "weights[" + c
                    + "] must be finite and non-negative, got " + weights[c] + ".");
            sum += weights[c];
        }
        if (nIter >= 1) {
            InputValidation.require(Math.abs(sum - 1.0) <= GaussianMixtureModel.RESTORE_WEIGHT_SUM_ATOL, "weights must sum to 1 (within "
                    + GaussianMixtureModel.RESTORE_WEIGHT_SUM_ATOL + ") after " + nIter + " EM iteration(s), got " + sum
                    + ": give the weights the fit wrote.");
        } else {
            // Initial weights n_k / N are not renormalised (scikit-learn's _initialize).
            InputValidation.require(sum > 0.0 && sum <= 1.0 + GaussianMixtureModel.RESTORE_WEIGHT_SUM_ATOL, "weights of a model with "
                    + "n_iter = 0 must have a sum in (0, 1] (within " + GaussianMixtureModel.RESTORE_WEIGHT_SUM_ATOL + "), got " + sum
                    + ": give the weights the fit wrote.");
        }
    }

    /** Each covariance block against its precision factor; see {@link CovarianceAgreement}. */
    static void checkAgreement(CovarianceType type, int d, double[][] cov, double[][] precChol) {
        for (int c = 0; c < cov.length; c++) {
            double difference = CovarianceAgreement.disagreement(type, d, cov[c], precChol[c]);
            double tolerance = CovarianceAgreement.tolerance(type, cov[c], precChol[c]);
            InputValidation.require(difference <= tolerance, String.format(java.util.Locale.ROOT,
                    "covariances and precisions_cholesky disagree %s (relative difference %.1e > %.1e): they "
                    + "describe different Gaussians. Write both from the same fitted model, or recompute "
                    + "precisions_cholesky from the covariances.",
                    type == CovarianceType.TIED ? "in the tied covariance" : "in component " + c, difference,
                    tolerance));
        }
    }

    static double[][] checkBlocks(String name, double[][] blocks, int count, int length) {
        InputValidation.require(blocks != null && blocks.length == count, name + " must have " + count
                + " block(s) of " + length + " values, got " + (blocks == null ? "none" : blocks.length + " block(s)")
                + ".");
        for (int c = 0; c < count; c++) {
            requireFiniteBlock(name, c, blocks[c], length);
        }
        return GaussianMixture.deepCopy(blocks);
    }

    static void requireFiniteBlock(String name, int index, double[] block, int length) {
        InputValidation.require(block != null && block.length == length, name + " block " + index + " must hold "
                + length + " values, got " + (block == null ? "none" : String.valueOf(block.length)) + ".");
        for (double v : block) {
            InputValidation.require(Double.isFinite(v), name + " block " + index + " contains a non-finite value ("
                    + v + ").");
        }
    }

    static boolean symmetric(double[] a, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double x = a[i * d + j];
                double y = a[j * d + i];
                if (Math.abs(x - y) > 1e-8 + 1e-5 * Math.abs(y)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Upper (scikit-learn's fitted factors) or lower (from precisions_init) triangular, diagonal > 0. */
    static boolean triangularWithPositiveDiagonal(double[] u, int d) {
        boolean upper = true;
        boolean lower = true;
        for (int i = 0; i < d; i++) {
            if (!(u[i * d + i] > 0.0)) {
                return false;
            }
            for (int j = 0; j < d; j++) {
                if (j < i && u[i * d + j] != 0.0) {
                    upper = false;
                }
                if (j > i && u[i * d + j] != 0.0) {
                    lower = false;
                }
            }
        }
        return upper || lower;
    }

    /**
     * Full and tied: covariance blocks symmetric positive-definite, factors triangular with a
     * positive diagonal; diagonal and spherical: every value positive.
     */
    static void checkDefinite(CovarianceType type, int d, double[][] cov, double[][] precChol) {
        int blocks = cov.length;
        int blockLength = cov.length == 0 ? 0 : cov[0].length;
        for (int c = 0; c < blocks; c++) {
            if (type.isMatrix()) {
                InputValidation.require(SmallMatrices.choleskyOrNull(cov[c], d) != null && symmetric(cov[c], d),
                        "covariances block " + c + " must be symmetric positive-definite.");
                InputValidation.require(triangularWithPositiveDiagonal(precChol[c], d), "precisions_cholesky block "
                        + c + " must be triangular with a positive diagonal.");
            } else {
                for (int j = 0; j < blockLength; j++) {
                    InputValidation.require(cov[c][j] > 0.0, "covariances block " + c + " must be positive, got "
                            + cov[c][j] + ".");
                    InputValidation.require(precChol[c][j] > 0.0, "precisions_cholesky block " + c
                            + " must be positive, got " + precChol[c][j] + ".");
                }
            }
        }
    }
}
