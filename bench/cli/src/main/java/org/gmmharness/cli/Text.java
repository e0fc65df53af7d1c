package org.gmmharness.cli;

import java.util.Locale;

/** Number formatting for the readable outputs. */
final class Text {

    private Text() {
    }

    /** @return the exact value, as it reads back (for lower bounds, criteria, scores) */
    static String exact(double v) {
        return Double.toString(v);
    }

    /** @return a setting as typed, without exponent or trailing zeros (1e-6 as 0.000001, 4.0 as 4) */
    static String plain(double v) {
        return Double.isFinite(v) ? java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
                : Double.toString(v);
    }

    /**
     * @return six significant digits, right-aligned in 12 characters (for matrices), always after a
     *         space: a negative value with an exponent fills 12 characters on its own
     */
    static String cell(double v) {
        return String.format(Locale.ROOT, " %11.6g", v);
    }

    /** @return the values as aligned cells, each as {@link #cell} writes it */
    static String row(double[] values) {
        StringBuilder sb = new StringBuilder(values.length * 12);
        // One formatter for the row: String.format would look up the locale's symbols per cell,
        // which dominated printing the covariances of a model in 128 dimensions.
        java.util.Formatter f = new java.util.Formatter(sb, Locale.ROOT);
        for (double v : values) {
            f.format(" %11.6g", v);
        }
        return sb.toString();
    }

    /** @return milliseconds with one decimal */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
