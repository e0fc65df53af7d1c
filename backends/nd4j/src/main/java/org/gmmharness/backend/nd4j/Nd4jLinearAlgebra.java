package org.gmmharness.backend.nd4j;

import java.util.Map;

import org.bytedeco.javacpp.DoublePointer;
import org.gmmharness.linalg.AbstractLinearAlgebra;
import org.gmmharness.linalg.Cholesky;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.NotPositiveDefiniteException;
import org.gmmharness.linalg.WorkerPool;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The {@link LinearAlgebra} SPI on ND4J's {@link INDArray} (nd4j-native: libnd4j's CPU kernels,
 * built for the CPU's SIMD level, and OpenBLAS), in double precision throughout: the kernels of
 * {@link AbstractLinearAlgebra}, which checks every shape first. Matrices must be rank-2
 * {@code DOUBLE} arrays, as this class creates them; {@link #rows} and {@link #cols} reject any
 * other rank.
 *
 * <p><b>Layout.</b> {@link #zeros} (which the EM loop uses for every output) creates column-major
 * ({@code 'f'}) arrays, the layout in which OpenBLAS writes a tall product fastest and in which
 * each column of an N×K matrix is one contiguous run; {@link #fromRowMajor} keeps the caller's
 * row-major layout ({@code 'c'}), which packs fastest as the left operand of the data products.
 * Every method accepts either order, and views.
 *
 * <p><b>How the EM loop's steps run.</b> Everything that touches O(N) data works on ND4J's
 * off-heap buffers directly ({@link Dense}), on the backend's own {@link WorkerPool} (OpenBLAS
 * itself runs single-threaded): products are OpenBLAS's {@code cblas_dgemm} ({@link BlasProducts}),
 * {@link #blockQuadraticForms} a tiled product post-processed while in cache
 * ({@link TiledQuadraticForms}), and {@link #normalizeRows}, {@link #scaleAddRow},
 * {@link #columnSums}, {@link #sum} and {@link #argmaxRows} one read–process–write loop over row
 * chunks ({@link RowChunks}, {@link ColumnMajorChunks}). libnd4j's ops remain off the EM loop's
 * path and as the fall-backs for arrays BLAS cannot address directly; the d×d factorisations are
 * core's plain-Java {@link Cholesky}. Why each choice, with measurements: see the package notes.
 *
 * <p><b>State.</b> Apart from ND4J's process-wide settings (double as the default data type, the
 * thread counts of {@link #Nd4jLinearAlgebra()}), instances hold their worker pool and per-thread
 * scratch, which never affect results. Instances are safe to use from several threads on distinct
 * matrices.
 */
public final class Nd4jLinearAlgebra extends AbstractLinearAlgebra<INDArray> {

    /** System property: how many threads (the caller included) the backend uses; default: all cores. */
    public static final String THREADS_PROPERTY = "gmmharness.nd4j.threads";

    private final ThreadLocal<OpScratch> scratch = ThreadLocal.withInitial(OpScratch::new);
    private final WorkerPool workers;
    private final BlasProducts products;

    /**
     * A backend on the native build that this CPU supports. If ND4J's natives are not loaded yet,
     * first chooses that build ({@link NativeBuild}: the AVX-512, AVX2 or plain build, whichever
     * is on the class path and runs here), exactly as {@link Nd4jProvider} does; then sets ND4J's
     * default floating-point and data types to double, since ND4J defaults to float, and the
     * thread counts of ND4J's native libraries, which are process-wide: OpenBLAS single-threaded
     * ({@code openblas_set_num_threads(1)}), libnd4j's own pool and OpenMP to the backend's thread
     * count. OpenBLAS is called from the backend's own threads instead; see the package notes.
     * Every instance sets the same values, so creating another changes nothing.
     */
    public Nd4jLinearAlgebra() {
        NativeBuild.select(Nd4jLinearAlgebra.class.getClassLoader());
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        this.workers = new WorkerPool(configuredThreads(), "gmm-nd4j-worker");
        this.products = new BlasProducts(workers);
        int threads = workers.threads();
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /** @return {@value #THREADS_PROPERTY} if set to a positive integer, otherwise the number of cores */
    private static int configuredThreads() {
        String v = System.getProperty(THREADS_PROPERTY);
        if (v != null) {
            try {
                int t = Integer.parseInt(v.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // Fall through to the default.
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** @return {@code "nd4j"} */
    @Override
    public String name() {
        return "nd4j";
    }

    /**
     * Which native build this backend runs on, for reports: ND4J's backend class and version, the
     * native classifier loaded and its SIMD level, the CPU's SIMD flags, the BLAS vendor, OpenBLAS's
     * core type, thread counts and memory limits ({@link Nd4jEnvironment}).
     *
     * @return an ordered map of names to values; values are never null
     */
    @Override
    public Map<String, String> environment() {
        return Nd4jEnvironment.describe(workers.threads(), THREADS_PROPERTY);
    }

    /** @return the number of rows of the rank-2 array {@code a} */
    @Override
    public int rows(INDArray a) {
        requireMatrix("rows", a);
        return (int) a.size(0);
    }

    /** @return the number of columns of the rank-2 array {@code a} */
    @Override
    public int cols(INDArray a) {
        requireMatrix("cols", a);
        return (int) a.size(1);
    }

    // ---- creation and the boundary with Java arrays --------------------------------------

    /** @return a new column-major ({@code 'f'}) {@code DOUBLE} array of zeros */
    @Override
    protected INDArray zerosUnchecked(int rows, int cols) {
        return Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'f');
    }

    /** @return a new row-major ({@code 'c'}) {@code DOUBLE} array holding a copy of {@code data} */
    @Override
    protected INDArray fromRowMajorUnchecked(int rows, int cols, double[] data) {
        if (data.length == 0) {
            return Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'c');
        }
        return Nd4j.create(data, new long[] {rows, cols}, 'c');
    }

    /**
     * {@link Dense#writeRowMajor}: {@code memcpy} into ND4J's buffer; {@code assign} from a temporary
     * row-major array for a layout BLAS cannot address.
     */
    @Override
    protected void setRowMajorUnchecked(double[] data, INDArray out) {
        Dense d = Dense.of(out);
        if (d != null) {
            d.writeRowMajor(data);
            return;
        }
        INDArray src = Nd4j.create(data, out.shape(), 'c');
        try {
            out.assign(src);
        } finally {
            src.close();
        }
    }

    /**
     * {@link Dense#readRowMajor}: {@code memcpy} from ND4J's buffer; a row-major copy made by ND4J
     * for a layout BLAS cannot address.
     */
    @Override
    protected void copyToRowMajorUnchecked(INDArray a, double[] out) {
        Dense d = Dense.of(a);
        if (d != null) {
            d.readRowMajor(out);
            return;
        }
        int size = (int) (a.size(0) * a.size(1));
        INDArray copy = a.dup('c');
        try {
            copy.castTo(DataType.DOUBLE).data().asNioDouble().get(out, 0, size);
        } finally {
            copy.close();
        }
    }

    /**
     * {@link Dense#copyRowsTo}, a {@code memcpy} per contiguous run, where both arrays are stored
     * alike; otherwise ND4J's {@code assign} from a view of the range. The M-step copies each
     * block's rows this way, and each {@code assign} paid for a view and for a libnd4j op.
     */
    @Override
    protected void copyRowsUnchecked(INDArray a, int from, INDArray out) {
        Dense src = Dense.of(a);
        Dense dst = Dense.of(out);
        if (src == null || dst == null || !src.copyRowsTo(from, dst)) {
            out.assign(a.get(NDArrayIndex.interval(from, from + out.size(0)), NDArrayIndex.all()));
        }
    }

    /** {@link BlockRows#fromRowSource}: block by block into the new array's buffer. */
    @Override
    protected INDArray fromRowSourceUnchecked(int rows, int cols, RowSource source) {
        return BlockRows.fromRowSource(rows, cols, source);
    }

    /** {@link BlockRows#setRows}: block by block through one Java array, or ND4J's own put for other arrays. */
    @Override
    protected void setRowsUnchecked(RowSource source, INDArray out) {
        if (!BlockRows.setRows(source, out)) {
            super.setRowsUnchecked(source, out);
        }
    }

    // ---- products ------------------------------------------------------------------------

    /**
     * {@link BlasProducts}: OpenBLAS's {@code cblas_dgemm} on the arrays' buffers, split over the
     * backend's threads. Arrays that BLAS cannot address directly (strided views) go through ND4J's
     * {@link Nd4j#gemm}.
     */
    @Override
    protected void multiplyUnchecked(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c,
                                     int m, int n, int k) {
        if (k == 0) {
            c.assign(0.0);
            return;
        }
        Dense da = Dense.of(a);
        Dense db = Dense.of(b);
        Dense dc = Dense.of(c);
        if (da == null || db == null || dc == null) {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
            return;
        }
        products.product(Dense.Operand.of(da, transA), Dense.Operand.of(db, transB), dc, m, n, k);
    }

    // ---- broadcasts and element-wise operations -----------------------------------------

    /**
     * Two roundings when alpha ≠ 1, as NumPy's {@code alpha * a + v}, in row chunks
     * ({@link RowChunks}) updated column by column. Arrays that BLAS cannot address directly use
     * libnd4j's ops ({@link LibNd4jOps#scaleAddRow}).
     */
    @Override
    protected void scaleAddRowUnchecked(INDArray a, double alpha, double[] v, INDArray out) {
        Dense da = Dense.of(a);
        Dense dout = out == a ? da : Dense.of(out);
        if (da != null && dout != null) {
            int n = da.rows;
            int cols = da.cols;
            int per = RowChunks.rowsPerChunk(cols);
            RowChunks.run(workers, n, per, (long) n * cols >= RowChunks.PARALLEL_ELEMENTS, s -> {
                double[] buf = s.heap(0, per * cols);
                double[] tmp = s.heap(1, per * cols);
                DoublePointer ca = da.cursor();
                DoublePointer co = dout.cursor();
                return (q, r0, nr) -> {
                    da.readRows(ca, r0, nr, buf, tmp);
                    for (int j = 0; j < cols; j++) {
                        double o = v[j];
                        int from = j * nr;
                        int to = from + nr;
                        if (alpha == 1.0) {
                            for (int i = from; i < to; i++) {
                                buf[i] = buf[i] + o;
                            }
                        } else {
                            for (int i = from; i < to; i++) {
                                buf[i] = alpha * buf[i] + o;
                            }
                        }
                    }
                    dout.writeRows(co, r0, nr, buf, tmp);
                };
            });
            return;
        }
        LibNd4jOps.scaleAddRow(a, alpha, v, out);
    }

    /** libnd4j's broadcast ({@link LibNd4jOps#subtractColumn}). */
    @Override
    protected void subtractColumnUnchecked(INDArray a, INDArray v, INDArray out) {
        LibNd4jOps.subtractColumn(a, v, out);
    }

    /** libnd4j's broadcast ({@link LibNd4jOps#scaleRowsByColumn}). */
    @Override
    protected void scaleRowsByColumnUnchecked(INDArray a, INDArray b, int col, INDArray out) {
        LibNd4jOps.scaleRowsByColumn(a, b, col, out);
    }

    /** libnd4j's {@link Exp} transform, in place when {@code out == a}. */
    @Override
    protected void expUnchecked(INDArray a, INDArray out) {
        Nd4j.getExecutioner().exec(new Exp(a, out));
    }

    // ---- reductions ----------------------------------------------------------------------

    /** libnd4j's reduction over a reshaped view ({@link LibNd4jOps#blockRowSumsOfSquares}). */
    @Override
    protected void blockRowSumsOfSquaresUnchecked(INDArray a, int width, INDArray out) {
        LibNd4jOps.blockRowSumsOfSquares(a, width, out);
    }

    /** {@link OpScratch#logSumExpRows}: composed of ND4J ops, each row shifted by its own maximum. */
    @Override
    protected void logSumExpRowsUnchecked(INDArray a, INDArray out) {
        scratch.get().logSumExpRows(a, out);
    }

    /**
     * Column sums in row chunks ({@link RowChunks}), each chunk summed column by column with four
     * interleaved accumulators ({@link ColumnMajorChunks#sum}) and the chunks' sums added in chunk
     * order, so the result does not depend on the threads. libnd4j's {@link Sum} along the rows
     * serves arrays BLAS cannot address directly.
     */
    @Override
    protected double[] columnSumsUnchecked(INDArray a) {
        Dense d = Dense.of(a);
        if (d != null) {
            return RowChunks.columnSums(workers, d);
        }
        INDArray z = Nd4j.create(DataType.DOUBLE, new long[] {a.size(1)}, 'c');
        try {
            Nd4j.getExecutioner().exec(new Sum(a, z, 0));
            return z.toDoubleVector();
        } finally {
            z.close();
        }
    }

    /**
     * The column sums of {@link #columnSums} added in column order (the E-step's sum of N
     * per-sample log-likelihoods); libnd4j's {@code sumNumber} for arrays BLAS cannot address.
     */
    @Override
    protected double sumUnchecked(INDArray a) {
        Dense d = Dense.of(a);
        if (d == null) {
            return a.sumNumber().doubleValue();
        }
        double total = 0.0;
        for (double c : RowChunks.columnSums(workers, d)) {
            total += c;
        }
        return total;
    }

    /**
     * {@link ColumnMajorChunks#argmaxRows} over row chunks ({@link RowChunks}); libnd4j's
     * {@link Nd4j#argMax} for arrays BLAS cannot address directly.
     */
    @Override
    protected int[] argmaxRowsUnchecked(INDArray a) {
        int rows = (int) a.size(0);
        int[] out = new int[rows];
        Dense d = Dense.of(a);
        if (d != null) {
            int cols = d.cols;
            int per = RowChunks.rowsPerChunk(cols);
            RowChunks.run(workers, rows, per, (long) rows * cols >= RowChunks.PARALLEL_ELEMENTS, s -> {
                double[] buf = s.heap(0, per * cols);
                double[] tmp = s.heap(1, per * cols);
                DoublePointer ca = d.cursor();
                return (q, r0, nr) -> {
                    d.readRows(ca, r0, nr, buf, tmp);
                    ColumnMajorChunks.argmaxRows(buf, nr, cols, out, r0);
                };
            });
            return out;
        }
        INDArray idx = Nd4j.argMax(a, 1);
        try {
            long[] l = idx.toLongVector();
            for (int i = 0; i < rows; i++) {
                out[i] = (int) l[i];
            }
            return out;
        } finally {
            idx.close();
        }
    }

    // ---- small dense factorisations ------------------------------------------------------

    /**
     * Core's {@link Cholesky#lower} on the d×d values, copied out and back: ND4J's {@code cholesky}
     * op costs far more than the factorisation itself at these sizes.
     */
    @Override
    protected void choleskyUnchecked(INDArray a, INDArray out) {
        int d = (int) a.size(0);
        double[] l = new double[d * d];
        int failed = Cholesky.lower(toRowMajor(a), d, l);
        if (failed >= 0) {
            throw new NotPositiveDefiniteException("cholesky: the " + d + "x" + d
                    + " matrix is not positive definite (pivot " + failed + " is " + l[failed * d + failed] + ")");
        }
        setRowMajor(l, out);
    }

    /**
     * Core's {@link Cholesky#invertLower} on the d×d values, copied out and back: ND4J's
     * {@code triangularSolve} op costs far more than the solve at these sizes.
     */
    @Override
    protected void invertLowerTriangularUnchecked(INDArray l, INDArray out) {
        int d = (int) l.size(0);
        double[] x = new double[d * d];
        int zero = Cholesky.invertLower(toRowMajor(l), d, x);
        if (zero >= 0) {
            throw new ArithmeticException("invertLowerTriangular: the " + d + "x" + d
                    + " matrix is singular (diagonal entry " + zero + " is zero)");
        }
        setRowMajor(x, out);
    }

    // ---- composite operations ------------------------------------------------------------

    /** {@link BlockRows#momentRows}, column-major; arrays it cannot address take the default. */
    @Override
    protected void momentRowsUnchecked(INDArray x, INDArray out) {
        if (!BlockRows.momentRows(x, out)) {
            super.momentRowsUnchecked(x, out);
        }
    }

    /**
     * False: the M-step's block product Rᵀ·[X, vech(x·xᵀ)] is the SPI base's plain-Java kernel on
     * row-major copies of the block, without forming the design: writing the b×(d + d(d+1)/2)
     * design rows cost more than OpenBLAS's product of them (see the package notes).
     */
    @Override
    protected boolean formsMomentDesign() {
        return false;
    }

    /** {@link BlockRows#rowKronecker}, column-major; arrays it cannot address take the default. */
    @Override
    protected void rowKroneckerUnchecked(INDArray w, INDArray x, INDArray out) {
        if (!BlockRows.rowKronecker(w, x, out)) {
            super.rowKroneckerUnchecked(w, x, out);
        }
    }

    /** Yes: products go to OpenBLAS's {@code dgemm} ({@link BlasProducts}). */
    @Override
    public boolean tunedProducts() {
        return true;
    }

    /** @return an empty 0×0 array: the quadratic forms work in tiles of their own */
    @Override
    protected INDArray blockQuadraticFormsScratchUnchecked(int n, int width) {
        return zeros(0, 0);
    }

    /**
     * {@link TiledQuadraticForms}: the product tile by tile, each tile post-processed while in
     * cache; {@code scratch} is never written. Arrays that BLAS cannot address directly fall back to
     * the default, with a scratch of their own when {@code scratch} is 0×0.
     */
    @Override
    protected void blockQuadraticFormsUnchecked(INDArray x, INDArray f, double[] offsets, INDArray scratch,
                                                INDArray out) {
        Dense dx = Dense.of(x);
        Dense df = Dense.of(f);
        Dense dout = Dense.of(out);
        if (dx == null || df == null || dout == null || f.size(1) > Integer.MAX_VALUE / TiledQuadraticForms.MIN_ROWS) {
            // The rare path (views BLAS cannot address): a scratch of its own, only when it needs one.
            INDArray product = scratch.size(0) == 0 ? Nd4j.create(DataType.DOUBLE, new long[] {x.size(0), f.size(1)}, 'f')
                    : scratch;
            try {
                blockQuadraticFormsByProduct(x, f, offsets, product, out);
            } finally {
                if (product != scratch) {
                    product.close();
                }
            }
            return;
        }
        TiledQuadraticForms.compute(workers, dx, df, offsets, dout, (int) out.size(1));
    }

    /**
     * The normalisation fused into one pass over row chunks ({@link RowChunks}): each chunk is
     * normalised column by column by {@link ColumnMajorChunks#normalize}, one exp per entry instead
     * of the default's two. Arrays that BLAS cannot address directly fall back to the default.
     */
    @Override
    protected void normalizeRowsUnchecked(INDArray a, INDArray logNorm, INDArray resp) {
        Dense da = Dense.of(a);
        Dense dl = Dense.of(logNorm);
        Dense dr = Dense.of(resp);
        if (da == null || dl == null || dr == null) {
            normalizeRowsInThreePasses(a, logNorm, resp);
            return;
        }
        int rows = da.rows;
        int cols = da.cols;
        int per = RowChunks.rowsPerChunk(cols);
        RowChunks.run(workers, rows, per, (long) rows * cols >= RowChunks.PARALLEL_ELEMENTS / 4, s -> {
            double[] av = s.heap(0, per * cols);
            double[] rv = s.heap(1, per * cols);
            double[] tmp = s.heap(2, per * cols);
            double[] shift = s.heap(3, per);
            double[] sum = s.heap(4, per);
            double[] lse = s.heap(5, per);
            DoublePointer ca = da.cursor();
            DoublePointer cl = dl.cursor();
            DoublePointer cr = dr.cursor();
            return (q, r0, nr) -> {
                da.readRows(ca, r0, nr, av, tmp);
                ColumnMajorChunks.normalize(av, rv, nr, cols, shift, sum, lse);
                da.writeRows(ca, r0, nr, av, tmp);
                dr.writeRows(cr, r0, nr, rv, tmp);
                dl.writeRows(cl, r0, nr, lse, tmp);
            };
        });
    }

    private static void requireMatrix(String method, INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(method + ": expected a matrix (rank 2), got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
    }
}
