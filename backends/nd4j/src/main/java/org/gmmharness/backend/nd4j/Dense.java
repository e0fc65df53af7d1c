package org.gmmharness.backend.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A rank-2 {@code DOUBLE} {@link INDArray} seen as BLAS sees a matrix: the address of entry (0, 0),
 * whether it is stored column-major (entry (i, j) at {@code i + j·ld}) or row-major
 * ({@code i·ld + j}), and the leading dimension. {@link #of} gives one for every array whose
 * entries are laid out that way, which includes every array this backend creates and every
 * row or column block of one; for any other array it gives null and the caller falls back to
 * ND4J's own ops.
 *
 * <p>Through it the backend reads and writes blocks of rows between ND4J's off-heap buffers and
 * Java arrays with one {@code memcpy} per contiguous run ({@link DoublePointer#get(double[], int, int)}),
 * and calls OpenBLAS's {@code cblas_dgemm} (the library ND4J's own products call) on sub-blocks
 * without creating ND4J views: views cost an ND4J shape buffer and several objects each, which
 * would matter for the thousands of row chunks of one call.
 *
 * <p>An instance holds the array, so its buffer stays reachable while the instance is in use. The
 * pointer {@link #base} is never moved: callers position their own copies ({@link #cursor()}).
 */
final class Dense {

    /** The array described; kept so that its buffer cannot be collected while in use. */
    final INDArray array;
    /** Entry (0, 0); never repositioned. */
    final DoublePointer base;
    final int rows;
    final int cols;
    /** Column-major (entry (i, j) at i + j·ld) rather than row-major (i·ld + j). */
    final boolean colMajor;
    /** The leading dimension, at least max(1, rows) when column-major and max(1, cols) when row-major. */
    final int ld;

    private Dense(INDArray array, DoublePointer base, int rows, int cols, boolean colMajor, int ld) {
        this.array = array;
        this.base = base;
        this.rows = rows;
        this.cols = cols;
        this.colMajor = colMajor;
        this.ld = ld;
    }

    /**
     * @return the BLAS view of {@code a}, or null if {@code a} is not a non-empty rank-2
     *         {@code DOUBLE} array with unit stride along one dimension (or too large for BLAS's
     *         32-bit sizes)
     */
    static Dense of(INDArray a) {
        if (a.rank() != 2 || a.dataType() != DataType.DOUBLE || a.isEmpty()) {
            return null;
        }
        long r = a.size(0);
        long c = a.size(1);
        if (r <= 0 || c <= 0 || r > Integer.MAX_VALUE || c > Integer.MAX_VALUE) {
            return null;
        }
        long s0 = a.stride(0);
        long s1 = a.stride(1);
        // Along a dimension of size 1 the stride is never used: treat it as whatever fits.
        boolean colMajor = (r == 1 || s0 == 1) && (c == 1 || s1 >= r);
        boolean rowMajor = (c == 1 || s1 == 1) && (r == 1 || s0 >= c);
        if (colMajor && rowMajor) {
            // A vector, or a 1x1 matrix: either description is right; keep the array's own order.
            colMajor = a.ordering() == 'f';
            rowMajor = !colMajor;
        }
        long ld;
        if (colMajor) {
            ld = c == 1 ? r : s1;
        } else if (rowMajor) {
            ld = r == 1 ? c : s0;
        } else {
            return null;
        }
        if (ld > Integer.MAX_VALUE || ld < 1) {
            return null;
        }
        DoublePointer p = new DoublePointer(a.data().addressPointer());
        return new Dense(a, p, (int) r, (int) c, colMajor, (int) ld);
    }

    /** @return a new pointer at {@link #base}, for one thread to reposition freely */
    DoublePointer cursor() {
        return new DoublePointer(base);
    }

    /** @return the position (in elements, for a copy of {@link #base}) of entry (i, j) */
    long at(int i, int j) {
        return base.position() + (colMajor ? i + (long) j * ld : (long) i * ld + j);
    }

    /** Whether the whole matrix is one contiguous run in row-major order. */
    boolean contiguousRowMajor() {
        return !colMajor && ld == cols;
    }

    /** Whether the whole matrix is one contiguous run in column-major order. */
    boolean contiguousColMajor() {
        return colMajor && ld == rows;
    }

    /**
     * Reads rows [r0, r0 + n) into {@code dst} in column-major order: entry (r0 + i, j) to
     * {@code dst[j·n + i]}.
     *
     * @param cursor a pointer of this thread's, repositioned here
     * @param tmp    scratch of at least n·cols values, used for row-major storage
     */
    void readRows(DoublePointer cursor, int r0, int n, double[] dst, double[] tmp) {
        if (colMajor) {
            for (int j = 0; j < cols; j++) {
                cursor.position(at(r0, j)).get(dst, j * n, n);
            }
            return;
        }
        if (ld == cols || n == 1) {
            cursor.position(at(r0, 0)).get(tmp, 0, n * cols);
        } else {
            for (int i = 0; i < n; i++) {
                cursor.position(at(r0 + i, 0)).get(tmp, i * cols, cols);
            }
        }
        transpose(tmp, n, cols, dst);
    }

    /**
     * Writes {@code src}, rows [r0, r0 + n) in column-major order ({@code src[j·n + i]} is entry
     * (r0 + i, j)), into this matrix.
     *
     * @param cursor a pointer of this thread's, repositioned here
     * @param tmp    scratch of at least n·cols values, used for row-major storage
     */
    void writeRows(DoublePointer cursor, int r0, int n, double[] src, double[] tmp) {
        if (colMajor) {
            for (int j = 0; j < cols; j++) {
                cursor.position(at(r0, j)).put(src, j * n, n);
            }
            return;
        }
        transpose(src, cols, n, tmp);
        if (ld == cols || n == 1) {
            cursor.position(at(r0, 0)).put(tmp, 0, n * cols);
        } else {
            for (int i = 0; i < n; i++) {
                cursor.position(at(r0 + i, 0)).put(tmp, i * cols, cols);
            }
        }
    }

    /**
     * Copies rows [r0, r0 + to.rows) of this matrix into {@code to}, of the same width and storage
     * order, through this thread's heap buffer (slot 0): one {@code memcpy} each way per column of a
     * column-major pair, per row of a row-major pair, or for the whole range where both rows are
     * contiguous.
     *
     * @return false, copying nothing, if the widths or the storage orders differ
     */
    boolean copyRowsTo(int r0, Dense to) {
        if (to.cols != cols || to.colMajor != colMajor) {
            return false;
        }
        int n = to.rows;
        DoublePointer from = cursor();
        DoublePointer into = to.cursor();
        if (colMajor) {
            double[] buf = Buffers.get().heap(0, n);
            for (int j = 0; j < cols; j++) {
                from.position(at(r0, j)).get(buf, 0, n);
                into.position(to.at(0, j)).put(buf, 0, n);
            }
        } else if (ld == cols && to.ld == cols) {
            double[] buf = Buffers.get().heap(0, n * cols);
            from.position(at(r0, 0)).get(buf, 0, n * cols);
            into.position(to.at(0, 0)).put(buf, 0, n * cols);
        } else {
            double[] buf = Buffers.get().heap(0, cols);
            for (int i = 0; i < n; i++) {
                from.position(at(r0 + i, 0)).get(buf, 0, cols);
                into.position(to.at(i, 0)).put(buf, 0, cols);
            }
        }
        return true;
    }

    /**
     * Copies row-major {@code data} (rows·cols values) into the matrix: one {@code memcpy} when it is
     * contiguous row-major, otherwise a transpose through a per-thread buffer and a {@code memcpy} per
     * column.
     */
    void writeRowMajor(double[] data) {
        if (contiguousRowMajor()) {
            cursor().put(data, 0, data.length);
            return;
        }
        writeRows(cursor(), 0, rows, colMajorOf(data, rows, cols), Buffers.get().heap(1, data.length));
    }

    /**
     * Copies the matrix into {@code out} in row-major order: one {@code memcpy} when it is
     * contiguous row-major; from a column-major one (as the backend's {@code zeros} makes, such as
     * the M-step's K×m product) a {@code memcpy} per column into a per-thread buffer and a transpose
     * in Java, a few microseconds for parameter-sized matrices.
     *
     * @param out length at least rows·cols; that prefix is overwritten
     */
    void readRowMajor(double[] out) {
        int size = rows * cols;
        if (contiguousRowMajor()) {
            cursor().get(out, 0, size);
            return;
        }
        double[] colMajor = Buffers.get().heap(0, size);
        readRows(cursor(), 0, rows, colMajor, Buffers.get().heap(1, size));
        // colMajor[j·rows + i] = a[i][j]
        for (int i = 0; i < rows; i++) {
            for (int j = 0, q = i * cols; j < cols; j++) {
                out[q + j] = colMajor[j * rows + i];
            }
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
        double[] t = Buffers.get().heap(0, data.length);
        Dense.transpose(data, rows, cols, t);
        return t;
    }

    /** {@code dst[j·r + i] = src[i·c + j]}: a row-major r×c block to column-major. */
    static void transpose(double[] src, int r, int c, double[] dst) {
        if (c == 1 || r == 1) {
            System.arraycopy(src, 0, dst, 0, r * c);
            return;
        }
        for (int i = 0; i < r; i++) {
            int s = i * c;
            for (int j = 0; j < c; j++) {
                dst[j * r + i] = src[s + j];
            }
        }
    }

    // ---- products --------------------------------------------------------------------------

    /**
     * One operand of a column-major product {@code C = op(A)·op(B)}: the matrix as stored
     * column-major (S: the array itself if column-major, its transpose if row-major) and whether
     * the product needs S or Sᵀ.
     */
    static final class Operand {
        final Dense dense;
        /** Whether op(·) is Sᵀ, the stored matrix transposed. */
        final boolean trans;

        private Operand(Dense dense, boolean trans) {
            this.dense = dense;
            this.trans = trans;
        }

        /** @return the operand op(a) = a, or aᵀ if {@code transposed}, of the array {@code a} */
        static Operand of(Dense a, boolean transposed) {
            // S is the array if column-major, its transpose if row-major.
            return new Operand(a, transposed ^ !a.colMajor);
        }

        /** @return this operand transposed: op'(·) = op(·)ᵀ */
        Operand transposed() {
            return new Operand(dense, !trans);
        }

        /** @return the position of entry (i, j) of op(·) */
        long at(int i, int j) {
            // Entry (i, j) of S is at i + j·ld (relative to base); of Sᵀ at j + i·ld.
            long rel = trans ? j + (long) i * dense.ld : i + (long) j * dense.ld;
            return dense.base.position() + rel;
        }
    }

    /**
     * {@code C = op(A)·op(B) + beta·C} on an m×n block, with inner size k, all column-major:
     * {@code cblas_dgemm} with α = 1. The blocks start at entry (i0, p0) of op(A) and (p0, j0)
     * of op(B); C at the cursor's position with leading dimension ldc.
     *
     * @param ca cursor of this thread's for A, repositioned here
     * @param cb cursor of this thread's for B, repositioned here
     */
    static void gemm(Operand a, DoublePointer ca, int i0, int p0, Operand b, DoublePointer cb, int j0,
                     int m, int n, int k, double beta, DoublePointer c, int ldc) {
        ca.position(a.at(i0, p0));
        cb.position(b.at(p0, j0));
        cblas_dgemm(CblasColMajor, a.trans ? CblasTrans : CblasNoTrans, b.trans ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0, ca, a.dense.ld, cb, b.dense.ld, beta, c, ldc);
    }
}
