package org.gmmharness.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.io.OutputFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of {@code select}: BIC (solid) and AIC (dashed) against k, one colour per covariance
 * type, drawn with XChart and written as SVG or PNG by the file's extension.
 */
final class CriterionChart {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728)};

    private CriterionChart() {
    }

    static void write(Path file, List<CovarianceType> types, int maxK, List<SelectCommand.Candidate> candidates)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Information criteria against k")
                .xAxisTitle("number of components k").yAxisTitle("criterion (lower is better)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setXAxisMin(0.8);
        chart.getStyler().setXAxisMax(maxK + 0.2);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        for (int t = 0; t < types.size(); t++) {
            CovarianceType type = types.get(t);
            for (Criterion criterion : Criterion.values()) {
                List<Double> ks = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                for (SelectCommand.Candidate c : candidates) {
                    if (c.type == type && c.failure == null) {
                        ks.add((double) c.k);
                        values.add(c.value(criterion));
                    }
                }
                if (ks.isEmpty()) {
                    continue;
                }
                XYSeries s = chart.addSeries(criterion.name() + " " + type.id(), ks, values);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setLineColor(COLORS[t % COLORS.length]);
                s.setMarkerColor(COLORS[t % COLORS.length]);
                s.setMarker(criterion == Criterion.BIC ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                s.setLineStyle(criterion == Criterion.BIC ? new BasicStroke(2f)
                        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                                0f));
            }
        }
        boolean svg = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        OutputFiles.write(file, out -> {
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
