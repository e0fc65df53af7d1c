package org.gmmharness.backend.nd4j;

import java.util.Map;

import org.bytedeco.javacpp.DoublePointer;

import org.gmmharness.linalg.Exponentials;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.MomentRows;
import org.gmmharness.linalg.NotPositiveDefiniteException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The {@link LinearAlgebra} SPI on ND4J's {@link INDArray} (nd4j-native: libnd4j's CPU kernels,
 * built for the CPU's SIMD level, and OpenBLAS), in double precision throughout.
 *
 * <p><b>Layout.</b> {@link #zeros} (which the EM loop uses for every output) creates column-major
 * ({@code 'f'}) arrays, the layout in which OpenBLAS writes a tall product fastest and in which
 * each column of an N×K matrix is one contiguous run; {@link #fromRowMajor} keeps the caller's
 * row-major layout ({@code 'c'}), which packs fastest as the left operand of the data products.
 * Every method accepts either order, and views.
 *
 * <p><b>Threads</b> (see {@link #configureThreads}): OpenBLAS runs single-threaded, and the steps
 * whose cost grows with N split their work over the backend's own threads ({@link Workers}: the
 * caller and one worker per further core), claiming row chunks or product blocks in turn. Results
 * never depend on the number of threads.
 *
 * <p><b>How the EM loop's steps run.</b> Everything that touches O(N) data works on ND4J's
 * off-heap buffers directly ({@link Dense}): no ND4J views or ops per chunk, and nothing allocated
 * per call once the per-thread buffers have their size.
 * <ul>
 *   <li>Products ({@link #multiply}): OpenBLAS's {@code cblas_dgemm} on the buffers, split along
 *       the inner size (the M-step's Rᵀ·design) or along the result's larger side.</li>
 *   <li>{@link #blockQuadraticForms} (the full and tied E-step): the product tile by tile, each
 *       tile post-processed (offsets added, squared, summed per block) while it is in cache.</li>
 *   <li>{@link #normalizeRows}, {@link #scaleAddRow}, {@link #columnSums}, {@link #sum},
 *       {@link #argmaxRows}, {@link #copyToRowMajor}, {@link #setRowMajor}: row chunks copied
 *       into Java arrays ({@code memcpy}), processed column by column by plain loops while in
 *       cache, copied back.</li>
 * </ul>
 * Why not libnd4j's ops for these: each is a separate pass over memory with 5–25 µs of overhead
 * per call, its reductions and broadcasts along the rows of a column-major N×K array walk one
 * strided row of K values at a time, ND4J's own {@code LogSumExp} shifts by the global rather than
 * the per-row maximum, and its thread pool took 4–8 ms to wake for a 0.05 ms sum.
 *
 * <p>libnd4j's ops remain where they are not on the EM loop's path: {@link #subtractColumn},
 * {@link #scaleRowsByColumn} (the two-pass covariance fallback), {@link #exp},
 * {@link #blockRowSumsOfSquares}, {@link #logSumExpRows} (composed of ND4J ops over a per-thread
 * scratch matrix, shifting each row by its own maximum), and every fallback for arrays BLAS cannot
 * address directly. The D×D Cholesky factor and triangular inverse are plain Java loops: ND4J's
 * {@code cholesky} and {@code triangularSolve} ops cost from hundreds of microseconds to hundreds
 * of milliseconds on these tiny matrices, against a few microseconds here.
 *
 * <p><b>Measured</b> on the 2-core benchmark machine while other jobs shared it (so ranges: min to
 * median over three runs, ms), the backend's calls of one iteration, before (ND4J's default
 * threads, the SPI's default composites) and after:
 * <pre>
 *                         W1 (100k,16,8)   W2 (1M,8,4)      W3 (20k,64,16)    W4 (100k,2,3)     W1 diag
 * blockQuadraticForms     55–77 → 26–35    112–136 → 58–70  201–259 → 96–114  2.3–24 → 1.7–3.8* -
 *   raw product x·f       21–27            40–54            75–89             0.5–1.3           -
 * normalizeRows           7.5–84 → 10–17   131–160 → 68–80  3.3–13 → 4.2–5.8  4.5–76 → 4.5–7.1  72–83 → 10–12
 * multiply Rᵀ·design      38–52 → 23–29    84–104 → 48–66   108–133 → 62–69   1.0–1.4 → 0.7–1.1 8.2–9.0 → 3.8–4.7
 * scaleAddRow N×K         0.8–16 → 1.1–7.9 6.4–17 → 3.4–4.5 0.5–16 → 0.2–0.3  0.7–16 → 0.2      3.4–16 → 0.5–0.7
 * sum N×1                 0.2 → 0.1–0.2    6.8–8.0 → 0.7–0.9 0.1 → 0.02       0.1–8.0 → 0.1     3.9–8.0 → 0.1
 * whole EM iteration      238–283 → 74–99  419–479 → 189–230 568–860 → 168–210 28–131 → 8–47   71–130 → 22–28
 *   (quieter machine)     71–88 → 33–38    150–203 → 96–105 174–216 → 83–94   10–16 → 4.3–6.4   26–35 → 10–13
 * </pre>
 * (*) with the tile rule for tiny products ({@link #BQF_MIN_CALL_WORK}), measured later on a
 * less loaded machine; before it, two threads contending for OpenBLAS's buffer lock took 22–35.
 *
 * <p><b>State.</b> Apart from ND4J's global settings (double as the default data type, the thread
 * counts above), instances hold only per-thread scratch buffers, grown when a larger size is asked
 * for and otherwise reused; they never affect results. Instances are safe to use from several
 * threads on distinct matrices.
 *
 * <p>Every method validates shapes and throws {@link IllegalArgumentException} naming the method and
 * the shapes; matrices must be rank-2 {@code DOUBLE} arrays, as this class creates them.
 */
public final class Nd4jLinearAlgebra implements LinearAlgebra<INDArray> {

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /**
     * A backend on the native build that this CPU supports. If ND4J's natives are not loaded yet,
     * first chooses that build ({@link NativeBuild}: the AVX-512, AVX2 or plain build, whichever
     * is on the class path and runs here), exactly as {@link Nd4jProvider} does; then sets ND4J's
     * default floating-point and data types to double, since ND4J defaults to float. Every array
     * this class creates is {@code DOUBLE} explicitly in any case.
     */
    public Nd4jLinearAlgebra() {
        NativeBuild.select(Nd4jLinearAlgebra.class.getClassLoader());
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        configureThreads();
    }

    /** Whether {@link #configureThreads} has run in this JVM. */
    private static boolean threadsConfigured;

    /**
     * Sets the thread counts of ND4J's native libraries, once per JVM (they are process-wide):
     * OpenBLAS single-threaded ({@code Nd4j.factory().blas().setMaxThreads(1)}, that is
     * {@code openblas_set_num_threads(1)}), and libnd4j's own pool and OpenMP to
     * {@link Workers#threads()} ({@code Environment.setMaxThreads}, {@code setMaxMasterThreads},
     * {@code NativeOps.setOmpNumThreads}); {@link #environment()} reports all three.
     *
     * <p>Why: this OpenBLAS is the pthreads build, whose worker threads keep spinning after each
     * product, and libnd4j runs its ops on a pool of its own; left at their defaults (both sized to
     * the cores) the two competed for the two cores of the benchmark machine, and every op after a
     * product paid for it: ND4J's log-sum-exp over 1000000×4 took 124 ms of wall time against 46
     * single-threaded, and the default normalizeRows 188 ms against 38.6 now. Two OpenBLAS threads
     * did not even speed up the product itself on these tall-skinny shapes: 100000×16 by 16×128
     * took 21.7–26.8 ms with two and 20.7–27.1 with one. So OpenBLAS is called single-threaded
     * from the backend's threads ({@link Workers}), which share the steps that grow with N and
     * never spin. libnd4j keeps one thread per core for the ND4J ops that remain, which are off
     * the EM loop's path and never run at the same time as the backend's threads.
     */
    private static synchronized void configureThreads() {
        if (threadsConfigured) {
            return;
        }
        threadsConfigured = true;
        int threads = Workers.threads();
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /** @return {@code "nd4j"} */
    @Override
    public String name() {
        return "nd4j";
    }

    /**
     * Which native build this backend runs on, for reports: ND4J's backend class and version, the
     * native classifier loaded (for example {@code linux-x86_64-avx2}) and its SIMD level, the
     * CPU's SIMD flags, the BLAS vendor, OpenBLAS's core type (the {@code OPENBLAS_CORETYPE}
     * variable and the kernels OpenBLAS chose), thread counts and memory limits.
     *
     * @return an ordered map of names to values; values are never null
     */
    public Map<String, String> environment() {
        return Nd4jEnvironment.describe();
    }

    // ---- creation and the boundary with Java arrays --------------------------------------

    /**
     * @return a new rows×cols column-major ({@code 'f'}) {@code DOUBLE} array of zeros, the layout
     *         in which ND4J's products write fastest
     * @throws IllegalArgumentException if a size is negative
     */
    @Override
    public INDArray zeros(int rows, int cols) {
        requireSizes("zeros", rows, cols);
        return Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'f');
    }

    /**
     * @param data row-major values, length rows·cols; copied, not retained
     * @return a new rows×cols row-major ({@code 'c'}) {@code DOUBLE} array holding {@code data}
     * @throws IllegalArgumentException if a size is negative or the length is not rows·cols
     */
    @Override
    public INDArray fromRowMajor(int rows, int cols, double[] data) {
        requireSizes("fromRowMajor", rows, cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("fromRowMajor: " + rows + "x" + cols + " needs "
                    + ((long) rows * cols) + " values, got " + data.length);
        }
        if (data.length == 0) {
            return Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'c');
        }
        return Nd4j.create(data, new long[] {rows, cols}, 'c');
    }

    /**
     * Copies {@code data} into {@code out}'s storage, in whatever order {@code out} has, without
     * reallocating it and without allocating: one {@code memcpy} for a row-major {@code out}, a
     * transpose through a per-thread Java buffer and one {@code memcpy} for a column-major one
     * ({@link Dense}); {@code assign} from a temporary row-major array for any other layout.
     *
     * @param data row-major values, length rows(out)·cols(out)
     * @param out  modified
     * @throws IllegalArgumentException if the length does not match
     */
    @Override
    public void setRowMajor(double[] data, INDArray out) {
        requireMatrix("setRowMajor", out);
        long size = out.length();
        if (data.length != size) {
            throw new IllegalArgumentException("setRowMajor: out is " + shape(out) + " and needs " + size
                    + " values, got " + data.length);
        }
        if (size == 0) {
            return;
        }
        Dense d = Dense.of(out);
        if (d != null && d.contiguousRowMajor()) {
            d.cursor().put(data, 0, data.length);
            return;
        }
        if (d != null) {
            d.writeRows(d.cursor(), 0, d.rows, colMajorOf(data, d.rows, d.cols), Workers.scratch().heap(1, data.length));
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
     * @return a new array with the entries of {@code a} in row-major order (see
     *         {@link #copyToRowMajor})
     */
    @Override
    public double[] toRowMajor(INDArray a) {
        requireMatrix("toRowMajor", a);
        long size = a.length();
        if (size == 0) {
            return new double[0];
        }
        double[] out = new double[Math.toIntExact(size)];
        copyToRowMajor(a, out);
        return out;
    }

    /**
     * Copies the entries of {@code a} in row-major order into {@code out} without allocating: one
     * {@code memcpy} from a row-major array; from a column-major one (as {@link #zeros} makes, such
     * as the M-step's K×m product) a {@code memcpy} into a per-thread Java buffer and a transpose
     * in Java, a few microseconds for parameter-sized matrices. Any other layout goes through a
     * row-major copy made by ND4J.
     *
     * @param out length at least rows(a)·cols(a); only that prefix is written
     * @throws IllegalArgumentException if {@code out} is too short
     */
    @Override
    public void copyToRowMajor(INDArray a, double[] out) {
        requireMatrix("copyToRowMajor", a);
        long size = a.size(0) * a.size(1);
        if (out.length < size) {
            throw new IllegalArgumentException("copyToRowMajor: a is " + shape(a) + " and needs " + size
                    + " values, out has " + out.length);
        }
        if (size == 0) {
            return;
        }
        int rows = (int) a.size(0);
        int cols = (int) a.size(1);
        Dense d = Dense.of(a);
        if (d != null && d.contiguousRowMajor()) {
            d.cursor().get(out, 0, (int) size);
            return;
        }
        if (d != null) {
            double[] colMajor = Workers.scratch().heap(0, (int) size);
            d.readRows(d.cursor(), 0, rows, colMajor, Workers.scratch().heap(1, (int) size));
            // colMajor[j·rows + i] = a[i][j]
            for (int i = 0; i < rows; i++) {
                for (int j = 0, q = i * cols; j < cols; j++) {
                    out[q + j] = colMajor[j * rows + i];
                }
            }
            return;
        }
        INDArray copy = a.dup('c');
        try {
            copy.castTo(DataType.DOUBLE).data().asNioDouble().get(out, 0, (int) size);
        } finally {
            copy.close();
        }
    }

    /**
     * @return row-major {@code data} (rows×cols) in column-major order, in a per-thread buffer
     *         (slot 0); {@code data} itself when it is a single row or column
     */
    private static double[] colMajorOf(double[] data, int rows, int cols) {
        if (rows == 1 || cols == 1) {
            return data;
        }
        double[] t = Workers.scratch().heap(0, data.length);
        Dense.transpose(data, rows, cols, t);
        return t;
    }

    /**
     * ND4J's {@code assign} from a view of the range (a native copy in either storage order),
     * instead of reading all of {@code a} as the default does.
     */
    @Override
    public void copyRows(INDArray a, int from, INDArray out) {
        requireMatrix("copyRows", a);
        requireMatrix("copyRows", out);
        int b = (int) out.size(0);
        if (out.size(1) != a.size(1) || from < 0 || from > a.size(0) - b || a == out) {
            throw new IllegalArgumentException("copyRows: rows " + from + " to " + ((long) from + b) + " of "
                    + shape(a) + " into " + shape(out));
        }
        if (b == 0 || a.size(1) == 0) {
            return;
        }
        out.assign(a.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()));
    }

    /**
     * The design columns formed where this backend keeps them, column-major: the block is read
     * once into a Java array, every column (a, c) is {@code x[:, a] ∘ x[:, c]} over contiguous
     * columns ({@link MomentRows#writeColumnMajor}), and the result is written back in one copy.
     * The default would form the rows row-major and transpose them into the column-major
     * buffer, a strided pass over the whole design that cost more than forming it. Arrays that
     * {@link Dense} cannot describe take the default.
     */
    @Override
    public void momentRows(INDArray x, INDArray out) {
        Dense dx = Dense.of(x);
        Dense dout = Dense.of(out);
        if (dx == null || dout == null || x == out
                || dout.rows != dx.rows || dout.cols != MomentRows.width(dx.cols)) {
            LinearAlgebra.super.momentRows(x, out);
            return;
        }
        int b = dx.rows;
        int d = dx.cols;
        Workers.Scratch s = Workers.scratch();
        double[] xs = s.heap(0, b * d);
        dx.readRows(dx.cursor(), 0, b, xs, s.heap(1, b * d));
        double[] design = s.heap(2, b * dout.cols);
        MomentRows.writeColumnMajor(xs, b, d, design);
        dout.writeRows(dout.cursor(), 0, b, design, dout.colMajor ? null : s.heap(1, b * dout.cols));
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

    // ---- products ------------------------------------------------------------------------

    /**
     * {@code c = op(a)·op(b)}: OpenBLAS's {@code cblas_dgemm} (α = 1, β = 0) called directly on
     * the arrays' buffers ({@link Dense}), single-threaded per call and split over the backend's
     * threads ({@link Workers}) when the product is large enough (about 2¹⁹ multiply-adds):
     * <ul>
     *   <li>a tall-skinny product with a large inner size and a small result, such as the
     *       M-step's Rᵀ·design (N×K by N×m, N ≫ K, m), is split along the inner size into a fixed
     *       number of blocks that depends only on the shape, each block's product written to a
     *       per-thread buffer and the blocks summed in order, so that results do not depend on
     *       the number of threads or on scheduling. These partial products are computed as
     *       designᵀ·R (m×K), the form with no transposed operand for a row-major design and a
     *       column-major R: measured on W1's 100000×8 by 100000×152 shape, 26 ms of CPU against 34
     *       for the Rᵀ·design form and 35 for ND4J's {@code gemm};</li>
     *   <li>otherwise the larger dimension of the result is split into row or column blocks
     *       written straight into {@code c}.</li>
     * </ul>
     * A column-major {@code c} (as {@link #zeros} makes) is written as it is; a row-major one as the
     * column-major cᵀ = op(b)ᵀ·op(a)ᵀ. Arrays that BLAS cannot address directly (strided views)
     * go through ND4J's {@link Nd4j#gemm}. {@code a} and {@code b} may be the same array;
     * {@code c} must be neither. A zero inner size gives zeros.
     *
     * @param c out: m×n, overwritten
     * @throws IllegalArgumentException if the inner sizes differ, {@code c} is not m×n, or
     *                                  {@code c} is {@code a} or {@code b}
     */
    @Override
    public void multiply(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c) {
        requireMatrix("multiply", a);
        requireMatrix("multiply", b);
        requireMatrix("multiply", c);
        long m = transA ? a.size(1) : a.size(0);
        long innerA = transA ? a.size(0) : a.size(1);
        long innerB = transB ? b.size(1) : b.size(0);
        long n = transB ? b.size(0) : b.size(1);
        if (innerA != innerB || c.size(0) != m || c.size(1) != n) {
            throw new IllegalArgumentException("multiply: op(a) is " + (transA ? "(" + shape(a) + ")^T" : shape(a))
                    + ", op(b) is " + (transB ? "(" + shape(b) + ")^T" : shape(b)) + ", c is " + shape(c)
                    + "; need op(a) m x k, op(b) k x n and c m x n");
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("multiply: c must not be a or b");
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (innerA == 0) {
            c.assign(0.0);
            return;
        }
        Dense da = Dense.of(a);
        Dense db = Dense.of(b);
        Dense dc = Dense.of(c);
        if (da == null || db == null || dc == null || innerA > Integer.MAX_VALUE) {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
            return;
        }
        product(Dense.Operand.of(da, transA), Dense.Operand.of(db, transB), dc, (int) m, (int) n, (int) innerA);
    }

    /** Products with fewer multiply-adds than this run on the calling thread alone. */
    private static final long PARALLEL_PRODUCT_WORK = 1L << 19;
    /** The inner size from which a product with a small result is split along it. */
    private static final int INNER_SPLIT_MIN = 8192;
    /** The most inner blocks of a split product (a function of the shape only, never of threads). */
    private static final int INNER_SPLIT_MAX_BLOCKS = 8;
    /** The largest result (m·n values) split along the inner size: each block needs a copy of it. */
    private static final long INNER_SPLIT_MAX_RESULT = 1L << 18;
    /** Rows or columns per block when the result itself is split. */
    private static final int RESULT_SPLIT_MIN = 64;

    /** {@code c = op(a)·op(b)}, m×n with inner size k ≥ 1; see {@link #multiply}. */
    private static void product(Dense.Operand a, Dense.Operand b, Dense c, int m, int n, int k) {
        long work = (long) m * n * k;
        boolean parallel = Workers.threads() > 1 && work >= PARALLEL_PRODUCT_WORK;
        if (parallel && k >= INNER_SPLIT_MIN && k >= 4L * Math.max(m, n) && (long) m * n <= INNER_SPLIT_MAX_RESULT) {
            innerSplitProduct(a, b, c, m, n, k);
            return;
        }
        // Column-major c: c = op(a)·op(b). Row-major c: its storage is cᵀ = op(b)ᵀ·op(a)ᵀ.
        Dense.Operand x = c.colMajor ? a : b.transposed();
        Dense.Operand y = c.colMajor ? b : a.transposed();
        int rows = c.colMajor ? m : n;
        int cols = c.colMajor ? n : m;
        if (!parallel || Math.max(rows, cols) < 2 * RESULT_SPLIT_MIN) {
            DoublePointer cc = c.cursor();
            Dense.gemm(x, x.dense.cursor(), 0, 0, y, y.dense.cursor(), 0, rows, cols, k, 0.0, cc, c.ld);
            return;
        }
        boolean byRows = rows >= cols;
        int extent = byRows ? rows : cols;
        int blocks = Math.min(extent / RESULT_SPLIT_MIN, 4 * Workers.threads());
        int per = (extent + blocks - 1) / blocks;
        int count = (extent + per - 1) / per;
        Workers.run(count, true, chunks -> {
            DoublePointer cx = x.dense.cursor();
            DoublePointer cy = y.dense.cursor();
            DoublePointer cc = c.cursor();
            long c0 = c.base.position();
            for (int q; (q = chunks.next()) >= 0; ) {
                int from = q * per;
                int len = Math.min(per, extent - from);
                if (byRows) {
                    cc.position(c0 + from);
                    Dense.gemm(x, cx, from, 0, y, cy, 0, len, cols, k, 0.0, cc, c.ld);
                } else {
                    cc.position(c0 + (long) from * c.ld);
                    Dense.gemm(x, cx, 0, 0, y, cy, from, rows, len, k, 0.0, cc, c.ld);
                }
            }
        });
    }

    /**
     * A product with a large inner size k and a small result, split into blocks along k: block t
     * computes the product of its slice into its own part of a buffer, and the parts are summed in
     * block order. The blocks' products are computed in whichever of the forms c = op(a)·op(b) and
     * cᵀ = op(b)ᵀ·op(a)ᵀ has fewer transposed operands.
     */
    private static void innerSplitProduct(Dense.Operand a, Dense.Operand b, Dense c, int m, int n, int k) {
        boolean direct = (a.trans ? 1 : 0) + (b.trans ? 1 : 0) <= 1;
        Dense.Operand x = direct ? a : b.transposed();
        Dense.Operand y = direct ? b : a.transposed();
        int rows = direct ? m : n;
        int cols = direct ? n : m;
        int blocks = Math.min(INNER_SPLIT_MAX_BLOCKS, k / (INNER_SPLIT_MIN / 2));
        int size = rows * cols;
        Workers.Scratch own = Workers.scratch();
        DoublePointer parts = own.offHeap((long) blocks * size);
        long parts0 = parts.position();
        Workers.run(blocks, true, chunks -> {
            DoublePointer cx = x.dense.cursor();
            DoublePointer cy = y.dense.cursor();
            DoublePointer cp = new DoublePointer(parts);
            for (int t; (t = chunks.next()) >= 0; ) {
                int from = (int) ((long) k * t / blocks);
                int to = (int) ((long) k * (t + 1) / blocks);
                cp.position(parts0 + (long) t * size);
                Dense.gemm(x, cx, 0, from, y, cy, 0, rows, cols, to - from, 0.0, cp, rows);
            }
        });
        double[] sum = own.heap(2, size);
        double[] part = own.heap(3, size);
        DoublePointer cp = new DoublePointer(parts);
        cp.position(parts0).get(sum, 0, size);
        for (int t = 1; t < blocks; t++) {
            cp.position(parts0 + (long) t * size).get(part, 0, size);
            for (int i = 0; i < size; i++) {
                sum[i] += part[i];
            }
        }
        // sum is column-major rows×cols: c itself (direct) or cᵀ, i.e. c in row-major order.
        double[] colMajor = sum;
        if (!direct) {
            colMajor = part;
            Dense.transpose(sum, m, n, colMajor);
        }
        c.writeRows(c.cursor(), 0, m, colMajor, own.heap(4, size));
    }

    // ---- broadcasts and element-wise operations -----------------------------------------

    /**
     * {@code out[i][j] = alpha·a[i][j] + v[j]} (two roundings when alpha ≠ 1, as NumPy's
     * {@code alpha * a + v}), in row chunks of about 8192 values over the backend's threads: each
     * chunk copied into a Java array ({@code memcpy} per column of a column-major array), updated
     * column by column, and copied back. libnd4j's {@link BroadcastAddOp} along the rows of a
     * column-major N×K array walks one row of K strided values at a time: on W2's 1000000×4,
     * 6.4–17 ms against 3.4–4.5 here (min–median, see the class documentation). Arrays that BLAS
     * cannot address directly use {@link ScalarMultiplication} and {@link BroadcastAddOp}.
     *
     * @param v   length cols(a)
     * @param out same shape as {@code a}; may be {@code a}; modified
     */
    @Override
    public void scaleAddRow(INDArray a, double alpha, double[] v, INDArray out) {
        requireSameShape("scaleAddRow", a, out);
        if (v.length != a.size(1)) {
            throw new IllegalArgumentException("scaleAddRow: a is " + shape(a) + " but v has length " + v.length);
        }
        if (a.isEmpty()) {
            return;
        }
        Dense da = Dense.of(a);
        Dense dout = out == a ? da : Dense.of(out);
        if (da != null && dout != null) {
            int n = da.rows;
            int cols = da.cols;
            int per = rowsPerChunk(cols);
            Workers.run((n + per - 1) / per, (long) n * cols >= PARALLEL_ELEMENTS, chunks -> {
                Workers.Scratch s = Workers.scratch();
                double[] buf = s.heap(0, per * cols);
                double[] tmp = s.heap(1, per * cols);
                DoublePointer ca = da.cursor();
                DoublePointer co = dout.cursor();
                for (int q; (q = chunks.next()) >= 0; ) {
                    int r0 = q * per;
                    int nr = Math.min(per, n - r0);
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
                }
            });
            return;
        }
        INDArray row = Nd4j.create(v, new long[] {v.length}, 'c');
        try {
            OpExecutioner ex = Nd4j.getExecutioner();
            if (alpha == 1.0) {
                ex.exec(new BroadcastAddOp(a, row, out, 1));
            } else {
                ex.exec(new ScalarMultiplication(a, null, out, alpha));
                ex.exec(new BroadcastAddOp(out, row, out, 1));
            }
        } finally {
            row.close();
        }
    }

    /** Values per chunk of the element-wise passes (three or four such chunks stay in L1/L2). */
    private static final int ELEMENTWISE_CHUNK = 8192;
    /** Element-wise passes over fewer values than this run on the calling thread alone. */
    private static final long PARALLEL_ELEMENTS = 1L << 15;

    /** @return rows per chunk of an element-wise pass over a matrix with {@code cols} columns */
    private static int rowsPerChunk(int cols) {
        return Math.max(64, Math.min(4096, ELEMENTWISE_CHUNK / Math.max(1, cols)));
    }

    /**
     * {@code out[i][j] = a[i][j] − v[i][0]}: libnd4j's {@link BroadcastSubOp} along the columns.
     *
     * @param v   rows(a)×1
     * @param out same shape as {@code a}; may be {@code a} (or {@code v} when a is n×1); modified
     */
    @Override
    public void subtractColumn(INDArray a, INDArray v, INDArray out) {
        requireSameShape("subtractColumn", a, out);
        requireMatrix("subtractColumn", v);
        if (v.size(0) != a.size(0) || v.size(1) != 1) {
            throw new IllegalArgumentException("subtractColumn: a is " + shape(a) + " so v must be "
                    + a.size(0) + "x1, got " + shape(v));
        }
        if (a.isEmpty()) {
            return;
        }
        INDArray col = vectorOf(v);
        boolean own = out == v;
        if (own) {
            // out aliases v: read from a copy so that no entry of v is overwritten before use.
            col = col.dup();
        }
        try {
            Nd4j.getExecutioner().exec(new BroadcastSubOp(a, col, out, 0));
        } finally {
            if (own) {
                col.close();
            }
        }
    }

    /**
     * {@code out[i][j] = a[i][j]·b[i][col]}: libnd4j's {@link BroadcastMulOp} along the columns,
     * with column {@code col} of {@code b} as a view (copied first only if it is strided, as in a
     * row-major {@code b}, or if {@code out} is {@code b}).
     *
     * @param b   rows(a)×k with 0 ≤ col &lt; k
     * @param out same shape as {@code a}; may be {@code a}; modified
     */
    @Override
    public void scaleRowsByColumn(INDArray a, INDArray b, int col, INDArray out) {
        requireSameShape("scaleRowsByColumn", a, out);
        requireMatrix("scaleRowsByColumn", b);
        if (b.size(0) != a.size(0) || col < 0 || col >= b.size(1)) {
            throw new IllegalArgumentException("scaleRowsByColumn: a is " + shape(a) + ", b is " + shape(b)
                    + ", col is " + col + "; need b with " + a.size(0) + " rows and 0 <= col < cols(b)");
        }
        if (a.isEmpty()) {
            return;
        }
        INDArray column = b.getColumn(col);
        boolean copy = out == b || column.elementWiseStride() != 1;
        if (copy) {
            column = column.dup('c');
        }
        try {
            Nd4j.getExecutioner().exec(new BroadcastMulOp(a, column, out, 0));
        } finally {
            if (copy) {
                column.close();
            }
        }
    }

    /**
     * {@code out[i][j] = exp(a[i][j])} with libnd4j's {@link Exp} transform, in place when
     * {@code out == a}.
     *
     * @param out same shape as {@code a}; may be {@code a}; modified
     */
    @Override
    public void exp(INDArray a, INDArray out) {
        requireSameShape("exp", a, out);
        if (a.isEmpty()) {
            return;
        }
        Nd4j.getExecutioner().exec(new Exp(a, out));
    }

    // ---- reductions ----------------------------------------------------------------------

    /**
     * {@code out[i][k] = Σ_{j<width} a[i][k·width + j]²}: libnd4j's {@link SquaredNorm} reduction
     * over a three-dimensional view of {@code a} (n×width×K for a column-major {@code a}, n×K×width
     * for a row-major one), reshaped without copying, straight into {@code out}.
     *
     * @param a     n×(K·width)
     * @param width at least 1, dividing cols(a)
     * @param out   n×K, not {@code a}; modified
     */
    @Override
    public void blockRowSumsOfSquares(INDArray a, int width, INDArray out) {
        requireMatrix("blockRowSumsOfSquares", a);
        requireMatrix("blockRowSumsOfSquares", out);
        long rows = a.size(0);
        if (width < 1 || a.size(1) % width != 0) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: a is " + shape(a) + " and width is "
                    + width + "; need width >= 1 dividing cols(a)");
        }
        long blocks = a.size(1) / width;
        if (out.size(0) != rows || out.size(1) != blocks) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: a is " + shape(a) + " with width "
                    + width + " so out must be " + rows + "x" + blocks + ", got " + shape(out));
        }
        if (out == a) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: out must not be a");
        }
        if (rows == 0 || blocks == 0) {
            return;
        }
        INDArray blocked;
        int dimension;
        if (a.ordering() == 'f') {
            blocked = a.reshape('f', new long[] {rows, width, blocks});
            dimension = 1;
        } else {
            blocked = a.reshape('c', new long[] {rows, blocks, width});
            dimension = 2;
        }
        Nd4j.getExecutioner().exec(new SquaredNorm(blocked, out, dimension));
    }

    /**
     * Row-wise log-sum-exp, stable for every row: {@code out[i] = m_i + log Σ_j exp(a[i][j] − m_i)}
     * with m_i the row maximum ({@link Max} reduction into {@code out}); a row whose maximum is
     * infinite or NaN gives that maximum (the shift is then 0, as SciPy does). Composed of ND4J
     * ops — {@link BroadcastSubOp} into a per-thread scratch matrix, {@link Exp} in place,
     * {@link Sum} along the rows into a scratch vector, {@link Log} in place, and an add into
     * {@code out} — since ND4J's {@code LogSumExp} shifts by the maximum of the whole array, not
     * of each row, and returns −∞ for rows far below the rest.
     *
     * @param a   n×k with k ≥ 1
     * @param out n×1, not {@code a}; modified
     */
    @Override
    public void logSumExpRows(INDArray a, INDArray out) {
        requireMatrix("logSumExpRows", a);
        requireMatrix("logSumExpRows", out);
        long rows = a.size(0);
        long cols = a.size(1);
        if (cols < 1 || out.size(0) != rows || out.size(1) != 1) {
            throw new IllegalArgumentException("logSumExpRows: a is " + shape(a) + " and out is " + shape(out)
                    + "; need a with at least one column and out " + rows + "x1");
        }
        if (out == a) {
            throw new IllegalArgumentException("logSumExpRows: out must not be a");
        }
        if (rows == 0) {
            return;
        }
        OpExecutioner ex = Nd4j.getExecutioner();
        Scratch s = scratch.get();
        INDArray max = s.vector(0, rows);
        ex.exec(new Max(a, max, 1));
        INDArray shift = max;
        boolean ownShift = false;
        if (!Double.isFinite(max.sumNumber().doubleValue())) {
            // Rare: some row maximum is ±∞ or NaN (or the sum overflowed). Shift those rows by 0.
            double[] m = max.toDoubleVector();
            for (int i = 0; i < m.length; i++) {
                if (!Double.isFinite(m[i])) {
                    m[i] = 0.0;
                }
            }
            shift = Nd4j.create(m, new long[] {m.length}, 'c');
            ownShift = true;
        }
        try {
            INDArray shifted = s.matrix(rows, cols, a.ordering());
            INDArray sums = s.vector(1, rows);
            ex.exec(new BroadcastSubOp(a, shift, shifted, 0));
            ex.exec(new Exp(shifted, shifted));
            ex.exec(new Sum(shifted, sums, 1));
            ex.exec(new Log(sums, sums));
            sums.addi(shift);
            out.assign(sums.reshape(rows, 1));
        } finally {
            if (ownShift) {
                shift.close();
            }
        }
    }

    /**
     * Column sums, in row chunks of about 8192 values over the backend's threads: each chunk
     * copied into a Java array and summed column by column with four interleaved accumulators,
     * the chunks' sums then added in chunk order, so the result does not depend on the threads.
     * libnd4j's {@link Sum} along the rows (used for arrays BLAS cannot address directly) is a
     * single-threaded pass that also allocates its result off-heap.
     *
     * @return {@code s[j] = Σ_i a[i][j]}, length cols(a); zeros when a has no rows
     */
    @Override
    public double[] columnSums(INDArray a) {
        requireMatrix("columnSums", a);
        long rows = a.size(0);
        int cols = (int) a.size(1);
        if (cols == 0) {
            return new double[0];
        }
        if (rows == 0) {
            return new double[cols];
        }
        Dense d = Dense.of(a);
        if (d != null) {
            return chunkedColumnSums(d);
        }
        INDArray z = Nd4j.create(DataType.DOUBLE, new long[] {cols}, 'c');
        try {
            Nd4j.getExecutioner().exec(new Sum(a, z, 0));
            return z.toDoubleVector();
        } finally {
            z.close();
        }
    }

    /**
     * {@code Σ_i Σ_j a[i][j]}: the column sums of {@link #columnSums} added in column order (this
     * is the E-step's sum of N per-sample log-likelihoods). libnd4j's {@code sumNumber} took 7–8 ms
     * on an N×1 array of 100000 values on the benchmark machine, waking its thread pool, against
     * 0.05 ms of work; it remains for arrays BLAS cannot address directly.
     *
     * @return the sum; 0 for an empty matrix
     */
    @Override
    public double sum(INDArray a) {
        requireMatrix("sum", a);
        if (a.isEmpty()) {
            return 0.0;
        }
        Dense d = Dense.of(a);
        if (d == null) {
            return a.sumNumber().doubleValue();
        }
        double total = 0.0;
        for (double c : chunkedColumnSums(d)) {
            total += c;
        }
        return total;
    }

    /** Column sums of a non-empty matrix; see {@link #columnSums}. */
    private static double[] chunkedColumnSums(Dense d) {
        int n = d.rows;
        int cols = d.cols;
        int per = rowsPerChunk(cols);
        int count = (n + per - 1) / per;
        double[] partial = new double[count * cols];
        Workers.run(count, (long) n * cols >= PARALLEL_ELEMENTS, chunks -> {
            Workers.Scratch s = Workers.scratch();
            double[] buf = s.heap(0, per * cols);
            double[] tmp = s.heap(1, per * cols);
            DoublePointer ca = d.cursor();
            for (int q; (q = chunks.next()) >= 0; ) {
                int r0 = q * per;
                int nr = Math.min(per, n - r0);
                d.readRows(ca, r0, nr, buf, tmp);
                for (int j = 0; j < cols; j++) {
                    partial[q * cols + j] = sum(buf, j * nr, nr);
                }
            }
        });
        double[] out = new double[cols];
        for (int q = 0; q < count; q++) {
            for (int j = 0; j < cols; j++) {
                out[j] += partial[q * cols + j];
            }
        }
        return out;
    }

    /** @return the sum of {@code v[from .. from + n)}, with four interleaved accumulators */
    private static double sum(double[] v, int from, int n) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int i = from;
        int end = from + n;
        for (; i + 4 <= end; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < end; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Row-wise argmax, in row chunks over the backend's threads (each chunk copied into a Java
     * array): the first index of the largest entry, or of the first NaN as NumPy's {@code argmax}.
     * libnd4j's {@link Nd4j#argMax} along the rows of a column-major N×K array took 24 ms on
     * 1000000×4 and 8 ms on 100000×3 on the benchmark machine; it remains for arrays BLAS cannot
     * address directly.
     *
     * @return one index per row; empty when a has no rows
     * @throws IllegalArgumentException if a has rows but no columns
     */
    @Override
    public int[] argmaxRows(INDArray a) {
        requireMatrix("argmaxRows", a);
        int rows = (int) a.size(0);
        if (rows == 0) {
            return new int[0];
        }
        if (a.size(1) == 0) {
            throw new IllegalArgumentException("argmaxRows: a is " + shape(a) + "; a row needs at least one entry");
        }
        int[] out = new int[rows];
        Dense d = Dense.of(a);
        if (d != null) {
            int cols = d.cols;
            int per = rowsPerChunk(cols);
            Workers.run((rows + per - 1) / per, (long) rows * cols >= PARALLEL_ELEMENTS, chunks -> {
                Workers.Scratch s = Workers.scratch();
                double[] buf = s.heap(0, per * cols);
                double[] tmp = s.heap(1, per * cols);
                DoublePointer ca = d.cursor();
                for (int q; (q = chunks.next()) >= 0; ) {
                    int r0 = q * per;
                    int nr = Math.min(per, rows - r0);
                    d.readRows(ca, r0, nr, buf, tmp);
                    for (int i = 0; i < nr; i++) {
                        int best = 0;
                        double max = buf[i];
                        if (max == max) {
                            for (int j = 1, p = nr + i; j < cols; j++, p += nr) {
                                double v = buf[p];
                                if (v > max) {
                                    max = v;
                                    best = j;
                                } else if (v != v) {
                                    best = j;
                                    break;
                                }
                            }
                        }
                        out[r0 + i] = best;
                    }
                }
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
     * Lower Cholesky factor by the Cholesky–Banachiewicz loop in plain Java over the d×d values
     * (copied out with {@link #toRowMajor}, the factor copied back with {@link #setRowMajor}):
     * ND4J's {@code cholesky} op costs far more than the factorisation itself at these sizes.
     *
     * @param a   d×d; only the lower triangle is read; not modified
     * @param out d×d, not {@code a}; modified (zeros above the diagonal)
     * @throws NotPositiveDefiniteException naming d and the pivot if a pivot is not positive and
     *                                      finite (including NaN or infinite input)
     */
    @Override
    public void cholesky(INDArray a, INDArray out) {
        requireSquarePair("cholesky", "a", a, out);
        int d = (int) a.size(0);
        if (d == 0) {
            return;
        }
        double[] v = toRowMajor(a);
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = v[i * d + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (!(s > 0.0) || Double.isInfinite(s)) {
                        throw new NotPositiveDefiniteException("cholesky: the " + d + "x" + d
                                + " matrix is not positive definite (pivot " + i + " is " + s + ")");
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        setRowMajor(l, out);
    }

    /**
     * {@code out = l⁻¹} by forward substitution in plain Java over the d×d values, column by
     * column of the identity: ND4J's {@code triangularSolve} op costs far more than the solve at
     * these sizes. Only the lower triangle of {@code l} is read; {@code out} is zero above the
     * diagonal.
     *
     * @param l   d×d lower triangular with a non-zero diagonal; not modified
     * @param out d×d, not {@code l}; modified
     * @throws ArithmeticException if a diagonal entry of {@code l} is zero
     */
    @Override
    public void invertLowerTriangular(INDArray l, INDArray out) {
        requireSquarePair("invertLowerTriangular", "l", l, out);
        int d = (int) l.size(0);
        if (d == 0) {
            return;
        }
        double[] v = toRowMajor(l);
        for (int i = 0; i < d; i++) {
            if (v[i * d + i] == 0.0) {
                throw new ArithmeticException("invertLowerTriangular: the " + d + "x" + d
                        + " matrix is singular (diagonal entry " + i + " is zero)");
            }
        }
        double[] x = new double[d * d];
        for (int j = 0; j < d; j++) {
            x[j * d + j] = 1.0 / v[j * d + j];
            for (int i = j + 1; i < d; i++) {
                double s = 0.0;
                for (int k = j; k < i; k++) {
                    s += v[i * d + k] * x[k * d + j];
                }
                x[i * d + j] = -s / v[i * d + i];
            }
        }
        setRowMajor(x, out);
    }

    // ---- composite operations ------------------------------------------------------------

    /**
     * Values per tile of {@link #blockQuadraticForms} (128 KiB): the block of x·f that OpenBLAS
     * writes and Java post-processes while it is in L2. Measured (one thread, CPU time, runs
     * interleaved on the shared machine): W1 27–28 ms at 16384 against 30–42 at 4096; W3 104–116
     * at 16384 or more against 113–129 at 4096.
     */
    private static final int BQF_TILE = 16384;
    /** The fewest rows per tile (more components are split into groups instead), for gemm's sake. */
    private static final int BQF_MIN_ROWS = 64;
    /**
     * The most rows per tile: W2 (K·w = 32) took 55–64 ms with 128–256 rows against 72–89 with
     * 512, the post-processing then spilling out of L1.
     */
    private static final int BQF_MAX_ROWS = 256;
    /**
     * The fewest multiply-adds per product call, which overrides {@link #BQF_MAX_ROWS} (up to
     * 4096 rows) for tiny d·K·w: every {@code cblas_dgemm} call takes OpenBLAS's buffer lock twice,
     * and with two threads W4 (100000×2 by 2×6) in 391 calls of 256 rows took 22–32 ms against
     * 3 ms on one thread.
     */
    private static final int BQF_MIN_CALL_WORK = 1 << 16;

    /**
     * {@code out[i][k] = Σ_{j<w} ((x·f)[i][k·w + j] + offsets[k·w + j])²} in the direct form, tile
     * by tile so that the N×(K·w) product never reaches memory and {@code scratch} is never
     * touched: the rows are taken in chunks of R rows and the components in groups of G, with
     * R·G·w about {@value #BQF_TILE} values (R between 64 and 256); for each tile OpenBLAS's
     * {@code cblas_dgemm} writes the R×(G·w) block of x·f, column-major, into a per-thread
     * off-heap buffer, one {@code memcpy} brings it into a per-thread Java array, and column-wise
     * loops add the offsets, square and accumulate each block's sum in order j = 0, 1, …, w − 1
     * ({@link #squaredNorms}). Row chunks are shared by the backend's threads;
     * each writes its rows of {@code out}. No buffer grows with N, and nothing is allocated per call
     * beyond a few small objects.
     *
     * <p>Why: the default's three passes over the N×K·w scratch (product, broadcast add, squared
     * norm over a 3-d view) are bound by memory bandwidth (100 MB written and read back on W1),
     * and libnd4j's broadcasts and reductions along the rows are slow on these shapes. Measured
     * (min–median of three runs on the shared machine, see the class documentation): W1 55–77 ms
     * before against 26–35 now, W2 112–136 against 58–70, W3 201–259 against 96–114, the raw
     * product x·f alone (single-threaded OpenBLAS) taking 21–27, 40–54 and 75–89: 1.25–1.45×
     * that. On one thread the tiles cost 1.2–1.4 times the raw product (most on W2, where d = 8
     * makes the product itself cheap against the post-processing); on that loaded machine the
     * second thread gained little.
     *
     * <p>Arrays that BLAS cannot address directly fall back to the default.
     *
     * @param x       n×d
     * @param f       d×(K·w)
     * @param offsets length K·w
     * @param scratch the 0×0 matrix of {@link #blockQuadraticFormsScratch}, or n×(K·w); checked,
     *                never written (the fallback for views makes its own when it is 0×0)
     * @param out     n×K; overwritten
     * @throws IllegalArgumentException if a shape does not fit, w would be 0, or {@code out} or
     *                                  {@code scratch} is one of the inputs (or each other)
     */
    @Override
    public void blockQuadraticForms(INDArray x, INDArray f, double[] offsets, INDArray scratch, INDArray out) {
        requireMatrix("blockQuadraticForms", x);
        requireMatrix("blockQuadraticForms", f);
        requireMatrix("blockQuadraticForms", scratch);
        requireMatrix("blockQuadraticForms", out);
        long n = x.size(0);
        long d = x.size(1);
        long kw = f.size(1);
        long k = out.size(1);
        boolean ownScratch = scratch.size(0) == 0 && scratch.size(1) == 0;
        if (f.size(0) != d || offsets.length != kw || out.size(0) != n || k == 0 || kw == 0 || kw % k != 0
                || !ownScratch && (scratch.size(0) != n || scratch.size(1) != kw)) {
            throw new IllegalArgumentException("blockQuadraticForms: x is " + shape(x) + ", f is " + shape(f)
                    + ", offsets has length " + offsets.length + ", scratch is " + shape(scratch) + ", out is "
                    + shape(out) + "; need x n x d, f d x K*w with w >= 1, offsets of length K*w, scratch 0 x 0"
                    + " (blockQuadraticFormsScratch) or n x K*w, and out n x K");
        }
        if (out == x || out == f || out == scratch || scratch == x || scratch == f) {
            throw new IllegalArgumentException("blockQuadraticForms: out and scratch must be distinct from the"
                    + " inputs and from each other");
        }
        if (n == 0) {
            return;
        }
        Dense dx = Dense.of(x);
        Dense df = Dense.of(f);
        Dense dout = Dense.of(out);
        if (dx == null || df == null || dout == null || kw > Integer.MAX_VALUE / BQF_MIN_ROWS) {
            // The rare path (views BLAS cannot address): a scratch of its own, only when it needs one.
            INDArray product = ownScratch ? Nd4j.create(DataType.DOUBLE, new long[] {n, kw}, 'f') : scratch;
            try {
                LinearAlgebra.super.blockQuadraticForms(x, f, offsets, product, out);
            } finally {
                if (product != scratch) {
                    product.close();
                }
            }
            return;
        }
        int rows = (int) n;
        int depth = (int) d;
        int comps = (int) k;
        int w = (int) (kw / k);
        int per = Math.min(rows, tileRows((int) kw, depth));
        int group = Math.max(1, Math.min(comps, BQF_TILE / (per * w)));
        Dense.Operand xo = Dense.Operand.of(dx, false);
        Dense.Operand fo = Dense.Operand.of(df, false);
        boolean parallel = n * kw * (d + 2) >= PARALLEL_PRODUCT_WORK;
        Workers.run((rows + per - 1) / per, parallel, chunks -> {
            Workers.Scratch s = Workers.scratch();
            DoublePointer tile = s.offHeap((long) per * group * w);
            double[] h = s.heap(0, per * group * w);
            double[] acc = s.heap(1, per * comps);
            double[] tmp = s.heap(2, per * comps);
            DoublePointer cx = dx.cursor();
            DoublePointer cf = df.cursor();
            DoublePointer co = dout.cursor();
            for (int q; (q = chunks.next()) >= 0; ) {
                int r0 = q * per;
                int nr = Math.min(per, rows - r0);
                for (int g0 = 0; g0 < comps; g0 += group) {
                    int gc = Math.min(group, comps - g0);
                    Dense.gemm(xo, cx, r0, 0, fo, cf, g0 * w, nr, gc * w, depth, 0.0, tile, nr);
                    tile.get(h, 0, nr * gc * w);
                    for (int b = 0; b < gc; b++) {
                        squaredNorms(h, b * w * nr, nr, w, offsets, (g0 + b) * w, acc, (g0 + b) * nr);
                    }
                }
                dout.writeRows(co, r0, nr, acc, tmp);
            }
        });
    }

    /**
     * @return an empty 0×0 array: {@link #blockQuadraticForms} works in tiles of its own and needs
     *         no n×(K·w) scratch
     */
    @Override
    public INDArray blockQuadraticFormsScratch(int n, int width) {
        requireSizes("blockQuadraticFormsScratch", n, width);
        return zeros(0, 0);
    }

    /** @return rows per tile of {@link #blockQuadraticForms} for K·w = kw and inner size d */
    private static int tileRows(int kw, int d) {
        int per = Math.max(BQF_MIN_ROWS, Math.min(BQF_MAX_ROWS, BQF_TILE / kw));
        long callWork = (long) kw * Math.max(1, d);
        if (per * callWork < BQF_MIN_CALL_WORK) {
            per = (int) Math.min(4096, (BQF_MIN_CALL_WORK + callWork - 1) / callWork);
        }
        return per;
    }

    /**
     * {@code acc[a0 + i] = Σ_{j<w} (h[c0 + j·nr + i] + offsets[o0 + j])²} for i &lt; nr, summed
     * in order j = 0, 1, …, w − 1, up to four columns per pass over {@code acc} (the first pass
     * initialises it). The passes are bound by cache bandwidth, not arithmetic (they ran as fast
     * with the JIT's SIMD vectorisation turned off), so four columns per pass, which cuts the
     * loads and stores of {@code acc}, is what helps (5–10% against a first pass of one column).
     */
    private static void squaredNorms(double[] h, int c0, int nr, int w, double[] offsets, int o0, double[] acc,
                                     int a0) {
        int a1 = a0 + nr;
        for (int j = 0; j < w; j += 4) {
            int cols = Math.min(4, w - j);
            boolean first = j == 0;
            int s0 = c0 - a0 + j * nr;
            double p0 = offsets[o0 + j];
            if (cols == 1) {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    acc[i] = first ? v0 * v0 : acc[i] + v0 * v0;
                }
                continue;
            }
            int s1 = s0 + nr;
            double p1 = offsets[o0 + j + 1];
            if (cols == 2) {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    double v1 = h[s1 + i] + p1;
                    acc[i] = (first ? v0 * v0 : acc[i] + v0 * v0) + v1 * v1;
                }
                continue;
            }
            int s2 = s1 + nr;
            double p2 = offsets[o0 + j + 2];
            if (cols == 3) {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    double v1 = h[s1 + i] + p1;
                    double v2 = h[s2 + i] + p2;
                    acc[i] = ((first ? v0 * v0 : acc[i] + v0 * v0) + v1 * v1) + v2 * v2;
                }
                continue;
            }
            int s3 = s2 + nr;
            double p3 = offsets[o0 + j + 3];
            if (first) {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    double v1 = h[s1 + i] + p1;
                    double v2 = h[s2 + i] + p2;
                    double v3 = h[s3 + i] + p3;
                    acc[i] = ((v0 * v0 + v1 * v1) + v2 * v2) + v3 * v3;
                }
            } else {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    double v1 = h[s1 + i] + p1;
                    double v2 = h[s2 + i] + p2;
                    double v3 = h[s3 + i] + p3;
                    acc[i] = (((acc[i] + v0 * v0) + v1 * v1) + v2 * v2) + v3 * v3;
                }
            }
        }
    }

    /**
     * Normalises log-probabilities row by row in one fused pass: for each row the maximum m, the
     * terms e_j = exp(a_j − m) and their sum s, then {@code logNorm = m + log s},
     * {@code a_j −= logNorm} and {@code resp_j = e_j / s}. One {@code exp} per entry instead of the
     * default's two (the second, exp(a_j − logNorm), equals e_j / s to an ulp or two, and is no
     * more accurate: its argument carries the rounding of a_j − logNorm, up to ulp(|a_j|)). A row
     * whose maximum is infinite or NaN is shifted by 0, as the default's log-sum-exp does, so
     * logNorm is log Σ exp(a_j) (±∞ or NaN) and e_j / s is what the default's exp(a_j − logNorm)
     * gives there: NaN for ∞/∞ and 0/0, 0 for finite/∞ ({@link #normalizeChunk}).
     *
     * <p>Rows are taken in chunks of about 8192 values, shared by the backend's threads: each
     * chunk is copied into Java arrays ({@code memcpy} per column of a column-major array),
     * normalised column by column, and copied back, so nothing is allocated per call. Arrays that
     * BLAS cannot address directly fall back to the default.
     *
     * <p>Why, measured on W2's 1000000×4 (quiet machine, wall time): the default's nine ND4J ops
     * took 188 ms with ND4J's default threads and 69 ms with libnd4j on one thread; this takes
     * 68 ms on one thread and 38.6 on two. On one thread the two are even: {@code exp} (about
     * 5 ns per call in both libnd4j and the JIT's intrinsic) and {@code log} dominate, and the
     * saved second {@code exp} pays for the copies. The gain is in using both cores without
     * libnd4j's pool, whose multi-threaded reductions along the rows of a column-major N×K array
     * were erratic (its log-sum-exp alone 48–120 ms on two threads against 46 on one). On the
     * loaded machine: 131–160 ms before against 68–80 now (min–median).
     *
     * @param a       n×k log-probabilities, k ≥ 1; overwritten with the log-responsibilities
     * @param logNorm n×1; overwritten
     * @param resp    n×k; overwritten
     * @throws IllegalArgumentException if a shape does not fit or two of the arrays are the same
     */
    @Override
    public void normalizeRows(INDArray a, INDArray logNorm, INDArray resp) {
        requireMatrix("normalizeRows", a);
        requireMatrix("normalizeRows", logNorm);
        requireMatrix("normalizeRows", resp);
        long n = a.size(0);
        long k = a.size(1);
        if (k < 1 || logNorm.size(0) != n || logNorm.size(1) != 1 || resp.size(0) != n || resp.size(1) != k) {
            throw new IllegalArgumentException("normalizeRows: a is " + shape(a) + ", logNorm is " + shape(logNorm)
                    + ", resp is " + shape(resp) + "; need a n x k with k >= 1, logNorm n x 1 and resp n x k");
        }
        if (resp == a || logNorm == a || logNorm == resp) {
            throw new IllegalArgumentException("normalizeRows: a, logNorm and resp must be distinct arrays");
        }
        if (n == 0) {
            return;
        }
        Dense da = Dense.of(a);
        Dense dl = Dense.of(logNorm);
        Dense dr = Dense.of(resp);
        if (da == null || dl == null || dr == null) {
            LinearAlgebra.super.normalizeRows(a, logNorm, resp);
            return;
        }
        int rows = (int) n;
        int cols = (int) k;
        int per = rowsPerChunk(cols);
        Workers.run((rows + per - 1) / per, n * k >= PARALLEL_ELEMENTS / 4, chunks -> {
            Workers.Scratch s = Workers.scratch();
            double[] av = s.heap(0, per * cols);
            double[] rv = s.heap(1, per * cols);
            double[] tmp = s.heap(2, per * cols);
            double[] shift = s.heap(3, per);
            double[] sum = s.heap(4, per);
            double[] lse = s.heap(5, per);
            DoublePointer ca = da.cursor();
            DoublePointer cl = dl.cursor();
            DoublePointer cr = dr.cursor();
            for (int q; (q = chunks.next()) >= 0; ) {
                int r0 = q * per;
                int nr = Math.min(per, rows - r0);
                da.readRows(ca, r0, nr, av, tmp);
                normalizeChunk(av, rv, nr, cols, shift, sum, lse);
                da.writeRows(ca, r0, nr, av, tmp);
                dr.writeRows(cr, r0, nr, rv, tmp);
                dl.writeRows(cl, r0, nr, lse, tmp);
            }
        });
    }

    /**
     * Normalises the rows of a column-major chunk ({@code a[j·nr + i]} is entry (i, j)), column by
     * column (measured 40 ms of CPU for 1000000×4 against 65 for the same work row by row, whose
     * strided inner loops the JIT compiles worse); {@code exp} and {@code log} dominate, and exp is
     * skipped where it underflows ({@link Exponentials#expOrZero}: most entries of a well-separated
     * mixture, where the JIT's intrinsic is slowest):
     * the row shift (the maximum, or 0 when that is infinite or NaN, as the default's
     * log-sum-exp does), e = exp(a − shift) into {@code r} with its row sums, the log-sum-exp
     * shift + log(sum) into {@code lse}, then {@code a −= lse} and {@code r /= sum}. For a row
     * whose shift is 0 because of an infinite or NaN entry this gives what the default gives:
     * ∞/∞ and 0/0 are NaN where exp(a − lse) is exp(NaN), and finite/∞ is 0.
     */
    private static void normalizeChunk(double[] a, double[] r, int nr, int cols, double[] shift, double[] sum,
                                       double[] lse) {
        System.arraycopy(a, 0, shift, 0, nr);
        for (int j = 1; j < cols; j++) {
            int o = j * nr;
            for (int i = 0; i < nr; i++) {
                shift[i] = Math.max(shift[i], a[o + i]);
            }
        }
        for (int i = 0; i < nr; i++) {
            if (!Double.isFinite(shift[i])) {
                shift[i] = 0.0;
            }
            sum[i] = 0.0;
        }
        for (int j = 0; j < cols; j++) {
            int o = j * nr;
            for (int i = 0; i < nr; i++) {
                double e = Exponentials.expOrZero(a[o + i] - shift[i]);
                r[o + i] = e;
                sum[i] += e;
            }
        }
        for (int i = 0; i < nr; i++) {
            lse[i] = shift[i] + Math.log(sum[i]);
        }
        for (int j = 0; j < cols; j++) {
            int o = j * nr;
            for (int i = 0; i < nr; i++) {
                a[o + i] -= lse[i];
                r[o + i] /= sum[i];
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    /**
     * @return an n×1 matrix as a rank-1 array of length n (a view for the contiguous arrays this
     *         class creates); only ever read, never closed
     */
    private static INDArray vectorOf(INDArray v) {
        return v.reshape(v.ordering(), new long[] {v.length()});
    }

    private static void requireSizes(String method, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(method + ": sizes must be non-negative, got " + rows + "x" + cols);
        }
    }

    private static void requireMatrix(String method, INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(method + ": expected a matrix (rank 2), got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
    }

    private static void requireSameShape(String method, INDArray a, INDArray out) {
        requireMatrix(method, a);
        requireMatrix(method, out);
        if (a.size(0) != out.size(0) || a.size(1) != out.size(1)) {
            throw new IllegalArgumentException(method + ": a is " + shape(a) + " but out is " + shape(out));
        }
    }

    private static void requireSquarePair(String method, String inName, INDArray in, INDArray out) {
        requireMatrix(method, in);
        requireMatrix(method, out);
        if (in.size(0) != in.size(1) || out.size(0) != in.size(0) || out.size(1) != in.size(1)) {
            throw new IllegalArgumentException(method + ": " + inName + " is " + shape(in) + " and out is "
                    + shape(out) + "; need both d x d");
        }
        if (in == out) {
            throw new IllegalArgumentException(method + ": out must not be " + inName);
        }
    }

    private static String shape(INDArray m) {
        return m.rank() == 2 ? m.size(0) + "x" + m.size(1) : java.util.Arrays.toString(m.shape());
    }

    /**
     * Per-thread scratch for {@link #logSumExpRows}: one matrix and two vectors, kept while their
     * shape is requested again and freed (closed) when it changes.
     */
    private static final class Scratch {
        private INDArray matrix;
        private final INDArray[] vectors = new INDArray[2];

        INDArray matrix(long rows, long cols, char order) {
            if (matrix == null || matrix.size(0) != rows || matrix.size(1) != cols || matrix.ordering() != order) {
                release(matrix);
                matrix = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {rows, cols}, order);
            }
            return matrix;
        }

        INDArray vector(int slot, long length) {
            INDArray v = vectors[slot];
            if (v == null || v.length() != length) {
                release(v);
                v = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {length}, 'c');
                vectors[slot] = v;
            }
            return v;
        }

        private static void release(INDArray a) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }
}
