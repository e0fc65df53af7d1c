package org.gmmharness.backend.nd4j;

import org.bytedeco.javacpp.DoublePointer;
import org.gmmharness.linalg.WorkerPool;

/**
 * {@code c = op(a)·op(b)} with OpenBLAS's {@code cblas_dgemm} (α = 1, β = 0) on ND4J's buffers
 * ({@link Dense}), single-threaded per call and split over the backend's {@link WorkerPool} when
 * the product is large enough:
 * <ul>
 *   <li>a tall-skinny product with a large inner size and a small result, such as the M-step's
 *       Rᵀ·design, is split along the inner size into a fixed number of blocks that depends only
 *       on the shape, each block's product written to a per-thread buffer and the blocks summed in
 *       order, so that results do not depend on the number of threads or on scheduling;</li>
 *   <li>otherwise the larger dimension of the result is split into row or column blocks written
 *       straight into {@code c}.</li>
 * </ul>
 * A column-major c is written as it is; a row-major one as the column-major cᵀ = op(b)ᵀ·op(a)ᵀ.
 */
final class BlasProducts {

    /** Products with fewer multiply-adds than this run on the calling thread alone. */
    static final long PARALLEL_PRODUCT_WORK = 1L << 19;
    /** The inner size from which a product with a small result is split along it. */
    private static final int INNER_SPLIT_MIN = 8192;
    /** The most inner blocks of a split product (a function of the shape only, never of threads). */
    private static final int INNER_SPLIT_MAX_BLOCKS = 8;
    /** The largest result (m·n values) split along the inner size: each block needs a copy of it. */
    private static final long INNER_SPLIT_MAX_RESULT = 1L << 18;
    /** Rows or columns per block when the result itself is split. */
    private static final int RESULT_SPLIT_MIN = 64;

    private final WorkerPool workers;

    /** @param workers the threads the products are split over */
    BlasProducts(WorkerPool workers) {
        this.workers = workers;
    }

    /** {@code c = op(a)·op(b)}, m×n with inner size k ≥ 1. */
    void product(Dense.Operand a, Dense.Operand b, Dense c, int m, int n, int k) {
        long work = (long) m * n * k;
        boolean parallel = workers.threads() > 1 && work >= PARALLEL_PRODUCT_WORK;
        if (parallel && k >= INNER_SPLIT_MIN && k >= 4L * Math.max(m, n) && (long) m * n <= INNER_SPLIT_MAX_RESULT) {
            innerSplitProduct(a, b, c, m, n, k);
            return;
        }
        // Column-major c: c = op(a)·op(b). Row-major c: its storage is cᵀ = op(b)ᵀ·op(a)ᵀ.
        Dense.Operand x = c.colMajor ? a : b.transposed();
        Dense.Operand y = c.colMajor ? b : a.transposed();
        int rows = c.colMajor ? m : n;
        int cols = c.colMajor ? n : m;
        if (!parallel || Math.max(rows, cols) < 2 * RESULT_SPLIT_MIN) {
            DoublePointer cc = c.cursor();
            Dense.gemm(x, x.dense.cursor(), 0, 0, y, y.dense.cursor(), 0, rows, cols, k, 0.0, cc, c.ld);
            return;
        }
        boolean byRows = rows >= cols;
        int extent = byRows ? rows : cols;
        int blocks = Math.min(extent / RESULT_SPLIT_MIN, 4 * workers.threads());
        int per = (extent + blocks - 1) / blocks;
        int count = (extent + per - 1) / per;
        workers.run(count, true, chunks -> {
            DoublePointer cx = x.dense.cursor();
            DoublePointer cy = y.dense.cursor();
            DoublePointer cc = c.cursor();
            long c0 = c.base.position();
            for (int q; (q = chunks.next()) >= 0; ) {
                int from = q * per;
                int len = Math.min(per, extent - from);
                if (byRows) {
                    cc.position(c0 + from);
                    Dense.gemm(x, cx, from, 0, y, cy, 0, len, cols, k, 0.0, cc, c.ld);
                } else {
                    cc.position(c0 + (long) from * c.ld);
                    Dense.gemm(x, cx, 0, 0, y, cy, from, rows, len, k, 0.0, cc, c.ld);
                }
            }
        });
    }

    /**
     * A product with a large inner size k and a small result, split into blocks along k: block t
     * computes the product of its slice into its own part of a buffer, and the parts are summed in
     * block order. The blocks' products are computed in whichever of the forms c = op(a)·op(b) and
     * cᵀ = op(b)ᵀ·op(a)ᵀ has fewer transposed operands.
     */
    private void innerSplitProduct(Dense.Operand a, Dense.Operand b, Dense c, int m, int n, int k) {
        boolean direct = (a.trans ? 1 : 0) + (b.trans ? 1 : 0) <= 1;
        Dense.Operand x = direct ? a : b.transposed();
        Dense.Operand y = direct ? b : a.transposed();
        int rows = direct ? m : n;
        int cols = direct ? n : m;
        int blocks = Math.min(INNER_SPLIT_MAX_BLOCKS, k / (INNER_SPLIT_MIN / 2));
        int size = rows * cols;
        Buffers own = Buffers.get();
        DoublePointer parts = own.offHeap((long) blocks * size);
        long parts0 = parts.position();
        workers.run(blocks, true, chunks -> {
            DoublePointer cx = x.dense.cursor();
            DoublePointer cy = y.dense.cursor();
            DoublePointer cp = new DoublePointer(parts);
            for (int t; (t = chunks.next()) >= 0; ) {
                int from = (int) ((long) k * t / blocks);
                int to = (int) ((long) k * (t + 1) / blocks);
                cp.position(parts0 + (long) t * size);
                Dense.gemm(x, cx, 0, from, y, cy, 0, rows, cols, to - from, 0.0, cp, rows);
            }
        });
        double[] sum = own.heap(2, size);
        double[] part = own.heap(3, size);
        DoublePointer cp = new DoublePointer(parts);
        cp.position(parts0).get(sum, 0, size);
        for (int t = 1; t < blocks; t++) {
            cp.position(parts0 + (long) t * size).get(part, 0, size);
            for (int i = 0; i < size; i++) {
                sum[i] += part[i];
            }
        }
        // sum is column-major rows×cols: c itself (direct) or cᵀ, i.e. c in row-major order.
        double[] colMajor = sum;
        if (!direct) {
            colMajor = part;
            Dense.transpose(sum, m, n, colMajor);
        }
        c.writeRows(c.cursor(), 0, m, colMajor, own.heap(4, size));
    }
}
