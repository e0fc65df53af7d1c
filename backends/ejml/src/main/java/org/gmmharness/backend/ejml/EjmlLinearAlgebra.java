package org.gmmharness.backend.ejml;

import java.util.Arrays;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.MomentRows;
import org.gmmharness.linalg.RowKronecker;
import org.gmmharness.random.NumpySummation;
import org.gmmharness.linalg.NotPositiveDefiniteException;
import org.gmmharness.linalg.QuadraticFormKernel;
import org.gmmharness.linalg.RowReductions;

/**
 * The {@link LinearAlgebra} SPI on EJML's dense row-major {@link DMatrixRMaj}.
 *
 * <p>Products use {@link CommonOps_DDRM}'s {@code mult}, {@code multTransA}, {@code multTransB}
 * and {@code multTransAB}; above {@link #CONCURRENT_MIN_MULTIPLY_ADDS} multiply-adds
 * ({@link #CONCURRENT_MIN_MULTIPLY_ADDS_TRANS_A} for {@code multTransA}) they use the
 * {@link CommonOps_MT_DDRM} variants, which split the output by rows and give bit-for-bit the
 * same result. The Cholesky factor comes from {@link DecompositionFactory_DDRM#chol(int, boolean)}
 * and the triangular inverse from {@link TriangularSolver_DDRM#invertLower(double[], double[], int)}.
 *
 * <p>EJML has no row-wise log-sum-exp, block row sums of squares, row or column broadcasts, or
 * row-wise argmax, and its sums run left to right. Those operations, and the sums, are
 * implemented here as tight loops over {@link DMatrixRMaj#data} (never through per-element
 * {@code get}/{@code set}); {@code exp} is EJML's {@code elementExp}. The sums follow NumPy's
 * summation order (see {@link #sum}) so that they reproduce scikit-learn's reductions bit for
 * bit, given the same inputs and the same {@code exp}.
 *
 * <p>The E-step's composite operations have no counterpart in EJML and are fused loops over
 * {@link DMatrixRMaj#data}: {@link #blockQuadraticForms} works through the rows in cache-sized
 * chunks without forming the n×(K·w) product, in loops laid out so that the JIT vectorises them
 * ({@link QuadraticFormKernel}), and {@link #normalizeRows} makes one pass per row with one exp per
 * entry. Both split large inputs by rows across EJML's own thread pool
 * ({@link EjmlConcurrency#loopBlocks}, which the {@code _MT_} kernels use), subject to the same
 * {@code concurrent} flag as the products; their results do not depend on the split.
 *
 * <p>Every method validates shapes and throws {@link IllegalArgumentException} naming the method
 * and the shapes; EJML's own habit of silently reshaping an output is never relied on. Only the
 * first {@code rows·cols} entries of a matrix's data array are read or written, since EJML
 * allows that array to be longer. Instances hold only immutable configuration and are safe to
 * use from several threads on distinct matrices; the chunk buffers of
 * {@link #blockQuadraticForms} are per thread and reused, and apart from the methods that return
 * a new matrix or array of that size ({@code zeros}, {@code fromRowMajor}, {@code toRowMajor},
 * {@code argmaxRows}) no call allocates in proportion to n.
 */
public final class EjmlLinearAlgebra implements LinearAlgebra<DMatrixRMaj> {

    /**
     * Products with at least this many multiply-adds (m·n·inner) go to EJML's concurrent
     * {@code _MT_} kernels when concurrency is enabled. Below it the fork/join hand-off costs
     * more than it saves: a 30×30 product takes about 0.03 ms single-threaded and three times
     * that when split.
     */
    public static final long CONCURRENT_MIN_MULTIPLY_ADDS = 1L << 19;

    /**
     * A product with a transposed left operand, the M-step's Rᵀ·B with R n×k and B n×m, goes to
     * {@code CommonOps_MT_DDRM.multTransA} only from this many multiply-adds on. EJML's kernel for
     * it ({@code multTransA_reorder}) computes one row of the k×m result per pass over all of B,
     * and the concurrent one hands whole rows to threads, so each thread streams B from memory;
     * below a few million multiply-adds that costs more than it saves. Measured (median wall ms,
     * 2-core machine shared with other jobs, the variants interleaved, three runs):
     * (100000×3)ᵀ · 100000×5 (1.5·10⁶), 2.3–2.6 single-threaded against 2.5–5.0 concurrent;
     * (100000×8)ᵀ · 100000×32 (2.6·10⁷), 14–17 concurrent against 19–23 single-threaded. Transposing
     * R once and using {@code mult} streams B as often: it was 10–15% faster single-threaded on the
     * smallest shape only, slower concurrent, and would need a k×n buffer, so it is not used.
     */
    public static final long CONCURRENT_MIN_MULTIPLY_ADDS_TRANS_A = 1L << 22;

    /**
     * {@link #normalizeRows} splits its rows across EJML's thread pool from this many entries
     * (n·k) on, when concurrency is enabled: about 0.2 ms of exp work, several times the cost of
     * the hand-off.
     */
    public static final long CONCURRENT_MIN_NORMALIZE_ENTRIES = 1L << 15;

    private final boolean concurrent;

    /** A backend that uses EJML's concurrent products for large matrices. */
    public EjmlLinearAlgebra() {
        this(true);
    }

    /**
     * @param concurrent whether products of at least {@link #CONCURRENT_MIN_MULTIPLY_ADDS}
     *                   multiply-adds may use EJML's concurrent kernels (they also need
     *                   {@link EjmlConcurrency#isUseConcurrent()}); results are identical either way
     */
    public EjmlLinearAlgebra(boolean concurrent) {
        this.concurrent = concurrent;
    }

    /** @return {@code "ejml"} */
    @Override
    public String name() {
        return "ejml";
    }

    // ---- creation and the boundary with Java arrays --------------------------------------

    /**
     * @return a new rows×cols {@link DMatrixRMaj} of zeros
     * @throws IllegalArgumentException if a size is negative
     */
    @Override
    public DMatrixRMaj zeros(int rows, int cols) {
        requireSizes("zeros", rows, cols);
        return new DMatrixRMaj(rows, cols);
    }

    /**
     * @param data row-major values, length rows·cols; copied, not retained
     * @return a new rows×cols matrix holding a copy of {@code data}
     * @throws IllegalArgumentException if a size is negative or the length is not rows·cols
     */
    @Override
    public DMatrixRMaj fromRowMajor(int rows, int cols, double[] data) {
        requireSizes("fromRowMajor", rows, cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("fromRowMajor: " + rows + "x" + cols
                    + " needs " + ((long) rows * cols) + " values, got " + data.length);
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        System.arraycopy(data, 0, m.data, 0, data.length);
        return m;
    }

    /** {@code data} becomes the matrix's storage ({@link DMatrixRMaj#wrap}): no copy. */
    @Override
    public DMatrixRMaj adoptRowMajor(int rows, int cols, double[] data) {
        requireSizes("adoptRowMajor", rows, cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("adoptRowMajor: " + rows + "x" + cols
                    + " needs " + ((long) rows * cols) + " values, got " + data.length);
        }
        return DMatrixRMaj.wrap(rows, cols, data);
    }

    /**
     * Copies {@code data} into {@code out}'s storage without reallocating it.
     *
     * @param data row-major values, length rows(out)·cols(out)
     * @param out  modified
     * @throws IllegalArgumentException if the length does not match
     */
    @Override
    public void setRowMajor(double[] data, DMatrixRMaj out) {
        int size = out.getNumElements();
        if (data.length != size) {
            throw new IllegalArgumentException("setRowMajor: out is " + shape(out) + " and needs "
                    + size + " values, got " + data.length);
        }
        System.arraycopy(data, 0, out.data, 0, size);
    }

    /** @return a new array of length rows·cols with the entries of {@code a} in row-major order */
    @Override
    public double[] toRowMajor(DMatrixRMaj a) {
        return Arrays.copyOf(a.data, a.getNumElements());
    }

    /**
     * One {@code System.arraycopy} of the range: a row-major {@code DMatrixRMaj} holds consecutive
     * rows contiguously.
     */
    @Override
    public void copyRows(DMatrixRMaj a, int from, DMatrixRMaj out) {
        int b = out.numRows;
        if (out.numCols != a.numCols || from < 0 || from > a.numRows - b || a == out) {
            throw new IllegalArgumentException("copyRows: rows " + from + " to " + ((long) from + b) + " of "
                    + shape(a) + " into " + shape(out));
        }
        System.arraycopy(a.data, from * a.numCols, out.data, 0, b * a.numCols);
    }

    /**
     * [x_i, vech(x_i·x_iᵀ)] written straight into {@code out}'s row-major storage, with the
     * default's order and rounding, without the default's two temporary arrays.
     */
    @Override
    public void momentRows(DMatrixRMaj x, DMatrixRMaj out) {
        int b = x.numRows;
        int d = x.numCols;
        int w = MomentRows.width(d);
        if (out.numRows != b || out.numCols != w || x == out) {
            throw new IllegalArgumentException("momentRows: " + shape(x) + " into " + shape(out) + " (needs " + b + "x"
                    + w + ")");
        }
        MomentRows.write(x.data, b, d, out.data);
    }

    /**
     * w_i ⊗ x_i written straight into {@code out}'s row-major storage, with the default's order
     * and rounding, without the default's temporary arrays.
     */
    @Override
    public void rowKronecker(DMatrixRMaj w, DMatrixRMaj x, DMatrixRMaj out) {
        int b = x.numRows;
        if (w.numRows != b || out.numRows != b || (long) out.numCols != (long) w.numCols * x.numCols || out == x
                || out == w) {
            throw new IllegalArgumentException("rowKronecker: " + shape(w) + " and " + shape(x) + " into " + shape(out)
                    + " (needs " + b + "x" + ((long) w.numCols * x.numCols) + ")");
        }
        RowKronecker.write(w.data, w.numCols, x.data, x.numCols, b, out.data);
    }

    /** @return {@code a.numRows} */
    @Override
    public int rows(DMatrixRMaj a) {
        return a.numRows;
    }

    /** @return {@code a.numCols} */
    @Override
    public int cols(DMatrixRMaj a) {
        return a.numCols;
    }

    // ---- products ------------------------------------------------------------------------

    /**
     * {@code c = op(a)·op(b)} with EJML's {@code mult}, {@code multTransA}, {@code multTransB} or
     * {@code multTransAB}, concurrent for large products. {@code a} and {@code b} may be the same
     * matrix (for example {@code aᵀ·a}); {@code c} must be neither. A zero inner size gives zeros.
     *
     * @param c out: m×n, overwritten
     * @throws IllegalArgumentException if the inner sizes differ, {@code c} is not m×n, or
     *                                  {@code c} is {@code a} or {@code b}
     */
    @Override
    public void multiply(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int innerA = transA ? a.numRows : a.numCols;
        int innerB = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (innerA != innerB || c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("multiply: op(a) is " + (transA ? "(" + shape(a) + ")^T" : shape(a))
                    + ", op(b) is " + (transB ? "(" + shape(b) + ")^T" : shape(b)) + ", c is " + shape(c)
                    + "; need op(a) m x k, op(b) k x n and c m x n");
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("multiply: c must not be a or b");
        }
        boolean mt = concurrent && EjmlConcurrency.isUseConcurrent()
                && (long) m * n * innerA >= (transA && !transB ? CONCURRENT_MIN_MULTIPLY_ADDS_TRANS_A
                        : CONCURRENT_MIN_MULTIPLY_ADDS);
        if (!transA && !transB) {
            if (mt) {
                CommonOps_MT_DDRM.mult(a, b, c);
            } else {
                CommonOps_DDRM.mult(a, b, c);
            }
        } else if (transA && !transB) {
            if (mt) {
                CommonOps_MT_DDRM.multTransA(a, b, c);
            } else {
                CommonOps_DDRM.multTransA(a, b, c);
            }
        } else if (!transA) {
            if (mt) {
                CommonOps_MT_DDRM.multTransB(a, b, c);
            } else {
                CommonOps_DDRM.multTransB(a, b, c);
            }
        } else {
            if (mt) {
                CommonOps_MT_DDRM.multTransAB(a, b, c);
            } else {
                CommonOps_DDRM.multTransAB(a, b, c);
            }
        }
    }

    // ---- broadcasts and element-wise operations -----------------------------------------

    /**
     * {@code out[i][j] = alpha·a[i][j] + v[j]}, as two rounded operations (no fused multiply-add),
     * which is what NumPy's {@code alpha * a + v} computes. Loop over {@code data}; EJML has no
     * row broadcast.
     *
     * @param v   length cols(a)
     * @param out same shape as {@code a}; may be {@code a}; modified
     */
    @Override
    public void scaleAddRow(DMatrixRMaj a, double alpha, double[] v, DMatrixRMaj out) {
        requireSameShape("scaleAddRow", a, out);
        int rows = a.numRows;
        int cols = a.numCols;
        if (v.length != cols) {
            throw new IllegalArgumentException("scaleAddRow: a is " + shape(a) + " but v has length " + v.length);
        }
        double[] ad = a.data;
        double[] od = out.data;
        for (int i = 0, p = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++, p++) {
                od[p] = alpha * ad[p] + v[j];
            }
        }
    }

    /**
     * {@code out[i][j] = a[i][j] − v[i][0]}. Loop over {@code data}; EJML has no column
     * broadcast.
     *
     * @param v   rows(a)×1
     * @param out same shape as {@code a}; may be {@code a} (or {@code v} when a is n×1); modified
     */
    @Override
    public void subtractColumn(DMatrixRMaj a, DMatrixRMaj v, DMatrixRMaj out) {
        requireSameShape("subtractColumn", a, out);
        if (v.numRows != a.numRows || v.numCols != 1) {
            throw new IllegalArgumentException("subtractColumn: a is " + shape(a) + " so v must be "
                    + a.numRows + "x1, got " + shape(v));
        }
        int rows = a.numRows;
        int cols = a.numCols;
        double[] ad = a.data;
        double[] vd = v.data;
        double[] od = out.data;
        for (int i = 0, p = 0; i < rows; i++) {
            // Read before the row is written: out may alias v.
            double s = vd[i];
            for (int j = 0; j < cols; j++, p++) {
                od[p] = ad[p] - s;
            }
        }
    }

    /**
     * {@code out[i][j] = a[i][j]·b[i][col]}. Loop over {@code data}; EJML's {@code multRows}
     * wants a Java array and works in place only.
     *
     * @param b   rows(a)×k with 0 ≤ col &lt; k
     * @param out same shape as {@code a}; may be {@code a}; modified
     */
    @Override
    public void scaleRowsByColumn(DMatrixRMaj a, DMatrixRMaj b, int col, DMatrixRMaj out) {
        requireSameShape("scaleRowsByColumn", a, out);
        if (b.numRows != a.numRows || col < 0 || col >= b.numCols) {
            throw new IllegalArgumentException("scaleRowsByColumn: a is " + shape(a) + ", b is " + shape(b)
                    + ", col is " + col + "; need b with " + a.numRows + " rows and 0 <= col < cols(b)");
        }
        int rows = a.numRows;
        int cols = a.numCols;
        int bCols = b.numCols;
        double[] ad = a.data;
        double[] bd = b.data;
        double[] od = out.data;
        for (int i = 0, p = 0; i < rows; i++) {
            // Read before the row is written: out may alias b when shapes allow.
            double s = bd[i * bCols + col];
            for (int j = 0; j < cols; j++, p++) {
                od[p] = ad[p] * s;
            }
        }
    }

    /**
     * {@code out[i][j] = exp(a[i][j])} with EJML's {@code CommonOps_DDRM.elementExp}, which
     * uses {@link Math#exp}: on x86 that agrees with glibc's {@code exp} (and so NumPy's) to the
     * last bit on all but a fraction of a percent of inputs, and within one ulp on those.
     *
     * @param out same shape as {@code a}; may be {@code a}; modified
     */
    @Override
    public void exp(DMatrixRMaj a, DMatrixRMaj out) {
        // Checked here because elementExp would silently reshape a mis-sized out.
        requireSameShape("exp", a, out);
        CommonOps_DDRM.elementExp(a, out);
    }

    // ---- reductions ----------------------------------------------------------------------

    /**
     * {@code out[i][k] = Σ_{j<width} a[i][k·width + j]²}, each block summed in NumPy's order, as
     * scikit-learn's {@code np.sum(np.square(y), axis=1)}. Loop over {@code data}; EJML has no
     * blocked reduction.
     *
     * @param a     n×(K·width)
     * @param width at least 1, dividing cols(a)
     * @param out   n×K; modified
     */
    @Override
    public void blockRowSumsOfSquares(DMatrixRMaj a, int width, DMatrixRMaj out) {
        if (width < 1 || a.numCols % width != 0) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: a is " + shape(a) + " and width is "
                    + width + "; need width >= 1 dividing cols(a)");
        }
        int rows = a.numRows;
        int blocks = a.numCols / width;
        if (out.numRows != rows || out.numCols != blocks) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: a is " + shape(a) + " with width "
                    + width + " so out must be " + rows + "x" + blocks + ", got " + shape(out));
        }
        if (out == a) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: out must not be a");
        }
        double[] ad = a.data;
        double[] od = out.data;
        // Squares go to a scratch block first so that one summation routine serves every
        // reduction and the order is NumPy's; the block stays in L1.
        double[] sq = new double[width];
        for (int q = 0, total = rows * blocks; q < total; q++) {
            od[q] = RowReductions.sumOfSquares(ad, q * width, width, sq);
        }
    }

    /**
     * Row-wise log-sum-exp exactly as SciPy's {@code logsumexp(a, axis=1)}: with
     * {@code m = max_j a[i][j]}, a row whose {@code m} is ±∞ or NaN gives {@code m}; otherwise
     * {@code out[i][0] = log(Σ_j exp(a[i][j] − m)) + m}, in that order (logarithm of the sum, then
     * plus {@code m}) and with the sum in NumPy's order, so that it matches scikit-learn's
     * {@code log_prob_norm} to the last bit whenever {@code exp} and {@code log} do. A row with a
     * NaN gives NaN. Loop over {@code data}; EJML has no log-sum-exp.
     *
     * @param a   n×k with k ≥ 1
     * @param out n×1; modified
     */
    @Override
    public void logSumExpRows(DMatrixRMaj a, DMatrixRMaj out) {
        int rows = a.numRows;
        int cols = a.numCols;
        if (cols < 1 || out.numRows != rows || out.numCols != 1) {
            throw new IllegalArgumentException("logSumExpRows: a is " + shape(a) + " and out is " + shape(out)
                    + "; need a n x k with k >= 1 and out n x 1");
        }
        if (out == a) {
            throw new IllegalArgumentException("logSumExpRows: out must not be a");
        }
        double[] ad = a.data;
        double[] od = out.data;
        double[] shifted = new double[cols];
        for (int i = 0; i < rows; i++) {
            od[i] = RowReductions.logSumExp(ad, i * cols, cols, shifted);
        }
    }

    /**
     * Column sums in NumPy's order for {@code a.sum(axis=0)}: for one column, the same order as
     * {@link #sum}; for more, each column accumulated row by row from zero. Loop over
     * {@code data}.
     *
     * @return {@code s[j] = Σ_i a[i][j]}, length cols(a); zeros when a has no rows
     */
    @Override
    public double[] columnSums(DMatrixRMaj a) {
        int rows = a.numRows;
        int cols = a.numCols;
        double[] ad = a.data;
        if (cols == 1) {
            return new double[] {NumpySummation.sum(ad, 0, rows)};
        }
        double[] s = new double[cols];
        for (int i = 0, p = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++, p++) {
                s[j] += ad[p];
            }
        }
        return s;
    }

    /**
     * Sum of all entries in NumPy's order for {@code np.sum(a)}: the row-major data is cut into
     * buffers of 8192, each summed pairwise (8-way unrolled below 128 elements, halved above),
     * and the buffer sums added one after another starting from 0. This is what makes
     * {@code np.mean} of a log-likelihood vector reproducible here bit for bit.
     *
     * @return {@code Σ_i Σ_j a[i][j]}; 0 for an empty matrix
     */
    @Override
    public double sum(DMatrixRMaj a) {
        return NumpySummation.sum(a.data, 0, a.getNumElements());
    }

    /**
     * Row-wise argmax as NumPy's {@code argmax(axis=1)}: the first index of the largest entry,
     * and the first NaN if the row has one. Loop over {@code data}.
     *
     * @return one index per row; empty when a has no rows
     * @throws IllegalArgumentException if a has rows but no columns
     */
    @Override
    public int[] argmaxRows(DMatrixRMaj a) {
        int rows = a.numRows;
        int cols = a.numCols;
        if (cols == 0 && rows > 0) {
            throw new IllegalArgumentException("argmaxRows: a is " + shape(a) + "; a row needs at least one entry");
        }
        double[] ad = a.data;
        int[] idx = new int[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = RowReductions.argmax(ad, i * cols, cols);
        }
        return idx;
    }

    // ---- small dense factorisations ------------------------------------------------------

    /**
     * Lower Cholesky factor with EJML's {@code DecompositionFactory_DDRM.chol(d, true)}.
     * EJML's lower decomposition reads the upper triangle of its input, so the lower triangle of
     * {@code a} is first mirrored into {@code out}, which is then factored and overwritten with
     * L (zeros above the diagonal). A fresh decomposition object is used per call: EJML's
     * decompositions keep mutable workspace, and this class must be thread-safe.
     *
     * @param a   d×d; only the lower triangle is read; not modified
     * @param out d×d, not {@code a}; modified
     * @throws NotPositiveDefiniteException naming d if EJML finds a non-positive pivot, or the
     *                                      factor is not finite (a NaN or infinite input)
     */
    @Override
    public void cholesky(DMatrixRMaj a, DMatrixRMaj out) {
        requireSquarePair("cholesky", "a", a, out);
        int d = a.numRows;
        double[] ad = a.data;
        double[] od = out.data;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double x = ad[i * d + j];
                od[i * d + j] = x;
                od[j * d + i] = x;
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        // decompose() copies its input unless inputModified() says otherwise; either way the
        // result is read back into out with getT.
        if (!chol.decompose(out)) {
            throw new NotPositiveDefiniteException("cholesky: the " + d + "x" + d
                    + " matrix is not positive definite (EJML found a non-positive pivot)");
        }
        chol.getT(out);
        for (int i = 0; i < d; i++) {
            double l = od[i * d + i];
            // EJML's pivot test (sum <= 0) lets NaN through.
            if (!(l > 0.0) || Double.isInfinite(l)) {
                throw new NotPositiveDefiniteException("cholesky: the " + d + "x" + d
                        + " matrix is not numerically positive definite (pivot " + i + " is " + l + ")");
            }
        }
    }

    /**
     * {@code out = l⁻¹} with EJML's {@code TriangularSolver_DDRM.invertLower}, which reads only
     * the lower triangle of {@code l} and writes only that of {@code out}; the upper triangle of
     * {@code out} is zeroed first.
     *
     * @param l   d×d lower triangular with a non-zero diagonal; not modified
     * @param out d×d, not {@code l}; modified
     * @throws ArithmeticException if a diagonal entry of {@code l} is zero
     */
    @Override
    public void invertLowerTriangular(DMatrixRMaj l, DMatrixRMaj out) {
        requireSquarePair("invertLowerTriangular", "l", l, out);
        int d = l.numRows;
        for (int i = 0; i < d; i++) {
            if (l.data[i * d + i] == 0.0) {
                throw new ArithmeticException("invertLowerTriangular: the " + d + "x" + d
                        + " matrix is singular (diagonal entry " + i + " is zero)");
            }
        }
        Arrays.fill(out.data, 0, d * d, 0.0);
        TriangularSolver_DDRM.invertLower(l.data, out.data, d);
    }

    // ---- composite operations of the E-step ----------------------------------------------

    /**
     * Copies the first rows·cols entries of {@link DMatrixRMaj#data} into {@code out} with one
     * {@code System.arraycopy}.
     *
     * @param out length at least rows(a)·cols(a); only that prefix is written
     * @throws IllegalArgumentException if {@code out} is shorter than that
     */
    @Override
    public void copyToRowMajor(DMatrixRMaj a, double[] out) {
        int size = a.getNumElements();
        if (out.length < size) {
            throw new IllegalArgumentException("copyToRowMajor: a is " + shape(a) + " and needs " + size
                    + " values, out has length " + out.length);
        }
        System.arraycopy(a.data, 0, out, 0, size);
    }

    /**
     * @return an empty 0×0 matrix: {@link #blockQuadraticForms} works through the rows in chunks
     *         of its own and needs no n×(K·w) scratch
     */
    @Override
    public DMatrixRMaj blockQuadraticFormsScratch(int n, int width) {
        requireSizes("blockQuadraticFormsScratch", n, width);
        return new DMatrixRMaj(0, 0);
    }

    /** Whether a scratch of r×c is the 0×0 of {@link #blockQuadraticFormsScratch} or n×kw. */
    private static boolean ownOrWhole(int r, int c, int n, int kw) {
        return r == 0 && c == 0 || r == n && c == kw;
    }

    /**
     * {@code out[i][k] = Σ_{j<w} ((x·f)[i][k·w + j] + offsets[k·w + j])²} in one fused pass over the
     * rows, without forming x·f: a tight loop over {@link DMatrixRMaj#data}, written so that the JIT
     * vectorises it, because EJML has no such operation and its own products do not vectorise on
     * this JDK (see {@link QuadraticFormKernel}, which also gives the measurements). Rows are taken
     * in chunks of 256 that stay in cache; each entry is {@code offsets[c]} plus its products summed
     * in order, squared, and each block's squares summed in order (the direct form). With
     * concurrency enabled and at least {@link #CONCURRENT_MIN_MULTIPLY_ADDS} multiply-adds, the rows
     * are split across EJML's thread pool with {@link EjmlConcurrency#loopBlocks}, as EJML's
     * {@code _MT_} kernels split theirs; the result is the same bit for bit either way.
     * {@code scratch} is only checked for its shape, never written; nothing is allocated per call
     * beyond the thread pool's task objects (the chunk buffers are per thread and reused).
     *
     * @param x       n×d
     * @param f       d×(K·w)
     * @param offsets length K·w
     * @param scratch the 0×0 matrix of {@link #blockQuadraticFormsScratch}, or n×(K·w); not used
     * @param out     n×K with K ≥ 1 dividing cols(f), not x, f or scratch; overwritten
     * @throws IllegalArgumentException if a shape does not fit or {@code out} is an input
     */
    @Override
    public void blockQuadraticForms(DMatrixRMaj x, DMatrixRMaj f, double[] offsets, DMatrixRMaj scratch,
                                    DMatrixRMaj out) {
        int n = x.numRows;
        int d = x.numCols;
        int kw = f.numCols;
        int k = out.numCols;
        if (f.numRows != d || offsets.length != kw || out.numRows != n || k < 1 || kw % k != 0 || kw == 0
                || !ownOrWhole(scratch.numRows, scratch.numCols, n, kw)) {
            throw new IllegalArgumentException("blockQuadraticForms: x is " + shape(x) + ", f is " + shape(f)
                    + ", offsets has length " + offsets.length + ", scratch is " + shape(scratch) + ", out is "
                    + shape(out) + "; need f d x (K*w), offsets K*w, scratch 0 x 0 or n x (K*w) and out n x K with K, w >= 1");
        }
        if (out == x || out == f || out == scratch) {
            throw new IllegalArgumentException("blockQuadraticForms: out must not be x, f or scratch");
        }
        int w = kw / k;
        double[] xd = x.data;
        double[] fd = f.data;
        double[] od = out.data;
        if (concurrent && EjmlConcurrency.isUseConcurrent() && n >= 2 * QuadraticFormKernel.CHUNK
                && (long) n * Math.max(d, 1) * kw >= CONCURRENT_MIN_MULTIPLY_ADDS) {
            EjmlConcurrency.loopBlocks(0, n, QuadraticFormKernel.CHUNK,
                    (r0, r1) -> QuadraticFormKernel.rows(xd, d, fd, kw, offsets, w, od, k, r0, r1));
        } else {
            QuadraticFormKernel.rows(xd, d, fd, kw, offsets, w, od, k, 0, n);
        }
    }

    /**
     * The E-step's normalisation fused into one pass per row over {@link DMatrixRMaj#data}: the
     * row's maximum m, {@code e_j = exp(a_j − m)} (written into {@code resp}), their sum s in NumPy's
     * order, {@code logNorm = log(s) + m} exactly as {@link #logSumExpRows} computes it (so bit for bit
     * the same), then {@code a_j −= logNorm} and {@code resp_j = e_j / s}. That is
     * {@code exp(a_j − logNorm)} with one exp per entry instead of two, and more accurate: it does not
     * carry the rounding of {@code a_j − logNorm} through the exp. A row whose maximum is ±∞ or NaN
     * takes the definition literally, {@code logNorm = m}, {@code a_j −= m} and
     * {@code resp_j = exp(a_j)} (so a row of -∞ only gives NaN, as the default does). EJML has no
     * row-wise operations, so this is a loop over the data; {@link Math#exp} and {@link Math#log}
     * are as in {@link #exp} and {@link #logSumExpRows}. With concurrency enabled, at least
     * {@link #CONCURRENT_MIN_NORMALIZE_ENTRIES} entries are split by rows across EJML's thread pool
     * with {@link EjmlConcurrency#loopBlocks}, so the exp and log work uses every core; rows are
     * independent, so the result is the same either way. Nothing is allocated per row.
     *
     * @param a       n×k with k ≥ 1; overwritten with the log-responsibilities
     * @param logNorm n×1, not {@code a} or {@code resp}; overwritten
     * @param resp    n×k, not {@code a}; overwritten
     * @throws IllegalArgumentException if a shape does not fit or the outputs alias
     */
    @Override
    public void normalizeRows(DMatrixRMaj a, DMatrixRMaj logNorm, DMatrixRMaj resp) {
        int n = a.numRows;
        int k = a.numCols;
        if (k < 1 || logNorm.numRows != n || logNorm.numCols != 1 || resp.numRows != n || resp.numCols != k) {
            throw new IllegalArgumentException("normalizeRows: a is " + shape(a) + ", logNorm is " + shape(logNorm)
                    + ", resp is " + shape(resp) + "; need a n x k with k >= 1, logNorm n x 1 and resp n x k");
        }
        if (resp == a || logNorm == a || logNorm == resp) {
            throw new IllegalArgumentException("normalizeRows: a, logNorm and resp must be distinct matrices");
        }
        double[] ad = a.data;
        double[] ld = logNorm.data;
        double[] rd = resp.data;
        if (concurrent && EjmlConcurrency.isUseConcurrent() && (long) n * k >= CONCURRENT_MIN_NORMALIZE_ENTRIES) {
            EjmlConcurrency.loopBlocks(0, n, (int) Math.max(1, CONCURRENT_MIN_NORMALIZE_ENTRIES / (2 * k)),
                    (r0, r1) -> normalizeRows(ad, ld, rd, k, r0, r1));
        } else {
            normalizeRows(ad, ld, rd, k, 0, n);
        }
    }

    /** {@link #normalizeRows(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj)} on rows r0 ≤ i &lt; r1. */
    private static void normalizeRows(double[] a, double[] logNorm, double[] resp, int k, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            logNorm[i] = RowReductions.normalize(a, resp, i * k, k);
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    private static void requireSizes(String method, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(method + ": sizes must be non-negative, got " + rows + "x" + cols);
        }
    }

    private static void requireSameShape(String method, DMatrixRMaj a, DMatrixRMaj out) {
        if (a.numRows != out.numRows || a.numCols != out.numCols) {
            throw new IllegalArgumentException(method + ": a is " + shape(a) + " but out is " + shape(out));
        }
    }

    private static void requireSquarePair(String method, String inName, DMatrixRMaj in, DMatrixRMaj out) {
        if (in.numRows != in.numCols || out.numRows != in.numRows || out.numCols != in.numCols) {
            throw new IllegalArgumentException(method + ": " + inName + " is " + shape(in) + " and out is "
                    + shape(out) + "; need both d x d");
        }
        if (in == out) {
            throw new IllegalArgumentException(method + ": out must not be " + inName);
        }
    }

    private static String shape(DMatrixRMaj m) {
        return m.numRows + "x" + m.numCols;
    }
}
