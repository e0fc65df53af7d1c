package org.gmmharness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gmmharness.workload.Workload;
import org.gmmharness.workload.Workloads;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart and saved as 800×500 PNG: the time per EM iteration of
 * every backend and scikit-learn on the standard workloads, the step breakdown per workload, and
 * the scaling of the time per iteration with N, D and K on log-log axes. Each backend keeps its
 * colour across charts; scikit-learn is always grey.
 */
public final class Charts {

    /** Width of every chart, pixels. */
    public static final int WIDTH = 800;
    /** Height of every chart, pixels. */
    public static final int HEIGHT = 500;
    /** The series name of the baseline. */
    public static final String SKLEARN = "scikit-learn";

    /** A bar chart switches to a logarithmic axis when its largest bar is this many times its smallest. */
    private static final double LOG_SPREAD = 20.0;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2)};
    private static final Color SKLEARN_COLOR = new Color(0x7f7f7f);
    private static final Color[] STEP_COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** @return the file name of the time-per-iteration chart */
    public static String iterationFile() {
        return "iteration-time.png";
    }

    /** @return the file name of {@code w}'s breakdown chart */
    public static String breakdownFile(Workload w) {
        return "breakdown-" + w.id().replaceAll("[^A-Za-z0-9-]", "_") + ".png";
    }

    /** @return the file name of a sweep's scaling chart */
    public static String scalingFile(Workloads.Sweep sweep) {
        return "scaling-" + sweep.name().toLowerCase(Locale.ROOT) + ".png";
    }

    /**
     * Draws every chart the summary has data for into {@code dir}.
     *
     * @param summary the figures to draw
     * @param dir     the report folder
     * @return the file names written, in the order the report shows them
     * @throws IOException if a file cannot be written
     */
    public static Set<String> writeAll(ReportSummary summary, Path dir) throws IOException {
        Set<String> written = new LinkedHashSet<>();
        if (summary.workloads().stream().anyMatch(r -> !r.backends().isEmpty())) {
            draw(() -> iterationChart(summary), dir, iterationFile(), written);
        }
        for (ReportSummary.BreakdownRow row : summary.breakdown()) {
            if (!row.backends().isEmpty()) {
                draw(() -> breakdownChart(summary, row), dir, breakdownFile(row.workload()), written);
            }
        }
        for (Workloads.Sweep sweep : Workloads.Sweep.values()) {
            draw(() -> scalingChart(summary, sweep), dir, scalingFile(sweep), written);
        }
        return written;
    }

    /**
     * Draws one chart. A chart the library refuses to draw is left out with a warning on stderr
     * rather than losing the whole report of a long run; the report then does not link it.
     */
    private static void draw(java.util.function.Supplier<Chart<?, ?>> chart, Path dir, String file,
                             Set<String> written) throws IOException {
        Path out = dir.resolve(file);
        try {
            Chart<?, ?> c = chart.get();
            if (c != null) {
                save(c, out);
                written.add(file);
            }
        } catch (RuntimeException e) {
            Files.deleteIfExists(out);
            System.err.println("warning: chart " + file + " could not be drawn and is left out: " + e);
        }
    }

    /** @return a grouped bar chart of ms per iteration per workload, one bar per backend and scikit-learn */
    public static CategoryChart iterationChart(ReportSummary summary) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Time per EM iteration (" + summary.profile() + " profile)")
                .xAxisTitle("Workload").yAxisTitle("ms per iteration").build();
        style(chart);
        List<String> ids = new ArrayList<>();
        summary.workloads().forEach(r -> ids.add(r.workload().id()));
        List<Double> all = new ArrayList<>();
        List<String> backends = summary.backends();
        for (int i = 0; i < backends.size(); i++) {
            String b = backends.get(i);
            List<Double> ys = new ArrayList<>();
            for (ReportSummary.WorkloadRow r : summary.workloads()) {
                ReportSummary.Figures f = r.backends().get(b);
                ys.add(f == null ? null : positive(f.msPerIter()));
            }
            all.addAll(ys);
            CategorySeries s = chart.addSeries(b, ids, ys);
            s.setFillColor(PALETTE[i % PALETTE.length]);
        }
        List<Double> sk = new ArrayList<>();
        summary.workloads().forEach(r -> sk.add(positive(r.sklearnMs())));
        if (sk.stream().anyMatch(v -> v != null)) {
            all.addAll(sk);
            chart.addSeries(SKLEARN, ids, sk).setFillColor(SKLEARN_COLOR);
        }
        if (spread(all) > LOG_SPREAD) {
            // bars start at the axis minimum, which XChart takes as 0 unless told otherwise
            logAxis(chart.getStyler(), false, min(all), max(all));
            chart.setYAxisTitle("ms per iteration (log scale)");
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        return chart;
    }

    /**
     * @return stacked bars of the E-step, M-step and precision-Cholesky times of each backend on one
     *         workload, and scikit-learn's E-step and M-step (its M-step includes its Cholesky)
     */
    public static CategoryChart breakdownChart(ReportSummary summary, ReportSummary.BreakdownRow row) {
        Workload w = row.workload();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Step times, " + w.id() + " (" + w.shape() + ")")
                .xAxisTitle("Backend").yAxisTitle("ms per call").build();
        style(chart);
        chart.getStyler().setStacked(true);
        chart.getStyler().setYAxisMin(0.0);
        List<String> names = new ArrayList<>(row.backends().keySet());
        boolean withSklearn = Double.isFinite(row.sklearnEStepMs()) || Double.isFinite(row.sklearnMStepMs());
        if (withSklearn) {
            names.add(SKLEARN + " (M incl. Cholesky)");
        }
        List<Double> e = new ArrayList<>();
        List<Double> m = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        for (Map.Entry<String, ReportSummary.StepTimes> t : row.backends().entrySet()) {
            e.add(orZero(t.getValue().eStepMs()));
            m.add(orZero(t.getValue().mStepMs()));
            c.add(orZero(t.getValue().choleskyMs()));
        }
        if (withSklearn) {
            e.add(orZero(row.sklearnEStepMs()));
            m.add(orZero(row.sklearnMStepMs()));
            c.add(0.0);
        }
        chart.addSeries("E-step", names, e).setFillColor(STEP_COLORS[0]);
        chart.addSeries("M-step", names, m).setFillColor(STEP_COLORS[1]);
        chart.addSeries("precision Cholesky", names, c).setFillColor(STEP_COLORS[2]);
        return chart;
    }

    /**
     * @return time per iteration against the swept parameter on log-log axes, one line per backend
     *         and one for scikit-learn; null when the sweep has fewer than two points with data
     */
    public static XYChart scalingChart(ReportSummary summary, Workloads.Sweep sweep) {
        List<ReportSummary.SweepPoint> points = summary.sweep(sweep);
        if (points.stream().map(ReportSummary.SweepPoint::value).distinct().count() < 2) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Time per EM iteration against " + sweep.name() + " (" + fixed(sweep) + ", full)")
                .xAxisTitle(axisTitle(sweep)).yAxisTitle("ms per iteration").build();
        style(chart);
        chart.getStyler().setMarkerSize(9);
        int lines = 0;
        List<String> backends = summary.backends();
        for (int i = 0; i < backends.size(); i++) {
            String b = backends.get(i);
            XYSeries s = line(chart, b, points, p -> p.backendMs().getOrDefault(b, Double.NaN));
            if (s != null) {
                s.setLineColor(PALETTE[i % PALETTE.length]);
                s.setMarkerColor(PALETTE[i % PALETTE.length]);
                lines++;
            }
        }
        XYSeries s = line(chart, SKLEARN, points, ReportSummary.SweepPoint::sklearnMs);
        if (s != null) {
            s.setLineColor(SKLEARN_COLOR);
            s.setMarkerColor(SKLEARN_COLOR);
            s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {8f, 5f}, 0f));
            lines++;
        }
        if (lines == 0) {
            return null;
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        chart.getSeriesMap().values().forEach(series -> {
            Arrays.stream(series.getXData()).forEach(xs::add);
            Arrays.stream(series.getYData()).forEach(ys::add);
        });
        logAxis(chart.getStyler(), true, min(xs), max(xs));
        logAxis(chart.getStyler(), false, min(ys), max(ys));
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, List<ReportSummary.SweepPoint> points,
                                 java.util.function.ToDoubleFunction<ReportSummary.SweepPoint> y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        points.stream().sorted((a, b) -> Integer.compare(a.value(), b.value())).forEach(p -> {
            double v = y.applyAsDouble(p);
            if (Double.isFinite(v) && v > 0) {
                xs.add((double) p.value());
                ys.add(v);
            }
        });
        if (xs.isEmpty()) {
            return null;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2.5f));
        return s;
    }

    private static String axisTitle(Workloads.Sweep sweep) {
        switch (sweep) {
            case N:
                return "N, samples (log scale)";
            case D:
                return "D, features (log scale)";
            default:
                return "K, components (log scale)";
        }
    }

    private static String fixed(Workloads.Sweep sweep) {
        Workload w1 = Workloads.W1;
        switch (sweep) {
            case N:
                return "D=" + w1.d() + ", K=" + w1.k();
            case D:
                return "N=" + w1.n() + ", K=" + w1.k();
            default:
                return "N=" + w1.n() + ", D=" + w1.d();
        }
    }

    /** Fonts large enough to read at the chart's size, white background, legend below the plot. */
    static void style(Chart<? extends AxesChartStyler, ?> chart) {
        AxesChartStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(false);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setLocale(Locale.ROOT);
        st.setDecimalPattern("#,##0.###");
        st.setChartPadding(12);
    }

    /** Writes {@code chart} to {@code file} as PNG. */
    static void save(Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /**
     * Makes an axis logarithmic over data from {@code min} to {@code max}. Across a decade or more,
     * only decades are labelled (XChart labels every 1…9 otherwise, and they overlap) and the axis
     * runs from the decade below the data to the decade above, so at least two labels show; within
     * less than a decade, every 1…9 step is labelled and the axis fits the data.
     */
    static void logAxis(AxesChartStyler st, boolean x, double min, double max) {
        boolean decades = max / min >= 10.0;
        double lo = decades ? Math.pow(10, Math.floor(Math.log10(min))) : min / 1.15;
        double hi = decades ? Math.pow(10, Math.ceil(Math.log10(max))) : max * 1.15;
        if (x) {
            st.setXAxisLogarithmic(true);
            st.setXAxisLogarithmicDecadeOnly(decades);
            st.setXAxisMin(lo);
            st.setXAxisMax(hi);
        } else {
            st.setYAxisLogarithmic(true);
            st.setYAxisLogarithmicDecadeOnly(decades);
            st.setYAxisMin(lo);
            st.setYAxisMax(hi);
        }
    }

    private static Double positive(double v) {
        return Double.isFinite(v) && v > 0 ? v : null;
    }

    private static double orZero(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }

    private static double min(List<Double> values) {
        return values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).min().orElse(1.0);
    }

    private static double max(List<Double> values) {
        return values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(1.0);
    }

    private static double spread(List<Double> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Double v : values) {
            if (v != null) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max > 0 ? max / min : 1.0;
    }
}
