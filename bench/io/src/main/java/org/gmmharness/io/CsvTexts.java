package org.gmmharness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.gmmharness.io.CsvBytes.Unusual;

/**
 * A CSV file's rows as text, for the first rows and for a row that failed ({@link CsvBytes}), and
 * the decoding of cells as text.
 */
final class CsvTexts implements CsvScanner.CellSink {

    private final CsvScanner scanner;
    private final CharsetDecoder utf8 = utf8();
    private final List<String> cells = new ArrayList<>();
    /** The 1-based line of the row last read, and its file offset. */
    int line;
    long rowOffset;
    private int lineFeeds;

    CsvTexts(CsvScanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public void startRow() {
        cells.clear();
    }

    @Override
    public void cell(int column, byte[] b, int from, int to, int escapes, boolean high) throws Unusual {
        cells.add(text(b, from, to, escapes, high, utf8));
    }

    /** @return the next row's cells, or null when the window's bytes end */
    String[] next(CsvWindow w) throws IOException, Unusual {
        while (true) {
            int p = scanner.blankLines(w.buf, w.start, w.limit, w.atEnd());
            if (p != CsvScanner.MORE) {
                lineFeeds += scanner.lineFeeds;
                w.start = p;
                if (p < w.limit) {
                    int end = scanner.row(w.buf, p, w.limit, w.atEnd(), this);
                    if (end != CsvScanner.MORE) {
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
}
