package org.gmmharness.backend.nd4j;

import org.bytedeco.javacpp.DoublePointer;

/**
 * Per-thread buffers of the backend's chunk loops, grown when a larger size is asked for and
 * otherwise reused, so that the EM loop allocates nothing per call once the sizes are known: heap
 * arrays for the Java loops, one off-heap buffer for OpenBLAS to write into. Bounded by the chunk
 * sizes, not by N.
 */
final class Buffers {

    private static final ThreadLocal<Buffers> PER_THREAD = ThreadLocal.withInitial(Buffers::new);

    private final double[][] heap = new double[6][];
    private DoublePointer offHeap;

    private Buffers() {
    }

    /** @return this thread's buffers */
    static Buffers get() {
        return PER_THREAD.get();
    }

    /** @return heap buffer {@code slot} (0 to 5) with room for at least {@code n} values (contents undefined) */
    double[] heap(int slot, int n) {
        double[] h = heap[slot];
        if (h == null || h.length < n) {
            h = new double[Math.max(n, 16)];
            heap[slot] = h;
        }
        return h;
    }

    /** @return the off-heap buffer with room for at least {@code n} values, positioned at 0 */
    DoublePointer offHeap(long n) {
        DoublePointer p = offHeap;
        if (p == null || p.capacity() < n) {
            if (p != null) {
                p.close();
            }
            p = new DoublePointer(Math.max(n, 16));
            offHeap = p;
        }
        return p.position(0);
    }
}
