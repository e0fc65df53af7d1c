package org.gmmharness.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixtureModel;

/**
 * The readable summary {@code fit} prints: weights, means, covariances (in scikit-learn's shape
 * for the covariance type), converged, n_iter, lower bound, BIC, AIC and time. Scalars are printed
 * exactly, so they can be compared with the library's own values; matrices to six digits.
 *
 * <p>Covariances of more than {@value #SUMMARY_THRESHOLD} values are summarised as NumPy prints
 * such an array: the first and last {@value #EDGE_ITEMS} entries along each axis, "..." for the
 * rest. Printing them all (65,536 values at K=16, D=64) took longer than the fit itself, for a
 * wall of numbers no one reads; {@code --model-out} writes every value.
 */
final class ModelSummary {

    /** The label of the lower-bound line; tests look for it. */
    static final String LOWER_BOUND = "lower bound: ";

    /** NumPy's {@code printoptions} threshold: arrays of more values are summarised. */
    static final int SUMMARY_THRESHOLD = 1000;

    /** NumPy's {@code printoptions} edgeitems: entries kept at each end of a summarised axis. */
    static final int EDGE_ITEMS = 3;

    /** What a summarised row or block prints in place of the entries it leaves out. */
    static final String GAP = "...";

    private ModelSummary() {
    }

    static void print(PrintWriter out, GaussianMixtureModel model, List<String> columns, double bic, double aic,
                      long nanos) {
        int k = model.nComponents();
        int d = model.nFeatures();
        double[] weights = model.weights();
        double[][] means = model.means();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-11s%12s", "component", "weight"));
        for (String c : columns) {
            header.append(String.format(Locale.ROOT, "%12s", shorten(c)));
        }
        out.println("weights and means:");
        out.println("  " + header);
        for (int c = 0; c < k; c++) {
            out.println("  " + String.format(Locale.ROOT, "%-11d", c) + Text.cell(weights[c]) + Text.row(means[c]));
        }
        CovarianceType type = model.covarianceType();
        double[][] cov = model.covarianceBlocks();
        long values = (long) cov.length * cov[0].length;
        boolean summarise = values > SUMMARY_THRESHOLD;
        out.println("covariances (" + type.id() + ", shape " + shape(type, k, d) + ")"
                + (summarise ? ", summarised (--model-out writes all " + values + " values)" : "") + ":");
        switch (type) {
            case FULL:
                for (int c : shown(k, summarise)) {
                    if (c < 0) {
                        out.println("  " + GAP);
                        continue;
                    }
                    out.println("  component " + c + ":");
                    printSquare(out, cov[c], d, summarise);
                }
                break;
            case TIED:
                printSquare(out, cov[0], d, summarise);
                break;
            case DIAG:
                for (int c : shown(k, summarise)) {
                    out.println(c < 0 ? "  " + GAP : "  " + String.format(Locale.ROOT, "%-11d", c)
                            + row(cov[c], 0, d, summarise));
                }
                break;
            default:
                for (int c = 0; c < k; c++) {
                    out.println("  " + String.format(Locale.ROOT, "%-11d", c) + Text.cell(cov[c][0]));
                }
        }
        out.println("converged: " + model.converged());
        out.println("n_iter: " + model.nIter());
        out.println(LOWER_BOUND + Text.exact(model.lowerBound()));
        out.println("BIC: " + Text.exact(bic));
        out.println("AIC: " + Text.exact(aic));
        out.println("time: " + Text.millis(nanos) + " ms");
    }

    private static void printSquare(PrintWriter out, double[] block, int d, boolean summarise) {
        for (int i : shown(d, summarise)) {
            out.println("    " + (i < 0 ? GAP : row(block, i * d, d, summarise)));
        }
    }

    /** @return {@code values[from .. from+d)} as cells, the middle left out when summarised */
    private static String row(double[] values, int from, int d, boolean summarise) {
        if (!summarise || d <= 2 * EDGE_ITEMS) {
            return Text.row(java.util.Arrays.copyOfRange(values, from, from + d));
        }
        StringBuilder sb = new StringBuilder();
        for (int j : shown(d, summarise)) {
            sb.append(j < 0 ? "  " + GAP : Text.cell(values[from + j]));
        }
        return sb.toString();
    }

    /**
     * @return the indices 0..n−1 to print, and −1 where the summarised middle is left out: all of
     *         them unless {@code summarise} and n > 2·{@value #EDGE_ITEMS}
     */
    private static int[] shown(int n, boolean summarise) {
        if (!summarise || n <= 2 * EDGE_ITEMS) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        int[] idx = new int[2 * EDGE_ITEMS + 1];
        for (int e = 0; e < EDGE_ITEMS; e++) {
            idx[e] = e;
            idx[EDGE_ITEMS + 1 + e] = n - EDGE_ITEMS + e;
        }
        idx[EDGE_ITEMS] = -1;
        return idx;
    }

    private static String shape(CovarianceType type, int k, int d) {
        switch (type) {
            case FULL: return "(" + k + ", " + d + ", " + d + ")";
            case TIED: return "(" + d + ", " + d + ")";
            case DIAG: return "(" + k + ", " + d + ")";
            default: return "(" + k + ",)";
        }
    }

    private static String shorten(String name) {
        return name.length() <= 11 ? name : name.substring(0, 10) + "~";
    }
}
