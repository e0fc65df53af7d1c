package org.gmmharness.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** One whole EM iteration: E-step, M-step and precision-Cholesky step, as a fit runs them. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g"})
public class EmIterationBenchmark {

    /** @return the iteration's lower bound */
    @Benchmark
    public double iteration(EmState state) {
        return state.steps.iteration();
    }
}
