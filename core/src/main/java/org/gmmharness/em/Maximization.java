package org.gmmharness.em;

import java.util.concurrent.ConcurrentLinkedQueue;

import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.WorkerPool;
import org.gmmharness.random.NumpySummation;

/**
 * The M-step, scikit-learn's {@code _estimate_gaussian_parameters}: from the responsibilities R
 * (N×K), nk = Σ_i r_ik + 10·ε, means = RᵀX / nk, and the covariances of the fit's type with
 * reg_covar added to their diagonal. It first sums the {@link SufficientStatistics} of R over the
 * data (see {@link #accumulate}), then computes the parameters from them alone:
 * <ul>
 *   <li>full: Σ_k = Σ_i r_ik x_i x_iᵀ / nk_k − μ_k μ_kᵀ from the second moments, in the fit's
 *       centred coordinates. Where that subtraction would cancel more than
 *       {@link #ONE_PASS_MAX_RATIO} allows in some feature (a component narrow in that feature
 *       against its distance from the centre, such as one collapsed on a point), that component is
 *       recomputed two-pass, as scikit-learn computes every component:
 *       Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ / nk_k, in a second blocked pass over the data with the
 *       now known mean, for the flagged components only;</li>
 *   <li>tied: (XᵀX − Σ_k nk_k μ_k μ_kᵀ) / Σ_k nk_k;</li>
 *   <li>diagonal: Rᵀ(X∘X)/nk − 2 μ∘(RᵀX)/nk + μ²;</li>
 *   <li>spherical: the mean over features of the diagonal form.</li>
 * </ul>
 * Results are written into a {@link Parameters} buffer; the buffers of this class are allocated
 * once, so an M-step allocates nothing that grows with N, and no matrix of N·D² values exists.
 * Called from one thread at a time; it spreads its blocks over the common fork/join pool itself.
 */
final class Maximization<M> {

    /** numpy's float64 machine epsilon, as in scikit-learn's {@code 10 * np.finfo(resp.dtype).eps}. */
    private static final double EPS = Math.ulp(1.0);

    /**
     * Largest cancellation accepted in the one-pass full covariance, in any feature a: the second
     * moment over the variance, (μ_a² + Σ_aa) / (Σ_aa + reg_covar). Entry (a, b) of the one-pass
     * value then errs by about ε·√(ratio_a·ratio_b) relative to √(Σ_aa·Σ_bb) (Cauchy–Schwarz
     * bounds the second moment |S_ab| by √(S_aa·S_bb)), so 1e4 keeps every entry near 2e-12 of its
     * own scale, two orders inside the scikit-learn parity tolerance. A per-feature test, not the
     * total spread over the smallest variance: with many features the total is large while no
     * single feature cancels.
     */
    static final double ONE_PASS_MAX_RATIO = 1e4;

    /**
     * Doubles per block of rows for the full covariance's statistics: a block's design rows
     * [x, vech(x·xᵀ)] (or its rows r_i ⊗ x_i in the weighted form), its rows of X and of R,
     * b·(D + D(D+1)/2 + D + K) (or b·(K·D + D + K)) doubles in all, fill at most this many
     * (4 MiB), so that the block stays in a core's share of the cache while the product reads
     * it: 814 rows at D = 128, K = 4 (weighted form); 9,362 rows at D = 8, K = 4.
     */
    static final int BLOCK_DOUBLES = 1 << 19;

    /**
     * Doubles per block where the backend forms no design rows (its fused moment product reads
     * the block's rows of X and R only): b·(D + K) doubles, 512 KiB, a share of L2. Each block's
     * copies are scratch made for every fit, and on a machine where the first touch of a page is
     * slow (about 2.7 ms per MB on the virtual machine of the reports, against 0.1 ms per MB
     * reused) a 4 MiB copy of a few columns cost more than its block's product: 13,107 rows at
     * D = 2, K = 3 rather than 52,428; 819 rows at D = 64, K = 16.
     */
    static final int FUSED_BLOCK_DOUBLES = 1 << 16;

    /**
     * Fewest rows per block, whatever D: below this the per-block calls and the K×width read-back
     * would cost more than the product itself. At D ≥ 1024 the blocks then exceed
     * {@link #BLOCK_DOUBLES}.
     */
    static final int MIN_BLOCK_ROWS = 16;

    /**
     * Most runs of consecutive blocks whose statistics are summed apart (by the threads of
     * {@link #BLOCK_WORKERS}) and then merged in order. A constant, not the number of cores,
     * so that the rounding of the sums is the same on every machine; 8 keeps up to 8 cores busy
     * for K·width·8 doubles of partial sums.
     */
    static final int GROUPS = 8;

    /**
     * The threads that sum the runs of blocks: one per core, shared by all fits. Not the common
     * fork/join pool, whose workers clear their thread-locals after every task (JDK 17), so that
     * the kernels' per-thread buffers (the fused moment product's K accumulators of width
     * D + D(D+1)/2) were made again in every M-step: 274 KB per iteration at K=16, D=64.
     */
    private static final WorkerPool BLOCK_WORKERS = WorkerPool.perCore("gmm-m-step");

    /**
     * Relative slack when testing whether responsibilities sum to one per row: far above the
     * rounding of N·K additions, far below the deficit of any start that leaves rows empty.
     */
    private static final double ROW_SUM_SLACK = 1e-9;

    private final EmData<M> data;
    private final LinearAlgebra<M> la;
    private final int k;
    private final SufficientStatistics statistics;
    /** The K×width product of one block, on the backend. */
    private final M product;
    private final int width;
    /** Rows per block (full covariances), see {@link #blockRows}. */
    private final int block;
    /** How full covariances' blocks are summed. */
    private final FullForm form;
    /** Scratch for full blocks not in use; a thread takes one for its run of blocks and puts it back. */
    private final ConcurrentLinkedQueue<Scratch<M>> idle = new ConcurrentLinkedQueue<>();
    /** Scratch for the last block when it is shorter than the others; null otherwise. */
    private final Scratch<M> tail;
    /** Statistics of each group of blocks (full covariances), made on first use. */
    private SufficientStatistics[] partial;
    private M scatter;
    private double[] scatterValues;

    Maximization(EmData<M> data, int k) {
        this.data = data;
        this.la = data.la;
        this.k = k;
        this.statistics = new SufficientStatistics(data.type, k, data.d);
        this.width = SufficientStatistics.width(data.type, data.d);
        this.product = la.zeros(k, width);
        this.form = SufficientStatistics.weightedForm(data.type, la, data.d, k)
                ? FullForm.WEIGHTED : FullForm.DESIGN_ROWS;
        this.block = Math.min(data.n, blockRows(data.d, k, form, formsDesign(la, data.d)));
        this.tail = data.type == CovarianceType.FULL && data.n % block != 0
                ? new Scratch<>(la, data.n % block, data.d, k, form) : null;
    }

    /** The two ways of summing a block of full covariances' statistics, see {@link SufficientStatistics}. */
    enum FullForm {
        /**
         * Design rows [x, vech(x·xᵀ)] and their product with the responsibilities
         * ({@link SufficientStatistics#add}).
         */
        DESIGN_ROWS,
        /** Rows r_i ⊗ x_i and their product with the rows ({@link SufficientStatistics#addWeighted}). */
        WEIGHTED;

        /** @return the columns of a block's formed matrix: D + D(D+1)/2, or K·D */
        long columns(int d, int k) {
            return switch (this) {
                case DESIGN_ROWS -> SufficientStatistics.width(CovarianceType.FULL, d);
                case WEIGHTED -> (long) k * d;
            };
        }
    }

    /**
     * Rows per block for D features and K components: {@link #BLOCK_DOUBLES} over the doubles of
     * one row of the block's matrix (the design, or r ⊗ x in the weighted form), data and
     * responsibilities, or {@link #FUSED_BLOCK_DOUBLES} over the data's and responsibilities'
     * where no design is formed; at least {@link #MIN_BLOCK_ROWS}.
     *
     * @param formsDesign whether the backend's moment product forms the design rows (see
     *                    {@link #formsDesign}); only read for {@link FullForm#DESIGN_ROWS}
     */
    static int blockRows(int d, int k, FullForm form, boolean formsDesign) {
        if (form == FullForm.DESIGN_ROWS && !formsDesign) {
            return Math.max(MIN_BLOCK_ROWS, FUSED_BLOCK_DOUBLES / (d + k));
        }
        long columns = form.columns(d, k);
        return (int) Math.max(MIN_BLOCK_ROWS, BLOCK_DOUBLES / (columns + d + k));
    }

    /** @return whether the backend's moment product forms design rows: its scratch is not the empty 0×0 one */
    private static <M> boolean formsDesign(LinearAlgebra<M> la, int d) {
        return la.cols(la.momentProductScratch(1, d)) > 0;
    }

    /**
     * The M-step of an EM iteration: writes weights nk / Σ nk, means and covariances into
     * {@code into}; precision factors are left to {@link PrecisionCholesky}.
     *
     * @param resp     N×K responsibilities; read, not modified
     * @param regCovar added to every covariance's diagonal
     */
    void estimate(M resp, double regCovar, Parameters into) {
        accumulate(resp, statistics);
        double[] nk = componentMasses(statistics);
        means(statistics, nk, into.means);
        covariances(resp, nk, regCovar, this::tied, into);
        weights(nk, NumpySummation.sum(nk), into);
    }

    /**
     * The initial M-step, scikit-learn's {@code _initialize}: as {@link #estimate} but with weights
     * nk / N, not renormalised, and, where the rows of {@code resp} do not sum to one, the tied
     * covariance in the caller's coordinates (see {@link #tiedInCallerCoordinates}).
     *
     * @param resp     N×K initial responsibilities; read, not modified
     * @param regCovar added to every covariance's diagonal
     */
    void estimateInitial(M resp, double regCovar, Parameters into) {
        accumulate(resp, statistics);
        double[] nk = componentMasses(statistics);
        means(statistics, nk, into.means);
        covariances(resp, nk, regCovar, unitRowSums(nk) ? this::tied : this::tiedInCallerCoordinates, into);
        weights(nk, data.n, into);
    }

    /**
     * The statistics of {@code resp} over all rows, visited in memory. For full covariances the
     * rows go in blocks of {@link #blockRows}: each block's product Rᵀ·[X, vech(x·xᵀ)] is taken by
     * {@link LinearAlgebra#momentProduct} (the design rows formed in scratch and multiplied, or fused
     * on a backend with a kernel for it), so the flops and the rounding of each sum are those of one
     * product while at most a block of design rows exists; or, where
     * {@link SufficientStatistics#weightedForm} says so, each block's rows r_i ⊗ x_i are formed
     * and multiplied with its rows of X. The blocks fall into at most {@link #GROUPS} runs of
     * consecutive blocks, summed on {@link #BLOCK_WORKERS} and merged in order. For the other types
     * the stored matrix is already the design (X, [X, X∘X], [X, ‖x‖²]), so all rows are one block,
     * one product.
     */
    void accumulate(M resp, SufficientStatistics into) {
        into.reset();
        if (data.type != CovarianceType.FULL) {
            into.add(la, resp, data.design, product);
            return;
        }
        int blocks = (data.n + block - 1) / block;
        if (partial == null) {
            partial = new SufficientStatistics[Math.min(GROUPS, blocks)];
            for (int g = 0; g < partial.length; g++) {
                partial[g] = new SufficientStatistics(data.type, k, data.d);
            }
        }
        int groups = partial.length;
        BLOCK_WORKERS.run(groups, true, chunks -> {
            for (int g; (g = chunks.next()) >= 0; ) {
                addGroup(resp, partial[g], g, groups, blocks);
            }
        });
        for (SufficientStatistics p : partial) {
            into.merge(p);
        }
    }

    /** Resets {@code p} to the statistics of the g-th of {@code groups} runs of consecutive blocks. */
    private void addGroup(M resp, SufficientStatistics p, int g, int groups, int blocks) {
        p.reset();
        Scratch<M> own = take();
        try {
            for (int b = (int) ((long) g * blocks / groups); b < (long) (g + 1) * blocks / groups; b++) {
                int from = b * block;
                Scratch<M> s = data.n - from >= block ? own : tail;
                la.copyRows(data.x, from, s.x);
                la.copyRows(resp, from, s.resp);
                switch (form) {
                    case WEIGHTED -> p.addWeighted(la, s.resp, s.x, s.design, s.product);
                    case DESIGN_ROWS -> p.addMoments(la, s.resp, s.x, s.design, s.product);
                }
            }
        } finally {
            idle.add(own);
        }
    }

    /** nk = Σ_i r_ik + 10·ε, a fresh array: scikit-learn's guard against empty components. */
    private double[] componentMasses(SufficientStatistics stats) {
        double[] nk = stats.responsibilitySums().clone();
        for (int c = 0; c < k; c++) {
            nk[c] += 10 * EPS;
        }
        return nk;
    }

    /** means[c][j] = (Σ_i r_ic x_ij) / nk_c, in the fit's centred coordinates; {@code means} overwritten. */
    private void means(SufficientStatistics stats, double[] nk, double[][] means) {
        int d = data.d;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] = stats.firstMoment(c, j) / nk[c];
            }
        }
    }

    /** weights[c] = nk_c / denominator. */
    private void weights(double[] nk, double denominator, Parameters into) {
        for (int c = 0; c < k; c++) {
            into.weights[c] = nk[c] / denominator;
        }
    }

    /** The tied covariance from the statistics, written into one D×D block. */
    @FunctionalInterface
    private interface TiedCovariance {
        void write(SufficientStatistics stats, double[] nk, double[][] means, double regCovar, double[] cov);
    }

    /**
     * The covariances of the fit's type from the summed statistics and the means just computed,
     * into {@code into.covariances}; {@code resp} is read again only for full covariances that
     * need the two-pass form, {@code tied} only for tied ones.
     */
    private void covariances(M resp, double[] nk, double regCovar, TiedCovariance tied, Parameters into) {
        double[][] means = into.means;
        switch (data.type) {
            case FULL -> full(statistics, resp, nk, means, regCovar, into.covariances);
            case TIED -> tied.write(statistics, nk, means, regCovar, into.covariances[0]);
            case DIAG -> diagonal(statistics, nk, means, regCovar, into.covariances);
            case SPHERICAL -> spherical(statistics, nk, means, regCovar, into.covariances);
        }
        into.hasCovariances = true;
    }

    /**
     * Σ_c = Σ_i r_ic x_i x_iᵀ / nk_c − μ_c μ_cᵀ + reg_covar·I from the second moments, each
     * component checked for cancellation and, where it lost too many digits, recomputed by
     * {@link #twoPass}; K D×D row-major blocks of {@code out} overwritten.
     */
    private void full(SufficientStatistics stats, M resp, double[] nk, double[][] means, double regCovar,
                      double[][] out) {
        int d = data.d;
        for (int c = 0; c < k; c++) {
            double[] cov = out[c];
            double[] mu = means[c];
            boolean accurate = true;
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    double v = stats.secondMoment(c, a, b) / nk[c] - mu[a] * mu[b];
                    cov[a * d + b] = v;
                    cov[b * d + a] = v;
                }
                double variance = cov[a * d + a];
                // A NaN fails the comparison, so it too takes the two-pass path.
                accurate &= variance + mu[a] * mu[a] <= ONE_PASS_MAX_RATIO * (variance + regCovar);
            }
            if (!accurate) {
                twoPass(resp, c, nk[c], mu, cov);
            }
            addToDiagonal(cov, d, regCovar);
        }
    }

    /**
     * scikit-learn's two-pass covariance of component c, without reg_covar, into {@code cov}: a
     * second pass over the blocks, summing each block's Σ_i r_ic (x_i − μ_c)(x_i − μ_c)ᵀ.
     */
    private void twoPass(M resp, int c, double nk, double[] mu, double[] cov) {
        if (scatter == null) {
            scatter = la.zeros(data.d, data.d);
            scatterValues = new double[data.d * data.d];
        }
        java.util.Arrays.fill(cov, 0.0);
        Scratch<M> own = take();
        for (int from = 0; from < data.n; from += block) {
            Scratch<M> s = data.n - from >= block ? own : tail;
            la.copyRows(data.x, from, s.x);
            la.copyRows(resp, from, s.resp);
            if (s.centred == null) {
                s.centred = la.zeros(la.rows(s.x), data.d);
                s.weighted = la.zeros(la.rows(s.x), data.d);
            }
            la.weightedScatter(s.x, mu, s.resp, c, s.centred, s.weighted, scatter);
            la.copyToRowMajor(scatter, scatterValues);
            for (int i = 0; i < cov.length; i++) {
                cov[i] += scatterValues[i];
            }
        }
        idle.add(own);
        for (int i = 0; i < cov.length; i++) {
            cov[i] /= nk;
        }
    }

    /** A scratch for full blocks: an idle one, or a new one when every one is in use. */
    private Scratch<M> take() {
        Scratch<M> s = idle.poll();
        return s != null ? s : new Scratch<>(la, block, data.d, k, form);
    }

    /**
     * A block's rows of X (b×D) and R (b×K) and its design rows (the backend's
     * {@link LinearAlgebra#momentProductScratch}: b×(D + D(D+1)/2), or 0×0 where it never forms
     * them) or, in the weighted form, its rows r_i ⊗ x_i (b×K·D); for the two-pass form also the
     * centred and weighted rows (b×D each), made on first use.
     */
    private static final class Scratch<M> {
        final M x;
        final M resp;
        /** The design rows' scratch, or the rows r_i ⊗ x_i in the weighted form. */
        final M design;
        /** The block's K×width product, or (K·D)×D in the weighted form. */
        final M product;
        M centred;
        M weighted;

        Scratch(LinearAlgebra<M> la, int rows, int d, int k, FullForm form) {
            this.x = la.zeros(rows, d);
            this.resp = la.zeros(rows, k);
            this.design = switch (form) {
                case DESIGN_ROWS -> la.momentProductScratch(rows, d);
                case WEIGHTED -> la.zeros(rows, Math.toIntExact(form.columns(d, k)));
            };
            this.product = switch (form) {
                case DESIGN_ROWS -> la.zeros(k, SufficientStatistics.width(CovarianceType.FULL, d));
                case WEIGHTED -> la.zeros(k * d, d);
            };
        }
    }

    /**
     * The tied covariance (XᵀX − Σ_k nk_k μ_k μ_kᵀ) / Σ_k nk_k + reg_covar·I, in the fit's centred
     * coordinates.
     */
    private void tied(SufficientStatistics stats, double[] nk, double[][] means, double regCovar, double[] cov) {
        tied(data.gram, means, nk, regCovar, cov);
    }

    /**
     * The tied covariance in the caller's coordinates. Its formula assumes that every row of R sums
     * to one; a start from single data points ({@code k-means++}, {@code random_from_data}) breaks
     * that, and scikit-learn's value then depends on the origin, so for such a start it is
     * evaluated where scikit-learn evaluates it: with XᵀX and the means shifted back by the centre.
     */
    private void tiedInCallerCoordinates(SufficientStatistics stats, double[] nk, double[][] means, double regCovar,
                                         double[] cov) {
        int d = data.d;
        double[] gram = uncentredGram();
        double[] c0 = data.center;
        double[][] m = new double[k][d];
        for (int c = 0; c < k; c++) {
            double mass = nk[c] - 10 * EPS;
            for (int j = 0; j < d; j++) {
                m[c][j] = (stats.firstMoment(c, j) + mass * c0[j]) / nk[c];
            }
        }
        tied(gram, m, nk, regCovar, cov);
    }

    /** cov = (gram − Σ_k nk_k m_k m_kᵀ) / Σ_k nk_k + regCovar·I; D×D row-major, overwritten. */
    private void tied(double[] gram, double[][] m, double[] nk, double regCovar, double[] cov) {
        int d = data.d;
        double total = NumpySummation.sum(nk);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0.0;
                for (int c = 0; c < k; c++) {
                    s += nk[c] * m[c][i] * m[c][j];
                }
                cov[i * d + j] = (gram[i * d + j] - s) / total;
            }
        }
        addToDiagonal(cov, d, regCovar);
    }

    /** Whether Σ_k nk is N, as when every row of R sums to one (up to rounding). */
    private boolean unitRowSums(double[] nk) {
        return Math.abs(NumpySummation.sum(nk) - data.n) <= ROW_SUM_SLACK * data.n;
    }

    /** Σ_i (x_i + c)(x_i + c)ᵀ from the centred gram matrix and column sums. */
    private double[] uncentredGram() {
        int d = data.d;
        double[] c0 = data.center;
        double[] t = la.columnSums(data.x);
        double[] g = data.gram.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g[i * d + j] += t[i] * c0[j] + c0[i] * t[j] + data.n * c0[i] * c0[j];
            }
        }
        return g;
    }

    /**
     * σ²_cj = (Σ_i r_ic x_ij²) / nk_c − 2 μ_cj (Σ_i r_ic x_ij) / nk_c + μ_cj² + reg_covar,
     * scikit-learn's one-pass form.
     */
    private void diagonal(SufficientStatistics stats, double[] nk, double[][] means, double regCovar, double[][] out) {
        int d = data.d;
        for (int c = 0; c < k; c++) {
            double[] mu = means[c];
            for (int j = 0; j < d; j++) {
                double avgX2 = stats.squareSum(c, j) / nk[c];
                double avgXMeans = mu[j] * stats.firstMoment(c, j) / nk[c];
                out[c][j] = avgX2 - 2 * avgXMeans + mu[j] * mu[j] + regCovar;
            }
        }
    }

    /** σ²_c = the mean over features of the diagonal form, from Σ_i r_ic ‖x_i‖², plus reg_covar. */
    private void spherical(SufficientStatistics stats, double[] nk, double[][] means, double regCovar, double[][] out) {
        int d = data.d;
        for (int c = 0; c < k; c++) {
            double[] mu = means[c];
            double s = stats.squaredNormSum(c) / nk[c];
            for (int j = 0; j < d; j++) {
                s += -2 * (mu[j] * stats.firstMoment(c, j) / nk[c]) + mu[j] * mu[j];
            }
            out[c][0] = s / d + regCovar;
        }
    }

    private static void addToDiagonal(double[] a, int d, double value) {
        for (int j = 0; j < d; j++) {
            a[j * d + j] += value;
        }
    }
}
