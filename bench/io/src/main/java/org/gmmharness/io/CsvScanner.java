package org.gmmharness.io;

import org.gmmharness.io.CsvBytes.Unusual;

/**
 * Splits a CSV file's rows into cells, on the bytes ({@link CsvBytes}). {@link #row} returns where
 * the row ends, or {@link #MORE} when the bytes end before the row does and more are to come.
 */
final class CsvScanner {

    /** What is told of each cell of a row. */
    interface CellSink {
        /** A new row starts: forget the cells of a row that was incomplete. */
        void startRow();

        /**
         * @param column  0-based
         * @param b       the bytes
         * @param from    the cell's first byte, after quotes and spaces
         * @param to      after its last byte
         * @param escapes doubled quotes inside a quoted cell, each two bytes for one quote
         * @param high    the cell holds a byte outside ASCII
         */
        void cell(int column, byte[] b, int from, int to, int escapes, boolean high) throws Unusual;
    }

    static final int MORE = -1;
    private final byte delimiter;
    /** Line feeds passed in the last row scanned, its own and those inside quotes. */
    int lineFeeds;
    /** Cells of the last row scanned. */
    int cells;
    /** The last row ended inside quotes at the end of the bytes. */
    boolean inQuotes;

    CsvScanner(byte delimiter) {
        this.delimiter = delimiter;
    }

    /**
     * @param p   the row's first byte, not a line break
     * @param eof whether {@code limit} is the end of the bytes to read
     */
    int row(byte[] b, int p, int limit, boolean eof, CellSink sink) throws Unusual {
        final byte delim = delimiter;
        int feeds = 0;
        int column = 0;
        inQuotes = false;
        sink.startRow();
        while (true) {
            int blanks = p;
            while (p < limit && b[p] == ' ') {
                p++;
            }
            int from;
            int to;
            boolean quoted = false;
            int escapes = 0;
            boolean high = false;
            if (p < limit && b[p] == '"') {
                int q = p + 1;
                while (true) {
                    if (q >= limit) {
                        if (!eof) {
                            return MORE;
                        }
                        inQuotes = true;
                        lineFeeds = feeds;
                        cells = column;
                        return limit;
                    }
                    byte c = b[q];
                    if (c == '"') {
                        if (q + 1 >= limit && !eof) {
                            return MORE;
                        }
                        if (q + 1 < limit && b[q + 1] == '"') {
                            escapes++;
                            q += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') {
                        feeds++;
                    } else if (c == '\r') {
                        if (q + 1 >= limit && !eof) {
                            return MORE;
                        }
                        if (q + 1 >= limit || b[q + 1] != '\n') {
                            throw new Unusual("lone carriage return");
                        }
                    } else if (c < 0x20) {
                        if (c < 0) {
                            high = true;
                        } else if (c != '\t') {
                            throw new Unusual("control byte");
                        }
                    }
                    q++;
                }
                from = p + 1;
                to = q;
                quoted = true;
                p = q + 1;
                while (p < limit && b[p] == ' ') {
                    p++;
                }
                if (p < limit && b[p] != delim && b[p] != '\n' && b[p] != '\r') {
                    throw new Unusual("text after a closing quote");
                }
            } else {
                from = p;
                while (p < limit) {
                    byte c = b[p];
                    if (c == delim || c == '\n' || c == '\r') {
                        break;
                    }
                    if (c < 0x20) {
                        if (c < 0) {
                            high = true;
                        } else {
                            throw new Unusual("control byte");
                        }
                    } else if (c == '"') {
                        throw new Unusual("quote inside an unquoted cell");
                    }
                    p++;
                }
                to = p;
                while (to > from && b[to - 1] == ' ') {
                    to--;
                }
            }
            if (p >= limit && !eof) {
                return MORE;
            }
            if (column == 0 && to == from && !quoted && p > blanks && (p >= limit || b[p] != delim)) {
                throw new Unusual("a line of spaces");
            }
            sink.cell(column, b, from, to, escapes, high);
            if (p >= limit) {
                break;
            }
            byte c = b[p];
            if (c == delim) {
                p++;
                column++;
                continue;
            }
            if (c == '\n') {
                p++;
                feeds++;
                break;
            }
            // A carriage return: a line break only with its line feed.
            if (p + 1 >= limit && !eof) {
                return MORE;
            }
            if (p + 1 >= limit || b[p + 1] != '\n') {
                throw new Unusual("lone carriage return");
            }
            p += 2;
            feeds++;
            break;
        }
        lineFeeds = feeds;
        cells = column + 1;
        return p;
    }

    /**
     * Skips blank lines.
     *
     * @return the first byte of the next row (or {@code limit}), or {@link #MORE}
     */
    int blankLines(byte[] b, int p, int limit, boolean eof) throws Unusual {
        lineFeeds = 0;
        while (p < limit) {
            byte c = b[p];
            if (c == '\n') {
                p++;
                lineFeeds++;
            } else if (c == '\r') {
                if (p + 1 >= limit) {
                    if (!eof) {
                        return MORE;
                    }
                    throw new Unusual("lone carriage return");
                }
                if (b[p + 1] != '\n') {
                    throw new Unusual("lone carriage return");
                }
                p += 2;
                lineFeeds++;
            } else {
                break;
            }
        }
        return p;
    }
}
