package org.gmmharness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.gmmharness.workload.BenchProfile;
import org.gmmharness.workload.Workload;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;

/** The runs each profile plans, without running them. */
class BenchmarkSuiteTest {

    @Test
    void everyBreakdownWorkloadHasItsStepsAndTheRawOperationsOfTheSameShapeWithTheirProfilers() {
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
                        LibraryProductBenchmark.class, NormalizeRowsBenchmark.class)) {
                    assertTrue(keys.contains(c.getSimpleName() + " " + w.shape()),
                            profile.id() + ": " + c.getSimpleName() + " on " + w.id());
                }
            }
            for (BenchmarkSuite.Run r : plan) {
                if (r.benchmark() == NormalizeRowsBenchmark.class) {
                    assertEquals(MachineShareProfiler.class, r.profiler(), profile.id() + ": " + r);
                }
                if (r.benchmark() == EmIterationBenchmark.class && profile.workloads().contains(r.workload())) {
                    assertEquals(GCProfiler.class, r.profiler(), profile.id() + ": " + r);
                }
            }
            long raw = plan.stream().filter(r -> r.benchmark() == LibraryProductBenchmark.class).count();
            assertEquals(profile.breakdown().stream().map(Workload::shape).distinct().count(), raw, profile.id());
        }
    }
}
