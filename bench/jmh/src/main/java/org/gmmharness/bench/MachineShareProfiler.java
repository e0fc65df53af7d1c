package org.gmmharness.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.gmmharness.report.JmhResults;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports how much of the machine a benchmark keeps busy: per iteration, the
 * benchmark JVM's CPU time over the iteration's wall time times the number of logical cores, as
 * the secondary result {@value #METRIC} (1.0 = every core busy the whole time, 1/cores = one
 * core). It is how a report shows that a step's work runs on every core. The JVM's own threads
 * (JIT, GC) count too; after warm-up they add little.
 *
 * <p>Add it with {@code -prof org.gmmharness.bench.MachineShareProfiler} or
 * {@code OptionsBuilder.addProfiler(MachineShareProfiler.class)}.
 */
public final class MachineShareProfiler implements InternalProfiler {

    /** The name of the secondary result, as the report reads it. */
    public static final String METRIC = JmhResults.MACHINE_SHARE_METRIC;

    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "Share of the machine's cores busy during each iteration: process CPU time / (wall time x cores)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = processCpuNanos();
        wallStart = System.nanoTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long wall = System.nanoTime() - wallStart;
        long cpu = processCpuNanos() - cpuStart;
        double share = share(cpu, wall, Runtime.getRuntime().availableProcessors());
        return List.of(new ScalarResult(METRIC, share, "share", AggregationPolicy.AVG));
    }

    /**
     * @return {@code cpuNanos / (wallNanos · cores)}, or NaN when the JVM cannot tell its CPU time
     *         (negative) or no time passed
     */
    static double share(long cpuNanos, long wallNanos, int cores) {
        if (cpuNanos < 0 || wallNanos <= 0 || cores < 1) {
            return Double.NaN;
        }
        return cpuNanos / ((double) wallNanos * cores);
    }

    /** @return the JVM process's CPU time, ns, or -1 where the platform does not report it */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
