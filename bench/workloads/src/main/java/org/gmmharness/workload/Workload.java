package org.gmmharness.workload;

import java.util.Locale;

import org.gmmharness.em.CovarianceType;

/**
 * One benchmark shape: N samples, D features, K components and a covariance type.
 *
 * @param id             a short name, for example {@code W1} or {@code W1-diag} or {@code N=30000}
 * @param n              number of samples
 * @param d              number of features
 * @param k              number of components
 * @param covarianceType the covariance type
 */
public record Workload(String id, int n, int d, int k, CovarianceType covarianceType) {

    /**
     * Floating-point operations of one EM iteration's dominant products, the figure GFLOP/s are
     * computed from: 4·N·K·D² for full and tied covariances (X·U in the E-step, the weighted
     * scatter in the M-step, two flops per multiply-add each), 8·N·K·D for diagonal and
     * 4·N·K·(D+1) for spherical (one product with the design matrix in each step).
     */
    public double flopsPerIteration() {
        double nk = (double) n * k;
        switch (covarianceType) {
            case FULL:
            case TIED:
                return 4.0 * nk * d * d;
            case DIAG:
                return 8.0 * nk * d;
            default:
                return 4.0 * nk * (d + 1);
        }
    }

    /** @return "N=100000 D=16 K=8 full" */
    public String shape() {
        return String.format(Locale.ROOT, "N=%d D=%d K=%d %s", n, d, k, covarianceType.id());
    }
}
