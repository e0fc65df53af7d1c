package org.gmmharness.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.gmmharness.workload.Workload;

/**
 * Time to solution outside JMH, measured by the benchmarks' {@code TimeToSolutionSuite}: the command-line process
 * on each workload's CSV file beside scikit-learn's process on the same file, the command-line
 * start-up per backend, and the in-process fits that failed (their times are in the JMH results).
 *
 * @param measured       whether the processes were run at all
 * @param reason         when not measured: why; otherwise empty
 * @param javaCommand    the command timed on each CSV file, {@code <csv>} and {@code <K>} standing
 *                       for the file and the number of components
 * @param sklearnCommand scikit-learn's command on the same file, with the same placeholders
 * @param unsetForSklearn the environment variables removed for scikit-learn's process, with the
 *                       values they had (for example {@code OPENBLAS_CORETYPE=Haswell})
 * @param workloads      one entry per time-to-solution workload, in the profile's order
 * @param startup        one entry per backend (and one for the default choice) on a tiny CSV file
 * @param startupRows    the tiny file's rows
 * @param fitFailures    the in-process fits (JMH runs) that failed, with why
 * @param notes          anything the report must say about how this run measured (cases left out)
 */
public record ProcessTimings(boolean measured, String reason, String javaCommand, String sklearnCommand,
                             List<String> unsetForSklearn, List<CliWorkload> workloads, List<Startup> startup,
                             int startupRows, List<FitFailure> fitFailures, List<String> notes) {

    /** Interval between two readings of a child process's {@code VmHWM} (its peak RSS), ms. */
    public static final int POLL_MILLIS = 5;

    /**
     * Repeated runs of one command.
     *
     * @param wallMs       each successful run's wall time, ms
     * @param peakRssBytes each successful run's peak resident set (VmHWM), bytes (NaN where unread)
     * @param failure      why a run failed (the first failure; later runs are not attempted), or null
     */
    public record Samples(List<Double> wallMs, List<Double> peakRssBytes, String failure) {

        /** @return samples with nothing measured, for the reason given */
        public static Samples failed(String why) {
            return new Samples(List.of(), List.of(), why);
        }
    }

    /**
     * The JVM option of the diagnostic run beside each workload's command line: the same command
     * with the JIT's first tier alone (C1, without profiling and without C2). It has no target:
     * the difference from the default run is what the JIT's warming up costs a process this short.
     */
    public static final String FIRST_TIER_ONLY = "-XX:TieredStopAtLevel=1";

    /**
     * One workload's command-line processes.
     *
     * @param workload  the workload
     * @param csvBytes  the CSV file's size, bytes
     * @param java      our command-line process, default backend and settings
     * @param firstTier the same process with {@link #FIRST_TIER_ONLY}, a diagnostic, or
     *                  {@link Samples#failed} when it was not run
     * @param sklearn   scikit-learn's process, or {@link Samples#failed} when it could not run
     */
    public record CliWorkload(Workload workload, long csvBytes, Samples java, Samples firstTier, Samples sklearn) {
    }

    /**
     * The command-line process on a tiny CSV file with one backend: its start-up cost.
     *
     * @param backend the backend given with {@code --backend}, or {@link #DEFAULT} for none
     * @param samples its runs
     */
    public record Startup(String backend, Samples samples) {
        /** What {@link #backend()} says for a run without {@code --backend}. */
        public static final String DEFAULT = "(default)";
    }

    /**
     * An in-process fit that failed.
     *
     * @param backend  the backend
     * @param workload the workload's id
     * @param reason   the error, on one line
     */
    public record FitFailure(String backend, String workload, String reason) {
    }

    /** @return timings of a run that did not measure the processes, saying why */
    public static ProcessTimings notMeasured(String reason, List<FitFailure> fitFailures) {
        return new ProcessTimings(false, reason, "", "", List.of(), List.of(), List.of(), 0,
                List.copyOf(fitFailures), List.of());
    }

    /** @return the same timings with more in-process failures */
    public ProcessTimings withFitFailures(List<FitFailure> more) {
        List<FitFailure> all = new ArrayList<>(fitFailures);
        all.addAll(more);
        return new ProcessTimings(measured, reason, javaCommand, sklearnCommand, unsetForSklearn, workloads, startup,
                startupRows, Collections.unmodifiableList(all), notes);
    }
}
