package org.gmmharness.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numeric data read from a CSV file, with or without a header (given, or detected: see
 * {@link #read(Path, List, String, CsvFormat)}), plus an optional column of labels kept as text.
 *
 * <p>Every cell of a chosen column must hold a finite decimal number written with a decimal point;
 * a missing or non-numeric cell is rejected with an {@link IllegalArgumentException} naming the
 * file, the 1-based line (counting the header) and the column by name and 0-based index, and
 * saying what the cell is (a missing value, a decimal comma, ...) and what to do.
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
     * Reads a comma-separated CSV file whose header is detected: the same as
     * {@link #read(Path, List, String, CsvFormat)} with {@link CsvFormat#DEFAULT}.
     */
    public static CsvData read(Path file, List<String> columns, String labelsColumn) throws IOException {
        return read(file, columns, labelsColumn, CsvFormat.DEFAULT);
    }

    /**
     * Reads a CSV file.
     *
     * <p>When {@code format} leaves the header to be detected, the first row is data if all its
     * cells look numeric, a header if all are text, and refused if it mixes the two (say which
     * with {@link CsvFormat.Header#PRESENT} or {@link CsvFormat.Header#ABSENT}); blank cells and
     * missing-value spellings such as {@code NA} count as neither.
     *
     * @param file         the CSV file, UTF-8 text
     * @param columns      the columns to read, each a header name or a 0-based index; null or
     *                     empty for every column except {@code labelsColumn}
     * @param labelsColumn a column to keep as text labels (name or index), or null
     * @param format       the delimiter and whether the first row is a header
     * @return the data, rows in file order
     * @throws IllegalArgumentException if the file is missing, unreadable, a folder, not UTF-8 text,
     *                                  empty, not CSV, seemingly split by another delimiter, has a
     *                                  first row that mixes numbers and text (header detected),
     *                                  names a column twice in its header, names an unknown column,
     *                                  or has a missing or non-numeric cell; the one-line message
     *                                  names the file, says where and what to do
     * @throws IOException              if reading fails otherwise
     */
    public static CsvData read(Path file, List<String> columns, String labelsColumn, CsvFormat format)
            throws IOException {
        return read(file, format, ColumnChoice.of(columns), labelsColumn);
    }

    /**
     * Reads a CSV file as {@link #read(Path, List, String, CsvFormat)} does, with the columns
     * chosen once the header is known.
     *
     * @param choice chooses the columns from the header (or its absence) and the file's width
     */
    public static CsvData read(Path file, CsvFormat format, ColumnChoice choice, String labelsColumn)
            throws IOException {
        CsvRows rows = CsvRows.read(file, format.delimiter());
        if (rows.size() == 0) {
            throw new IllegalArgumentException(file + ": the file is empty: give one sample per row, "
                    + "one feature per column.");
        }
        Delimiters.check(file, rows, format.delimiter());
        boolean header = switch (format.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case DETECT -> HeaderRow.detect(file, rows.cells.get(0), rows.lines.get(0));
        };
        String[] names = header ? rows.cells.get(0) : null;
        if (header) {
            ColumnSelection.checkUnique(file, names, rows.lines.get(0));
        }
        int width = rows.cells.get(0).length;
        int first = header ? 1 : 0;
        if (rows.size() == first) {
            throw new IllegalArgumentException(file + ": the file has a header but no data rows.");
        }
        int labelIndex = labelsColumn == null ? -1 : ColumnSelection.index(file, names, width, labelsColumn);
        List<String> columns = choice.columns(names == null ? null : List.of(names), width);
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
                values[i][c] = number(file, names, cells, chosen[c], line, format.delimiter());
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

    private static double number(Path file, String[] names, String[] cells, int column, int line, char delimiter) {
        String cell = column < cells.length ? cells[column] : "";
        if (Cells.isNumber(cell)) {
            double v = Double.parseDouble(cell);
            if (Double.isFinite(v)) {
                return v;
            }
        }
        String where = file + ": line " + line + ", column " + ColumnSelection.describe(names, column) + ": ";
        throw new IllegalArgumentException(where + NumberProblem.of(cell, delimiter));
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
