package org.gmmharness.backend.commonsmath;

import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.gmmharness.random.NumpySummation;

/**
 * The block-layout storage of a matrix, as the backend's loops read and write it: its own blocks
 * for a {@link BlockStorageMatrix}, none for an empty matrix, and a copy for any other
 * {@link RealMatrix} (written back by {@link #flush()}). Also the copies between the blocks and
 * row-major Java arrays, which every operation that works row by row shares.
 *
 * <p>The layout is Commons Math's: square blocks of {@link #BS} (52) rows and columns, smaller at
 * the bottom and right edges, each row-major; {@code blocks[br·blockCols + bc]} is block (br, bc).
 */
final class BlockView {

    /** Commons Math's block size: blocks are at most this many rows and columns. */
    static final int BS = BlockRealMatrix.BLOCK_SIZE;

    final RealMatrix matrix;
    final double[][] blocks;
    final int rows;
    final int cols;
    final int blockRows;
    final int blockCols;
    private final boolean copied;

    private BlockView(RealMatrix matrix, double[][] blocks, boolean copied) {
        this.matrix = matrix;
        this.blocks = blocks;
        this.rows = matrix.getRowDimension();
        this.cols = matrix.getColumnDimension();
        this.blockRows = (rows + BS - 1) / BS;
        this.blockCols = (cols + BS - 1) / BS;
        this.copied = copied;
    }

    /**
     * @return the storage of {@code m}: its blocks if this backend made it, otherwise a copy in
     *         block layout (with the library's {@code getData} and {@code toBlocksLayout})
     */
    static BlockView of(RealMatrix m) {
        if (m instanceof BlockStorageMatrix) {
            return new BlockView(m, ((BlockStorageMatrix) m).blocks, false);
        }
        if (m.getRowDimension() == 0 || m.getColumnDimension() == 0) {
            return new BlockView(m, new double[0][], false);
        }
        return new BlockView(m, BlockRealMatrix.toBlocksLayout(m.getData()), true);
    }

    /** @return the height of block row br */
    int height(int br) {
        return Math.min(BS, rows - br * BS);
    }

    /** @return the width of block column bc */
    int width(int bc) {
        return Math.min(BS, cols - bc * BS);
    }

    /** @return block (br, bc), row-major */
    double[] block(int br, int bc) {
        return blocks[br * blockCols + bc];
    }

    /** Writes a copied storage back into its matrix; nothing to do for direct storage. */
    void flush() {
        if (copied) {
            matrix.setSubMatrix(new BlockRealMatrix(rows, cols, blocks, false).getData(), 0, 0);
        }
    }

    /** Copies the entries into {@code data} in row-major order. */
    void readRowMajor(double[] data) {
        copyRowMajor(data, true);
    }

    /** Copies row-major {@code data} (at least rows·cols long) into the blocks. */
    void writeRowMajor(double[] data) {
        copyRowMajor(data, false);
    }

    /** Copies every row between the blocks and row-major {@code data}: into data when {@code toData}. */
    private void copyRowMajor(double[] data, boolean toData) {
        for (int br = 0; br < blockRows; br++) {
            for (int p = 0, h = height(br); p < h; p++) {
                copyRow(br, p, data, (br * BS + p) * cols, toData);
            }
        }
    }

    /**
     * Row p of block row br, contiguous: the block itself (the row starts at p·cols) when the
     * matrix has one block column, otherwise {@code row}, filled from the blocks (the row starts at 0).
     */
    double[] rowArray(int br, int p, double[] row) {
        if (blockCols == 1) {
            return block(br, 0);
        }
        copyRow(br, p, row, 0, true);
        return row;
    }

    /** Where row p of a block row starts in the array {@link #rowArray} returns for it. */
    int rowOffset(int p) {
        return blockCols == 1 ? p * cols : 0;
    }

    /** Writes {@code row[0 .. cols)} into row p of block row br: the inverse of {@link #rowArray}. */
    void scatterRow(double[] row, int br, int p) {
        copyRow(br, p, row, 0, false);
    }

    /**
     * Copies row p of block row br between the blocks and {@code row[off .. off+cols)}: into row
     * when {@code toRow}, otherwise into the blocks.
     */
    void copyRow(int br, int p, double[] row, int off, boolean toRow) {
        for (int bc = 0; bc < blockCols; bc++) {
            int w = width(bc);
            double[] blk = block(br, bc);
            if (toRow) {
                System.arraycopy(blk, p * w, row, off + bc * BS, w);
            } else {
                System.arraycopy(row, off + bc * BS, blk, p * w, w);
            }
        }
    }

    /**
     * NumPy's {@code np.add.reduce} over the entries in row-major order: the sequence is gathered
     * from the blocks into NumPy's 8192-entry buffer, each full buffer summed pairwise
     * ({@link NumpySummation}) and the buffer sums added one after another from 0. For a matrix of
     * at most 52 columns each block is one contiguous row-major run.
     *
     * @param buf NumPy's buffer, {@link Scratch#NUMPY_BUFFER} long; overwritten
     */
    double numpySum(double[] buf) {
        long total = (long) rows * cols;
        if (total == 0) {
            return 0.0;
        }
        // Always NumPy's full buffer: a shorter input only flushes it part-filled, at the end.
        int fill = 0;
        double res = 0.0;
        for (int br = 0; br < blockRows; br++) {
            int h = height(br);
            // With one block column the whole block is one row-major run; otherwise each row of
            // each block is.
            int runs = blockCols == 1 ? 1 : h;
            for (int r = 0; r < runs; r++) {
                for (int bc = 0; bc < blockCols; bc++) {
                    double[] blk = block(br, bc);
                    int w = width(bc);
                    int off = blockCols == 1 ? 0 : r * w;
                    int len = blockCols == 1 ? blk.length : w;
                    while (len > 0) {
                        int take = Math.min(len, buf.length - fill);
                        System.arraycopy(blk, off, buf, fill, take);
                        fill += take;
                        off += take;
                        len -= take;
                        if (fill == buf.length) {
                            res += NumpySummation.sum(buf, 0, fill);
                            fill = 0;
                        }
                    }
                }
            }
        }
        if (fill > 0) {
            res += NumpySummation.sum(buf, 0, fill);
        }
        return res;
    }

    /**
     * Copies between block rows {@code [br0, br1)} and column arrays: entry (i, j) of those rows, i
     * counted from the first of them, is {@code columns.apply(j)[i]}. Into the arrays when
     * {@code toColumns}, otherwise from them into the blocks.
     *
     * @return the number of rows copied
     */
    int transposeBlockRows(int br0, int br1, java.util.function.IntFunction<double[]> columns, boolean toColumns) {
        int copiedRows = 0;
        for (int br = br0; br < br1; br++) {
            int h = height(br);
            for (int bc = 0; bc < blockCols; bc++) {
                int w = width(bc);
                double[] blk = block(br, bc);
                for (int j = 0; j < w; j++) {
                    double[] column = columns.apply(bc * BS + j);
                    if (toColumns) {
                        for (int p = 0, q = j; p < h; p++, q += w) {
                            column[copiedRows + p] = blk[q];
                        }
                    } else {
                        for (int p = 0, q = j; p < h; p++, q += w) {
                            blk[q] = column[copiedRows + p];
                        }
                    }
                }
            }
            copiedRows += h;
        }
        return copiedRows;
    }
}
