package org.gmmharness.backend.nd4j;

import org.bytedeco.javacpp.DoublePointer;
import org.gmmharness.linalg.WorkerPool;

/**
 * The backend's one read–process–write loop: the rows of a matrix in chunks, shared by the threads
 * of a {@link WorkerPool}. Each thread opens its own per-thread state once per call (its cursors
 * into ND4J's buffers, its {@link Buffers}) and then runs chunk after chunk; each chunk copies its
 * rows out of ND4J's off-heap storage into Java arrays ({@link Dense#readRows}), processes them
 * while they are in cache, and copies results back ({@link Dense#writeRows}).
 */
final class RowChunks {

    /** Values per chunk of the element-wise passes (three or four such chunks stay in L1/L2). */
    static final int ELEMENTWISE_CHUNK = 8192;

    /** Element-wise passes over fewer values than this run on the calling thread alone. */
    static final long PARALLEL_ELEMENTS = 1L << 15;

    private RowChunks() {
    }

    /** @return rows per chunk of an element-wise pass over a matrix with {@code cols} columns */
    static int rowsPerChunk(int cols) {
        return Math.max(64, Math.min(4096, ELEMENTWISE_CHUNK / Math.max(1, cols)));
    }

    /** The work of one thread on one call, opened once per thread. */
    @FunctionalInterface
    interface Task {
        /**
         * @param buffers the calling thread's buffers
         * @return what this thread does with each chunk it claims
         */
        Chunk open(Buffers buffers);
    }

    /** One thread's work on one chunk. */
    @FunctionalInterface
    interface Chunk {
        /**
         * @param q  the chunk's index
         * @param r0 its first row
         * @param nr its number of rows, at least 1
         */
        void run(int q, int r0, int nr);
    }

    /**
     * Runs {@code task} over rows {@code [0, rows)} in chunks of {@code per} rows (the last may be
     * shorter), on {@code workers} when {@code parallel}; returns when every chunk is done.
     *
     * @return the number of chunks
     */
    static int run(WorkerPool workers, int rows, int per, boolean parallel, Task task) {
        int count = (rows + per - 1) / per;
        workers.run(count, parallel, chunks -> {
            Chunk chunk = task.open(Buffers.get());
            for (int q; (q = chunks.next()) >= 0; ) {
                int r0 = q * per;
                chunk.run(q, r0, Math.min(per, rows - r0));
            }
        });
        return count;
    }

    /**
     * Column sums of a non-empty matrix, in row chunks: each chunk summed column by column with
     * four interleaved accumulators ({@link ColumnMajorChunks#sum}), the chunks' sums then added in
     * chunk order, so that the result does not depend on the threads.
     *
     * @return {@code s[j] = Σ_i d[i][j]}, a new array
     */
    static double[] columnSums(WorkerPool workers, Dense d) {
        int n = d.rows;
        int cols = d.cols;
        int per = rowsPerChunk(cols);
        int count = (n + per - 1) / per;
        double[] partial = new double[count * cols];
        run(workers, n, per, (long) n * cols >= PARALLEL_ELEMENTS, s -> {
            double[] buf = s.heap(0, per * cols);
            double[] tmp = s.heap(1, per * cols);
            DoublePointer ca = d.cursor();
            return (q, r0, nr) -> {
                d.readRows(ca, r0, nr, buf, tmp);
                for (int j = 0; j < cols; j++) {
                    partial[q * cols + j] = ColumnMajorChunks.sum(buf, j * nr, nr);
                }
            };
        });
        double[] out = new double[cols];
        for (int q = 0; q < count; q++) {
            for (int j = 0; j < cols; j++) {
                out[j] += partial[q * cols + j];
            }
        }
        return out;
    }
}
