package org.gmmharness.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Assertions with the norm-wise relative error described in {@link Tolerances}. */
public final class Compare {

    private Compare() {
    }

    /** @return max_i |actual_i − expected_i| / max_i |expected_i| (absolute when expected is all zero) */
    public static double normwiseError(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double scale = 0.0;
        double diff = 0.0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            if (expected[i] == actual[i]) {
                continue;
            }
            double delta = Math.abs(actual[i] - expected[i]);
            diff = Double.isNaN(delta) ? Double.POSITIVE_INFINITY : Math.max(diff, delta);
        }
        return scale == 0.0 ? diff : diff / scale;
    }

    /** Asserts a norm-wise relative error of at most {@code rtol}, naming the quantity on failure. */
    public static void close(String what, double[] expected, double[] actual, double rtol) {
        double error = normwiseError(expected, actual);
        if (!(error <= rtol)) {
            int worst = 0;
            double worstDelta = -1;
            for (int i = 0; i < expected.length; i++) {
                double delta = Math.abs(actual[i] - expected[i]);
                if (delta > worstDelta || Double.isNaN(delta)) {
                    worstDelta = delta;
                    worst = i;
                }
            }
            fail(what + ": norm-wise relative error " + error + " > " + rtol + " (worst at index " + worst
                    + ": expected " + expected[worst] + ", got " + actual[worst] + ")");
        }
    }

    /** Scalar form of {@link #close(String, double[], double[], double)}; equal infinities pass. */
    public static void close(String what, double expected, double actual, double rtol) {
        close(what, new double[] {expected}, new double[] {actual}, rtol);
    }

    /** @return the rows of a matrix concatenated */
    public static double[] flat(double[][] a) {
        int n = 0;
        for (double[] row : a) {
            n += row.length;
        }
        double[] out = new double[n];
        int o = 0;
        for (double[] row : a) {
            System.arraycopy(row, 0, out, o, row.length);
            o += row.length;
        }
        return out;
    }
}
