package org.gmmharness.em;

import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.NotPositiveDefiniteException;

/**
 * The precision-Cholesky step, scikit-learn's {@code _compute_precision_cholesky}: for a full or
 * tied covariance Σ = L·Lᵀ (L lower), the factor is U = (L⁻¹)ᵀ, so that U·Uᵀ = Σ⁻¹; for diagonal
 * and spherical covariances it is 1/√σ². The D×D factorisations run on the backend, in buffers
 * allocated once.
 */
final class PrecisionCholesky<M> {

    private final LinearAlgebra<M> la;
    private final CovarianceType type;
    private final int d;
    private final M square;
    private final M factor;
    private final M inverse;
    private final double[] values;

    PrecisionCholesky(LinearAlgebra<M> la, CovarianceType type, int d) {
        this.la = la;
        this.type = type;
        this.d = d;
        boolean matrices = type.isMatrix();
        this.square = matrices ? la.zeros(d, d) : null;
        this.factor = matrices ? la.zeros(d, d) : null;
        this.inverse = matrices ? la.zeros(d, d) : null;
        this.values = new double[matrices ? d * d : 0];
    }

    /**
     * Writes the precision factors of {@code p.covariances} into {@code p.precisionsCholesky} and,
     * beside each, its log-determinant ({@link #logDet}) into {@code p.logDetPrecisionCholesky}.
     *
     * @throws IllDefinedCovarianceException if a covariance is not positive definite
     */
    void fromCovariances(Parameters p) {
        double[][] cov = p.covariances;
        double[][] out = p.precisionsCholesky;
        for (int c = 0; c < cov.length; c++) {
            if (square != null) {
                la.setRowMajor(cov[c], square);
                try {
                    la.cholesky(square, factor);
                } catch (NotPositiveDefiniteException e) {
                    throw new IllDefinedCovarianceException(type == CovarianceType.TIED ? -1 : c);
                }
                la.invertLowerTriangular(factor, inverse);
                la.copyToRowMajor(inverse, values);
                transposeInto(values, out[c]);
            } else {
                for (int j = 0; j < cov[c].length; j++) {
                    if (!(cov[c][j] > 0.0)) {
                        throw new IllDefinedCovarianceException(c);
                    }
                    out[c][j] = 1.0 / Math.sqrt(cov[c][j]);
                }
            }
            p.setLogDet(c, logDet(type, d, out[c]));
        }
    }

    /**
     * From user precisions (scikit-learn's {@code precisions_init}): the lower Cholesky factor of
     * each precision matrix, or √p for diagonal and spherical precisions, into
     * {@code p.precisionsCholesky}, each with its log-determinant; the covariances are then unknown.
     *
     * @param precisions blocks as in {@link Parameters}, already validated
     */
    void fromPrecisions(double[][] precisions, Parameters p) {
        for (int c = 0; c < precisions.length; c++) {
            double[] out = p.precisionsCholesky[c];
            if (square != null) {
                la.setRowMajor(precisions[c], square);
                la.cholesky(square, factor);
                la.copyToRowMajor(factor, out);
            } else {
                for (int j = 0; j < out.length; j++) {
                    out[j] = Math.sqrt(precisions[c][j]);
                }
            }
            p.setLogDet(c, logDet(type, d, out));
        }
        p.hasCovariances = false;
    }

    /**
     * scikit-learn's {@code _compute_log_det_cholesky} for one precision factor block: log det U =
     * Σ_j log U_jj (full, tied: D×D row-major), Σ_j log u_j (diagonal: D values), D·log u
     * (spherical: one value).
     */
    static double logDet(CovarianceType type, int d, double[] factor) {
        return switch (type) {
            case FULL, TIED -> {
                double s = 0.0;
                for (int j = 0; j < d; j++) {
                    s += Math.log(factor[j * d + j]);
                }
                yield s;
            }
            case DIAG -> {
                double s = 0.0;
                for (int j = 0; j < d; j++) {
                    s += Math.log(factor[j]);
                }
                yield s;
            }
            case SPHERICAL -> d * Math.log(factor[0]);
        };
    }

    private void transposeInto(double[] a, double[] out) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[j * d + i] = a[i * d + j];
            }
        }
    }

    /**
     * Precisions from their Cholesky factors, as scikit-learn's {@code precisions_}: U·Uᵀ for full
     * and tied, U² otherwise.
     */
    static double[][] precisions(CovarianceType type, int d, double[][] precChol) {
        double[][] out = new double[precChol.length][];
        for (int c = 0; c < precChol.length; c++) {
            double[] u = precChol[c];
            if (type.isMatrix()) {
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
            if (type.isMatrix()) {
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
