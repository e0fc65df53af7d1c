package org.gmmharness.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One thread's scratch arrays for the backend's row-wise log-sum-exp, which is composed of ND4J
 * ops: one matrix and two vectors, kept while their shape is requested again and freed (closed)
 * when it changes.
 */
final class OpScratch {

    private INDArray matrix;
    private final INDArray[] vectors = new INDArray[2];

    /**
     * Row-wise log-sum-exp, stable for every row: {@code out[i] = m_i + log Σ_j exp(a[i][j] − m_i)}
     * with m_i the row maximum ({@link Max} reduction); a row whose maximum is infinite or NaN gives
     * that maximum (the shift is then 0, as SciPy does). Composed of ND4J ops —
     * {@link BroadcastSubOp} into the scratch matrix, {@link Exp} in place, {@link Sum} along the
     * rows into a scratch vector, {@link Log} in place, and an add into {@code out} — since ND4J's
     * {@code LogSumExp} shifts by the maximum of the whole array, not of each row, and returns −∞
     * for rows far below the rest.
     *
     * @param a   n×k with n, k ≥ 1
     * @param out n×1, not {@code a}; overwritten
     */
    void logSumExpRows(INDArray a, INDArray out) {
        long rows = a.size(0);
        long cols = a.size(1);
        OpExecutioner ex = Nd4j.getExecutioner();
        INDArray max = vector(0, rows);
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
            INDArray shifted = matrix(rows, cols, a.ordering());
            INDArray sums = vector(1, rows);
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

    private INDArray matrix(long rows, long cols, char order) {
        if (matrix == null || matrix.size(0) != rows || matrix.size(1) != cols || matrix.ordering() != order) {
            release(matrix);
            matrix = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {rows, cols}, order);
        }
        return matrix;
    }

    private INDArray vector(int slot, long length) {
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
