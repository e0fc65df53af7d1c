package org.gmmharness.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numeric data read from a CSV file, with or without a header (given, or detected: see
 * {@link #read(Path, List, String, CsvFormat)}), plus an optional column of labels kept as text; or
 * read from a numpy {@code .npy} file (see {@link NpyFile}), recognised by its magic bytes whatever
 * its name.
 *
 * <p>Every cell of a chosen column must hold a finite decimal number written with a decimal point;
 * a missing or non-numeric cell is rejected with an {@link IllegalArgumentException} naming the
 * file, the 1-based line (counting the header) and the column by name and 0-based index, and
 * saying what the cell is (a missing value, a decimal comma, ...) and what to do.
 *
 * <p>The values are held as one flat row-major {@code double[]} ({@link #flatValues()}). CSV files
 * are read from their bytes straight into it ({@link CsvBytes}, on every core for large files, with
 * numbers parsed by FastDoubleParser); a row that fails is diagnosed by the careful checks, and a
 * file with anything unusual in it (a byte that is not text, a lone carriage return, a quote inside
 * an unquoted cell, a line of spaces, ...) is read by Jackson's CSV parser ({@link CsvRows}), so the
 * messages are the same either way. When a file has several problems, the one reported is the
 * first found, which may be a cell's before a later line's broken quoting.
 */
public final class CsvData {

    private final Path file;
    private final boolean header;
    private final List<String> columnNames;
    private final double[] values;
    private final int rows;
    private final int[] lines;
    private final String[] labels;

    CsvData(Path file, boolean header, List<String> columnNames, double[] values, int rows, int[] lines,
            String[] labels) {
        if ((long) rows * columnNames.size() != values.length || lines.length != rows
                || (labels != null && labels.length != rows)) {
            throw new IllegalArgumentException("inconsistent shapes");
        }
        this.file = file;
        this.header = header;
        this.columnNames = Collections.unmodifiableList(columnNames);
        this.values = values;
        this.rows = rows;
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
     * Reads a CSV file, or a {@code .npy} file.
     *
     * <p>When {@code format} leaves the header to be detected, the first row is data if all its
     * cells look numeric, a header if all are text, and refused if it mixes the two (say which
     * with {@link CsvFormat.Header#PRESENT} or {@link CsvFormat.Header#ABSENT}); blank cells and
     * missing-value spellings such as {@code NA} count as neither.
     *
     * <p>A {@code .npy} file has no header and no delimiter: its columns are named by their 0-based
     * indices, and a format that says the file has a header or gives another delimiter than the
     * comma is refused, since it describes some other file ({@link CsvFormat.Header#ABSENT} is
     * true of it, and taken).
     *
     * @param file         the CSV file, UTF-8 text, or a {@code .npy} file
     * @param columns      the columns to read, each a header name or a 0-based index; null or
     *                     empty for every column except {@code labelsColumn}
     * @param labelsColumn a column to keep as text labels (name or index), or null
     * @param format       the delimiter and whether the first row is a header
     * @return the data, rows in file order
     * @throws IllegalArgumentException if the file is missing, unreadable, a folder, not UTF-8 text,
     *                                  empty, not CSV, seemingly split by another delimiter, has a
     *                                  first row that mixes numbers and text (header detected),
     *                                  names a column twice in its header, names an unknown column,
     *                                  or has a missing or non-numeric cell; or is a {@code .npy}
     *                                  file that cannot be read as N×D numbers; the one-line
     *                                  message names the file, says where and what to do
     * @throws IOException              if reading fails otherwise
     */
    public static CsvData read(Path file, List<String> columns, String labelsColumn, CsvFormat format)
            throws IOException {
        return read(file, format, ColumnChoice.of(columns), labelsColumn);
    }

    /**
     * Reads a CSV (or {@code .npy}) file as {@link #read(Path, List, String, CsvFormat)} does, with
     * the columns chosen once the header is known.
     *
     * @param choice chooses the columns from the header (or its absence) and the file's width
     */
    public static CsvData read(Path file, CsvFormat format, ColumnChoice choice, String labelsColumn)
            throws IOException {
        CsvRows.checkIsFile(file);
        if (NpyFile.isNpy(file)) {
            return NpyFile.read(file, format, choice, labelsColumn);
        }
        try {
            return CsvBytes.read(file, format, choice, labelsColumn);
        } catch (CsvBytes.Unusual e) {
            return readCarefully(file, format, choice, labelsColumn);
        }
    }

    /** Reads the file with Jackson's CSV parser, row by row: for files the byte reader leaves to it. */
    static CsvData readCarefully(Path file, CsvFormat format, ColumnChoice choice, String labelsColumn)
            throws IOException {
        try (CsvRows rows = CsvRows.open(file, format.delimiter())) {
            String[] first = rows.next();
            int firstLine = rows.line();
            String[] second = first == null ? null : rows.next();
            int secondLine = rows.line();
            Layout layout = Layout.of(file, format, choice, labelsColumn, first, firstLine, second);
            Growing out = new Growing(layout);
            if (!layout.header) {
                out.add(first, firstLine);
            }
            if (second != null) {
                out.add(second, secondLine);
                for (String[] cells = rows.next(); cells != null; cells = rows.next()) {
                    out.add(cells, rows.line());
                }
            }
            return out.finish();
        }
    }

    /**
     * What a CSV file's first rows decide: whether there is a header, the columns' names and
     * number, the columns chosen and the labels column; and the checks of each data row.
     */
    static final class Layout {
        final Path file;
        final char delimiter;
        final boolean header;
        /** The header's cells, or null. */
        final String[] names;
        /** The number of columns: of the header, or of the first row. */
        final int width;
        /** The chosen columns' indices, in the order chosen. */
        final int[] chosen;
        /** The labels column's index, or −1. */
        final int labelIndex;
        final List<String> chosenNames;

        private Layout(Path file, char delimiter, boolean header, String[] names, int width, int[] chosen,
                       int labelIndex) {
            this.file = file;
            this.delimiter = delimiter;
            this.header = header;
            this.names = names;
            this.width = width;
            this.chosen = chosen;
            this.labelIndex = labelIndex;
            List<String> out = new ArrayList<>();
            for (int j : chosen) {
                out.add(header && j < names.length ? names[j] : String.valueOf(j));
            }
            this.chosenNames = out;
        }

        /**
         * @param first     the first row's cells, or null when the file has no rows
         * @param firstLine the first row's 1-based line
         * @param second    the second row's cells, or null when there is none
         * @throws IllegalArgumentException as {@link CsvData#read(Path, List, String, CsvFormat)} says,
         *                                  for the problems the first rows show
         */
        static Layout of(Path file, CsvFormat format, ColumnChoice choice, String labelsColumn, String[] first,
                         int firstLine, String[] second) {
            if (first == null) {
                throw new IllegalArgumentException(file + ": the file is empty: give one sample per row, "
                        + "one feature per column.");
            }
            Delimiters.check(file, first, firstLine, second, format.delimiter());
            boolean header = switch (format.header()) {
                case PRESENT -> true;
                case ABSENT -> false;
                case DETECT -> HeaderRow.detect(file, first, firstLine);
            };
            String[] names = header ? first : null;
            if (header) {
                ColumnSelection.checkUnique(file, names, firstLine);
            }
            int width = first.length;
            if (header && second == null) {
                throw new IllegalArgumentException(file + ": the file has a header but no data rows.");
            }
            int labelIndex = labelsColumn == null ? -1 : ColumnSelection.index(file, names, width, labelsColumn);
            List<String> columns = choice.columns(names == null ? null : List.of(names), width);
            int[] chosen = ColumnSelection.resolve(file, names, width, columns, labelIndex);
            return new Layout(file, format.delimiter(), header, names, width, chosen, labelIndex);
        }

        /**
         * Checks one data row and writes its chosen values.
         *
         * @param cells  the row's cells
         * @param line   the row's 1-based line
         * @param out    where the values go
         * @param offset the index in {@code out} of the row's first value
         * @return the row's label, or null without a labels column
         * @throws IllegalArgumentException for a row longer than the first, a missing or non-numeric
         *                                  value or a missing label, naming the line and the column
         */
        String row(String[] cells, int line, double[] out, int offset) {
            if (cells.length > width) {
                throw new IllegalArgumentException(file + ": line " + line + " has " + cells.length
                        + " cells but the " + (header ? "header" : "first row") + " has " + width
                        + ": give every row the same columns.");
            }
            for (int c = 0; c < chosen.length; c++) {
                out[offset + c] = number(cells, chosen[c], line);
            }
            if (labelIndex < 0) {
                return null;
            }
            String label = labelIndex < cells.length ? cells[labelIndex] : "";
            if (label.isEmpty()) {
                throw new IllegalArgumentException(file + ": line " + line + ", column "
                        + ColumnSelection.describe(names, labelIndex) + ": missing label.");
            }
            return label;
        }

        private double number(String[] cells, int column, int line) {
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
    }

    /** Rows checked and gathered one at a time, for the careful reader, which does not know N ahead. */
    private static final class Growing {
        private final Layout layout;
        private final int d;
        private double[] values;
        private int[] lines = new int[1024];
        private final List<String> labels;
        private int n;

        Growing(Layout layout) {
            this.layout = layout;
            this.d = layout.chosen.length;
            this.values = new double[1024 * d];
            this.labels = layout.labelIndex < 0 ? null : new ArrayList<>();
        }

        void add(String[] cells, int line) {
            if (n == lines.length) {
                if ((long) lines.length * 2 * d > Integer.MAX_VALUE - 8) {
                    throw tooMany(layout.file, (long) n + 1, d);
                }
                lines = Arrays.copyOf(lines, lines.length * 2);
                values = Arrays.copyOf(values, lines.length * d);
            }
            String label = layout.row(cells, line, values, n * d);
            lines[n] = line;
            if (labels != null) {
                labels.add(label);
            }
            n++;
        }

        CsvData finish() {
            return new CsvData(layout.file, layout.header, layout.chosenNames, Arrays.copyOf(values, n * d), n,
                    Arrays.copyOf(lines, n), labels == null ? null : labels.toArray(new String[0]));
        }
    }

    /** @return the refusal of more values than one Java array holds */
    static IllegalArgumentException tooMany(Path file, long rows, int columns) {
        return new IllegalArgumentException(file + ": " + rows + " rows of " + columns
                + " columns are more values than one array holds (2^31 - 1): choose fewer columns with "
                + "--columns or split the file.");
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
        int d = columns();
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(values, i * d, (i + 1) * d);
        }
        return out;
    }

    /**
     * @return the N×D values in one row-major array, row i's value of column j at {@code i * columns() + j}:
     *         the array itself, not a copy, so that a fit can read it in place; changing it changes
     *         what {@link #values()} returns
     */
    public double[] flatValues() {
        return values;
    }

    /** @return the number of data rows */
    public int rows() {
        return rows;
    }

    /** @return the number of chosen columns */
    public int columns() {
        return columnNames.size();
    }

    /**
     * @return the 1-based file line of each data row (counting the header); for a {@code .npy} file,
     *         the 1-based row number
     */
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
