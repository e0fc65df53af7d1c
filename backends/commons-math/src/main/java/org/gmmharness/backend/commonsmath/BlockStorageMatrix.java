package org.gmmharness.backend.commonsmath;

import org.apache.commons.math3.linear.BlockRealMatrix;

/**
 * A {@link BlockRealMatrix} that keeps a reference to the block array it was built on.
 *
 * <p>Commons Math lets a caller hand it a block-layout array to use as the matrix's storage without
 * copying ({@link BlockRealMatrix#BlockRealMatrix(int, int, double[][], boolean)} with
 * {@code copyArray = false}), but has no accessor to get that array back. This subclass only
 * remembers it, so that the backend can run the operations Commons Math lacks directly over the
 * library's own storage. It is in every other respect a {@code BlockRealMatrix}: the library's
 * methods (products, {@code walkInOptimizedOrder}, decompositions) work on it unchanged.
 *
 * <p>The layout is Commons Math's: the matrix is cut into square blocks of
 * {@link BlockRealMatrix#BLOCK_SIZE} (52) rows and columns, smaller at the bottom and right edges;
 * {@code blocks[br·blockColumns + bc]} holds block (br, bc) row-major, h×w with h and w its height and
 * width.
 */
final class BlockStorageMatrix extends BlockRealMatrix {

    private static final long serialVersionUID = 1L;

    /** The storage of this matrix: the very array the superclass reads and writes. */
    final double[][] blocks;

    /**
     * A rows×cols matrix of zeros.
     *
     * @param rows at least 1
     * @param cols at least 1
     */
    BlockStorageMatrix(int rows, int cols) {
        this(rows, cols, createBlocksLayout(rows, cols));
    }

    private BlockStorageMatrix(int rows, int cols, double[][] blocks) {
        super(rows, cols, blocks, false);
        this.blocks = blocks;
    }
}
