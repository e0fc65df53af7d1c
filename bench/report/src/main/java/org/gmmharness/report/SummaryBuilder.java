package org.gmmharness.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmmharness.em.SufficientStatistics;
import org.gmmharness.linalg.Backends;
import org.gmmharness.workload.BenchProfile;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.Workloads;

/**
 * Builds a {@link ReportSummary} from the JMH results, matched to the profile's workloads by N, D,
 * K and covariance type (so a sweep point with a standard workload's shape reuses its result).
 */
final class SummaryBuilder {

    static final String ITERATION = "EmIterationBenchmark";
    static final String E_STEP = "EStepBenchmark";
    static final String M_STEP = "MStepBenchmark";
    static final String CHOLESKY = "PrecisionCholeskyBenchmark";
    static final String RAW = "LibraryProductBenchmark";
    static final String RAW_E_PRODUCT = "eStepProduct";
    static final String RAW_M_PRODUCT = "mStepProduct";
    static final String RAW_LOG_SUM_EXP = "logSumExp";
    static final String NORMALIZE = "NormalizeRowsBenchmark";

    private SummaryBuilder() {
    }

    /** @return the summary of one run */
    static ReportSummary build(BenchProfile profile, LocalDate date, String host, JmhResults results,
                               SklearnTimings sklearn, Agreement agreement) {
        return build(profile, date, host, results, sklearn, agreement, null);
    }

    /** @return the summary of one run, with its command-line processes (null: not measured) */
    static ReportSummary build(BenchProfile profile, LocalDate date, String host, JmhResults results,
                               SklearnTimings sklearn, Agreement agreement, ProcessTimings processes) {
        List<String> backends = results.backends();
        List<ReportSummary.WorkloadRow> rows = new ArrayList<>();
        for (Workload w : profile.workloads()) {
            rows.add(row(w, backends, results, sklearn));
        }
        List<ReportSummary.BreakdownRow> breakdown = new ArrayList<>();
        for (Workload w : profile.breakdown()) {
            breakdown.add(breakdownRow(w, backends, results, sklearn));
        }
        List<ReportSummary.SweepPoint> sweeps = new ArrayList<>();
        for (Workload w : profile.sweeps()) {
            sweeps.add(sweepPoint(w, backends, results, sklearn));
        }
        return new ReportSummary(profile.id(), date, host, backends, List.copyOf(rows), List.copyOf(breakdown),
                List.copyOf(sweeps), results.peak().orElse(null), agreement, sklearn,
                Targets.check(rows, breakdown),
                TimeToSolution.build(profile.timeToSolution(), backends, results, sklearn, processes));
    }

    private static ReportSummary.WorkloadRow row(Workload w, List<String> backends, JmhResults results,
                                                 SklearnTimings sklearn) {
        SklearnTimings.Timing t = timing(sklearn, w);
        double sklearnMs = t == null ? Double.NaN : t.msPerIteration();
        Map<String, ReportSummary.Figures> figures = new LinkedHashMap<>();
        for (String b : backends) {
            results.find(ITERATION, b, w).ifPresent(e -> figures.put(b, new ReportSummary.Figures(e.msPerOp(),
                    e.errorMs(), gflops(w, b, e.msPerOp()), referenceGflops(w, e.msPerOp()), e.allocBytesPerOp(),
                    sklearnMs / e.msPerOp())));
        }
        return new ReportSummary.WorkloadRow(w, sklearnMs, t == null ? Double.NaN : t.errorMs(),
                Collections.unmodifiableMap(figures));
    }

    /**
     * @return GFLOP/s of one iteration of {@code w} on {@code backend} taking {@code ms}, from the
     *         flops that backend executes ({@link Workload#executedFlopsPerIteration})
     */
    static double gflops(Workload w, String backend, double ms) {
        boolean tuned = tunedProducts(backend);
        boolean weighted = SufficientStatistics.weightedForm(w.covarianceType(), tuned, w.d(), w.k());
        return w.executedFlopsPerIteration(weighted, !tuned) / (ms * 1e6);
    }

    /** @return GFLOP/s of one iteration of {@code w} taking {@code ms}, from scikit-learn's algorithm's flops */
    static double referenceGflops(Workload w, double ms) {
        return w.referenceFlopsPerIteration() / (ms * 1e6);
    }

    /** Whether the backend registered as {@code name} has tuned products; false when it is not registered here. */
    private static boolean tunedProducts(String name) {
        return Backends.providers().stream().anyMatch(p -> p.name().equals(name) && p.tunedProducts());
    }

    private static ReportSummary.BreakdownRow breakdownRow(Workload w, List<String> backends, JmhResults results,
                                                           SklearnTimings sklearn) {
        Map<String, ReportSummary.StepTimes> steps = new LinkedHashMap<>();
        for (String b : backends) {
            Optional<JmhResults.Entry> e = results.find(E_STEP, b, w);
            Optional<JmhResults.Entry> m = results.find(M_STEP, b, w);
            Optional<JmhResults.Entry> c = results.find(CHOLESKY, b, w);
            Optional<JmhResults.Entry> it = results.find(ITERATION, b, w);
            Optional<JmhResults.Entry> rawE = results.find(RAW, RAW_E_PRODUCT, b, w);
            Optional<JmhResults.Entry> rawM = results.find(RAW, RAW_M_PRODUCT, b, w);
            Optional<JmhResults.Entry> rawL = results.find(RAW, RAW_LOG_SUM_EXP, b, w);
            Optional<JmhResults.Entry> norm = results.find(NORMALIZE, b, w);
            if (e.isPresent() || m.isPresent() || c.isPresent() || rawE.isPresent() || rawM.isPresent()
                    || rawL.isPresent() || norm.isPresent()) {
                steps.put(b, new ReportSummary.StepTimes(ms(e), error(e), ms(m), error(m), ms(c), error(c), ms(it),
                        ms(rawE), ms(rawM), ms(rawL), norm.map(JmhResults.Entry::machineShare).orElse(Double.NaN)));
            }
        }
        SklearnTimings.Timing t = timing(sklearn, w);
        return new ReportSummary.BreakdownRow(w, Collections.unmodifiableMap(steps),
                t == null ? Double.NaN : t.eStepMs(), t == null ? Double.NaN : t.mStepMs(),
                t == null ? Double.NaN : t.msPerIteration());
    }

    private static ReportSummary.SweepPoint sweepPoint(Workload w, List<String> backends, JmhResults results,
                                                       SklearnTimings sklearn) {
        Workloads.Sweep sweep = sweepOf(w);
        Map<String, Double> ms = new LinkedHashMap<>();
        for (String b : backends) {
            results.find(ITERATION, b, w).ifPresent(e -> ms.put(b, e.msPerOp()));
        }
        SklearnTimings.Timing t = timing(sklearn, w);
        int value = sweep == Workloads.Sweep.N ? w.n() : sweep == Workloads.Sweep.D ? w.d() : w.k();
        return new ReportSummary.SweepPoint(sweep, value, w, Collections.unmodifiableMap(ms),
                t == null ? Double.NaN : t.msPerIteration());
    }

    /** A sweep's workloads are named like {@code N=30000}, see {@link Workloads.Sweep#at(int...)}. */
    private static Workloads.Sweep sweepOf(Workload w) {
        int eq = w.id().indexOf('=');
        if (eq > 0) {
            try {
                return Workloads.Sweep.valueOf(w.id().substring(0, eq));
            } catch (IllegalArgumentException ignored) {
                // fall through to the shape
            }
        }
        if (w.d() == Workloads.W1.d() && w.k() == Workloads.W1.k()) {
            return Workloads.Sweep.N;
        }
        return w.n() == Workloads.W1.n() && w.k() == Workloads.W1.k() ? Workloads.Sweep.D : Workloads.Sweep.K;
    }

    private static SklearnTimings.Timing timing(SklearnTimings sklearn, Workload w) {
        return sklearn == null || !sklearn.available() || sklearn.byShape() == null ? null
                : sklearn.byShape().get(w.shape());
    }

    private static double ms(Optional<JmhResults.Entry> e) {
        return e.map(JmhResults.Entry::msPerOp).orElse(Double.NaN);
    }

    private static double error(Optional<JmhResults.Entry> e) {
        return e.map(JmhResults.Entry::errorMs).orElse(Double.NaN);
    }
}
