package org.gmmharness.backend.commonsmath;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntFunction;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.util.Precision;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.NotPositiveDefiniteException;
import org.gmmharness.linalg.QuadraticFormKernel;
import org.gmmharness.linalg.RowReductions;
import org.gmmharness.random.NumpySummation;

/**
 * The {@link LinearAlgebra} SPI on Apache Commons Math 3.6.1, with every non-empty matrix a
 * {@link BlockRealMatrix}.
 *
 * <h2>Matrix type</h2>
 * {@link #zeros}, {@link #fromRowMajor} and {@link #setRowMajor} work on {@code BlockRealMatrix}
 * (a package-private subclass that only remembers the block array it was built on, since the
 * library has no accessor for it). Commons Math cannot represent a matrix with a zero dimension,
 * so 0×n and n×0 matrices are a small empty {@code RealMatrix} of this package.
 *
 * <p>Why {@code BlockRealMatrix} rather than {@link Array2DRowRealMatrix}: the products are
 * where EM spends its time, and with the library's own product kernels the block layout wins every
 * shape EM uses, by 2.7–8.6×. Median wall time per call, each case in its own JVM on this
 * project's 2-core build machine while it was shared with other jobs (so ±30%; JDK 17, one thread,
 * the library's methods returning a new matrix):
 * <table>
 *   <caption>Commons Math 3.6.1 products, ms per call</caption>
 *   <tr><th>product (E-step / M-step shape)</th><th>BlockRealMatrix</th><th>Array2DRowRealMatrix</th></tr>
 *   <tr><td>X·F, 100000×16 · 16×128 ({@code multiply})</td><td>194</td><td>534</td></tr>
 *   <tr><td>X·F, 20000×64 · 64×1024</td><td>1217</td><td>4095</td></tr>
 *   <tr><td>Rᵀ·X, (100000×8)ᵀ · 100000×16 ({@code transpose().multiply})</td><td>17</td><td>74</td></tr>
 *   <tr><td>Xᵀ·X, (100000×16)ᵀ · 100000×16</td><td>35</td><td>160</td></tr>
 *   <tr><td>Xᵀ·X, (1000000×8)ᵀ · 1000000×8</td><td>51</td><td>437</td></tr>
 * </table>
 * {@code Array2DRowRealMatrix.multiply} takes one column of the right operand at a time and runs
 * through all of the left operand for each, which for a tall left operand streams it from memory
 * once per output column; the blocked kernel reuses each 52×52 block while it is in cache. The
 * O(N·K) element-wise and row-wise operations are single passes over the raw arrays with either
 * layout, and the d×d factorisations copy their argument into the layout the decomposition wants
 * in any case, so no operation gains from the other type and one type serves them all.
 *
 * <h2>Products into a preallocated output</h2>
 * The library's products always allocate their result ({@code a.multiply(b)}), and a transposed
 * product first allocates the whole transpose ({@code a.transpose().multiply(b)}): for the E-step's
 * 100000×128 product that is 100 MB of garbage per call, and the SPI wants the product in the
 * caller's {@code c}, which the library cannot do. {@link #multiply} therefore runs the library's own
 * block-product kernel (the inner loop of {@code BlockRealMatrix.multiply(BlockRealMatrix)}
 * verbatim: the same block traversal, the same four-term unrolled dot products, the same
 * accumulation into the output block) directly over the blocks of {@code a} and {@code b} and into
 * the blocks of {@code c}. A transposed operand is handled as {@code BlockRealMatrix.transpose()}
 * handles it, block by block, except that each 52×52 block is transposed into one reused scratch
 * block just before it is used instead of into a new matrix (for a transposed left operand, once
 * per block row of {@code c} rather than once per block of {@code c}, which each block of
 * {@code c} does not notice: it still sums its terms in the library's order. For the M-step's
 * (100000×8)ᵀ · 100000×152 that took the median from 121 ms, with the library's
 * {@code transpose().multiply} at 108 ms in the same run, to 71 ms against 71; for
 * (20000×16)ᵀ · 20000×2144, 42 blocks of {@code c} wide, from 401 against 340 to 369 against
 * 343). The results are bit for bit those of
 * {@code op(a).multiply(op(b))} (a test checks this). The alternative, the library's product
 * followed by a copy into {@code c}, was measured against it (interleaved in one JVM, the machine
 * shared with other jobs, median ms): 100000×16 · 16×128, 146–152 against 182–207;
 * (100000×8)ᵀ · 100000×16, 12 against 15; (100000×16)ᵀ · 100000×16, 20 against 30; 20000×64 ·
 * 64×1024, 944 against 905, within the noise. So this backend copies nothing and allocates nothing:
 * a transposed operand's blocks pass through a scratch block of the calling thread.
 *
 * <h2>Operations Commons Math lacks</h2>
 * Commons Math has no row or column broadcasts, element-wise exp, blocked row sums of squares,
 * row-wise log-sum-exp, row-wise argmax, or numerically ordered sums; its
 * {@code walkInOptimizedOrder} visitors would serve but cost a virtual call per entry. These
 * operations are loops over the {@code BlockRealMatrix} block arrays, block by block for
 * element-wise work and row by row (gathering a row from its blocks when it spans several) for
 * row-wise work. No per-entry {@code getEntry}/{@code setEntry} is used on an O(N) path. Sums
 * follow NumPy's order ({@link NumpySummation}: buffers of 8192 summed pairwise) so that
 * scikit-learn's reductions are reproduced bit for bit, as in the EJML backend; exp and log are
 * {@link Math#exp} and {@link Math#log}, as in the EJML backend, rather than Commons Math's
 * {@code FastMath}, so that the two backends' element-wise results agree to the last bit.
 *
 * <h2>Factorisations</h2>
 * {@link #cholesky} runs the algorithm of the library's {@link CholeskyDecomposition}, bit for bit,
 * on a per-thread copy (the class itself copies its input and its factor on every call), and
 * {@link #invertLowerTriangular} the library's forward substitution
 * {@link MatrixUtils#solveLowerTriangularSystem}; see there for how their thresholds and their
 * reading of the upper triangle are handled.
 *
 * <h2>Other matrices</h2>
 * Any {@link RealMatrix} is accepted: one not made by this backend is copied into block layout
 * (with the library's {@code getData} and {@code BlockRealMatrix.toBlocksLayout}) and, as an output,
 * written back with {@code setSubMatrix}. That is correct but slower; matrices from {@link #zeros}
 * and {@link #fromRowMajor} take the direct path.
 *
 * <h2>The E-step's fused operations</h2>
 * {@link #blockQuadraticForms} and {@link #normalizeRows} have no counterpart in Commons Math. They
 * are single passes over the blocks that never form the n×(K·w) product or a second n×k array:
 * the quadratic forms a chunk of rows at a time in loops laid out for the JIT's vectoriser
 * ({@link QuadraticFormKernel}), the normalisation one row at a time with one exp per entry
 * ({@link RowReductions#normalize}). The
 * library is single-threaded; these two loops, which are independent across rows, split large
 * inputs into one range of rows per core on a small fork/join pool of this class (unless the
 * backend is created with {@code parallel = false}), so that the E-step's products, exp and log
 * work use the whole machine. Results do not depend on the split.
 *
 * <p>Every method validates shapes and throws {@link IllegalArgumentException} naming the method
 * and the shapes. Instances hold only their immutable {@code parallel} flag and are safe to use
 * from several threads on distinct matrices. Their working arrays (a 52×52 block, NumPy's
 * 8192-entry reduction buffer, a row, the chunk buffers of {@link #blockQuadraticForms}, a d×d
 * copy for the factorisations) are per thread and reused ({@code Scratch}), because one EM
 * iteration calls these methods often enough that fresh arrays were most of its garbage: on this
 * backend's own matrices, apart from the methods that return a new matrix or array ({@code zeros},
 * {@code fromRowMajor}, {@code toRowMajor}, {@code columnSums}, {@code argmaxRows}), a call
 * allocates only a few small objects (views, the fork/join tasks), and the factorisations what
 * the library's decomposition allocates inside.
 */
public final class CommonsMathLinearAlgebra implements LinearAlgebra<RealMatrix> {

    /** Commons Math's block size: blocks are at most this many rows and columns. */
    private static final int BS = BlockRealMatrix.BLOCK_SIZE;

    /** NumPy's ufunc buffer size: reductions are summed pairwise in runs of this many values. */
    static final int NUMPY_BUFFER = 8192;

    /**
     * {@link #blockQuadraticForms} splits its rows across cores from this many multiply-adds
     * (n·d·K·w) on, when parallelism is enabled: about a millisecond of work, well above the cost
     * of the hand-off.
     */
    public static final long PARALLEL_MIN_MULTIPLY_ADDS = 1L << 19;

    /**
     * {@link #blockQuadraticForms} takes x in chunks of this many 52-row block rows (260 rows).
     * With d ≤ 64 the transposed chunk is at most 133 KB, in L2; chunks of 64 to 1024 rows
     * measured within 15% of each other on the E-step shapes, with the longest loops best at small d.
     */
    private static final int CHUNK_BLOCK_ROWS = 5;

    /**
     * {@link #normalizeRows} splits its rows across cores from this many entries (n·k) on, when
     * parallelism is enabled: about 0.2 ms of exp work, several times the cost of the hand-off.
     */
    public static final long PARALLEL_MIN_NORMALIZE_ENTRIES = 1L << 15;

    /** Per-thread row-major copy of blockQuadraticForms' f, grown when a call needs more. */
    private static final ThreadLocal<double[]> PARAMETERS = ThreadLocal.withInitial(() -> new double[0]);

    private final boolean parallel;

    /** Creates the backend, with its own row-wise loops running on every core for large inputs. */
    public CommonsMathLinearAlgebra() {
        this(true);
    }

    /**
     * @param parallel whether {@link #blockQuadraticForms} and {@link #normalizeRows} may split large
     *                 inputs across cores (the library itself is single-threaded); results are
     *                 identical either way
     */
    public CommonsMathLinearAlgebra(boolean parallel) {
        this.parallel = parallel;
    }

    /** @return {@code "commons-math"} */
    @Override
    public String name() {
        return "commons-math";
    }

    // ---- creation and the boundary with Java arrays --------------------------------------

    /**
     * @return a new rows×cols {@link BlockRealMatrix} of zeros, or an empty matrix of that shape when
     *         a size is 0
     * @throws IllegalArgumentException if a size is negative
     */
    @Override
    public RealMatrix zeros(int rows, int cols) {
        requireSizes("zeros", rows, cols);
        if (rows == 0 || cols == 0) {
            return new EmptyRealMatrix(rows, cols);
        }
        return new BlockStorageMatrix(rows, cols);
    }

    /**
     * Copies row-major values into the block layout of a new matrix.
     *
     * @param data row-major values, length rows·cols; copied, not retained
     * @return a new rows×cols {@link BlockRealMatrix} (an empty matrix when a size is 0)
     * @throws IllegalArgumentException if a size is negative or the length is not rows·cols
     */
    @Override
    public RealMatrix fromRowMajor(int rows, int cols, double[] data) {
        requireSizes("fromRowMajor", rows, cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("fromRowMajor: " + rows + "x" + cols
                    + " needs " + ((long) rows * cols) + " values, got " + data.length);
        }
        RealMatrix m = zeros(rows, cols);
        writeRowMajor(data, view(m));
        return m;
    }

    /**
     * Copies row-major values into {@code out}'s blocks, without reallocating it.
     *
     * @param data row-major values, length rows(out)·cols(out); not retained
     * @param out  modified
     * @throws IllegalArgumentException if the length does not match
     */
    @Override
    public void setRowMajor(double[] data, RealMatrix out) {
        long size = (long) out.getRowDimension() * out.getColumnDimension();
        if (data.length != size) {
            throw new IllegalArgumentException("setRowMajor: out is " + shape(out) + " and needs "
                    + size + " values, got " + data.length);
        }
        View v = view(out);
        writeRowMajor(data, v);
        v.flush();
    }

    /** @return a new array of length rows·cols with the entries of {@code a} in row-major order */
    @Override
    public double[] toRowMajor(RealMatrix a) {
        View v = view(a);
        double[] data = new double[v.rows * v.cols];
        readRowMajor(v, data);
        return data;
    }

    /**
     * Copies the range row by row between the two matrices' blocks, through one row-sized array,
     * instead of reading all of {@code a} as the default does.
     */
    @Override
    public void copyRows(RealMatrix a, int from, RealMatrix out) {
        int b = out.getRowDimension();
        int d = a.getColumnDimension();
        if (out.getColumnDimension() != d || from < 0 || from > a.getRowDimension() - b || a == out) {
            throw new IllegalArgumentException("copyRows: rows " + from + " to " + ((long) from + b) + " of "
                    + shape(a) + " into " + shape(out));
        }
        if (b == 0 || d == 0) {
            return;
        }
        View av = view(a);
        View ov = view(out);
        double[] row = new double[d];
        for (int i = 0; i < b; i++) {
            int r = from + i;
            copyRow(av, r / BS, r % BS, row, 0, true);
            copyRow(ov, i / BS, i % BS, row, 0, false);
        }
        ov.flush();
    }

    /** @return {@code a.getRowDimension()} */
    @Override
    public int rows(RealMatrix a) {
        return a.getRowDimension();
    }

    /** @return {@code a.getColumnDimension()} */
    @Override
    public int cols(RealMatrix a) {
        return a.getColumnDimension();
    }

    // ---- products ------------------------------------------------------------------------

    /**
     * {@code c = op(a)·op(b)} with Commons Math's blocked product kernel run over the operands' blocks
     * and writing into {@code c}'s blocks (see the class comment): bit for bit
     * {@code op(a).multiply(op(b))} as {@code BlockRealMatrix} computes it, without allocating the
     * result or a whole transpose (a transposed operand's blocks pass through a per-thread 52×52
     * scratch block).
     * {@code a} and {@code b} may be the same matrix (for example aᵀ·a);
     * {@code c} must be neither. A zero inner size gives zeros.
     *
     * @param transA whether to use aᵀ
     * @param transB whether to use bᵀ
     * @param c      out: m×n with m, n the outer sizes of op(a), op(b); overwritten
     * @throws IllegalArgumentException if the inner sizes differ, {@code c} is not m×n, or {@code c}
     *                                  is {@code a} or {@code b}
     */
    @Override
    public void multiply(RealMatrix a, boolean transA, RealMatrix b, boolean transB, RealMatrix c) {
        int m = transA ? a.getColumnDimension() : a.getRowDimension();
        int innerA = transA ? a.getRowDimension() : a.getColumnDimension();
        int innerB = transB ? b.getColumnDimension() : b.getRowDimension();
        int n = transB ? b.getRowDimension() : b.getColumnDimension();
        if (innerA != innerB || c.getRowDimension() != m || c.getColumnDimension() != n) {
            throw new IllegalArgumentException("multiply: op(a) is " + (transA ? "(" + shape(a) + ")^T" : shape(a))
                    + ", op(b) is " + (transB ? "(" + shape(b) + ")^T" : shape(b)) + ", c is " + shape(c)
                    + "; need op(a) m x k, op(b) k x n and c m x n");
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("multiply: c must not be a or b");
        }
        View av = view(a);
        View bv = view(b);
        View cv = view(c);
        // A transposed operand's blocks are transposed one at a time into a scratch block of this
        // thread, as BlockRealMatrix.transpose() would transpose them all into a new matrix.
        Scratch scratch = Scratch.get();
        double[] tScratch = scratch.leftBlock;
        double[] uScratch = scratch.rightBlock;
        int kBlocks = (innerA + BS - 1) / BS;
        if (transA) {
            // aᵀ·op(b): each of a's blocks is transposed once per block row of c and used for the
            // whole row, instead of once per block of c (for the M-step's (n×k)ᵀ·(n×m) that is m/52
            // transposes fewer). Each block of c still accumulates its k-blocks in the same order,
            // so the result is unchanged to the bit.
            for (int iBlock = 0; iBlock < cv.blockRows; iBlock++) {
                int iHeight = cv.height(iBlock);
                for (int jBlock = 0; jBlock < cv.blockCols; jBlock++) {
                    Arrays.fill(cv.block(iBlock, jBlock), 0.0);
                }
                for (int kBlock = 0; kBlock < kBlocks; kBlock++) {
                    int kWidth = Math.min(BS, innerA - kBlock * BS);
                    double[] t = transposeBlock(av.block(kBlock, iBlock), kWidth, iHeight, tScratch);
                    for (int jBlock = 0; jBlock < cv.blockCols; jBlock++) {
                        int jWidth = cv.width(jBlock);
                        double[] u = transB
                                ? transposeBlock(bv.block(jBlock, kBlock), jWidth, kWidth, uScratch)
                                : bv.block(kBlock, jBlock);
                        blockProduct(t, u, cv.block(iBlock, jBlock), iHeight, jWidth, kWidth);
                    }
                }
            }
            cv.flush();
            return;
        }
        for (int iBlock = 0; iBlock < cv.blockRows; iBlock++) {
            int iHeight = cv.height(iBlock);
            for (int jBlock = 0; jBlock < cv.blockCols; jBlock++) {
                int jWidth = cv.width(jBlock);
                double[] out = cv.block(iBlock, jBlock);
                // Zeroed here rather than all at once, so that the block is in cache when the
                // kernel accumulates into it.
                Arrays.fill(out, 0.0);
                for (int kBlock = 0; kBlock < kBlocks; kBlock++) {
                    int kWidth = Math.min(BS, innerA - kBlock * BS);
                    // a's block (iBlock, kBlock), iHeight×kWidth row-major (aᵀ is handled above).
                    double[] t = av.block(iBlock, kBlock);
                    // op(b)'s block (kBlock, jBlock), kWidth×jWidth row-major, likewise.
                    double[] u = transB
                            ? transposeBlock(bv.block(jBlock, kBlock), jWidth, kWidth, uScratch)
                            : bv.block(kBlock, jBlock);
                    blockProduct(t, u, out, iHeight, jWidth, kWidth);
                }
            }
        }
        cv.flush();
    }

    /**
     * {@code out[p·jWidth + q] += Σ_l t[p·kWidth + l]·u[l·jWidth + q]} for one pair of row-major
     * blocks, t iHeight×kWidth and u kWidth×jWidth: the inner loop of
     * {@code BlockRealMatrix.multiply(BlockRealMatrix)} verbatim, with its unrolling by four and its
     * association ({@code sum += t0·u0 + t1·u1 + t2·u2 + t3·u3}).
     */
    private static void blockProduct(double[] t, double[] u, double[] out, int iHeight, int jWidth, int kWidth) {
        int jWidth2 = jWidth + jWidth;
        int jWidth3 = jWidth2 + jWidth;
        int jWidth4 = jWidth3 + jWidth;
        int k = 0;
        for (int p = 0; p < iHeight; p++) {
            int lStart = p * kWidth;
            int lEnd = lStart + kWidth;
            for (int nStart = 0; nStart < jWidth; nStart++) {
                double sum = 0;
                int l = lStart;
                int n = nStart;
                while (l < lEnd - 3) {
                    sum += t[l] * u[n] + t[l + 1] * u[n + jWidth] + t[l + 2] * u[n + jWidth2]
                            + t[l + 3] * u[n + jWidth3];
                    l += 4;
                    n += jWidth4;
                }
                while (l < lEnd) {
                    sum += t[l++] * u[n];
                    n += jWidth;
                }
                out[k] += sum;
                k++;
            }
        }
    }

    /**
     * Writes the transpose of the row-major rows×cols block {@code src} into {@code dst} as a
     * row-major cols×rows block, and returns {@code dst}.
     */
    private static double[] transposeBlock(double[] src, int rows, int cols, double[] dst) {
        for (int i = 0, q = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++, q++) {
                dst[j * rows + i] = src[q];
            }
        }
        return dst;
    }

    // ---- broadcasts and element-wise operations -----------------------------------------

    /**
     * {@code out[i][j] = alpha·a[i][j] + v[j]}, as two rounded operations (no fused multiply-add), as
     * NumPy's {@code alpha * a + v}. A loop over the blocks; Commons Math has no row broadcast.
     *
     * @param v   length cols(a); not modified
     * @param out same shape as {@code a}; may be {@code a}; modified
     * @throws IllegalArgumentException if the shapes do not match
     */
    @Override
    public void scaleAddRow(RealMatrix a, double alpha, double[] v, RealMatrix out) {
        requireSameShape("scaleAddRow", a, out);
        if (v.length != a.getColumnDimension()) {
            throw new IllegalArgumentException("scaleAddRow: a is " + shape(a) + " but v has length " + v.length);
        }
        View av = view(a);
        View ov = view(out);
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            for (int bc = 0; bc < av.blockCols; bc++) {
                int w = av.width(bc);
                int c0 = bc * BS;
                double[] x = av.block(br, bc);
                double[] o = ov.block(br, bc);
                for (int p = 0, q = 0; p < h; p++) {
                    for (int j = 0; j < w; j++, q++) {
                        o[q] = alpha * x[q] + v[c0 + j];
                    }
                }
            }
        }
        ov.flush();
    }

    /**
     * {@code out[i][j] = a[i][j] − v[i][0]}. A loop over the blocks; Commons Math has no column
     * broadcast.
     *
     * @param v   rows(a)×1; not modified
     * @param out same shape as {@code a}; may be {@code a} (or {@code v} when a is n×1); modified
     * @throws IllegalArgumentException if the shapes do not match
     */
    @Override
    public void subtractColumn(RealMatrix a, RealMatrix v, RealMatrix out) {
        requireSameShape("subtractColumn", a, out);
        if (v.getRowDimension() != a.getRowDimension() || v.getColumnDimension() != 1) {
            throw new IllegalArgumentException("subtractColumn: a is " + shape(a) + " so v must be "
                    + a.getRowDimension() + "x1, got " + shape(v));
        }
        View av = view(a);
        View vv = view(v);
        View ov = view(out);
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            // v is n×1: its block br holds the h entries of these rows.
            double[] vb = vv.block(br, 0);
            for (int bc = 0; bc < av.blockCols; bc++) {
                int w = av.width(bc);
                double[] x = av.block(br, bc);
                double[] o = ov.block(br, bc);
                for (int p = 0, q = 0; p < h; p++) {
                    // Read before the row is written: out may alias v.
                    double s = vb[p];
                    for (int j = 0; j < w; j++, q++) {
                        o[q] = x[q] - s;
                    }
                }
            }
        }
        ov.flush();
    }

    /**
     * {@code out[i][j] = a[i][j]·b[i][col]}. A loop over the blocks; the scales of a block row are
     * read before any of it is written, so {@code out} may also alias {@code b} when shapes allow.
     *
     * @param b   rows(a)×k with 0 ≤ col &lt; k; not modified
     * @param out same shape as {@code a}; may be {@code a}; modified
     * @throws IllegalArgumentException if the shapes do not match or col is out of range
     */
    @Override
    public void scaleRowsByColumn(RealMatrix a, RealMatrix b, int col, RealMatrix out) {
        requireSameShape("scaleRowsByColumn", a, out);
        if (b.getRowDimension() != a.getRowDimension() || col < 0 || col >= b.getColumnDimension()) {
            throw new IllegalArgumentException("scaleRowsByColumn: a is " + shape(a) + ", b is " + shape(b)
                    + ", col is " + col + "; need b with " + a.getRowDimension() + " rows and 0 <= col < cols(b)");
        }
        View av = view(a);
        View bv = view(b);
        View ov = view(out);
        int bBlockCol = col / BS;
        int bWidth = bv.blockRows == 0 ? 0 : bv.width(bBlockCol);
        int bOffset = col - bBlockCol * BS;
        double[] scales = Scratch.get().row(BS);
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            double[] bb = bv.block(br, bBlockCol);
            for (int p = 0; p < h; p++) {
                scales[p] = bb[p * bWidth + bOffset];
            }
            for (int bc = 0; bc < av.blockCols; bc++) {
                int w = av.width(bc);
                double[] x = av.block(br, bc);
                double[] o = ov.block(br, bc);
                for (int p = 0, q = 0; p < h; p++) {
                    double s = scales[p];
                    for (int j = 0; j < w; j++, q++) {
                        o[q] = x[q] * s;
                    }
                }
            }
        }
        ov.flush();
    }

    /**
     * {@code out[i][j] = exp(a[i][j])} with {@link Math#exp}, a loop over the blocks (Commons Math
     * has no element-wise exp on matrices).
     *
     * @param out same shape as {@code a}; may be {@code a}; modified
     * @throws IllegalArgumentException if the shapes do not match
     */
    @Override
    public void exp(RealMatrix a, RealMatrix out) {
        requireSameShape("exp", a, out);
        View av = view(a);
        View ov = view(out);
        for (int b = 0; b < av.blocks.length; b++) {
            double[] x = av.blocks[b];
            double[] o = ov.blocks[b];
            for (int q = 0; q < x.length; q++) {
                o[q] = Math.exp(x[q]);
            }
        }
        ov.flush();
    }

    // ---- reductions ----------------------------------------------------------------------

    /**
     * {@code out[i][k] = Σ_{j<width} a[i][k·width + j]²}, each block of a row summed in NumPy's
     * order, as scikit-learn's {@code np.sum(np.square(y), axis=1)}. Row by row over the blocks (a
     * row is gathered from its blocks when it spans several); Commons Math has no blocked reduction.
     *
     * @param a     n×(K·width); not modified
     * @param width at least 1, dividing cols(a)
     * @param out   n×K, not {@code a}; modified
     * @throws IllegalArgumentException if width does not divide cols(a), out is not n×K, or out is a
     */
    @Override
    public void blockRowSumsOfSquares(RealMatrix a, int width, RealMatrix out) {
        int cols = a.getColumnDimension();
        if (width < 1 || cols % width != 0) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: a is " + shape(a) + " and width is "
                    + width + "; need width >= 1 dividing cols(a)");
        }
        int rows = a.getRowDimension();
        int k = cols / width;
        if (out.getRowDimension() != rows || out.getColumnDimension() != k) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: a is " + shape(a) + " with width "
                    + width + " so out must be " + rows + "x" + k + ", got " + shape(out));
        }
        if (out == a) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: out must not be a");
        }
        if (k == 0) {
            return;
        }
        View av = view(a);
        View ov = view(out);
        Scratch scratch = Scratch.get();
        double[] row = scratch.row(cols);
        double[] sq = scratch.terms(width);
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            for (int p = 0; p < h; p++) {
                double[] src = rowArray(av, br, p, row);
                int off = rowOffset(av, p);
                // The K results of this row go to out's blocks of block row br, row p.
                for (int obc = 0, kk = 0; obc < ov.blockCols; obc++) {
                    int ow = ov.width(obc);
                    double[] o = ov.block(br, obc);
                    for (int q = p * ow, end = q + ow; q < end; q++, kk++) {
                        o[q] = RowReductions.sumOfSquares(src, off + kk * width, width, sq);
                    }
                }
            }
        }
        ov.flush();
    }

    /**
     * Row-wise log-sum-exp as SciPy's {@code logsumexp(a, axis=1)}: with {@code m = max_j a[i][j]},
     * a row whose {@code m} is ±∞ or NaN gives {@code m}; otherwise
     * {@code out[i][0] = log(Σ_j exp(a[i][j] − m)) + m}, in that order and with the sum in NumPy's
     * order. A row with a NaN gives NaN. Row by row over the blocks; Commons Math has no
     * log-sum-exp.
     *
     * @param a   n×k with k ≥ 1; not modified
     * @param out n×1, not {@code a}; modified
     * @throws IllegalArgumentException if a has no columns, out is not n×1, or out is a
     */
    @Override
    public void logSumExpRows(RealMatrix a, RealMatrix out) {
        int rows = a.getRowDimension();
        int cols = a.getColumnDimension();
        if (cols < 1 || out.getRowDimension() != rows || out.getColumnDimension() != 1) {
            throw new IllegalArgumentException("logSumExpRows: a is " + shape(a) + " and out is " + shape(out)
                    + "; need a n x k with k >= 1 and out n x 1");
        }
        if (out == a) {
            throw new IllegalArgumentException("logSumExpRows: out must not be a");
        }
        View av = view(a);
        View ov = view(out);
        Scratch scratch = Scratch.get();
        double[] row = scratch.row(cols);
        double[] shifted = scratch.terms(cols);
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            double[] o = ov.block(br, 0);
            for (int p = 0; p < h; p++) {
                double[] src = rowArray(av, br, p, row);
                o[p] = RowReductions.logSumExp(src, rowOffset(av, p), cols, shifted);
            }
        }
        ov.flush();
    }

    /**
     * Column sums in NumPy's order for {@code a.sum(axis=0)}: for one column, the order of
     * {@link #sum}; for more, each column accumulated row by row from zero. A loop over the blocks.
     *
     * @return {@code s[j] = Σ_i a[i][j]}, length cols(a); zeros when a has no rows
     */
    @Override
    public double[] columnSums(RealMatrix a) {
        View av = view(a);
        if (av.cols == 1) {
            return new double[] {numpySum(av)};
        }
        double[] s = new double[av.cols];
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            for (int bc = 0; bc < av.blockCols; bc++) {
                int w = av.width(bc);
                int c0 = bc * BS;
                double[] x = av.block(br, bc);
                for (int p = 0, q = 0; p < h; p++) {
                    for (int j = 0; j < w; j++, q++) {
                        s[c0 + j] += x[q];
                    }
                }
            }
        }
        return s;
    }

    /**
     * Sum of all entries in NumPy's order for {@code np.sum(a)}: the row-major sequence of entries
     * is cut into buffers of 8192, each summed pairwise ({@link NumpySummation}), and the buffer
     * sums added one after another from 0. The sequence is gathered from the blocks into the
     * buffer; for a matrix of at most 52 columns each block is one contiguous row-major run.
     *
     * @return {@code Σ_i Σ_j a[i][j]}; 0 for an empty matrix
     */
    @Override
    public double sum(RealMatrix a) {
        return numpySum(view(a));
    }

    /**
     * Row-wise argmax as NumPy's {@code argmax(axis=1)}: the first index of the largest entry, and
     * the first NaN if the row has one. Row by row over the blocks.
     *
     * @return one index per row; empty when a has no rows
     * @throws IllegalArgumentException if a has rows but no columns
     */
    @Override
    public int[] argmaxRows(RealMatrix a) {
        int rows = a.getRowDimension();
        int cols = a.getColumnDimension();
        if (cols == 0 && rows > 0) {
            throw new IllegalArgumentException("argmaxRows: a is " + shape(a) + "; a row needs at least one entry");
        }
        View av = view(a);
        int[] idx = new int[rows];
        double[] row = Scratch.get().row(cols);
        for (int br = 0, i = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            for (int p = 0; p < h; p++, i++) {
                idx[i] = RowReductions.argmax(rowArray(av, br, p, row), rowOffset(av, p), cols);
            }
        }
        return idx;
    }

    // ---- small dense factorisations ------------------------------------------------------

    /**
     * Lower Cholesky factor by the algorithm of the library's {@link CholeskyDecomposition}, in
     * its order of operations, so bit for bit its factor (a test checks this against the class),
     * but on a per-thread copy of {@code a}: the class itself copies its argument and then its
     * factor ({@code getData}, {@code getLT}), 2·d² doubles per call, which for K components of
     * d = 64 is a megabyte per EM iteration, forty times the loop's allocation budget.
     *
     * <p>That algorithm factors the <em>upper</em> triangle of a symmetric matrix, row by row:
     * each pivot must exceed a threshold, becomes its square root, scales the rest of its row, and
     * the outer product of that row is subtracted from the trailing upper triangle, from the last
     * row up. The class first checks symmetry against a relative threshold; the upper triangle here
     * is the mirror of {@code a}'s lower one, as the contract reads only that, so the check would
     * always pass and is not repeated. The positivity threshold, which the class takes as an
     * absolute bound on every pivot defaulting to 1e-10, is 0: a pivot must be positive, as in
     * LAPACK's {@code dpotrf} that scikit-learn relies on, and a legitimately tiny variance is not
     * rejected. Since a NaN pivot slips past "pivot &le; 0", the factor's diagonal is also checked
     * to be positive and finite.
     *
     * @param a   d×d symmetric; only the lower triangle is read; not modified
     * @param out d×d, not {@code a}; overwritten with L, zero above the diagonal
     * @throws NotPositiveDefiniteException naming d if a pivot is not positive or the factor is not
     *                                      finite (a NaN or infinite input); out is then unchanged
     * @throws IllegalArgumentException     if a is not square, out is not its shape, or out is a
     */
    @Override
    public void cholesky(RealMatrix a, RealMatrix out) {
        requireSquarePair("cholesky", "a", a, out);
        int d = a.getRowDimension();
        if (d == 0) {
            return;
        }
        double[] u = Scratch.get().square(d);
        copyToRowMajor(a, u);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                u[i * d + j] = u[j * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            int rowI = i * d;
            double pivot = u[rowI + i];
            if (pivot <= 0.0) {
                throw new NotPositiveDefiniteException("cholesky: the " + d + "x" + d
                        + " matrix is not positive definite (pivot " + i + " is " + pivot + ")");
            }
            double root = Math.sqrt(pivot);
            u[rowI + i] = root;
            double inverse = 1.0 / root;
            for (int q = d - 1; q > i; q--) {
                u[rowI + q] *= inverse;
                double uiq = u[rowI + q];
                for (int p = q, rowQ = q * d; p < d; p++) {
                    u[rowQ + p] -= uiq * u[rowI + p];
                }
            }
        }
        // L is the transpose of that upper factor.
        for (int i = 0; i < d; i++) {
            double pivot = u[i * d + i];
            if (!(pivot > 0.0) || Double.isInfinite(pivot)) {
                throw new NotPositiveDefiniteException("cholesky: the " + d + "x" + d
                        + " matrix is not numerically positive definite (pivot " + i + " is " + pivot + ")");
            }
            for (int j = i + 1; j < d; j++) {
                u[j * d + i] = u[i * d + j];
                u[i * d + j] = 0.0;
            }
        }
        View ov = view(out);
        writeRowMajor(u, ov);
        ov.flush();
    }

    /**
     * {@code out = l⁻¹}, column by column with the library's forward substitution
     * {@link MatrixUtils#solveLowerTriangularSystem} against the columns of the identity (Commons
     * Math has no triangular inverse, and {@code MatrixUtils.inverse} would run a pivoting LU over
     * the whole matrix, upper triangle included). The solver is given a copy of the lower triangle
     * of {@code l} with zeros above; only the lower triangle of each solution is kept, and out is
     * zero above the diagonal. This is the substitution order of LAPACK's {@code dtrsm}, which
     * scikit-learn's {@code solve_triangular} calls. The solver reads entries one at a time; that
     * is O(d³) on a d×d parameter matrix, never on an O(N) path.
     *
     * @param l   d×d lower triangular; only the lower triangle is read; not modified
     * @param out d×d, not {@code l}; overwritten
     * @throws ArithmeticException      if a diagonal entry of {@code l} is zero (or so small,
     *                                  below {@link Precision#SAFE_MIN}, that the library refuses it)
     * @throws IllegalArgumentException if l is not square, out is not its shape, or out is l
     */
    @Override
    public void invertLowerTriangular(RealMatrix l, RealMatrix out) {
        requireSquarePair("invertLowerTriangular", "l", l, out);
        int d = l.getRowDimension();
        if (d == 0) {
            return;
        }
        Scratch scratch = Scratch.get();
        double[] ld = scratch.square(d);
        copyToRowMajor(l, ld);
        double[][] lower = scratch.matrix(d);
        for (int i = 0; i < d; i++) {
            double diag = ld[i * d + i];
            if (Math.abs(diag) < Precision.SAFE_MIN) {
                throw new ArithmeticException("invertLowerTriangular: the " + d + "x" + d
                        + " matrix is singular (diagonal entry " + i + " is " + diag + ")");
            }
            System.arraycopy(ld, i * d, lower[i], 0, i + 1);
            Arrays.fill(lower[i], i + 1, d, 0.0);
        }
        RealMatrix lm = new Array2DRowRealMatrix(lower, false);
        // l's values are in lower now, so its row-major copy can take the inverse.
        double[] inv = ld;
        Arrays.fill(inv, 0, d * d, 0.0);
        double[] e = scratch.vector(d);
        // The solver overwrites e in place: the vector wraps it without a copy.
        ArrayRealVector ev = new ArrayRealVector(e, false);
        for (int k = 0; k < d; k++) {
            Arrays.fill(e, 0.0);
            e[k] = 1.0;
            MatrixUtils.solveLowerTriangularSystem(lm, ev);
            for (int i = k; i < d; i++) {
                inv[i * d + k] = e[i];
            }
        }
        View ov = view(out);
        writeRowMajor(inv, ov);
        ov.flush();
    }

    // ---- composite operations of the E-step ----------------------------------------------

    /**
     * Copies the entries of {@code a} in row-major order into {@code out}, block by block with
     * {@code System.arraycopy} per block row, as {@link #toRowMajor} does but without allocating.
     *
     * @param out length at least rows(a)·cols(a); only that prefix is written
     * @throws IllegalArgumentException if {@code out} is shorter than that
     */
    @Override
    public void copyToRowMajor(RealMatrix a, double[] out) {
        long size = (long) a.getRowDimension() * a.getColumnDimension();
        if (out.length < size) {
            throw new IllegalArgumentException("copyToRowMajor: a is " + shape(a) + " and needs " + size
                    + " values, out has length " + out.length);
        }
        readRowMajor(view(a), out);
    }

    /**
     * @return an empty 0×0 matrix: {@link #blockQuadraticForms} works through the rows in chunks
     *         of its own and needs no n×(K·w) scratch
     */
    @Override
    public RealMatrix blockQuadraticFormsScratch(int n, int width) {
        requireSizes("blockQuadraticFormsScratch", n, width);
        return zeros(0, 0);
    }

    /** Whether a scratch of r×c is the 0×0 of {@link #blockQuadraticFormsScratch} or n×kw. */
    private static boolean ownOrWhole(int r, int c, int n, int kw) {
        return r == 0 && c == 0 || r == n && c == kw;
    }

    /**
     * {@code out[i][k] = Σ_{j<w} ((x·f)[i][k·w + j] + offsets[k·w + j])²} in one fused pass over the
     * rows, without forming x·f. Commons Math has no such operation, and its products are scalar,
     * so each chunk of five block rows (260 rows) of x is gathered from the {@code BlockRealMatrix}
     * blocks, transposed, into the per-thread buffers of {@link QuadraticFormKernel}, which
     * accumulates the products, offsets and squares along the rows in loops the JIT vectorises, and
     * the chunk's K results are scattered into the blocks of {@code out}. Each entry is
     * {@code offsets[c]} plus its products summed in order, squared, and each block's squares summed
     * in order (the direct form). The library is single-threaded; with parallelism enabled and at
     * least {@link #PARALLEL_MIN_MULTIPLY_ADDS} multiply-adds, the chunks are split into one
     * contiguous range per core on this backend's own fork/join pool. Rows are independent, so the
     * result is the same bit for bit either way. {@code scratch} is only checked for its shape,
     * never written; the chunk buffers and the row-major copy of f are per thread and reused.
     *
     * <p>Measured with an ad-hoc harness (median wall ms of 15 calls, the variants interleaved;
     * JDK 17 with AVX2 on the project's 2-core EPYC while other jobs shared it, so ±30%): 100000×16
     * with f 16×128, 18–24 ms (one thread 25–26) against 160–178 ms for the SPI's default (this
     * backend's copy of the library's block product, then offsets and {@code blockRowSumsOfSquares})
     * and 172 ms for the library's own {@code BlockRealMatrix.multiply} alone, which also allocates
     * the 100 MB result; 1000000×8 with 8×32, 43–51 against 291–430 and 219–334; 20000×64 with
     * 64×1024, 98–155 against 703–882 and 662–710; 100000×2 with 2×6, 1.5 against 5.9–11.8 and
     * 3.0–4.3.
     *
     * @param x       n×d
     * @param f       d×(K·w)
     * @param offsets length K·w
     * @param scratch the 0×0 matrix of {@link #blockQuadraticFormsScratch}, or n×(K·w); not used
     * @param out     n×K with K ≥ 1 dividing cols(f), not x, f or scratch; overwritten
     * @throws IllegalArgumentException if a shape does not fit or {@code out} is an input
     */
    @Override
    public void blockQuadraticForms(RealMatrix x, RealMatrix f, double[] offsets, RealMatrix scratch, RealMatrix out) {
        int n = x.getRowDimension();
        int d = x.getColumnDimension();
        int kw = f.getColumnDimension();
        int k = out.getColumnDimension();
        if (f.getRowDimension() != d || offsets.length != kw || out.getRowDimension() != n || k < 1 || kw == 0
                || kw % k != 0 || !ownOrWhole(scratch.getRowDimension(), scratch.getColumnDimension(), n, kw)) {
            throw new IllegalArgumentException("blockQuadraticForms: x is " + shape(x) + ", f is " + shape(f)
                    + ", offsets has length " + offsets.length + ", scratch is " + shape(scratch) + ", out is "
                    + shape(out) + "; need f d x (K*w), offsets K*w, scratch 0 x 0 or n x (K*w) and out n x K with K, w >= 1");
        }
        if (out == x || out == f || out == scratch) {
            throw new IllegalArgumentException("blockQuadraticForms: out must not be x, f or scratch");
        }
        int w = kw / k;
        double[] fr = PARAMETERS.get();
        if (fr.length < d * kw) {
            fr = new double[d * kw];
            PARAMETERS.set(fr);
        }
        copyToRowMajor(f, fr);
        double[] fRowMajor = fr;
        View xv = view(x);
        View ov = view(out);
        int chunks = (xv.blockRows + CHUNK_BLOCK_ROWS - 1) / CHUNK_BLOCK_ROWS;
        boolean split = parallel && (long) n * Math.max(d, 1) * kw >= PARALLEL_MIN_MULTIPLY_ADDS;
        forRanges(chunks, split, (c0, c1) -> {
            QuadraticFormKernel.ChunkBuffers buf = QuadraticFormKernel.buffers(d, k, CHUNK_BLOCK_ROWS * BS);
            IntFunction<double[]> inputs = buf::input;
            IntFunction<double[]> results = buf::result;
            for (int chunk = c0; chunk < c1; chunk++) {
                int br0 = chunk * CHUNK_BLOCK_ROWS;
                int br1 = Math.min(br0 + CHUNK_BLOCK_ROWS, xv.blockRows);
                int rows = transposeBlockRows(xv, br0, br1, inputs, true);
                QuadraticFormKernel.compute(buf, d, fRowMajor, kw, offsets, w, rows);
                transposeBlockRows(ov, br0, br1, results, false);
            }
        });
        ov.flush();
    }

    /**
     * The E-step's normalisation fused into one pass per row over the blocks, as
     * {@link RowReductions#normalize} defines it: {@code logNorm} is bit for bit what
     * {@link #logSumExpRows} gives, {@code a_j −= logNorm}, and {@code resp_j} is {@code exp(a_j − m)}
     * divided by its row's sum, one exp per entry instead of two. Commons Math has no row-wise
     * operations, so this is a loop over the blocks (a row within one block column is contiguous in
     * its block; a wider row is gathered into a per-thread row buffer and scattered back). The
     * library is single-threaded; with parallelism enabled and at least
     * {@link #PARALLEL_MIN_NORMALIZE_ENTRIES} entries, the block rows are split into one range per
     * core on this backend's own fork/join pool, so the exp and log work uses every core. Rows are
     * independent, so the result is the same either way.
     *
     * @param a       n×k with k ≥ 1; overwritten with the log-responsibilities
     * @param logNorm n×1, not {@code a} or {@code resp}; overwritten
     * @param resp    n×k, not {@code a}; overwritten
     * @throws IllegalArgumentException if a shape does not fit or the outputs alias
     */
    @Override
    public void normalizeRows(RealMatrix a, RealMatrix logNorm, RealMatrix resp) {
        int n = a.getRowDimension();
        int k = a.getColumnDimension();
        if (k < 1 || logNorm.getRowDimension() != n || logNorm.getColumnDimension() != 1
                || resp.getRowDimension() != n || resp.getColumnDimension() != k) {
            throw new IllegalArgumentException("normalizeRows: a is " + shape(a) + ", logNorm is " + shape(logNorm)
                    + ", resp is " + shape(resp) + "; need a n x k with k >= 1, logNorm n x 1 and resp n x k");
        }
        if (resp == a || logNorm == a || logNorm == resp) {
            throw new IllegalArgumentException("normalizeRows: a, logNorm and resp must be distinct matrices");
        }
        View av = view(a);
        View lv = view(logNorm);
        View rv = view(resp);
        boolean split = parallel && (long) n * k >= PARALLEL_MIN_NORMALIZE_ENTRIES;
        forRanges(av.blockRows, split, (b0, b1) -> {
            // Per thread: this body runs on the backend's workers too.
            Scratch scratch = Scratch.get();
            double[] rowA = scratch.row(k);
            double[] rowR = scratch.rowResults(k);
            for (int br = b0; br < b1; br++) {
                int h = av.height(br);
                double[] ln = lv.block(br, 0);
                if (av.blockCols == 1) {
                    double[] ab = av.block(br, 0);
                    double[] rb = rv.block(br, 0);
                    for (int p = 0; p < h; p++) {
                        ln[p] = RowReductions.normalize(ab, rb, p * k, k);
                    }
                    continue;
                }
                for (int p = 0; p < h; p++) {
                    ln[p] = RowReductions.normalize(rowArray(av, br, p, rowA), rowR, 0, k);
                    scatterRow(rowA, av, br, p);
                    scatterRow(rowR, rv, br, p);
                }
            }
        });
        av.flush();
        lv.flush();
        rv.flush();
    }

    /**
     * Copies between block rows {@code [br0, br1)} of {@code v} and column arrays: entry (i, j) of
     * those rows, i counted from the first of them, is {@code columns.apply(j)[i]}. Into the arrays
     * when {@code toColumns}, otherwise from them into the blocks.
     *
     * @return the number of rows copied
     */
    private static int transposeBlockRows(View v, int br0, int br1, IntFunction<double[]> columns,
                                          boolean toColumns) {
        int rows = 0;
        for (int br = br0; br < br1; br++) {
            int h = v.height(br);
            for (int bc = 0; bc < v.blockCols; bc++) {
                int w = v.width(bc);
                double[] blk = v.block(br, bc);
                for (int j = 0; j < w; j++) {
                    double[] column = columns.apply(bc * BS + j);
                    if (toColumns) {
                        for (int p = 0, q = j; p < h; p++, q += w) {
                            column[rows + p] = blk[q];
                        }
                    } else {
                        for (int p = 0, q = j; p < h; p++, q += w) {
                            blk[q] = column[rows + p];
                        }
                    }
                }
            }
            rows += h;
        }
        return rows;
    }

    /** A body run over a range {@code [from, to)} of chunks or block rows. */
    @FunctionalInterface
    private interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, count)}: in one call on this thread, or, when {@code split}
     * and the machine has several cores, as one contiguous range per core, this thread taking the
     * first and {@link Workers#POOL} the others, returning when all are done.
     */
    private static void forRanges(int count, boolean split, RangeBody body) {
        int tasks = split ? Math.min(count, Workers.THREADS) : 1;
        if (tasks < 2) {
            body.run(0, count);
            return;
        }
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int from = (int) ((long) count * t / tasks);
            int to = (int) ((long) count * (t + 1) / tasks);
            others[t - 1] = Workers.POOL.submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) count / tasks));
        for (ForkJoinTask<?> task : others) {
            task.join();
        }
    }

    /**
     * The worker threads of the row-wise loops: a pool of its own rather than the common pool,
     * whose workers clear their thread-locals after every task (JDK 17), which would throw away
     * the per-thread chunk buffers on every call. Created on first use; its threads are daemons.
     */
    private static final class Workers {
        static final int THREADS = Runtime.getRuntime().availableProcessors();
        static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, THREADS - 1));
    }

    // ---- storage -------------------------------------------------------------------------

    /**
     * The block-layout storage of a matrix: its own blocks for a matrix of this backend, none for
     * an empty matrix, and a copy for any other {@link RealMatrix} (written back by
     * {@link #flush()}).
     */
    private static final class View {
        final RealMatrix matrix;
        final double[][] blocks;
        final int rows;
        final int cols;
        final int blockRows;
        final int blockCols;
        final boolean copied;

        View(RealMatrix matrix, double[][] blocks, boolean copied) {
            this.matrix = matrix;
            this.blocks = blocks;
            this.rows = matrix.getRowDimension();
            this.cols = matrix.getColumnDimension();
            this.blockRows = (rows + BS - 1) / BS;
            this.blockCols = (cols + BS - 1) / BS;
            this.copied = copied;
        }

        int height(int br) {
            return Math.min(BS, rows - br * BS);
        }

        int width(int bc) {
            return Math.min(BS, cols - bc * BS);
        }

        double[] block(int br, int bc) {
            return blocks[br * blockCols + bc];
        }

        /** Writes a copied storage back into its matrix; nothing to do for direct storage. */
        void flush() {
            if (copied) {
                matrix.setSubMatrix(new BlockRealMatrix(rows, cols, blocks, false).getData(), 0, 0);
            }
        }
    }

    private static View view(RealMatrix m) {
        if (m instanceof BlockStorageMatrix) {
            return new View(m, ((BlockStorageMatrix) m).blocks, false);
        }
        if (m.getRowDimension() == 0 || m.getColumnDimension() == 0) {
            return new View(m, new double[0][], false);
        }
        return new View(m, BlockRealMatrix.toBlocksLayout(m.getData()), true);
    }

    /** Copies the entries of {@code v} into {@code data} in row-major order. */
    private static void readRowMajor(View v, double[] data) {
        copyRowMajor(v, data, true);
    }

    /** Copies row-major {@code data} (at least rows·cols long) into the blocks of {@code v}. */
    private static void writeRowMajor(double[] data, View v) {
        copyRowMajor(v, data, false);
    }

    /** Copies every row between the blocks of v and row-major {@code data}: into data when {@code toData}. */
    private static void copyRowMajor(View v, double[] data, boolean toData) {
        for (int br = 0; br < v.blockRows; br++) {
            for (int p = 0, h = v.height(br); p < h; p++) {
                copyRow(v, br, p, data, (br * BS + p) * v.cols, toData);
            }
        }
    }

    /**
     * Row p of block row br, contiguous: the block itself (the row starts at p·cols) when the
     * matrix has one block column, otherwise {@code row}, filled from the blocks (the row starts at 0).
     */
    private static double[] rowArray(View v, int br, int p, double[] row) {
        if (v.blockCols == 1) {
            return v.block(br, 0);
        }
        copyRow(v, br, p, row, 0, true);
        return row;
    }

    /** Where row p of a block row starts in the array {@link #rowArray} returns for it. */
    private static int rowOffset(View v, int p) {
        return v.blockCols == 1 ? p * v.cols : 0;
    }

    /** Writes {@code row[0 .. cols)} into row p of block row br of {@code v}: the inverse of rowArray. */
    private static void scatterRow(double[] row, View v, int br, int p) {
        copyRow(v, br, p, row, 0, false);
    }

    /**
     * Copies row p of block row br between the blocks of v and {@code row[off .. off+cols)}: into
     * row when {@code toRow}, otherwise into the blocks.
     */
    private static void copyRow(View v, int br, int p, double[] row, int off, boolean toRow) {
        for (int bc = 0; bc < v.blockCols; bc++) {
            int w = v.width(bc);
            double[] blk = v.block(br, bc);
            if (toRow) {
                System.arraycopy(blk, p * w, row, off + bc * BS, w);
            } else {
                System.arraycopy(row, off + bc * BS, blk, p * w, w);
            }
        }
    }

    /** NumPy's {@code np.add.reduce} over the entries in row-major order. */
    private static double numpySum(View v) {
        long total = (long) v.rows * v.cols;
        if (total == 0) {
            return 0.0;
        }
        // Always NumPy's full buffer: a shorter input only flushes it part-filled, at the end.
        double[] buf = Scratch.get().numpyBuffer;
        int fill = 0;
        double res = 0.0;
        for (int br = 0; br < v.blockRows; br++) {
            int h = v.height(br);
            // With one block column the whole block is one row-major run; otherwise each row of
            // each block is.
            int runs = v.blockCols == 1 ? 1 : h;
            for (int r = 0; r < runs; r++) {
                for (int bc = 0; bc < v.blockCols; bc++) {
                    double[] blk = v.block(br, bc);
                    int w = v.width(bc);
                    int off = v.blockCols == 1 ? 0 : r * w;
                    int len = v.blockCols == 1 ? blk.length : w;
                    while (len > 0) {
                        int take = Math.min(len, buf.length - fill);
                        System.arraycopy(blk, off, buf, fill, take);
                        fill += take;
                        off += take;
                        len -= take;
                        if (fill == buf.length) {
                            res += NumpySummation.sum(buf, 0, fill);
                            fill = 0;
                        }
                    }
                }
            }
        }
        if (fill > 0) {
            res += NumpySummation.sum(buf, 0, fill);
        }
        return res;
    }

    // ---- checks --------------------------------------------------------------------------

    private static void requireSizes(String method, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(method + ": sizes must be non-negative, got " + rows + "x" + cols);
        }
    }

    private static void requireSameShape(String method, RealMatrix a, RealMatrix out) {
        if (a.getRowDimension() != out.getRowDimension() || a.getColumnDimension() != out.getColumnDimension()) {
            throw new IllegalArgumentException(method + ": a is " + shape(a) + " but out is " + shape(out));
        }
    }

    private static void requireSquarePair(String method, String inName, RealMatrix in, RealMatrix out) {
        int d = in.getRowDimension();
        if (in.getColumnDimension() != d || out.getRowDimension() != d || out.getColumnDimension() != d) {
            throw new IllegalArgumentException(method + ": " + inName + " is " + shape(in) + " and out is "
                    + shape(out) + "; need both d x d");
        }
        if (in == out) {
            throw new IllegalArgumentException(method + ": out must not be " + inName);
        }
    }

    private static String shape(RealMatrix m) {
        return m.getRowDimension() + "x" + m.getColumnDimension();
    }
}
