package org.gmmharness.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gmmharness.bench.BenchProfile;
import org.gmmharness.bench.Workload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The report generator on a smoke profile's shapes and two backends. The JMH JSON is written by
 * JMH's own JSON result format from {@link RunResult}s built here (no benchmark is run), so it has
 * exactly the shape a real run writes; the expected numbers are read back from those RunResults.
 */
class ReportGeneratorTest {

    private static final BenchProfile PROFILE = BenchProfile.SMOKE;
    private static final List<String> BACKENDS = List.of("ejml", "nd4j");
    private static final LocalDate DATE = LocalDate.of(2024, 11, 21);
    private static final String PKG = "org.gmmharness.bench.";
    private static final int PEAK_SIZE = 512;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final List<RunResult> runs = new ArrayList<>();
    /** backend + " " + shape → the EM iteration's RunResult. */
    private final Map<String, RunResult> iteration = new LinkedHashMap<>();
    private final Map<String, RunResult> cholesky = new LinkedHashMap<>();
    private RunResult peak;
    private Path jmhJson;

    @BeforeEach
    void writeJmhJson() throws IOException {
        Set<String> shapes = new HashSet<>();
        double base = 3.0;
        List<Workload> timed = new ArrayList<>(PROFILE.workloads());
        timed.addAll(PROFILE.sweeps());
        for (Workload w : timed) {
            boolean standard = PROFILE.workloads().contains(w);
            if (!shapes.add(w.shape())) {
                continue; // the suite times a shape once; N=10000 is W1/10's shape
            }
            base *= 4.5; // a spread of times wide enough for a logarithmic axis
            for (int b = 0; b < BACKENDS.size(); b++) {
                double ms = base * (b + 1);
                RunResult r = run("EmIterationBenchmark.iteration", params(BACKENDS.get(b), w), TimeUnit.MILLISECONDS,
                        new double[] {ms, ms * 1.04, ms * 0.98}, standard ? 4096.0 * (b + 1) : Double.NaN);
                iteration.put(BACKENDS.get(b) + " " + w.shape(), r);
            }
        }
        for (Workload w : PROFILE.breakdown()) {
            for (int b = 0; b < BACKENDS.size(); b++) {
                run("EStepBenchmark.eStep", params(BACKENDS.get(b), w), TimeUnit.MILLISECONDS,
                        new double[] {2.0 + b, 2.1 + b}, Double.NaN);
                run("MStepBenchmark.mStep", params(BACKENDS.get(b), w), TimeUnit.MILLISECONDS,
                        new double[] {1.5 + b, 1.4 + b}, Double.NaN);
                cholesky.put(BACKENDS.get(b), run("PrecisionCholeskyBenchmark.precisionCholesky",
                        params(BACKENDS.get(b), w), TimeUnit.MICROSECONDS, new double[] {250.0 + b, 260.0 + b},
                        Double.NaN));
            }
        }
        Map<String, String> peakParams = new LinkedHashMap<>();
        peakParams.put("backend", "ejml");
        peakParams.put("size", Integer.toString(PEAK_SIZE));
        peak = run("DgemmPeakBenchmark.dgemm", peakParams, TimeUnit.MILLISECONDS, new double[] {10.0, 10.5}, Double.NaN);
        jmhJson = tmp.resolve("input-jmh.json");
        try (OutputStream os = Files.newOutputStream(jmhJson);
             PrintStream ps = new PrintStream(os, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(runs);
        }
    }

    @Test
    void writesEveryFileIntoAFolderNamedAfterDateHostAndProfile() throws IOException {
        Path root = tmp.resolve("results");
        Path dir = ReportGenerator.write(root, PROFILE, jmhJson, sklearn(true), agreement(), environment(),
                "test host", DATE);
        assertEquals(root.resolve("2024-11-21-test-host-smoke"), dir);
        for (String f : List.of("report.md", "summary.json", "jmh.json", "sklearn.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertArrayEquals(Files.readAllBytes(jmhJson), Files.readAllBytes(dir.resolve("jmh.json")));
        for (String png : List.of("iteration-time.png", "breakdown-W1_10.png", "scaling-n.png")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(png));
            assertTrue(bytes.length > 1000, png + " is too small");
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a},
                    Arrays.copyOf(bytes, 8), png + " is not a PNG");
        }
        assertEquals(sklearn(true), JSON.readValue(dir.resolve("sklearn.json").toFile(), SklearnTimings.class));

        Path again = ReportGenerator.write(root, PROFILE, jmhJson, sklearn(true), agreement(), environment(),
                "test host", DATE);
        assertEquals(root.resolve("2024-11-21-test-host-smoke-2"), again);
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(Set.of("2024-11-21-test-host-smoke", "2024-11-21-test-host-smoke-2"),
                    left.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), "no temporary folder left");
        }
    }

    @Test
    void summaryHasEveryWorkloadAndBackendWithTheirFiguresAndTheReportQuotesThem() throws IOException {
        Path dir = ReportGenerator.write(tmp.resolve("results"), PROFILE, jmhJson, sklearn(true), agreement(),
                environment(), "ci", DATE);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        String report = Files.readString(dir.resolve("report.md"));
        assertEquals("smoke", summary.get("profile").asText());
        assertEquals("2024-11-21", summary.get("date").asText());
        assertEquals("ci", summary.get("host").asText());
        assertTrue(report.startsWith("# Gaussian mixture EM benchmark: smoke profile, 2024-11-21, ci\n"));

        double peakGflops = 2.0 * PEAK_SIZE * PEAK_SIZE * PEAK_SIZE / (peak.getPrimaryResult().getScore() * 1e6);
        assertEquals(peakGflops, summary.get("peak_gflops").asDouble(), 1e-9 * peakGflops);
        assertEquals("ejml", summary.get("peak_backend").asText());
        assertTrue(report.contains(Fmt.gflops(peakGflops) + " GFLOP/s"));

        List<Workload> workloads = PROFILE.workloads();
        assertEquals(workloads.size(), summary.get("workloads").size());
        SklearnTimings sk = sklearn(true);
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            JsonNode node = summary.get("workloads").get(i);
            assertEquals(w.id(), node.get("id").asText());
            assertEquals(w.n(), node.get("n").asInt());
            assertEquals(w.d(), node.get("d").asInt());
            assertEquals(w.k(), node.get("k").asInt());
            assertEquals(w.covarianceType().id(), node.get("covariance_type").asText());
            SklearnTimings.Timing t = sk.byShape().get(w.shape());
            assertEquals(t == null, node.get("sklearn_ms_per_iter").isNull(), w.id());
            assertEquals(Set.copyOf(BACKENDS), fieldNames(node.get("backends")), w.id());
            for (String b : BACKENDS) {
                RunResult r = iteration.get(b + " " + w.shape());
                JsonNode f = node.get("backends").get(b);
                double ms = r.getPrimaryResult().getScore();
                double gflops = w.flopsPerIteration() / (ms * 1e6);
                double alloc = r.getSecondaryResults().get("gc.alloc.rate.norm").getScore();
                assertEquals(ms, f.get("ms_per_iter").asDouble(), 1e-12 * ms);
                assertEquals(r.getPrimaryResult().getScoreError(), f.get("error_ms").asDouble(), 1e-12 * ms);
                assertEquals(gflops, f.get("gflops").asDouble(), 1e-12 * gflops);
                assertEquals(alloc, f.get("alloc_bytes_per_iter").asDouble(), 1e-9);
                assertTrue(report.contains(Fmt.ms(ms)), w.id() + " " + b + " ms");
                assertTrue(report.contains(Fmt.error(r.getPrimaryResult().getScoreError())), "error");
                assertTrue(report.contains(Fmt.gflops(gflops)), "gflops");
                assertTrue(report.contains(Fmt.percent(gflops / peakGflops * 100)), "percent of peak");
                assertTrue(report.contains(Fmt.bytes(alloc)), "bytes");
                if (t == null) {
                    assertTrue(f.get("ratio_to_sklearn").isNull());
                } else {
                    double ratio = t.msPerIteration() / ms;
                    assertEquals(ratio, f.get("ratio_to_sklearn").asDouble(), 1e-12 * ratio);
                    assertTrue(report.contains(Fmt.ratio(ratio)), "ratio " + Fmt.ratio(ratio));
                }
            }
            // ejml has the smaller times here, so it is the one in bold
            assertTrue(report.contains("| " + w.id() + " | " + w.shape() + " | **ejml** | **"), w.id());
        }
        assertTrue(report.contains(Fmt.ms(cholesky.get("nd4j").getPrimaryResult().getScore() / 1000.0)),
                "the precision Cholesky's µs are shown as ms");
        JsonNode agreement = summary.get("agreement");
        assertEquals(Agreement.TOLERANCE, agreement.get("tolerance").asDouble());
        assertEquals(1.5e-14, agreement.get("worst").asDouble());
        assertEquals(1.5e-14, agreement.get("by_workload").get("W1/10").get("nd4j").asDouble());
        assertTrue(report.contains(Fmt.deviation(1.5e-14)));
        assertTrue(summary.get("sklearn").get("available").asBoolean());
        assertEquals("1.2.1", summary.get("sklearn").get("versions").get("scikit-learn").asText());
        for (String png : List.of("iteration-time.png", "breakdown-W1_10.png", "scaling-n.png")) {
            assertTrue(report.contains("](" + png + ")"), png + " is linked");
        }
        assertTrue(report.contains("- blas.vendor: OPENBLAS"), "the notes list nd4j's environment");
        assertTrue(report.contains("| CPU | Test CPU \\| 2 GHz |"), "pipes in cells are escaped");
    }

    @Test
    void saysWhyScikitLearnIsMissingAndHowToInstallIt() throws IOException {
        Path dir = ReportGenerator.write(tmp.resolve("results"), PROFILE, jmhJson, sklearn(false), agreement(),
                environment(), "ci", DATE);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        String report = Files.readString(dir.resolve("report.md"));
        assertFalse(summary.get("sklearn").get("available").asBoolean());
        assertEquals("/usr/bin/python3 has no sklearn module.", summary.get("sklearn").get("reason").asText());
        for (JsonNode w : summary.get("workloads")) {
            assertTrue(w.get("sklearn_ms_per_iter").isNull());
            w.get("backends").forEach(b -> assertTrue(b.get("ratio_to_sklearn").isNull()));
        }
        assertTrue(report.contains("/usr/bin/python3 has no sklearn module."));
        assertTrue(report.contains("`apt-get install -y python3-sklearn`"));
    }

    // ---- fixtures ----------------------------------------------------------------------------

    private static Map<String, String> params(String backend, Workload w) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("backend", backend);
        p.put("covarianceType", w.covarianceType().id());
        p.put("d", Integer.toString(w.d()));
        p.put("k", Integer.toString(w.k()));
        p.put("n", Integer.toString(w.n()));
        return p;
    }

    /** A RunResult as JMH builds it: one fork, one iteration result per score, GC figures if given. */
    private RunResult run(String benchmark, Map<String, String> params, TimeUnit unit, double[] scores,
                          double allocBytes) {
        WorkloadParams wp = new WorkloadParams();
        int order = 0;
        for (Map.Entry<String, String> e : params.entrySet()) {
            wp.put(e.getKey(), e.getValue(), order++);
        }
        IterationParams warmup = new IterationParams(IterationType.WARMUP, 1, TimeValue.milliseconds(200), 1);
        IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, scores.length,
                TimeValue.milliseconds(200), 1);
        BenchmarkParams bp = new BenchmarkParams(PKG + benchmark, PKG + "jmh_generated." + benchmark, false, 1,
                new int[] {1}, List.of(), 1, 0, warmup, measurement, Mode.AverageTime, wp, unit, 1, "/usr/bin/java",
                List.of("-Xmx8g", "-Xms2g"), "17.0.15", "OpenJDK 64-Bit Server VM", "17.0.15+6", "1.37",
                TimeValue.minutes(10));
        List<IterationResult> iterations = new ArrayList<>();
        String label = benchmark.substring(benchmark.indexOf('.') + 1);
        for (double score : scores) {
            IterationResult it = new IterationResult(bp, measurement, new IterationResultMetaData(1, 1));
            long nanos = Math.round(score * TimeUnit.NANOSECONDS.convert(1, unit));
            it.addResult(new AverageTimeResult(ResultRole.PRIMARY, label, 1, nanos, unit));
            if (!Double.isNaN(allocBytes)) {
                it.addResult(new ScalarResult("gc.alloc.rate.norm", allocBytes, "B/op", AggregationPolicy.AVG));
            }
            iterations.add(it);
        }
        RunResult r = new RunResult(bp, List.of(new BenchmarkResult(bp, iterations)));
        runs.add(r);
        return r;
    }

    /** Timings for every profile shape except W4/10's, so that one workload has no baseline. */
    private static SklearnTimings sklearn(boolean available) {
        if (!available) {
            return SklearnTimings.unavailable("/usr/bin/python3 has no sklearn module.");
        }
        Map<String, SklearnTimings.Timing> byShape = new LinkedHashMap<>();
        double ms = 40;
        List<Workload> all = new ArrayList<>(PROFILE.workloads());
        all.addAll(PROFILE.breakdown());
        all.addAll(PROFILE.sweeps());
        for (Workload w : all) {
            if (!w.id().startsWith("W4") && !byShape.containsKey(w.shape())) {
                byShape.put(w.shape(), new SklearnTimings.Timing(ms, ms / 20, ms * 0.6, ms * 0.4, 3));
                ms *= 1.3;
            }
        }
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("scikit-learn", "1.2.1");
        versions.put("numpy", "1.24.2");
        versions.put("blas", "openblas 0.3.21, 2 threads");
        return new SklearnTimings(true, "", versions, byShape);
    }

    private static Agreement agreement() {
        Map<String, Map<String, Double>> byShape = new LinkedHashMap<>();
        for (Workload w : PROFILE.workloads()) {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("ejml", 0.0);
            d.put("nd4j", w.id().equals("W1/10") ? 1.5e-14 : 3e-15);
            byShape.put(w.shape(), d);
        }
        return new Agreement(Agreement.TOLERANCE, byShape);
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CPU", "Test CPU | 2 GHz");
        env.put("Logical cores", "2");
        env.put("nd4j: blas.vendor", "OPENBLAS");
        env.put("nd4j: simd", "AVX512");
        return env;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
