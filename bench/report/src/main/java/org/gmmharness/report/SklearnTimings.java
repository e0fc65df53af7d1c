package org.gmmharness.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * scikit-learn's time per EM iteration on the workloads, measured in the same run as the JMH
 * benchmarks, or why it could not be measured.
 *
 * @param available whether python3-sklearn could be run
 * @param reason    when unavailable: why, and the command that installs it; otherwise empty
 * @param versions  scikit-learn, numpy, Python versions and BLAS settings (threadpoolctl's view)
 * @param byShape   timings keyed by {@link org.gmmharness.workload.Workload#shape()}
 * @param fits      whole fits ({@code GaussianMixture(K, random_state=0).fit(X)}) keyed by shape
 */
public record SklearnTimings(boolean available, String reason, Map<String, String> versions,
                             Map<String, Timing> byShape, Map<String, FitTiming> fits) {

    /** Timings without whole fits. */
    public SklearnTimings(boolean available, String reason, Map<String, String> versions,
                          Map<String, Timing> byShape) {
        this(available, reason, versions, byShape, Map.of());
    }

    /**
     * Whole fits of one workload.
     *
     * @param samplesMs each timed fit, ms
     * @param nIter     each fit's {@code n_iter_}
     */
    public record FitTiming(List<Double> samplesMs, List<Integer> nIter) {
    }

    /**
     * @param msPerIteration median time of one EM iteration (E-step plus M-step), ms
     * @param errorMs        the half-width of the interval the report prints beside it, ms
     * @param eStepMs        median time of the E-step alone, ms
     * @param mStepMs        median time of the M-step alone (with the precision Cholesky), ms
     * @param repeats        number of timed iterations
     */
    public record Timing(double msPerIteration, double errorMs, double eStepMs, double mStepMs, int repeats) {
    }

    /**
     * @param fitRuns other runs of the baseline that timed whole fits
     * @return these timings with the whole fits of {@code fitRuns} instead of their own: per shape,
     *         every run's samples in the order given; a run that was unavailable adds nothing
     */
    public SklearnTimings withFitsOf(List<SklearnTimings> fitRuns) {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, List<Integer>> nIter = new LinkedHashMap<>();
        for (SklearnTimings run : fitRuns) {
            if (!run.available()) {
                continue;
            }
            run.fits().forEach((shape, f) -> {
                samples.computeIfAbsent(shape, k -> new ArrayList<>()).addAll(f.samplesMs());
                nIter.computeIfAbsent(shape, k -> new ArrayList<>()).addAll(f.nIter());
            });
        }
        Map<String, FitTiming> merged = new LinkedHashMap<>();
        samples.forEach((shape, s) -> merged.put(shape, new FitTiming(List.copyOf(s), List.copyOf(nIter.get(shape)))));
        return new SklearnTimings(available, reason, versions, byShape, Collections.unmodifiableMap(merged));
    }

    /** @return timings for a run where scikit-learn was not available */
    public static SklearnTimings unavailable(String reason) {
        return new SklearnTimings(false, reason, Map.of(), Map.of(), Map.of());
    }
}
