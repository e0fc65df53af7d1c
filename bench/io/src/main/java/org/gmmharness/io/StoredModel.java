package org.gmmharness.io;

import java.nio.file.Path;
import java.util.List;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.linalg.LinearAlgebra;

/**
 * The contents of a model file (see {@link ModelFile}), shapes already checked. Covariances and
 * precision Cholesky factors are held as the blocks of
 * {@link GaussianMixtureModel#covarianceBlocks()}.
 *
 * @param file                    the file it was read from, for messages
 * @param covarianceType          scikit-learn's covariance_type
 * @param nComponents             K
 * @param nFeatures               D, scikit-learn's n_features_in_
 * @param featureNames            the D training columns' names (feature_names_in_), or null when
 *                                the model was fitted on data without a header
 * @param weights                 K weights
 * @param means                   K×D means
 * @param covarianceBlocks        covariances, per component
 * @param precisionCholeskyBlocks precision Cholesky factors, per component
 * @param converged               converged_ (false when not recorded)
 * @param nIter                   n_iter_, or {@link #NOT_RECORDED}
 * @param lowerBound              lower_bound_ (−∞ when not recorded)
 * @param lowerBoundTrace         the lower bound after each iteration (empty when not recorded)
 * @param bic                     BIC on the training data, NaN when not recorded
 * @param aic                     AIC on the training data, NaN when not recorded
 * @param backend                 the backend the model was fitted on, or null when not recorded
 */
public record StoredModel(Path file, CovarianceType covarianceType, int nComponents, int nFeatures,
                          List<String> featureNames, double[] weights, double[][] means, double[][] covarianceBlocks,
                          double[][] precisionCholeskyBlocks, boolean converged, int nIter, double lowerBound,
                          double[] lowerBoundTrace, double bic, double aic, String backend) {

    /** {@link #nIter()} of a file that does not record n_iter. */
    public static final int NOT_RECORDED = -1;

    /**
     * @param la the backend to score on
     * @return the fitted model, as {@link GaussianMixtureModel#restore}; a model without n_iter is
     *         restored with n_iter 0 once its weights are checked to sum to 1 (only scikit-learn's
     *         state before any iteration has weights that do not)
     * @throws IllegalArgumentException naming the file, when the values are not a valid model
     *                                  (weights not summing to 1, a covariance not positive definite, ...)
     */
    public GaussianMixtureModel restore(LinearAlgebra<?> la) {
        try {
            if (nIter == NOT_RECORDED) {
                double sum = 0;
                for (double w : weights) {
                    sum += w;
                }
                if (!(Math.abs(sum - 1.0) <= GaussianMixtureModel.RESTORE_WEIGHT_SUM_ATOL)) {
                    throw new IllegalArgumentException("weights must sum to 1, got " + sum + " (only a model "
                            + "recorded with n_iter 0, scikit-learn's state before any iteration, may differ).");
                }
            }
            return GaussianMixtureModel.restore(la, covarianceType, weights, means, covarianceBlocks,
                    precisionCholeskyBlocks, converged, Math.max(nIter, 0), lowerBound, lowerBoundTrace);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a valid model: " + e.getMessage(), e);
        }
    }
}
