package org.gmmharness.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;


/**
 * The report's "Peers" section: the JVM's other Gaussian mixture implementations beside
 * scikit-learn and the project's backends, from one start, with the comparison's targets, the
 * accuracy findings stated with their mechanism, and the peers' quirks.
 */
final class PeersSection {

    /** The chart's file. */
    static final String CHART = "peers.png";

    /**
     * Why a peer's answer differs from scikit-learn's, where it is known (read from the library's
     * code); a finding the run measures is printed with it.
     */
    static final Map<String, String> MECHANISMS = Map.of(
            "spark-mllib-rdd", "its E-step adds a constant ε (MLUtils.EPSILON, the double's machine epsilon, about "
                    + "2.2e-16) to every component's weighted density before normalising. Where densities fall "
                    + "near ε (many features, samples in a component's tail), responsibilities are pulled toward "
                    + "uniform, every component is pulled toward the overall mean and its covariance inflates, and "
                    + "EM carries that from one iteration to the next. Run to its end, every component becomes the "
                    + "same Gaussian (the data's overall mean and covariance), a fixed point of EM that any start "
                    + "reaches, which is why the RDD and DataFrame APIs can end at the same log-likelihood from "
                    + "different starts. At D = 2 densities stay far above ε and it agrees with scikit-learn",
            "spark-ml-dataframe", "it starts from its own draw, so only its log-likelihood is comparable; its "
                    + "E-step (ExpectationAggregator) adds the same ε as the RDD API's",
            "smile", "its full-covariance M-step (MultivariateGaussianDistribution.M) multiplies every variance by "
                    + "1.00001, a relative regularisation of 1e-5; its diagonal M-step does not, and agrees with "
                    + "scikit-learn to rounding",
            "commons-math-em", "plain EM without reg_covar: it agrees with scikit-learn run with reg_covar 0");

    private final StringBuilder out = new StringBuilder();
    private final PeerFigures f;
    private final Set<String> charts;

    private PeersSection(PeerFigures f, Set<String> charts) {
        this.f = f;
        this.charts = charts;
    }

    /**
     * @param figures the figures, or null when the run had no peers comparison at all
     * @param reason  when {@code figures} is null: why
     * @param charts  the chart files written
     * @return the section's Markdown, from its "## Peers" heading
     */
    static String render(PeerFigures figures, String reason, Set<String> charts) {
        PeersSection s = new PeersSection(figures, charts);
        s.line("## Peers: the JVM's other Gaussian mixture implementations");
        s.line();
        if (figures == null || !figures.comparison.measured()) {
            String why = figures == null ? reason : figures.comparison.reason();
            s.line("**Not measured in this run:** " + (why == null || why.isBlank() ? "no reason was given" : why)
                    + ". The peers are Apache Commons Math's EM, Spark MLlib's GaussianMixture (local mode) and Smile "
                    + "(GPL-3.0, only when built with `-Ppeers-smile`).");
            s.line();
            return s.out.toString();
        }
        s.body();
        return s.out.toString();
    }

    private void body() {
        PeerComparison c = f.comparison;
        line("Every implementation fits the same seeded samples from one start (the project's k-means "
                + "initialisation with random state 0 and the initialising M-step, covariances with reg_covar "
                + "1e-6 as scikit-learn's) for exactly " + c.iterations() + " EM iterations, convergence tests "
                + "disabled. Each peer runs in a JVM of its own (`java -Xmx6g`, its library's class path only, "
                + "without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE as scikit-learn): "
                + "one cold fit, then " + c.repeats() + " timed fits; **ms / iteration** is their median over the "
                + "iterations ± the 99% half-width from their robust spread (2.576 · 1.4826 · MAD / √n). The "
                + "backends' and scikit-learn's times per iteration are this run's (JMH `EmIterationBenchmark`, "
                + "scikit-learn's baseline). **Time to solution** is the peer's own process reading the data, "
                + "setting its library up (a Spark session) and running the first, cold fit; **peak RSS** is "
                + "the peer process's `VmHWM`. **Mean log-likelihood** scores each final answer with the "
                + "project's own scoring (equal to scikit-learn's `score`); **difference** is the harness's "
                + "agreement measure (largest of max|a − b| / max|b| over weights, means, covariances) from "
                + "scikit-learn's answer from the same start, same iterations and the same reg_covar: 1e-6 for "
                + "the backends, 0 for the peers, none of which regularises.");
        line();
        for (String n : c.notes()) {
            line("- **Note:** " + n + ".");
        }
        line("- **Covariance types:** Commons Math and Spark MLlib fit full covariances only, so on a diagonal "
                + "workload only the backends, scikit-learn and the peers with diagonal covariances (Smile) run.");
        line("- **Smile is GPL-3.0:** it runs only when its driver was built with the opt-in Maven profile "
                + "(`mvn -B -ntp package -Ppeers-smile`); it is never part of the default build or of any jar the "
                + "project ships, and is listed as unavailable when not built.");
        line();
        if (charts.contains(CHART)) {
            line("![Time per EM iteration: backends, scikit-learn and peers](" + CHART + ")");
            line();
        }
        line("| Workload | Implementation | Start | ms / iteration | Time to solution | Peak RSS "
                + "| Mean log-likelihood | Difference from scikit-learn |");
        line("|---|---|---|--:|--:|--:|--:|--:|");
        for (PeerFigures.WorkloadFigures w : f.workloads) {
            for (PeerFigures.Row r : w.rows()) {
                String id = w.workload().id() + " (" + w.workload().shape() + ")";
                if (!r.failure().isEmpty()) {
                    line(cells(id, r.label(), "—", "unavailable: " + r.failure(), "", "", "", ""));
                    continue;
                }
                boolean reference = r.kind().equals(PeerFigures.SKLEARN);
                line(cells(id, r.label(), r.sameStart() ? "shared" : "its own",
                        Double.isFinite(r.errorMs()) ? Fmt.ms(r.msPerIter()) + " ± " + Fmt.error(r.errorMs())
                                : Fmt.ms(r.msPerIter()),
                        Fmt.seconds(r.coldMs()), Fmt.mebibytes(r.peakRssBytes()), logLikelihood(r.ll()),
                        reference ? "reference" : Double.isNaN(r.relDiff()) ? r.comparedWith()
                                : Fmt.deviation(r.relDiff())));
            }
        }
        line();
        line("The backends run inside the harness's process, so they have no process of their own to measure "
                + "here; their whole fits and processes are in the time-to-solution section.");
        line();
        targets();
        findings();
        quirks();
    }

    private void targets() {
        line("### Peers' targets");
        line();
        line("| Target | Workload | Value | Compared | Status |");
        line("|---|---|--:|---|---|");
        for (PeerFigures.Target t : f.targets) {
            String value = t.target().startsWith("the project's answers") ? Fmt.deviation(t.value())
                    : Fmt.ratio(t.value());
            line(cells(t.target(), t.workload(), value, t.detail(), t.status().label));
        }
        line();
    }

    /** Each peer's largest gap from scikit-learn's answer, said plainly, with its mechanism. */
    private void findings() {
        line("### Accuracy findings");
        line();
        Map<String, String> said = new LinkedHashMap<>();
        for (PeerFigures.WorkloadFigures w : f.workloads) {
            for (PeerFigures.Row r : w.rows()) {
                if (!r.kind().equals(PeerComparison.PEER) || !r.failure().isEmpty()) {
                    continue;
                }
                double gap = w.sklearnScoreNoReg() - r.ll();
                String text = String.format(Locale.ROOT, "on %s its answer's mean log-likelihood is %s nats per "
                                + "sample %s scikit-learn's from %s (%s), largest parameter difference %s",
                        w.workload().id(), nats(Math.abs(gap)), gap >= 0 ? "below" : "above",
                        r.sameStart() ? "the same start with reg_covar 0" : "the shared start (its own start differs)",
                        logLikelihood(w.sklearnScoreNoReg()), Fmt.deviation(r.relDiff()));
                said.merge(r.label(), text, (a, b) -> a + "; " + b);
            }
        }
        if (said.isEmpty()) {
            line("No peer produced an answer in this run.");
            line();
            return;
        }
        for (Map.Entry<String, String> e : said.entrySet()) {
            String id = idOf(e.getKey());
            String mechanism = MECHANISMS.get(id);
            line("- **" + e.getKey() + ":** " + e.getValue() + "." + (mechanism == null ? ""
                    : " Why: " + mechanism + "."));
        }
        line();
    }

    private void quirks() {
        line("### How each peer was driven (its quirks)");
        line();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        Map<String, String> apis = new LinkedHashMap<>();
        for (PeerComparison.WorkloadPeers w : f.comparison.workloads()) {
            for (PeerComparison.Entry e : w.entries()) {
                if (e.kind().equals(PeerComparison.PEER) && e.ok()) {
                    notes.putIfAbsent(e.label(), e.notes());
                    apis.putIfAbsent(e.label(), e.api() + (e.version().isEmpty() ? "" : ", version " + e.version()));
                }
            }
        }
        for (Map.Entry<String, List<String>> e : notes.entrySet()) {
            line("- **" + e.getKey() + "** (" + apis.get(e.getKey()) + "): " + String.join("; ", e.getValue()) + ".");
        }
        line("- Spark runs with `local[*]`, its web UI off and the JVM options its launcher sets on Java 17 "
                + "(`--add-opens` for java.base's java.lang, java.nio, sun.nio.ch and others).");
        line();
    }

    /** @return the peer id whose label (possibly followed by a version) is {@code label} */
    private String idOf(String label) {
        for (PeerFigures.WorkloadFigures w : f.workloads) {
            for (PeerFigures.Row r : w.rows()) {
                if (r.label().equals(label)) {
                    return r.id();
                }
            }
        }
        return "";
    }

    /** @return a gap in nats: three significant digits from 0.001 up, scientific notation below */
    static String nats(double gap) {
        if (!Double.isFinite(gap) || gap == 0.0 || gap >= 1e-3) {
            return Fmt.sig(gap, 3);
        }
        return String.format(Locale.ROOT, "%.1e", gap);
    }

    private static String logLikelihood(double ll) {
        return Double.isFinite(ll) ? String.format(Locale.ROOT, "%.10f", ll).replace('-', '−') : Fmt.sig(ll, 3);
    }

    private static String cells(String... cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(c == null ? "" : c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        return b.toString();
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
