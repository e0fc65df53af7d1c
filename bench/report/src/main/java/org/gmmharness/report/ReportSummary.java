package org.gmmharness.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.gmmharness.workload.Workload;
import org.gmmharness.workload.Workloads;

/**
 * Every figure a report shows, computed once by {@link SummaryBuilder}: summary.json, report.md and
 * the charts all read this object, so the text, the charts and the JSON cannot disagree. Times are
 * in ms; a missing number is NaN.
 *
 * @param profile   the profile's id, for example {@code quick}
 * @param date      the day of the run
 * @param host      the machine's name
 * @param backends  the backends that were benchmarked, in the order of the JMH results
 * @param workloads the standard workloads' whole-iteration figures
 * @param breakdown the step breakdown's workloads
 * @param sweeps    the scaling sweeps' points, in the profile's order
 * @param peak      the measured DGEMM peak, or null when the run did not measure it
 * @param agreement the backends' deviations from each other
 * @param sklearn   scikit-learn's timings, or why there are none
 * @param targets   the run against issue 6's targets, computed by {@link Targets}
 * @param timeToSolution whole fits in process and as command-line processes, with their targets
 */
public record ReportSummary(String profile, LocalDate date, String host, List<String> backends,
                            List<WorkloadRow> workloads, List<BreakdownRow> breakdown, List<SweepPoint> sweeps,
                            JmhResults.Peak peak, Agreement agreement, SklearnTimings sklearn,
                            TargetChecks targets, TimeToSolution timeToSolution) {

    /**
     * One backend's figures for one EM iteration.
     *
     * @param msPerIter         time per iteration, ms
     * @param errorMs           its error, ms (NaN when JMH gave none)
     * @param gflops            the flops this backend executes
     *                          ({@link Workload#executedFlopsPerIteration}) / time, GFLOP/s
     * @param referenceGflops   scikit-learn's algorithm's flops
     *                          ({@link Workload#referenceFlopsPerIteration}) / time, GFLOP/s
     * @param allocBytesPerIter bytes allocated per iteration (NaN without the GC profiler)
     * @param ratioToSklearn    scikit-learn's time / this time (NaN without scikit-learn)
     */
    public record Figures(double msPerIter, double errorMs, double gflops, double referenceGflops,
                          double allocBytesPerIter, double ratioToSklearn) {
    }

    /**
     * A standard workload's row: scikit-learn and every backend that has a result on it.
     *
     * @param workload       the workload
     * @param sklearnMs      scikit-learn's time per iteration, ms (NaN when not measured)
     * @param sklearnErrorMs its error, ms
     * @param backends       backend name → figures, in the summary's backend order
     */
    public record WorkloadRow(Workload workload, double sklearnMs, double sklearnErrorMs,
                              Map<String, Figures> backends) {

        /** @return the backend with the smallest time per iteration, or null if none has a result */
        public String fastest() {
            return backends.entrySet().stream().filter(e -> Double.isFinite(e.getValue().msPerIter()))
                    .min((a, b) -> Double.compare(a.getValue().msPerIter(), b.getValue().msPerIter()))
                    .map(Map.Entry::getKey).orElse(null);
        }

        /** @return scikit-learn's time over the fastest backend's, NaN without either */
        public double speedupVsSklearn() {
            String fastest = fastest();
            return fastest == null ? Double.NaN : sklearnMs / backends.get(fastest).msPerIter();
        }
    }

    /**
     * One backend's step times on one workload, each with its error, ms, and the backend's raw
     * operations on the same shapes ({@code LibraryProductBenchmark}), ms.
     *
     * @param iterationMs         the whole iteration's time when it was measured on the same shape, else NaN
     * @param rawEStepProductMs   the E-step's product alone
     * @param rawMStepProductMs   the M-step's product Rᵀ·design alone
     * @param rawLogSumExpMs      the row-wise log-sum-exp of the N×K log-probabilities alone
     * @param normalizeMachineShare the share of the machine's cores that the E-step's exp and log
     *                            work, {@code normalizeRows} timed alone, keeps busy (1 = all), NaN
     *                            when not measured
     */
    public record StepTimes(double eStepMs, double eStepErrorMs, double mStepMs, double mStepErrorMs,
                            double choleskyMs, double choleskyErrorMs, double iterationMs,
                            double rawEStepProductMs, double rawMStepProductMs, double rawLogSumExpMs,
                            double normalizeMachineShare) {

        /** @return the E-step's time over its raw product plus raw log-sum-exp, NaN without them */
        public double eStepRatio() {
            return eStepMs / (rawEStepProductMs + rawLogSumExpMs);
        }

        /** @return the M-step's time over its raw product, NaN without it */
        public double mStepRatio() {
            return mStepMs / rawMStepProductMs;
        }
    }

    /**
     * A workload of the step breakdown.
     *
     * @param workload       the workload
     * @param backends       backend name → step times
     * @param sklearnEStepMs scikit-learn's E-step, ms (NaN when not measured)
     * @param sklearnMStepMs scikit-learn's M-step including its precision Cholesky, ms
     * @param sklearnIterationMs scikit-learn's whole iteration, ms
     */
    public record BreakdownRow(Workload workload, Map<String, StepTimes> backends, double sklearnEStepMs,
                               double sklearnMStepMs, double sklearnIterationMs) {
    }

    /**
     * One point of a scaling sweep.
     *
     * @param sweep     the parameter varied
     * @param value     its value at this point
     * @param workload  the workload measured
     * @param backendMs backend name → time per iteration, ms (backends without a result left out)
     * @param sklearnMs scikit-learn's time per iteration, ms (NaN when not measured)
     */
    public record SweepPoint(Workloads.Sweep sweep, int value, Workload workload, Map<String, Double> backendMs,
                             double sklearnMs) {
    }

    /** Whether a run met a target. */
    public enum Status {
        /** The measured value meets the target. */
        MET("met"),
        /** The measured value misses the target. */
        NOT_MET("not met"),
        /** A number the target needs was not measured in this run. */
        NOT_MEASURED("not measured");

        /** How the report prints it. */
        public final String label;

        Status(String label) {
            this.label = label;
        }

        /** @return NOT_MEASURED unless {@code value} is finite, else MET or NOT_MET */
        static Status of(double value, boolean met) {
            return !Double.isFinite(value) ? NOT_MEASURED : met ? MET : NOT_MET;
        }
    }

    /**
     * The fastest backend's speed-up over scikit-learn on one workload against its target.
     *
     * @param workload       the workload
     * @param fastestBackend the backend with the smallest time per iteration, or null
     * @param speedup        scikit-learn's time / the fastest backend's, NaN when not measured
     * @param target         the smallest speed-up that meets the target
     */
    public record SpeedupCheck(Workload workload, String fastestBackend, double speedup, double target) {
        /** @return met when the speed-up is at least the target */
        public Status status() {
            return Status.of(speedup, speedup >= target);
        }
    }

    /**
     * One JVM-heap backend's allocation per EM iteration on one workload against its limit.
     *
     * @param workload     the workload
     * @param backend      the backend
     * @param bytesPerIter bytes allocated per iteration, NaN when not measured
     * @param limitBytes   the limit, {@link Targets#ALLOCATION_FRACTION} of N·K·8 bytes
     */
    public record AllocationCheck(Workload workload, String backend, double bytesPerIter, double limitBytes) {
        /** @return met when the allocation is below the limit */
        public Status status() {
            return Status.of(bytesPerIter, bytesPerIter < limitBytes);
        }
    }

    /**
     * One backend's step time over its library's raw operations on the same shape.
     *
     * @param workload the workload
     * @param backend  the backend
     * @param step     {@code "E-step"} or {@code "M-step"}
     * @param ratio    the step's time / the raw operations' time, NaN when not measured
     * @param limit    the largest ratio that meets the target
     */
    public record GlueCheck(Workload workload, String backend, String step, double ratio, double limit) {
        /** @return met when the ratio is at most the limit */
        public Status status() {
            return Status.of(ratio, ratio <= limit);
        }
    }

    /**
     * The share of the machine's cores that one backend's E-step exp and log work
     * ({@code normalizeRows}) keeps busy on one workload.
     *
     * @param workload the workload
     * @param backend  the backend
     * @param share    process CPU time over wall time × logical cores, NaN when not measured
     * @param minimum  the smallest share that meets the target
     */
    public record CoreUseCheck(Workload workload, String backend, double share, double minimum) {
        /** @return met when the share is at least the minimum */
        public Status status() {
            return Status.of(share, share >= minimum);
        }
    }

    /**
     * The run against issue 6's targets.
     *
     * @param speedups    one per standard workload that has a speed-up target
     * @param allocations one per standard workload and JVM-heap backend with a result
     * @param glue        two per breakdown workload and backend: the E-step and the M-step
     * @param coreUse     one per breakdown workload and backend: the exp and log work's use of the cores
     */
    public record TargetChecks(List<SpeedupCheck> speedups, List<AllocationCheck> allocations,
                               List<GlueCheck> glue, List<CoreUseCheck> coreUse) {
    }

    /** @return the points of one sweep, in the profile's order */
    public List<SweepPoint> sweep(Workloads.Sweep sweep) {
        return sweeps.stream().filter(p -> p.sweep() == sweep).toList();
    }

    /** @return the peak in GFLOP/s, NaN when not measured */
    public double peakGflops() {
        return peak == null ? Double.NaN : peak.gflops();
    }

    /** @return {@code gflops} as a percentage of the measured peak, NaN without one */
    public double percentOfPeak(double gflops) {
        return gflops / peakGflops() * 100.0;
    }
}
