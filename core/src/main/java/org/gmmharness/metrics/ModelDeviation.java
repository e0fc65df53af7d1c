package org.gmmharness.metrics;

import org.gmmharness.em.GaussianMixtureModel;

/**
 * How far one fitted mixture is from another: the largest norm-wise relative deviation over every
 * fitted quantity. The command line's {@code fit --backend all} table and the benchmark report's
 * agreement check compare backends with it, against {@link #BACKENDS_TOLERANCE}.
 */
public final class ModelDeviation {

    /**
     * Deviation accepted between backends after a few EM iterations from the same start. The
     * parity suite holds each backend to 1e-10 against scikit-learn on its fixtures; on the larger
     * benchmark data, sums over up to 10⁶ samples in each backend's own order differ by about
     * 1e-13 relative per step, which EM carries from iteration to iteration.
     */
    public static final double BACKENDS_TOLERANCE = 1e-8;

    private ModelDeviation() {
    }

    /**
     * @return the largest norm-wise relative deviation of {@code a} from {@code b} over every fitted
     *         quantity (weights, means, covariances, lower bound; equal lower bounds, −∞ after
     *         max_iter = 0 included, deviate by 0)
     */
    public static double between(GaussianMixtureModel a, GaussianMixtureModel b) {
        double d = relative(a.weights(), b.weights());
        d = Math.max(d, relative(a.means(), b.means()));
        d = Math.max(d, relative(a.covarianceBlocks(), b.covarianceBlocks()));
        if (a.lowerBound() == b.lowerBound()) {
            return d;
        }
        return Math.max(d, relative(new double[] {a.lowerBound()}, new double[] {b.lowerBound()}));
    }

    /**
     * @return max|a−b| / max|b| over matching rows (0 when equal); +Infinity if the shapes differ,
     *         a difference is NaN, or b is all zeros while a is not
     */
    public static double relative(double[][] a, double[][] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                return Double.POSITIVE_INFINITY;
            }
            for (int j = 0; j < a[i].length; j++) {
                double delta = Math.abs(a[i][j] - b[i][j]);
                if (Double.isNaN(delta)) {
                    return Double.POSITIVE_INFINITY;
                }
                diff = Math.max(diff, delta);
                scale = Math.max(scale, Math.abs(b[i][j]));
            }
        }
        if (diff == 0) {
            return 0.0;
        }
        return scale == 0 ? Double.POSITIVE_INFINITY : diff / scale;
    }

    /** @return max|a−b| / max|b| */
    static double relative(double[] a, double[] b) {
        return relative(new double[][] {a}, new double[][] {b});
    }
}
