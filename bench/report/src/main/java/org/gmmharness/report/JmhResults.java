package org.gmmharness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gmmharness.workload.Workload;

/**
 * The results of a JMH run, read from its JSON output (the array {@code -rf json} writes), with
 * every time converted to milliseconds per operation.
 *
 * <p>Read fields: {@code benchmark}, {@code params}, {@code jvmArgs},
 * {@code primaryMetric.score/scoreError/scoreUnit}, the GC profiler's
 * {@code secondaryMetrics."gc.alloc.rate.norm".score} (bytes per operation) and the
 * {@code MachineShareProfiler}'s {@code secondaryMetrics."machine.share".score}.
 */
public final class JmhResults {

    /** Class name of the benchmark that measures the machine's DGEMM peak. */
    public static final String PEAK_BENCHMARK = "DgemmPeakBenchmark";

    /**
     * One benchmark result.
     *
     * @param benchmark      the benchmark class's simple name, for example {@code EmIterationBenchmark}
     * @param method         the benchmark method's name, for example {@code iteration}
     * @param params         the JMH parameters, for example backend, n, d, k, covarianceType
     * @param msPerOp        the score, ms per operation
     * @param errorMs        the score's error (half-width of JMH's 99.9 % interval), ms; NaN when
     *                       JMH could not compute one
     * @param allocBytesPerOp bytes allocated per operation from JMH's GC profiler; NaN without it
     * @param machineShare   the share of the machine's cores kept busy (1 = all of them) from the
     *                       {@code MachineShareProfiler}; NaN without it
     * @param jvmArgs        the forked JVM's arguments
     * @param samplesMs      every measured iteration's score, ms, over all forks (JMH's raw data); for a
     *                       single-shot benchmark each is one call's time
     * @param mbPerSecond    a throughput in MB/s, for the CSV-loading benchmarks: the primary score when
     *                       its unit is MB/s, else a secondary result in MB/s, else a {@code bytes}
     *                       parameter over the time per operation; NaN when none of these is present
     */
    public record Entry(String benchmark, String method, Map<String, String> params, double msPerOp, double errorMs,
                        double allocBytesPerOp, double machineShare, List<String> jvmArgs, List<Double> samplesMs,
                        double mbPerSecond) {

        /** @return the backend parameter, or null */
        public String backend() {
            return params.get("backend");
        }

        /** @return whether this result was measured on {@code w}'s N, D, K and covariance type */
        public boolean matches(Workload w) {
            return Integer.toString(w.n()).equals(params.get("n")) && Integer.toString(w.d()).equals(params.get("d"))
                    && Integer.toString(w.k()).equals(params.get("k"))
                    && w.covarianceType().id().equalsIgnoreCase(String.valueOf(params.get("covarianceType")));
        }
    }

    /**
     * The machine's measured DGEMM peak.
     *
     * @param gflops  2·size³ / time, GFLOP/s
     * @param backend the backend it was measured on
     * @param size    the square matrices' size
     */
    public record Peak(double gflops, String backend, int size) {
    }

    private final List<Entry> entries;

    /** @param entries the results, in the order of the file */
    public JmhResults(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param json a JMH JSON result file
     * @return its results
     * @throws UncheckedIOException if it cannot be read
     * @throws IllegalArgumentException if it is not a JMH JSON array or uses a unit other than time per op
     */
    public static JmhResults read(Path json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JMH results " + json + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(json + " is not JMH JSON output (expected an array of results).");
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode r : root) {
            out.add(entry(r));
        }
        return new JmhResults(out);
    }

    private static Entry entry(JsonNode r) {
        String benchmark = r.path("benchmark").asText();
        int method = benchmark.lastIndexOf('.');
        String className = method < 0 ? benchmark : benchmark.substring(0, method);
        String simple = className.substring(className.lastIndexOf('.') + 1);
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            params.put(p.getKey(), p.getValue().asText());
        }
        JsonNode primary = r.path("primaryMetric");
        String unit = primary.path("scoreUnit").asText();
        boolean throughput = isMegabytesPerSecond(unit);
        // A CSV-loading benchmark may report MB/s; every other benchmark must report time per operation.
        double toMs = throughput && simple.startsWith(CSV_LOAD_PREFIX) ? Double.NaN : millisPer(unit, benchmark);
        List<String> jvmArgs = new ArrayList<>();
        r.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        List<Double> samples = new ArrayList<>();
        for (JsonNode fork : primary.path("rawData")) {
            fork.forEach(v -> samples.add(number(v) * toMs));
        }
        double msPerOp = number(primary.path("score")) * toMs;
        double mbPerSecond = throughput ? number(primary.path("score")) : secondaryInMegabytesPerSecond(
                r.path("secondaryMetrics"));
        if (Double.isNaN(mbPerSecond) && params.containsKey("bytes")) {
            try {
                mbPerSecond = Double.parseDouble(params.get("bytes")) / 1e6 / (msPerOp / 1e3);
            } catch (NumberFormatException ignored) {
                // not a size: no throughput
            }
        }
        String methodName = method < 0 ? "" : benchmark.substring(method + 1);
        return new Entry(simple, methodName, Collections.unmodifiableMap(params),
                msPerOp, number(primary.path("scoreError")) * toMs,
                secondary(r.path("secondaryMetrics"), ALLOCATION_METRIC),
                secondary(r.path("secondaryMetrics"), MACHINE_SHARE_METRIC), List.copyOf(jvmArgs),
                List.copyOf(samples), mbPerSecond);
    }

    /** Benchmark classes whose simple name starts with this measure CSV loading (see {@link Entry#mbPerSecond()}). */
    public static final String CSV_LOAD_PREFIX = "CsvLoad";

    private static boolean isMegabytesPerSecond(String unit) {
        return unit.replace(" ", "").equalsIgnoreCase("MB/s");
    }

    /** @return the score of the first secondary result whose unit is MB/s, NaN when there is none */
    private static double secondaryInMegabytesPerSecond(JsonNode secondary) {
        for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue();
            if (isMegabytesPerSecond(m.path("scoreUnit").asText())) {
                return number(m.path("score"));
            }
            // A "bytes" counter (AuxCounters, OPERATIONS): JMH reports it in the benchmark's mode, as
            // milliseconds per byte (average time) or bytes per millisecond (throughput).
            if (e.getKey().equals(BYTES_COUNTER)) {
                double score = number(m.path("score"));
                switch (m.path("scoreUnit").asText()) {
                    case "ms/op": return 1e-3 / score;
                    case "ops/ms": return score * 1e-3;
                    default: break;
                }
            }
        }
        return Double.NaN;
    }

    /** The secondary result of the harness's JMH profiler {@code MachineShareProfiler}. */
    public static final String MACHINE_SHARE_METRIC = "machine.share";

    /** The name of a benchmark's counter of bytes read (see {@code CsvLoadBenchmark.Bytes}). */
    static final String BYTES_COUNTER = "bytes";

    /** The GC profiler's normalised allocation rate, bytes per operation. */
    private static final String ALLOCATION_METRIC = "gc.alloc.rate.norm";

    /**
     * A secondary result's score, NaN when absent; a name matches by its ending, as older JMH
     * versions prefix the GC profiler's names with a dot.
     */
    private static double secondary(JsonNode secondary, String metric) {
        for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (m.getKey().endsWith(metric)) {
                return number(m.getValue().path("score"));
            }
        }
        return Double.NaN;
    }

    /** JMH writes NaN and infinities as the strings "NaN", "+INF", "-INF". */
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.doubleValue();
        }
        String s = n.asText("").trim();
        if (s.equalsIgnoreCase("+INF") || s.equalsIgnoreCase("INF") || s.equalsIgnoreCase("Infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.equalsIgnoreCase("-INF") || s.equalsIgnoreCase("-Infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** @return milliseconds in one unit of a "time/op" score */
    static double millisPer(String scoreUnit, String benchmark) {
        String unit = scoreUnit.endsWith("/op") ? scoreUnit.substring(0, scoreUnit.length() - 3) : "";
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "min":
                return 60_000.0;
            case "s":
                return 1_000.0;
            case "ms":
                return 1.0;
            case "us":
            case "µs":
                return 1e-3;
            case "ns":
                return 1e-6;
            default:
                throw new IllegalArgumentException("Benchmark " + benchmark + " reports '" + scoreUnit
                        + "': the report needs average time per operation (Mode.AverageTime).");
        }
    }

    /** @return every result, in the order of the file */
    public List<Entry> entries() {
        return entries;
    }

    /** @return the first result of benchmark class {@code benchmark} on {@code backend} and {@code w}'s shape */
    public Optional<Entry> find(String benchmark, String backend, Workload w) {
        return entries.stream()
                .filter(e -> e.benchmark().equals(benchmark) && backend.equals(e.backend()) && e.matches(w))
                .findFirst();
    }

    /**
     * @return the first result of method {@code method} of benchmark class {@code benchmark} on
     *         {@code backend} and {@code w}'s shape
     */
    public Optional<Entry> find(String benchmark, String method, String backend, Workload w) {
        return entries.stream()
                .filter(e -> e.benchmark().equals(benchmark) && e.method().equals(method) && backend.equals(e.backend())
                        && e.matches(w))
                .findFirst();
    }

    /**
     * @return the first result of benchmark class {@code benchmark} on {@code backend} whose
     *         {@code workload} parameter is {@code w}'s id (the time-to-solution benchmark's way of
     *         naming its data)
     */
    public Optional<Entry> findByWorkloadId(String benchmark, String backend, Workload w) {
        return entries.stream()
                .filter(e -> e.benchmark().equals(benchmark) && backend.equals(e.backend())
                        && w.id().equals(e.params().get("workload")))
                .findFirst();
    }

    /** @return the results of benchmark classes whose simple name starts with {@code prefix} */
    public List<Entry> byPrefix(String prefix) {
        return entries.stream().filter(e -> e.benchmark().startsWith(prefix)).toList();
    }

    /** @return the backends of the EM benchmarks (not the peak), in order of first appearance */
    public List<String> backends() {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (!e.benchmark().equals(PEAK_BENCHMARK) && e.backend() != null) {
                names.add(e.backend());
            }
        }
        return List.copyOf(names);
    }

    /** @return the highest DGEMM rate measured, if the run measured one */
    public Optional<Peak> peak() {
        Peak best = null;
        for (Entry e : entries) {
            if (!e.benchmark().equals(PEAK_BENCHMARK) || e.params().get("size") == null) {
                continue;
            }
            int size = Integer.parseInt(e.params().get("size"));
            double gflops = 2.0 * size * size * (double) size / (e.msPerOp() * 1e6);
            if (Double.isFinite(gflops) && (best == null || gflops > best.gflops())) {
                best = new Peak(gflops, e.backend(), size);
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return the distinct JVM argument lists of the forks, each joined by spaces */
    public List<String> forkJvmArgs() {
        Set<String> out = new LinkedHashSet<>();
        for (Entry e : entries) {
            out.add(String.join(" ", e.jvmArgs()));
        }
        return List.copyOf(out);
    }
}
