package org.gmmharness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * summary.json's {@code peers} block:
 * <pre>{@code
 * "peers":{"measured":true|false,"reason":..,"iterations":i,"repeats":r,"sklearn_version":..,"notes":[..],
 *          "workloads":[{"id":"W1","shape":..,"sklearn_score_reg_covar_0":x,
 *                        "rows":[{"id":..,"label":..,"kind":"scikit-learn"|"backend"|"peer","same_start":..,
 *                                 "ms_per_iter":x,"error_ms":e,"time_to_solution_ms":t,"peak_rss_bytes":b,
 *                                 "mean_log_likelihood":l,"rel_diff_vs_sklearn":d,"compared_with":..,
 *                                 "failure":..|null,"version":..,"fit_ms":[..],"process_wall_ms":w,"notes":[..]}]}],
 *          "targets":[{"target":..,"workload":..,"value":v,"detail":..,"status":"met"|"not met"|"not measured"}]}
 * }</pre>
 * A number that was not measured is {@code null}; a peer that could not run has its reason in
 * {@code failure}.
 */
final class PeersJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PeersJson() {
    }

    /**
     * @param figures the figures, or null when the run had no comparison
     * @param reason  when {@code figures} is null: why
     */
    static ObjectNode toJson(PeerFigures figures, String reason) {
        ObjectNode root = MAPPER.createObjectNode();
        if (figures == null) {
            root.put("measured", false);
            root.put("reason", reason);
            return root;
        }
        PeerComparison c = figures.comparison;
        root.put("measured", c.measured());
        root.put("reason", c.reason());
        root.put("iterations", c.iterations());
        root.put("repeats", c.repeats());
        root.put("sklearn_version", c.sklearnVersion());
        ArrayNode notes = root.putArray("notes");
        c.notes().forEach(notes::add);
        ArrayNode ws = root.putArray("workloads");
        for (int i = 0; i < figures.workloads.size(); i++) {
            PeerFigures.WorkloadFigures w = figures.workloads.get(i);
            PeerComparison.WorkloadPeers raw = c.workloads().get(i);
            ObjectNode wn = ws.addObject();
            wn.put("id", w.workload().id());
            wn.put("shape", w.workload().shape());
            number(wn, "sklearn_score_reg_covar_0", w.sklearnScoreNoReg());
            ArrayNode rows = wn.putArray("rows");
            for (PeerFigures.Row r : w.rows()) {
                ObjectNode rn = rows.addObject();
                rn.put("id", r.id());
                rn.put("label", r.label());
                rn.put("kind", r.kind());
                rn.put("same_start", r.sameStart());
                number(rn, "ms_per_iter", r.msPerIter());
                number(rn, "error_ms", r.errorMs());
                number(rn, "time_to_solution_ms", r.coldMs());
                number(rn, "peak_rss_bytes", r.peakRssBytes());
                number(rn, "mean_log_likelihood", r.ll());
                number(rn, "rel_diff_vs_sklearn", r.relDiff());
                rn.put("compared_with", r.comparedWith());
                if (r.failure().isEmpty()) {
                    rn.putNull("failure");
                } else {
                    rn.put("failure", r.failure());
                }
                rn.put("version", r.version());
                raw.entries().stream().filter(e -> e.id().equals(r.id())).findFirst().ifPresent(e -> {
                    ArrayNode fits = rn.putArray("fit_ms");
                    e.fitMs().forEach(fits::add);
                    number(rn, "process_wall_ms", e.processWallMs());
                    ArrayNode en = rn.putArray("notes");
                    e.notes().forEach(en::add);
                });
            }
        }
        ArrayNode targets = root.putArray("targets");
        for (PeerFigures.Target t : figures.targets) {
            ObjectNode tn = targets.addObject();
            tn.put("target", t.target());
            tn.put("workload", t.workload());
            number(tn, "value", t.value());
            tn.put("detail", t.detail());
            tn.put("status", t.status().label);
        }
        return root;
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }
}
