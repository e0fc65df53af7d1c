package org.gmmharness.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.gmmharness.bench.Workload;
import org.gmmharness.bench.Workloads;

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
 */
public record ReportSummary(String profile, LocalDate date, String host, List<String> backends,
                            List<WorkloadRow> workloads, List<BreakdownRow> breakdown, List<SweepPoint> sweeps,
                            JmhResults.Peak peak, Agreement agreement, SklearnTimings sklearn) {

    /**
     * One backend's figures for one EM iteration.
     *
     * @param msPerIter         time per iteration, ms
     * @param errorMs           its error, ms (NaN when JMH gave none)
     * @param gflops            {@link Workload#flopsPerIteration()} / time, GFLOP/s
     * @param allocBytesPerIter bytes allocated per iteration (NaN without the GC profiler)
     * @param ratioToSklearn    scikit-learn's time / this time (NaN without scikit-learn)
     */
    public record Figures(double msPerIter, double errorMs, double gflops, double allocBytesPerIter,
                          double ratioToSklearn) {
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
    }

    /**
     * One backend's step times on one workload, each with its error, ms.
     *
     * @param iterationMs the whole iteration's time when it was measured on the same shape, else NaN
     */
    public record StepTimes(double eStepMs, double eStepErrorMs, double mStepMs, double mStepErrorMs,
                            double choleskyMs, double choleskyErrorMs, double iterationMs) {
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
