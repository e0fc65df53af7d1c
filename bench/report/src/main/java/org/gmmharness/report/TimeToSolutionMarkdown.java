package org.gmmharness.report;

import java.util.stream.Collectors;

import org.gmmharness.workload.BenchProfile;
import org.gmmharness.workload.Workload;

/**
 * The time-to-solution section of report.md ({@link MarkdownReport}): whole fits in process beside
 * scikit-learn's, the command-line process on CSV files, start-up, CSV loading and their targets.
 */
final class TimeToSolutionMarkdown extends MarkdownWriter {

    private final ReportSummary s;

    private TimeToSolutionMarkdown(ReportSummary s) {
        this.s = s;
    }

    /** @return the untimed fits before the timed ones, as the run's profile has them */
    private String warmups() {
        BenchProfile p = BenchProfile.parse(s.profile());
        int n = p.fitWarmups();
        String counted = n == 0 ? "no untimed fit" : n + " untimed fit" + (n == 1 ? "" : "s");
        int seconds = p.fitWarmupSeconds();
        return seconds == 0 ? counted : "untimed fits for at least " + seconds + " s and then " + counted
                + " (a count alone left W4's small fits still being compiled)";
    }

    /** @return scikit-learn's malloc settings, as {@code NAME=value} in backticks */
    static String keepMemory() {
        return SklearnBaseline.KEEP_MEMORY_ENV.entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                .collect(Collectors.joining(" and "));
    }

    /** @return the section, or nothing when the run did not measure time to solution */
    static String render(ReportSummary s) {
        TimeToSolutionMarkdown m = new TimeToSolutionMarkdown(s);
        m.section();
        return m.out.toString();
    }

    private void section() {
        TimeToSolution t = s.timeToSolution();
        if (t == null) {
            return;
        }
        line("## Time to solution");
        line();
        line("Whole fits as a user runs them, measured in this run: K components, full covariances, k-means "
                + "initialisation, the default tolerance (1e-3) and iteration limit (100), random state 0, on the "
                + "same seeded data as the rest of the report.");
        if (t.fits().stream().anyMatch(r -> !Targets.standardId(r.workload()).equals(r.workload().id()))) {
            line("This profile fits tiny versions of the workloads (ids such as W1/100: a hundredth of the "
                    + "samples), so the figures exercise the measurement rather than the standard workloads, and "
                    + "the verdicts only indicate.");
        }
        line();

        line("### In process");
        line();
        line("`GaussianMixture.builder(K).randomState(0).build().fit(backend, x, n, d)` on data already in memory (row-major), each call "
                + "timed once (JMH `FitBenchmark`, Mode.SingleShotTime, each backend and workload in its own forked "
                + "JVM, after " + warmups() + " in the same JVM), beside scikit-learn's "
                + "`GaussianMixture(K, random_state=0).fit(X)` timed the same way in the baseline script, run once "
                + "just before and once just after the backends' fits of the same workload, whose samples are "
                + "pooled (this machine's speed drifts within a run, so the two sides are timed minutes apart at "
                + "most). Both sides are timed without page faults: the forks touch their heap when they start "
                + "(`-XX:+AlwaysPreTouch`), and scikit-learn runs with " + keepMemory() + " so that glibc's malloc "
                + "reuses the memory numpy frees instead of mapping new pages for every temporary (see the "
                + "environment's \"Fresh memory\" for what a new page costs here). Times are "
                + "the median over the timed fits, with the fastest and slowest; "
                + "\"vs scikit-learn\" is scikit-learn's median over the backend's. A fit that failed (for example "
                + "out of the forks' heap) says why.");
        line();
        line("| Workload | Shape | Fitted by | median | min | max | fits | vs scikit-learn |");
        line("|---|---|---|--:|--:|--:|--:|--:|");
        for (TimeToSolution.FitRow r : t.fits()) {
            Workload w = r.workload();
            if (r.sklearn().count() > 0) {
                line(cells(w.id(), w.shape(), Charts.SKLEARN + " (n_iter " + r.sklearnNIter().stream().distinct()
                        .map(String::valueOf).collect(Collectors.joining("/")) + ")", Fmt.seconds(r.sklearn().median()),
                        Fmt.seconds(r.sklearn().min()), Fmt.seconds(r.sklearn().max()),
                        Integer.toString(r.sklearn().count()), Fmt.ratio(1.0)));
            } else {
                line(cells(w.id(), w.shape(), Charts.SKLEARN, "not measured", Fmt.MISSING, Fmt.MISSING, Fmt.MISSING,
                        Fmt.MISSING));
            }
            String fastest = r.fastest();
            for (String b : s.backends()) {
                TimeToSolution.Stats st = r.backends().get(b);
                if (st == null) {
                    String why = r.failures().get(b);
                    line(cells(w.id(), w.shape(), b, why == null ? "no result" : "failed: " + why, Fmt.MISSING,
                            Fmt.MISSING, Fmt.MISSING, Fmt.MISSING));
                    continue;
                }
                boolean best = b.equals(fastest);
                line(cells(w.id(), w.shape(), bold(b, best), bold(Fmt.seconds(st.median()), best), Fmt.seconds(st.min()),
                        Fmt.seconds(st.max()), Integer.toString(st.count()), Fmt.ratio(r.sklearn().median() / st.median())));
            }
        }
        line();

        line("### Command-line process");
        line();
        if (!t.processes().measured()) {
            line("Not measured in this run: " + t.processes().reason() + ".");
            line();
        } else {
            line("Each workload's samples written once to a CSV file (no header, each value as Java's "
                    + "`Double.toString` writes it), then, alternately, our command-line process `"
                    + t.processes().javaCommand() + "` (default backend and settings; the default JVM heap) and "
                    + "scikit-learn's process `" + t.processes().sklearnCommand() + "`, each as a child process of the "
                    + "harness. **Wall time** runs from the child's start to its exit (JVM or interpreter start-up, "
                    + "reading the file, the fit, printing). **Peak RSS** is the child's `VmHWM` (the kernel's "
                    + "high-water mark of its resident set), read by the harness from `/proc/<pid>/status` every "
                    + ProcessTimings.POLL_MILLIS + " ms until the child exits; only growth in "
                    + "its last " + ProcessTimings.POLL_MILLIS + " ms could be missed. "
                    + "scikit-learn's process runs without " + String.join(" and ",
                    SklearnBaseline.UNSET_ENV) + " ("
                    + (t.processes().unsetForSklearn().isEmpty() ? "neither was set"
                    : "set here as " + String.join(", ", t.processes().unsetForSklearn()))
                    + "), as the baseline script does, and with glibc's malloc at its defaults, as a user runs it "
                    + "(the JVM too runs at its defaults). Median over the runs, with the fastest and slowest run; "
                    + "\"÷ scikit-learn\" is our median over scikit-learn's (below 1× is better). "
                    + "A third process, a diagnostic with no target, runs the same command with `java "
                    + ProcessTimings.FIRST_TIER_ONLY + "`: the JIT's first tier alone (C1 without profiling, no C2), "
                    + "which `java -jar` does not choose. What it saves is what the JIT's warming up costs a process "
                    + "this short on this machine: the profiled code that waits for C2, and C2's own compiling on "
                    + "the same cores. It is no choice for a long fit, where C2's code is needed.");
            for (String note : t.processes().notes()) {
                line("Note: " + note + ".");
            }
            line();
            line("| Workload | CSV | Process | wall median | min | max | runs | peak RSS median | max "
                    + "| wall ÷ scikit-learn | RSS ÷ scikit-learn |");
            line("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");
            for (TimeToSolution.CliRow r : t.cli()) {
                String csv = Fmt.sig(r.csvBytes() / 1e6, 3) + " MB";
                line(cliRow(r.workload().id(), csv, "gmm-harness fit", r.java(), r.sklearn()));
                line(cliRow(r.workload().id(), csv, "gmm-harness fit, C1 only (diagnostic)", r.firstTier(),
                        r.sklearn()));
                line(cliRow(r.workload().id(), csv, Charts.SKLEARN, r.sklearn(), r.sklearn()));
            }
            line();
            if (!t.startup().isEmpty()) {
                line("Start-up per backend: the same command on a tiny file (" + t.processes().startupRows()
                        + " rows, 2 features, K=3) with `--backend NAME`, and without it (the default, chosen by the "
                        + "data's size as `fit --help` says). Its wall time is almost all JVM start-up, loading the "
                        + "backend and its first, unoptimised calls.");
                line();
                line("| Backend | wall median | min | max | runs |");
                line("|---|--:|--:|--:|--:|");
                for (TimeToSolution.StartupRow r : t.startup()) {
                    TimeToSolution.Stats w = r.wallMs();
                    line(cells(r.backend(), w.count() == 0 ? "failed: " + r.failure() : Fmt.seconds(w.median()),
                            Fmt.seconds(w.min()), Fmt.seconds(w.max()), Integer.toString(w.count())));
                }
                line();
            }
        }

        line("### CSV loading");
        line();
        if (t.csvLoad() == null) {
            line("Not measured: this run has no CSV-loading benchmark (a JMH benchmark class named `CsvLoad…`).");
        } else {
            line("The slowest of the run's CSV-loading results (" + t.csvLoad().benchmark() + "): "
                    + (Double.isFinite(t.csvLoad().mbPerSecond()) ? Fmt.sig(t.csvLoad().mbPerSecond(), 3) + " MB/s."
                    : "its results give no MB/s figure (neither an MB/s score nor a `bytes` parameter)."));
        }
        line();

        line("### Time-to-solution targets");
        line();
        line("| Workload | measure | value | target | status |");
        line("|---|---|--:|--:|---|");
        for (TimeToSolution.Check c : t.targets()) {
            String value = !Double.isFinite(c.value()) ? Fmt.MISSING
                    : c.unit().equals("×") ? Fmt.ratio(c.value()) : Fmt.sig(c.value(), 3) + c.unit();
            String target = (c.atMost() ? "≤ " : "≥ ") + (c.unit().equals("×") ? Fmt.ratio(c.target())
                    : Fmt.sig(c.target(), 3) + c.unit());
            line(cells(c.workload(), c.measure(), value, target, status(c.status())));
        }
        line();
    }

    /** @return one row of the command-line table: {@code runs}, with its ratios over {@code base}'s */
    private static String cliRow(String id, String csv, String who, TimeToSolution.Runs runs,
                                 TimeToSolution.Runs base) {
        TimeToSolution.Stats wall = runs.wallMs();
        TimeToSolution.Stats rss = runs.rss();
        String failure = runs.failure();
        if (wall.count() == 0) {
            return cells(id, csv, who, "failed: " + (failure == null ? "no run" : failure), Fmt.MISSING,
                    Fmt.MISSING, "0", Fmt.MISSING, Fmt.MISSING, Fmt.MISSING, Fmt.MISSING);
        }
        return cells(id, csv, who, Fmt.seconds(wall.median()), Fmt.seconds(wall.min()), Fmt.seconds(wall.max()),
                wall.count() + (failure == null ? "" : " (then failed: " + failure + ")"),
                Fmt.mebibytes(rss.median()), Fmt.mebibytes(rss.max()), Fmt.ratio(runs.wallOver(base)),
                Fmt.ratio(runs.rssOver(base)));
    }
}
