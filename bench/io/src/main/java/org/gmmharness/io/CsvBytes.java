package org.gmmharness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
            Window window = new Window(channel, 0, size);
            window.fill();
            if (window.limit >= 3 && window.buf[0] == (byte) 0xEF && window.buf[1] == (byte) 0xBB
                    && window.buf[2] == (byte) 0xBF) {
                window.start = 3;
            }
            Scanner scanner = new Scanner((byte) delimiter);
            Texts texts = new Texts(scanner);
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
        Part[] part = new Part[parts];
        for (int k = 0; k < parts; k++) {
            part[k] = new Part(file, channel, layout, bounds[k], bounds[k + 1], bounds[k + 1] == size);
        }
        runAll(part, Part::count);

        long rowsBound = 0;
        int line = bodyLine;
        for (Part p : part) {
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
        for (Part p : part) {
            p.values = values;
            p.lines = lines;
            p.labels = labels;
        }
        runAll(part, Part::parse);

        // In file order: the first part that could not finish decides, as a sequential read would.
        int n = 0;
        for (Part p : part) {
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
        Window window = new Window(channel, from, to);
        Texts texts = new Texts(new Scanner((byte) layout.delimiter));
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
        void run(Part part) throws IOException;
    }

    /** Runs the task on every part, the first on this thread and the others on threads of their own. */
    private static void runAll(Part[] parts, Task task) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 1; k < parts.length; k++) {
            Part part = parts[k];
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

    /** A window of the file's bytes in a buffer, refilled as it is consumed. */
    static final class Window {
        private final FileChannel channel;
        /** The file offset of {@code buf[0]}. */
        long base;
        /** The file offset of the next byte to read. */
        private long next;
        private final long end;
        byte[] buf;
        /** The first byte not consumed. */
        int start;
        /** The end of the bytes read. */
        int limit;

        Window(FileChannel channel, long from, long to) {
            this.channel = channel;
            this.base = from;
            this.next = from;
            this.end = to;
            this.buf = new byte[(int) Math.max(64, Math.min(BUFFER, to - from))];
        }

        /** @return whether the window holds the rest of its range */
        boolean atEnd() {
            return next >= end;
        }

        /**
         * Moves the bytes not consumed to the front and reads more, growing the buffer when they fill it.
         *
         * @return whether any byte was read
         */
        boolean fill() throws IOException {
            if (next >= end) {
                return false;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, limit - start);
                base += start;
                limit -= start;
                start = 0;
            }
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int wanted = (int) Math.min(buf.length - limit, end - next);
            ByteBuffer target = ByteBuffer.wrap(buf, limit, wanted);
            int total = 0;
            while (total < wanted) {
                int read = channel.read(target, next + total);
                if (read < 0) {
                    break;
                }
                total += read;
            }
            if (total < wanted) {
                throw new IOException(channel + ": the file became shorter while it was read");
            }
            limit += total;
            next += total;
            return true;
        }
    }

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

    /**
     * Splits rows into cells. {@link #row} returns where the row ends, or {@link #MORE} when the
     * bytes end before the row does and more are to come.
     */
    static final class Scanner {
        static final int MORE = -1;
        private final byte delimiter;
        /** Line feeds passed in the last row scanned, its own and those inside quotes. */
        int lineFeeds;
        /** Cells of the last row scanned. */
        int cells;
        /** The last row ended inside quotes at the end of the bytes. */
        boolean inQuotes;

        Scanner(byte delimiter) {
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

    /** @return the cell as text, as Jackson gives it; Unusual if it is not UTF-8 */
    static String text(byte[] b, int from, int to, int escapes, boolean high, CharsetDecoder utf8) throws Unusual {
        String s;
        if (!high) {
            s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        } else {
            try {
                s = utf8.decode(ByteBuffer.wrap(b, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                throw new Unusual("not UTF-8");
            }
        }
        return escapes > 0 ? s.replace("\"\"", "\"") : s;
    }

    /** Checks that the cell is UTF-8, without keeping it. */
    static void checkText(byte[] b, int from, int to, CharsetDecoder utf8, CharBuffer scratch) throws Unusual {
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        utf8.reset();
        while (true) {
            scratch.clear();
            var result = utf8.decode(in, scratch, true);
            if (result.isError()) {
                throw new Unusual("not UTF-8");
            }
            if (result.isUnderflow()) {
                break;
            }
        }
        scratch.clear();
        if (utf8.flush(scratch).isError()) {
            throw new Unusual("not UTF-8");
        }
    }

    static CharsetDecoder utf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Rows as text, for the first rows and for a row that failed. */
    static final class Texts implements CellSink {
        private final Scanner scanner;
        private final CharsetDecoder utf8 = utf8();
        private final List<String> cells = new ArrayList<>();
        /** The 1-based line of the row last read, and its file offset. */
        int line;
        long rowOffset;
        private int lineFeeds;

        Texts(Scanner scanner) {
            this.scanner = scanner;
        }

        @Override
        public void startRow() {
            cells.clear();
        }

        @Override
        public void cell(int column, byte[] b, int from, int to, int escapes, boolean high) throws Unusual {
            cells.add(CsvBytes.text(b, from, to, escapes, high, utf8));
        }

        /** @return the next row's cells, or null when the window's bytes end */
        String[] next(Window w) throws IOException, Unusual {
            while (true) {
                int p = scanner.blankLines(w.buf, w.start, w.limit, w.atEnd());
                if (p != Scanner.MORE) {
                    lineFeeds += scanner.lineFeeds;
                    w.start = p;
                    if (p < w.limit) {
                        int end = scanner.row(w.buf, p, w.limit, w.atEnd(), this);
                        if (end != Scanner.MORE) {
                            if (scanner.inQuotes) {
                                throw new Unusual("unterminated quote");
                            }
                            line = lineFeeds + 1;
                            rowOffset = w.base + p;
                            lineFeeds += scanner.lineFeeds;
                            w.start = end;
                            return cells.toArray(new String[0]);
                        }
                    } else if (w.atEnd()) {
                        line = lineFeeds + 1;
                        rowOffset = w.base + p;
                        return null;
                    }
                }
                if (!w.fill()) {
                    throw new IllegalStateException("no progress");
                }
            }
        }
    }

    /** One stretch of the file's rows, read on one thread into its stretch of the output. */
    private static final class Part implements CellSink {
        private final Path file;
        private final FileChannel channel;
        private final CsvData.Layout layout;
        private final long from;
        private final long to;
        final boolean last;

        // Counted first.
        long lineFeeds;
        boolean endsWithLineFeed;
        // Set between counting and parsing.
        long firstRow;
        int firstLine;
        double[] values;
        int[] lines;
        String[] labels;
        // The outcome of parsing.
        int rows;
        Unusual unusual;
        boolean endedInQuotes;
        long failedRow = -1;
        long failedFrom;
        long failedTo;
        int failedLine;

        // The row being read.
        private final int d;
        private final int[] slot;
        private final int needed;
        private final int labelIndex;
        private final CharsetDecoder utf8 = utf8();
        private final CharBuffer scratch = CharBuffer.allocate(256);
        private int offset;
        private String label;
        private boolean failed;

        Part(Path file, FileChannel channel, CsvData.Layout layout, long from, long to, boolean last) {
            this.file = file;
            this.channel = channel;
            this.layout = layout;
            this.from = from;
            this.to = to;
            this.last = last;
            this.d = layout.chosen.length;
            this.labelIndex = layout.labelIndex;
            this.slot = new int[layout.width];
            Arrays.fill(slot, -1);
            int max = labelIndex;
            for (int c = 0; c < d; c++) {
                slot[layout.chosen[c]] = c;
                max = Math.max(max, layout.chosen[c]);
            }
            this.needed = max + 1;
        }

        /** @return at most as many rows as the part has: each ends with a line feed, but the file's last may not */
        long rowsBound() {
            return lineFeeds + (to > from && !endsWithLineFeed ? 1 : 0);
        }

        void count() throws IOException {
            Window w = new Window(channel, from, to);
            long feeds = 0;
            byte lastByte = 0;
            while (w.fill()) {
                byte[] b = w.buf;
                int n = w.limit;
                for (int i = 0; i < n; i++) {
                    if (b[i] == '\n') {
                        feeds++;
                    }
                }
                if (n > 0) {
                    lastByte = b[n - 1];
                }
                w.start = n;
            }
            lineFeeds = feeds;
            endsWithLineFeed = lastByte == '\n';
        }

        void parse() throws IOException {
            try {
                parseRows();
            } catch (Unusual e) {
                unusual = e;
            }
        }

        private void parseRows() throws IOException, Unusual {
            Scanner scanner = new Scanner((byte) layout.delimiter);
            Window w = new Window(channel, from, to);
            long row = firstRow;
            long bound = firstRow + rowsBound();
            int feeds = 0;
            while (true) {
                boolean eof = w.atEnd();
                byte[] b = w.buf;
                int p = scanner.blankLines(b, w.start, w.limit, eof);
                if (p != Scanner.MORE) {
                    feeds += scanner.lineFeeds;
                    w.start = p;
                    if (p < w.limit) {
                        if (row >= bound) {
                            throw new Unusual("more rows than line feeds");
                        }
                        offset = (int) row * d;
                        int end = scanner.row(b, p, w.limit, eof, this);
                        if (end != Scanner.MORE) {
                            if (scanner.inQuotes) {
                                endedInQuotes = true;
                                return;
                            }
                            int cells = scanner.cells;
                            if (failed || cells > layout.width || cells < needed) {
                                failedRow = row;
                                failedFrom = w.base + p;
                                failedTo = w.base + end;
                                failedLine = firstLine + feeds;
                                return;
                            }
                            int r = (int) row;
                            lines[r] = firstLine + feeds;
                            if (labels != null) {
                                labels[r] = label;
                            }
                            feeds += scanner.lineFeeds;
                            w.start = end;
                            row++;
                            rows++;
                            continue;
                        }
                    } else if (eof) {
                        return;
                    }
                }
                if (!w.fill()) {
                    throw new IllegalStateException(file + ": no progress at offset " + (w.base + w.start));
                }
            }
        }

        @Override
        public void startRow() {
            failed = false;
            label = null;
        }

        @Override
        public void cell(int column, byte[] b, int from, int to, int escapes, boolean high) throws Unusual {
            if (column >= slot.length) {
                failed = true;
                if (high) {
                    checkText(b, from, to, utf8, scratch);
                }
                return;
            }
            int c = slot[column];
            if (c >= 0) {
                // A doubled quote or a byte outside ASCII is no number: the careful checks say why.
                double v = CsvBytes.parse(b, from, to);
                if (Double.isFinite(v)) {
                    values[offset + c] = v;
                } else {
                    failed = true;
                }
            }
            if (column == labelIndex) {
                label = CsvBytes.text(b, from, to, escapes, high, utf8);
                if (label.isEmpty()) {
                    failed = true;
                }
            } else if (high && c < 0) {
                checkText(b, from, to, utf8, scratch);
            }
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
