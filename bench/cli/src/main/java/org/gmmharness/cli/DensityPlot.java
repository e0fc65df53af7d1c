package org.gmmharness.cli;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.CsvData;
import org.gmmharness.io.OutputFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builds the density picture of {@code plot} with XChart. XChart has no contour plot, so the
 * negative log-likelihood is evaluated on a fine grid (one {@code score_samples} call) and painted
 * as an image in {@link #LEVELS} filled levels, evenly spaced in log10(1 + NLL − min NLL) as the
 * seed notebooks' log-normalised contours; {@link DensityLayer} paints it under the data and means.
 */
final class DensityPlot {

    /** Grid points along each axis. */
    static final int GRID = 300;
    /** Filled levels of the colour scale. */
    static final int LEVELS = 14;

    private DensityPlot() {
    }

    static void write(Path file, GaussianMixtureModel model, CsvData data) throws IOException {
        double[][] x = data.values();
        double[][] means = model.means();
        double[] bounds = bounds(x, means);
        double[][] grid = new double[GRID * GRID][];
        for (int row = 0; row < GRID; row++) {
            double y = bounds[3] - (bounds[3] - bounds[2]) * row / (GRID - 1);
            for (int col = 0; col < GRID; col++) {
                grid[row * GRID + col] = new double[] {bounds[0] + (bounds[1] - bounds[0]) * col / (GRID - 1), y};
            }
        }
        double[] logLikelihood = model.scoreSamples(grid);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double ll : logLikelihood) {
            min = Math.min(min, -ll);
            max = Math.max(max, -ll);
        }
        double top = Math.log10(1 + max - min);
        BufferedImage image = new BufferedImage(GRID, GRID, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < grid.length; i++) {
            double level = top > 0 ? Math.floor(Math.log10(1 + (-logLikelihood[i]) - min) / top * LEVELS) : 0;
            double t = Math.min(LEVELS - 1, level) / (LEVELS - 1);
            image.setRGB(i % GRID, i / GRID, Viridis.color(t).getRGB());
        }

        XYChart chart = new XYChartBuilder().width(900).height(700)
                .title("Negative log-likelihood of " + model.nComponents() + " " + model.covarianceType().id()
                        + " components (log-spaced levels)")
                .xAxisTitle(data.columnNames().get(0)).yAxisTitle(data.columnNames().get(1)).build();
        XYStyler s = chart.getStyler();
        s.setLocale(Locale.ROOT);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setPlotContentSize(1.0);
        s.setXAxisMin(bounds[0]);
        s.setXAxisMax(bounds[1]);
        s.setYAxisMin(bounds[2]);
        s.setYAxisMax(bounds[3]);
        s.setPlotGridLinesVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendBackgroundColor(new Color(0xD0D0D0));
        XYSeries points = chart.addSeries("data (" + x.length + " rows)", column(x, 0), column(x, 1));
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(DensityLayer.POINT);
        XYSeries centres = chart.addSeries("component means", column(means, 0), column(means, 1));
        centres.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        centres.setMarker(SeriesMarkers.CROSS);
        centres.setMarkerColor(DensityLayer.MEAN);
        chart.addAnnotation(new DensityLayer(image, bounds, x, means, min, max));
        OutputFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** @return {xmin, xmax, ymin, ymax} around the data and means, with a 10% margin */
    static double[] bounds(double[][] x, double[][] means) {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (double[][] set : new double[][][] {x, means}) {
            for (double[] p : set) {
                b[0] = Math.min(b[0], p[0]);
                b[1] = Math.max(b[1], p[0]);
                b[2] = Math.min(b[2], p[1]);
                b[3] = Math.max(b[3], p[1]);
            }
        }
        for (int axis = 0; axis < 2; axis++) {
            double span = b[2 * axis + 1] - b[2 * axis];
            double margin = span > 0 ? 0.1 * span : Math.max(1.0, Math.abs(b[2 * axis]) * 0.1);
            b[2 * axis] -= margin;
            b[2 * axis + 1] += margin;
        }
        return b;
    }

    private static double[] column(double[][] a, int j) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i][j];
        }
        return out;
    }
}
