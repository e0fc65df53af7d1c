package org.gmmharness.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The peers chart: time per EM iteration on each of the comparison's workloads, one bar per
 * backend, scikit-learn and peer, on a logarithmic axis (the peers are up to two orders of
 * magnitude slower than the backends).
 */
final class PeersChart {

    private static final Color SKLEARN_COLOR = new Color(0x7f7f7f);
    private static final Color[] BACKEND_COLORS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728)};
    private static final Color[] PEER_COLORS = {new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b),
        new Color(0xe377c2), new Color(0xbcbd22)};

    private PeersChart() {
    }

    /** @return the chart, or null when no implementation has a time */
    static CategoryChart chart(PeerFigures f, String profile) {
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Peers: time per EM iteration (" + profile + " profile)")
                .xAxisTitle("Workload").yAxisTitle("ms per iteration (log scale)").build();
        Charts.style(chart);
        List<String> ids = new ArrayList<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (PeerFigures.WorkloadFigures w : f.workloads) {
            ids.add(w.workload().id());
        }
        for (int i = 0; i < f.workloads.size(); i++) {
            for (PeerFigures.Row r : f.workloads.get(i).rows()) {
                String name = r.kind().equals(PeerFigures.SKLEARN) ? "scikit-learn" : r.label();
                kinds.putIfAbsent(name, r.kind());
                List<Double> ys = series.computeIfAbsent(name, n -> new ArrayList<>());
                while (ys.size() < i) {
                    ys.add(null);
                }
                ys.add(Double.isFinite(r.msPerIter()) && r.msPerIter() > 0 ? r.msPerIter() : null);
            }
        }
        List<Double> all = new ArrayList<>();
        int backend = 0;
        int peer = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> ys = e.getValue();
            while (ys.size() < ids.size()) {
                ys.add(null);
            }
            if (ys.stream().allMatch(v -> v == null)) {
                continue;
            }
            ys.stream().filter(v -> v != null).forEach(all::add);
            String kind = kinds.get(e.getKey());
            Color color = kind.equals(PeerFigures.SKLEARN) ? SKLEARN_COLOR
                    : kind.equals(PeerComparison.BACKEND) ? BACKEND_COLORS[backend++ % BACKEND_COLORS.length]
                    : PEER_COLORS[peer++ % PEER_COLORS.length];
            chart.addSeries(e.getKey(), ids, ys).setFillColor(color);
        }
        if (all.isEmpty()) {
            return null;
        }
        Charts.logAxis(chart.getStyler(), false, all.stream().mapToDouble(Double::doubleValue).min().orElse(1),
                all.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        return chart;
    }

    /**
     * Writes the chart as {@link PeersSection#CHART}.
     *
     * @return whether it was written
     */
    static boolean write(PeerFigures f, String profile, Path dir) throws IOException {
        try {
            CategoryChart c = chart(f, profile);
            if (c == null) {
                return false;
            }
            Charts.save(c, dir.resolve(PeersSection.CHART));
            return true;
        } catch (RuntimeException e) {
            // As Charts does: a chart the library refuses to draw must not lose a long run's report.
            java.nio.file.Files.deleteIfExists(dir.resolve(PeersSection.CHART));
            System.err.println("warning: chart " + PeersSection.CHART + " could not be drawn and is left out: " + e);
            return false;
        }
    }
}
