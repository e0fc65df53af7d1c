package org.gmmharness.bench.peers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.gmmharness.report.PeerComparison;
import org.gmmharness.workload.BenchProfile;
import org.gmmharness.bench.ChildProcessMeter;
import org.gmmharness.bench.TimeToSolutionSuite;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;
import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.peers.protocol.Mixture;
import org.gmmharness.peers.protocol.PeerRequest;
import org.gmmharness.peers.protocol.PeerResult;

/**
 * Runs the peers comparison: on each workload, the seeded samples and one shared start
 * ({@link PeerStart}) are written as a {@link PeerRequest}; scikit-learn fits from that start
 * ({@link SklearnSameStart}) with its default reg_covar and with 0 (no peer regularises); each of
 * the project's backends fits from it in this process; and each peer that fits the workload's
 * covariance type runs in a JVM of its own ({@link PeerLauncher}), measured by
 * {@link ChildProcessMeter} (peak resident set, wall time). Every answer is scored by the project's
 * own scoring and compared with scikit-learn's ({@link PeerAccuracy}). The peers run one after
 * another, never beside each other or the harness's own work.
 */
public final class PeerSuite {

    /** The longest one peer process may run before it is killed and reported as timed out. */
    static final long TIMEOUT_MINUTES = 30;

    private final List<Workload> workloads;
    private final int iterations;
    private final int repeats;
    private final List<String> backends;
    private final List<PeerKind> peers;
    private final List<String> notes;
    private final PrintStream progress;
    /** scikit-learn's version as the last workload's fits reported it. */
    private String lastSklearnVersion = "";

    /**
     * @param workloads  the workloads, full or diag covariance
     * @param iterations EM iterations per fit, at least 2 (Commons Math's least)
     * @param repeats    timed fits per peer after the cold one
     * @param backends   the project's backends fitted from the same start
     * @param peers      the peers to run
     * @param notes      what the report must say about this run's settings
     */
    public PeerSuite(List<Workload> workloads, int iterations, int repeats, List<String> backends,
                     List<PeerKind> peers, List<String> notes, PrintStream progress) {
        this.workloads = List.copyOf(workloads);
        this.iterations = iterations;
        this.repeats = repeats;
        this.backends = List.copyOf(backends);
        this.peers = List.copyOf(peers);
        this.notes = List.copyOf(notes);
        this.progress = progress;
    }

    /**
     * The profile's plan: W1–W4 and W1-diag for quick and full (quick at 5 iterations and 2 timed
     * fits after the cold one, full at 10 and 3); none for smoke, which says why.
     *
     * @return the suite, or null for a profile that skips the peers (see {@link #skipReason(BenchProfile)})
     */
    public static PeerSuite forProfile(BenchProfile profile, List<String> backends, PrintStream progress) {
        if (profile == BenchProfile.SMOKE) {
            return null;
        }
        List<Workload> ws = List.of(Workloads.W1, Workloads.W2, Workloads.W3, Workloads.W4,
                Workloads.variant(Workloads.W1, CovarianceType.DIAG));
        boolean quick = profile == BenchProfile.QUICK;
        int iters = quick ? 5 : 10;
        int reps = quick ? 2 : 3;
        List<String> notes = new ArrayList<>();
        if (quick) {
            notes.add("quick profile: the peers run at reduced repetitions, " + iters + " iterations per fit and "
                    + reps + " timed fits after the cold one (full: 10 iterations, 3 timed fits)");
        }
        return new PeerSuite(ws, iters, reps, backends, List.of(PeerKind.values()), notes, progress);
    }

    /** @return why {@code profile} does not run the peers, or empty when it does */
    public static String skipReason(BenchProfile profile) {
        return profile == BenchProfile.SMOKE ? "the smoke profile skips the peers comparison: the peers' fits "
                + "take minutes (run --profile quick or full for it)" : "";
    }

    /**
     * @param jar     the harness's runnable jar (the project's folder is found above it), or null
     * @param workDir a folder for the request files (each deleted after its workload)
     */
    public PeerComparison run(Path jar, Path workDir) throws InterruptedException {
        Path root = PeerLauncher.findRoot(jar != null ? jar.getParent() : Path.of(""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        LinearAlgebra<?> scoring = Backends.create(backends.contains(Backends.SMALL_FIT_BACKEND)
                ? Backends.SMALL_FIT_BACKEND : backends.get(0));
        String sklearnVersion = "";
        List<PeerComparison.WorkloadPeers> out = new ArrayList<>();
        try {
            Files.createDirectories(workDir);
            for (int i = 0; i < workloads.size(); i++) {
                Workload w = workloads.get(i);
                Path dir = workDir.resolve("peers-" + w.id().replaceAll("[^A-Za-z0-9-]", "_"));
                try {
                    PeerComparison.WorkloadPeers wp = workload(w, dir, root, java, scoring);
                    out.add(wp);
                    progress.println(String.format(Locale.ROOT, "[peers %d/%d] %s", i + 1, workloads.size(),
                            describe(wp)));
                    progress.flush();
                } finally {
                    deleteTree(dir);
                }
            }
            sklearnVersion = lastSklearnVersion;
        } catch (IOException e) {
            return PeerComparison.notMeasured("the peers' request files could not be written: " + e);
        }
        return new PeerComparison(true, "", iterations, repeats, sklearnVersion, List.copyOf(out), notes);
    }

    private PeerComparison.WorkloadPeers workload(Workload w, Path dir, Path root, String java,
                                                  LinearAlgebra<?> scoring) throws IOException, InterruptedException {
        double[] x = flatten(WorkloadData.generate(w, Workloads.DATA_SEED));
        Mixture start = PeerStart.of(scoring, w, x);
        String type = w.covarianceType().id();
        new PeerRequest(w.id(), w.n(), w.d(), w.k(), type, iterations, repeats, x, start).write(dir);

        SklearnSameStart.Answer sk = SklearnSameStart.fit(dir, GaussianMixture.DEFAULT_REG_COVAR, 0.0);
        if (!sk.version().isEmpty()) {
            lastSklearnVersion = sk.version();
        }
        SklearnSameStart.Fit skDefault = sk.fits().get(GaussianMixture.DEFAULT_REG_COVAR);
        SklearnSameStart.Fit skNoReg = sk.fits().get(0.0);

        List<PeerComparison.Entry> entries = new ArrayList<>();
        for (String b : backends) {
            entries.add(backend(b, w, start, x, skDefault, sk.reason()));
        }
        for (PeerKind kind : peers) {
            if (kind.covarianceTypes.contains(type)) {
                entries.add(peer(kind, w, dir, root, java, scoring, x, skNoReg, sk.reason()));
            }
        }
        return new PeerComparison.WorkloadPeers(w, skDefault == null ? Double.NaN : skDefault.score(),
                skNoReg == null ? Double.NaN : skNoReg.score(), sk.reason(), List.copyOf(entries));
    }

    private PeerComparison.Entry backend(String b, Workload w, Mixture start, double[] x,
                                         SklearnSameStart.Fit sk, String skReason) {
        try {
            GaussianMixtureModel m = PeerAccuracy.fitFromStart(Backends.create(b), w.covarianceType(), start,
                    iterations, x, w.n(), w.d());
            Mixture mix = PeerAccuracy.toMixture(m);
            return new PeerComparison.Entry(b, b, PeerComparison.BACKEND, "", "", true, List.of(), Double.NaN,
                    Double.NaN, Double.NaN, m.score(x, w.n(), w.d()),
                    sk == null ? Double.NaN : PeerAccuracy.relativeDifference(mix, sk.result()),
                    sk == null ? "no scikit-learn answer: " + skReason : "scikit-learn, reg_covar 1e-6", "", List.of());
        } catch (RuntimeException | LinkageError e) {
            return failed(b, b, PeerComparison.BACKEND, "the fit failed: " + e);
        }
    }

    private PeerComparison.Entry peer(PeerKind kind, Workload w, Path dir, Path root, String java,
                                      LinearAlgebra<?> scoring, double[] x, SklearnSameStart.Fit sk, String skReason)
            throws IOException, InterruptedException {
        PeerLauncher.Launch launch = PeerLauncher.launch(kind, root, java);
        if (!launch.ok()) {
            return failed(kind.id, kind.label, PeerComparison.PEER, launch.reason());
        }
        Path result = dir.resolve("result-" + kind.id + ".json");
        List<String> cmd = new ArrayList<>(launch.command());
        cmd.add(dir.toString());
        cmd.add(result.toString());
        // As for scikit-learn: those variables would hold a peer's bundled OpenBLAS (Smile's) to an older kernel.
        ChildProcessMeter.Run run = ChildProcessMeter.run(cmd, TimeToSolutionSuite.SKLEARN_UNSET_ENV, dir,
                TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!run.ok() || !Files.isRegularFile(result)) {
            String why = run.exitCode() == -1 ? run.errorTail()
                    : "exit code " + run.exitCode() + (run.errorTail().isEmpty() ? ""
                    : ": " + lastErrorLine(run.errorTail()));
            return failed(kind.id, kind.label, PeerComparison.PEER, why);
        }
        PeerResult r;
        try {
            r = PeerResults.read(result);
        } catch (IOException | RuntimeException e) {
            return failed(kind.id, kind.label, PeerComparison.PEER, "its result could not be read: " + e.getMessage());
        }
        double ll;
        List<String> notes = new ArrayList<>(r.notes());
        try {
            ll = PeerAccuracy.score(scoring, r.result(), w.covarianceType(), x, w.n(), w.d());
        } catch (RuntimeException e) {
            ll = Double.NaN;
            notes.add("its answer could not be scored: " + e.getMessage());
        }
        double rel = Double.NaN;
        String against;
        if (!r.sameStart()) {
            against = "not compared: another start";
        } else if (sk == null) {
            against = "no scikit-learn answer: " + skReason;
        } else {
            rel = PeerAccuracy.relativeDifference(r.result(), sk.result());
            against = "scikit-learn, reg_covar 0 (as the peer)";
        }
        return new PeerComparison.Entry(kind.id, kind.label, PeerComparison.PEER, r.version(), r.api(),
                r.sameStart(), r.fitMs(), r.loadMs() + r.setupMs() + r.firstFitMs(), run.wallMs(),
                run.peakRssBytes(), ll, rel, against, "", List.copyOf(notes));
    }

    private static PeerComparison.Entry failed(String id, String label, String kind, String why) {
        return new PeerComparison.Entry(id, label, kind, "", "", false, List.of(), Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, "", why.isBlank() ? "failed without a message" : why, List.of());
    }

    private String describe(PeerComparison.WorkloadPeers wp) {
        StringBuilder s = new StringBuilder(wp.workload().id() + " (" + wp.workload().shape() + ")");
        s.append(String.format(Locale.ROOT, ": scikit-learn %.10f", wp.sklearnScore()));
        for (PeerComparison.Entry e : wp.entries()) {
            if (!e.ok()) {
                s.append("; ").append(e.id()).append(" unavailable (").append(e.failure()).append(')');
            } else if (e.kind().equals(PeerComparison.BACKEND)) {
                s.append(String.format(Locale.ROOT, "; %s ll %.10f diff %.1e", e.id(), e.meanLogLikelihood(),
                        e.relDiffVsSklearn()));
            } else {
                s.append(String.format(Locale.ROOT, "; %s %.1f ms/iter, peak RSS %.0f MB, ll %.10f diff %.1e", e.id(),
                        e.msPerIter(iterations), e.peakRssBytes() / 1048576.0, e.meanLogLikelihood(),
                        e.relDiffVsSklearn()));
            }
        }
        return s.toString();
    }

    /** @return the most telling line of a failed driver's stderr: its last error line, else its last line */
    static String lastErrorLine(String stderr) {
        String[] lines = stderr.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.startsWith("error:") || l.contains("Exception") || l.contains("Error")) {
                return l;
            }
        }
        return lines[lines.length - 1].strip();
    }

    static double[] flatten(double[][] x) {
        int d = x[0].length;
        double[] out = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * d, d);
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort: the work folder is temporary
        }
    }
}
