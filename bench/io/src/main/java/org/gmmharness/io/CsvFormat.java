package org.gmmharness.io;

import java.util.Locale;

/**
 * How a CSV file is laid out: the character between cells and whether its first row is a header.
 *
 * @param delimiter the cell delimiter; never a double quote or a line break
 * @param header    whether the first row is a header, or {@link Header#DETECT} to decide from it
 */
public record CsvFormat(char delimiter, Header header) {

    /** Comma-separated, header detected. */
    public static final CsvFormat DEFAULT = new CsvFormat(',', Header.DETECT);

    /** Whether the first row is a header. */
    public enum Header {
        /** Decided from the first row: see {@link CsvData#read(java.nio.file.Path, java.util.List, String, CsvFormat)}. */
        DETECT,
        /** The first row names the columns. */
        PRESENT,
        /** The first row is data. */
        ABSENT
    }

    /**
     * @throws IllegalArgumentException if the delimiter is a double quote or a line break, which
     *                                  CSV reserves for quoting and rows
     * @throws NullPointerException     if {@code header} is null
     */
    public CsvFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be " + describe(delimiter)
                    + ": CSV uses it for quoting or rows.");
        }
        java.util.Objects.requireNonNull(header, "header");
    }

    /** @return this format with another delimiter */
    public CsvFormat withDelimiter(char delimiter) {
        return new CsvFormat(delimiter, header);
    }

    /** @return this format with another header choice */
    public CsvFormat withHeader(Header header) {
        return new CsvFormat(delimiter, header);
    }

    /**
     * Reads a delimiter as a user writes it on a command line.
     *
     * @param text one character, or {@code \t} (backslash, t) or {@code tab} for a tab
     * @return the delimiter
     * @throws IllegalArgumentException if {@code text} is not one character, {@code \t} or {@code tab}
     */
    public static char parseDelimiter(String text) {
        // A shell makes typing a real tab awkward, so the usual spellings of one are accepted too.
        if (text.equals("\\t") || text.toLowerCase(Locale.ROOT).equals("tab")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new IllegalArgumentException("the delimiter must be one character (or \\t or tab for a tab), got '"
                    + text + "'.");
        }
        return text.charAt(0);
    }

    /** @return the delimiter as a user writes it in {@code --delimiter}: {@code tab}, or {@code 'c'} */
    static String describe(char delimiter) {
        switch (delimiter) {
            case '\t': return "tab";
            case '\n': return "a line feed";
            case '\r': return "a carriage return";
            default: return "'" + delimiter + "'";
        }
    }
}
