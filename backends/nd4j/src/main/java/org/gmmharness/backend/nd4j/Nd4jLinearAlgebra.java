package org.gmmharness.backend.nd4j;

import java.util.Map;

import org.gmmharness.linalg.LinearAlgebra;
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

/**
 * The {@link LinearAlgebra} SPI on ND4J's {@link INDArray} (nd4j-native: libnd4j's CPU kernels,
 * built for the CPU's SIMD level, and OpenBLAS), in double precision throughout.
 *
 * <p><b>Layout.</b> ND4J's products are fast only into a preallocated column-major ({@code 'f'})
 * result: OpenBLAS's kernels write a tall result column by column, and a row-major ({@code 'c'})
 * result of the same product ran two to four times slower here. So {@link #zeros} (which the EM
 * loop uses for every output) creates {@code 'f'} arrays, while {@link #fromRowMajor} keeps the
 * caller's row-major layout ({@code 'c'}): as the left operand of the big data product, a
 * row-major n×d matrix packs faster than a column-major one. Every method accepts either order.
 *
 * <p><b>Operations.</b> Products are {@link Nd4j#gemm} (OpenBLAS {@code dgemm}) into the given
 * output. Broadcasts are libnd4j's broadcast ops ({@link BroadcastAddOp}, {@link BroadcastSubOp},
 * {@link BroadcastMulOp}) and {@link ScalarMultiplication}, writing into the given output;
 * {@code exp} is libnd4j's {@link Exp}, in place when {@code out == a}. Reductions are libnd4j's
 * reduce ops into preallocated arrays: {@link Sum} for column and row sums, {@link Max} for row
 * maxima, {@link SquaredNorm} over a three-dimensional view (no copy) for the block sums of
 * squares, and {@link Nd4j#argMax} for the row-wise argmax.
 *
 * <p><b>Where ND4J lacks an op or its op is unsuitable</b>, the operation is composed here:
 * <ul>
 *   <li>Row-wise log-sum-exp is composed of ND4J ops (row max, broadcast subtract, exp, row sum,
 *       log, add) over a per-thread scratch matrix: ND4J's own {@code LogSumExp} subtracts the
 *       maximum of the whole array rather than of each row, so a row far below the others
 *       underflows to −∞.</li>
 *   <li>The D×D Cholesky factor and triangular inverse are plain Java loops over the matrix's
 *       values (Cholesky–Banachiewicz, forward substitution): ND4J's {@code cholesky} and
 *       {@code triangularSolve} ops cost from hundreds of microseconds to hundreds of
 *       milliseconds on these tiny matrices, against a few microseconds here.</li>
 * </ul>
 *
 * <p><b>State.</b> Apart from ND4J's global default data type (set to double by the constructor),
 * instances hold only a per-thread scratch buffer for the log-sum-exp, reused while the shape
 * stays the same, so that the EM loop allocates nothing off-heap per iteration; it never affects
 * results. Instances are safe to use from several threads on distinct matrices.
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
     * reallocating it ({@code assign} from a temporary row-major array, freed at once).
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
        INDArray src = Nd4j.create(data, out.shape(), 'c');
        try {
            out.assign(src);
        } finally {
            src.close();
        }
    }

    /**
     * @return a new array with the entries of {@code a} in row-major order: a copy of the storage
     *         for a row-major array, a transposing copy in Java for a column-major one
     */
    @Override
    public double[] toRowMajor(INDArray a) {
        requireMatrix("toRowMajor", a);
        int rows = (int) a.size(0);
        int cols = (int) a.size(1);
        if (rows == 0 || cols == 0) {
            return new double[0];
        }
        boolean plain = !a.isView() && a.offset() == 0 && a.data().length() == a.length()
                && a.dataType() == DataType.DOUBLE;
        if (plain && a.ordering() == 'c') {
            return a.data().asDouble();
        }
        if (plain && a.ordering() == 'f') {
            double[] colMajor = a.data().asDouble();
            double[] out = new double[rows * cols];
            for (int j = 0, p = 0; j < cols; j++) {
                for (int i = 0; i < rows; i++, p++) {
                    out[i * cols + j] = colMajor[p];
                }
            }
            return out;
        }
        INDArray copy = a.dup('c');
        try {
            return copy.castTo(DataType.DOUBLE).data().asDouble();
        } finally {
            copy.close();
        }
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
     * {@code c = op(a)·op(b)} with {@link Nd4j#gemm} (OpenBLAS {@code dgemm}, α = 1, β = 0)
     * straight into {@code c}; fastest when {@code c} is column-major, as {@link #zeros} makes it.
     * {@code a} and {@code b} may be the same array; {@code c} must be neither. A zero inner size
     * gives zeros.
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
        Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
    }

    // ---- broadcasts and element-wise operations -----------------------------------------

    /**
     * {@code out[i][j] = alpha·a[i][j] + v[j]}: libnd4j's {@link BroadcastAddOp} along the rows,
     * preceded by a {@link ScalarMultiplication} into {@code out} when alpha ≠ 1 (two roundings,
     * as NumPy's {@code alpha * a + v}).
     *
     * @param v   length cols(a); copied to a temporary ND4J vector, freed at once
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
     * Column sums with libnd4j's {@link Sum} reduction along the rows into a temporary vector
     * (freed at once).
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
        INDArray z = Nd4j.create(DataType.DOUBLE, new long[] {cols}, 'c');
        try {
            Nd4j.getExecutioner().exec(new Sum(a, z, 0));
            return z.toDoubleVector();
        } finally {
            z.close();
        }
    }

    /** @return {@code Σ_i Σ_j a[i][j]} with libnd4j's full {@link Sum}; 0 for an empty matrix */
    @Override
    public double sum(INDArray a) {
        requireMatrix("sum", a);
        if (a.isEmpty()) {
            return 0.0;
        }
        return a.sumNumber().doubleValue();
    }

    /**
     * Row-wise argmax with {@link Nd4j#argMax} along the columns: the first index of the largest
     * entry.
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
        INDArray idx = Nd4j.argMax(a, 1);
        try {
            long[] l = idx.toLongVector();
            int[] out = new int[rows];
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
