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
     * Floating-point operations of one EM iteration's products as this project executes them (two
     * per multiply-add), counted from the products' shapes: the E-step's X·F (N×D by D×K·D, full
     * and tied), [X, X∘X]·B (N×2D by 2D×K, diagonal) or [X, ‖x‖²]·B (N×(D+1) by (D+1)×K,
     * spherical), and the M-step's Rᵀ·design with design [X, vech(x·xᵀ)] (full: D + D(D+1)/2
     * columns), X (tied), [X, X∘X] (diagonal) or [X, ‖x‖²] (spherical); in the full covariance's
     * weighted form the M-step's product is instead (R ⊙ X)ᵀ·X, N×K·D by N×D. The plain-Java
     * E-step kernel skips the zeros of the upper-triangular factors F, so its X·F takes D(D+1)/2
     * multiply-adds per row and factor, not D². Per iteration: full 2NKD² (NKD(D+1) triangular)
     * + 2NK(D + D(D+1)/2), about 3·N·K·D² (2·N·K·D² triangular), or 4·N·K·D² in the weighted
     * form; tied 2NKD² (NKD(D+1) triangular) + 2NKD; diagonal 8NKD; spherical 4NK(D+1).
     *
     * @param weightedForm      whether the backend sums full covariances in the weighted form
     *                          ({@code SufficientStatistics.weightedForm})
     * @param triangularFactors whether the backend's E-step skips the factors' zeros (the
     *                          plain-Java kernel of the backends without tuned products)
     */
    public double executedFlopsPerIteration(boolean weightedForm, boolean triangularFactors) {
        double nk = (double) n * k;
        double quadraticForms = triangularFactors ? nk * d * (d + 1.0) : 2.0 * nk * d * d;
        return switch (covarianceType) {
            case FULL -> quadraticForms + (weightedForm ? 2.0 * nk * d * d : 2.0 * nk * (d + d * (d + 1.0) / 2.0));
            case TIED -> quadraticForms + 2.0 * nk * d;
            case DIAG -> 8.0 * nk * d;
            case SPHERICAL -> 4.0 * nk * (d + 1);
        };
    }

    /**
     * Floating-point operations of one iteration of scikit-learn's algorithm, the reference count:
     * full 4NKD² + 2NKD (per component (X − μ_k)·U_k in the E-step and (r_k ∘ (X − μ_k))ᵀ·(X − μ_k)
     * in the M-step, and RᵀX); tied 2NKD² + 2ND² + 2NKD (XᵀX instead of the per-component
     * scatter); diagonal 8NKD; spherical 6NKD (X·μᵀ in the E-step and the diagonal's M-step).
     */
    public double referenceFlopsPerIteration() {
        double nk = (double) n * k;
        return switch (covarianceType) {
            case FULL -> 4.0 * nk * d * d + 2.0 * nk * d;
            case TIED -> 2.0 * nk * d * d + 2.0 * n * (double) d * d + 2.0 * nk * d;
            case DIAG -> 8.0 * nk * d;
            case SPHERICAL -> 6.0 * nk * d;
        };
    }

    /** @return "N=100000 D=16 K=8 full" */
    public String shape() {
        return String.format(Locale.ROOT, "N=%d D=%d K=%d %s", n, d, k, covarianceType.id());
    }
}
