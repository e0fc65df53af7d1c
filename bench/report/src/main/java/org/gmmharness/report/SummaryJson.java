package org.gmmharness.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gmmharness.workload.Workload;

/**
 * Writes summary.json:
 * <pre>{@code
 * {"profile":..,"date":"yyyy-MM-dd","host":..,
 *  "workloads":[{"id":"W1","n":..,"d":..,"k":..,"covariance_type":"full","sklearn_ms_per_iter":x|null,
 *                "backends":{"<name>":{"ms_per_iter":x,"error_ms":e,"gflops":g,"reference_gflops":r,
 *                                      "alloc_bytes_per_iter":b,"ratio_to_sklearn":r|null}},
 *                "fastest_backend":"<name>"|null,"speedup_vs_sklearn":s|null}],
 *  "peak_gflops":p,"peak_backend":..,
 *  "agreement":{"tolerance":..,"worst":..,"by_workload":{"W1":{"<name>":deviation}}},
 *  "sklearn":{"available":..,"reason":..,"versions":{..}},
 *  "breakdown":[{"workload":"W1","backend":"<name>","estep_ms":..,"mstep_ms":..,"precision_cholesky_ms":..,
 *                "raw_estep_product_ms":..,"raw_mstep_product_ms":..,"raw_logsumexp_ms":..,
 *                "estep_ratio_to_raw":..,"mstep_ratio_to_raw":..}],
 *  "targets":{"speedup":[{"workload":..,"fastest_backend":..,"speedup_vs_sklearn":..,"target":..,"status":..}],
 *             "allocation":[{"workload":..,"backend":..,"alloc_bytes_per_iter":..,"limit_bytes":..,"status":..}],
 *             "step_vs_raw":[{"workload":..,"backend":..,"step":"E-step"|"M-step","ratio":..,"limit":..,
 *                             "status":..}]}}
 * }</pre>
 * {@code speedup_vs_sklearn} is scikit-learn's time over the fastest backend's;
 * {@code estep_ratio_to_raw} is the E-step's time over the raw E-step product plus the raw
 * log-sum-exp, {@code mstep_ratio_to_raw} the M-step's over the raw M-step product; a target's
 * {@code status} is {@code "met"}, {@code "not met"} or {@code "not measured"}.
 * A number that was not measured is {@code null}; a backend without a result on a workload is left
 * out of that workload's {@code backends}. An agreement deviation of a fit that failed is written
 * as the string {@code "Infinity"}. Agreement is keyed by workload id where the shape is one of the
 * profile's workloads, else by its shape.
 */
final class SummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    /** Writes {@code summary} to {@code file}. */
    static void write(ReportSummary summary, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), toJson(summary));
    }

    /** @return the summary as the JSON tree written to summary.json */
    static ObjectNode toJson(ReportSummary s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("profile", s.profile());
        root.put("date", s.date().toString());
        root.put("host", s.host());
        var workloads = root.putArray("workloads");
        for (ReportSummary.WorkloadRow row : s.workloads()) {
            Workload w = row.workload();
            ObjectNode o = workloads.addObject();
            o.put("id", w.id());
            o.put("n", w.n());
            o.put("d", w.d());
            o.put("k", w.k());
            o.put("covariance_type", w.covarianceType().id());
            put(o, "sklearn_ms_per_iter", row.sklearnMs());
            ObjectNode backends = o.putObject("backends");
            for (Map.Entry<String, ReportSummary.Figures> e : row.backends().entrySet()) {
                ReportSummary.Figures f = e.getValue();
                ObjectNode b = backends.putObject(e.getKey());
                put(b, "ms_per_iter", f.msPerIter());
                put(b, "error_ms", f.errorMs());
                put(b, "gflops", f.gflops());
                put(b, "reference_gflops", f.referenceGflops());
                put(b, "alloc_bytes_per_iter", f.allocBytesPerIter());
                put(b, "ratio_to_sklearn", f.ratioToSklearn());
            }
            o.put("fastest_backend", row.fastest());
            put(o, "speedup_vs_sklearn", row.speedupVsSklearn());
        }
        put(root, "peak_gflops", s.peakGflops());
        root.put("peak_backend", s.peak() == null ? null : s.peak().backend());
        root.set("agreement", agreement(s));
        ObjectNode sk = root.putObject("sklearn");
        sk.put("available", s.sklearn().available());
        sk.put("reason", s.sklearn().reason() == null ? "" : s.sklearn().reason());
        ObjectNode versions = sk.putObject("versions");
        if (s.sklearn().versions() != null) {
            s.sklearn().versions().forEach(versions::put);
        }
        var breakdown = root.putArray("breakdown");
        for (ReportSummary.BreakdownRow row : s.breakdown()) {
            row.backends().forEach((backend, t) -> {
                ObjectNode o = breakdown.addObject();
                o.put("workload", row.workload().id());
                o.put("backend", backend);
                put(o, "estep_ms", t.eStepMs());
                put(o, "mstep_ms", t.mStepMs());
                put(o, "precision_cholesky_ms", t.choleskyMs());
                put(o, "raw_estep_product_ms", t.rawEStepProductMs());
                put(o, "raw_mstep_product_ms", t.rawMStepProductMs());
                put(o, "raw_logsumexp_ms", t.rawLogSumExpMs());
                put(o, "estep_ratio_to_raw", t.eStepRatio());
                put(o, "mstep_ratio_to_raw", t.mStepRatio());
                put(o, "normalize_rows_machine_share", t.normalizeMachineShare());
            });
        }
        root.set("targets", targets(s.targets()));
        if (s.timeToSolution() != null) {
            root.set("time_to_solution", timeToSolution(s.timeToSolution()));
        }
        return root;
    }

    private static ObjectNode agreement(ReportSummary s) {
        ObjectNode a = MAPPER.createObjectNode();
        a.put("tolerance", s.agreement().tolerance());
        deviation(a, "worst", s.agreement().worst());
        ObjectNode by = a.putObject("by_workload");
        Map<String, String> ids = idsByShape(s);
        for (Map.Entry<String, Map<String, Double>> e : s.agreement().byShape().entrySet()) {
            ObjectNode o = by.putObject(ids.getOrDefault(e.getKey(), e.getKey()));
            e.getValue().forEach((backend, dev) -> deviation(o, backend, dev));
        }
        return a;
    }

    private static ObjectNode targets(ReportSummary.TargetChecks t) {
        ObjectNode o = MAPPER.createObjectNode();
        var speedups = o.putArray("speedup");
        for (ReportSummary.SpeedupCheck c : t.speedups()) {
            ObjectNode n = speedups.addObject();
            n.put("workload", c.workload().id());
            n.put("fastest_backend", c.fastestBackend());
            put(n, "speedup_vs_sklearn", c.speedup());
            put(n, "target", c.target());
            n.put("status", c.status().label);
        }
        var allocations = o.putArray("allocation");
        for (ReportSummary.AllocationCheck c : t.allocations()) {
            ObjectNode n = allocations.addObject();
            n.put("workload", c.workload().id());
            n.put("backend", c.backend());
            put(n, "alloc_bytes_per_iter", c.bytesPerIter());
            put(n, "limit_bytes", c.limitBytes());
            n.put("status", c.status().label);
        }
        var glue = o.putArray("step_vs_raw");
        for (ReportSummary.GlueCheck c : t.glue()) {
            ObjectNode n = glue.addObject();
            n.put("workload", c.workload().id());
            n.put("backend", c.backend());
            n.put("step", c.step());
            put(n, "ratio", c.ratio());
            put(n, "limit", c.limit());
            n.put("status", c.status().label);
        }
        var coreUse = o.putArray("exp_log_core_use");
        for (ReportSummary.CoreUseCheck c : t.coreUse()) {
            ObjectNode n = coreUse.addObject();
            n.put("workload", c.workload().id());
            n.put("backend", c.backend());
            put(n, "machine_share", c.share());
            put(n, "minimum", c.minimum());
            n.put("status", c.status().label);
        }
        return o;
    }

    /** The time-to-solution block: in-process fits, command-line processes, start-up, CSV loading, targets. */
    static ObjectNode timeToSolution(TimeToSolution t) {
        ObjectNode o = MAPPER.createObjectNode();
        var fits = o.putArray("in_process");
        for (TimeToSolution.FitRow r : t.fits()) {
            ObjectNode n = fits.addObject();
            n.put("workload", r.workload().id());
            n.put("shape", r.workload().shape());
            stats(n.putObject("sklearn_ms"), r.sklearn());
            var iters = n.putArray("sklearn_n_iter");
            r.sklearnNIter().forEach(iters::add);
            ObjectNode b = n.putObject("backends_ms");
            r.backends().forEach((name, st) -> stats(b.putObject(name), st));
            ObjectNode f = n.putObject("failures");
            r.failures().forEach(f::put);
            n.put("fastest_backend", r.fastest());
            put(n, "speedup_vs_sklearn", r.speedup());
        }
        ObjectNode cli = o.putObject("command_line");
        cli.put("measured", t.processes().measured());
        cli.put("reason", t.processes().reason());
        cli.put("command", t.processes().javaCommand());
        cli.put("sklearn_command", t.processes().sklearnCommand());
        var unset = cli.putArray("unset_for_sklearn");
        t.processes().unsetForSklearn().forEach(unset::add);
        cli.put("peak_rss_method", "VmHWM of /proc/<pid>/status, polled every "
                + ProcessTimings.POLL_MILLIS + " ms until the child exits");
        var notes = cli.putArray("notes");
        t.processes().notes().forEach(notes::add);
        var rows = cli.putArray("workloads");
        for (TimeToSolution.CliRow r : t.cli()) {
            ObjectNode n = rows.addObject();
            n.put("workload", r.workload().id());
            n.put("shape", r.workload().shape());
            n.put("csv_bytes", r.csvBytes());
            runs(n, "", r.java());
            ObjectNode first = n.putObject("first_tier_only");
            first.put("jvm_option", ProcessTimings.FIRST_TIER_ONLY);
            runs(first, "", r.firstTier());
            put(first, "wall_ratio_to_sklearn", r.firstTier().wallOver(r.sklearn()));
            runs(n, "sklearn_", r.sklearn());
            put(n, "wall_ratio_to_sklearn", r.wallRatio());
            put(n, "rss_ratio_to_sklearn", r.rssRatio());
        }
        var startup = cli.putArray("startup");
        cli.put("startup_rows", t.processes().startupRows());
        for (TimeToSolution.StartupRow r : t.startup()) {
            ObjectNode n = startup.addObject();
            n.put("backend", r.backend());
            stats(n.putObject("wall_ms"), r.wallMs());
            n.put("failure", r.failure());
        }
        ObjectNode csv = o.putObject("csv_load");
        csv.put("benchmark", t.csvLoad() == null ? null : t.csvLoad().benchmark());
        put(csv, "mb_per_s", t.csvLoad() == null ? Double.NaN : t.csvLoad().mbPerSecond());
        var targets = o.putArray("targets");
        for (TimeToSolution.Check c : t.targets()) {
            ObjectNode n = targets.addObject();
            n.put("workload", c.workload());
            n.put("measure", c.measure());
            put(n, "value", c.value());
            n.put("bound", c.atMost() ? "at most" : "at least");
            put(n, "target", c.target());
            n.put("unit", c.unit().strip());
            n.put("status", c.status().label);
        }
        return o;
    }

    /** Writes {@code prefix}wall_ms, {@code prefix}peak_rss_bytes and {@code prefix}failure of {@code r}. */
    private static void runs(ObjectNode o, String prefix, TimeToSolution.Runs r) {
        stats(o.putObject(prefix + "wall_ms"), r.wallMs());
        stats(o.putObject(prefix + "peak_rss_bytes"), r.rss());
        o.put(prefix + "failure", r.failure());
    }

    private static void stats(ObjectNode o, TimeToSolution.Stats st) {
        put(o, "median", st.median());
        put(o, "min", st.min());
        put(o, "max", st.max());
        o.put("count", st.count());
    }

    /** @return workload shape → id over the standard workloads, the breakdown and the sweeps, first id wins */
    static Map<String, String> idsByShape(ReportSummary s) {
        Map<String, String> ids = new LinkedHashMap<>();
        s.workloads().forEach(r -> ids.putIfAbsent(r.workload().shape(), r.workload().id()));
        s.breakdown().forEach(r -> ids.putIfAbsent(r.workload().shape(), r.workload().id()));
        s.sweeps().forEach(p -> ids.putIfAbsent(p.workload().shape(), p.workload().id()));
        return ids;
    }

    private static void put(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
    }

    private static void deviation(ObjectNode o, String key, Double value) {
        if (value == null || Double.isNaN(value)) {
            o.putNull(key);
        } else if (Double.isInfinite(value)) {
            o.put(key, "Infinity");
        } else {
            o.put(key, value.doubleValue());
        }
    }
}
