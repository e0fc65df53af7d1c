package org.gmmharness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.Workloads;
import org.gmmharness.workload.BenchProfile;
import org.junit.jupiter.api.Test;

/**
 * The peers section, its targets and summary.json's {@code peers} block, from a comparison and
 * JMH figures made up here: W1 where every backend beats every peer by far, W2 where a peer is
 * faster than the slowest backend, a peer that could not run, and Spark's answer far from
 * scikit-learn's.
 */
class PeersReportTest {

    private static final Workload W1 = Workloads.W1;
    private static final Workload W2 = Workloads.W2;
    private static final int ITERATIONS = 10;

    @Test
    void targetsComeFromTheFiguresAndSayWhichPeersMissScikitLearnsAnswer() {
        PeerFigures f = PeerFigures.of(comparison(), summary());
        Map<String, PeerFigures.Target> byKey = new LinkedHashMap<>();
        f.targets.forEach(t -> byKey.put(t.target().substring(0, 12) + " " + t.workload(), t));

        // W1: slowest backend 100 ms, fastest peer 700 ms; fastest backend 50 ms.
        PeerFigures.Target everyW1 = byKey.get("every backen W1");
        assertEquals(7.0, everyW1.value(), 1e-12);
        assertEquals(ReportSummary.Status.MET, everyW1.status());
        PeerFigures.Target fiveW1 = byKey.get("fastest back W1");
        assertEquals(14.0, fiveW1.value(), 1e-12);
        assertEquals(ReportSummary.Status.MET, fiveW1.status());
        // W2: Smile at 80 ms beats the slowest backend (100 ms) and is only 1.6× the fastest.
        assertEquals(ReportSummary.Status.NOT_MET, byKey.get("every backen W2").status());
        assertEquals(1.6, byKey.get("fastest back W2").value(), 1e-12);
        assertEquals(ReportSummary.Status.NOT_MET, byKey.get("fastest back W2").status());
        PeerFigures.Target answers = byKey.get("the project' W1");
        assertEquals(3e-12, answers.value(), 0.0);
        assertEquals(ReportSummary.Status.MET, answers.status());
        assertTrue(answers.detail().contains("Spark MLlib (RDD API) 3.5.9 4.70e+01"), answers.detail());
        assertTrue(answers.detail().contains("Smile (GPL-3.0, opt-in) 3.1.1 1.00e-05"), answers.detail());
        assertFalse(answers.detail().contains("Commons Math"), answers.detail());
    }

    @Test
    void sectionListsEveryImplementationTheUnavailablePeerWithItsReasonAndStatesTheFindings() {
        PeerFigures f = PeerFigures.of(comparison(), summary());
        String md = PeersSection.render(f, "", Set.of(PeersSection.CHART));

        assertTrue(md.startsWith("## Peers"), md);
        assertTrue(md.contains("![Time per EM iteration: backends, scikit-learn and peers](peers.png)"));
        assertTrue(md.contains("**Note:** quick profile: reduced."), md);
        assertTrue(md.contains("Smile is GPL-3.0"), md);
        assertTrue(md.contains("| W1 (" + W1.shape() + ") | Commons Math EM 3.6.1 | shared | 3500 ± 77 | 5.00 s | 477 MiB "
                + "| −26.1907392200 | 1.00e-15 |"), md);
        assertTrue(md.contains("| W1 (" + W1.shape() + ") | ejml | shared | 100 ± 2.0 | — | — | −26.1907392207 "
                + "| 3.00e-12 |"), md);
        assertTrue(md.contains("| Spark ML (DataFrame API, own start) | — | unavailable: not built: run mvn "), md);
        // Spark's gap from scikit-learn's answer, in nats per sample, with the mechanism.
        assertTrue(md.contains("on W1 its answer's mean log-likelihood is 0.909 nats per sample below "
                + "scikit-learn's from the same start with reg_covar 0"), md);
        assertTrue(md.contains("adds a constant ε"), md);
        assertTrue(md.contains("on W1 its answer's mean log-likelihood is 1.9e-09 nats per sample below"), md);
        assertTrue(md.contains("multiplies every variance by 1.00001"), md);
        assertTrue(md.contains("| every backend faster per iteration than every JVM peer | W2 | 0.800× |"), md);
    }

    @Test
    void summaryJsonHasEveryRowWithNullsForWhatWasNotMeasuredAndTheFailure() {
        PeerFigures f = PeerFigures.of(comparison(), summary());
        JsonNode peers = PeersJson.toJson(f, "");
        assertTrue(peers.get("measured").asBoolean());
        assertEquals(ITERATIONS, peers.get("iterations").asInt());
        JsonNode rows = peers.get("workloads").get(0).get("rows");
        assertEquals("scikit-learn", rows.get(0).get("kind").asText());
        assertEquals(199.0, rows.get(0).get("ms_per_iter").asDouble(), 0.0);
        JsonNode ejml = rows.get(1);
        assertTrue(ejml.get("peak_rss_bytes").isNull());
        JsonNode spark = rows.get(4);
        assertEquals("spark-mllib-rdd", spark.get("id").asText());
        assertEquals(1200.0, spark.get("ms_per_iter").asDouble(), 1e-9);
        assertEquals(47.0, spark.get("rel_diff_vs_sklearn").asDouble(), 0.0);
        assertTrue(spark.get("failure").isNull());
        JsonNode ml = rows.get(5);
        assertTrue(ml.get("failure").asText().startsWith("not built"));
        assertTrue(ml.get("ms_per_iter").isNull());
        assertEquals(2 * 2 + 2, peers.get("targets").size());
    }

    @Test
    void aRunWithoutPeersSaysWhyInTheSectionAndTheJson() {
        String why = "the smoke profile skips the peers comparison";
        assertFalse(why.isEmpty());
        PeerFigures f = PeerFigures.of(PeerComparison.notMeasured(why), summary());
        String md = PeersSection.render(f, "", Set.of());
        assertTrue(md.contains("**Not measured in this run:** " + why), md);
        assertFalse(PeersJson.toJson(f, "").get("measured").asBoolean());
        assertEquals(why, PeersJson.toJson(f, "").get("reason").asText());
        assertTrue(PeersSection.render(null, "no comparison", Set.of()).contains("no comparison"));
    }

    private static PeerComparison comparison() {
        List<PeerComparison.WorkloadPeers> ws = new ArrayList<>();
        ws.add(new PeerComparison.WorkloadPeers(W1, -26.1907392207, -26.1907392200, "", List.of(
                backend("ejml", -26.1907392207, 3e-12),
                backend("nd4j", -26.1907392207, 1e-12),
                peer("commons-math-em", "Commons Math EM", "3.6.1", true, 3500, -26.1907392200, 1e-15),
                peer("spark-mllib-rdd", "Spark MLlib (RDD API)", "3.5.9", true, 1200, -27.0994297843, 47.0),
                failed("spark-ml-dataframe", "Spark ML (DataFrame API, own start)",
                        "not built: run mvn -B -ntp package"),
                peer("smile", "Smile (GPL-3.0, opt-in)", "3.1.1", true, 700, -26.1907392219, 1e-5))));
        ws.add(new PeerComparison.WorkloadPeers(W2, -10.0, -10.0, "", List.of(
                backend("ejml", -10.0, 1e-13),
                backend("nd4j", -10.0, 1e-13),
                peer("smile", "Smile (GPL-3.0, opt-in)", "3.1.1", true, 80, -10.0, 1e-5))));
        return new PeerComparison(true, "", ITERATIONS, 3, "1.2.1", ws, List.of("quick profile: reduced"));
    }

    private static PeerComparison.Entry backend(String id, double ll, double diff) {
        return new PeerComparison.Entry(id, id, PeerComparison.BACKEND, "", "", true, List.of(), Double.NaN,
                Double.NaN, Double.NaN, ll, diff, "scikit-learn, reg_covar 1e-6", "", List.of());
    }

    /** A peer whose three timed fits take {@code msPerIter}·iterations, ±1 %. */
    private static PeerComparison.Entry peer(String id, String label, String version, boolean sameStart,
                                             double msPerIter, double ll, double diff) {
        double fit = msPerIter * ITERATIONS;
        return new PeerComparison.Entry(id, label, PeerComparison.PEER, version, "Api", sameStart,
                List.of(fit * 0.99, fit, fit * 1.01), 5000, 9000, 500e6, ll, diff, "scikit-learn, reg_covar 0",
                "", List.of("a quirk"));
    }

    private static PeerComparison.Entry failed(String id, String label, String why) {
        return new PeerComparison.Entry(id, label, PeerComparison.PEER, "", "", false, List.of(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", why, List.of());
    }

    /** JMH figures: ejml 100 ms, nd4j 50 ms per iteration on W1 and W2; scikit-learn 199 ms on W1. */
    private static ReportSummary summary() {
        List<ReportSummary.WorkloadRow> rows = new ArrayList<>();
        for (Workload w : List.of(W1, W2)) {
            Map<String, ReportSummary.Figures> b = new LinkedHashMap<>();
            b.put("ejml", new ReportSummary.Figures(100, 2, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            b.put("nd4j", new ReportSummary.Figures(50, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            rows.add(new ReportSummary.WorkloadRow(w, 199, 3, b));
        }
        return new ReportSummary("quick", LocalDate.of(2026, 12, 2), "host", List.of("ejml", "nd4j"), rows,
                List.of(), List.of(), null, null, null, null, null);
    }
}
