package org.gmmharness.linalg;

/**
 * The part of {@link AbstractLinearAlgebra}'s front for the SPI's composite operations (the data's
 * way onto the backend, {@code fromRowSource}; the M-step's blocks: {@code copyRows},
 * {@code momentRows}, {@code momentProduct}, {@code rowKronecker}; the E-step's quadratic forms and
 * normalisation): each checks its arguments' shapes here, once for all backends, and then calls the
 * backend's kernel, the protected method of the same name ending in {@code Unchecked}, whose default
 * is the SPI's own composite.
 *
 * @param <M> the backend's matrix type
 */
public abstract class AbstractCompositeOperations<M> implements LinearAlgebra<M> {

    /** For subclasses. */
    protected AbstractCompositeOperations() {
    }

    /** Checks that the sizes are non-negative, then {@link #fromRowSourceUnchecked}. */
    @Override
    public final M fromRowSource(int rows, int cols, RowSource source) {
        ShapeChecks.sizes("fromRowSource", rows, cols);
        return fromRowSourceUnchecked(rows, cols, source);
    }

    /**
     * A matrix whose rows {@code source} writes, each once, in order. This default is the SPI's:
     * all rows into one array, adopted ({@link #adoptRowMajor}).
     */
    protected M fromRowSourceUnchecked(int rows, int cols, RowSource source) {
        return LinearAlgebra.super.fromRowSource(rows, cols, source);
    }

    /** {@link #setRowsUnchecked} unless {@code out} is empty. */
    @Override
    public final void setRows(RowSource source, M out) {
        if (!isEmpty(out)) {
            setRowsUnchecked(source, out);
        }
    }

    /**
     * Overwrites the rows of a non-empty {@code out} with what {@code source} writes. This default
     * is the SPI's: all rows into one new array, copied in ({@link #setRowMajor}).
     */
    protected void setRowsUnchecked(RowSource source, M out) {
        LinearAlgebra.super.setRows(source, out);
    }

    /** Checks the range and the shapes, then {@link #copyRowsUnchecked} unless nothing is copied. */
    @Override
    public final void copyRows(M a, int from, M out) {
        ShapeChecks.rowRange(rows(a), cols(a), from, rows(out), cols(out), a == out);
        if (rows(out) > 0 && cols(a) > 0) {
            copyRowsUnchecked(a, from, out);
        }
    }

    /**
     * {@code out[i][j] = a[from + i][j]}. This default is the SPI's, which reads all of {@code a}
     * and so is O(rows(a)·cols(a)) per call; a backend copies the range only.
     *
     * @param a    n×d, d ≥ 1
     * @param from 0 ≤ from ≤ n − rows(out)
     * @param out  b×d with b ≥ 1, not {@code a}; overwritten
     */
    protected void copyRowsUnchecked(M a, int from, M out) {
        LinearAlgebra.super.copyRows(a, from, out);
    }

    /** Checks the shapes, then {@link #momentRowsUnchecked} unless x has no rows. */
    @Override
    public final void momentRows(M x, M out) {
        ShapeChecks.momentRows(rows(x), cols(x), rows(out), cols(out), x == out);
        if (rows(x) > 0 && cols(x) > 0) {
            momentRowsUnchecked(x, out);
        }
    }

    /**
     * {@code out[i] = [x_i, vech(x_i·x_iᵀ)]} as {@link MomentRows#write}. This default is the
     * SPI's: it copies x into a per-thread array, forms the rows there and writes them back.
     *
     * @param x   b×d, b, d ≥ 1
     * @param out b×(d + d(d+1)/2), not x; overwritten
     */
    protected void momentRowsUnchecked(M x, M out) {
        LinearAlgebra.super.momentRows(x, out);
    }

    /**
     * Checks the shapes (design b×w, or 0×0 where {@link #formsMomentDesign} is false) and that the
     * four matrices are distinct, then {@link #momentProductUnchecked}, or zeros the product when
     * the block has no rows.
     */
    @Override
    public final void momentProduct(M resp, M x, M design, M product) {
        ShapeChecks.momentProduct(rows(resp), cols(resp), rows(x), cols(x), rows(design), cols(design),
                rows(product), cols(product), resp == x || design == resp || design == x || product == resp
                        || product == x || product == design, !formsMomentDesign());
        if (rows(x) == 0) {
            setRowMajor(new double[rows(product) * cols(product)], product);
        } else if (cols(x) > 0 && cols(resp) > 0) {
            momentProductUnchecked(resp, x, design, product);
        }
    }

    /**
     * {@code product = respᵀ·[x, vech(x·xᵀ)]}. This default is the SPI's, the design formed in
     * {@code design} and then one product, where {@link #formsMomentDesign} is true; where it is
     * false, the plain-Java {@link MomentProductKernel} ({@link #momentProductByKernel}).
     *
     * @param resp    b×k, b, k ≥ 1
     * @param x       b×d, d ≥ 1
     * @param design  b×(d + d(d+1)/2) scratch, or 0×0 where {@link #formsMomentDesign} is false
     * @param product k×(d + d(d+1)/2); overwritten
     */
    protected void momentProductUnchecked(M resp, M x, M design, M product) {
        if (formsMomentDesign()) {
            LinearAlgebra.super.momentProduct(resp, x, design, product);
        } else {
            momentProductByKernel(resp, x, product);
        }
    }

    /**
     * Checks that the sizes are non-negative; then the SPI's b×(d + d(d+1)/2) design, or 0×0 where
     * {@link #formsMomentDesign} says the design is never formed.
     */
    @Override
    public final M momentProductScratch(int b, int d) {
        ShapeChecks.sizes("momentProductScratch", b, d);
        return formsMomentDesign() ? LinearAlgebra.super.momentProductScratch(b, d) : zeros(0, 0);
    }

    /**
     * @return whether this backend's {@link #momentProductUnchecked} forms the design in its
     *         scratch (true, the default); false makes the scratch 0×0 and the default
     *         {@link #momentProductUnchecked} the plain-Java kernel, for a backend whose products
     *         would read the design in loops that do not vectorise, or that would spend more on
     *         writing the design than on the product
     */
    protected boolean formsMomentDesign() {
        return true;
    }

    /**
     * {@link #momentProductUnchecked} by the plain-Java {@link MomentProductKernel}, where
     * {@link #formsMomentDesign} is false: x and resp are read back row-major into per-thread
     * arrays and the product is written with {@link #setRowMajor}; the design is not formed.
     */
    private void momentProductByKernel(M resp, M x, M product) {
        int b = rows(x);
        int d = cols(x);
        int k = cols(resp);
        double[] xv = RowScratch.get(RowScratch.IN, b * d);
        copyToRowMajor(x, xv);
        double[] rv = RowScratch.get(RowScratch.WEIGHTS, b * k);
        copyToRowMajor(resp, rv);
        double[] out = RowScratch.get(RowScratch.OUT, k * MomentRows.width(d));
        MomentProductKernel.rows(xv, b, d, rv, k, out);
        setRowMajor(out, product);
    }

    /** Checks the shapes, then {@link #rowKroneckerUnchecked} unless there is nothing to write. */
    @Override
    public final void rowKronecker(M w, M x, M out) {
        ShapeChecks.rowKronecker(rows(w), cols(w), rows(x), cols(x), rows(out), cols(out), out == x || out == w);
        if (rows(x) > 0 && cols(x) > 0 && cols(w) > 0) {
            rowKroneckerUnchecked(w, x, out);
        }
    }

    /**
     * {@code out[i] = w_i ⊗ x_i} as {@link RowKronecker#write}. This default is the SPI's: it copies
     * both inputs into per-thread arrays, forms the rows there and writes them back.
     *
     * @param w   b×k, b, k ≥ 1
     * @param x   b×d, d ≥ 1
     * @param out b×(k·d), neither w nor x; overwritten
     */
    protected void rowKroneckerUnchecked(M w, M x, M out) {
        LinearAlgebra.super.rowKronecker(w, x, out);
    }

    /** Checks that the sizes are non-negative, then {@link #blockQuadraticFormsScratchUnchecked}. */
    @Override
    public final M blockQuadraticFormsScratch(int n, int width) {
        ShapeChecks.sizes("blockQuadraticFormsScratch", n, width);
        return blockQuadraticFormsScratchUnchecked(n, width);
    }

    /**
     * @return the scratch of {@link #blockQuadraticForms}: by default n×width, the whole product; a
     *         backend that works in chunks of its own returns an empty 0×0 matrix
     */
    protected M blockQuadraticFormsScratchUnchecked(int n, int width) {
        return zeros(n, width);
    }

    /**
     * Checks the shapes (scratch 0×0 or n×(K·w), K and w at least 1) and that out and scratch are
     * distinct from the inputs and from each other, then {@link #blockQuadraticFormsUnchecked}
     * unless x has no rows.
     */
    @Override
    public final void blockQuadraticForms(M x, M f, double[] offsets, M scratch, M out) {
        int n = rows(x);
        ShapeChecks.quadraticForms(n, cols(x), rows(f), cols(f), offsets.length, rows(scratch), cols(scratch),
                rows(out), cols(out));
        if (out == x || out == f || out == scratch || scratch == x || scratch == f) {
            throw new IllegalArgumentException("blockQuadraticForms: out and scratch must be distinct from the"
                    + " inputs and from each other");
        }
        if (n > 0) {
            blockQuadraticFormsUnchecked(x, f, offsets, scratch, out);
        }
    }

    /**
     * {@code out[i][k] = Σ_{j<w} ((x·f)[i][k·w + j] + offsets[k·w + j])²}. This default is
     * {@link #blockQuadraticFormsByProduct}, with a scratch of its own when {@code scratch} is 0×0.
     *
     * @param x       n×d, n ≥ 1
     * @param f       d×(K·w)
     * @param offsets length K·w
     * @param scratch 0×0 or n×(K·w); may be overwritten
     * @param out     n×K; overwritten
     */
    protected void blockQuadraticFormsUnchecked(M x, M f, double[] offsets, M scratch, M out) {
        M product = rows(scratch) == 0 ? zeros(rows(x), cols(f)) : scratch;
        blockQuadraticFormsByProduct(x, f, offsets, product, out);
    }

    /**
     * The SPI's default form of {@link #blockQuadraticForms}, three passes over the whole product:
     * {@code product = x·f}, the offsets added to every row, then {@link #blockRowSumsOfSquares}.
     * For backends to fall back on where their own kernel cannot run.
     *
     * @param product n×(K·w); overwritten with x·f + offsets
     * @param out     n×K; overwritten
     */
    protected final void blockQuadraticFormsByProduct(M x, M f, double[] offsets, M product, M out) {
        LinearAlgebra.super.blockQuadraticForms(x, f, offsets, product, out);
    }

    /**
     * Checks the shapes and that logNorm is neither of the others, then
     * {@link #normalizeRowsUnchecked} unless a has no rows.
     */
    @Override
    public final void normalizeRows(M a, M logNorm, M resp) {
        int n = rows(a);
        ShapeChecks.normalizeRows(n, cols(a), rows(logNorm), cols(logNorm), rows(resp), cols(resp));
        if (logNorm == a || logNorm == resp) {
            throw new IllegalArgumentException("normalizeRows: logNorm must be neither a nor resp");
        }
        if (n > 0) {
            normalizeRowsUnchecked(a, logNorm, resp);
        }
    }

    /**
     * The E-step's normalisation as the SPI defines it. This default is
     * {@link #normalizeRowsInThreePasses}.
     *
     * @param a       n×k, n, k ≥ 1; overwritten with the log-responsibilities, or with the
     *                responsibilities when it is {@code resp}
     * @param logNorm n×1; overwritten
     * @param resp    n×k; overwritten; may be {@code a}
     */
    protected void normalizeRowsUnchecked(M a, M logNorm, M resp) {
        normalizeRowsInThreePasses(a, logNorm, resp);
    }

    /**
     * The SPI's default form of {@link #normalizeRows}: {@link #logSumExpRows}, then
     * {@link #subtractColumn} and {@link #exp}. For backends to fall back on where their fused
     * kernel cannot run.
     */
    protected final void normalizeRowsInThreePasses(M a, M logNorm, M resp) {
        LinearAlgebra.super.normalizeRows(a, logNorm, resp);
    }

    /** @return "rows x cols" of m, as the messages write a shape */
    protected final String shape(M m) {
        return rows(m) + "x" + cols(m);
    }

    /** @return whether a has no rows or no columns */
    protected final boolean isEmpty(M a) {
        return rows(a) == 0 || cols(a) == 0;
    }
}
