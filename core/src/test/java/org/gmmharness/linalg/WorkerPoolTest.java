package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** Every chunk and every index runs exactly once, whatever the threads, and failures reach the caller. */
class WorkerPoolTest {

    @Test
    void everyChunkRunsExactlyOnce() {
        for (int threads : new int[] {1, 2, 5}) {
            WorkerPool pool = new WorkerPool(threads, "test");
            for (int count : new int[] {0, 1, 7, 100}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(count, 1));
                pool.run(count, true, chunks -> {
                    for (int q; (q = chunks.next()) >= 0; ) {
                        seen.incrementAndGet(q);
                    }
                });
                for (int q = 0; q < count; q++) {
                    assertEquals(1, seen.get(q), "threads " + threads + ", chunk " + q + " of " + count);
                }
            }
        }
    }

    @Test
    void rangesCoverEveryIndexOnceInContiguousPieces() {
        WorkerPool pool = new WorkerPool(3, "test");
        for (int count : new int[] {0, 1, 2, 3, 10, 101}) {
            int[] seen = new int[count];
            pool.forRanges(count, true, (from, to) -> {
                for (int i = from; i < to; i++) {
                    synchronized (seen) {
                        seen[i]++;
                    }
                }
            });
            int[] once = new int[count];
            java.util.Arrays.fill(once, 1);
            assertArrayEquals(once, seen, "count " + count);
        }
    }

    @Test
    void aFailureInAnyThreadIsRethrownToTheCaller() {
        WorkerPool pool = new WorkerPool(2, "test");
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(50, true, chunks -> {
            for (int q; (q = chunks.next()) >= 0; ) {
                if (q == 37) {
                    throw boom;
                }
            }
        }));
        assertSame(boom, e);
    }

    @Test
    void aPoolNeedsAThread() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0, "test"));
    }
}
