package org.gmmharness.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which CSV columns to read: header detection, and columns chosen by name or by 0-based index.
 *
 * <p>The first row is a header when it has a non-empty, non-numeric cell in a column where the
 * second row holds a number (a file of one row is a header when any of its cells is non-numeric).
 * A blank first cell is taken as a missing value, not as evidence of a header.
 */
final class ColumnSelection {

    /** A decimal number as written in data files: sign, digits, fraction, exponent. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Non-finite spellings that numpy and pandas accept; rejected with their own message. */
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private ColumnSelection() {
    }

    static boolean isNumber(String cell) {
        return NUMBER.matcher(cell).matches();
    }

    static boolean isNonFinite(String cell) {
        return NON_FINITE.matcher(cell).matches();
    }

    static boolean hasHeader(CsvRows rows) {
        String[] first = rows.cells.get(0);
        if (rows.size() == 1) {
            for (String cell : first) {
                if (!cell.isEmpty() && !isNumber(cell)) {
                    return true;
                }
            }
            return false;
        }
        String[] second = rows.cells.get(1);
        for (int j = 0; j < first.length && j < second.length; j++) {
            if (!first[j].isEmpty() && !isNumber(first[j]) && isNumber(second[j])) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param header    the header cells, or null when the file has none
     * @param width     number of columns (header cells, or cells of the first row)
     * @param requested names or 0-based indices, or null for every column
     * @param exclude   index of a column left out when {@code requested} is null (the labels), or −1
     * @return the chosen column indices, in the order requested
     * @throws IllegalArgumentException naming a column that does not exist, or one chosen twice
     */
    static int[] resolve(Path file, String[] header, int width, List<String> requested, int exclude) {
        List<Integer> out = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            for (int j = 0; j < width; j++) {
                if (j != exclude) {
                    out.add(j);
                }
            }
        } else {
            for (String name : requested) {
                int j = index(file, header, width, name);
                if (out.contains(j)) {
                    throw new IllegalArgumentException(file + ": column " + describe(header, j)
                            + " is chosen twice: name each column once.");
                }
                out.add(j);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file
                    + ": no data columns are left to read: choose some with --columns.");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the index of a column given by header name or 0-based index */
    static int index(Path file, String[] header, int width, String name) {
        String wanted = name.trim();
        if (header != null) {
            for (int j = 0; j < header.length; j++) {
                if (header[j].equals(wanted)) {
                    return j;
                }
            }
        }
        if (wanted.matches("\\d+")) {
            int j;
            try {
                j = Integer.parseInt(wanted);
            } catch (NumberFormatException e) {
                j = Integer.MAX_VALUE;
            }
            if (j < width) {
                return j;
            }
            throw new IllegalArgumentException(file + ": unknown column " + wanted + ": the file has " + width
                    + " column(s), indices 0 to " + (width - 1) + ".");
        }
        throw new IllegalArgumentException(file + ": unknown column '" + wanted + "': "
                + (header == null ? "the file has no header, so choose columns by 0-based index."
                        : "the columns are " + String.join(", ", header) + " (or give a 0-based index)."));
    }

    /** @return "'name' (index j)" with a header, "index j (no header)" without */
    static String describe(String[] header, int j) {
        if (header != null && j < header.length) {
            return "'" + header[j] + "' (index " + j + ")";
        }
        return "index " + j + (header == null ? " (no header)" : "");
    }
}
