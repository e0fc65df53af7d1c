package org.gmmharness.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gmmharness.workload.Workload;
import org.gmmharness.workload.Workloads;

/**
 * Writes report.md from a {@link ReportSummary}, the same object summary.json is written from, so
 * every number in the text is the one in the JSON (printed by {@link Fmt}). Images are linked by
 * their file names, relative to the report. The time-to-solution section is written by
 * {@link TimeToSolutionMarkdown}.
 */
final class MarkdownReport extends MarkdownWriter {

    /** The command that installs the scikit-learn baseline on Debian and Ubuntu. */
    static final String SKLEARN_INSTALL = "apt-get install -y python3-sklearn";

    private final ReportSummary s;
    private final Map<String, String> environment;
    private final List<String> forkJvmArgs;
    private final Set<String> charts;

    private MarkdownReport(ReportSummary s, Map<String, String> environment, List<String> forkJvmArgs,
                           Set<String> charts) {
        this.s = s;
        this.environment = environment;
        this.forkJvmArgs = forkJvmArgs;
        this.charts = charts;
    }

    /**
     * @param environment the environment table's rows, see {@link Environment#collect()}
     * @param forkJvmArgs the benchmark forks' JVM arguments, from the JMH results
     * @param charts      the chart files written beside the report
     * @return the whole report.md
     */
    static String render(ReportSummary summary, Map<String, String> environment, List<String> forkJvmArgs,
                         Set<String> charts) {
        return render(summary, environment, forkJvmArgs, charts, "");
    }

    /**
     * As {@link #render(ReportSummary, Map, List, Set)}, with the peers section (from
     * {@link PeersSection}) after time to solution; empty for none.
     */
    static String render(ReportSummary summary, Map<String, String> environment, List<String> forkJvmArgs,
                         Set<String> charts, String peersSection) {
        MarkdownReport r = new MarkdownReport(summary, environment, forkJvmArgs, charts);
        r.title();
        r.reproduce();
        r.environmentTable();
        r.baselines();
        r.iterationTable();
        r.breakdown();
        r.targets();
        r.out.append(TimeToSolutionMarkdown.render(summary));
        r.out.append(peersSection);
        r.scaling();
        r.agreement();
        r.notes();
        return r.out.toString();
    }

    private void title() {
        line("# Gaussian mixture EM benchmark: " + s.profile() + " profile, " + s.date() + ", " + s.host());
        line();
        line("Written by the harness's report generator from the raw JMH results ([jmh.json](jmh.json)), the "
                + "scikit-learn timings ([sklearn.json](sklearn.json)) and the backends' agreement check; every "
                + "number below is also in [summary.json](summary.json). Not edited by hand.");
        line();
    }

    private void reproduce() {
        line("## How to reproduce");
        line();
        line("From a clone of the repository, on a machine with Java 17 and Maven:");
        line();
        line("```sh");
        line("mvn -B package -Pbench -Dbench.profile=" + s.profile());
        line("# or, once bench/jmh/target/gmm-harness-bench.jar is built (mvn -B package -Pbench -Dexec.skip):");
        line("java -jar bench/jmh/target/gmm-harness-bench.jar --profile " + s.profile());
        line("```");
        line();
    }

    private void environmentTable() {
        line("## Environment");
        line();
        line("| Item | Value |");
        line("|---|---|");
        environment.forEach((k, v) -> row(k, v));
        if (!forkJvmArgs.isEmpty()) {
            row("JMH forks' JVM arguments", forkJvmArgs.stream().map(a -> a.isEmpty() ? "(none)" : a)
                    .collect(Collectors.joining("; ")));
        }
        line();
    }

    private void baselines() {
        line("## Baselines");
        line();
        SklearnTimings sk = s.sklearn();
        if (sk.available()) {
            String versions = sk.versions() == null || sk.versions().isEmpty() ? "versions not reported"
                    : sk.versions().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining("; "));
            line("- **scikit-learn:** timed in the same run on the same data: " + versions + ". Its timings in "
                    + "process run with " + TimeToSolutionMarkdown.keepMemory() + ", so that glibc's malloc "
                    + "reuses the memory numpy frees, as the JVM reuses its heap, instead of mapping new pages for "
                    + "every temporary.");
        } else {
            String reason = sk.reason() == null || sk.reason().isBlank() ? "python3-sklearn was not found"
                    : sk.reason().strip();
            line("- **scikit-learn: not measured** in this run: " + reason.replace("\n", " ")
                    + (reason.contains(SKLEARN_INSTALL) ? "" : " Install it with `" + SKLEARN_INSTALL
                    + "` and run again.") + " The ratio columns are empty.");
        }
        if (s.peak() != null) {
            line("- **DGEMM peak:** " + Fmt.gflops(s.peak().gflops()) + " GFLOP/s, a " + s.peak().size() + "×"
                    + s.peak().size() + " double-precision product on " + s.peak().backend()
                    + "; the reference of the \"% of peak\" column.");
        } else {
            line("- **DGEMM peak:** not measured in this run.");
        }
        line();
    }

    private void iterationTable() {
        line("## Time per EM iteration");
        line();
        line("One whole EM iteration (E-step, M-step, precision Cholesky) per backend, each in its own forked "
                + "JVM. \"vs scikit-learn\" is scikit-learn's time divided by the backend's (2.00× = twice as fast). "
                + "GFLOP/s counts the flops each side executes, from the shapes of its products: for the backends "
                + "the E-step's X·F and the M-step's Rᵀ·[X, vech(x·xᵀ)] (about 3·N·K·D² per full iteration, "
                + "2·N·K·D² tied, where the E-step multiplies by the dense factors, as the tuned-BLAS backend does; "
                + "the plain-Java kernel of the other backends skips the triangular factors' zeros, about 2·N·K·D² "
                + "full and N·K·D² tied, and its M-step skips a component for each group of four rows that has no "
                + "weight in it, a saving that depends on the data and is not counted, so that on well-separated "
                + "mixtures their GFLOP/s and % of peak overstate what they execute; 4·N·K·D² where a tuned-BLAS "
                + "backend takes the M-step's weighted form), for "
                + "scikit-learn its own algorithm (4·N·K·D² full); % of peak is from that count. \"Reference "
                + "GFLOP/s\" counts scikit-learn's algorithm's flops for every side, so that its column compares "
                + "times alone. Bytes per iteration come from JMH's GC profiler. The fastest backend of each "
                + "workload is in bold.");
        line();
        line("| Workload | Shape | Backend | ms / iteration | ± ms | vs scikit-learn | GFLOP/s | % of peak | reference GFLOP/s "
                + "| bytes / iteration |");
        line("|---|---|---|--:|--:|--:|--:|--:|--:|--:|");
        for (ReportSummary.WorkloadRow r : s.workloads()) {
            Workload w = r.workload();
            if (Double.isFinite(r.sklearnMs())) {
                double sklearnGflops = SummaryBuilder.referenceGflops(w, r.sklearnMs());
                line(cells(w.id(), w.shape(), Charts.SKLEARN, Fmt.ms(r.sklearnMs()), Fmt.error(r.sklearnErrorMs()),
                        Fmt.ratio(1.0), Fmt.gflops(sklearnGflops), Fmt.percent(s.percentOfPeak(sklearnGflops)),
                        Fmt.gflops(sklearnGflops), Fmt.MISSING));
            }
            String fastest = r.fastest();
            for (String b : s.backends()) {
                ReportSummary.Figures f = r.backends().get(b);
                if (f == null) {
                    line(cells(w.id(), w.shape(), b, "no result", Fmt.MISSING, Fmt.MISSING, Fmt.MISSING, Fmt.MISSING,
                            Fmt.MISSING, Fmt.MISSING));
                    continue;
                }
                boolean best = b.equals(fastest);
                line(cells(w.id(), w.shape(), bold(b, best), bold(Fmt.ms(f.msPerIter()), best), Fmt.error(f.errorMs()),
                        Fmt.ratio(f.ratioToSklearn()), Fmt.gflops(f.gflops()), Fmt.percent(s.percentOfPeak(f.gflops())),
                        Fmt.gflops(f.referenceGflops()), Fmt.bytes(f.allocBytesPerIter())));
            }
        }
        line();
        image(Charts.iterationFile(), "Time per EM iteration per backend and scikit-learn");
    }

    private void breakdown() {
        if (s.breakdown().isEmpty()) {
            return;
        }
        line("## Step breakdown");
        line();
        line("Each step timed on its own, ms per call ± error. scikit-learn's M-step includes its precision "
                + "Cholesky. \"Whole iteration\" is the EM-iteration benchmark on the same shape, where it ran.");
        line();
        line("Beside each step, the backend's raw operations on exactly the step's shapes, timed alone "
                + "(LibraryProductBenchmark), so that the cost of the code around them can be seen: \"raw E "
                + "product\" is its `multiply` of the E-step's product (X·F, N×D · D×K·D, for full and tied; "
                + "[X, X∘X]·B for diagonal; [X, ‖x‖²]·B for spherical), \"raw log-sum-exp\" its `logSumExpRows` "
                + "on N×K (for EJML and Commons Math, which have none, the backend's own loop over the library's "
                + "storage), \"raw M product\" its Rᵀ·design (K×N · N×m). \"E ÷ raw\" is the E-step over raw E "
                + "product + raw log-sum-exp, \"M ÷ raw\" the M-step over raw M product; issue 6's target is at "
                + "most " + Fmt.ratio(Targets.GLUE_MAX) + ". Below 1× the step beats the library's own operation, "
                + "as a backend's fused kernel can.");
        line();
        line("| Workload | Backend | E-step ms | M-step ms | precision Cholesky ms | sum of steps ms "
                + "| whole iteration ms | raw E product ms | raw log-sum-exp ms | E ÷ raw | raw M product ms | M ÷ raw |");
        line("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (ReportSummary.BreakdownRow r : s.breakdown()) {
            String id = r.workload().id();
            if (Double.isFinite(r.sklearnEStepMs()) || Double.isFinite(r.sklearnMStepMs())) {
                line(cells(id, Charts.SKLEARN, Fmt.ms(r.sklearnEStepMs()), Fmt.ms(r.sklearnMStepMs()), "(in M-step)",
                        Fmt.ms(r.sklearnEStepMs() + r.sklearnMStepMs()), Fmt.ms(r.sklearnIterationMs()),
                        Fmt.MISSING, Fmt.MISSING, Fmt.MISSING, Fmt.MISSING, Fmt.MISSING));
            }
            r.backends().forEach((b, t) -> line(cells(id, b, withError(t.eStepMs(), t.eStepErrorMs()),
                    withError(t.mStepMs(), t.mStepErrorMs()), withError(t.choleskyMs(), t.choleskyErrorMs()),
                    Fmt.ms(t.eStepMs() + t.mStepMs() + t.choleskyMs()), Fmt.ms(t.iterationMs()),
                    Fmt.ms(t.rawEStepProductMs()), Fmt.ms(t.rawLogSumExpMs()), Fmt.ratio(t.eStepRatio()),
                    Fmt.ms(t.rawMStepProductMs()), Fmt.ratio(t.mStepRatio()))));
        }
        line();
        for (ReportSummary.BreakdownRow r : s.breakdown()) {
            image(Charts.breakdownFile(r.workload()), "Step times on " + r.workload().id());
        }
    }

    private void targets() {
        ReportSummary.TargetChecks t = s.targets();
        if (t.speedups().isEmpty() && t.allocations().isEmpty() && t.glue().isEmpty() && t.coreUse().isEmpty()) {
            return;
        }
        line("## Targets");
        line();
        line("This run against issue 6's targets, computed from the tables above.");
        if (s.workloads().stream().anyMatch(r -> !Targets.standardId(r.workload()).equals(r.workload().id()))) {
            line("This profile's workloads are scaled-down versions of the standard ones (fewer samples, ids such "
                    + "as W1/10), while the targets are set for the standard workloads, so these verdicts only "
                    + "indicate.");
        }
        line();
        if (!t.speedups().isEmpty()) {
            line("The fastest backend's speed-up over scikit-learn per EM iteration (scikit-learn's time over the "
                    + "backend's):");
            line();
            line("| Workload | Fastest backend | speed-up vs scikit-learn | target | status |");
            line("|---|---|--:|--:|---|");
            for (ReportSummary.SpeedupCheck c : t.speedups()) {
                line(cells(c.workload().id(), c.fastestBackend() == null ? Fmt.MISSING : c.fastestBackend(),
                        Fmt.ratio(c.speedup()), "≥ " + Fmt.ratio(c.target()), status(c.status())));
            }
            line();
        }
        if (!t.allocations().isEmpty()) {
            line("Bytes allocated per EM iteration by the JVM-heap backends (" + String.join(", ",
                    Targets.JVM_HEAP_BACKENDS) + "), against a limit of " + Fmt.percent(Targets.ALLOCATION_FRACTION
                    * 100) + " of N·K·8 bytes (no allocation that grows with N):");
            line();
            line("| Workload | Backend | bytes / iteration | limit bytes | status |");
            line("|---|---|--:|--:|---|");
            for (ReportSummary.AllocationCheck c : t.allocations()) {
                line(cells(c.workload().id(), c.backend(), Fmt.bytes(c.bytesPerIter()), Fmt.bytes(c.limitBytes()),
                        status(c.status())));
            }
            line();
        }
        if (!t.glue().isEmpty()) {
            line("Each backend's step time over its library's raw operations of the same shape (\"E ÷ raw\" and "
                    + "\"M ÷ raw\" of the step breakdown):");
            line();
            line("| Workload | Backend | step | step ÷ raw | target | status |");
            line("|---|---|---|--:|--:|---|");
            for (ReportSummary.GlueCheck c : t.glue()) {
                line(cells(c.workload().id(), c.backend(), c.step(), Fmt.ratio(c.ratio()), "≤ " + Fmt.ratio(c.limit()),
                        status(c.status())));
            }
            line();
        }
        if (!t.coreUse().isEmpty()) {
            line("The share of the machine's cores that each backend's E-step exp and log work keeps busy: its "
                    + "`normalizeRows` (row-wise log-sum-exp, log-responsibilities and responsibilities) on the N×K "
                    + "log-probabilities, timed alone (NormalizeRowsBenchmark), as the benchmark JVM's CPU time over "
                    + "wall time × logical cores (the harness's JMH profiler `MachineShareProfiler`; 100 % = every "
                    + "core all the time, 50 % on two cores = one core):");
            line();
            line("| Workload | Backend | share of the cores | target | status |");
            line("|---|---|--:|--:|---|");
            for (ReportSummary.CoreUseCheck c : t.coreUse()) {
                line(cells(c.workload().id(), c.backend(), Fmt.percent(c.share() * 100),
                        "≥ " + Fmt.percent(c.minimum() * 100), status(c.status())));
            }
            line();
        }
    }

    private void scaling() {
        if (s.sweeps().isEmpty()) {
            return;
        }
        line("## Scaling");
        line();
        line("Time per EM iteration, ms, as one of N, D and K varies around W1 (N=100000, D=16, K=8, full "
                + "covariance); a point with a standard workload's shape reuses that workload's measurement.");
        line();
        for (Workloads.Sweep sweep : Workloads.Sweep.values()) {
            List<ReportSummary.SweepPoint> points = s.sweep(sweep);
            if (points.isEmpty()) {
                continue;
            }
            StringBuilder head = new StringBuilder("| " + sweep.name() + " |");
            StringBuilder rule = new StringBuilder("|--:|");
            for (String b : s.backends()) {
                head.append(' ').append(cell(b)).append(" |");
                rule.append("--:|");
            }
            line(head + " " + Charts.SKLEARN + " |");
            line(rule + "--:|");
            for (ReportSummary.SweepPoint p : points) {
                StringBuilder row = new StringBuilder("| " + p.value() + " |");
                for (String b : s.backends()) {
                    row.append(' ').append(Fmt.ms(p.backendMs().getOrDefault(b, Double.NaN))).append(" |");
                }
                line(row + " " + Fmt.ms(p.sklearnMs()) + " |");
            }
            line();
            image(Charts.scalingFile(sweep), "Time per iteration against " + sweep.name() + ", log-log");
        }
    }

    private void agreement() {
        line("## Agreement between backends");
        line();
        Agreement a = s.agreement();
        boolean ok = a.worst() <= a.tolerance();
        line("Each backend's largest norm-wise relative deviation (max|a−b| / max|b| over weights, means, "
                + "covariances and the lower bound) from any other backend, after " + BackendAgreement.MAX_ITER
                + " EM iterations from the same start on at most " + BackendAgreement.MAX_SAMPLES
                + " samples of each workload. Tolerance " + String.format(Locale.ROOT, "%.0e", a.tolerance())
                + "; worst " + Fmt.deviation(a.worst()) + ": " + (ok ? "all within tolerance." : "**beyond tolerance**."));
        line();
        if (a.byShape().isEmpty()) {
            line("Not measured in this run.");
            line();
            return;
        }
        List<String> names = a.byShape().values().stream().flatMap(m -> m.keySet().stream()).distinct().toList();
        line("| Workload | " + names.stream().map(MarkdownReport::cell).collect(Collectors.joining(" | "))
                + " | within tolerance |");
        line("|---|" + "--:|".repeat(names.size()) + "---|");
        Map<String, String> ids = SummaryJson.idsByShape(s);
        a.byShape().forEach((shape, devs) -> {
            StringBuilder row = new StringBuilder("| " + cell(ids.getOrDefault(shape, shape)) + " |");
            double worst = 0;
            for (String b : names) {
                double d = devs.getOrDefault(b, Double.NaN);
                worst = Double.isNaN(d) ? worst : Math.max(worst, d);
                row.append(' ').append(Fmt.deviation(d)).append(" |");
            }
            line(row + (worst <= a.tolerance() ? " yes |" : " **no** |"));
        });
        line();
    }

    private void notes() {
        line("## Notes");
        line();
        line("### How the EM steps use the backends");
        line();
        for (String paragraph : BackendNotes.EM_STEPS) {
            line(paragraph);
            line();
        }
        for (String b : s.backends()) {
            line("### " + b);
            line();
            String note = BackendNotes.of(b);
            if (note != null) {
                line(note);
                line();
            }
            line("What the backend reports about itself:");
            line();
            Map<String, String> own = Environment.backendEntries(environment, b);
            if (own.isEmpty()) {
                line("- (nothing reported)");
            }
            own.forEach((k, v) -> line("- " + k + ": " + v.replace("\n", " ")));
            line();
        }
    }

    private void image(String file, String alt) {
        if (charts.contains(file)) {
            line("![" + alt + "](" + file + ")");
            line();
        }
    }
}
