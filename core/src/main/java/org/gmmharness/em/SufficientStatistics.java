package org.gmmharness.em;

import org.gmmharness.linalg.LinearAlgebra;

/**
 * The sums over samples that an M-step needs, for one set of responsibilities: what EM carries
 * from its E-step to its M-step, whatever way the rows were visited.
 *
 * <p>For responsibilities r_ik over the rows visited so far, in the fit's centred coordinates:
 * <ul>
 *   <li>{@link #responsibilitySum(int) nk_k} = Σ_i r_ik;</li>
 *   <li>per component k, one row of {@link #width(CovarianceType, int)} weighted sums
 *       Σ_i r_ik·design(x_i), where design(x) is [x, vech(x·xᵀ)] for full covariances (the D
 *       first moments, then the distinct second moments x_a·x_b for a ≤ b, row by row of the upper
 *       triangle, as {@link MomentLayout} places them), x for tied, [x, x∘x] for diagonal and
 *       [x, ‖x‖²] for spherical covariances.</li>
 * </ul>
 * Tied covariances need no weighted second moments: their XᵀX does not depend on the
 * responsibilities and is formed once per fit.
 *
 * <p>Statistics of disjoint sets of rows add up: {@link #add} accumulates a block of rows given on a
 * backend, {@link #merge} adds the statistics of other rows (another thread's, another file chunk's,
 * another partition's). Everything here is K×width doubles, whatever the number of rows. The sums
 * are one-pass; the M-step decides per component whether the full covariance formed from them
 * lost digits to cancellation and then recomputes it two-pass from the data.
 *
 * <p>Not thread-safe: one instance per thread, merged afterwards.
 */
public final class SufficientStatistics {

    private final CovarianceType type;
    private final int k;
    private final int d;
    private final int width;
    /** Where each moment lives in a row of {@link #sums} (full covariances). */
    private final MomentLayout layout;
    private final double[] nk;
    /** K×width row-major: row k holds Σ_i r_ik·design(x_i). */
    private final double[] sums;
    private long rows;
    /** Parameter-sized buffer for reading a block's product back; not part of the value. */
    private double[] buffer;
    /** K·D×D buffer for reading the weighted form's product back; not part of the value. */
    private double[] blocks;

    /**
     * Empty statistics: no rows, all sums zero.
     *
     * @param k number of components, ≥ 1
     * @param d number of features, ≥ 1
     */
    public SufficientStatistics(CovarianceType type, int k, int d) {
        this.type = type;
        this.k = k;
        this.d = d;
        this.width = width(type, d);
        this.layout = new MomentLayout(d);
        this.nk = new double[k];
        this.sums = new double[Math.multiplyExact(k, width)];
    }

    /**
     * Columns of the design rows whose weighted sums are kept: D + D(D+1)/2 (full), D (tied),
     * 2D (diagonal), D+1 (spherical).
     */
    public static int width(CovarianceType type, int d) {
        return switch (type) {
            case FULL -> MomentLayout.width(d);
            case TIED -> d;
            case DIAG -> 2 * d;
            case SPHERICAL -> d + 1;
        };
    }

    /**
     * Whether statistics of {@code type} are best summed in the weighted form on {@code la}: never
     * but for full covariances. For them
     * ({@link #addWeighted}: a block matrix of K·D columns r_k ⊗ x and the product of its
     * transpose with the rows) rather than from design rows [x, vech(x·xᵀ)] ({@link #add}:
     * D + D(D+1)/2 columns): on a backend whose products run on a tuned BLAS
     * ({@link LinearAlgebra#tunedProducts}), when K·D is at most a quarter of the design's width.
     * The design's product has half the multiply-adds, but every design column is formed in
     * memory and the product has only K rows, so it is bound by memory rather than arithmetic once
     * D is large against K (D = 128, K = 4: 8,384 design columns against 512); the weighted form
     * is one well-shaped product of (K·D)×b by b×D, scikit-learn's per-component (r_k ∘ X)ᵀ·X for
     * all k at once. Measured whole fits: on ND4J 1.7–1.9× faster at D = 128, K = 4, and slower at
     * D = 64, K = 16 (a half); on EJML, whose products are not blocked, slower at both.
     */
    public static boolean weightedForm(CovarianceType type, LinearAlgebra<?> la, int d, int k) {
        return weightedForm(type, la.tunedProducts(), d, k);
    }

    /**
     * {@link #weightedForm(CovarianceType, LinearAlgebra, int, int)} for a backend known by whether
     * its products are tuned ({@link org.gmmharness.linalg.LinearAlgebraProvider#tunedProducts}).
     */
    public static boolean weightedForm(CovarianceType type, boolean tunedProducts, int d, int k) {
        return type == CovarianceType.FULL && tunedProducts && 4L * k * d <= width(CovarianceType.FULL, d);
    }

    /** Back to no rows: every sum zero. */
    public void reset() {
        java.util.Arrays.fill(nk, 0.0);
        java.util.Arrays.fill(sums, 0.0);
        rows = 0;
    }

    /**
     * Adds a block of rows: nk += Σ_i r_i (column sums of {@code resp}) and, per component,
     * Σ_i r_ik·design_i with one product {@code product = respᵀ·design} on the backend.
     *
     * @param resp    b×K responsibilities of the block's rows
     * @param design  b×{@link #width} design rows of the same rows (see the class comment)
     * @param product K×width scratch on the backend; overwritten
     */
    public <M> void add(LinearAlgebra<M> la, M resp, M design, M product) {
        int b = la.rows(resp);
        if (la.cols(resp) != k || la.rows(design) != b || la.cols(design) != width) {
            throw new IllegalArgumentException("SufficientStatistics.add: responsibilities " + b + "x" + la.cols(resp)
                    + " and design " + la.rows(design) + "x" + la.cols(design) + " do not fit " + k + " components of "
                    + "width " + width);
        }
        addResponsibilitySums(la, resp);
        la.multiply(resp, true, design, false, product);
        addProduct(la, product, b);
    }

    /**
     * Adds a block of rows for full covariances from the rows themselves: the same sums as
     * {@link #add} with the design [x, vech(x·xᵀ)], through the backend's
     * {@link LinearAlgebra#momentProduct}, which may form the design in {@code design} or not at all.
     *
     * @param resp    b×K responsibilities of the block's rows
     * @param x       b×D rows of the block
     * @param design  b×{@link #width} scratch on the backend; its contents afterwards are unspecified
     * @param product K×width scratch on the backend; overwritten
     */
    public <M> void addMoments(LinearAlgebra<M> la, M resp, M x, M design, M product) {
        int b = checkFullBlock("addMoments", la, resp, x);
        addResponsibilitySums(la, resp);
        la.momentProduct(resp, x, design, product);
        addProduct(la, product, b);
    }

    /**
     * @return the block's rows b, after checking that these are full covariances' statistics and
     *         that resp is b×K and x b×D
     */
    private <M> int checkFullBlock(String method, LinearAlgebra<M> la, M resp, M x) {
        int b = la.rows(resp);
        if (type != CovarianceType.FULL || la.cols(resp) != k || la.rows(x) != b || la.cols(x) != d) {
            throw new IllegalArgumentException("SufficientStatistics." + method + ": responsibilities " + b + "x"
                    + la.cols(resp) + " and rows " + la.rows(x) + "x" + la.cols(x) + " do not fit " + k + " "
                    + type + " components of " + d + " features");
        }
        return b;
    }

    /** sums += the K×width product of b rows read back from the backend. */
    private <M> void addProduct(LinearAlgebra<M> la, M product, int b) {
        if (buffer == null) {
            buffer = new double[sums.length];
        }
        la.copyToRowMajor(product, buffer);
        for (int i = 0; i < sums.length; i++) {
            sums[i] += buffer[i];
        }
        rows += b;
    }

    /**
     * Adds a block of rows for full covariances in the weighted form, the same sums as
     * {@link #add} with a design [x, vech(x·xᵀ)] but without forming it: with
     * {@code kron = resp ⊙ x} (row i is r_i ⊗ x_i, see {@link LinearAlgebra#rowKronecker}), the
     * product {@code kronᵀ·x} holds Σ_i r_ik·x_i·x_iᵀ for every k, whose upper triangles are the
     * second moments, and the column sums of {@code kron} the first moments. It takes twice the
     * multiply-adds of {@link #add} (whole d×d blocks instead of their triangles) over K·D
     * columns instead of D + D(D+1)/2, which pays when D is large against K.
     *
     * @param resp    b×K responsibilities of the block's rows
     * @param x       b×D rows of the block
     * @param kron    b×(K·D) scratch on the backend; overwritten
     * @param product (K·D)×D scratch on the backend; overwritten
     */
    public <M> void addWeighted(LinearAlgebra<M> la, M resp, M x, M kron, M product) {
        int b = checkFullBlock("addWeighted", la, resp, x);
        addResponsibilitySums(la, resp);
        la.rowKronecker(resp, x, kron);
        double[] first = la.columnSums(kron);
        la.multiply(kron, true, x, false, product);
        if (blocks == null) {
            blocks = new double[k * d * d];
        }
        la.copyToRowMajor(product, blocks);
        for (int c = 0; c < k; c++) {
            int row = c * width;
            for (int j = 0; j < d; j++) {
                sums[row + layout.firstMoment(j)] += first[c * d + j];
            }
            layout.addUpperTriangle(blocks, c * d * d, sums, row);
        }
        rows += b;
    }

    /** nk += Σ_i r_i, the column sums of a block's responsibilities. */
    private <M> void addResponsibilitySums(LinearAlgebra<M> la, M resp) {
        double[] s = la.columnSums(resp);
        for (int c = 0; c < k; c++) {
            nk[c] += s[c];
        }
    }

    /** Adds the statistics of other rows, of the same covariance type and sizes. */
    public void merge(SufficientStatistics other) {
        if (other.type != type || other.k != k || other.d != d) {
            throw new IllegalArgumentException("SufficientStatistics.merge: " + other.k + " " + other.type
                    + " components of " + other.d + " features cannot join " + k + " " + type + " of " + d);
        }
        for (int c = 0; c < k; c++) {
            nk[c] += other.nk[c];
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        rows += other.rows;
    }

    /** @return the covariance type the statistics are kept for */
    public CovarianceType covarianceType() {
        return type;
    }

    /** @return the number of rows added */
    public long rows() {
        return rows;
    }

    /** @return Σ_i r_ik over the rows added */
    public double responsibilitySum(int component) {
        return nk[component];
    }

    /** @return Σ_i r_ik·design(x_i)[j] over the rows added, 0 ≤ j &lt; {@link #width} */
    public double weightedSum(int component, int j) {
        return sums[component * width + j];
    }

    /** @return Σ_i r_ik·x_ij, the first moment of feature j (any covariance type) */
    double firstMoment(int component, int j) {
        return sums[component * width + j];
    }

    /** @return Σ_i r_ik·x_ia·x_ib for a ≤ b, a second moment of full covariances' statistics */
    double secondMoment(int component, int a, int b) {
        return sums[component * width + layout.secondMoment(a, b)];
    }

    /** @return Σ_i r_ik·x_ij², the diagonal covariances' second moment of feature j */
    double squareSum(int component, int j) {
        return sums[component * width + d + j];
    }

    /** @return Σ_i r_ik·‖x_i‖², the spherical covariances' second moment */
    double squaredNormSum(int component) {
        return sums[component * width + d];
    }

    /** nk itself, for the M-step (not copied). */
    double[] responsibilitySums() {
        return nk;
    }
}
