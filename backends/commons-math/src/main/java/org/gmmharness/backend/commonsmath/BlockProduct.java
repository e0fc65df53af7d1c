package org.gmmharness.backend.commonsmath;

import static org.gmmharness.backend.commonsmath.BlockView.BS;

import java.util.Arrays;

import org.apache.commons.math3.linear.BlockRealMatrix;

/**
 * {@code c = op(a)·op(b)} into a preallocated output, with Commons Math's own block-product
 * kernel: the inner loop of {@link BlockRealMatrix#multiply(BlockRealMatrix)} verbatim (the same
 * block traversal, the same four-term unrolled dot products, the same accumulation into the output
 * block), run directly over the blocks of a and b and into the blocks of c. The results are bit
 * for bit those of {@code op(a).multiply(op(b))}. A transposed operand is handled as
 * {@link BlockRealMatrix#transpose()} handles it, block by block, except that each block is
 * transposed into a reused per-thread scratch block just before it is used instead of into a new
 * matrix. Why not the library's product: see the package notes.
 */
final class BlockProduct {

    private BlockProduct() {
    }

    /**
     * @param cv    m×n, overwritten; neither av nor bv
     * @param inner the inner size k ≥ 0 (zeros when 0)
     */
    static void multiply(BlockView av, boolean transA, BlockView bv, boolean transB, BlockView cv, int inner) {
        // A transposed operand's blocks are transposed one at a time into a scratch block of this
        // thread, as BlockRealMatrix.transpose() would transpose them all into a new matrix.
        Scratch scratch = Scratch.get();
        double[] tScratch = scratch.leftBlock;
        double[] uScratch = scratch.rightBlock;
        int kBlocks = (inner + BS - 1) / BS;
        if (transA) {
            // aᵀ·op(b): each of a's blocks is transposed once per block row of c and used for the
            // whole row, instead of once per block of c (for the M-step's (n×k)ᵀ·(n×m) that is m/52
            // transposes fewer). Each block of c still accumulates its k-blocks in the same order,
            // so the result is unchanged to the bit.
            for (int iBlock = 0; iBlock < cv.blockRows; iBlock++) {
                int iHeight = cv.height(iBlock);
                for (int jBlock = 0; jBlock < cv.blockCols; jBlock++) {
                    Arrays.fill(cv.block(iBlock, jBlock), 0.0);
                }
                for (int kBlock = 0; kBlock < kBlocks; kBlock++) {
                    int kWidth = Math.min(BS, inner - kBlock * BS);
                    double[] t = transposeBlock(av.block(kBlock, iBlock), kWidth, iHeight, tScratch);
                    for (int jBlock = 0; jBlock < cv.blockCols; jBlock++) {
                        int jWidth = cv.width(jBlock);
                        double[] u = transB
                                ? transposeBlock(bv.block(jBlock, kBlock), jWidth, kWidth, uScratch)
                                : bv.block(kBlock, jBlock);
                        blockProduct(t, u, cv.block(iBlock, jBlock), iHeight, jWidth, kWidth);
                    }
                }
            }
            return;
        }
        for (int iBlock = 0; iBlock < cv.blockRows; iBlock++) {
            int iHeight = cv.height(iBlock);
            for (int jBlock = 0; jBlock < cv.blockCols; jBlock++) {
                int jWidth = cv.width(jBlock);
                double[] out = cv.block(iBlock, jBlock);
                // Zeroed here rather than all at once, so that the block is in cache when the
                // kernel accumulates into it.
                Arrays.fill(out, 0.0);
                for (int kBlock = 0; kBlock < kBlocks; kBlock++) {
                    int kWidth = Math.min(BS, inner - kBlock * BS);
                    // a's block (iBlock, kBlock), iHeight×kWidth row-major (aᵀ is handled above).
                    double[] t = av.block(iBlock, kBlock);
                    // op(b)'s block (kBlock, jBlock), kWidth×jWidth row-major, likewise.
                    double[] u = transB
                            ? transposeBlock(bv.block(jBlock, kBlock), jWidth, kWidth, uScratch)
                            : bv.block(kBlock, jBlock);
                    blockProduct(t, u, out, iHeight, jWidth, kWidth);
                }
            }
        }
    }

    /**
     * {@code out[p·jWidth + q] += Σ_l t[p·kWidth + l]·u[l·jWidth + q]} for one pair of row-major
     * blocks, t iHeight×kWidth and u kWidth×jWidth: the inner loop of
     * {@code BlockRealMatrix.multiply(BlockRealMatrix)} verbatim, with its unrolling by four and its
     * association ({@code sum += t0·u0 + t1·u1 + t2·u2 + t3·u3}).
     */
    private static void blockProduct(double[] t, double[] u, double[] out, int iHeight, int jWidth, int kWidth) {
        int jWidth2 = jWidth + jWidth;
        int jWidth3 = jWidth2 + jWidth;
        int jWidth4 = jWidth3 + jWidth;
        int k = 0;
        for (int p = 0; p < iHeight; p++) {
            int lStart = p * kWidth;
            int lEnd = lStart + kWidth;
            for (int nStart = 0; nStart < jWidth; nStart++) {
                double sum = 0;
                int l = lStart;
                int n = nStart;
                while (l < lEnd - 3) {
                    sum += t[l] * u[n] + t[l + 1] * u[n + jWidth] + t[l + 2] * u[n + jWidth2]
                            + t[l + 3] * u[n + jWidth3];
                    l += 4;
                    n += jWidth4;
                }
                while (l < lEnd) {
                    sum += t[l++] * u[n];
                    n += jWidth;
                }
                out[k] += sum;
                k++;
            }
        }
    }

    /**
     * Writes the transpose of the row-major rows×cols block {@code src} into {@code dst} as a
     * row-major cols×rows block, and returns {@code dst}.
     */
    private static double[] transposeBlock(double[] src, int rows, int cols, double[] dst) {
        for (int i = 0, q = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++, q++) {
                dst[j * rows + i] = src[q];
            }
        }
        return dst;
    }
}
