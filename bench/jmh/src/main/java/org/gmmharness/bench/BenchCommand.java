package org.gmmharness.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.gmmharness.report.PeerComparison;
import org.gmmharness.bench.peers.PeerSuite;
import org.gmmharness.linalg.Backends;
import org.gmmharness.report.Agreement;
import org.gmmharness.report.BackendAgreement;
import org.gmmharness.report.Environment;
import org.gmmharness.report.JmhResults;
import org.gmmharness.report.ProcessTimings;
import org.gmmharness.report.ReportGenerator;
import org.gmmharness.report.SklearnBaseline;
import org.gmmharness.report.SklearnTimings;
import org.gmmharness.workload.BenchProfile;
import org.gmmharness.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark jar's command ({@link BenchMain}): runs a benchmark profile on every backend,
 * scikit-learn's baseline, the backends' agreement check, the time to solution of the
 * command-line app's jar and the peers comparison (other JVM libraries' EM, each in a process of
 * its own; skipped by the smoke profile, which says so) in the same run, and writes the report
 * folder. Progress goes to stderr; the last line on stdout is the folder written.
 */
@Command(name = "gmm-harness-bench", mixinStandardHelpOptions = true, versionProvider = BenchMain.Version.class,
        description = "Time every backend with JMH beside scikit-learn and write a report under results/.")
final class BenchCommand implements Callable<Integer> {

    /** The command-line app's runnable jar, as the benchmark build copies it beside the benchmark jar. */
    static final String APP_JAR = "gmm-harness.jar";

    /** The benchmark whose result every backend must have for every workload. */
    private static final String ITERATION = "EmIterationBenchmark";

    @Option(names = "--profile", defaultValue = "quick",
            description = "quick (default, a few minutes), full (publication quality) or smoke (CI).")
    private String profile;

    @Option(names = "--backends", split = ",",
            description = "Backends to compare (default: every available one).")
    private List<String> backends;

    @Option(names = "--results", defaultValue = "results", description = "Folder the report folder goes in.")
    private Path results;

    @Option(names = "--check",
            description = "Exit with 1 if a backend is missing from the report or the backends disagree.")
    private boolean check;

    @Option(names = "--app-jar", paramLabel = "JAR",
            description = "The command-line app's runnable jar, whose processes the time-to-solution part times "
                    + "(default: " + APP_JAR + " beside this jar, where the benchmark build puts it).")
    private Path appJar;

    @Override
    public Integer call() throws Exception {
        BenchProfile p = BenchProfile.parse(profile);
        List<String> names = backends == null ? Backends.availableNames() : backends;
        names.forEach(Backends::create);
        String peakBackend = Backends.createDefault().name();
        PrintStream progress = System.err;
        Path work = Files.createTempDirectory("gmm-harness-bench");

        progress.println("Backends: " + String.join(", ", names) + "; profile " + p.id());
        Agreement agreement = BackendAgreement.measure(p.workloads(), names, progress);
        Path jmhJson = work.resolve("jmh.json");
        BenchmarkSuite suite = new BenchmarkSuite(p, names, peakBackend, progress);
        List<SklearnTimings> sklearnFits = new ArrayList<>();
        suite.run(jmhJson, w -> sklearnFits.add(SklearnBaseline.measure(List.of(), 0, List.of(w),
                p.fitMeasurements(), p.fitWarmups(), work, progress)));
        SklearnTimings sklearn = SklearnBaseline.measure(allShapes(p), p.sklearnRepeats, work, progress)
                .withFitsOf(sklearnFits);
        ProcessTimings processes = new TimeToSolutionSuite(p, names, progress)
                .run(appJar != null ? appJar : besideThisJar(APP_JAR), work)
                .withFitFailures(suite.fitFailures());
        PeerSuite peerSuite = PeerSuite.forProfile(p, names, progress);
        PeerComparison peers = peerSuite == null ? PeerComparison.notMeasured(PeerSuite.skipReason(p))
                : peerSuite.run(thisJar(), work);
        Map<String, String> env = Environment.collect();
        Path folder = ReportGenerator.write(results, p, jmhJson, sklearn, agreement, processes, peers, env,
                Environment.hostName(), LocalDate.now());

        int status = 0;
        if (check) {
            status = checkReport(names, agreement, jmhJson, p, progress);
        }
        System.out.println(folder);
        return status;
    }

    /**
     * @return the file named {@code name} in the folder of the jar this command runs from, or null
     *         when it runs from class folders
     */
    static Path besideThisJar(String name) {
        Path p = thisJar();
        return p != null ? p.resolveSibling(name) : null;
    }

    /** @return the jar this command runs from, or null when it runs from class folders */
    static Path thisJar() {
        try {
            Path p = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static List<Workload> allShapes(BenchProfile p) {
        Map<String, Workload> byShape = new LinkedHashMap<>();
        for (List<Workload> list : List.of(p.workloads(), p.breakdown(), p.sweeps())) {
            list.forEach(w -> byShape.putIfAbsent(w.shape(), w));
        }
        return new ArrayList<>(byShape.values());
    }

    /** The CI gate: every backend timed on every workload, and all of them agreeing. */
    private static int checkReport(List<String> names, Agreement agreement, Path jmhJson, BenchProfile p,
                                   PrintStream progress) {
        JmhResults jmh = JmhResults.read(jmhJson);
        List<String> problems = new ArrayList<>();
        for (Workload w : p.workloads()) {
            Map<String, Double> dev = agreement.byShape().get(w.shape());
            for (String backend : names) {
                if (jmh.find(ITERATION, backend, w).isEmpty()) {
                    problems.add("backend " + backend + " has no " + ITERATION + " result on " + w.id());
                }
                Double d = dev == null ? null : dev.get(backend);
                if (d == null || !(d <= agreement.tolerance())) {
                    problems.add("backend " + backend + " on " + w.id() + " deviates by " + d + " (tolerance "
                            + agreement.tolerance() + ")");
                }
            }
        }
        problems.forEach(s -> progress.println("CHECK FAILED: " + s));
        if (problems.isEmpty()) {
            progress.println("Check passed: " + names.size() + " backends on " + p.workloads().size()
                    + " workloads, largest deviation " + agreement.worst());
        }
        return problems.isEmpty() ? 0 : 1;
    }
}
