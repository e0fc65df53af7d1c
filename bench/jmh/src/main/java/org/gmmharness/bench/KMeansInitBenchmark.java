package org.gmmharness.bench;

import java.util.concurrent.TimeUnit;

import org.gmmharness.kmeans.KMeans;
import org.gmmharness.random.RandomState;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The k-means initialisation as a fit with {@code init_params=kmeans} runs it: scikit-learn's
 * {@code KMeans(n_clusters=K, n_init=1, random_state=0)} (k-means++ seeding, then Lloyd iterations
 * to convergence and the final relabelling) on a workload's data. k-means lives in core and uses no
 * backend: the {@code backend} and {@code covarianceType} parameters are accepted, so that the
 * suite's options apply, and ignored.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g"})
public class KMeansInitBenchmark {

    /** A workload's data, drawn once per trial. */
    @State(Scope.Benchmark)
    public static class Data extends AbstractWorkloadState {

        /** N×D samples. */
        public double[][] x;

        /** K. */
        public int clusters;

        @Setup(Level.Trial)
        public void setUp() {
            Workload w = workload();
            x = WorkloadData.generate(w, Workloads.DATA_SEED);
            clusters = w.k();
        }
    }

    /** @return the run's labels, centres and iteration count, so the work cannot be eliminated */
    @Benchmark
    public KMeans.Result kmeansInit(Data data) {
        return KMeans.fit(data.x, data.clusters, new RandomState(0));
    }
}
