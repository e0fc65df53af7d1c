package org.gmmharness.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numeric data read from a CSV file, with or without a header (detected, see
 * {@link #read(Path, List, String)}), plus an optional column of labels kept as text.
 *
 * <p>Every cell of a chosen column must hold a finite decimal number; a missing or non-numeric cell
 * is rejected with an {@link IllegalArgumentException} naming the file, the 1-based line (counting
 * the header) and the column by name and 0-based index.
 */
public final class CsvData {

    private final Path file;
    private final boolean header;
    private final List<String> columnNames;
    private final double[][] values;
    private final int[] lines;
    private final String[] labels;

    private CsvData(Path file, boolean header, List<String> columnNames, double[][] values, int[] lines,
                    String[] labels) {
        this.file = file;
        this.header = header;
        this.columnNames = Collections.unmodifiableList(columnNames);
        this.values = values;
        this.lines = lines;
        this.labels = labels;
    }

    /**
     * Reads a CSV file. The first row is taken as a header when it has a non-numeric cell above a
     * numeric one in the second row.
     *
     * @param file         the CSV file
     * @param columns      the columns to read, each a header name or a 0-based index; null or
     *                     empty for every column except {@code labelsColumn}
     * @param labelsColumn a column to keep as text labels (name or index), or null
     * @return the data, rows in file order
     * @throws IllegalArgumentException if the file is missing, empty, not CSV, names an unknown
     *                                  column, or has a missing or non-numeric cell; the message
     *                                  says where
     * @throws IOException              if reading fails otherwise
     */
    public static CsvData read(Path file, List<String> columns, String labelsColumn) throws IOException {
        CsvRows rows = CsvRows.read(file);
        if (rows.size() == 0) {
            throw new IllegalArgumentException(file + ": the file is empty: give one sample per row, "
                    + "one feature per column.");
        }
        boolean header = ColumnSelection.hasHeader(rows);
        String[] names = header ? rows.cells.get(0) : null;
        int width = rows.cells.get(0).length;
        int first = header ? 1 : 0;
        if (rows.size() == first) {
            throw new IllegalArgumentException(file + ": the file has a header but no data rows.");
        }
        int labelIndex = labelsColumn == null ? -1 : ColumnSelection.index(file, names, width, labelsColumn);
        int[] chosen = ColumnSelection.resolve(file, names, width, columns, labelIndex);

        int n = rows.size() - first;
        double[][] values = new double[n][chosen.length];
        int[] lines = new int[n];
        String[] labels = labelIndex < 0 ? null : new String[n];
        for (int i = 0; i < n; i++) {
            String[] cells = rows.cells.get(first + i);
            int line = rows.lines.get(first + i);
            lines[i] = line;
            if (cells.length > width) {
                throw new IllegalArgumentException(file + ": line " + line + " has " + cells.length
                        + " cells but the " + (header ? "header" : "first row") + " has " + width
                        + ": give every row the same columns.");
            }
            for (int c = 0; c < chosen.length; c++) {
                values[i][c] = number(file, names, cells, chosen[c], line);
            }
            if (labels != null) {
                String label = labelIndex < cells.length ? cells[labelIndex] : "";
                if (label.isEmpty()) {
                    throw new IllegalArgumentException(file + ": line " + line + ", column "
                            + ColumnSelection.describe(names, labelIndex) + ": missing label.");
                }
                labels[i] = label;
            }
        }
        List<String> chosenNames = new ArrayList<>();
        for (int j : chosen) {
            chosenNames.add(header && j < names.length ? names[j] : String.valueOf(j));
        }
        return new CsvData(file, header, chosenNames, values, lines, labels);
    }

    private static double number(Path file, String[] names, String[] cells, int column, int line) {
        String cell = column < cells.length ? cells[column] : "";
        String where = file + ": line " + line + ", column " + ColumnSelection.describe(names, column) + ": ";
        if (cell.isEmpty()) {
            throw new IllegalArgumentException(where + "missing value: fill it in or remove the row.");
        }
        if (ColumnSelection.isNonFinite(cell)) {
            throw new IllegalArgumentException(where + "'" + cell + "' is not a finite number: remove or impute it.");
        }
        if (!ColumnSelection.isNumber(cell)) {
            throw new IllegalArgumentException(where + "non-numeric value '" + cell
                    + "': choose numeric columns with --columns.");
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + "'" + cell + "' overflows a double: rescale the data.");
        }
        return v;
    }

    /** @return the file read */
    public Path file() {
        return file;
    }

    /** @return whether the file's first row was taken as a header */
    public boolean hasHeader() {
        return header;
    }

    /** @return the chosen columns' header names, or their indices as text when there is no header */
    public List<String> columnNames() {
        return columnNames;
    }

    /** @return N×D values, one row per data row of the file; a copy */
    public double[][] values() {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].clone();
        }
        return out;
    }

    /** @return the number of data rows */
    public int rows() {
        return values.length;
    }

    /** @return the number of chosen columns */
    public int columns() {
        return columnNames.size();
    }

    /** @return the 1-based file line of each data row (counting the header) */
    public int[] lines() {
        return lines.clone();
    }

    /** @return the labels column as text, or null when none was asked for */
    public String[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** @return the labels as integers 0, 1, ... in order of first appearance, or null */
    public int[] labelCodes() {
        if (labels == null) {
            return null;
        }
        Map<String, Integer> codes = new HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = codes.computeIfAbsent(labels[i], key -> codes.size());
        }
        return out;
    }
}
