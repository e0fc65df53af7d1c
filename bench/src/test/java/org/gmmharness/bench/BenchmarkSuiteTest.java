package org.gmmharness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The runs each profile plans, without running them. */
class BenchmarkSuiteTest {

    @Test
    void everyBreakdownWorkloadHasItsStepsAndTheRawOperationsOfTheSameShape() {
        for (BenchProfile profile : BenchProfile.values()) {
            List<BenchmarkSuite.Run> plan = new BenchmarkSuite(profile, List.of("ejml"), "ejml",
                    new PrintStream(OutputStream.nullOutputStream())).plan();
            Set<String> keys = new HashSet<>();
            for (BenchmarkSuite.Run r : plan) {
                assertTrue(keys.add(r.benchmark().getSimpleName() + " " + r.workload().shape()),
                        profile.id() + ": " + r + " is planned twice");
            }
            for (Workload w : profile.breakdown()) {
                for (Class<?> c : List.of(EStepBenchmark.class, MStepBenchmark.class, PrecisionCholeskyBenchmark.class,
                        LibraryProductBenchmark.class)) {
                    assertTrue(keys.contains(c.getSimpleName() + " " + w.shape()),
                            profile.id() + ": " + c.getSimpleName() + " on " + w.id());
                }
            }
            long raw = plan.stream().filter(r -> r.benchmark() == LibraryProductBenchmark.class).count();
            assertEquals(profile.breakdown().stream().map(Workload::shape).distinct().count(), raw, profile.id());
        }
    }
}
