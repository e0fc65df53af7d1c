package org.gmmharness.em;

import java.util.List;

import org.gmmharness.linalg.LinearAlgebra;

/**
 * Rebuilds a fitted model from stored values: the contract is that of
 * {@link GaussianMixtureModel#restore}, the checks are {@link RestoreChecks}'. The model is kept
 * relative to the mean of its means, as a fit keeps its parameters relative to the data's mean,
 * so that scores stay exact far from the origin.
 */
final class Restore {

    private Restore() {
    }

    /**
     * See {@link GaussianMixtureModel#restore}: checks every value in the order documented there,
     * then centres the means; the arrays are copied.
     */
    static GaussianMixtureModel model(LinearAlgebra<?> la, CovarianceType type, double[] weights, double[][] means,
                                      double[][] covarianceBlocks, double[][] precisionCholeskyBlocks,
                                      boolean converged, int nIter, double lowerBound, double[] trace) {
        InputValidation.require(la != null, "restore needs a backend to score on.");
        InputValidation.require(type != null, "restore needs a covariance type.");
        InputValidation.require(weights != null && weights.length >= 1, "weights must hold at least one value.");
        InputValidation.require(nIter >= 0, "n_iter must be non-negative, got " + nIter + ".");
        int k = weights.length;
        RestoreChecks.checkWeightSum(weights, nIter);
        InputValidation.require(means != null && means.length == k, "means must have " + k
                + " rows (one per weight), got " + (means == null ? "none" : String.valueOf(means.length)) + ".");
        InputValidation.require(means[0] != null && means[0].length >= 1, "means[0] must hold at least one value.");
        int d = means[0].length;
        for (int c = 0; c < k; c++) {
            RestoreChecks.requireFiniteBlock("means", c, means[c], d);
        }
        int blocks = Parameters.blocks(type, k);
        int blockLength = Parameters.blockSize(type, d);
        double[][] cov = RestoreChecks.checkBlocks("covariances", covarianceBlocks, blocks, blockLength);
        double[][] precChol = RestoreChecks.checkBlocks("precisions_cholesky", precisionCholeskyBlocks, blocks,
                blockLength);
        RestoreChecks.checkDefinite(type, d, cov, precChol);
        RestoreChecks.checkAgreement(type, d, cov, precChol);
        InputValidation.require(!Double.isNaN(lowerBound) && lowerBound != Double.POSITIVE_INFINITY,
                "lower_bound must be finite or -Infinity, got " + lowerBound + ".");
        InputValidation.require(trace != null, "the lower-bound trace must be given (it may be empty).");
        for (int i = 0; i < trace.length; i++) {
            InputValidation.require(!Double.isNaN(trace[i]), "lower_bound_trace[" + i + "] is NaN.");
        }
        double[] center = new double[d];
        for (double[] mean : means) {
            for (int j = 0; j < d; j++) {
                center[j] += mean[j];
            }
        }
        double[][] centred = new double[k][d];
        for (int j = 0; j < d; j++) {
            center[j] /= k;
            for (int c = 0; c < k; c++) {
                centred[c][j] = means[c][j] - center[j];
            }
        }
        Parameters parameters = new Parameters(type, weights.clone(), centred, cov, precChol);
        return new GaussianMixtureModel(la, parameters, center, converged, nIter, lowerBound, trace, new int[0],
                Double.NaN, List.of());
    }
}
