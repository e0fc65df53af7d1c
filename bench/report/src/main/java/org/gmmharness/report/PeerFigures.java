package org.gmmharness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gmmharness.workload.Workload;

/**
 * The peers comparison's figures as the report shows them, computed once for report.md, the chart
 * and summary.json: per workload, scikit-learn, the project's backends (time per iteration from the
 * same run's JMH results) and every peer (time per iteration from its own process), with the
 * accuracy of each answer from the shared start; and the comparison's targets.
 */
final class PeerFigures {

    /** The fastest backend must be at least this many times faster per iteration than the fastest JVM peer. */
    static final double SPEEDUP_TARGET = 5.0;

    /** The workloads the speed targets are stated on. */
    static final Set<String> TARGET_WORKLOADS = Set.of("W1", "W2", "W3", "W4");

    /** What {@link Row#kind()} says for scikit-learn. */
    static final String SKLEARN = "scikit-learn";

    /**
     * One implementation's figures on one workload.
     *
     * @param id            backend name, peer id or {@link #SKLEARN}
     * @param label         its name in the report
     * @param kind          {@link PeerComparison#BACKEND}, {@link PeerComparison#PEER} or {@link #SKLEARN}
     * @param sameStart     whether it began from the shared start
     * @param msPerIter     time per iteration, ms (NaN when not measured)
     * @param errorMs       its error, ms
     * @param coldMs        a peer's time to solution in its process (read, set up, first fit), ms
     * @param peakRssBytes  a peer process's peak resident set, bytes
     * @param ll            mean log-likelihood of its answer (the project's scoring)
     * @param relDiff       largest relative difference from scikit-learn's answer from the same start
     * @param comparedWith  which scikit-learn answer, or why none
     * @param failure       why it has no answer, else empty
     * @param version       the library's version, where it reported one
     */
    record Row(String id, String label, String kind, boolean sameStart, double msPerIter, double errorMs,
               double coldMs, double peakRssBytes, double ll, double relDiff, String comparedWith, String failure,
               String version) {
    }

    /**
     * @param workload          the workload
     * @param rows              scikit-learn, the backends, the peers
     * @param sklearnScoreNoReg scikit-learn's mean log-likelihood from the start with reg_covar 0
     */
    record WorkloadFigures(Workload workload, List<Row> rows, double sklearnScoreNoReg) {
    }

    /**
     * One target on one workload.
     *
     * @param target   the target's short name
     * @param workload the workload's id
     * @param value    the measured value (a ratio, or a difference)
     * @param detail   what was compared, in words
     * @param status   met, not met or not measured
     */
    record Target(String target, String workload, double value, String detail, ReportSummary.Status status) {
    }

    final PeerComparison comparison;
    final List<WorkloadFigures> workloads;
    final List<Target> targets;

    private PeerFigures(PeerComparison comparison, List<WorkloadFigures> workloads, List<Target> targets) {
        this.comparison = comparison;
        this.workloads = workloads;
        this.targets = targets;
    }

    /** @return the figures of {@code c}, with the backends' and scikit-learn's times from {@code s} */
    static PeerFigures of(PeerComparison c, ReportSummary s) {
        List<WorkloadFigures> ws = new ArrayList<>();
        for (PeerComparison.WorkloadPeers wp : c.workloads()) {
            ReportSummary.WorkloadRow jmh = s.workloads().stream()
                    .filter(r -> r.workload().shape().equals(wp.workload().shape())).findFirst().orElse(null);
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(SKLEARN, "scikit-learn" + (c.sklearnVersion().isEmpty() ? "" : " " + c.sklearnVersion()),
                    SKLEARN, true, jmh == null ? Double.NaN : jmh.sklearnMs(),
                    jmh == null ? Double.NaN : jmh.sklearnErrorMs(), Double.NaN, Double.NaN, wp.sklearnScore(), 0.0,
                    "the reference (reg_covar 1e-6)", wp.sklearnReason(), c.sklearnVersion()));
            for (PeerComparison.Entry e : wp.entries()) {
                double ms;
                double err;
                if (e.kind().equals(PeerComparison.BACKEND)) {
                    ReportSummary.Figures f = jmh == null ? null : jmh.backends().get(e.id());
                    ms = f == null ? Double.NaN : f.msPerIter();
                    err = f == null ? Double.NaN : f.errorMs();
                } else {
                    ms = e.msPerIter(c.iterations());
                    err = e.errorMs(c.iterations());
                }
                String label = e.kind().equals(PeerComparison.PEER) && !e.version().isEmpty()
                        ? e.label() + " " + e.version() : e.label();
                rows.add(new Row(e.id(), label, e.kind(), e.sameStart(), ms, err, e.coldMs(), e.peakRssBytes(),
                        e.meanLogLikelihood(), e.relDiffVsSklearn(), e.comparedWith(), e.failure(), e.version()));
            }
            ws.add(new WorkloadFigures(wp.workload(), List.copyOf(rows), wp.sklearnScoreNoReg()));
        }
        return new PeerFigures(c, List.copyOf(ws), targets(ws));
    }

    private static List<Target> targets(List<WorkloadFigures> ws) {
        List<Target> out = new ArrayList<>();
        for (WorkloadFigures w : ws) {
            if (!TARGET_WORKLOADS.contains(w.workload().id())) {
                continue;
            }
            Row slowestBackend = extreme(w.rows(), PeerComparison.BACKEND, true);
            Row fastestBackend = extreme(w.rows(), PeerComparison.BACKEND, false);
            Row fastestPeer = extreme(w.rows(), PeerComparison.PEER, false);
            double margin = slowestBackend == null || fastestPeer == null ? Double.NaN
                    : fastestPeer.msPerIter() / slowestBackend.msPerIter();
            out.add(new Target("every backend faster per iteration than every JVM peer", w.workload().id(), margin,
                    slowestBackend == null || fastestPeer == null ? "a backend or a peer has no time"
                            : "slowest backend " + slowestBackend.label() + " " + Fmt.ms(slowestBackend.msPerIter())
                            + " ms vs fastest peer " + fastestPeer.label() + " " + Fmt.ms(fastestPeer.msPerIter())
                            + " ms", ReportSummary.Status.of(margin, margin > 1.0)));
            double speedup = fastestBackend == null || fastestPeer == null ? Double.NaN
                    : fastestPeer.msPerIter() / fastestBackend.msPerIter();
            out.add(new Target("fastest backend ≥ " + Fmt.sig(SPEEDUP_TARGET, 2) + "× the fastest JVM peer",
                    w.workload().id(), speedup, fastestBackend == null || fastestPeer == null
                    ? "a backend or a peer has no time" : fastestBackend.label() + " vs " + fastestPeer.label(),
                    ReportSummary.Status.of(speedup, speedup >= SPEEDUP_TARGET)));
        }
        for (WorkloadFigures w : ws) {
            double worst = Double.NaN;
            boolean allBackends = true;
            List<String> peersOff = new ArrayList<>();
            for (Row r : w.rows()) {
                if (r.kind().equals(PeerComparison.BACKEND)) {
                    if (Double.isNaN(r.relDiff())) {
                        allBackends = false;
                    } else {
                        worst = Double.isNaN(worst) ? r.relDiff() : Math.max(worst, r.relDiff());
                    }
                } else if (r.kind().equals(PeerComparison.PEER) && r.sameStart() && r.failure().isEmpty()
                        && !(r.relDiff() <= Agreement.TOLERANCE)) {
                    peersOff.add(r.label() + " " + Fmt.deviation(r.relDiff()));
                }
            }
            double value = allBackends ? worst : Double.NaN;
            out.add(new Target("the project's answers equal scikit-learn's (≤ " + Fmt.deviation(Agreement.TOLERANCE)
                    + ") where a peer's do not", w.workload().id(), value, "largest backend difference "
                    + Fmt.deviation(value) + "; peers off scikit-learn's answer: "
                    + (peersOff.isEmpty() ? "none" : String.join(", ", peersOff)),
                    ReportSummary.Status.of(value, value <= Agreement.TOLERANCE)));
        }
        return List.copyOf(out);
    }

    /** @return the row of {@code kind} with the largest (or smallest) time per iteration, null if none has one */
    private static Row extreme(List<Row> rows, String kind, boolean largest) {
        Row best = null;
        for (Row r : rows) {
            if (r.kind().equals(kind) && Double.isFinite(r.msPerIter())
                    && (best == null || (largest ? r.msPerIter() > best.msPerIter() : r.msPerIter() < best.msPerIter()))) {
                best = r;
            }
        }
        return best;
    }
}
