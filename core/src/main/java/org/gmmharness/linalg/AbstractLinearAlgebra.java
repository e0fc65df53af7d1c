package org.gmmharness.linalg;

/**
 * The front every backend extends: each operation of {@link LinearAlgebra} checks its arguments'
 * shapes and aliasing here, once for all backends, and then calls the backend's kernel for it,
 * the protected method of the same name ending in {@code Unchecked}. A backend therefore holds
 * only what is its library's: its storage, its products, and its loops over that storage.
 *
 * <p>This is the arrangement of EJML's {@code CommonOps_DDRM}, which checks and dispatches to
 * kernel classes such as {@code MatrixMatrixMult_DDRM}. The checks throw
 * {@link IllegalArgumentException} with a message that starts with the operation's name and gives
 * the shapes involved (for example {@code "multiply: op(a) is 2x3, ..."}); their wording is part
 * of the contract test.
 *
 * <p>When a kernel is called, every shape fits the operation's contract and no output is an input
 * that the contract forbids it to be. Each operation's comment says when its kernel is skipped
 * because the shapes leave nothing to do; each kernel's comment gives the sizes it is called with.
 * {@link #weightedScatter} stays the SPI's composite of checked operations. The fronts of the EM
 * steps' composite operations are in the superclass, {@link AbstractCompositeOperations}, which
 * implements the SPI directly so that their kernels can default to the SPI's own composites.
 *
 * @param <M> the backend's matrix type
 */
public abstract class AbstractLinearAlgebra<M> extends AbstractCompositeOperations<M> {

    /** For subclasses. */
    protected AbstractLinearAlgebra() {
    }

    // ---- creation and the boundary with Java arrays --------------------------------------

    /** Checks that the sizes are non-negative, then {@link #zerosUnchecked}. */
    @Override
    public final M zeros(int rows, int cols) {
        ShapeChecks.sizes("zeros", rows, cols);
        return zerosUnchecked(rows, cols);
    }

    /**
     * @param rows ≥ 0
     * @param cols ≥ 0
     * @return a new rows×cols matrix of zeros
     */
    protected abstract M zerosUnchecked(int rows, int cols);

    /** Checks the sizes and the length of {@code data}, then {@link #fromRowMajorUnchecked}. */
    @Override
    public final M fromRowMajor(int rows, int cols, double[] data) {
        ShapeChecks.sizes("fromRowMajor", rows, cols);
        if (data.length != (long) rows * cols) {
            ShapeChecks.length("fromRowMajor", rows + "x" + cols, (long) rows * cols, data.length);
        }
        return fromRowMajorUnchecked(rows, cols, data);
    }

    /**
     * @param data row-major values, length rows·cols; not retained
     * @return a new rows×cols matrix holding {@code data}
     */
    protected abstract M fromRowMajorUnchecked(int rows, int cols, double[] data);

    /** Checks the length of {@code data}, then {@link #setRowMajorUnchecked} unless out is empty. */
    @Override
    public final void setRowMajor(double[] data, M out) {
        long size = (long) rows(out) * cols(out);
        if (data.length != size) {
            ShapeChecks.length("setRowMajor", "out is " + shape(out) + " and", size, data.length);
        }
        if (size == 0) {
            return;
        }
        setRowMajorUnchecked(data, out);
    }

    /**
     * @param data row-major values, length rows(out)·cols(out) ≥ 1
     * @param out  overwritten with {@code data}, not reallocated
     */
    protected abstract void setRowMajorUnchecked(double[] data, M out);

    /** @return a new array with the values of {@code a} in row-major order ({@link #copyToRowMajorUnchecked}) */
    @Override
    public final double[] toRowMajor(M a) {
        double[] out = new double[Math.toIntExact((long) rows(a) * cols(a))];
        if (out.length > 0) {
            copyToRowMajorUnchecked(a, out);
        }
        return out;
    }

    /** Checks the length of {@code out}, then {@link #copyToRowMajorUnchecked} unless a is empty. */
    @Override
    public final void copyToRowMajor(M a, double[] out) {
        long size = (long) rows(a) * cols(a);
        if (out.length < size) {
            throw new IllegalArgumentException("copyToRowMajor: a is " + shape(a) + " and needs " + size
                    + " values, out has length " + out.length);
        }
        if (size > 0) {
            copyToRowMajorUnchecked(a, out);
        }
    }

    /**
     * @param a   not empty
     * @param out length at least rows(a)·cols(a); that prefix is overwritten with a's values in
     *            row-major order
     */
    protected abstract void copyToRowMajorUnchecked(M a, double[] out);

    /** Checks the sizes and the length of {@code data}, then {@link #adoptRowMajorUnchecked}. */
    @Override
    public final M adoptRowMajor(int rows, int cols, double[] data) {
        ShapeChecks.sizes("adoptRowMajor", rows, cols);
        if (data.length != (long) rows * cols) {
            ShapeChecks.length("adoptRowMajor", rows + "x" + cols, (long) rows * cols, data.length);
        }
        return adoptRowMajorUnchecked(rows, cols, data);
    }

    /**
     * A matrix holding {@code data}, which the backend may keep as its storage. This default
     * copies it ({@link #fromRowMajorUnchecked}).
     *
     * @param data row-major values, length rows·cols; handed over
     */
    protected M adoptRowMajorUnchecked(int rows, int cols, double[] data) {
        return fromRowMajorUnchecked(rows, cols, data);
    }

    // ---- products ------------------------------------------------------------------------

    /**
     * Checks that the inner sizes agree, that {@code c} is m×n and is neither input; returns at
     * once when m or n is 0; otherwise {@link #multiplyUnchecked}.
     */
    @Override
    public final void multiply(M a, boolean transA, M b, boolean transB, M c) {
        ShapeChecks.product(transA, rows(a), cols(a), transB, rows(b), cols(b), rows(c), cols(c));
        if (c == a || c == b) {
            throw new IllegalArgumentException("multiply: c must not be a or b");
        }
        int m = rows(c);
        int n = cols(c);
        if (m > 0 && n > 0) {
            multiplyUnchecked(a, transA, b, transB, c, m, n, transA ? rows(a) : cols(a));
        }
    }

    /**
     * {@code c = op(a)·op(b)}.
     *
     * @param c m×n with m, n ≥ 1, neither a nor b; overwritten (zeros when k is 0)
     * @param k the inner size, ≥ 0
     */
    protected abstract void multiplyUnchecked(M a, boolean transA, M b, boolean transB, M c, int m, int n, int k);

    // ---- broadcasts and element-wise operations -----------------------------------------

    /** Checks the shapes, then {@link #scaleAddRowUnchecked} unless a is empty. */
    @Override
    public final void scaleAddRow(M a, double alpha, double[] v, M out) {
        ShapeChecks.sameShape("scaleAddRow", rows(a), cols(a), rows(out), cols(out));
        if (v.length != cols(a)) {
            throw new IllegalArgumentException("scaleAddRow: a is " + shape(a) + " but v has length " + v.length);
        }
        if (!isEmpty(a)) {
            scaleAddRowUnchecked(a, alpha, v, out);
        }
    }

    /**
     * {@code out[i][j] = alpha·a[i][j] + v[j]}, two roundings as NumPy's {@code alpha * a + v}.
     *
     * @param a   not empty
     * @param v   length cols(a)
     * @param out a's shape, may be a; overwritten
     */
    protected abstract void scaleAddRowUnchecked(M a, double alpha, double[] v, M out);

    /** Checks the shapes, then {@link #subtractColumnUnchecked} unless a is empty. */
    @Override
    public final void subtractColumn(M a, M v, M out) {
        ShapeChecks.sameShape("subtractColumn", rows(a), cols(a), rows(out), cols(out));
        if (rows(v) != rows(a) || cols(v) != 1) {
            throw new IllegalArgumentException("subtractColumn: a is " + shape(a) + " so v must be " + rows(a)
                    + "x1, got " + shape(v));
        }
        if (!isEmpty(a)) {
            subtractColumnUnchecked(a, v, out);
        }
    }

    /**
     * {@code out[i][j] = a[i][j] − v[i][0]}.
     *
     * @param a   not empty
     * @param v   rows(a)×1
     * @param out a's shape, may be a (or v when a is n×1); overwritten
     */
    protected abstract void subtractColumnUnchecked(M a, M v, M out);

    /** Checks the shapes and the column, then {@link #scaleRowsByColumnUnchecked} unless a is empty. */
    @Override
    public final void scaleRowsByColumn(M a, M b, int col, M out) {
        ShapeChecks.sameShape("scaleRowsByColumn", rows(a), cols(a), rows(out), cols(out));
        if (rows(b) != rows(a) || col < 0 || col >= cols(b)) {
            throw new IllegalArgumentException("scaleRowsByColumn: a is " + shape(a) + ", b is " + shape(b)
                    + ", col is " + col + "; need b with " + rows(a) + " rows and 0 <= col < cols(b)");
        }
        if (!isEmpty(a)) {
            scaleRowsByColumnUnchecked(a, b, col, out);
        }
    }

    /**
     * {@code out[i][j] = a[i][j]·b[i][col]}.
     *
     * @param a   not empty
     * @param b   rows(a)×k with 0 ≤ col &lt; k
     * @param out a's shape, may be a (or b when shapes allow); overwritten
     */
    protected abstract void scaleRowsByColumnUnchecked(M a, M b, int col, M out);

    /** Checks the shapes, then {@link #expUnchecked} unless a is empty. */
    @Override
    public final void exp(M a, M out) {
        ShapeChecks.sameShape("exp", rows(a), cols(a), rows(out), cols(out));
        if (!isEmpty(a)) {
            expUnchecked(a, out);
        }
    }

    /**
     * {@code out[i][j] = exp(a[i][j])}.
     *
     * @param a   not empty
     * @param out a's shape, may be a; overwritten
     */
    protected abstract void expUnchecked(M a, M out);

    // ---- reductions ----------------------------------------------------------------------

    /** Checks the width and the shapes, then {@link #blockRowSumsOfSquaresUnchecked} unless out is empty. */
    @Override
    public final void blockRowSumsOfSquares(M a, int width, M out) {
        ShapeChecks.blockRowSums(rows(a), cols(a), width, rows(out), cols(out));
        if (out == a) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: out must not be a");
        }
        if (rows(out) > 0 && cols(out) > 0) {
            blockRowSumsOfSquaresUnchecked(a, width, out);
        }
    }

    /**
     * {@code out[i][k] = Σ_{j<width} a[i][k·width + j]²}.
     *
     * @param a     n×(K·width), n, K, width ≥ 1
     * @param out   n×K, not a; overwritten
     */
    protected abstract void blockRowSumsOfSquaresUnchecked(M a, int width, M out);

    /** Checks the shapes and that out is not a, then {@link #logSumExpRowsUnchecked} unless a has no rows. */
    @Override
    public final void logSumExpRows(M a, M out) {
        ShapeChecks.logSumExpRows(rows(a), cols(a), rows(out), cols(out));
        if (out == a) {
            throw new IllegalArgumentException("logSumExpRows: out must not be a");
        }
        if (rows(a) > 0) {
            logSumExpRowsUnchecked(a, out);
        }
    }

    /**
     * {@code out[i][0] = m_i + log Σ_j exp(a[i][j] − m_i)}, as the SPI defines it.
     *
     * @param a   n×k, n, k ≥ 1
     * @param out n×1, not a; overwritten
     */
    protected abstract void logSumExpRowsUnchecked(M a, M out);

    /** @return zeros when a has no rows or columns, otherwise {@link #columnSumsUnchecked} */
    @Override
    public final double[] columnSums(M a) {
        if (isEmpty(a)) {
            return new double[cols(a)];
        }
        return columnSumsUnchecked(a);
    }

    /**
     * @param a not empty
     * @return {@code s[j] = Σ_i a[i][j]}, a new array of length cols(a)
     */
    protected abstract double[] columnSumsUnchecked(M a);

    /** @return 0 for an empty matrix, otherwise {@link #sumUnchecked} */
    @Override
    public final double sum(M a) {
        return isEmpty(a) ? 0.0 : sumUnchecked(a);
    }

    /**
     * @param a not empty
     * @return {@code Σ_i Σ_j a[i][j]}
     */
    protected abstract double sumUnchecked(M a);

    /**
     * Rejects rows without columns; an empty array when a has no rows, otherwise
     * {@link #argmaxRowsUnchecked}.
     */
    @Override
    public final int[] argmaxRows(M a) {
        int rows = rows(a);
        if (cols(a) == 0 && rows > 0) {
            throw new IllegalArgumentException("argmaxRows: a is " + shape(a) + "; a row needs at least one entry");
        }
        if (rows == 0) {
            return new int[0];
        }
        return argmaxRowsUnchecked(a);
    }

    /**
     * @param a n×k, n, k ≥ 1
     * @return for each row the index of its first largest entry, or of its first NaN, as NumPy's
     *         {@code argmax(axis=1)}; a new array
     */
    protected abstract int[] argmaxRowsUnchecked(M a);

    // ---- small dense factorisations ------------------------------------------------------

    /** Checks that a and out are d×d and distinct, then {@link #choleskyUnchecked} unless d is 0. */
    @Override
    public final void cholesky(M a, M out) {
        ShapeChecks.squarePair("cholesky", "a", rows(a), cols(a), rows(out), cols(out), a == out);
        if (rows(a) > 0) {
            choleskyUnchecked(a, out);
        }
    }

    /**
     * The lower Cholesky factor of a's lower triangle.
     *
     * @param a   d×d, d ≥ 1
     * @param out d×d, not a; overwritten with L, zeros above the diagonal
     * @throws NotPositiveDefiniteException naming "d x d" if a pivot is not positive and finite
     */
    protected abstract void choleskyUnchecked(M a, M out);

    /** Checks that l and out are d×d and distinct, then {@link #invertLowerTriangularUnchecked} unless d is 0. */
    @Override
    public final void invertLowerTriangular(M l, M out) {
        ShapeChecks.squarePair("invertLowerTriangular", "l", rows(l), cols(l), rows(out), cols(out), l == out);
        if (rows(l) > 0) {
            invertLowerTriangularUnchecked(l, out);
        }
    }

    /**
     * {@code out = l⁻¹} from l's lower triangle.
     *
     * @param l   d×d, d ≥ 1
     * @param out d×d, not l; overwritten, zeros above the diagonal
     * @throws ArithmeticException if a diagonal entry of l is zero
     */
    protected abstract void invertLowerTriangularUnchecked(M l, M out);
}
