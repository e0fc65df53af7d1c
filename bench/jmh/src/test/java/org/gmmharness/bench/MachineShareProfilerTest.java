package org.gmmharness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;

class MachineShareProfilerTest {

    @Test
    void shareIsCpuTimeOverWallTimeTimesCores() {
        assertEquals(1.0, MachineShareProfiler.share(2_000_000_000L, 1_000_000_000L, 2), 0.0);
        assertEquals(0.25, MachineShareProfiler.share(500_000_000L, 1_000_000_000L, 2), 0.0);
        assertTrue(Double.isNaN(MachineShareProfiler.share(-1, 1_000_000_000L, 2)), "CPU time not reported");
        assertTrue(Double.isNaN(MachineShareProfiler.share(5, 0, 2)), "no time passed");
    }

    @Test
    void busyThreadsShowAsALargerShareThanASleepingOne() throws InterruptedException {
        // The process's other threads (the JIT's compilers, the collector, the test runner) count
        // too, and on two cores one busy compiler alone is half the machine: so the sleeping share
        // is the least of three tries, and only compared with the spinning one, never with a bound.
        double asleep = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            asleep = Math.min(asleep, measure(() -> sleep(200)));
        }
        double busy = measure(() -> spin(Runtime.getRuntime().availableProcessors(), 300));
        assertTrue(asleep >= 0.0, "sleeping: " + asleep);
        assertTrue(busy > asleep, "spinning " + busy + " against sleeping " + asleep);
        assertEquals(MachineShareProfiler.METRIC, result(new MachineShareProfiler(), () -> { }).getLabel());
    }

    private static double measure(Runnable work) {
        return result(new MachineShareProfiler(), work).getScore();
    }

    private static Result<?> result(MachineShareProfiler profiler, Runnable work) {
        profiler.beforeIteration(null, null);
        work.run();
        List<Result<?>> out = new ArrayList<>();
        for (Object r : profiler.afterIteration(null, null, null)) {
            out.add((Result<?>) r);
        }
        assertEquals(1, out.size());
        return out.get(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keeps {@code threads} threads computing for about {@code millis}. */
    private static void spin(int threads, long millis) {
        List<Thread> all = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000L;
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                double x = 1.0;
                while (System.nanoTime() < end) {
                    x = Math.sqrt(x + 1.0);
                }
                if (x < 0) {
                    System.out.println(x);
                }
            });
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
