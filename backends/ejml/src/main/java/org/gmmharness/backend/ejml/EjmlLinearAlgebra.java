package org.gmmharness.backend.ejml;

import java.util.Arrays;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.gmmharness.linalg.AbstractLinearAlgebra;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.MomentProductKernel;
import org.gmmharness.linalg.MomentRows;
import org.gmmharness.linalg.NotPositiveDefiniteException;
import org.gmmharness.linalg.QuadraticFormKernel;
import org.gmmharness.linalg.RowKronecker;
import org.gmmharness.linalg.RowMajorBlocks;
import org.gmmharness.linalg.RowReductions;
import org.gmmharness.random.NumpySummation;

/**
 * The {@link LinearAlgebra} SPI on EJML's dense row-major {@link DMatrixRMaj}: the kernels of
 * {@link AbstractLinearAlgebra}, which checks every shape first.
 *
 * <p>Products are {@link CommonOps_DDRM}'s, or above a size its concurrent {@link CommonOps_MT_DDRM}
 * variants (bit for bit the same); the Cholesky factor is EJML's
 * {@link DecompositionFactory_DDRM#chol(int, boolean)} and the triangular inverse
 * {@link TriangularSolver_DDRM#invertLower(double[], double[], int)}; exp is EJML's
 * {@code elementExp}. The operations EJML lacks are core's plain-Java kernels run straight over
 * {@link DMatrixRMaj#data} ({@link RowReductions}, {@link QuadraticFormKernel}, {@link MomentRows},
 * {@link NumpySummation}), split by rows over EJML's own thread pool
 * ({@link EjmlConcurrency#loopBlocks}) where large. Why each choice: see the package notes.
 *
 * <p>Only the first {@code rows·cols} entries of a matrix's data array are read or written, since
 * EJML allows that array to be longer; EJML's habit of silently reshaping an output is never
 * relied on. Instances hold only their immutable {@code concurrent} flag and are safe to use from
 * several threads on distinct matrices.
 */
public final class EjmlLinearAlgebra extends AbstractLinearAlgebra<DMatrixRMaj> {

    /**
     * Products with at least this many multiply-adds (m·n·inner) go to EJML's concurrent
     * {@code _MT_} kernels when concurrency is enabled; below it the hand-off costs more than it
     * saves.
     */
    public static final long CONCURRENT_MIN_MULTIPLY_ADDS = 1L << 19;

    /**
     * A product with a transposed left operand (the M-step's Rᵀ·B) goes to
     * {@code CommonOps_MT_DDRM.multTransA} only from this many multiply-adds on: EJML's kernel
     * hands whole result rows to threads, each streaming B from memory.
     */
    public static final long CONCURRENT_MIN_MULTIPLY_ADDS_TRANS_A = 1L << 22;

    /**
     * {@link #normalizeRows} splits its rows across EJML's thread pool from this many entries
     * (n·k) on, when concurrency is enabled.
     */
    public static final long CONCURRENT_MIN_NORMALIZE_ENTRIES = 1L << 15;

    private final boolean concurrent;

    /** A backend that uses EJML's concurrent products for large matrices. */
    public EjmlLinearAlgebra() {
        this(true);
    }

    /**
     * @param concurrent whether large products and row loops may use EJML's thread pool (they also
     *                   need {@link EjmlConcurrency#isUseConcurrent()}); results are identical
     *                   either way
     */
    public EjmlLinearAlgebra(boolean concurrent) {
        this.concurrent = concurrent;
    }

    /** @return {@code "ejml"} */
    @Override
    public String name() {
        return "ejml";
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

    // ---- creation and the boundary with Java arrays --------------------------------------

    /** @return a new {@link DMatrixRMaj} of zeros */
    @Override
    protected DMatrixRMaj zerosUnchecked(int rows, int cols) {
        return new DMatrixRMaj(rows, cols);
    }

    /** @return a new matrix holding a copy of {@code data} */
    @Override
    protected DMatrixRMaj fromRowMajorUnchecked(int rows, int cols, double[] data) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        System.arraycopy(data, 0, m.data, 0, data.length);
        return m;
    }

    /** One {@code System.arraycopy} into {@link DMatrixRMaj#data}. */
    /** {@code data} becomes the matrix's storage ({@link DMatrixRMaj#wrap}): no copy. */
    @Override
    protected DMatrixRMaj adoptRowMajorUnchecked(int rows, int cols, double[] data) {
        return DMatrixRMaj.wrap(rows, cols, data);
    }

    /** All rows at once into {@link DMatrixRMaj#data}: no copy. */
    @Override
    protected void setRowsUnchecked(RowSource source, DMatrixRMaj out) {
        source.write(0, out.numRows, out.data);
    }

    @Override
    protected void setRowMajorUnchecked(double[] data, DMatrixRMaj out) {
        System.arraycopy(data, 0, out.data, 0, out.getNumElements());
    }

    /** One {@code System.arraycopy} of the first rows·cols entries of {@link DMatrixRMaj#data}. */
    @Override
    protected void copyToRowMajorUnchecked(DMatrixRMaj a, double[] out) {
        System.arraycopy(a.data, 0, out, 0, a.getNumElements());
    }

    /** One {@code System.arraycopy} of the range: a row-major matrix holds consecutive rows contiguously. */
    @Override
    protected void copyRowsUnchecked(DMatrixRMaj a, int from, DMatrixRMaj out) {
        System.arraycopy(a.data, from * a.numCols, out.data, 0, out.numRows * a.numCols);
    }

    /** {@link MomentRows#write} straight into {@code out}'s storage, without the default's two copies. */
    @Override
    protected void momentRowsUnchecked(DMatrixRMaj x, DMatrixRMaj out) {
        MomentRows.write(x.data, x.numRows, x.numCols, out.data);
    }

    /**
     * {@link MomentProductKernel} on the matrices' storage: the M-step's product without forming the
     * design, which EJML's {@code multTransA} would read with a loop C2 leaves scalar.
     */
    @Override
    protected void momentProductUnchecked(DMatrixRMaj resp, DMatrixRMaj x, DMatrixRMaj design, DMatrixRMaj product) {
        MomentProductKernel.rows(x.data, x.numRows, x.numCols, resp.data, resp.numCols, product.data);
    }

    /** False: {@link #momentProductUnchecked} never forms the design, so its scratch is 0×0. */
    @Override
    protected boolean formsMomentDesign() {
        return false;
    }

    /** w_i ⊗ x_i written straight into {@code out}'s storage ({@link RowKronecker#write}). */
    @Override
    protected void rowKroneckerUnchecked(DMatrixRMaj w, DMatrixRMaj x, DMatrixRMaj out) {
        RowKronecker.write(w.data, w.numCols, x.data, x.numCols, x.numRows, out.data);
    }

    // ---- products ------------------------------------------------------------------------

    /**
     * EJML's {@code mult}, {@code multTransA}, {@code multTransB} or {@code multTransAB}, their
     * {@code _MT_} variants from {@link #CONCURRENT_MIN_MULTIPLY_ADDS} multiply-adds
     * ({@link #CONCURRENT_MIN_MULTIPLY_ADDS_TRANS_A} for {@code multTransA}).
     */
    @Override
    protected void multiplyUnchecked(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c,
                                     int m, int n, int k) {
        boolean mt = concurrent && EjmlConcurrency.isUseConcurrent()
                && (long) m * n * k >= (transA && !transB ? CONCURRENT_MIN_MULTIPLY_ADDS_TRANS_A
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

    /** {@link RowMajorBlocks#scaleAddRow} over {@code data}; EJML has no row broadcast. */
    @Override
    protected void scaleAddRowUnchecked(DMatrixRMaj a, double alpha, double[] v, DMatrixRMaj out) {
        RowMajorBlocks.scaleAddRow(a.data, out.data, a.numRows, a.numCols, alpha, v, 0);
    }

    /** {@link RowMajorBlocks#subtractColumn} over {@code data}; EJML has no column broadcast. */
    @Override
    protected void subtractColumnUnchecked(DMatrixRMaj a, DMatrixRMaj v, DMatrixRMaj out) {
        RowMajorBlocks.subtractColumn(a.data, out.data, a.numRows, a.numCols, v.data, 0);
    }

    /** {@link RowMajorBlocks#scaleRows} over {@code data}; EJML's {@code multRows} wants a Java array and works in place only. */
    @Override
    protected void scaleRowsByColumnUnchecked(DMatrixRMaj a, DMatrixRMaj b, int col, DMatrixRMaj out) {
        // Each row's scale is read before the row is written: out may alias b when shapes allow.
        RowMajorBlocks.scaleRows(a.data, out.data, a.numRows, a.numCols, b.data, col, b.numCols);
    }

    /** EJML's {@code CommonOps_DDRM.elementExp}, which uses {@link Math#exp}. */
    @Override
    protected void expUnchecked(DMatrixRMaj a, DMatrixRMaj out) {
        CommonOps_DDRM.elementExp(a, out);
    }

    // ---- reductions ----------------------------------------------------------------------

    /** {@link RowReductions#sumOfSquares} per block, over {@code data}; EJML has no blocked reduction. */
    @Override
    protected void blockRowSumsOfSquaresUnchecked(DMatrixRMaj a, int width, DMatrixRMaj out) {
        double[] ad = a.data;
        double[] od = out.data;
        // Squares go to a scratch block first so that one summation routine serves every
        // reduction and the order is NumPy's; the block stays in L1.
        double[] sq = new double[width];
        for (int q = 0, total = a.numRows * out.numCols; q < total; q++) {
            od[q] = RowReductions.sumOfSquares(ad, q * width, width, sq);
        }
    }

    /** {@link RowReductions#logSumExp} per row, over {@code data}; EJML has no log-sum-exp. */
    @Override
    protected void logSumExpRowsUnchecked(DMatrixRMaj a, DMatrixRMaj out) {
        int rows = a.numRows;
        int cols = a.numCols;
        double[] ad = a.data;
        double[] od = out.data;
        double[] shifted = new double[cols];
        for (int i = 0; i < rows; i++) {
            od[i] = RowReductions.logSumExp(ad, i * cols, cols, shifted);
        }
    }

    /**
     * Column sums in NumPy's order for {@code a.sum(axis=0)}: for one column, the order of
     * {@link #sum}; for more, each column accumulated row by row from zero.
     */
    @Override
    protected double[] columnSumsUnchecked(DMatrixRMaj a) {
        int rows = a.numRows;
        int cols = a.numCols;
        double[] ad = a.data;
        if (cols == 1) {
            return new double[] {NumpySummation.sum(ad, 0, rows)};
        }
        double[] s = new double[cols];
        RowMajorBlocks.addColumnSums(ad, rows, cols, s, 0);
        return s;
    }

    /** {@link NumpySummation#sum} over {@code data}: NumPy's order for {@code np.sum(a)}. */
    @Override
    protected double sumUnchecked(DMatrixRMaj a) {
        return NumpySummation.sum(a.data, 0, a.getNumElements());
    }

    /** {@link RowReductions#argmax} per row, over {@code data}. */
    @Override
    protected int[] argmaxRowsUnchecked(DMatrixRMaj a) {
        int rows = a.numRows;
        int cols = a.numCols;
        double[] ad = a.data;
        int[] idx = new int[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = RowReductions.argmax(ad, i * cols, cols);
        }
        return idx;
    }

    // ---- small dense factorisations ------------------------------------------------------

    /**
     * EJML's {@code DecompositionFactory_DDRM.chol(d, true)}. EJML's lower decomposition reads the
     * upper triangle, so a's lower triangle is first mirrored into {@code out}, which is then
     * factored and overwritten with L. A fresh decomposition per call: EJML's decompositions keep
     * mutable workspace, and this class must be thread-safe.
     */
    @Override
    protected void choleskyUnchecked(DMatrixRMaj a, DMatrixRMaj out) {
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
     * EJML's {@code TriangularSolver_DDRM.invertLower}, which reads only the lower triangle of
     * {@code l} and writes only that of {@code out}; the upper triangle of {@code out} is zeroed
     * first.
     */
    @Override
    protected void invertLowerTriangularUnchecked(DMatrixRMaj l, DMatrixRMaj out) {
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

    /** @return an empty 0×0 matrix: the quadratic forms work in chunks of their own */
    @Override
    protected DMatrixRMaj blockQuadraticFormsScratchUnchecked(int n, int width) {
        return new DMatrixRMaj(0, 0);
    }

    /**
     * {@link QuadraticFormKernel#rows} over {@code data}, in chunks of
     * {@link QuadraticFormKernel#CHUNK} rows split across EJML's thread pool from
     * {@link #CONCURRENT_MIN_MULTIPLY_ADDS} multiply-adds; {@code scratch} is never written. The
     * result does not depend on the split.
     */
    @Override
    protected void blockQuadraticFormsUnchecked(DMatrixRMaj x, DMatrixRMaj f, double[] offsets, DMatrixRMaj scratch,
                                                DMatrixRMaj out) {
        int n = x.numRows;
        int d = x.numCols;
        int kw = f.numCols;
        int k = out.numCols;
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
     * {@link RowReductions#normalize} per row over {@code data}, split by rows across EJML's
     * thread pool from {@link #CONCURRENT_MIN_NORMALIZE_ENTRIES} entries; rows are independent, so
     * the result is the same either way.
     */
    @Override
    protected void normalizeRowsUnchecked(DMatrixRMaj a, DMatrixRMaj logNorm, DMatrixRMaj resp) {
        int n = a.numRows;
        int k = a.numCols;
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

    /** {@link RowReductions#normalize} on rows r0 ≤ i &lt; r1. */
    private static void normalizeRows(double[] a, double[] logNorm, double[] resp, int k, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            logNorm[i] = RowReductions.normalize(a, resp, i * k, k);
        }
    }
}
