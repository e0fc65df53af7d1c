package org.gmmharness.backend.nd4j;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.bytedeco.javacpp.DoublePointer;

/**
 * The backend's own threads: the calling thread plus {@code threads − 1} daemon workers, which
 * share the chunks of one call (rows of a matrix, blocks of a product) by claiming them in turn.
 *
 * <p>Why not ND4J's or OpenBLAS's threads: OpenBLAS (pthreads build) keeps its worker threads
 * spinning for a while after every product, and libnd4j runs its ops on its own pool; with both
 * sized to the core count they competed for the two cores of the benchmark machine (the default
 * normalizeRows of W2 took 188 ms with them against 69 with libnd4j on one thread), and libnd4j's
 * pool took 4–8 ms to wake for a sum of 0.05 ms. So OpenBLAS runs single-threaded and the
 * data-sized steps are split here, each chunk calling single-threaded OpenBLAS or plain Java
 * loops; nothing spins while waiting (the caller parks until the workers that started are done).
 *
 * <p>Results never depend on how chunks are shared: every chunk writes its own part of the output,
 * and partial sums are combined in chunk order ({@link Nd4jLinearAlgebra#multiply},
 * {@link Nd4jLinearAlgebra#columnSums}).
 *
 * <p>On a machine shared with other jobs a worker can be descheduled in the middle of a chunk,
 * and the caller then waits for it; chunks are small (a few tens of microseconds to a few
 * milliseconds of work) so that a worker that starts late finds little left, and a worker that
 * has not started when the caller runs out of chunks is skipped, never waited for.
 */
final class Workers {

    /** System property: how many threads (the caller included) the backend uses; default: all cores. */
    static final String THREADS_PROPERTY = "gmmharness.nd4j.threads";

    private static volatile ExecutorService pool;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Workers() {
    }

    /** @return the number of threads a call may use, the caller included; at least 1 */
    static int threads() {
        return Holder.THREADS;
    }

    /** Lazily read configuration. */
    private static final class Holder {
        static final int THREADS = configuredThreads();
    }

    private static int configuredThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String v = System.getProperty(THREADS_PROPERTY);
        if (v != null) {
            try {
                int t = Integer.parseInt(v.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // Fall through to the default.
            }
        }
        return Math.max(1, cores);
    }

    /** @return this thread's scratch buffers */
    static Scratch scratch() {
        return SCRATCH.get();
    }

    /** The chunks of one call, claimed in turn by the threads working on it. */
    static final class Chunks {
        private final int count;
        private final AtomicInteger next = new AtomicInteger();

        Chunks(int count) {
            this.count = count;
        }

        /** @return the next unclaimed chunk, or −1 when none is left */
        int next() {
            int c = next.getAndIncrement();
            return c < count ? c : -1;
        }

        void stop() {
            next.set(count);
        }
    }

    /** The work of one thread on one call: claims chunks until none is left. */
    interface Loop {
        void run(Chunks chunks);
    }

    /**
     * Runs {@code loop} on the calling thread and, if {@code parallel} and there is more than one
     * chunk, on up to {@code threads() − 1} workers at once; returns when every chunk is done.
     * A worker that has not started when the caller runs out of chunks (busy with another call)
     * is skipped rather than waited for. The first exception thrown by any thread is rethrown
     * here.
     */
    static void run(int count, boolean parallel, Loop loop) {
        if (count <= 0) {
            return;
        }
        Chunks chunks = new Chunks(count);
        int helpers = parallel ? Math.min(threads() - 1, count - 1) : 0;
        if (helpers <= 0) {
            loop.run(chunks);
            return;
        }
        ExecutorService p = pool();
        Thread caller = Thread.currentThread();
        Helper[] started = new Helper[helpers];
        for (int h = 0; h < helpers; h++) {
            started[h] = new Helper(loop, chunks, caller);
            p.execute(started[h]);
        }
        Throwable failure = null;
        try {
            loop.run(chunks);
        } catch (Throwable t) {
            failure = t;
            chunks.stop();
        }
        boolean interrupted = false;
        for (Helper h : started) {
            // A helper that has not started yet never will; one that has is waited for, since it
            // writes into the caller's output.
            if (h.state.compareAndSet(Helper.QUEUED, Helper.DONE)) {
                continue;
            }
            while (h.state.get() != Helper.DONE) {
                LockSupport.park(h);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (failure == null) {
                failure = h.failure;
            }
        }
        if (interrupted) {
            caller.interrupt();
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** One worker's share of a call: runs the loop unless the caller got there first. */
    private static final class Helper implements Runnable {
        static final int QUEUED = 0;
        static final int RUNNING = 1;
        static final int DONE = 2;

        final AtomicInteger state = new AtomicInteger(QUEUED);
        private final Loop loop;
        private final Chunks chunks;
        private final Thread caller;
        volatile Throwable failure;

        Helper(Loop loop, Chunks chunks, Thread caller) {
            this.loop = loop;
            this.chunks = chunks;
            this.caller = caller;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return;
            }
            try {
                loop.run(chunks);
            } catch (Throwable t) {
                failure = t;
                chunks.stop();
            } finally {
                state.set(DONE);
                LockSupport.unpark(caller);
            }
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (Workers.class) {
                p = pool;
                if (p == null) {
                    int n = Math.max(1, threads() - 1);
                    AtomicInteger id = new AtomicInteger();
                    ThreadPoolExecutor e = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(), r -> {
                                Thread t = new Thread(r, "gmm-nd4j-worker-" + id.incrementAndGet());
                                t.setDaemon(true);
                                return t;
                            });
                    e.allowCoreThreadTimeOut(true);
                    pool = p = e;
                }
            }
        }
        return p;
    }

    /**
     * Per-thread buffers, grown when a larger size is asked for and otherwise reused, so that the
     * EM loop allocates nothing per call once the sizes are known. Heap arrays for the Java loops,
     * one off-heap buffer for OpenBLAS to write into. Bounded by the chunk sizes, not by N.
     */
    static final class Scratch {
        private final double[][] heap = new double[6][];
        private DoublePointer offHeap;

        /** @return heap buffer {@code slot} with room for at least {@code n} values (contents undefined) */
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
}
