package org.gmmharness.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How the report prints numbers, in one place so that report.md, the tests and anything else that
 * quotes a figure print it the same way. Always {@link Locale#ROOT}; a missing value (NaN) prints
 * as an em dash.
 */
final class Fmt {

    /** What a missing value prints as. */
    static final String MISSING = "—";

    private Fmt() {
    }

    /**
     * @return {@code x} to {@code digits} significant digits, trailing zeros kept ({@code 40.0}),
     *         without exponent; whole numbers at or above 10^digits
     */
    static String sig(double x, int digits) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? MISSING : (x > 0 ? "∞" : "−∞");
        }
        if (x == 0.0) {
            return "0";
        }
        if (Math.abs(x) >= Math.pow(10, digits)) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(digits));
        int scale = digits - 1 - (rounded.precision() - rounded.scale() - 1);
        return rounded.setScale(Math.max(scale, 0), RoundingMode.HALF_EVEN).toPlainString();
    }

    /** @return a time in ms, three significant digits */
    static String ms(double x) {
        return sig(x, 3);
    }

    /** @return an error bound in ms, two significant digits */
    static String error(double x) {
        return sig(x, 2);
    }

    /** @return a ratio to scikit-learn, three significant digits, like {@code 3.21×} or {@code 0.187×} */
    static String ratio(double x) {
        return Double.isFinite(x) ? sig(x, 3) + "×" : MISSING;
    }

    /** @return GFLOP/s, three significant digits */
    static String gflops(double x) {
        return sig(x, 3);
    }

    /** @return a percentage: one decimal from 1 % up ({@code 12.5 %}), two significant digits below ({@code 0.031 %}) */
    static String percent(double x) {
        if (!Double.isFinite(x)) {
            return MISSING;
        }
        return (Math.abs(x) >= 1 ? String.format(Locale.ROOT, "%.1f", x) : sig(x, 2)) + " %";
    }

    /** @return bytes: whole bytes with thousands separators from 10 up, two significant digits below */
    static String bytes(double x) {
        if (Double.isFinite(x) && Math.abs(x) >= 10) {
            return String.format(Locale.ROOT, "%,.0f", x);
        }
        return sig(x, 2);
    }

    /** @return bytes as MiB (2^20 bytes), three significant digits, like {@code 612 MiB}; the em dash when missing */
    static String mebibytes(double bytes) {
        return Double.isFinite(bytes) ? sig(bytes / 1048576.0, 3) + " MiB" : MISSING;
    }

    /** @return a time in seconds from ms, three significant digits, like {@code 1.23 s} */
    static String seconds(double ms) {
        return Double.isFinite(ms) ? sig(ms / 1000.0, 3) + " s" : MISSING;
    }

    /** @return a relative deviation in scientific notation, like {@code 1.23e-14} */
    static String deviation(double x) {
        if (Double.isNaN(x)) {
            return MISSING;
        }
        if (Double.isInfinite(x)) {
            return "∞ (fit failed)";
        }
        return x == 0.0 ? "0" : String.format(Locale.ROOT, "%.2e", x);
    }
}
