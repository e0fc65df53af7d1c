package org.gmmharness.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** The E-step: weighted log-probabilities, row-wise log-sum-exp and responsibilities. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g"})
public class EStepBenchmark {

    /** @return the mean log-likelihood, so the work cannot be eliminated */
    @Benchmark
    public double eStep(EmState state) {
        return state.steps.eStep();
    }
}
