package org.gmmharness.io;

import java.nio.file.Path;

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
 * @param nFeatures               D
 * @param weights                 K weights
 * @param means                   K×D means
 * @param covarianceBlocks        covariances, per component
 * @param precisionCholeskyBlocks precision Cholesky factors, per component
 * @param converged               converged_
 * @param nIter                   n_iter_
 * @param lowerBound              lower_bound_
 * @param lowerBoundTrace         the lower bound after each iteration
 * @param bic                     BIC on the training data
 * @param aic                     AIC on the training data
 * @param backend                 the backend the model was fitted on
 */
public record StoredModel(Path file, CovarianceType covarianceType, int nComponents, int nFeatures,
                          double[] weights, double[][] means, double[][] covarianceBlocks,
                          double[][] precisionCholeskyBlocks, boolean converged, int nIter, double lowerBound,
                          double[] lowerBoundTrace, double bic, double aic, String backend) {

    /**
     * @param la the backend to score on
     * @return the fitted model, as {@link GaussianMixtureModel#restore}
     * @throws IllegalArgumentException naming the file, when the values are not a valid model
     *                                  (weights not summing to 1, a covariance not positive definite, ...)
     */
    public GaussianMixtureModel restore(LinearAlgebra<?> la) {
        try {
            return GaussianMixtureModel.restore(la, covarianceType, weights, means, covarianceBlocks,
                    precisionCholeskyBlocks, converged, nIter, lowerBound, lowerBoundTrace);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a valid model: " + e.getMessage(), e);
        }
    }
}
