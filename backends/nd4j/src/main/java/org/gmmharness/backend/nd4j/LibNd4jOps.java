package org.gmmharness.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The operations the backend leaves to libnd4j's own ops: those off the EM loop's path, and the
 * fall-backs for arrays BLAS cannot address directly. Each works on any rank-2 {@code DOUBLE}
 * array, in either order and as a view; shapes are checked by the caller.
 */
final class LibNd4jOps {

    private LibNd4jOps() {
    }

    /** {@code out = alpha·a + v} on every row: {@link ScalarMultiplication} and {@link BroadcastAddOp}. */
    static void scaleAddRow(INDArray a, double alpha, double[] v, INDArray out) {
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

    /** {@code out[i][j] = a[i][j] − v[i][0]}: {@link BroadcastSubOp} along the columns (from a copy of v when out is v). */
    static void subtractColumn(INDArray a, INDArray v, INDArray out) {
        INDArray col = v.reshape(v.ordering(), new long[] {v.length()});
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
     * {@code out[i][j] = a[i][j]·b[i][col]}: {@link BroadcastMulOp} along the columns, with column
     * {@code col} of {@code b} as a view (copied first only if it is strided, as in a row-major
     * {@code b}, or if out is b).
     */
    static void scaleRowsByColumn(INDArray a, INDArray b, int col, INDArray out) {
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
     * {@code out[i][k] = Σ_{j<width} a[i][k·width + j]²}: {@link SquaredNorm} over a
     * three-dimensional view of {@code a} (n×width×K for a column-major {@code a}, n×K×width for a
     * row-major one), reshaped without copying, straight into {@code out}.
     */
    static void blockRowSumsOfSquares(INDArray a, int width, INDArray out) {
        long rows = a.size(0);
        long blocks = a.size(1) / width;
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
}
