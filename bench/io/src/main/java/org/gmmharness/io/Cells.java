package org.gmmharness.io;

import java.util.Locale;
import java.util.Set;

/**
 * What a CSV cell holds, as far as reading numbers goes: a decimal number, a spelling of a missing
 * value, a non-finite value, or a number written with a decimal comma.
 *
 * <p>The checks scan the characters by hand rather than with {@link java.util.regex}: they run on
 * every cell of a file, and a regular expression match per cell is a large share of a CSV load.
 */
final class Cells {

    /**
     * Spellings of a missing value: pandas' default {@code na_values}, plus {@code ?} (as in the UCI
     * data sets) and {@code NONE}/{@code NAN}-style case variants. Compared in lower case.
     */
    private static final Set<String> MISSING = Set.of("", "#n/a", "#n/a n/a", "#na", "-1.#ind", "-1.#qnan",
            "-nan", "+nan", "1.#ind", "1.#qnan", "<na>", "n/a", "na", "null", "nan", "none", "?");

    private Cells() {
    }

    /**
     * @return whether {@code cell} is a decimal number as written in data files: an optional sign,
     *         digits with an optional decimal point (at least one digit), an optional exponent;
     *         the same cells as {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?}
     */
    static boolean isNumber(String cell) {
        return isNumber(cell, '.');
    }

    /** @return whether {@code cell} would be a number if its decimal comma were a point, as {@code 5,1} */
    static boolean isDecimalComma(String cell) {
        return cell.indexOf(',') >= 0 && isNumber(cell, ',');
    }

    private static boolean isNumber(String cell, char point) {
        int n = cell.length();
        int i = 0;
        if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(cell.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && cell.charAt(i) == point) {
            i++;
            while (i < n && isDigit(cell.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (cell.charAt(i) == 'e' || cell.charAt(i) == 'E')) {
            i++;
            if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(cell.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** @return whether {@code cell} is empty or spells a missing value ({@code NA}, {@code NULL}, {@code ?}, {@code nan}, ...) */
    static boolean isMissing(String cell) {
        // Only short cells can be a spelling; this keeps the lower-casing off ordinary numbers' path.
        return cell.length() <= 8 && MISSING.contains(cell.toLowerCase(Locale.ROOT));
    }

    /** @return whether {@code cell} spells infinity as numpy and pandas accept it: {@code inf}, {@code -Infinity}, ... */
    static boolean isInfinite(String cell) {
        String s = cell.toLowerCase(Locale.ROOT);
        if (s.startsWith("+") || s.startsWith("-")) {
            s = s.substring(1);
        }
        return s.equals("inf") || s.equals("infinity");
    }

    /** @return whether {@code cell} looks like a number, written well or not: header detection counts it as data */
    static boolean looksNumeric(String cell) {
        return isNumber(cell) || isInfinite(cell) || isDecimalComma(cell);
    }
}
