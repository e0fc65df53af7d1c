package org.gmmharness.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.SufficientStatistics;
import org.gmmharness.linalg.Backends;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;
import org.junit.jupiter.api.Test;

/**
 * The raw-operation benchmark's operands have exactly the shapes the EM steps use, and its three
 * operations compute what they should, on every available backend and covariance type.
 */
class LibraryProductBenchmarkTest {

    private static final int N = 37;
    private static final int D = 3;
    private static final int K = 4;

    @Test
    void operandsHaveTheStepsShapesAndTheOperationsTheirResults() {
        for (String backend : Backends.availableNames()) {
            for (CovarianceType type : CovarianceType.values()) {
                check(backend, type);
            }
        }
    }

    @Test
    void fullCovariancesWithManyFeaturesTakeTheWeightedFormsOperands() {
        int n = 29;
        int d = 20;
        int k = 2;
        int checked = 0;
        for (String backend : Backends.availableNames()) {
            if (!SufficientStatistics.weightedForm(CovarianceType.FULL, Backends.create(backend), d, k)) {
                continue;
            }
            Workload w = new Workload("t", n, d, k, CovarianceType.FULL);
            LibraryProductBenchmark.Operands<?> ops = LibraryProductBenchmark.Operands.of(Backends.create(backend), w,
                    WorkloadData.generate(w, Workloads.DATA_SEED));
            ops.mStepProduct();
            Map<String, double[][]> v = ops.snapshot();
            assertShape(v, "design", n, k * d, backend);
            assertShape(v, "mOut", k * d, d, backend);
            double[] x = v.get("eLeft")[1];
            double[] resp = v.get("resp")[1];
            double[] kron = v.get("design")[1];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) {
                        assertEquals(resp[i * k + c] * x[i * d + j], kron[i * k * d + c * d + j], 0.0, backend);
                    }
                }
            }
            assertArrayEquals(product(kron, n, k * d, x, d, true), v.get("mOut")[1], 1e-9, backend + ": M-step product");
            checked++;
        }
        assertTrue(checked > 0, "no backend takes the weighted form: " + Backends.availableNames());
    }

    private static void check(String backend, CovarianceType type) {
        String what = backend + " " + type.id();
        Workload w = new Workload("t", N, D, K, type);
        LibraryProductBenchmark.Operands<?> ops = LibraryProductBenchmark.Operands.of(Backends.create(backend), w,
                WorkloadData.generate(w, Workloads.DATA_SEED));
        ops.eStepProduct();
        ops.mStepProduct();
        ops.logSumExp();
        Map<String, double[][]> v = ops.snapshot();

        int inner = type == CovarianceType.DIAG ? 2 * D : type == CovarianceType.SPHERICAL ? D + 1 : D;
        int outer = type == CovarianceType.FULL || type == CovarianceType.TIED ? K * D : K;
        int m = type == CovarianceType.FULL ? D + D * (D + 1) / 2 : type == CovarianceType.DIAG ? 2 * D
                : type == CovarianceType.SPHERICAL ? D + 1 : D;
        assertShape(v, "eLeft", N, inner, what);
        assertShape(v, "eRight", inner, outer, what);
        assertShape(v, "eOut", N, outer, what);
        assertShape(v, "resp", N, K, what);
        assertShape(v, "design", N, m, what);
        assertShape(v, "mOut", K, m, what);
        assertShape(v, "logProb", N, K, what);
        assertShape(v, "logNorm", N, 1, what);

        // the design matrix: D centred values, then the products the M-step needs
        double[] design = v.get("design")[1];
        double[] colSums = new double[D];
        for (int i = 0; i < N; i++) {
            double[] x = Arrays.copyOfRange(design, i * m, i * m + D);
            for (int j = 0; j < D; j++) {
                colSums[j] += x[j];
            }
            int q = i * m + D;
            if (type == CovarianceType.FULL) {
                for (int a = 0; a < D; a++) {
                    for (int b = a; b < D; b++) {
                        assertEquals(x[a] * x[b], design[q++], 0.0, what);
                    }
                }
            } else if (type == CovarianceType.DIAG) {
                for (int j = 0; j < D; j++) {
                    assertEquals(x[j] * x[j], design[q + j], 0.0, what);
                }
            } else if (type == CovarianceType.SPHERICAL) {
                assertEquals(x[0] * x[0] + x[1] * x[1] + x[2] * x[2], design[q], 1e-12 * design[q], what);
            }
        }
        for (double s : colSums) {
            assertEquals(0.0, s, 1e-9, what + ": the data are centred");
        }
        double[] resp = v.get("resp")[1];
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int c = 0; c < K; c++) {
                assertTrue(resp[i * K + c] > 0, what);
                s += resp[i * K + c];
            }
            assertEquals(1.0, s, 1e-12, what + ": responsibilities sum to one");
        }

        assertArrayEquals(product(v.get("eLeft")[1], N, inner, v.get("eRight")[1], outer, false), v.get("eOut")[1],
                1e-9, what + ": E-step product");
        assertArrayEquals(product(resp, N, K, design, m, true), v.get("mOut")[1], 1e-9, what + ": M-step product");
        double[] logProb = v.get("logProb")[1];
        double[] logNorm = v.get("logNorm")[1];
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int c = 0; c < K; c++) {
                s += Math.exp(logProb[i * K + c]);
            }
            assertEquals(Math.log(s), logNorm[i], 1e-12, what + ": log-sum-exp of row " + i);
        }
    }

    private static void assertShape(Map<String, double[][]> v, String name, int rows, int cols, String what) {
        assertArrayEquals(new double[] {rows, cols}, v.get(name)[0], what + ": " + name + " shape");
    }

    /** op(a)·b with a rows×cols row-major (op = transpose when {@code transA}) and b row-major with bCols columns. */
    private static double[] product(double[] a, int rows, int cols, double[] b, int bCols, boolean transA) {
        int m = transA ? cols : rows;
        int inner = transA ? rows : cols;
        double[] out = new double[m * bCols];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < bCols; j++) {
                double s = 0;
                for (int p = 0; p < inner; p++) {
                    s += (transA ? a[p * cols + i] : a[i * cols + p]) * b[p * bCols + j];
                }
                out[i * bCols + j] = s;
            }
        }
        return out;
    }
}
