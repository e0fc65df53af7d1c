package org.gmmharness.bench;

import java.util.concurrent.TimeUnit;

import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The E-step's exp and log work alone: the backend's {@link LinearAlgebra#normalizeRows} (row-wise
 * log-sum-exp, log-responsibilities and responsibilities) of the N×K log-probabilities that
 * {@link LibraryProductBenchmark} also uses. The suite runs it with {@link MachineShareProfiler},
 * so that the report shows how much of the machine that work keeps busy. Each call overwrites the
 * log-probabilities with log-responsibilities, whose rows again sum to one in exp, so every call
 * does the same work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g"})
public class NormalizeRowsBenchmark extends AbstractWorkloadState {

    private LibraryProductBenchmark.Operands<?> operands;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = workload();
        operands = LibraryProductBenchmark.Operands.of(Backends.create(backend), w,
                WorkloadData.generate(w, Workloads.DATA_SEED));
    }

    /** {@link LinearAlgebra#normalizeRows} of the N×K log-probabilities. */
    @Benchmark
    public void normalizeRows(Blackhole sink) {
        operands.normalizeRows();
        sink.consume(operands);
    }
}
