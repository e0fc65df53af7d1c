package org.gmmharness.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.gmmharness.em.GaussianMixtureModel;

/**
 * The side-by-side table of {@code fit --backend all}: per backend the time, the iterations, the
 * lower bound and the largest absolute difference from the first backend over the weights, means,
 * covariances and lower bound.
 */
final class BackendComparison {

    /** One backend's fit. */
    record Run(String backend, GaussianMixtureModel model, long nanos) {
    }

    private BackendComparison() {
    }

    static void print(PrintWriter out, List<Run> runs) {
        Run ref = runs.get(0);
        out.println(String.format(Locale.ROOT, "%-14s%12s%8s%26s  %s", "backend", "time (ms)", "n_iter", "lower bound",
                "largest difference from " + ref.backend()));
        for (Run r : runs) {
            out.println(String.format(Locale.ROOT, "%-14s%12s%8d%26s  %s", r.backend(), Text.millis(r.nanos()),
                    r.model().nIter(), Text.exact(r.model().lowerBound()),
                    Text.exact(largestDifference(ref.model(), r.model()))));
        }
    }

    /** @return max |a − b| over weights, means, covariances and lower bound */
    static double largestDifference(GaussianMixtureModel a, GaussianMixtureModel b) {
        double m = Math.abs(a.lowerBound() - b.lowerBound());
        if (Double.isNaN(m)) {
            m = a.lowerBound() == b.lowerBound() ? 0.0 : Double.POSITIVE_INFINITY;
        }
        m = Math.max(m, max(a.weights(), b.weights()));
        m = Math.max(m, max(a.means(), b.means()));
        return Math.max(m, max(a.covarianceBlocks(), b.covarianceBlocks()));
    }

    private static double max(double[][] a, double[][] b) {
        double m = 0.0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, max(a[i], b[i]));
        }
        return m;
    }

    private static double max(double[] a, double[] b) {
        double m = 0.0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
