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
 */
final class ModelSummary {

    /** The label of the lower-bound line; tests look for it. */
    static final String LOWER_BOUND = "lower bound: ";

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
        out.println("covariances (" + type.id() + ", shape " + shape(type, k, d) + "):");
        switch (type) {
            case FULL:
                for (int c = 0; c < k; c++) {
                    out.println("  component " + c + ":");
                    printSquare(out, cov[c], d);
                }
                break;
            case TIED:
                printSquare(out, cov[0], d);
                break;
            case DIAG:
                for (int c = 0; c < k; c++) {
                    out.println("  " + String.format(Locale.ROOT, "%-11d", c) + Text.row(cov[c]));
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

    private static void printSquare(PrintWriter out, double[] block, int d) {
        for (int i = 0; i < d; i++) {
            double[] row = new double[d];
            System.arraycopy(block, i * d, row, 0, d);
            out.println("    " + Text.row(row));
        }
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
