package org.gmmharness.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gmmharness.em.CovarianceType;
import org.junit.jupiter.api.Test;

/**
 * The flop counts add up the products each side runs, written here as the products' shapes
 * (two flops per multiply-add of an m×k by k×n product), independently of the closed forms.
 */
class WorkloadTest {

    private static double product(double m, double k, double n) {
        return 2 * m * k * n;
    }

    @Test
    void executedFlopsAreTheShapesOfTheProjectsProducts() {
        for (Workload w : Workloads.standard()) {
            double n = w.n();
            double d = w.d();
            double k = w.k();
            double expected = switch (w.covarianceType()) {
                case FULL -> product(n, d, k * d) + product(k, n, d + d * (d + 1) / 2);
                case TIED -> product(n, d, k * d) + product(k, n, d);
                case DIAG -> product(n, 2 * d, k) + product(k, n, 2 * d);
                case SPHERICAL -> product(n, d + 1, k) + product(k, n, d + 1);
            };
            assertEquals(expected, w.executedFlopsPerIteration(false, false), 1e-9 * expected, w.id());
            // Triangular factors: column j of each D×D factor has j + 1 rows to multiply.
            double triangular = switch (w.covarianceType()) {
                case FULL -> 2 * n * k * d * (d + 1) / 2 + product(k, n, d + d * (d + 1) / 2);
                case TIED -> 2 * n * k * d * (d + 1) / 2 + product(k, n, d);
                default -> expected;
            };
            assertEquals(triangular, w.executedFlopsPerIteration(false, true), 1e-9 * triangular, w.id());
        }
        Workload largeD = Workloads.LARGE_D;
        double n = largeD.n();
        double d = largeD.d();
        double k = largeD.k();
        assertEquals(product(n, d, k * d) + product(k * d, n, d), largeD.executedFlopsPerIteration(true, false), 1.0,
                "the weighted form's (R ⊙ X)ᵀ·X");
    }

    @Test
    void referenceFlopsAreScikitLearnsProducts() {
        Workload w1 = Workloads.W1;
        double n = w1.n();
        double d = w1.d();
        double k = w1.k();
        // Per component: (X − μ_k)·U_k and (r_k ∘ (X − μ_k))ᵀ·(X − μ_k); and RᵀX for the means.
        assertEquals(k * product(n, d, d) + k * product(d, n, d) + product(k, n, d), w1.referenceFlopsPerIteration(),
                1.0);
        Workload tied = new Workload("t", 1000, 5, 3, CovarianceType.TIED);
        assertEquals(3 * product(1000, 5, 5) + product(5, 1000, 5) + product(3, 1000, 5),
                tied.referenceFlopsPerIteration(), 1e-9);
    }
}
