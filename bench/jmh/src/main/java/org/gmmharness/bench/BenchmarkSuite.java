package org.gmmharness.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.gmmharness.report.ProcessTimings;
import org.gmmharness.workload.BenchProfile;
import org.gmmharness.workload.Workload;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a profile's benchmarks with JMH, one forked JVM per backend and shape, and writes every
 * result to one JMH JSON file. Progress goes to the given stream as each run finishes.
 *
 * <p>The whole EM iteration is timed on the profile's workloads, with JMH's GC profiler for the
 * bytes allocated per iteration; on its breakdown workloads the E-step, the M-step and the
 * precision-Cholesky step are timed apart, together with the backend's raw product and log-sum-exp
 * on the same shapes ({@link LibraryProductBenchmark}), and the E-step's exp and log work
 * ({@link NormalizeRowsBenchmark}) with the share of the machine's cores it keeps busy
 * ({@link MachineShareProfiler}).
 *
 * <p>Time to solution in process: {@link FitBenchmark} times whole fits on the profile's
 * time-to-solution workloads, one backend and workload per JMH run. A fit that fails there (the
 * large-D case can exhaust the fork's heap) is recorded in {@link #fitFailures()} and the run goes on.
 * The baseline given to {@link #run(Path, Consumer)} is timed on each of those workloads just
 * before and just after the backends' fits, so that a ratio compares times taken minutes apart at
 * most: this machine's speed drifts within a run.
 */
public final class BenchmarkSuite {

    private final BenchProfile profile;
    private final List<String> backends;
    private final String peakBackend;
    private final PrintStream progress;
    private final List<ProcessTimings.FitFailure> fitFailures = new ArrayList<>();

    /**
     * @param backends    the backends to compare, each timed in its own fork
     * @param peakBackend the backend whose DGEMM measures the machine's peak
     */
    public BenchmarkSuite(BenchProfile profile, List<String> backends, String peakBackend, PrintStream progress) {
        this.profile = profile;
        this.backends = List.copyOf(backends);
        this.peakBackend = peakBackend;
        this.progress = progress;
    }

    /** One JMH invocation: a benchmark class on one shape, across the backends, with a profiler or null. */
    record Run(Class<?> benchmark, Workload workload, Class<? extends InternalProfiler> profiler) {
    }

    /** @return the runs of the profile; a shape already timed for a benchmark is not timed again */
    List<Run> plan() {
        List<Run> runs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Workload w : profile.workloads()) {
            add(runs, seen, new Run(EmIterationBenchmark.class, w, GCProfiler.class));
        }
        for (Workload w : profile.breakdown()) {
            add(runs, seen, new Run(EStepBenchmark.class, w, null));
            add(runs, seen, new Run(MStepBenchmark.class, w, null));
            add(runs, seen, new Run(PrecisionCholeskyBenchmark.class, w, null));
            add(runs, seen, new Run(LibraryProductBenchmark.class, w, null));
            add(runs, seen, new Run(NormalizeRowsBenchmark.class, w, MachineShareProfiler.class));
        }
        for (Workload w : profile.sweeps()) {
            add(runs, seen, new Run(EmIterationBenchmark.class, w, null));
        }
        return runs;
    }

    private static void add(List<Run> runs, Set<String> seen, Run run) {
        if (seen.add(run.benchmark().getSimpleName() + " " + run.workload().shape())) {
            runs.add(run);
        }
    }

    /**
     * Runs everything and writes the JMH JSON.
     *
     * @param jsonOut where the raw JMH results go
     * @return every run's result
     */
    public Collection<RunResult> run(Path jsonOut) throws RunnerException, IOException {
        return run(jsonOut, w -> { });
    }

    /**
     * Runs everything, timing {@code fitBaseline} on each time-to-solution workload before and
     * after the backends' fits of it, and writes the JMH JSON.
     *
     * @param jsonOut     where the raw JMH results go
     * @param fitBaseline times another implementation's whole fits of a workload (scikit-learn's)
     * @return every run's result
     */
    public Collection<RunResult> run(Path jsonOut, Consumer<Workload> fitBaseline)
            throws RunnerException, IOException {
        List<Run> runs = plan();
        List<RunResult> results = new ArrayList<>();
        long start = System.nanoTime();
        List<Workload> fits = profile.timeToSolution();
        int total = runs.size() + fits.size() * backends.size() + 2;
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            Workload w = r.workload();
            ChainedOptionsBuilder options = common(r.benchmark())
                    .param("backend", backends.toArray(new String[0]))
                    .param("n", Integer.toString(w.n()))
                    .param("d", Integer.toString(w.d()))
                    .param("k", Integer.toString(w.k()))
                    .param("covarianceType", w.covarianceType().id());
            if (r.profiler() != null) {
                options.addProfiler(r.profiler());
            }
            Collection<RunResult> got = new Runner(options.build()).run();
            results.addAll(got);
            report(i + 1, total, start, r.benchmark().getSimpleName() + " " + w.id() + " (" + w.shape() + ")", got);
        }
        int done = runs.size();
        for (Workload w : fits) {
            fitBaseline.accept(w);
            for (String b : backends) {
                done++;
                ChainedOptionsBuilder options = common(FitBenchmark.class)
                        .warmupIterations(profile.fitWarmups())
                        .measurementIterations(profile.fitMeasurements())
                        .param("backend", b)
                        .param("workload", w.id())
                        .param("warmupSeconds", Integer.toString(profile.fitWarmupSeconds()));
                String what = "FitBenchmark " + w.id() + " (" + w.shape() + ") " + b;
                try {
                    Collection<RunResult> got = new Runner(options.build()).run();
                    results.addAll(got);
                    report(done, total, start, what, got);
                } catch (RunnerException e) {
                    String why = failureOf(e);
                    fitFailures.add(new ProcessTimings.FitFailure(b, w.id(), why));
                    report(done, total, start, what + " FAILED: " + why, List.of());
                }
            }
            fitBaseline.accept(w);
        }
        Collection<RunResult> peak = new Runner(common(DgemmPeakBenchmark.class)
                .param("backend", peakBackend).param("size", Integer.toString(profile.peakSize())).build()).run();
        results.addAll(peak);
        report(total - 1, total, start, "DGEMM peak " + profile.peakSize() + "² on " + peakBackend, peak);
        Collection<RunResult> load = new Runner(common(CsvLoadBenchmark.class).build()).run();
        results.addAll(load);
        report(total, total, start, "CSV loading (W2's shape)", load);
        writeJson(results, jsonOut);
        return results;
    }

    /** @return the in-process fits that failed in the last {@link #run(Path)} */
    public List<ProcessTimings.FitFailure> fitFailures() {
        return List.copyOf(fitFailures);
    }

    /**
     * @return the root error of a failed JMH run on one line, such as
     *         {@code java.lang.OutOfMemoryError: Java heap space}
     */
    static String failureOf(Throwable e) {
        Throwable deepest = e;
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
        Set<Throwable> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.removeFirst();
            if (!seen.add(t)) {
                continue;
            }
            deepest = t;
            if (t.getCause() != null) {
                todo.addLast(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        String msg = deepest.getMessage();
        String text = deepest.getClass().getName() + (msg == null ? "" : ": " + msg);
        return text.replaceAll("\\s+", " ").trim();
    }

    private ChainedOptionsBuilder common(Class<?> benchmark) {
        return new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName() + "."))
                .forks(profile.forks)
                .warmupIterations(profile.warmupIterations)
                .warmupTime(TimeValue.milliseconds(profile.warmupMillis))
                .measurementIterations(profile.measurementIterations)
                .measurementTime(TimeValue.milliseconds(profile.measurementMillis))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }

    private void report(int done, int total, long start, String what, Collection<RunResult> got) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = elapsed / done * (total - done);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%d/%d %4.0fs, ~%4.0fs left] %s:",
                done, total, elapsed, eta, what));
        boolean methods = got.stream().map(r -> method(r)).distinct().count() > 1;
        for (RunResult r : got) {
            var m = r.getPrimaryResult();
            line.append(String.format(Locale.ROOT, " %s%s %.4g±%.2g %s", methods ? method(r) + "/" : "",
                    r.getParams().getParam("backend"), m.getScore(), m.getScoreError(), m.getScoreUnit()));
        }
        progress.println(line);
        progress.flush();
    }

    /** @return the benchmark method's name, for example {@code eStepProduct} */
    private static String method(RunResult r) {
        String name = r.getParams().getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static void writeJson(Collection<RunResult> results, Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out);
             PrintStream ps = new PrintStream(os, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
    }
}
