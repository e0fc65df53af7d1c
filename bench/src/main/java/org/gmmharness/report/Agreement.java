package org.gmmharness.report;

import java.util.Map;

/**
 * How far the backends' answers are from each other on the same fit.
 *
 * @param tolerance   the largest deviation accepted (see {@link #TOLERANCE})
 * @param byShape     per workload shape: per backend, its largest norm-wise relative deviation
 *                    from any other backend over weights, means, covariances and the lower bound
 */
public record Agreement(double tolerance, Map<String, Map<String, Double>> byShape) {

    /**
     * Deviation accepted between backends after a few EM iterations from the same start. The
     * parity suite holds each backend to 1e-10 against scikit-learn on its fixtures; on the larger
     * benchmark data, sums over up to 10⁶ samples in each backend's own order differ by about
     * 1e-13 relative per step, which EM carries from iteration to iteration.
     */
    public static final double TOLERANCE = 1e-8;

    /** @return the largest deviation of any backend on any workload */
    public double worst() {
        return byShape.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue)
                .max().orElse(0.0);
    }
}
