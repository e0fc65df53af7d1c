package org.gmmharness.backend.commonsmath;

import static org.gmmharness.backend.commonsmath.BlockView.BS;

import java.util.function.IntFunction;

import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.gmmharness.linalg.AbstractLinearAlgebra;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.QuadraticFormKernel;
import org.gmmharness.linalg.RowMajorBlocks;
import org.gmmharness.linalg.RowReductions;
import org.gmmharness.linalg.WorkerPool;

/**
 * The {@link LinearAlgebra} SPI on Apache Commons Math 3.6.1, with every non-empty matrix a
 * {@link BlockRealMatrix}: the kernels of {@link AbstractLinearAlgebra}, which checks every shape
 * first.
 *
 * <p>Matrices made here are a {@code BlockRealMatrix} that remembers its block array
 * ({@code BlockStorageMatrix}), or a small empty matrix of this package for a zero dimension,
 * which Commons Math cannot represent. Any other {@link RealMatrix} is accepted: it is copied into
 * block layout and, as an output, written back ({@code BlockView}); that is correct but slower.
 *
 * <p>Products run the library's own block-product kernel into the caller's output
 * ({@code BlockProduct}); the factorisations run the library's algorithms on per-thread copies
 * ({@code Factorisations}). What the library lacks (broadcasts, exp, row reductions in NumPy's
 * order, the E-step's fused operations) are loops over the blocks that call core's kernels
 * ({@link RowReductions}, {@link QuadraticFormKernel}); exp and log are {@link Math#exp} and
 * {@link Math#log}, as in the EJML backend, so that the two agree to the last bit. The library is
 * single-threaded; the two E-step loops split large inputs over the backend's own
 * {@link WorkerPool}. Why each choice, with measurements: see the package notes.
 *
 * <p>Instances hold their {@code parallel} flag and their worker pool and are safe to use from
 * several threads on distinct matrices. Working arrays are per thread and reused ({@code Scratch}):
 * on this backend's own matrices, apart from the methods that return a new matrix or array, a call
 * allocates only a few small objects.
 */
public final class CommonsMathLinearAlgebra extends AbstractLinearAlgebra<RealMatrix> {

    /**
     * {@link #blockQuadraticForms} splits its rows across cores from this many multiply-adds
     * (n·d·K·w) on, when parallelism is enabled: about a millisecond of work, well above the cost
     * of the hand-off.
     */
    public static final long PARALLEL_MIN_MULTIPLY_ADDS = 1L << 19;

    /**
     * {@link #normalizeRows} splits its rows across cores from this many entries (n·k) on, when
     * parallelism is enabled: about 0.2 ms of exp work, several times the cost of the hand-off.
     */
    public static final long PARALLEL_MIN_NORMALIZE_ENTRIES = 1L << 15;

    /**
     * {@link #blockQuadraticForms} takes x in chunks of this many 52-row block rows (260 rows): with
     * d ≤ 64 the transposed chunk is at most 133 KB, in L2.
     */
    private static final int CHUNK_BLOCK_ROWS = 5;

    /** Per-thread row-major copy of blockQuadraticForms' f, grown when a call needs more. */
    private static final ThreadLocal<double[]> PARAMETERS = ThreadLocal.withInitial(() -> new double[0]);

    private final boolean parallel;
    private final WorkerPool workers;

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
        this.workers = WorkerPool.perCore("gmm-commons-math-worker");
    }

    /** @return {@code "commons-math"} */
    @Override
    public String name() {
        return "commons-math";
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

    // ---- creation and the boundary with Java arrays --------------------------------------

    /** @return a new {@link BlockRealMatrix} of zeros, or an empty matrix of that shape when a size is 0 */
    @Override
    protected RealMatrix zerosUnchecked(int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return new EmptyRealMatrix(rows, cols);
        }
        return new BlockStorageMatrix(rows, cols);
    }

    /** Copies row-major values into the block layout of a new matrix. */
    @Override
    protected RealMatrix fromRowMajorUnchecked(int rows, int cols, double[] data) {
        RealMatrix m = zeros(rows, cols);
        BlockView.of(m).writeRowMajor(data);
        return m;
    }

    /** Copies row-major values into {@code out}'s blocks. */
    @Override
    protected void setRowMajorUnchecked(double[] data, RealMatrix out) {
        BlockView v = BlockView.of(out);
        v.writeRowMajor(data);
        v.flush();
    }

    /** Copies the blocks' rows into {@code out}, with one {@code System.arraycopy} per row of a block. */
    @Override
    protected void copyToRowMajorUnchecked(RealMatrix a, double[] out) {
        BlockView.of(a).readRowMajor(out);
    }

    /**
     * Copies the range row by row between the two matrices' blocks, through this thread's row array:
     * the M-step copies each block's rows of X and of the responsibilities, so a fresh row per call
     * was most of its garbage.
     */
    @Override
    protected void copyRowsUnchecked(RealMatrix a, int from, RealMatrix out) {
        BlockView av = BlockView.of(a);
        BlockView ov = BlockView.of(out);
        double[] row = Scratch.get().row(av.cols);
        for (int i = 0, b = ov.rows; i < b; i++) {
            int r = from + i;
            av.copyRow(r / BS, r % BS, row, 0, true);
            ov.copyRow(i / BS, i % BS, row, 0, false);
        }
        ov.flush();
    }

    /**
     * False: the M-step's product is the SPI base's plain-Java kernel, without forming the design,
     * which the library's block product would read in loops C2 leaves scalar.
     */
    @Override
    protected boolean formsMomentDesign() {
        return false;
    }

    // ---- products ------------------------------------------------------------------------

    /** {@link BlockProduct#multiply}: the library's block kernel, bit for bit {@code op(a).multiply(op(b))}. */
    @Override
    protected void multiplyUnchecked(RealMatrix a, boolean transA, RealMatrix b, boolean transB, RealMatrix c,
                                     int m, int n, int k) {
        BlockView cv = BlockView.of(c);
        BlockProduct.multiply(BlockView.of(a), transA, BlockView.of(b), transB, cv, k);
        cv.flush();
    }

    // ---- broadcasts and element-wise operations -----------------------------------------

    /** {@link RowMajorBlocks#scaleAddRow} block by block; Commons Math has no row broadcast. */
    @Override
    protected void scaleAddRowUnchecked(RealMatrix a, double alpha, double[] v, RealMatrix out) {
        BlockView av = BlockView.of(a);
        BlockView ov = BlockView.of(out);
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            for (int bc = 0; bc < av.blockCols; bc++) {
                RowMajorBlocks.scaleAddRow(av.block(br, bc), ov.block(br, bc), h, av.width(bc), alpha, v, bc * BS);
            }
        }
        ov.flush();
    }

    /** {@link RowMajorBlocks#subtractColumn} block by block; Commons Math has no column broadcast. */
    @Override
    protected void subtractColumnUnchecked(RealMatrix a, RealMatrix v, RealMatrix out) {
        BlockView av = BlockView.of(a);
        BlockView vv = BlockView.of(v);
        BlockView ov = BlockView.of(out);
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            // v is n×1: its block br holds the h entries of these rows.
            double[] vb = vv.block(br, 0);
            for (int bc = 0; bc < av.blockCols; bc++) {
                RowMajorBlocks.subtractColumn(av.block(br, bc), ov.block(br, bc), h, av.width(bc), vb, 0);
            }
        }
        ov.flush();
    }

    /**
     * Block by block; the scales of a block row are read before any of it is written, so
     * {@code out} may also alias {@code b} when shapes allow.
     */
    @Override
    protected void scaleRowsByColumnUnchecked(RealMatrix a, RealMatrix b, int col, RealMatrix out) {
        BlockView av = BlockView.of(a);
        BlockView bv = BlockView.of(b);
        BlockView ov = BlockView.of(out);
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
                RowMajorBlocks.scaleRows(av.block(br, bc), ov.block(br, bc), h, av.width(bc), scales, 0, 1);
            }
        }
        ov.flush();
    }

    /** {@link Math#exp} block by block (Commons Math has no element-wise exp on matrices). */
    @Override
    protected void expUnchecked(RealMatrix a, RealMatrix out) {
        BlockView av = BlockView.of(a);
        BlockView ov = BlockView.of(out);
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

    /** {@link RowReductions#sumOfSquares} per block of a row, row by row over the blocks. */
    @Override
    protected void blockRowSumsOfSquaresUnchecked(RealMatrix a, int width, RealMatrix out) {
        BlockView av = BlockView.of(a);
        BlockView ov = BlockView.of(out);
        Scratch scratch = Scratch.get();
        double[] row = scratch.row(av.cols);
        double[] sq = scratch.terms(width);
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            for (int p = 0; p < h; p++) {
                double[] src = av.rowArray(br, p, row);
                int off = av.rowOffset(p);
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

    /** {@link RowReductions#logSumExp} per row, row by row over the blocks. */
    @Override
    protected void logSumExpRowsUnchecked(RealMatrix a, RealMatrix out) {
        int cols = a.getColumnDimension();
        BlockView av = BlockView.of(a);
        BlockView ov = BlockView.of(out);
        Scratch scratch = Scratch.get();
        double[] row = scratch.row(cols);
        double[] shifted = scratch.terms(cols);
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            double[] o = ov.block(br, 0);
            for (int p = 0; p < h; p++) {
                double[] src = av.rowArray(br, p, row);
                o[p] = RowReductions.logSumExp(src, av.rowOffset(p), cols, shifted);
            }
        }
        ov.flush();
    }

    /**
     * Column sums in NumPy's order for {@code a.sum(axis=0)}: for one column, the order of
     * {@link #sum}; for more, each column accumulated row by row from zero.
     */
    @Override
    protected double[] columnSumsUnchecked(RealMatrix a) {
        BlockView av = BlockView.of(a);
        if (av.cols == 1) {
            return new double[] {av.numpySum(Scratch.get().numpyBuffer)};
        }
        double[] s = new double[av.cols];
        for (int br = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            for (int bc = 0; bc < av.blockCols; bc++) {
                RowMajorBlocks.addColumnSums(av.block(br, bc), h, av.width(bc), s, bc * BS);
            }
        }
        return s;
    }

    /** {@link BlockView#numpySum}: NumPy's order for {@code np.sum(a)}. */
    @Override
    protected double sumUnchecked(RealMatrix a) {
        return BlockView.of(a).numpySum(Scratch.get().numpyBuffer);
    }

    /** {@link RowReductions#argmax} per row, row by row over the blocks. */
    @Override
    protected int[] argmaxRowsUnchecked(RealMatrix a) {
        int rows = a.getRowDimension();
        int cols = a.getColumnDimension();
        BlockView av = BlockView.of(a);
        int[] idx = new int[rows];
        double[] row = Scratch.get().row(cols);
        for (int br = 0, i = 0; br < av.blockRows; br++) {
            int h = av.height(br);
            for (int p = 0; p < h; p++, i++) {
                idx[i] = RowReductions.argmax(av.rowArray(br, p, row), av.rowOffset(p), cols);
            }
        }
        return idx;
    }

    // ---- small dense factorisations ------------------------------------------------------

    /** {@link Factorisations#cholesky}, the library's algorithm, on a per-thread row-major copy of a. */
    @Override
    protected void choleskyUnchecked(RealMatrix a, RealMatrix out) {
        int d = a.getRowDimension();
        double[] u = Scratch.get().square(d);
        copyToRowMajor(a, u);
        Factorisations.cholesky(u, d);
        BlockView ov = BlockView.of(out);
        ov.writeRowMajor(u);
        ov.flush();
    }

    /** {@link Factorisations#invertLower}, the library's forward substitution, on a per-thread copy of l. */
    @Override
    protected void invertLowerTriangularUnchecked(RealMatrix l, RealMatrix out) {
        int d = l.getRowDimension();
        double[] ld = Scratch.get().square(d);
        copyToRowMajor(l, ld);
        Factorisations.invertLower(ld, d);
        BlockView ov = BlockView.of(out);
        ov.writeRowMajor(ld);
        ov.flush();
    }

    // ---- composite operations of the E-step ----------------------------------------------

    /** @return an empty 0×0 matrix: the quadratic forms work in chunks of their own */
    @Override
    protected RealMatrix blockQuadraticFormsScratchUnchecked(int n, int width) {
        return zeros(0, 0);
    }

    /**
     * {@link QuadraticFormKernel#compute} over chunks of {@value #CHUNK_BLOCK_ROWS} block rows of
     * x, each gathered from the blocks, transposed, into the kernel's per-thread buffers, and its K
     * results scattered into the blocks of {@code out}; the N×(K·w) product is never formed and
     * {@code scratch} is never written. With parallelism enabled and at least
     * {@link #PARALLEL_MIN_MULTIPLY_ADDS} multiply-adds, the chunks are split into one contiguous
     * range per core on the backend's {@link WorkerPool}; the result is the same bit for bit.
     */
    @Override
    protected void blockQuadraticFormsUnchecked(RealMatrix x, RealMatrix f, double[] offsets, RealMatrix scratch,
                                                RealMatrix out) {
        int n = x.getRowDimension();
        int d = x.getColumnDimension();
        int kw = f.getColumnDimension();
        int k = out.getColumnDimension();
        int w = kw / k;
        double[] fr = PARAMETERS.get();
        if (fr.length < d * kw) {
            fr = new double[d * kw];
            PARAMETERS.set(fr);
        }
        copyToRowMajor(f, fr);
        double[] fRowMajor = fr;
        BlockView xv = BlockView.of(x);
        BlockView ov = BlockView.of(out);
        int chunks = (xv.blockRows + CHUNK_BLOCK_ROWS - 1) / CHUNK_BLOCK_ROWS;
        boolean split = parallel && (long) n * Math.max(d, 1) * kw >= PARALLEL_MIN_MULTIPLY_ADDS;
        workers.forRanges(chunks, split, (c0, c1) -> {
            QuadraticFormKernel.ChunkBuffers buf = QuadraticFormKernel.buffers(d, k, CHUNK_BLOCK_ROWS * BS);
            IntFunction<double[]> inputs = buf::input;
            IntFunction<double[]> results = buf::result;
            for (int chunk = c0; chunk < c1; chunk++) {
                int br0 = chunk * CHUNK_BLOCK_ROWS;
                int br1 = Math.min(br0 + CHUNK_BLOCK_ROWS, xv.blockRows);
                int rows = xv.transposeBlockRows(br0, br1, inputs, true);
                QuadraticFormKernel.compute(buf, d, fRowMajor, kw, offsets, w, rows);
                ov.transposeBlockRows(br0, br1, results, false);
            }
        });
        ov.flush();
    }

    /**
     * {@link RowReductions#normalize} per row over the blocks (a row within one block column is
     * contiguous in its block; a wider row is gathered into a per-thread row buffer and scattered
     * back). With parallelism enabled and at least {@link #PARALLEL_MIN_NORMALIZE_ENTRIES} entries,
     * the block rows are split into one range per core on the backend's {@link WorkerPool}; rows
     * are independent, so the result is the same either way.
     */
    @Override
    protected void normalizeRowsUnchecked(RealMatrix a, RealMatrix logNorm, RealMatrix resp) {
        int n = a.getRowDimension();
        int k = a.getColumnDimension();
        BlockView av = BlockView.of(a);
        BlockView lv = BlockView.of(logNorm);
        BlockView rv = BlockView.of(resp);
        boolean split = parallel && (long) n * k >= PARALLEL_MIN_NORMALIZE_ENTRIES;
        workers.forRanges(av.blockRows, split, (b0, b1) -> {
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
                    ln[p] = RowReductions.normalize(av.rowArray(br, p, rowA), rowR, 0, k);
                    av.scatterRow(rowA, br, p);
                    rv.scatterRow(rowR, br, p);
                }
            }
        });
        av.flush();
        lv.flush();
        rv.flush();
    }
}
