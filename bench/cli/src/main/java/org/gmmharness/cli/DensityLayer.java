package org.gmmharness.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Paints the density image of {@link DensityPlot} into the plot area of an XChart XY chart, in data
 * coordinates, then the data points and the component means on top of it, and a small colour bar.
 * XChart paints annotations after its series, so the points are painted here again, in the colours
 * of their legend entries.
 */
final class DensityLayer extends Annotation {

    /** Fill colour of the data points. */
    static final Color POINT = new Color(255, 255, 255);
    /** Colour of the means' crosses. */
    static final Color MEAN = new Color(230, 30, 30);

    private final BufferedImage image;
    private final double[] bounds;
    private final double[][] points;
    private final double[][] means;
    private final double minNll;
    private final double maxNll;

    DensityLayer(BufferedImage image, double[] bounds, double[][] points, double[][] means, double minNll,
                 double maxNll) {
        super(false);
        this.image = image;
        this.bounds = bounds.clone();
        this.points = points;
        this.means = means;
        this.minNll = minNll;
        this.maxNll = maxNll;
    }

    @Override
    public void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int x0 = getXAxisScreenValue(bounds[0]);
        int x1 = getXAxisScreenValue(bounds[1]);
        int y0 = getYAxisScreenValue(bounds[2]);
        int y1 = getYAxisScreenValue(bounds[3]);
        g.drawImage(image, x0, y1, x1 - x0, y0 - y1, null);
        for (double[] p : points) {
            int x = getXAxisScreenValue(p[0]);
            int y = getYAxisScreenValue(p[1]);
            g.setColor(POINT);
            g.fillOval(x - 3, y - 3, 7, 7);
            g.setColor(Color.BLACK);
            g.drawOval(x - 3, y - 3, 7, 7);
        }
        g.setStroke(new BasicStroke(3f));
        for (double[] m : means) {
            int x = getXAxisScreenValue(m[0]);
            int y = getYAxisScreenValue(m[1]);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(5f));
            g.drawLine(x - 8, y - 8, x + 8, y + 8);
            g.drawLine(x - 8, y + 8, x + 8, y - 8);
            g.setColor(MEAN);
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x - 8, y - 8, x + 8, y + 8);
            g.drawLine(x - 8, y + 8, x + 8, y - 8);
        }
        paintColourBar(g, x1 + 24, (y0 + y1) / 2 + 60);
    }

    /** A vertical bar right of the plot, under the legend: dark = low NLL (likely), yellow = high. */
    private void paintColourBar(Graphics2D g, int x, int y) {
        int w = 14;
        int h = 140;
        for (int i = 0; i < h; i++) {
            double t = Math.floor((1.0 - (double) i / (h - 1)) * DensityPlot.LEVELS) / DensityPlot.LEVELS;
            g.setColor(Viridis.color(t * DensityPlot.LEVELS / (DensityPlot.LEVELS - 1)));
            g.fillRect(x, y + i, w, 1);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "%.3g", maxNll), x + w + 4, y + 9);
        g.drawString(String.format(Locale.ROOT, "%.3g", minNll), x + w + 4, y + h);
        g.drawString("-log p(x)", x - 2, y + h + 16);
    }
}
