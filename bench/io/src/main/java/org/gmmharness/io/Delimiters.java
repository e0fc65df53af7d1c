package org.gmmharness.io;

import java.nio.file.Path;

/**
 * Recognises a file split by another delimiter than the one it is read with, such as a
 * semicolon-separated file (what spreadsheets write in locales with a decimal comma) read as
 * comma-separated: every row is then one cell holding the other delimiter.
 */
final class Delimiters {

    /** Delimiters seen in data files, with their names for messages. */
    private static final char[] OTHERS = {';', '\t', ',', '|'};
    private static final String[] NAMES = {"semicolon", "tab", "comma", "pipe"};

    private Delimiters() {
    }

    /**
     * @param first     the file's first row
     * @param line      the first row's 1-based line
     * @param second    the second row, or null when the file has one row
     * @param delimiter the delimiter the file was read with
     * @throws IllegalArgumentException if the first row is one cell holding another delimiter, and
     *                                  the second row holds it too, naming it and the {@code --delimiter} to pass
     */
    static void check(Path file, String[] first, int line, String[] second, char delimiter) {
        if (first.length != 1) {
            return;
        }
        // The second row must hold it too: one column whose name has a ';' is fine if the data do not.
        // Its cell count is no clue, since a decimal comma splits a semicolon-separated row into cells.
        if (second == null) {
            second = first;
        }
        for (int k = 0; k < OTHERS.length; k++) {
            char other = OTHERS[k];
            if (other != delimiter && holds(first[0], other) && holdsAny(second, other)) {
                String name = CsvFormat.describe(other);
                throw new IllegalArgumentException(file + ": line " + line + ": the cells contain "
                        + name + ": the file looks " + NAMES[k] + "-separated: pass --delimiter "
                        + (other == '\t' ? "tab" : name) + ".");
            }
        }
    }

    private static boolean holdsAny(String[] cells, char c) {
        for (String cell : cells) {
            if (holds(cell, c)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether {@code cell} holds {@code c} other than as a decimal comma */
    private static boolean holds(String cell, char c) {
        return cell.indexOf(c) >= 0 && !(c == ',' && Cells.isDecimalComma(cell));
    }
}
