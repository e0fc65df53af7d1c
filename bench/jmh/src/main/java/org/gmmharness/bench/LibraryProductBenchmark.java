package org.gmmharness.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.SufficientStatistics;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The backend's own raw operations on exactly the shapes the EM steps hand it, without the EM
 * code around them: the reference the report sets each step's time against, so that the cost of
 * the glue (broadcasts, element-wise passes, copies, parameter-sized Java work) can be seen.
 *
 * <ul>
 *   <li>{@link #eStepProduct}: the E-step's product. Full and tied: X (N×D) · F (D×K·D), the data
 *       against all components' precision factors side by side (the product inside
 *       {@link LinearAlgebra#blockQuadraticForms}). Diagonal: [X, X∘X] (N×2D) · B (2D×K).
 *       Spherical: [X, ‖x‖²] (N×(D+1)) · B ((D+1)×K).</li>
 *   <li>{@link #mStepProduct}: the M-step's product Rᵀ·design, i.e.
 *       {@code multiply(R, true, design, false, out)} with R N×K, design N×m and out K×m, where
 *       m = D + D(D+1)/2 (full: [X, vech(x·xᵀ)]), D (tied: X), 2D (diagonal) or D+1 (spherical);
 *       for full covariances in the weighted form ({@code SufficientStatistics.weightedForm}),
 *       {@code multiply(W, true, X, false, out)} with W = R ⊙ X (N×K·D, row i r_i ⊗ x_i) and out
 *       K·D×D. The M-step itself never forms the whole N-row matrix: it runs the same product
 *       block by block of rows (see {@code SufficientStatistics}), the same flops, so this one
 *       whole product stays its reference; only this benchmark holds the N-row matrix.</li>
 *   <li>{@link #logSumExp}: the E-step's reduction, {@link LinearAlgebra#logSumExpRows} of an N×K
 *       matrix of log-probabilities into N×1.</li>
 * </ul>
 *
 * The operands are made the way the EM code makes them, so a backend sees the same layouts: the
 * data and design matrices through {@link LinearAlgebra#fromRowMajor}, the parameter matrices,
 * responsibilities, log-probabilities and every output through {@link LinearAlgebra#zeros} (and
 * {@link LinearAlgebra#setRowMajor} for their values). The values are seeded: the data of the
 * workload ({@link WorkloadData}, centred), random factors, random responsibilities whose rows sum
 * to one, and their logarithms as log-probabilities. All are built once per trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g"})
@State(Scope.Benchmark)
public class LibraryProductBenchmark extends AbstractWorkloadState {

    private Operands<?> operands;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = workload();
        operands = Operands.of(Backends.create(backend), w, WorkloadData.generate(w, Workloads.DATA_SEED));
    }

    /** The E-step's product (see the class comment for its shape per covariance type). */
    @Benchmark
    public void eStepProduct(Blackhole sink) {
        operands.eStepProduct();
        sink.consume(operands);
    }

    /** The M-step's product Rᵀ·design (see the class comment for its shape per covariance type). */
    @Benchmark
    public void mStepProduct(Blackhole sink) {
        operands.mStepProduct();
        sink.consume(operands);
    }

    /** The E-step's row-wise log-sum-exp of the N×K log-probabilities. */
    @Benchmark
    public void logSumExp(Blackhole sink) {
        operands.logSumExp();
        sink.consume(operands);
    }

    /**
     * Number of columns of the matrix the E-step multiplies the parameters with: D for full and
     * tied (X), 2D for diagonal ([X, X∘X]), D+1 for spherical ([X, ‖x‖²]).
     */
    static int eStepInner(CovarianceType type, int d) {
        switch (type) {
            case DIAG:
                return 2 * d;
            case SPHERICAL:
                return d + 1;
            default:
                return d;
        }
    }

    /** Number of columns of the E-step product's result: K·D for full and tied, else K. */
    static int eStepOuter(CovarianceType type, int d, int k) {
        return type == CovarianceType.FULL || type == CovarianceType.TIED ? k * d : k;
    }

    /**
     * Number of columns m of the M-step's design matrix: D + D(D+1)/2 for full, D for tied, 2D for
     * diagonal, D+1 for spherical.
     */
    static int designWidth(CovarianceType type, int d) {
        return SufficientStatistics.width(type, d);
    }

    /**
     * Row-major N×m values of the M-step's design matrix from centred rows: the D values of each
     * row followed by its distinct second moments x_a·x_b (a ≤ b, full), its squares (diagonal) or
     * its squared norm (spherical); just the D values for tied.
     */
    static double[] design(double[][] rows, CovarianceType type) {
        int d = rows[0].length;
        int m = designWidth(type, d);
        double[] out = new double[rows.length * m];
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            int o = i * m;
            System.arraycopy(r, 0, out, o, d);
            int q = o + d;
            switch (type) {
                case FULL:
                    for (int a = 0; a < d; a++) {
                        for (int b = a; b < d; b++) {
                            out[q++] = r[a] * r[b];
                        }
                    }
                    break;
                case DIAG:
                    for (int j = 0; j < d; j++) {
                        out[q + j] = r[j] * r[j];
                    }
                    break;
                case SPHERICAL:
                    double s = 0.0;
                    for (int j = 0; j < d; j++) {
                        s += r[j] * r[j];
                    }
                    out[q] = s;
                    break;
                default:
                    break;
            }
        }
        return out;
    }

    /** Preallocated operands and outputs on one backend. */
    static final class Operands<M> {
        private final LinearAlgebra<M> la;
        /** The E-step's left operand: X (full, tied) or the design matrix (diagonal, spherical). */
        private final M eLeft;
        /** The E-step's parameter matrix: D×K·D, 2D×K or (D+1)×K. */
        private final M eRight;
        /** The E-step product's result, N×K·D or N×K. */
        private final M eOut;
        /** Responsibilities, N×K. */
        private final M resp;
        /** The M-step's design matrix, N×m, or W = R ⊙ X, N×K·D, in the weighted form. */
        private final M design;
        /** The M-step product's operands: R and the design, or W and X in the weighted form. */
        private final M mLeft;
        private final M mRight;
        /** Rᵀ·design, K×m, or Wᵀ·X, K·D×D. */
        private final M mOut;
        /** Log-probabilities, N×K. */
        private final M logProb;
        /** Row-wise log-sum-exp, N×1. */
        private final M logNorm;

        private Operands(LinearAlgebra<M> la, M eLeft, M eRight, M eOut, M resp, M design, boolean weighted, M x,
                         M mOut, M logProb, M logNorm) {
            this.la = la;
            this.eLeft = eLeft;
            this.eRight = eRight;
            this.eOut = eOut;
            this.resp = resp;
            this.design = design;
            this.mLeft = weighted ? design : resp;
            this.mRight = weighted ? x : design;
            this.mOut = mOut;
            this.logProb = logProb;
            this.logNorm = logNorm;
        }

        static <M> Operands<M> of(LinearAlgebra<M> la, Workload w, double[][] data) {
            int n = w.n();
            int d = w.d();
            int k = w.k();
            CovarianceType type = w.covarianceType();
            double[][] centred = centre(data);
            SplittableRandom rng = new SplittableRandom(Workloads.DATA_SEED + 1);

            boolean weighted = SufficientStatistics.weightedForm(type, la, d, k);
            M x = la.fromRowMajor(n, d, design(centred, CovarianceType.TIED));
            M design = type == CovarianceType.TIED || weighted ? x
                    : la.fromRowMajor(n, designWidth(type, d), design(centred, type));
            boolean blocks = type == CovarianceType.FULL || type == CovarianceType.TIED;
            M eLeft = blocks ? x : design;
            int inner = eStepInner(type, d);
            int outer = eStepOuter(type, d, k);
            M eRight = la.zeros(inner, outer);
            la.setRowMajor(uniform(rng, inner * outer, -1.0, 1.0), eRight);
            M eOut = la.zeros(n, outer);

            double[] r = uniform(rng, n * k, 0.01, 1.0);
            double[] logP = new double[n * k];
            for (int i = 0; i < n; i++) {
                double s = 0.0;
                for (int c = 0; c < k; c++) {
                    s += r[i * k + c];
                }
                for (int c = 0; c < k; c++) {
                    r[i * k + c] /= s;
                    logP[i * k + c] = Math.log(r[i * k + c]) - 0.5 * d * Math.log(2.0 * Math.PI);
                }
            }
            M resp = la.zeros(n, k);
            la.setRowMajor(r, resp);
            M logProb = la.zeros(n, k);
            la.setRowMajor(logP, logProb);
            if (weighted) {
                design = la.zeros(n, k * d);
                la.rowKronecker(resp, x, design);
            }
            M mOut = weighted ? la.zeros(k * d, d) : la.zeros(k, la.cols(design));
            return new Operands<>(la, eLeft, eRight, eOut, resp, design, weighted, x, mOut, logProb, la.zeros(n, 1));
        }

        void eStepProduct() {
            la.multiply(eLeft, false, eRight, false, eOut);
        }

        void mStepProduct() {
            la.multiply(mLeft, true, mRight, false, mOut);
        }

        void logSumExp() {
            la.logSumExpRows(logProb, logNorm);
        }

        /** The E-step's normalisation; overwrites the log-probabilities and responsibilities. */
        void normalizeRows() {
            la.normalizeRows(logProb, logNorm, resp);
        }

        /** @return every operand and output by name, as {{rows, cols}, row-major values}; for tests */
        Map<String, double[][]> snapshot() {
            Map<String, double[][]> out = new LinkedHashMap<>();
            String[] names = {"eLeft", "eRight", "eOut", "resp", "design", "mOut", "logProb", "logNorm"};
            List<M> all = List.of(eLeft, eRight, eOut, resp, design, mOut, logProb, logNorm);
            for (int i = 0; i < names.length; i++) {
                M a = all.get(i);
                out.put(names[i], new double[][] {{la.rows(a), la.cols(a)}, la.toRowMajor(a)});
            }
            return out;
        }
    }

    /** @return the rows minus their column means, as the EM code centres its data */
    private static double[][] centre(double[][] data) {
        int d = data[0].length;
        double[] mean = new double[d];
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= data.length;
        }
        double[][] out = new double[data.length][d];
        for (int i = 0; i < data.length; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = data[i][j] - mean[j];
            }
        }
        return out;
    }

    private static double[] uniform(SplittableRandom rng, int length, double from, double to) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = rng.nextDouble(from, to);
        }
        return out;
    }
}
