package org.gmmharness.linalg;

/**
 * Whole-matrix operations on a backend's own dense matrix type {@code M}, in double precision.
 *
 * <p>The EM loop talks to the data only through these calls: every operation that is O(N) or more
 * works on whole matrices, so a native library runs each step natively and no per-row or
 * per-element call crosses the interface. Only parameter-sized values (O(K·D²)) are passed as Java
 * arrays: per-column vectors, reductions and the small matrices a backend creates from them.
 *
 * <p>Conventions that hold for every method:
 * <ul>
 *   <li>Shapes are written rows×cols. A method throws {@link IllegalArgumentException} when a
 *       shape does not fit its contract.</li>
 *   <li>Only the argument named {@code out} (or {@code c}, or a named scratch argument) is
 *       modified; inputs are left unchanged. An element-wise operation allows {@code out} to be
 *       the same object as an input; a product or reduction does not, and throws
 *       {@link IllegalArgumentException} when it is. Two inputs may be the same object.</li>
 *   <li>The order in which sums are accumulated is the backend's choice: results agree across
 *       backends to rounding, not bit for bit.</li>
 *   <li>Implementations hold no state that a result depends on: immutable configuration, and at
 *       most working arrays kept per thread and reused from call to call (so that the EM loop
 *       allocates nothing that grows with the data). They are safe to call from several threads
 *       on distinct matrices.</li>
 * </ul>
 *
 * @param <M> the backend's matrix type, for example EJML's {@code DMatrixRMaj}
 */
public interface LinearAlgebra<M> {

    /** @return the backend's name, as used to select it (for example {@code "ejml"}) */
    String name();

    /**
     * What the backend runs on, for reports: for example the native build, BLAS vendor, SIMD level
     * and thread count of a native library. Keys and values are free text; empty by default.
     */
    default java.util.Map<String, String> environment() {
        return java.util.Map.of();
    }

    // ---- creation and the boundary with Java arrays --------------------------------------

    /** @return a new rows×cols matrix of zeros; 0×0 is allowed */
    M zeros(int rows, int cols);

    /**
     * @param data row-major values, length rows·cols; not retained
     * @return a new rows×cols matrix holding {@code data}
     */
    M fromRowMajor(int rows, int cols, double[] data);

    /**
     * As {@link #fromRowMajor}, for an array the caller hands over: the backend may keep
     * {@code data} as the matrix's storage instead of copying it, so the caller must neither read
     * nor write it afterwards. For data-sized arrays made only to be moved to the backend, where a
     * copy would hold the data twice. The default copies.
     *
     * @param data row-major values, length rows·cols; handed over
     * @return a new rows×cols matrix holding {@code data}
     */
    default M adoptRowMajor(int rows, int cols, double[] data) {
        return fromRowMajor(rows, cols, data);
    }

    /** Writes consecutive rows of a matrix for {@link #fromRowSource}. */
    @FunctionalInterface
    interface RowSource {
        /**
         * Writes rows [from, from + count) row-major into {@code block}: entry (from + i, j) to
         * {@code block[i·cols + j]}.
         *
         * @param block at least count·cols values; its other values are left alone
         */
        void write(int from, int count, double[] block);
    }

    /**
     * A new rows×cols matrix whose rows {@code source} writes, each row once, in order, for data
     * made only to be moved to the backend. The default asks for all rows at once into one new
     * array and {@linkplain #adoptRowMajor adopts} it; a backend whose storage is not a Java
     * array asks for blocks of rows through one block-sized array, so that the data never exist
     * twice. The exceptions of {@code source} pass through.
     */
    default M fromRowSource(int rows, int cols, RowSource source) {
        double[] all = new double[Math.multiplyExact(rows, cols)];
        if (rows > 0) {
            source.write(0, rows, all);
        }
        return adoptRowMajor(rows, cols, all);
    }

    /**
     * Overwrites every row of {@code out} with what {@code source} writes, each row once, in order:
     * {@link #fromRowSource} into a matrix that exists already, so that a data-sized matrix the
     * caller holds anyway takes values made only for it. The default asks for all rows at once into
     * one new array and copies it in ({@link #setRowMajor}); a backend writes its storage directly
     * or goes through one block-sized array. The exceptions of {@code source} pass through.
     *
     * @param out rows×cols; overwritten, not reallocated
     */
    default void setRows(RowSource source, M out) {
        int rows = rows(out);
        double[] all = new double[Math.multiplyExact(rows, cols(out))];
        if (rows > 0) {
            source.write(0, rows, all);
        }
        setRowMajor(all, out);
    }

    /**
     * Overwrites {@code out} with {@code data} in row-major order, without reallocating it.
     *
     * @param data row-major values, length rows(out)·cols(out)
     */
    void setRowMajor(double[] data, M out);

    /** @return a new array with the values of {@code a} in row-major order */
    double[] toRowMajor(M a);

    /**
     * Copies the values of {@code a} in row-major order into {@code out}, which is not
     * reallocated: the allocation-free form of {@link #toRowMajor}, for parameter-sized results
     * read once per iteration.
     *
     * @param out length at least rows(a)·cols(a); only that prefix is written
     */
    default void copyToRowMajor(M a, double[] out) {
        double[] values = toRowMajor(a);
        System.arraycopy(values, 0, out, 0, values.length);
    }

    /**
     * Copies a range of consecutive rows: {@code out[i][j] = a[from + i][j]} for
     * i &lt; rows(out), so that EM can visit the data in blocks of rows.
     *
     * <p>The default goes through {@link #toRowMajor} and so reads and copies all of {@code a}: it
     * is correct for any backend, but O(rows(a)·cols(a)) per call, which makes a pass over the
     * blocks of a matrix quadratic in its rows. A backend overrides it with a copy of the range
     * only, as every backend of this project does.
     *
     * @param a    n×d
     * @param from first row to copy, with 0 ≤ from and from + rows(out) ≤ n
     * @param out  b×d; overwritten, not {@code a}
     */
    default void copyRows(M a, int from, M out) {
        int n = rows(a);
        int d = cols(a);
        int b = rows(out);
        if (cols(out) != d || from < 0 || from > n - b || a == out) {
            throw new IllegalArgumentException("copyRows: rows " + from + " to " + ((long) from + b) + " of " + n + "x"
                    + d + " into " + b + "x" + cols(out));
        }
        double[] all = toRowMajor(a);
        setRowMajor(java.util.Arrays.copyOfRange(all, from * d, (from + b) * d), out);
    }

    /** @return the number of rows of {@code a} */
    int rows(M a);

    /** @return the number of columns of {@code a} */
    int cols(M a);

    // ---- products ------------------------------------------------------------------------

    /**
     * General product {@code c = op(a)·op(b)}, where {@code op(x)} is x or xᵀ.
     *
     * @param transA whether to use aᵀ
     * @param transB whether to use bᵀ
     * @param c      out: m×n with m, n the outer sizes of op(a), op(b); overwritten, not an input
     */
    void multiply(M a, boolean transA, M b, boolean transB, M c);

    // ---- broadcasts and element-wise operations -----------------------------------------

    /**
     * {@code out[i][j] = alpha·a[i][j] + v[j]}: scales and adds a row vector to every row.
     *
     * @param v   length cols(a)
     * @param out same shape as {@code a}; may be {@code a}
     */
    void scaleAddRow(M a, double alpha, double[] v, M out);

    /**
     * {@code out[i][j] = a[i][j] − v[i][0]}: subtracts a column vector from every column.
     *
     * @param v   rows(a)×1
     * @param out same shape as {@code a}; may be {@code a}
     */
    void subtractColumn(M a, M v, M out);

    /**
     * {@code out[i][j] = a[i][j]·b[i][col]}: scales row i of {@code a} by the entry of column
     * {@code col} of {@code b} in that row.
     *
     * @param b   rows(a)×k with 0 ≤ col &lt; k
     * @param out same shape as {@code a}; may be {@code a}
     */
    void scaleRowsByColumn(M a, M b, int col, M out);

    /**
     * {@code out[i][j] = exp(a[i][j])}.
     *
     * @param out same shape as {@code a}; may be {@code a}
     */
    void exp(M a, M out);

    // ---- reductions ----------------------------------------------------------------------

    /**
     * Sums of squares over column blocks: {@code out[i][k] = Σ_{j<width} a[i][k·width + j]²}.
     *
     * @param a     n×(K·width)
     * @param width the block width, at least 1
     * @param out   n×K
     */
    void blockRowSumsOfSquares(M a, int width, M out);

    /**
     * Row-wise log-sum-exp, stable for any row: {@code out[i][0] = m_i + log Σ_j exp(a[i][j] − m_i)}
     * with {@code m_i = max_j a[i][j]}; a row whose maximum is infinite gives that maximum.
     *
     * @param a   n×k with k ≥ 1
     * @param out n×1
     */
    void logSumExpRows(M a, M out);

    /** @return {@code s[j] = Σ_i a[i][j]}, length cols(a) */
    double[] columnSums(M a);

    /** @return {@code Σ_i Σ_j a[i][j]} */
    double sum(M a);

    /** @return for each row, the index of its largest entry (the first one on ties) */
    int[] argmaxRows(M a);

    // ---- small dense factorisations ------------------------------------------------------

    /**
     * Cholesky factor: {@code out} is the lower-triangular L with {@code L·Lᵀ = a}, zero above
     * the diagonal. Only the lower triangle of {@code a} is read.
     *
     * @param a   d×d symmetric
     * @param out d×d; not {@code a}
     * @throws NotPositiveDefiniteException if {@code a} is not numerically positive definite;
     *                                      {@code out} is then unspecified
     */
    void cholesky(M a, M out);

    /**
     * Inverse of a lower-triangular matrix: {@code out = l⁻¹}, lower triangular. Only the lower
     * triangle of {@code l} is read; its diagonal must be non-zero.
     *
     * @param l   d×d lower triangular
     * @param out d×d; not {@code l}
     */
    void invertLowerTriangular(M l, M out);

    /**
     * Whether {@link #multiply} runs on a tuned BLAS (blocked for the cache and vectorised, near
     * the machine's peak on large products), so that an algorithm may trade multiply-adds for
     * memory traffic. The default says no.
     */
    default boolean tunedProducts() {
        return false;
    }

    // ---- composite operations, overridable where a backend does better ------------------

    /**
     * Weighted scatter about a centre:
     * {@code out = Σ_i w[i][col]·(x_i − c)(x_i − c)ᵀ}, where x_i is row i of {@code x}.
     * The default is two-pass, as scikit-learn's full covariance: it forms the centred rows, scales
     * them by the weights, then takes one product with inner dimension n.
     *
     * @param x        n×d
     * @param c        the centre, length d
     * @param w        n×k weights with 0 ≤ col &lt; k
     * @param centred  n×d scratch; overwritten with the rows x_i − c
     * @param weighted n×d scratch, not {@code centred}; overwritten with the rows w[i][col]·(x_i − c)
     * @param out      d×d; overwritten
     */
    default void weightedScatter(M x, double[] c, M w, int col, M centred, M weighted, M out) {
        double[] negC = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            negC[j] = -c[j];
        }
        scaleAddRow(x, 1.0, negC, centred);
        scaleRowsByColumn(centred, w, col, weighted);
        multiply(weighted, true, centred, false, out);
    }

    /**
     * Rows of first and distinct second moments, the design rows of the full-covariance M-step:
     * {@code out[i] = [x_i, vech(x_i·x_iᵀ)]}, that is {@code out[i][j] = x[i][j]} for j &lt; d, then
     * the products {@code x[i][a]·x[i][b]} for a ≤ b in the order (0,0), (0,1), …, (0,d−1), (1,1),
     * …, (d−1,d−1): the upper triangle row by row. Each product is one rounding.
     * The default reads {@code x} back with {@link #copyToRowMajor}, forms the rows in Java and
     * writes them with {@link #setRowMajor}; it is meant for blocks of rows sized for the cache, and
     * its working arrays, as large as {@code x} and {@code out}, are kept per thread between calls
     * so that visiting the data block by block allocates nothing per block.
     *
     * @param x   b×d
     * @param out b×(d + d(d+1)/2); overwritten, not {@code x}
     */
    default void momentRows(M x, M out) {
        int b = rows(x);
        int d = cols(x);
        int w = MomentRows.width(d);
        if (rows(out) != b || cols(out) != w || x == out) {
            throw new IllegalArgumentException("momentRows: " + b + "x" + d + " into " + rows(out) + "x" + cols(out)
                    + " (needs " + b + "x" + w + ")");
        }
        double[] v = RowScratch.get(RowScratch.IN, b * d);
        copyToRowMajor(x, v);
        double[] rowsOut = RowScratch.get(RowScratch.OUT, b * w);
        MomentRows.write(v, b, d, rowsOut);
        setRowMajor(rowsOut, out);
    }

    /**
     * The full-covariance M-step's product for a block of rows: {@code product = respᵀ·[x, vech(x·xᵀ)]},
     * that is {@code product[c] = Σ_i resp[i][c]·[x_i, vech(x_i·x_iᵀ)]} with the design rows of
     * {@link #momentRows}. The default forms the design in {@code design} with {@link #momentRows}
     * and multiplies; a backend with a fused kernel never forms it.
     *
     * @param resp    b×k
     * @param x       b×d
     * @param design  what {@link #momentProductScratch momentProductScratch(b, d)} returned (or any
     *                b×(d + d(d+1)/2) matrix); its contents afterwards are unspecified
     * @param product k×(d + d(d+1)/2); overwritten, distinct from the other three
     */
    default void momentProduct(M resp, M x, M design, M product) {
        momentRows(x, design);
        multiply(resp, true, design, false, product);
    }

    /**
     * The scratch matrix that {@link #momentProduct} needs for blocks of b rows of d columns, made
     * once by the caller and passed to every call: by default the b×(d + d(d+1)/2) design; a backend
     * whose override never forms the design returns an empty 0×0 matrix.
     *
     * @param b rows per block, ≥ 0
     * @param d columns of x, ≥ 0
     * @return a new matrix to pass as {@code design}
     */
    default M momentProductScratch(int b, int d) {
        return zeros(b, MomentRows.width(d));
    }

    /**
     * The row-wise Kronecker product of weights and data (the face-splitting product), the block
     * matrix of the full-covariance M-step's weighted form: {@code out[i] = w_i ⊗ x_i}, that is
     * {@code out[i][c·d + j] = w[i][c]·x[i][j]}, one rounding each. Then {@code outᵀ·x} holds
     * Σ_i w_ic·x_i·x_iᵀ for every c, one d×d block under another, and the column sums of
     * {@code out} the weighted sums Σ_i w_ic·x_i. The default reads both inputs back with
     * {@link #copyToRowMajor}, forms the rows in Java and writes them with {@link #setRowMajor},
     * with per-thread working arrays kept between calls, as {@link #momentRows}.
     *
     * @param w   b×k
     * @param x   b×d
     * @param out b×(k·d); overwritten, neither {@code w} nor {@code x}
     */
    default void rowKronecker(M w, M x, M out) {
        int b = rows(x);
        int d = cols(x);
        int k = cols(w);
        if (rows(w) != b || rows(out) != b || (long) cols(out) != (long) k * d || out == x || out == w) {
            throw new IllegalArgumentException("rowKronecker: " + rows(w) + "x" + k + " and " + b + "x" + d + " into "
                    + rows(out) + "x" + cols(out) + " (needs " + b + "x" + ((long) k * d) + ")");
        }
        double[] wv = RowScratch.get(RowScratch.WEIGHTS, b * k);
        copyToRowMajor(w, wv);
        double[] xv = RowScratch.get(RowScratch.IN, b * d);
        copyToRowMajor(x, xv);
        double[] rowsOut = RowScratch.get(RowScratch.OUT, b * k * d);
        RowKronecker.write(wv, k, xv, d, b, rowsOut);
        setRowMajor(rowsOut, out);
    }

    /**
     * The scratch matrix that {@link #blockQuadraticForms} needs for n rows and K·w = {@code width}
     * columns of P, made once by the caller and passed to every call. The default's is n×width,
     * the whole product P. A backend whose override works through the rows in chunks of its own
     * returns an empty 0×0 matrix instead, so that no n×(K·w) array exists at all (256 MB on a
     * million samples with K·w = 32).
     *
     * @param n     number of rows of x, ≥ 0
     * @param width cols(f), ≥ 0
     * @return a new matrix to pass as {@code scratch}
     */
    default M blockQuadraticFormsScratch(int n, int width) {
        return zeros(n, width);
    }

    /**
     * Squared norms of shifted projections, in column blocks: with P = x·f,
     * {@code out[i][k] = Σ_{j<w} (P[i][k·w + j] + offsets[k·w + j])²}, where w = cols(f) / K and
     * K = cols(out). This is the full-covariance E-step's ‖x_i·U_k − μ_k·U_k‖² for all components
     * at once, in the direct form that stays exact when a component is narrow.
     * The default forms P in {@code scratch}, adds the offsets and sums the squares; a backend may
     * instead work through the rows in cache-sized chunks, in parallel, and leave {@code scratch}
     * untouched.
     *
     * @param x       n×d
     * @param f       d×(K·w)
     * @param offsets length K·w
     * @param scratch what {@link #blockQuadraticFormsScratch blockQuadraticFormsScratch(n, K·w)}
     *                returned, or any n×(K·w) matrix; may be overwritten
     * @param out     n×K; overwritten
     */
    default void blockQuadraticForms(M x, M f, double[] offsets, M scratch, M out) {
        multiply(x, false, f, false, scratch);
        scaleAddRow(scratch, 1.0, offsets, scratch);
        blockRowSumsOfSquares(scratch, cols(f) / cols(out), out);
    }

    /**
     * Normalises log-probabilities row by row: {@code logNorm[i][0] = log Σ_j exp(a[i][j])} (as
     * {@link #logSumExpRows}), then {@code a[i][j] −= logNorm[i][0]} and
     * {@code resp[i][j] = exp(a[i][j])}. This is the E-step's log-sum-exp and responsibilities;
     * the default makes three passes, a backend may fuse them and use every core. With
     * {@code resp == a} the log-responsibilities are not kept: {@code a} ends holding the
     * responsibilities, the values the separate call gives, so that an E-step needs one n×k
     * matrix, not two.
     *
     * @param a       n×k log-probabilities; overwritten with the log-responsibilities, or with the
     *                responsibilities when it is {@code resp}
     * @param logNorm n×1; overwritten, neither {@code a} nor {@code resp}
     * @param resp    n×k; overwritten; may be {@code a}
     */
    default void normalizeRows(M a, M logNorm, M resp) {
        logSumExpRows(a, logNorm);
        subtractColumn(a, logNorm, a);
        exp(a, resp);
    }
}
