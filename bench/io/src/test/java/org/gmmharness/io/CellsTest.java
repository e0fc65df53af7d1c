package org.gmmharness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The hand-written cell scanners accept exactly what the regular expressions they replace accept. */
class CellsTest {

    /** The pattern {@link Cells#isNumber} replaced: what the CSV reader has always taken as a number. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?(\\d+,?\\d*|,\\d+)([eE][+-]?\\d+)?");

    /** Every string up to {@code length} characters over an alphabet of what numbers are made of, and more. */
    private static List<String> strings(int length) {
        char[] alphabet = {'0', '7', '+', '-', '.', ',', 'e', 'E', 'x', ' ', '\u0663'};
        List<String> out = new ArrayList<>(List.of(""));
        List<String> last = List.of("");
        for (int n = 1; n <= length; n++) {
            List<String> next = new ArrayList<>();
            for (String s : last) {
                for (char c : alphabet) {
                    next.add(s + c);
                }
            }
            out.addAll(next);
            last = next;
        }
        return out;
    }

    @Test
    void isNumberMatchesThePatternOnEveryShortString() {
        int numbers = 0;
        for (String s : strings(5)) {
            assertEquals(NUMBER.matcher(s).matches(), Cells.isNumber(s), "'" + s + "'");
            if (Cells.isNumber(s)) {
                numbers++;
            }
        }
        assertTrue(numbers > 500, "the alphabet makes many numbers: " + numbers);
    }

    @Test
    void decimalCommaIsANumberWithACommaForItsPoint() {
        for (String s : strings(5)) {
            boolean expected = s.indexOf(',') >= 0 && DECIMAL_COMMA.matcher(s).matches();
            assertEquals(expected, Cells.isDecimalComma(s), "'" + s + "'");
        }
    }

    @Test
    void missingAndInfiniteSpellings() {
        for (String s : List.of("", "NA", "na", "N/A", "n/a", "#N/A", "NULL", "null", "None", "?", "nan", "NaN",
                "-nan", "<NA>")) {
            assertTrue(Cells.isMissing(s), s);
        }
        for (String s : List.of("0", "N", "NAN1", "inf", "missing", "-")) {
            assertFalse(Cells.isMissing(s), s);
        }
        for (String s : List.of("inf", "-inf", "+Inf", "Infinity", "-INFINITY")) {
            assertTrue(Cells.isInfinite(s), s);
        }
        for (String s : List.of("in", "infinit", "1", "--inf")) {
            assertFalse(Cells.isInfinite(s), s);
        }
    }
}
