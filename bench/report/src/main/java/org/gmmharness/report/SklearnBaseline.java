package org.gmmharness.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;

/**
 * Times scikit-learn's EM iteration on exactly the data the JVM backends are benchmarked on, in the
 * same run: the workloads' seeded samples are written as raw little-endian float64 files, and the
 * bundled script {@code sklearn_baseline.py} loads them in the system's {@code /usr/bin/python3},
 * times {@code GaussianMixture._e_step} plus {@code _m_step} (the same work as one JVM iteration)
 * and answers in JSON.
 *
 * <p>scikit-learn runs with its BLAS at the default thread count (all cores), the fastest it goes
 * on the machine; the thread-related environment and threadpoolctl's view of the BLAS are returned
 * in {@link SklearnTimings#versions()} so the report shows how it ran. When python3-sklearn is not
 * installed, or the script fails, the result is {@link SklearnTimings#unavailable(String)} with a
 * reason that says what to do, and the rest of the benchmark run goes on without the baseline.
 *
 * <p>The same script also times whole fits for the time-to-solution section: scikit-learn's
 * {@code GaussianMixture(K, random_state=0).fit(X)} on the time-to-solution workloads' data.
 *
 * <p>The script's process runs without {@link #UNSET_ENV}
 * ({@code OPENBLAS_CORETYPE}, {@code OPENBLAS_L2_SIZE}): where the environment sets them, they
 * hold numpy's OpenBLAS to an older kernel than the CPU runs. What was removed is recorded under
 * {@code unset for scikit-learn} in {@link SklearnTimings#versions()}, and the kernel OpenBLAS then
 * chose under {@code blas core type}. It also runs with {@link #KEEP_MEMORY_ENV}, so that glibc's
 * malloc keeps the memory numpy frees for its next temporaries, as a warmed JVM keeps its heap;
 * the script reports the values it saw.
 */
public final class SklearnBaseline {

    /**
     * Variables removed from scikit-learn's environment: they hold a current numpy to an older
     * OpenBLAS kernel than the CPU runs, so scikit-learn runs at its best without them.
     */
    public static final List<String> UNSET_ENV = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    /**
     * glibc's malloc settings for scikit-learn's in-process timings: no block from mmap and no
     * trimming, so memory numpy frees is reused, never returned to the system. Why: by default an
     * array above 128 KiB is mapped afresh and unmapped when freed, so every temporary of every
     * iteration touches new pages, and where page faults are slow (2.7 ms per MiB on the machine of
     * the December 2026 reports) that made scikit-learn's whole fits 1.3 (W1) to 2.7 (W4) times as
     * long, and its W1 iteration 1.3 times. The JVM's fits are timed in forks that touch their heap
     * once ({@code -XX:+AlwaysPreTouch}), so both sides are timed without page faults. The
     * command-line processes run as a user runs them, without these.
     */
    public static final Map<String, String> KEEP_MEMORY_ENV = keepMemoryEnv();

    /** The interpreter used: the distribution's Python, where {@code apt-get} installs sklearn. */
    static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    /** What to run to get the baseline; every "unavailable" reason ends with it. */
    static final String INSTALL_HINT = "install it with `apt-get install -y python3-sklearn` and rerun";

    /** The script, a resource beside this class (packaged in the runnable jar). */
    private static final String SCRIPT_RESOURCE = "sklearn_baseline.py";

    /** Importing sklearn takes a few seconds on a loaded machine; this is far beyond that. */
    private static final long PROBE_TIMEOUT_SECONDS = 60;

    /** Lines of the script's stderr kept for the reason when it fails. */
    private static final int STDERR_TAIL_LINES = 15;

    /** Bytes written per channel call when storing the samples. */
    private static final int WRITE_BUFFER_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SklearnBaseline() {
    }

    /**
     * Measures scikit-learn's time per EM iteration on each workload, with
     * {@code /usr/bin/python3}.
     *
     * @param workloads the workloads; several with the same {@link Workload#shape()} are timed once
     * @param repeats   timed iterations per workload (after one untimed warm-up iteration)
     * @param workDir   folder for the data files (deleted afterwards), the request and the script
     * @param progress  receives the script's progress lines as they come, one per workload
     * @return the timings keyed by shape, or {@link SklearnTimings#unavailable(String)} saying why
     *         scikit-learn could not be timed
     */
    public static SklearnTimings measure(List<Workload> workloads, int repeats, Path workDir,
                                         PrintStream progress) {
        return measure(SYSTEM_PYTHON, workloads, repeats, List.of(), 0, 0, workDir, progress);
    }

    /**
     * As {@link #measure(List, int, Path, PrintStream)}, and also times whole fits.
     *
     * @param fitWorkloads workloads whose whole fit is timed (each shape once)
     * @param fitRepeats   timed fits per workload
     * @param fitWarmups   untimed fits before them
     */
    public static SklearnTimings measure(List<Workload> workloads, int repeats, List<Workload> fitWorkloads,
                                         int fitRepeats, int fitWarmups, Path workDir, PrintStream progress) {
        return measure(SYSTEM_PYTHON, workloads, repeats, fitWorkloads, fitRepeats, fitWarmups, workDir, progress);
    }

    /** As {@link #measure(List, int, List, int, int, Path, PrintStream)} with another interpreter (for tests). */
    static SklearnTimings measure(Path python, List<Workload> workloads, int repeats, Path workDir,
                                  PrintStream progress) {
        return measure(python, workloads, repeats, List.of(), 0, 0, workDir, progress);
    }

    private static SklearnTimings measure(Path python, List<Workload> workloads, int repeats,
                                          List<Workload> fitWorkloads, int fitRepeats, int fitWarmups, Path workDir,
                                          PrintStream progress) {
        String missing = probe(python);
        if (missing != null) {
            return SklearnTimings.unavailable("python3-sklearn is not installed (" + missing + "): "
                    + INSTALL_HINT + ".");
        }

        // One entry per shape: the W1 variants and a sweep point equal to W1 are otherwise timed twice.
        Map<String, Workload> byShape = new LinkedHashMap<>();
        for (Workload w : workloads) {
            byShape.putIfAbsent(w.shape(), w);
        }
        Map<String, Workload> fitsByShape = new LinkedHashMap<>();
        for (Workload w : fitWorkloads) {
            fitsByShape.putIfAbsent(w.shape(), w);
        }

        List<Path> dataFiles = new ArrayList<>();
        try {
            Files.createDirectories(workDir);
            Path request = writeRequest(byShape.values(), repeats, fitsByShape.values(), fitRepeats, fitWarmups,
                    workDir, dataFiles);
            Path script = extractScript(workDir);
            return run(python, script, request, progress);
        } catch (IOException e) {
            return SklearnTimings.unavailable("scikit-learn baseline could not be run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SklearnTimings.unavailable("scikit-learn baseline was interrupted");
        } finally {
            // The samples can be large (W2 is 64 MB) and are regenerated from the seed at will.
            for (Path p : dataFiles) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Left in a work folder; nothing depends on it being gone.
                }
            }
        }
    }

    /**
     * Checks that the interpreter exists and imports scikit-learn.
     *
     * @return null when it does, otherwise what is wrong
     */
    private static String probe(Path python) {
        if (!Files.isExecutable(python)) {
            return python + " was not found";
        }
        Process p;
        try {
            p = new ProcessBuilder(python.toString(), "-c", "import sklearn, numpy, threadpoolctl")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return python + " could not be started: " + e.getMessage();
        }
        try {
            // The output is tiny (an ImportError at most), so reading it cannot block the child.
            String out;
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return python + " did not import sklearn within " + PROBE_TIMEOUT_SECONDS + " s";
                }
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (p.exitValue() != 0) {
                String[] lines = out.split("\\R");
                return python + " cannot import sklearn: " + lines[lines.length - 1];
            }
            return null;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return "the check of " + python + " was interrupted";
        } catch (IOException e) {
            return python + " could not be checked: " + e.getMessage();
        }
    }

    /**
     * Writes the samples (once per N, D, K: the data does not depend on the covariance type) and
     * the request naming them.
     */
    private static Path writeRequest(Iterable<Workload> workloads, int repeats, Iterable<Workload> fits,
                                     int fitRepeats, int fitWarmups, Path workDir, List<Path> dataFiles)
            throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.put("repeats", repeats);
        request.put("fit_repeats", fitRepeats);
        request.put("fit_warmups", fitWarmups);
        Map<String, Path> written = new LinkedHashMap<>();
        addEntries(request.putArray("workloads"), workloads, workDir, dataFiles, written);
        addEntries(request.putArray("fits"), fits, workDir, dataFiles, written);
        Path file = workDir.resolve("sklearn-request.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), request);
        return file;
    }

    private static void addEntries(ArrayNode entries, Iterable<Workload> workloads, Path workDir,
                                   List<Path> dataFiles, Map<String, Path> written) throws IOException {
        for (Workload w : workloads) {
            String name = String.format(Locale.ROOT, "sklearn-x-N%d-D%d-K%d.f64", w.n(), w.d(), w.k());
            Path data = written.get(name);
            if (data == null) {
                data = workDir.resolve(name).toAbsolutePath();
                dataFiles.add(data);
                writeSamples(WorkloadData.generate(w, Workloads.DATA_SEED), data);
                written.put(name, data);
            }
            ObjectNode e = entries.addObject();
            e.put("shape", w.shape());
            e.put("n", w.n());
            e.put("d", w.d());
            e.put("k", w.k());
            e.put("covariance_type", w.covarianceType().id());
            e.put("data", data.toString());
        }
    }

    /** Stores x row-major as little-endian float64, the layout {@code np.fromfile} reads. */
    static void writeSamples(double[][] x, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (double[] row : x) {
                if (buf.remaining() < row.length * Double.BYTES) {
                    drain(buf, ch);
                }
                // Rows longer than the buffer do not occur (D is at most a few hundred), but stay correct.
                for (double v : row) {
                    if (!buf.hasRemaining()) {
                        drain(buf, ch);
                    }
                    buf.putDouble(v);
                }
            }
            drain(buf, ch);
        }
    }

    private static void drain(ByteBuffer buf, FileChannel ch) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /** Copies the script out of the jar: Python cannot run a file that sits inside a zip entry. */
    private static Path extractScript(Path workDir) throws IOException {
        Path script = workDir.resolve(SCRIPT_RESOURCE);
        try (InputStream in = SklearnBaseline.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + SCRIPT_RESOURCE + " is missing from the classpath");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /** Runs the script, forwarding its progress and parsing its answer. */
    private static SklearnTimings run(Path python, Path script, Path request, PrintStream progress)
            throws IOException, InterruptedException {
        // No thread pinning, so the BLAS uses all cores; only the variables that would hold OpenBLAS
        // to an older kernel are removed.
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), request.toString())
                .directory(request.getParent().toFile());
        pb.environment().putAll(KEEP_MEMORY_ENV);
        List<String> unset = new ArrayList<>();
        for (String v : UNSET_ENV) {
            String old = pb.environment().remove(v);
            if (old != null) {
                unset.add(v + "=" + old);
            }
        }
        Process p = pb.start();
        p.getOutputStream().close();

        Deque<String> tail = new ArrayDeque<>();
        // A thread of its own for stderr, so that a long run shows its progress while stdout (the
        // JSON, written at the end) is read here; reading both on one thread could deadlock.
        Thread errPump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    progress.println(line);
                    progress.flush();
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > STDERR_TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // The process went away; its exit code tells what happened.
            }
        }, "sklearn-baseline-stderr");
        errPump.setDaemon(true);
        errPump.start();

        String out;
        int exit;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            exit = p.waitFor();
            errPump.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }

        if (exit != 0) {
            String lastLines;
            synchronized (tail) {
                lastLines = String.join("\n", tail);
            }
            return SklearnTimings.unavailable("the scikit-learn baseline script failed (exit code " + exit
                    + ")" + (lastLines.isBlank() ? "" : ":\n" + lastLines));
        }
        try {
            SklearnTimings t = parse(JSON.readTree(out));
            Map<String, String> versions = new LinkedHashMap<>(t.versions());
            versions.put("unset for scikit-learn", unset.isEmpty() ? "nothing (none was set)" : String.join(", ", unset));
            return new SklearnTimings(true, "", Collections.unmodifiableMap(versions), t.byShape(), t.fits());
        } catch (IOException | RuntimeException e) {
            return SklearnTimings.unavailable("the scikit-learn baseline script answered with unreadable JSON ("
                    + e.getMessage() + "): " + abbreviate(out));
        }
    }

    /**
     * Turns the script's answer into timings. The versions map holds {@code sklearn},
     * {@code numpy}, {@code python}, {@code blas} (library, version, threading layer),
     * {@code blas threads}, {@code blas core type}, {@code openmp} when scikit-learn loaded one,
     * {@code cpu count}, {@code environment} (the thread variables, "unset" when absent) and
     * {@code error} (how the half-widths were computed).
     */
    static SklearnTimings parse(JsonNode root) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("sklearn", root.path("sklearn_version").asText());
        versions.put("numpy", root.path("numpy_version").asText());
        versions.put("python", root.path("python_version").asText());

        List<String> blas = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        List<String> coreTypes = new ArrayList<>();
        List<String> openmp = new ArrayList<>();
        for (JsonNode lib : root.path("threadpool_info")) {
            String api = lib.path("user_api").asText();
            String name = lib.path("internal_api").asText(lib.path("prefix").asText());
            String version = lib.path("version").isTextual() ? " " + lib.path("version").asText() : "";
            if ("blas".equals(api)) {
                String layer = lib.path("threading_layer").asText("");
                blas.add(name + version + (layer.isEmpty() ? "" : " (" + layer + ")"));
                threads.add(lib.path("num_threads").asText());
                coreTypes.add(lib.path("architecture").asText("unknown"));
            } else if ("openmp".equals(api)) {
                openmp.add(lib.path("prefix").asText(name) + version + ", "
                        + lib.path("num_threads").asText() + " threads");
            }
        }
        versions.put("blas", blas.isEmpty() ? "none found" : String.join("; ", blas));
        versions.put("blas threads", String.join("; ", threads));
        versions.put("blas core type", String.join("; ", coreTypes));
        if (!openmp.isEmpty()) {
            versions.put("openmp", String.join("; ", openmp));
        }
        versions.put("cpu count", root.path("cpu_count").asText());

        List<String> env = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("env").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            env.add(e.getKey() + "=" + (e.getValue().isNull() ? "unset" : e.getValue().asText()));
        }
        versions.put("environment", String.join(", ", env));
        versions.put("error", root.path("error_kind").asText());

        Map<String, SklearnTimings.Timing> timings = new LinkedHashMap<>();
        JsonNode results = root.get("results");
        if (results == null || !results.isArray()) {
            throw new IllegalArgumentException("no results array");
        }
        for (JsonNode r : results) {
            timings.put(r.path("shape").asText(), new SklearnTimings.Timing(
                    r.path("ms_per_iter").asDouble(Double.NaN),
                    r.path("error_ms").asDouble(Double.NaN),
                    r.path("estep_ms").asDouble(Double.NaN),
                    r.path("mstep_ms").asDouble(Double.NaN),
                    r.path("repeats").asInt()));
        }
        Map<String, SklearnTimings.FitTiming> fits = new LinkedHashMap<>();
        for (JsonNode f : root.path("fits")) {
            List<Double> samples = new ArrayList<>();
            f.path("samples_ms").forEach(v -> samples.add(v.asDouble(Double.NaN)));
            List<Integer> nIter = new ArrayList<>();
            f.path("n_iter").forEach(v -> nIter.add(v.asInt()));
            fits.put(f.path("shape").asText(), new SklearnTimings.FitTiming(List.copyOf(samples), List.copyOf(nIter)));
        }
        return new SklearnTimings(true, "", Collections.unmodifiableMap(versions),
                Collections.unmodifiableMap(timings), Collections.unmodifiableMap(fits));
    }

    private static Map<String, String> keepMemoryEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MALLOC_MMAP_MAX_", "0");
        env.put("MALLOC_TRIM_THRESHOLD_", Long.toString(1L << 40));
        return Collections.unmodifiableMap(env);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 300 ? t : t.substring(0, 300) + "…";
    }
}
