package org.gmmharness.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a CSV file's first row is a header, when the user has not said.
 *
 * <p>The rule never guesses: a first row whose cells all look numeric is data; one whose cells are
 * all text is a header; a row that mixes the two is refused, because either reading may be right (a
 * header with a numeric name such as {@code 2024}, or a data row with a mistyped number such as
 * {@code O.2} or a text column such as labels) and a wrong guess silently loses a row or a name.
 * Blank cells and spellings of a missing value ({@code NA}, {@code ?}, ...) count as neither.
 */
final class HeaderRow {

    /** At most this many cells of each kind are quoted in the message about a mixed row. */
    private static final int QUOTED = 4;

    private HeaderRow() {
    }

    /**
     * @param file  the file, for messages
     * @param first the first row's cells
     * @param line  the first row's 1-based line
     * @return whether the first row is a header
     * @throws IllegalArgumentException if the row mixes numbers and text, naming the cells of each
     *                                  kind and the options that decide
     */
    static boolean detect(Path file, String[] first, int line) {
        List<Integer> numeric = new ArrayList<>();
        List<Integer> text = new ArrayList<>();
        for (int j = 0; j < first.length; j++) {
            String cell = first[j];
            if (Cells.isMissing(cell)) {
                continue;
            }
            (Cells.looksNumeric(cell) ? numeric : text).add(j);
        }
        if (text.isEmpty()) {
            return false;
        }
        if (numeric.isEmpty()) {
            return true;
        }
        throw new IllegalArgumentException(file + ": line " + line
                + " mixes numbers and text, so whether it is a header cannot be told: "
                + quote(first, numeric) + (numeric.size() == 1 ? " looks" : " look") + " numeric and "
                + quote(first, text) + (text.size() == 1 ? " looks" : " look") + " like text: pass --header if line "
                + line + " is a header, or --no-header if it is data (after fixing any mistyped number; "
                + "a file without a header that has a text column, such as labels, needs --no-header).");
    }

    private static String quote(String[] cells, List<Integer> which) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < which.size() && k < QUOTED; k++) {
            if (k > 0) {
                s.append(", ");
            }
            int j = which.get(k);
            s.append('\'').append(cells[j]).append("' (index ").append(j).append(')');
        }
        if (which.size() > QUOTED) {
            s.append(" and ").append(which.size() - QUOTED).append(" more");
        }
        return s.toString();
    }
}
