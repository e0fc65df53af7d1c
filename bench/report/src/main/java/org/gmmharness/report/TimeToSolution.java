package org.gmmharness.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmmharness.workload.Workload;

/**
 * The report's time-to-solution figures, built from the run's JMH results ({@code FitBenchmark},
 * {@code CsvLoad*}), scikit-learn's whole fits and the command-line processes
 * ({@link ProcessTimings}), with their targets ({@link Targets#checkTimeToSolution}).
 *
 * @param fits      in-process whole fits per workload
 * @param processes how the command-line processes ran (commands, environment, notes, or why not)
 * @param cli       the command-line processes per workload
 * @param startup   the command-line start-up per backend
 * @param csvLoad   the CSV-loading benchmark's figure, or null when the run has none
 * @param targets   the figures against their targets
 */
public record TimeToSolution(List<FitRow> fits, ProcessTimings processes, List<CliRow> cli,
                             List<StartupRow> startup, CsvLoad csvLoad, List<Check> targets) {

    /** The simple name of the in-process whole-fit benchmark. */
    static final String FIT_BENCHMARK = "FitBenchmark";

    /**
     * Median, smallest and largest of some samples; all NaN and count 0 when there are none.
     */
    public record Stats(double median, double min, double max, int count) {

        /** @return the statistics of {@code samples}, NaNs left out */
        public static Stats of(List<Double> samples) {
            double[] v = samples.stream().filter(d -> d != null && !Double.isNaN(d)).mapToDouble(Double::doubleValue)
                    .sorted().toArray();
            if (v.length == 0) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
            return new Stats(median, v[0], v[v.length - 1], v.length);
        }
    }

    /**
     * One workload's in-process whole fits.
     *
     * @param workload     the workload
     * @param backends     backend → its single-shot fit times, ms (only backends with a result)
     * @param failures     backend → why its fit failed
     * @param sklearn      scikit-learn's {@code fit()} times, ms
     * @param sklearnNIter scikit-learn's iterations per fit
     */
    public record FitRow(Workload workload, Map<String, Stats> backends, Map<String, String> failures, Stats sklearn,
                         List<Integer> sklearnNIter) {

        /** @return the backend with the smallest median, or null */
        public String fastest() {
            return backends.entrySet().stream().filter(e -> Double.isFinite(e.getValue().median()))
                    .min((a, b) -> Double.compare(a.getValue().median(), b.getValue().median()))
                    .map(Map.Entry::getKey).orElse(null);
        }

        /** @return scikit-learn's median over the fastest backend's median, NaN without either */
        public double speedup() {
            String f = fastest();
            return f == null ? Double.NaN : sklearn.median() / backends.get(f).median();
        }
    }

    /**
     * One workload's command-line processes.
     *
     * @param workload  the workload
     * @param csvBytes  the CSV file's size
     * @param java      our process's runs
     * @param firstTier the same process's runs with the JIT's first tier only (a diagnostic)
     * @param sklearn   scikit-learn's process's runs
     */
    public record CliRow(Workload workload, long csvBytes, Runs java, Runs firstTier, Runs sklearn) {

        /** @return our median wall time over scikit-learn's (below 1: faster) */
        public double wallRatio() {
            return java.wallOver(sklearn);
        }

        /** @return our median peak RSS over scikit-learn's (below 1: smaller) */
        public double rssRatio() {
            return java.rssOver(sklearn);
        }
    }

    /**
     * Runs of one command-line process.
     *
     * @param wallMs  wall times, ms
     * @param rss     peak resident sets, bytes
     * @param failure why a run failed (or why there was none), or null
     */
    public record Runs(Stats wallMs, Stats rss, String failure) {
        static Runs of(ProcessTimings.Samples s) {
            return new Runs(Stats.of(s.wallMs()), Stats.of(s.peakRssBytes()), s.failure());
        }

        /** @return this median wall time over {@code base}'s, NaN without either */
        public double wallOver(Runs base) {
            return wallMs.median() / base.wallMs.median();
        }

        /** @return this median peak RSS over {@code base}'s, NaN without either */
        public double rssOver(Runs base) {
            return rss.median() / base.rss.median();
        }
    }

    /**
     * The command-line start-up with one backend.
     *
     * @param backend the backend, or {@link ProcessTimings.Startup#DEFAULT}
     * @param wallMs  its wall times on the tiny file, ms
     * @param failure why a run failed, or null
     */
    public record StartupRow(String backend, Stats wallMs, String failure) {
    }

    /**
     * The CSV-loading benchmark's throughput: the lowest over its results, so that the target holds
     * for every file it read.
     *
     * @param benchmark   the benchmark and parameters it was measured on
     * @param mbPerSecond MB/s (10⁶ bytes per second), NaN when its results give no throughput
     */
    public record CsvLoad(String benchmark, double mbPerSecond) {
    }

    /**
     * One time-to-solution figure against its target.
     *
     * @param workload the workload's id, or "—" for a figure of no workload
     * @param measure  what is compared, as the report names it
     * @param value    the figure (a ratio, or MB/s), NaN when not measured
     * @param atMost   whether the target is an upper bound (else a lower bound)
     * @param target   the bound
     * @param unit     "×" for ratios, " MB/s" for throughputs
     */
    public record Check(String workload, String measure, double value, boolean atMost, double target, String unit) {
        /** @return met, not met, or not measured */
        public ReportSummary.Status status() {
            return ReportSummary.Status.of(value, atMost ? value <= target : value >= target);
        }
    }

    /** @return the section's figures for a run */
    static TimeToSolution build(List<Workload> workloads, List<String> backends, JmhResults results,
                                SklearnTimings sklearn, ProcessTimings processes) {
        ProcessTimings p = processes == null ? ProcessTimings.notMeasured("not run", List.of()) : processes;
        List<FitRow> fits = new ArrayList<>();
        for (Workload w : workloads) {
            Map<String, Stats> byBackend = new LinkedHashMap<>();
            Map<String, String> failures = new LinkedHashMap<>();
            for (String b : backends) {
                results.findByWorkloadId(FIT_BENCHMARK, b, w).ifPresent(e -> byBackend.put(b, Stats.of(
                        e.samplesMs().isEmpty() ? List.of(e.msPerOp()) : e.samplesMs())));
            }
            for (ProcessTimings.FitFailure f : p.fitFailures()) {
                if (f.workload().equals(w.id())) {
                    failures.put(f.backend(), f.reason());
                }
            }
            SklearnTimings.FitTiming t = sklearn == null || !sklearn.available() || sklearn.fits() == null ? null
                    : sklearn.fits().get(w.shape());
            fits.add(new FitRow(w, Collections.unmodifiableMap(byBackend), Collections.unmodifiableMap(failures),
                    Stats.of(t == null ? List.of() : t.samplesMs()), t == null ? List.of() : t.nIter()));
        }
        List<CliRow> cli = new ArrayList<>();
        for (ProcessTimings.CliWorkload c : p.workloads()) {
            cli.add(new CliRow(c.workload(), c.csvBytes(), Runs.of(c.java()), Runs.of(c.firstTier()),
                    Runs.of(c.sklearn())));
        }
        List<StartupRow> startup = new ArrayList<>();
        for (ProcessTimings.Startup s : p.startup()) {
            startup.add(new StartupRow(s.backend(), Stats.of(s.samples().wallMs()), s.samples().failure()));
        }
        CsvLoad csv = csvLoad(results);
        return new TimeToSolution(List.copyOf(fits), p, List.copyOf(cli), List.copyOf(startup), csv,
                Targets.checkTimeToSolution(fits, cli, csv));
    }

    /**
     * @return the lowest MB/s over the run's {@code CsvLoad*} results (only those with
     *         {@code format=csv} where a result has a {@code format} parameter, so that other file
     *         formats the benchmark compares with do not count), or null when there are none
     */
    static CsvLoad csvLoad(JmhResults results) {
        List<JmhResults.Entry> entries = results.byPrefix(JmhResults.CSV_LOAD_PREFIX).stream()
                .filter(e -> !e.params().containsKey("format") || "csv".equalsIgnoreCase(e.params().get("format")))
                .toList();
        if (entries.isEmpty()) {
            return null;
        }
        Optional<JmhResults.Entry> slowest = entries.stream().filter(e -> Double.isFinite(e.mbPerSecond()))
                .min((a, b) -> Double.compare(a.mbPerSecond(), b.mbPerSecond()));
        JmhResults.Entry e = slowest.orElse(entries.get(0));
        String name = e.benchmark() + (e.method().isEmpty() ? "" : "." + e.method())
                + (e.params().isEmpty() ? "" : " " + e.params());
        return new CsvLoad(name, e.mbPerSecond());
    }
}
