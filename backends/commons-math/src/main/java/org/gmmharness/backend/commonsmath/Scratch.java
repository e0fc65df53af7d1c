package org.gmmharness.backend.commonsmath;

import org.apache.commons.math3.linear.BlockRealMatrix;

/**
 * The working arrays of {@link CommonsMathLinearAlgebra}, one set per thread, so that the EM loop's
 * calls allocate nothing in proportion to n, to the number of blocks, or to d² per component.
 *
 * <p>Why per thread rather than per call or per instance: a fresh array per call was most of the
 * backend's garbage (a 64 KB NumPy buffer per {@code sum}, a 21 KB block per transposed product, a
 * few d×d copies per factorisation); the SPI promises that one instance may serve several threads
 * on distinct matrices, and the row-wise loops run on the backend's own workers, so one set per
 * instance would be shared. Each array is grown when a call needs more and then kept; a method
 * takes what it needs with {@link #get()} and must not hand the same array to a callee that uses
 * it too.
 */
final class Scratch {

    private static final int BS = BlockRealMatrix.BLOCK_SIZE;

    /** NumPy's ufunc buffer size: reductions are summed pairwise in runs of this many values. */
    static final int NUMPY_BUFFER = 8192;

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    /** A transposed block of a product's left operand: one 52×52 block. */
    final double[] leftBlock = new double[BS * BS];
    /** A transposed block of a product's right operand, or a block row's scales. */
    final double[] rightBlock = new double[BS * BS];
    /** NumPy's reduction buffer: {@code sum} gathers the row-major entries here. */
    final double[] numpyBuffer = new double[NUMPY_BUFFER];

    private double[] row = new double[0];
    private double[] rowResults = new double[0];
    private double[] terms = new double[0];
    private double[] square = new double[0];
    private double[] vector = new double[0];
    private double[][] matrix = new double[0][0];

    private Scratch() {
    }

    /** @return this thread's arrays */
    static Scratch get() {
        return PER_THREAD.get();
    }

    /** @return an array of at least {@code length}: one row gathered from its blocks */
    double[] row(int length) {
        if (row.length < length) {
            row = new double[length];
        }
        return row;
    }

    /** @return an array of at least {@code length}, apart from {@link #row}: a row's results */
    double[] rowResults(int length) {
        if (rowResults.length < length) {
            rowResults = new double[length];
        }
        return rowResults;
    }

    /** @return an array of at least {@code length}: the terms of one NumPy-ordered sum */
    double[] terms(int length) {
        if (terms.length < length) {
            terms = new double[length];
        }
        return terms;
    }

    /** @return an array of at least d·d: a d×d matrix in row-major order */
    double[] square(int d) {
        if (square.length < d * d) {
            square = new double[d * d];
        }
        return square;
    }

    /**
     * @return an array of exactly {@code d} entries, as the library's vectors take their length from
     *         the array they wrap
     */
    double[] vector(int d) {
        if (vector.length != d) {
            vector = new double[d];
        }
        return vector;
    }

    /**
     * @return a d×d array of arrays, exactly d×d, as the library's {@code Array2DRowRealMatrix}
     *         takes its shape from the array it wraps
     */
    double[][] matrix(int d) {
        if (matrix.length != d || (d > 0 && matrix[0].length != d)) {
            matrix = new double[d][d];
        }
        return matrix;
    }
}
