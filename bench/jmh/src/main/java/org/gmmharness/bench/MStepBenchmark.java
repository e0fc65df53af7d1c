package org.gmmharness.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/** The M-step: weights, means and covariances from the last E-step's responsibilities. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g"})
public class MStepBenchmark {

    @Benchmark
    public void mStep(EmState state, Blackhole sink) {
        state.steps.mStep();
        sink.consume(state.steps);
    }
}
