package org.gmmharness.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/** The precision-Cholesky step: a Cholesky factor and a triangular inverse per component. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g"})
public class PrecisionCholeskyBenchmark {

    @Benchmark
    public void precisionCholesky(EmState state, Blackhole sink) {
        state.steps.precisionCholesky();
        sink.consume(state.steps);
    }
}
