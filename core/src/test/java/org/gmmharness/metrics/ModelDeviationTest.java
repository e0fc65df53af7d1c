package org.gmmharness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The norm-wise relative deviation that backends are compared by. */
class ModelDeviationTest {

    @Test
    void deviationIsTheLargestDifferenceOverTheLargestMagnitude() {
        assertEquals(0.5 / 4.0, ModelDeviation.relative(new double[] {1.0, 4.5}, new double[] {1.0, 4.0}), 1e-15);
        assertEquals(0.0, ModelDeviation.relative(new double[] {0.0}, new double[] {0.0}));
        assertEquals(Double.POSITIVE_INFINITY, ModelDeviation.relative(new double[] {Double.NaN}, new double[] {1}));
        assertEquals(Double.POSITIVE_INFINITY, ModelDeviation.relative(new double[] {1, 2}, new double[] {1}));
    }
}
