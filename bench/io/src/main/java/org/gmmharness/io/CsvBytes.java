package org.gmmharness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * The fast CSV reader: tokenises the file's bytes and parses each chosen cell with FastDoubleParser
 * straight into one flat row-major {@code double[]}, with no {@code String} per cell.
 *
 * <p>It reads what {@link CsvRows} (Jackson's CSV parser, with the same settings) reads, on the
 * files that are plainly written: UTF-8 with an optional byte-order mark, rows ended by LF or CRLF,
 * blank lines, spaces around cells, and RFC 4180 quoted cells (delimiters, line breaks and doubled
 * quotes inside) followed by spaces and a delimiter or the line's end. Anything else it hands to the
 * careful reader by throwing {@link Unusual}: a control byte other than a tab inside quotes (binary
 * data), a byte sequence that is not UTF-8, a carriage return not followed by a line feed, a quote
 * inside an unquoted cell, text after a closing quote, an unterminated quote, a line of spaces, a
 * space or non-ASCII delimiter.
 *
 * <p>A cell of a chosen column is a number when it is written as {@link Cells#isNumber} accepts
 * ({@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?}), checked on the bytes, then parsed by
 * FastDoubleParser's {@code JavaDoubleParser}, which rounds as {@link Double#parseDouble} does; a row
 * with a cell that is not, a missing cell or label, or too many cells is decoded to text and given to
 * {@link CsvData.Layout#row}, whose messages name the line and column.
 *
 * <p>Large files are read on every core: the rows after the header are split at line feeds into
 * one part per core, each part counts its lines (to size the output exactly and to number its rows),
 * then parses into its own stretch of the output. A split that falls inside a quoted cell leaves the
 * part before it inside quotes at its end; the file is then read again as one part.
 *
 * <p>Its pieces: {@link CsvWindow} holds the bytes, {@link CsvScanner} splits rows into cells,
 * {@link CsvPart} reads one stretch of rows on one thread, {@link CsvTexts} gives rows as text.
 */
final class CsvBytes {

    /** The file holds something that the careful reader is to read, or to refuse with its message. */
    static final class Unusual extends Exception {
        private static final long serialVersionUID = 1L;

        Unusual(String what) {
            super(what, null, false, false);
        }
    }

    /** Bytes read from the file at a time; a row longer than this grows the buffer. */
    static final int BUFFER = 1 << 16;
    /** Below this many bytes of rows a file is read in one part. */
    static final long PART_BYTES = 4L << 20;

    private CsvBytes() {
    }

    /**
     * @throws Unusual                  if the file is to be read by the careful reader
     * @throws IllegalArgumentException as {@link CsvData#read(Path, CsvFormat, ColumnChoice, String)} says
     */
    static CsvData read(Path file, CsvFormat format, ColumnChoice choice, String labelsColumn)
            throws IOException, Unusual {
        return read(file, format, choice, labelsColumn, Runtime.getRuntime().availableProcessors(), PART_BYTES);
    }

    /**
     * @param cores     the number of parts large files are read in, at most
     * @param partBytes the least number of bytes of rows a part is given
     */
    static CsvData read(Path file, CsvFormat format, ColumnChoice choice, String labelsColumn, int cores,
                        long partBytes) throws IOException, Unusual {
        char delimiter = format.delimiter();
        if (delimiter == ' ' || delimiter > 0x7f) {
            throw new Unusual("delimiter");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            // The first two rows, as text: they decide the layout and are checked as the careful reader does.
            CsvWindow window = new CsvWindow(channel, 0, size);
            window.fill();
            if (window.limit >= 3 && window.buf[0] == (byte) 0xEF && window.buf[1] == (byte) 0xBB
                    && window.buf[2] == (byte) 0xBF) {
                window.start = 3;
            }
            CsvScanner scanner = new CsvScanner((byte) delimiter);
            CsvTexts texts = new CsvTexts(scanner);
            String[] first = texts.next(window);
            int firstLine = texts.line;
            long firstOffset = texts.rowOffset;
            String[] second = first == null ? null : texts.next(window);
            int secondLine = texts.line;
            long secondOffset = texts.rowOffset;
            CsvData.Layout layout = CsvData.Layout.of(file, format, choice, labelsColumn, first, firstLine, second);
            long bodyStart = layout.header ? secondOffset : firstOffset;
            int bodyLine = layout.header ? secondLine : firstLine;

            int parts = (int) Math.max(1, Math.min(Math.min(cores, 16), (size - bodyStart) / partBytes));
            if (parts > 1) {
                try {
                    return readParts(file, channel, layout, bodyStart, bodyLine, size, parts);
                } catch (SplitInQuotes e) {
                    // Read again as one part, which reads quoted line breaks as any reader does.
                }
            }
            try {
                return readParts(file, channel, layout, bodyStart, bodyLine, size, 1);
            } catch (SplitInQuotes e) {
                throw new IllegalStateException("one part has no split", e);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file.", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(file + ": cannot read: permission denied: "
                    + "make it readable (chmod +r) or give a copy you can read.", e);
        }
    }

    /** A split fell inside a quoted cell. */
    private static final class SplitInQuotes extends Exception {
        private static final long serialVersionUID = 1L;

        SplitInQuotes() {
            super(null, null, false, false);
        }
    }

    private static CsvData readParts(Path file, FileChannel channel, CsvData.Layout layout, long bodyStart,
                                     int bodyLine, long size, int parts)
            throws IOException, Unusual, SplitInQuotes {
        long[] bounds = new long[parts + 1];
        bounds[0] = bodyStart;
        bounds[parts] = size;
        for (int k = 1; k < parts; k++) {
            bounds[k] = Math.max(bounds[k - 1], afterLineFeed(channel, bodyStart + (size - bodyStart) * k / parts, size));
        }
        CsvPart[] part = new CsvPart[parts];
        for (int k = 0; k < parts; k++) {
            part[k] = new CsvPart(file, channel, layout, bounds[k], bounds[k + 1], bounds[k + 1] == size);
        }
        runAll(part, CsvPart::count);

        long rowsBound = 0;
        int line = bodyLine;
        for (CsvPart p : part) {
            p.firstRow = rowsBound;
            p.firstLine = line;
            rowsBound += p.rowsBound();
            line += (int) p.lineFeeds;
        }
        int d = layout.chosen.length;
        if (rowsBound * d > Integer.MAX_VALUE - 8) {
            throw CsvData.tooMany(file, rowsBound, d);
        }
        double[] values = new double[(int) rowsBound * d];
        int[] lines = new int[(int) rowsBound];
        String[] labels = layout.labelIndex < 0 ? null : new String[(int) rowsBound];
        for (CsvPart p : part) {
            p.values = values;
            p.lines = lines;
            p.labels = labels;
        }
        runAll(part, CsvPart::parse);

        // In file order: the first part that could not finish decides, as a sequential read would.
        int n = 0;
        for (CsvPart p : part) {
            if (p.unusual != null) {
                throw p.unusual;
            }
            if (p.failedRow >= 0) {
                diagnose(file, channel, layout, p.failedFrom, p.failedTo, p.failedLine);
            }
            if (p.endedInQuotes) {
                if (p.last) {
                    throw new Unusual("unterminated quote");
                }
                throw new SplitInQuotes();
            }
            if (p.firstRow != n) {
                System.arraycopy(values, (int) p.firstRow * d, values, n * d, p.rows * d);
                System.arraycopy(lines, (int) p.firstRow, lines, n, p.rows);
                if (labels != null) {
                    System.arraycopy(labels, (int) p.firstRow, labels, n, p.rows);
                }
            }
            n += p.rows;
        }
        if (n != rowsBound) {
            values = Arrays.copyOf(values, n * d);
            lines = Arrays.copyOf(lines, n);
            labels = labels == null ? null : Arrays.copyOf(labels, n);
        }
        return new CsvData(file, layout.header, layout.chosenNames, values, n, lines, labels);
    }

    /** Reads a failed row again as text and lets the careful checks say what is wrong with it. */
    private static void diagnose(Path file, FileChannel channel, CsvData.Layout layout, long from, long to, int line)
            throws IOException, Unusual {
        CsvWindow window = new CsvWindow(channel, from, to);
        CsvTexts texts = new CsvTexts(new CsvScanner((byte) layout.delimiter));
        String[] cells = texts.next(window);
        if (cells == null) {
            throw new Unusual("a failed row read again is gone");
        }
        layout.row(cells, line, new double[layout.chosen.length], 0);
        throw new Unusual("a failed row passed the careful checks");
    }

    /** @return the offset just after the first line feed at or after {@code from}, or {@code size} */
    private static long afterLineFeed(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = from;
        while (position < size) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            byte[] b = buffer.array();
            for (int i = 0; i < read; i++) {
                if (b[i] == '\n') {
                    return position + i + 1;
                }
            }
            position += read;
        }
        return size;
    }

    private interface Task {
        void run(CsvPart part) throws IOException;
    }

    /** Runs the task on every part, the first on this thread and the others on threads of their own. */
    private static void runAll(CsvPart[] parts, Task task) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 1; k < parts.length; k++) {
            CsvPart part = parts[k];
            Thread t = new Thread(() -> {
                try {
                    task.run(part);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "csv-part-" + k);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try {
            task.run(parts[0]);
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
    }

    /**
     * Parses a cell that {@link Cells#isNumber} accepts, without scanning it twice: FastDoubleParser's
     * {@code JavaDoubleParser} takes Java's syntax, which is that one plus what this check keeps out
     * before it parses: {@code NaN} and {@code Infinity} and the {@code f}/{@code d} suffixes (none
     * ends with a digit or a point) and hexadecimal ({@code 0x} within the first three bytes). The
     * cells have no spaces or control bytes at either end, which Java's syntax would skip.
     *
     * @return the number, or NaN when the cell is not one
     */
    static double parse(byte[] b, int from, int to) {
        if (to <= from) {
            return Double.NaN;
        }
        byte last = b[to - 1];
        if (!(last >= '0' && last <= '9' || last == '.')) {
            return Double.NaN;
        }
        for (int i = from, end = Math.min(to, from + 3); i < end; i++) {
            if ((b[i] | 0x20) == 'x') {
                return Double.NaN;
            }
        }
        try {
            return JavaDoubleParser.parseDouble(b, from, to - from);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** @return whether the bytes are a number as {@link Cells#isNumber} accepts it */
    static boolean isNumber(byte[] b, int from, int to) {
        int i = from;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
            digits++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == to;
    }
}
