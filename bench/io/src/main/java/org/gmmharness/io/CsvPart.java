package org.gmmharness.io;

import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Path;
import java.util.Arrays;

import org.gmmharness.io.CsvBytes.Unusual;

/** One stretch of a CSV file's rows, read on one thread into its stretch of the output ({@link CsvBytes}). */
final class CsvPart implements CsvScanner.CellSink {

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
    private final CharsetDecoder utf8 = CsvTexts.utf8();
    private final CharBuffer scratch = CharBuffer.allocate(256);
    private int offset;
    private String label;
    private boolean failed;

    CsvPart(Path file, FileChannel channel, CsvData.Layout layout, long from, long to, boolean last) {
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
        CsvWindow w = new CsvWindow(channel, from, to);
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
        CsvScanner scanner = new CsvScanner((byte) layout.delimiter);
        CsvWindow w = new CsvWindow(channel, from, to);
        long row = firstRow;
        long bound = firstRow + rowsBound();
        int feeds = 0;
        while (true) {
            boolean eof = w.atEnd();
            byte[] b = w.buf;
            int p = scanner.blankLines(b, w.start, w.limit, eof);
            if (p != CsvScanner.MORE) {
                feeds += scanner.lineFeeds;
                w.start = p;
                if (p < w.limit) {
                    if (row >= bound) {
                        throw new Unusual("more rows than line feeds");
                    }
                    offset = (int) row * d;
                    int end = scanner.row(b, p, w.limit, eof, this);
                    if (end != CsvScanner.MORE) {
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
                CsvTexts.checkText(b, from, to, utf8, scratch);
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
            label = CsvTexts.text(b, from, to, escapes, high, utf8);
            if (label.isEmpty()) {
                failed = true;
            }
        } else if (high && c < 0) {
            CsvTexts.checkText(b, from, to, utf8, scratch);
        }
    }
}
