package org.gmmharness.linalg;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one backend instance: the calling thread plus {@code threads − 1} daemon workers,
 * which share the chunks of one call (ranges of rows, blocks of a product) by claiming them in
 * turn. A backend owns one and runs its data-sized loops on it; the workers are started on first
 * use and stop after a minute without work.
 *
 * <p>Why a pool of its own rather than the common fork/join pool: the common pool's workers clear
 * their thread-locals after every task (JDK 17), which would throw away the per-thread chunk
 * buffers the backends keep between calls; and a native library's own threads (OpenBLAS's,
 * libnd4j's) spin or wake slowly. Nothing here spins: the caller parks until the workers that
 * started are done.
 *
 * <p>Results never depend on how chunks are shared, provided every chunk writes its own part of
 * the output and partial results are combined in chunk order by the caller.
 *
 * <p>On a machine shared with other jobs a worker can be descheduled in the middle of a chunk,
 * and the caller then waits for it; a worker that has not started when the caller runs out of
 * chunks is skipped, never waited for.
 */
public final class WorkerPool {

    private final int threads;
    private final String name;
    private final Object lock = new Object();
    private volatile ExecutorService pool;

    /**
     * @param threads how many threads a call may use, the caller included; at least 1
     * @param name    the prefix of the workers' thread names
     */
    public WorkerPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.name = name;
    }

    /** @return a pool of one thread per available processor */
    public static WorkerPool perCore(String name) {
        return new WorkerPool(Math.max(1, Runtime.getRuntime().availableProcessors()), name);
    }

    /** @return the number of threads a call may use, the caller included; at least 1 */
    public int threads() {
        return threads;
    }

    /** The chunks of one call, claimed in turn by the threads working on it. */
    public static final class Chunks {
        private final int count;
        private final AtomicInteger next = new AtomicInteger();

        Chunks(int count) {
            this.count = count;
        }

        /** @return the next unclaimed chunk, or −1 when none is left */
        public int next() {
            int c = next.getAndIncrement();
            return c < count ? c : -1;
        }

        void stop() {
            next.set(count);
        }
    }

    /** The work of one thread on one call: claims chunks with {@link Chunks#next()} until none is left. */
    @FunctionalInterface
    public interface Loop {
        /** @param chunks the call's chunks, shared with the other threads */
        void run(Chunks chunks);
    }

    /** A body run over one contiguous range {@code [from, to)} of indices. */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * @param from first index
         * @param to   one past the last index
         */
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, count)}: in one call on this thread, or, when
     * {@code parallel} and there are several threads, as one contiguous range per thread, which the
     * threads take in turn (a range's per-thread set-up is paid once per range). Returns when all
     * are done.
     */
    public void forRanges(int count, boolean parallel, RangeBody body) {
        int tasks = parallel ? Math.min(count, threads) : 1;
        if (tasks < 2) {
            if (count > 0) {
                body.run(0, count);
            }
            return;
        }
        run(tasks, true, chunks -> {
            for (int t; (t = chunks.next()) >= 0; ) {
                body.run((int) ((long) count * t / tasks), (int) ((long) count * (t + 1) / tasks));
            }
        });
    }

    /**
     * Runs {@code loop} on the calling thread and, if {@code parallel} and there is more than one
     * chunk, on up to {@code threads() − 1} workers at once; returns when every chunk is done.
     * A worker that has not started when the caller runs out of chunks (busy with another call)
     * is skipped rather than waited for. The first exception thrown by any thread is rethrown
     * here.
     *
     * @param count the number of chunks; nothing is run when it is 0 or less
     */
    public void run(int count, boolean parallel, Loop loop) {
        if (count <= 0) {
            return;
        }
        Chunks chunks = new Chunks(count);
        int helpers = parallel ? Math.min(threads - 1, count - 1) : 0;
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

    private ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (lock) {
                p = pool;
                if (p == null) {
                    int n = Math.max(1, threads - 1);
                    AtomicInteger id = new AtomicInteger();
                    ThreadPoolExecutor e = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(), r -> {
                                Thread t = new Thread(r, name + "-" + id.incrementAndGet());
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
}
