package org.gmmharness.bench;

import java.util.concurrent.TimeUnit;

import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to solution in process: one whole fit from data in memory (row-major, as the loaders give
 * them), as scikit-learn's {@code GaussianMixture(K, random_state=0).fit(X)} does it (k-means initialisation, the default
 * tolerance and iteration limit, full covariances, to convergence), each call timed once
 * ({@link Mode#SingleShotTime}). The data are built once per trial from the workload's seed
 * ({@link WorkloadData}), so every backend and scikit-learn fit the same samples.
 *
 * <p>The fork touches its whole initial heap when it starts ({@code -XX:+AlwaysPreTouch}), as a
 * process that has been fitting for a while has: a fit allocates megabytes, and until a large young
 * generation has been used once each allocation touches new pages, which on a machine with slow
 * page faults cost more than the fit (W4 on EJML: 66.6 ms a fit against 16.0 ms with the heap touched).
 * scikit-learn's fits are timed with its freed memory kept the same way
 * ({@code SklearnBaseline.KEEP_MEMORY_ENV}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g", "-XX:+AlwaysPreTouch"})
public class FitBenchmark {

    /** The backend, the workload's samples and the fit's settings. */
    @State(Scope.Benchmark)
    public static class FitState {

        /** Backend name, as {@link Backends#create(String)} takes it. */
        @Param({"ejml"})
        public String backend;

        /** Workload id, as {@link Workloads#byId(String)} takes it, for example {@code W1} or {@code W1/100}. */
        @Param({"W4"})
        public String workload;

        /**
         * Seconds of untimed fits, at the least, run in {@link #setUp()} before JMH's own warm-up
         * iterations: JMH counts single-shot warm-ups, and a count that settles a large fit leaves
         * a small one still compiling.
         */
        @Param({"0"})
        public String warmupSeconds;

        LinearAlgebra<?> la;
        /** The samples row-major, as the loader gives them to the fit. */
        double[] x;
        int n;
        int d;
        GaussianMixture settings;

        @Setup(Level.Trial)
        public void setUp() {
            Workload w = Workloads.byId(workload);
            la = Backends.create(backend);
            x = WorkloadData.generateRowMajor(w, Workloads.DATA_SEED);
            n = w.n();
            d = w.d();
            settings = GaussianMixture.builder(w.k()).covarianceType(w.covarianceType()).randomState(0).build();
            warmUp(Long.parseLong(warmupSeconds) * 1_000_000_000L);
        }

        /** Fits until {@code nanos} have passed, keeping the last model so that no fit is dead code. */
        private void warmUp(long nanos) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < nanos) {
                warmedUp = settings.fit(la, x, n, d);
            }
        }

        /** The last model of {@link #warmUp(long)}. */
        GaussianMixtureModel warmedUp;
    }

    /** @return the fitted model */
    @Benchmark
    public GaussianMixtureModel fit(FitState state) {
        return state.settings.fit(state.la, state.x, state.n, state.d);
    }
}
