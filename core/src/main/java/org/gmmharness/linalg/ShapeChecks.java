package org.gmmharness.linalg;

/**
 * The shape checks of {@link AbstractLinearAlgebra}, on sizes alone: one home for the messages
 * every backend gives. Each message starts with the operation's name and a colon, then gives the
 * shapes involved as rows x cols ({@code "2x3"}); the contract test checks that form.
 */
final class ShapeChecks {

    private ShapeChecks() {
    }

    static String shape(int rows, int cols) {
        return rows + "x" + cols;
    }

    static void sizes(String method, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(method + ": sizes must be non-negative, got " + rows + "x" + cols);
        }
    }

    /** Checks that a and out have the same shape. */
    static void sameShape(String method, int aRows, int aCols, int outRows, int outCols) {
        if (aRows != outRows || aCols != outCols) {
            throw new IllegalArgumentException(method + ": a is " + shape(aRows, aCols) + " but out is "
                    + shape(outRows, outCols));
        }
    }

    /** Checks that an input and out are both d×d, and distinct. */
    static void squarePair(String method, String inName, int inRows, int inCols, int outRows, int outCols,
                           boolean same) {
        if (inCols != inRows || outRows != inRows || outCols != inRows) {
            throw new IllegalArgumentException(method + ": " + inName + " is " + shape(inRows, inCols)
                    + " and out is " + shape(outRows, outCols) + "; need both d x d");
        }
        if (same) {
            throw new IllegalArgumentException(method + ": out must not be " + inName);
        }
    }

    /** Checks a product's shapes: op(a) m×k, op(b) k×n and c m×n. */
    static void product(boolean transA, int aRows, int aCols, boolean transB, int bRows, int bCols, int cRows,
                        int cCols) {
        int m = transA ? aCols : aRows;
        int innerA = transA ? aRows : aCols;
        int innerB = transB ? bCols : bRows;
        int n = transB ? bRows : bCols;
        if (innerA != innerB || cRows != m || cCols != n) {
            String a = shape(aRows, aCols);
            String b = shape(bRows, bCols);
            throw new IllegalArgumentException("multiply: op(a) is " + (transA ? "(" + a + ")^T" : a)
                    + ", op(b) is " + (transB ? "(" + b + ")^T" : b) + ", c is " + shape(cRows, cCols)
                    + "; need op(a) m x k, op(b) k x n and c m x n");
        }
    }

    /** Checks that width divides a's columns and that out is rows(a)×(cols(a)/width). */
    static void blockRowSums(int aRows, int aCols, int width, int outRows, int outCols) {
        if (width < 1 || aCols % width != 0) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: a is " + shape(aRows, aCols) + " and width is "
                    + width + "; need width >= 1 dividing cols(a)");
        }
        int blocks = aCols / width;
        if (outRows != aRows || outCols != blocks) {
            throw new IllegalArgumentException("blockRowSumsOfSquares: a is " + shape(aRows, aCols) + " with width "
                    + width + " so out must be " + aRows + "x" + blocks + ", got " + shape(outRows, outCols));
        }
    }

    /** Checks that a has a column and out is rows(a)×1. */
    static void logSumExpRows(int aRows, int aCols, int outRows, int outCols) {
        if (aCols < 1 || outRows != aRows || outCols != 1) {
            throw new IllegalArgumentException("logSumExpRows: a is " + shape(aRows, aCols) + " and out is "
                    + shape(outRows, outCols) + "; need a n x k with k >= 1 and out n x 1");
        }
    }

    /**
     * Checks the quadratic forms' shapes: f d×(K·w) with K, w ≥ 1, offsets K·w, out n×K, scratch
     * 0×0 or n×(K·w).
     */
    static void quadraticForms(int n, int d, int fRows, int kw, int offsets, int sRows, int sCols, int outRows,
                               int k) {
        boolean scratchFits = sRows == 0 && sCols == 0 || sRows == n && sCols == kw;
        if (fRows != d || offsets != kw || outRows != n || k < 1 || kw == 0 || kw % k != 0 || !scratchFits) {
            throw new IllegalArgumentException("blockQuadraticForms: x is " + shape(n, d) + ", f is "
                    + shape(fRows, kw) + ", offsets has length " + offsets + ", scratch is " + shape(sRows, sCols)
                    + ", out is " + shape(outRows, k) + "; need f d x (K*w), offsets K*w, scratch 0 x 0 or"
                    + " n x (K*w) and out n x K with K, w >= 1");
        }
    }

    /** Checks the normalisation's shapes: a n×k with k ≥ 1, logNorm n×1 and resp n×k. */
    static void normalizeRows(int n, int k, int lRows, int lCols, int rRows, int rCols) {
        if (k < 1 || lRows != n || lCols != 1 || rRows != n || rCols != k) {
            throw new IllegalArgumentException("normalizeRows: a is " + shape(n, k) + ", logNorm is "
                    + shape(lRows, lCols) + ", resp is " + shape(rRows, rCols)
                    + "; need a n x k with k >= 1, logNorm n x 1 and resp n x k");
        }
    }

    /** Throws, naming what needed {@code needed} values and how many it got, when they differ. */
    static void length(String method, String what, long needed, int got) {
        if (got != needed) {
            throw new IllegalArgumentException(method + ": " + what + " needs " + needed + " values, got " + got);
        }
    }

    /** Checks that rows [from, from + b) of an n×d matrix fit a distinct b×d out. */
    static void rowRange(int n, int d, int from, int b, int outCols, boolean same) {
        if (outCols != d || from < 0 || from > n - b || same) {
            throw new IllegalArgumentException("copyRows: rows " + from + " to " + ((long) from + b) + " of "
                    + shape(n, d) + " into " + shape(b, outCols));
        }
    }

    /** Checks that out is b×(d + d(d+1)/2) for x b×d, and is not x. */
    static void momentRows(int b, int d, int outRows, int outCols, boolean same) {
        int w = MomentRows.width(d);
        if (outRows != b || outCols != w || same) {
            throw new IllegalArgumentException("momentRows: " + shape(b, d) + " into " + shape(outRows, outCols)
                    + " (needs " + b + "x" + w + ")");
        }
    }

    /**
     * Checks the shapes of {@code momentProduct}: resp b×k, x b×d, design b×w (or 0×0 where
     * {@code emptyDesign}), product k×w, all distinct.
     */
    static void momentProduct(int b, int k, int xRows, int d, int designRows, int designCols, int productRows,
                              int productCols, boolean aliased, boolean emptyDesign) {
        int w = MomentRows.width(d);
        boolean design = designRows == b && designCols == w || emptyDesign && designRows == 0 && designCols == 0;
        if (xRows != b || !design || productRows != k || productCols != w || aliased) {
            throw new IllegalArgumentException("momentProduct: responsibilities " + shape(b, k) + " and x "
                    + shape(xRows, d) + " with design " + shape(designRows, designCols) + " into "
                    + shape(productRows, productCols) + " (needs design " + b + "x" + w + " and product " + k + "x"
                    + w + ", all distinct)");
        }
    }

    static void rowKronecker(int b, int k, int xRows, int d, int outRows, int outCols, boolean same) {
        long w = (long) k * d;
        if (xRows != b || outRows != b || outCols != w || same) {
            throw new IllegalArgumentException("rowKronecker: " + shape(b, k) + " and " + shape(xRows, d) + " into "
                    + shape(outRows, outCols) + " (needs " + b + "x" + w + ")");
        }
    }
}
