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
import org.gmmharness.workload.BenchProfile;
import org.gmmharness.workload.Workload;
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
import org.openjdk.jmh.results.SingleShotResult;
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
    /** backend → the breakdown workload's step and raw-operation RunResults (smoke has one such workload). */
    private final Map<String, RunResult> eStep = new LinkedHashMap<>();
    private final Map<String, RunResult> normalize = new LinkedHashMap<>();
    private final Map<String, RunResult> mStep = new LinkedHashMap<>();
    private final Map<String, RunResult> rawEProduct = new LinkedHashMap<>();
    private final Map<String, RunResult> rawMProduct = new LinkedHashMap<>();
    private final Map<String, RunResult> rawLogSumExp = new LinkedHashMap<>();
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
                String name = BACKENDS.get(b);
                eStep.put(name, run("EStepBenchmark.eStep", params(name, w), TimeUnit.MILLISECONDS,
                        new double[] {2.0 + b, 2.1 + b}, Double.NaN));
                // ejml's exp and log work keeps 90 % of the cores busy, the others' 40 %
                normalize.put(name, run("NormalizeRowsBenchmark.normalizeRows", params(name, w),
                        TimeUnit.MILLISECONDS, new double[] {0.6, 0.61}, Double.NaN, b == 0 ? 0.9 : 0.4));
                mStep.put(name, run("MStepBenchmark.mStep", params(name, w), TimeUnit.MILLISECONDS,
                        new double[] {1.5 + b, 1.4 + b}, Double.NaN));
                cholesky.put(name, run("PrecisionCholeskyBenchmark.precisionCholesky",
                        params(name, w), TimeUnit.MICROSECONDS, new double[] {250.0 + b, 260.0 + b},
                        Double.NaN));
                // ejml's steps within 1.5× of the raw operations, nd4j's beyond; the product in µs
                rawEProduct.put(name, run("LibraryProductBenchmark.eStepProduct", params(name, w),
                        TimeUnit.MICROSECONDS, new double[] {1000.0, 1100.0}, Double.NaN));
                rawLogSumExp.put(name, run("LibraryProductBenchmark.logSumExp", params(name, w),
                        TimeUnit.MILLISECONDS, new double[] {0.5, 0.52}, Double.NaN));
                rawMProduct.put(name, run("LibraryProductBenchmark.mStepProduct", params(name, w),
                        TimeUnit.MILLISECONDS, new double[] {1.2, 1.3}, Double.NaN));
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
                // A backend with tuned products multiplies by the dense factors and may take the
                // weighted form; the others run the plain-Java kernel, which skips the factors' zeros.
                boolean tuned = org.gmmharness.linalg.Backends.providers().stream()
                        .anyMatch(p -> p.name().equals(b) && p.tunedProducts());
                boolean weighted = org.gmmharness.em.SufficientStatistics.weightedForm(w.covarianceType(), tuned,
                        w.d(), w.k());
                double gflops = w.executedFlopsPerIteration(weighted, !tuned) / (ms * 1e6);
                double reference = w.referenceFlopsPerIteration() / (ms * 1e6);
                double alloc = r.getSecondaryResults().get("gc.alloc.rate.norm").getScore();
                assertEquals(ms, f.get("ms_per_iter").asDouble(), 1e-12 * ms);
                assertEquals(r.getPrimaryResult().getScoreError(), f.get("error_ms").asDouble(), 1e-12 * ms);
                assertEquals(gflops, f.get("gflops").asDouble(), 1e-12 * gflops);
                assertEquals(reference, f.get("reference_gflops").asDouble(), 1e-12 * reference);
                assertTrue(report.contains(Fmt.gflops(reference)), "reference gflops");
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
    void breakdownShowsEachStepBesideTheRawOperationsOfItsShapeAndTheirRatio() throws IOException {
        Path dir = ReportGenerator.write(tmp.resolve("results"), PROFILE, jmhJson, sklearn(true), agreement(),
                environment(), "ci", DATE);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        String report = Files.readString(dir.resolve("report.md"));
        JsonNode breakdown = summary.get("breakdown");
        assertEquals(PROFILE.breakdown().size() * BACKENDS.size(), breakdown.size());
        Workload w = PROFILE.breakdown().get(0);
        for (int b = 0; b < BACKENDS.size(); b++) {
            String name = BACKENDS.get(b);
            JsonNode node = breakdown.get(b);
            assertEquals(w.id(), node.get("workload").asText());
            assertEquals(name, node.get("backend").asText());
            double e = ms(eStep.get(name));
            double m = ms(mStep.get(name));
            double c = ms(cholesky.get(name));
            double rawE = ms(rawEProduct.get(name));
            double rawM = ms(rawMProduct.get(name));
            double rawL = ms(rawLogSumExp.get(name));
            assertEquals(e, node.get("estep_ms").asDouble(), 1e-12 * e);
            assertEquals(m, node.get("mstep_ms").asDouble(), 1e-12 * m);
            assertEquals(c, node.get("precision_cholesky_ms").asDouble(), 1e-12 * c);
            assertEquals(rawE, node.get("raw_estep_product_ms").asDouble(), 1e-12 * rawE);
            assertEquals(rawM, node.get("raw_mstep_product_ms").asDouble(), 1e-12 * rawM);
            assertEquals(rawL, node.get("raw_logsumexp_ms").asDouble(), 1e-12 * rawL);
            double eRatio = e / (rawE + rawL);
            double mRatio = m / rawM;
            assertEquals(eRatio, node.get("estep_ratio_to_raw").asDouble(), 1e-12 * eRatio);
            assertEquals(mRatio, node.get("mstep_ratio_to_raw").asDouble(), 1e-12 * mRatio);
            String rawCells = " | " + Fmt.ms(rawE) + " | " + Fmt.ms(rawL) + " | " + Fmt.ratio(eRatio) + " | "
                    + Fmt.ms(rawM) + " | " + Fmt.ratio(mRatio) + " |";
            assertTrue(report.lines().anyMatch(l -> l.startsWith("| " + w.id() + " | " + name + " | ")
                    && l.endsWith(rawCells)), name + "'s breakdown row ends with" + rawCells);
        }
        assertTrue(report.contains(
                "| raw E product ms | raw log-sum-exp ms | E ÷ raw | raw M product ms | M ÷ raw |"));
    }

    @Test
    void targetsAreComputedFromTheRunAndMarkedMetOrNotMet() throws IOException {
        Path dir = ReportGenerator.write(tmp.resolve("results"), PROFILE, jmhJson, sklearn(true), agreement(),
                environment(), "ci", DATE);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("\n## Targets\n"));
        assertTrue(report.contains("scaled-down versions of the standard ones"),
                "the smoke profile's workloads are said to be scaled");
        SklearnTimings sk = sklearn(true);
        JsonNode targets = summary.get("targets");
        Set<String> statuses = new HashSet<>();

        List<Workload> workloads = PROFILE.workloads();
        Map<String, Double> required = Map.of("W1/10", 5.0, "W4/10", 5.0, "W1-diag/10", 3.0);
        assertEquals(required.size(), targets.get("speedup").size());
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            JsonNode node = summary.get("workloads").get(i);
            assertEquals("ejml", node.get("fastest_backend").asText(), w.id());
            SklearnTimings.Timing t = sk.byShape().get(w.shape());
            double speedup = t == null ? Double.NaN
                    : t.msPerIteration() / iteration.get("ejml " + w.shape()).getPrimaryResult().getScore();
            if (t == null) {
                assertTrue(node.get("speedup_vs_sklearn").isNull(), w.id());
            } else {
                assertEquals(speedup, node.get("speedup_vs_sklearn").asDouble(), 1e-12 * speedup, w.id());
            }
            JsonNode check = targets.get("speedup").get(i);
            double target = required.get(w.id());
            String status = Double.isNaN(speedup) ? "not measured" : speedup >= target ? "met" : "not met";
            assertEquals(w.id(), check.get("workload").asText());
            assertEquals("ejml", check.get("fastest_backend").asText());
            assertEquals(target, check.get("target").asDouble());
            assertEquals(status, check.get("status").asText(), w.id());
            assertTrue(report.contains(cells(w.id(), "ejml", Fmt.ratio(speedup), "≥ " + Fmt.ratio(target),
                    bold(status))), w.id() + " speed-up row");
            statuses.add("speedup " + status);
        }

        // only ejml of the JVM-heap backends ran; its 4096 bytes per iteration are under 1 % of N·K·8
        // on W1/10 (6400) and not on W4/10 (2400)
        assertEquals(workloads.size(), targets.get("allocation").size());
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            JsonNode check = targets.get("allocation").get(i);
            double bytes = iteration.get("ejml " + w.shape()).getSecondaryResults().get("gc.alloc.rate.norm")
                    .getScore();
            double limit = 0.01 * w.n() * w.k() * 8;
            String status = bytes < limit ? "met" : "not met";
            assertEquals(w.id(), check.get("workload").asText());
            assertEquals("ejml", check.get("backend").asText());
            assertEquals(bytes, check.get("alloc_bytes_per_iter").asDouble(), 1e-9);
            assertEquals(limit, check.get("limit_bytes").asDouble(), 1e-9);
            assertEquals(status, check.get("status").asText(), w.id());
            assertTrue(report.contains(cells(w.id(), "ejml", Fmt.bytes(bytes), Fmt.bytes(limit), bold(status))),
                    w.id() + " allocation row");
            statuses.add("allocation " + status);
        }

        Workload bw = PROFILE.breakdown().get(0);
        JsonNode glue = targets.get("step_vs_raw");
        assertEquals(2 * BACKENDS.size(), glue.size());
        int j = 0;
        for (String name : BACKENDS) {
            double eRatio = ms(eStep.get(name)) / (ms(rawEProduct.get(name)) + ms(rawLogSumExp.get(name)));
            double mRatio = ms(mStep.get(name)) / ms(rawMProduct.get(name));
            for (Object[] step : new Object[][] {{"E-step", eRatio}, {"M-step", mRatio}}) {
                double ratio = (Double) step[1];
                String status = ratio <= 1.5 ? "met" : "not met";
                JsonNode check = glue.get(j++);
                assertEquals(bw.id(), check.get("workload").asText());
                assertEquals(name, check.get("backend").asText());
                assertEquals(step[0], check.get("step").asText());
                assertEquals(ratio, check.get("ratio").asDouble(), 1e-12 * ratio);
                assertEquals(1.5, check.get("limit").asDouble());
                assertEquals(status, check.get("status").asText(), name + " " + step[0]);
                assertTrue(report.contains(cells(bw.id(), name, (String) step[0], Fmt.ratio(ratio), "≤ 1.50×",
                        bold(status))), name + " " + step[0] + " row");
                statuses.add("glue " + status);
            }
        }
        JsonNode coreUse = targets.get("exp_log_core_use");
        assertEquals(BACKENDS.size(), coreUse.size());
        for (int b = 0; b < BACKENDS.size(); b++) {
            String name = BACKENDS.get(b);
            double share = normalize.get(name).getSecondaryResults().get(JmhResults.MACHINE_SHARE_METRIC).getScore();
            String status = share >= 0.75 ? "met" : "not met";
            JsonNode check = coreUse.get(b);
            assertEquals(bw.id(), check.get("workload").asText());
            assertEquals(name, check.get("backend").asText());
            assertEquals(share, check.get("machine_share").asDouble(), 1e-12);
            assertEquals(0.75, check.get("minimum").asDouble());
            assertEquals(status, check.get("status").asText(), name + " core use");
            assertTrue(report.contains(cells(bw.id(), name, Fmt.percent(share * 100), "≥ 75.0 %", bold(status))),
                    name + " core-use row");
            statuses.add("core use " + status);
        }
        assertTrue(statuses.containsAll(List.of("allocation met", "allocation not met", "glue met", "glue not met",
                "speedup not met", "speedup not measured", "core use met", "core use not met")),
                "the fixture exercises every verdict: " + statuses);
    }

    @Test
    void notesDescribeTheEmStepsAndEachBackend() throws IOException {
        Path dir = ReportGenerator.write(tmp.resolve("results"), PROFILE, jmhJson, sklearn(true), agreement(),
                environment(), "ci", DATE);
        String report = Files.readString(dir.resolve("report.md"));
        String notes = report.substring(report.indexOf("\n## Notes\n"));
        for (String paragraph : BackendNotes.EM_STEPS) {
            assertTrue(notes.contains("\n" + paragraph + "\n"), paragraph);
        }
        for (String b : BACKENDS) {
            assertTrue(notes.contains("\n### " + b + "\n\n" + BackendNotes.of(b) + "\n"), b);
        }
        assertTrue(BackendNotes.BY_BACKEND.keySet().containsAll(List.of("ejml", "commons-math", "nd4j")));
        assertFalse(report.contains("still to be written"));
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
        for (JsonNode w : summary.get("workloads")) {
            assertEquals("ejml", w.get("fastest_backend").asText());
            assertTrue(w.get("speedup_vs_sklearn").isNull());
        }
        for (JsonNode check : summary.get("targets").get("speedup")) {
            assertTrue(check.get("speedup_vs_sklearn").isNull());
            assertEquals("not measured", check.get("status").asText());
        }
    }

    @Test
    void timeToSolutionSectionComputesItsTargetsFromTheFigures() throws IOException {
        List<Workload> tts = PROFILE.timeToSolution();
        // in process: ejml everywhere, nd4j failed on the last workload; scikit-learn 4× ejml's median
        // on the first workload (target 3×: met) and 2× on the others (not met)
        Map<String, Double> ejmlMedian = new LinkedHashMap<>();
        for (int i = 0; i < tts.size(); i++) {
            Workload w = tts.get(i);
            double a = 100.0 * (i + 1);
            double b = a * 1.5;
            singleShot("FitBenchmark.fit", fitParams("ejml", w), new double[] {b, a});
            ejmlMedian.put(w.id(), (a + b) / 2);
            if (i < tts.size() - 1) {
                singleShot("FitBenchmark.fit", fitParams("nd4j", w), new double[] {4 * a, 4 * b});
            }
        }
        // a CSV-loading result: 50 MB read in 0.25 s = 200 MB/s, and a slower one, 50 MB in 1 s
        Map<String, String> csvParams = new LinkedHashMap<>();
        csvParams.put("bytes", "50000000");
        csvParams.put("rows", "fast");
        run("CsvLoadBenchmark.load", csvParams, TimeUnit.MILLISECONDS, new double[] {250.0, 250.0}, Double.NaN);
        Map<String, String> slow = new LinkedHashMap<>(csvParams);
        slow.put("rows", "slow");
        run("CsvLoadBenchmark.load", slow, TimeUnit.MILLISECONDS, new double[] {1000.0, 1000.0}, Double.NaN);
        // another file format the benchmark compares with does not count, however slow
        Map<String, String> npy = new LinkedHashMap<>(slow);
        npy.put("format", "npy");
        run("CsvLoadBenchmark.load", npy, TimeUnit.MILLISECONDS, new double[] {9000.0, 9000.0}, Double.NaN);
        rewriteJmhJson();

        Map<String, SklearnTimings.FitTiming> fits = new LinkedHashMap<>();
        for (int i = 0; i < tts.size(); i++) {
            Workload w = tts.get(i);
            double factor = i == 0 ? 4.0 : 2.0;
            double m = ejmlMedian.get(w.id()) * factor;
            fits.put(w.shape(), new SklearnTimings.FitTiming(List.of(m * 0.9, m, m * 1.3), List.of(2, 2, 2)));
        }
        SklearnTimings sk = sklearn(true);
        SklearnTimings withFits = new SklearnTimings(true, "", sk.versions(), sk.byShape(), fits);

        // command line: W1/100 at 0.4× scikit-learn's wall (≤ 0.5: met), RSS 2.5× (≤ 2: not met);
        // W2/100 at 0.6× (≤ 0.5: not met), RSS 0.9× (met); W4/100 0.9× (≤ 1: met); large-D/100 ours failed
        List<ProcessTimings.CliWorkload> cli = new ArrayList<>();
        double[][] ratios = {{0.4, 2.5}, {0.6, 0.9}, {0.9, 1.0}};
        for (int i = 0; i < tts.size(); i++) {
            Workload w = tts.get(i);
            ProcessTimings.Samples skl = new ProcessTimings.Samples(List.of(3000.0, 1000.0, 2000.0),
                    List.of(100e6, 300e6, 200e6), null);
            ProcessTimings.Samples java = i < ratios.length
                    ? new ProcessTimings.Samples(List.of(2000.0 * ratios[i][0], 3000.0 * ratios[i][0],
                    1000.0 * ratios[i][0]), List.of(200e6 * ratios[i][1], 200e6 * ratios[i][1], 100e6 * ratios[i][1]),
                    null)
                    : ProcessTimings.Samples.failed("exit code 1: java.lang.OutOfMemoryError: Java heap space");
            // the first-tier diagnostic at 0.3 of scikit-learn's median on the first workload, not run on the others
            ProcessTimings.Samples firstTier = i == 0 ? new ProcessTimings.Samples(List.of(700.0, 500.0, 600.0),
                    List.of(90e6, 95e6, 80e6), null) : ProcessTimings.Samples.failed("not run");
            cli.add(new ProcessTimings.CliWorkload(w, 1_234_567L, java, firstTier, skl));
        }
        List<ProcessTimings.Startup> startup = List.of(
                new ProcessTimings.Startup("ejml", new ProcessTimings.Samples(List.of(1200.0, 1100.0), List.of(80e6,
                        81e6), null)),
                new ProcessTimings.Startup("nd4j", new ProcessTimings.Samples(List.of(2500.0, 2400.0), List.of(130e6,
                        131e6), null)));
        Workload last = tts.get(tts.size() - 1);
        ProcessTimings processes = new ProcessTimings(true, "", "java -jar gmm-harness.jar fit --input <csv> "
                + "--components <K> --seed 0", "/usr/bin/python3 -c \"...\" <csv> <K>",
                List.of("OPENBLAS_CORETYPE=Haswell"), cli, startup, 100,
                List.of(new ProcessTimings.FitFailure("nd4j", last.id(), "java.lang.OutOfMemoryError: Java heap space")),
                List.of());

        Path dir = ReportGenerator.write(tmp.resolve("results"), PROFILE, jmhJson, withFits, agreement(), processes,
                environment(), "ci", DATE);
        JsonNode t = JSON.readTree(dir.resolve("summary.json").toFile()).get("time_to_solution");
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("\n## Time to solution\n"));

        // in process: medians, the fastest backend and its speed-up
        JsonNode inProcess = t.get("in_process");
        assertEquals(tts.size(), inProcess.size());
        for (int i = 0; i < tts.size(); i++) {
            Workload w = tts.get(i);
            JsonNode row = inProcess.get(i);
            assertEquals(w.id(), row.get("workload").asText());
            JsonNode ejml = row.get("backends_ms").get("ejml");
            assertEquals(ejmlMedian.get(w.id()), ejml.get("median").asDouble(), 1e-9);
            assertEquals(100.0 * (i + 1), ejml.get("min").asDouble(), 1e-9);
            assertEquals(2, ejml.get("count").asInt());
            assertEquals("ejml", row.get("fastest_backend").asText());
            assertEquals(i == 0 ? 4.0 : 2.0, row.get("speedup_vs_sklearn").asDouble(), 1e-9);
            assertEquals(fits.get(w.shape()).samplesMs().get(1), row.get("sklearn_ms").get("median").asDouble(), 1e-9);
        }
        assertEquals("java.lang.OutOfMemoryError: Java heap space",
                inProcess.get(tts.size() - 1).get("failures").get("nd4j").asText());
        assertTrue(report.contains("failed: java.lang.OutOfMemoryError: Java heap space"));

        // command line: medians and ratios
        JsonNode rows = t.get("command_line").get("workloads");
        for (int i = 0; i < ratios.length; i++) {
            JsonNode row = rows.get(i);
            assertEquals(2000.0, row.get("sklearn_wall_ms").get("median").asDouble(), 1e-9);
            assertEquals(ratios[i][0], row.get("wall_ratio_to_sklearn").asDouble(), 1e-12);
            assertEquals(ratios[i][1], row.get("rss_ratio_to_sklearn").asDouble(), 1e-12);
            assertEquals(1000.0 * ratios[i][0], row.get("wall_ms").get("min").asDouble(), 1e-9);
        }
        JsonNode firstTier = rows.get(0).get("first_tier_only");
        assertEquals(ProcessTimings.FIRST_TIER_ONLY, firstTier.get("jvm_option").asText());
        assertEquals(600.0, firstTier.get("wall_ms").get("median").asDouble(), 1e-9);
        assertEquals(0.3, firstTier.get("wall_ratio_to_sklearn").asDouble(), 1e-12);
        assertTrue(rows.get(1).get("first_tier_only").get("wall_ratio_to_sklearn").isNull());
        assertTrue(report.contains("| gmm-harness fit, C1 only (diagnostic) | 0.600 s |"), report);
        assertTrue(rows.get(ratios.length).get("wall_ratio_to_sklearn").isNull());
        assertTrue(rows.get(ratios.length).get("failure").asText().contains("OutOfMemoryError"));
        assertEquals(1150.0, t.get("command_line").get("startup").get(0).get("wall_ms").get("median").asDouble(), 1e-9);

        // CSV loading: the slower result counts
        assertEquals(50.0, t.get("csv_load").get("mb_per_s").asDouble(), 1e-9);

        // the targets
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("W1/100 command-line wall time ÷ scikit-learn's", "met");
        expected.put("W2/100 command-line wall time ÷ scikit-learn's", "not met");
        expected.put("W4/100 command-line wall time ÷ scikit-learn's", "met");
        expected.put(last.id() + " command-line wall time ÷ scikit-learn's", "not measured");
        expected.put("W1/100 command-line peak RSS ÷ scikit-learn's", "not met");
        expected.put("W2/100 command-line peak RSS ÷ scikit-learn's", "met");
        expected.put(last.id() + " command-line peak RSS ÷ scikit-learn's", "not measured");
        expected.put("W1/100 in-process fit", "met");
        expected.put("W2/100 in-process fit", "not met");
        expected.put("W4/100 in-process fit", "not met");
        expected.put("— CSV loading", "not met");
        Map<String, String> got = new LinkedHashMap<>();
        for (JsonNode c : t.get("targets")) {
            String measure = c.get("measure").asText();
            String key = c.get("workload").asText() + " " + (measure.startsWith("in-process fit") ? "in-process fit"
                    : measure.startsWith("CSV loading") ? "CSV loading" : measure);
            got.put(key, c.get("status").asText());
        }
        assertEquals(expected, got);
        JsonNode w1Wall = t.get("targets").get(0);
        assertEquals(0.5, w1Wall.get("target").asDouble());
        assertEquals("at most", w1Wall.get("bound").asText());
        assertTrue(report.contains(cells("W1/100", "command-line wall time ÷ scikit-learn's", "0.400×", "≤ 0.500×",
                "met")), "W1/100 wall row");
        assertTrue(report.contains(cells("W2/100", "command-line wall time ÷ scikit-learn's", "0.600×", "≤ 0.500×",
                "**not met**")), "W2/100 wall row");
        assertTrue(report.contains("50.0 MB/s | ≥ 100 MB/s | **not met** |"), "CSV loading row");
    }

    @Test
    void timeToSolutionSaysWhatWasNotMeasured() throws IOException {
        Path dir = ReportGenerator.write(tmp.resolve("results"), PROFILE, jmhJson, sklearn(true), agreement(),
                environment(), "ci", DATE);
        JsonNode t = JSON.readTree(dir.resolve("summary.json").toFile()).get("time_to_solution");
        String report = Files.readString(dir.resolve("report.md"));
        assertFalse(t.get("command_line").get("measured").asBoolean());
        assertTrue(t.get("csv_load").get("mb_per_s").isNull());
        assertTrue(report.contains("Not measured: this run has no CSV-loading benchmark"));
        for (JsonNode c : t.get("targets")) {
            assertEquals("not measured", c.get("status").asText(), c.toString());
        }
    }

    // ---- fixtures ----------------------------------------------------------------------------

    private static Map<String, String> fitParams(String backend, Workload w) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("backend", backend);
        p.put("workload", w.id());
        return p;
    }

    /** Writes the JMH JSON again, with the results added since {@link #writeJmhJson()}. */
    private void rewriteJmhJson() throws IOException {
        try (OutputStream os = Files.newOutputStream(jmhJson);
             PrintStream ps = new PrintStream(os, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(runs);
        }
    }

    /** A single-shot RunResult as JMH builds it: one fork, one call per measured iteration, times in ms. */
    private RunResult singleShot(String benchmark, Map<String, String> params, double[] ms) {
        WorkloadParams wp = new WorkloadParams();
        int order = 0;
        for (Map.Entry<String, String> e : params.entrySet()) {
            wp.put(e.getKey(), e.getValue(), order++);
        }
        IterationParams warmup = new IterationParams(IterationType.WARMUP, 0, TimeValue.NONE, 1);
        IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, ms.length, TimeValue.NONE, 1);
        BenchmarkParams bp = new BenchmarkParams(PKG + benchmark, PKG + "jmh_generated." + benchmark, false, 1,
                new int[] {1}, List.of(), 1, 0, warmup, measurement, Mode.SingleShotTime, wp, TimeUnit.MILLISECONDS, 1,
                "/usr/bin/java", List.of("-Xmx8g", "-Xms2g"), "17.0.15", "OpenJDK 64-Bit Server VM", "17.0.15+6",
                "1.37", TimeValue.minutes(10));
        List<IterationResult> iterations = new ArrayList<>();
        for (double v : ms) {
            IterationResult it = new IterationResult(bp, measurement, new IterationResultMetaData(1, 1));
            it.addResult(new SingleShotResult(ResultRole.PRIMARY, "fit", Math.round(v * 1e6), TimeUnit.MILLISECONDS));
            iterations.add(it);
        }
        RunResult r = new RunResult(bp, List.of(new BenchmarkResult(bp, iterations)));
        runs.add(r);
        return r;
    }

    private static Map<String, String> params(String backend, Workload w) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("backend", backend);
        p.put("covarianceType", w.covarianceType().id());
        p.put("d", Integer.toString(w.d()));
        p.put("k", Integer.toString(w.k()));
        p.put("n", Integer.toString(w.n()));
        return p;
    }

    /** {@link #run(String, Map, TimeUnit, double[], double, double)} without a machine share. */
    private RunResult run(String benchmark, Map<String, String> params, TimeUnit unit, double[] scores,
                          double allocBytes) {
        return run(benchmark, params, unit, scores, allocBytes, Double.NaN);
    }

    /**
     * A RunResult as JMH builds it: one fork, one iteration result per score, GC figures and the
     * machine share if given.
     */
    private RunResult run(String benchmark, Map<String, String> params, TimeUnit unit, double[] scores,
                          double allocBytes, double machineShare) {
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
            if (!Double.isNaN(machineShare)) {
                it.addResult(new ScalarResult(JmhResults.MACHINE_SHARE_METRIC, machineShare, "share",
                        AggregationPolicy.AVG));
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

    /** @return a RunResult's score in ms, whatever unit it was measured in */
    private static double ms(RunResult r) {
        return r.getPrimaryResult().getScore() * TimeUnit.NANOSECONDS.convert(1, r.getParams().getTimeUnit()) / 1e6;
    }

    /** @return a Markdown table row of the given cells */
    private static String cells(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    /** @return a target's status as the report prints it: "not met" in bold */
    private static String bold(String status) {
        return status.equals("not met") ? "**not met**" : status;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
