package org.gmmharness.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gmmharness.report.ProcessTimings;
import org.gmmharness.report.SklearnBaseline;
import org.gmmharness.workload.BenchProfile;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;

/**
 * Time to solution as a user meets it: the command-line process {@code java -jar gmm-harness.jar
 * fit --input f.csv --components K --seed 0} (default backend and settings) on each workload's
 * CSV file, beside scikit-learn's process reading the same file with {@code numpy.loadtxt} and
 * fitting {@code GaussianMixture(K, random_state=0)}; and the command-line start-up per backend,
 * the same command on a tiny file with {@code --backend}. Each process is measured by
 * {@link ChildProcessMeter} (wall time, peak resident set from {@code VmHWM}); the two sides of a
 * workload run alternately, so that a slow spell of the shared machine falls on both. Beside them
 * runs a diagnostic with no target: the same command with the JIT's first tier alone
 * ({@link ProcessTimings#FIRST_TIER_ONLY}), which shows what the JIT's warming up costs.
 */
public final class TimeToSolutionSuite {

    /** Variables removed from scikit-learn's environment, as for the baseline script. */
    public static final List<String> SKLEARN_UNSET_ENV = SklearnBaseline.UNSET_ENV;

    /** The interpreter scikit-learn runs in: the distribution's, where {@code apt-get} installs it. */
    static final String PYTHON = "/usr/bin/python3";

    /** scikit-learn's whole command-line job: read the CSV file, fit, exit. */
    static final String SKLEARN_FIT = "import sys, numpy as np; from sklearn.mixture import GaussianMixture; "
            + "x = np.loadtxt(sys.argv[1], delimiter=','); GaussianMixture(int(sys.argv[2]), random_state=0).fit(x)";

    /** The tiny file of the start-up measurement: W4's shape with 100 samples. */
    static final Workload STARTUP = Workloads.scaled(Workloads.W4, 1000);

    /** The longest one child process may run. */
    private static final long TIMEOUT_MINUTES = 30;

    private final BenchProfile profile;
    private final List<String> backends;
    private final PrintStream progress;

    public TimeToSolutionSuite(BenchProfile profile, List<String> backends, PrintStream progress) {
        this.profile = profile;
        this.backends = List.copyOf(backends);
        this.progress = progress;
    }

    /**
     * @param jar     the command-line app's runnable jar ({@code bench/cli/target/gmm-harness.jar}), or
     *                null when there is none
     * @param workDir a folder for the CSV files (each deleted after its workload)
     * @return the measurements, or why there are none
     */
    public ProcessTimings run(Path jar, Path workDir) throws InterruptedException {
        if (jar == null || !Files.isRegularFile(jar)) {
            return ProcessTimings.notMeasured("the command-line app's jar " + (jar == null ? "" : jar + " ")
                    + "was not found (the benchmark jar built by `mvn -B package -Pbench` finds it beside itself; "
                    + "or name it with --app-jar), so there was no command-line process to time", List.of());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> unset = new ArrayList<>();
        for (String v : SKLEARN_UNSET_ENV) {
            String value = System.getenv(v);
            if (value != null) {
                unset.add(v + "=" + value);
            }
        }
        List<String> notes = new ArrayList<>();
        if (!Files.isReadable(Path.of("/proc/self/status"))) {
            notes.add("/proc is not readable here, so peak resident sets were not measured");
        }
        List<ProcessTimings.CliWorkload> cli = new ArrayList<>();
        List<ProcessTimings.Startup> startup;
        try {
            Files.createDirectories(workDir);
            int reps = profile.processRepeats();
            List<Workload> workloads = profile.timeToSolution();
            for (int i = 0; i < workloads.size(); i++) {
                Workload w = workloads.get(i);
                Path csv = workDir.resolve("tts-" + w.id().replace('/', '_') + ".csv");
                try {
                    long bytes = writeCsv(WorkloadData.generate(w, Workloads.DATA_SEED), csv);
                    List<String> fit = javaFit(java, jar, csv, w.k(), null);
                    Runner jr = new Runner(fit, List.of(), workDir);
                    List<String> firstTierCommand = new ArrayList<>(fit);
                    firstTierCommand.add(1, ProcessTimings.FIRST_TIER_ONLY);
                    Runner fr = new Runner(firstTierCommand, List.of(), workDir);
                    Runner sr = new Runner(List.of(PYTHON, "-c", SKLEARN_FIT, csv.toString(), Integer.toString(w.k())),
                            SKLEARN_UNSET_ENV, workDir);
                    for (int r = 0; r < reps; r++) {
                        jr.once();
                        fr.once();
                        sr.once();
                    }
                    ProcessTimings.CliWorkload c = new ProcessTimings.CliWorkload(w, bytes, jr.samples(), fr.samples(),
                            sr.samples());
                    cli.add(c);
                    progress.println(String.format(Locale.ROOT, "[time to solution %d/%d] %s (%s, CSV %.1f MB): %s; "
                            + "C1 only %s; scikit-learn %s", i + 1, workloads.size(), w.id(), w.shape(), bytes / 1e6,
                            describe(c.java()), describe(c.firstTier()), describe(c.sklearn())));
                    progress.flush();
                } finally {
                    Files.deleteIfExists(csv);
                }
            }
            startup = startup(java, jar, workDir, reps);
        } catch (IOException e) {
            return ProcessTimings.notMeasured("the command-line processes could not be run: " + e, List.of());
        }
        return new ProcessTimings(true, "", "java -jar " + jar.getFileName() + " fit --input <csv> --components <K> "
                + "--seed 0", PYTHON + " -c \"" + SKLEARN_FIT + "\" <csv> <K>", List.copyOf(unset), List.copyOf(cli),
                startup, STARTUP.n(), List.of(), List.copyOf(notes));
    }

    /** Start-up: the tiny file with each backend, and without --backend, in turn. */
    private List<ProcessTimings.Startup> startup(String java, Path jar, Path workDir, int reps)
            throws IOException, InterruptedException {
        Path csv = workDir.resolve("tts-startup.csv");
        try {
            writeCsv(WorkloadData.generate(STARTUP, Workloads.DATA_SEED), csv);
            Map<String, Runner> runners = new LinkedHashMap<>();
            for (String b : backends) {
                runners.put(b, new Runner(javaFit(java, jar, csv, STARTUP.k(), b), List.of(), workDir));
            }
            runners.put(ProcessTimings.Startup.DEFAULT, new Runner(javaFit(java, jar, csv, STARTUP.k(), null),
                    List.of(), workDir));
            for (int r = 0; r < reps; r++) {
                for (Runner runner : runners.values()) {
                    runner.once();
                }
            }
            List<ProcessTimings.Startup> out = new ArrayList<>();
            StringBuilder line = new StringBuilder("[time to solution] start-up, fit on " + STARTUP.n() + " rows:");
            runners.forEach((b, runner) -> {
                out.add(new ProcessTimings.Startup(b, runner.samples()));
                line.append(' ').append(b).append(' ').append(describe(runner.samples())).append(';');
            });
            progress.println(line);
            progress.flush();
            return List.copyOf(out);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static List<String> javaFit(String java, Path jar, Path csv, int k, String backend) {
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar.toString(), "fit", "--input", csv.toString(),
                "--components", Integer.toString(k), "--seed", "0"));
        if (backend != null) {
            cmd.add("--backend");
            cmd.add(backend);
        }
        return cmd;
    }

    /** Repeated runs of one command; after a failure it is not run again. */
    private static final class Runner {
        private final List<String> command;
        private final List<String> unsetEnv;
        private final Path workDir;
        private final List<Double> wall = new ArrayList<>();
        private final List<Double> rss = new ArrayList<>();
        private String failure;

        Runner(List<String> command, List<String> unsetEnv, Path workDir) {
            this.command = command;
            this.unsetEnv = unsetEnv;
            this.workDir = workDir;
        }

        void once() throws IOException, InterruptedException {
            if (failure != null) {
                return;
            }
            ChildProcessMeter.Run r = ChildProcessMeter.run(command, unsetEnv, workDir, TIMEOUT_MINUTES,
                    TimeUnit.MINUTES);
            if (r.ok()) {
                wall.add(r.wallMs());
                rss.add(r.peakRssBytes());
            } else {
                failure = "exit code " + r.exitCode() + (r.errorTail().isEmpty() ? "" : ": " + lastLine(r.errorTail()));
            }
        }

        ProcessTimings.Samples samples() {
            return new ProcessTimings.Samples(List.copyOf(wall), List.copyOf(rss), failure);
        }
    }

    /** @return the most telling line of a failed child's stderr: the last error line, else its last line */
    static String lastLine(String stderr) {
        String[] lines = stderr.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.contains("Error") || l.contains("Exception") || l.startsWith("error")) {
                return l;
            }
        }
        return lines[lines.length - 1].strip();
    }

    private static String describe(ProcessTimings.Samples s) {
        if (s.wallMs().isEmpty()) {
            return "failed (" + s.failure() + ")";
        }
        double best = s.wallMs().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double rss = s.peakRssBytes().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.0f ms best of %d, peak RSS %.0f MB%s", best, s.wallMs().size(),
                rss / 1048576.0, s.failure() == null ? "" : ", then failed (" + s.failure() + ")");
    }

    /**
     * Writes the samples as CSV without a header, each value as {@link Double#toString(double)}
     * writes it (the shortest decimal that reads back to the same double), so both readers get
     * exactly the samples the in-process fits use.
     *
     * @return the file's size in bytes
     */
    static long writeCsv(double[][] x, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder();
            for (double[] row : x) {
                line.setLength(0);
                for (int j = 0; j < row.length; j++) {
                    if (j > 0) {
                        line.append(',');
                    }
                    line.append(row[j]);
                }
                line.append('\n');
                w.append(line);
            }
        }
        return Files.size(file);
    }
}
