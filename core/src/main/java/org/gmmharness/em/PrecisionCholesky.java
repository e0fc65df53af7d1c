package org.gmmharness.em;

import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.NotPositiveDefiniteException;

/**
 * The precision-Cholesky step, scikit-learn's {@code _compute_precision_cholesky}: for a full or
 * tied covariance Σ = L·Lᵀ (L lower), the factor is U = (L⁻¹)ᵀ, so that U·Uᵀ = Σ⁻¹; for diagonal
 * and spherical covariances it is 1/√σ². The small D×D factorisations run on the backend.
 */
final class PrecisionCholesky {

    private PrecisionCholesky() {
    }

    /**
     * @param covariances blocks as in {@link Parameters}
     * @return the precision-Cholesky blocks, same layout
     * @throws IllDefinedCovarianceException if a covariance is not positive definite
     */
    static <M> double[][] fromCovariances(LinearAlgebra<M> la, CovarianceType type, int d, double[][] covariances) {
        double[][] out = new double[covariances.length][];
        if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
            M cov = la.zeros(d, d);
            M chol = la.zeros(d, d);
            M inv = la.zeros(d, d);
            for (int c = 0; c < covariances.length; c++) {
                la.setRowMajor(covariances[c], cov);
                try {
                    la.cholesky(cov, chol);
                } catch (NotPositiveDefiniteException e) {
                    throw new IllDefinedCovarianceException(type == CovarianceType.TIED ? -1 : c);
                }
                la.invertLowerTriangular(chol, inv);
                out[c] = SmallMatrices.transpose(la.toRowMajor(inv), d);
            }
        } else {
            for (int c = 0; c < covariances.length; c++) {
                double[] block = covariances[c];
                out[c] = new double[block.length];
                for (int j = 0; j < block.length; j++) {
                    if (!(block[j] > 0.0)) {
                        throw new IllDefinedCovarianceException(c);
                    }
                    out[c][j] = 1.0 / Math.sqrt(block[j]);
                }
            }
        }
        return out;
    }

    /**
     * From user precisions (scikit-learn's {@code precisions_init}): the lower Cholesky factor of
     * each precision matrix, or √p for diagonal and spherical precisions.
     *
     * @param precisions blocks as in {@link Parameters}, already validated
     */
    static <M> double[][] fromPrecisions(LinearAlgebra<M> la, CovarianceType type, int d, double[][] precisions) {
        double[][] out = new double[precisions.length][];
        if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
            M prec = la.zeros(d, d);
            M chol = la.zeros(d, d);
            for (int c = 0; c < precisions.length; c++) {
                la.setRowMajor(precisions[c], prec);
                la.cholesky(prec, chol);
                out[c] = la.toRowMajor(chol);
            }
        } else {
            for (int c = 0; c < precisions.length; c++) {
                out[c] = new double[precisions[c].length];
                for (int j = 0; j < out[c].length; j++) {
                    out[c][j] = Math.sqrt(precisions[c][j]);
                }
            }
        }
        return out;
    }

    /**
     * Precisions from their Cholesky factors, as scikit-learn's {@code precisions_}: U·Uᵀ for full
     * and tied, U² otherwise.
     */
    static double[][] precisions(CovarianceType type, int d, double[][] precChol) {
        double[][] out = new double[precChol.length][];
        for (int c = 0; c < precChol.length; c++) {
            double[] u = precChol[c];
            if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
                out[c] = SmallMatrices.multiplyTransB(u, u, d);
            } else {
                out[c] = new double[u.length];
                for (int j = 0; j < u.length; j++) {
                    out[c][j] = u[j] * u[j];
                }
            }
        }
        return out;
    }

    /**
     * Covariances from precision factors, for a model that started from user precisions and ran no
     * M-step: Σ = (U·Uᵀ)⁻¹ for full and tied, taken as L⁻ᵀ·L⁻¹ with L the Cholesky factor of U·Uᵀ
     * (U itself may be upper or lower triangular), and 1/U² otherwise.
     */
    static double[][] covariancesFromPrecisionCholesky(CovarianceType type, int d, double[][] precChol) {
        double[][] out = new double[precChol.length][];
        for (int c = 0; c < precChol.length; c++) {
            double[] u = precChol[c];
            if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
                double[] l = SmallMatrices.choleskyOrNull(SmallMatrices.multiplyTransB(u, u, d), d);
                double[] lInv = SmallMatrices.invertLower(l, d);
                out[c] = SmallMatrices.multiplyTransA(lInv, lInv, d);
            } else {
                out[c] = new double[u.length];
                for (int j = 0; j < u.length; j++) {
                    out[c][j] = 1.0 / (u[j] * u[j]);
                }
            }
        }
        return out;
    }

}
