package org.gmmharness.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which CSV columns to read: columns chosen by header name or by 0-based index, and the header's
 * names checked for ambiguity.
 */
final class ColumnSelection {

    private ColumnSelection() {
    }

    /**
     * @param header the header cells
     * @param line   the header's 1-based line
     * @throws IllegalArgumentException if two columns have the same non-blank name, naming it and
     *                                  both indices: choosing either by name would be ambiguous
     */
    static void checkUnique(Path file, String[] header, int line) {
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < header.length; j++) {
            // Blank names (such as pandas' unnamed index column) cannot be chosen by name anyway.
            if (header[j].isEmpty()) {
                continue;
            }
            Integer before = seen.putIfAbsent(header[j], j);
            if (before != null) {
                throw new IllegalArgumentException(file + ": line " + line + ": the header names two columns '"
                        + header[j] + "' (indices " + before + " and " + j + "), so choosing '" + header[j]
                        + "' is ambiguous: rename one of them.");
            }
        }
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
