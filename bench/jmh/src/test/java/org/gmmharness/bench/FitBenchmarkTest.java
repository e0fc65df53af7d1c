package org.gmmharness.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The in-process fit's state: its time-floored warm-up, without JMH. */
class FitBenchmarkTest {

    private static FitBenchmark.FitState state(String warmupSeconds) {
        FitBenchmark.FitState s = new FitBenchmark.FitState();
        s.backend = "ejml";
        s.workload = "W4/100";
        s.warmupSeconds = warmupSeconds;
        return s;
    }

    @Test
    void aWarmUpOfZeroSecondsFitsNothingInSetUp() {
        FitBenchmark.FitState s = state("0");
        s.setUp();
        assertNull(s.warmedUp);
    }

    @Test
    void aWarmUpFitsForAtLeastItsSecondsBeforeTheTimedFits() {
        FitBenchmark.FitState s = state("1");
        long start = System.nanoTime();
        s.setUp();
        assertTrue(System.nanoTime() - start >= 1_000_000_000L);
        assertNotNull(s.warmedUp);
        assertTrue(Double.isFinite(s.warmedUp.lowerBound()));
    }
}
