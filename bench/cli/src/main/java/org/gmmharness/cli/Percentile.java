package org.gmmharness.cli;

import java.util.Arrays;

/** numpy's {@code percentile} with its default {@code method="linear"}. */
final class Percentile {

    private Percentile() {
    }

    /**
     * @param values at least one value, no NaN
     * @param p      the percentile, in [0, 100]
     * @return the value below which {@code p} percent of {@code values} lie, interpolated linearly
     *         between the two nearest sorted values as numpy does (including its {@code _lerp},
     *         which interpolates from the upper value when the fraction is at least 1/2)
     */
    static double of(double[] values, double p) {
        double[] a = values.clone();
        Arrays.sort(a);
        double virtual = (a.length - 1) * (p / 100.0);
        int below = (int) Math.floor(virtual);
        below = Math.max(0, Math.min(a.length - 1, below));
        int above = Math.min(a.length - 1, below + 1);
        double gamma = virtual - Math.floor(virtual);
        double lo = a[below];
        double hi = a[above];
        double diff = hi - lo;
        return gamma >= 0.5 ? hi - diff * (1 - gamma) : lo + diff * gamma;
    }
}
