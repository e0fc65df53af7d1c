package org.gmmharness.backend.commonsmath;

import org.apache.commons.math3.linear.AbstractRealMatrix;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A {@link RealMatrix} with no rows or no columns (0×0, 0×n or n×0).
 *
 * <p>Commons Math's own matrix classes reject a zero dimension ({@code NotStrictlyPositiveException}),
 * but the SPI contract needs empty matrices, so the backend represents them with this class. It
 * has no entries: {@link #getEntry} and {@link #setEntry} always throw the library's
 * {@code OutOfRangeException}, and everything {@link AbstractRealMatrix} derives from them
 * (walks, {@code getData}, {@code transpose}, products) works on zero entries.
 */
final class EmptyRealMatrix extends AbstractRealMatrix {

    private final int rows;
    private final int cols;

    /**
     * @param rows non-negative; rows or cols is 0
     * @param cols non-negative; rows or cols is 0
     */
    EmptyRealMatrix(int rows, int cols) {
        super();
        if (rows < 0 || cols < 0 || (rows > 0 && cols > 0)) {
            throw new IllegalArgumentException("EmptyRealMatrix: " + rows + "x" + cols + " is not empty");
        }
        this.rows = rows;
        this.cols = cols;
    }

    /** @return the number of rows, possibly 0 */
    @Override
    public int getRowDimension() {
        return rows;
    }

    /** @return the number of columns, possibly 0 */
    @Override
    public int getColumnDimension() {
        return cols;
    }

    /**
     * @return an {@code EmptyRealMatrix} if a size is 0, otherwise a rows×cols {@link BlockRealMatrix}
     *         of zeros
     */
    @Override
    public RealMatrix createMatrix(int rowDimension, int columnDimension) {
        if (rowDimension == 0 || columnDimension == 0) {
            return new EmptyRealMatrix(rowDimension, columnDimension);
        }
        return new BlockRealMatrix(rowDimension, columnDimension);
    }

    /** @return a new empty matrix of the same shape */
    @Override
    public RealMatrix copy() {
        return new EmptyRealMatrix(rows, cols);
    }

    /** Always throws: an empty matrix has no entries. */
    @Override
    public double getEntry(int row, int column) {
        MatrixUtils.checkMatrixIndex(this, row, column);
        throw new IllegalStateException("unreachable: " + row + "," + column);
    }

    /** Always throws: an empty matrix has no entries. */
    @Override
    public void setEntry(int row, int column, double value) {
        MatrixUtils.checkMatrixIndex(this, row, column);
        throw new IllegalStateException("unreachable: " + row + "," + column);
    }
}
