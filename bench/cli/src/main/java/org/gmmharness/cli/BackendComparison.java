package org.gmmharness.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.metrics.ModelDeviation;

/**
 * The side-by-side table of {@code fit --backend all}: per backend the time, the iterations, the
 * lower bound, the largest norm-wise relative difference from the first backend over the weights,
 * means, covariances and lower bound, and whether that is within the backends' agreement tolerance
 * ({@link ModelDeviation#BACKENDS_TOLERANCE}).
 */
final class BackendComparison {

    /** One backend's fit. */
    record Run(String backend, GaussianMixtureModel model, long nanos) {
    }

    private BackendComparison() {
    }

    static void print(PrintWriter out, List<Run> runs) {
        Run ref = runs.get(0);
        out.println(String.format(Locale.ROOT, "%-14s%12s%8s%26s  %-14s  %s", "backend", "time (ms)", "n_iter",
                "lower bound", "rel. diff.", "verdict (from " + ref.backend() + ", tolerance "
                        + ModelDeviation.BACKENDS_TOLERANCE + ")"));
        for (Run r : runs) {
            double difference = ModelDeviation.between(r.model(), ref.model());
            out.println(String.format(Locale.ROOT, "%-14s%12s%8d%26s  %-14s  %s", r.backend(), Text.millis(r.nanos()),
                    r.model().nIter(), Text.exact(r.model().lowerBound()),
                    String.format(Locale.ROOT, "%.2e", difference), verdict(r, ref, difference)));
        }
    }

    private static String verdict(Run r, Run ref, double difference) {
        if (r == ref) {
            return "reference";
        }
        return difference <= ModelDeviation.BACKENDS_TOLERANCE ? "agrees" : "DIFFERS: more than the tolerance";
    }
}
