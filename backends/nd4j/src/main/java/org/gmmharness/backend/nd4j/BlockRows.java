package org.gmmharness.backend.nd4j;

import org.bytedeco.javacpp.DoublePointer;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.MomentRows;
import org.gmmharness.linalg.RowKronecker;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The M-step's block matrices and the data's way onto the backend, formed where this backend keeps
 * them: blocks are read once into Java arrays column-major ({@link Dense#readRows}), every output
 * column is formed from whole input columns, contiguous, which is the loop the JIT vectorises, and
 * the result is written back in one copy per column. Forming them row-major, as the SPI's
 * defaults do, would need a strided transpose into the column-major buffers that cost more than
 * forming them.
 */
final class BlockRows {

    /** Values per block of {@link #fromRowSource}: 2¹⁸ (2 MiB), a small fraction of any data it moves. */
    static final int ROW_SOURCE_DOUBLES = 1 << 18;

    private BlockRows() {
    }

    /**
     * [x_i, vech(x_i·x_iᵀ)] with {@link MomentRows#writeColumnMajor}; shapes checked by the caller.
     *
     * @return false, having done nothing, for arrays {@link Dense} cannot describe
     */
    static boolean momentRows(INDArray xa, INDArray outa) {
        Dense x = Dense.of(xa);
        Dense out = Dense.of(outa);
        if (x == null || out == null) {
            return false;
        }
        int b = x.rows;
        Buffers own = Buffers.get();
        double[] xs = own.heap(0, b * x.cols);
        x.readRows(x.cursor(), 0, b, xs, own.heap(1, b * x.cols));
        double[] design = own.heap(2, b * out.cols);
        MomentRows.writeColumnMajor(xs, b, x.cols, design);
        out.writeRows(out.cursor(), 0, b, design, out.colMajor ? null : own.heap(1, b * out.cols));
        return true;
    }

    /**
     * w_i ⊗ x_i with {@link RowKronecker#writeColumnMajor}; shapes checked by the caller.
     *
     * @return false, having done nothing, for arrays {@link Dense} cannot describe
     */
    static boolean rowKronecker(INDArray wa, INDArray xa, INDArray outa) {
        Dense w = Dense.of(wa);
        Dense x = Dense.of(xa);
        Dense out = Dense.of(outa);
        if (w == null || x == null || out == null) {
            return false;
        }
        int b = x.rows;
        Buffers own = Buffers.get();
        double[] ws = own.heap(0, b * w.cols);
        w.readRows(w.cursor(), 0, b, ws, own.heap(1, b * w.cols));
        double[] xs = own.heap(3, b * x.cols);
        x.readRows(x.cursor(), 0, b, xs, own.heap(1, b * x.cols));
        double[] rows = own.heap(2, b * out.cols);
        RowKronecker.writeColumnMajor(ws, w.cols, xs, x.cols, b, rows);
        out.writeRows(out.cursor(), 0, b, rows, out.colMajor ? null : own.heap(1, b * out.cols));
        return true;
    }

    /**
     * A new row-major ({@code 'c'}) array, as the backend's {@code fromRowMajor} makes, filled block
     * by block from one Java array of about {@value #ROW_SOURCE_DOUBLES} values, so that the rows
     * never exist on the heap as a whole.
     */
    static INDArray fromRowSource(int rows, int cols, LinearAlgebra.RowSource source) {
        INDArray a = Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'c');
        if ((long) rows * cols != 0) {
            setRows(source, a);
        }
        return a;
    }

    /**
     * Overwrites the rows of a non-empty {@code out} with what {@code source} writes, block by
     * block through one Java array of about {@value #ROW_SOURCE_DOUBLES} values: one copy per
     * block into contiguous row-major storage, otherwise a transpose and {@link Dense#writeRows}.
     *
     * @return false, having done nothing, for arrays {@link Dense} cannot describe
     */
    static boolean setRows(LinearAlgebra.RowSource source, INDArray out) {
        Dense dense = Dense.of(out);
        if (dense == null) {
            return false;
        }
        int rows = dense.rows;
        int cols = dense.cols;
        int block = Math.max(1, Math.min(rows, ROW_SOURCE_DOUBLES / cols));
        double[] values = new double[Math.multiplyExact(block, cols)];
        boolean direct = dense.contiguousRowMajor();
        double[] columns = direct ? null : new double[values.length];
        double[] tmp = direct || dense.colMajor ? null : new double[values.length];
        DoublePointer cursor = dense.cursor();
        for (int from = 0; from < rows; from += block) {
            int count = Math.min(block, rows - from);
            source.write(from, count, values);
            if (direct) {
                cursor.position(dense.at(from, 0)).put(values, 0, count * cols);
            } else {
                Dense.transpose(values, count, cols, columns);
                dense.writeRows(cursor, from, count, columns, tmp);
            }
        }
        return true;
    }
}
