package org.gmmharness.report;

import java.util.Map;

import org.gmmharness.metrics.ModelDeviation;

/**
 * How far the backends' answers are from each other on the same fit.
 *
 * @param tolerance   the largest deviation accepted (see {@link #TOLERANCE})
 * @param byShape     per workload shape: per backend, its largest norm-wise relative deviation
 *                    from any other backend over weights, means, covariances and the lower bound
 */
public record Agreement(double tolerance, Map<String, Map<String, Double>> byShape) {

    /** Deviation accepted between backends: {@link ModelDeviation#BACKENDS_TOLERANCE}. */
    public static final double TOLERANCE = ModelDeviation.BACKENDS_TOLERANCE;

    /** @return the largest deviation of any backend on any workload */
    public double worst() {
        return byShape.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue)
                .max().orElse(0.0);
    }
}
