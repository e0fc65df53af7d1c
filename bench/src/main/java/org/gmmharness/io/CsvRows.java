package org.gmmharness.io;

import java.io.CharConversionException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The raw rows of a CSV file, each with the 1-based line it starts on, read with Jackson's CSV
 * parser: quoted cells (with delimiters or line breaks inside) as RFC 4180, UTF-8 text with a
 * byte-order mark ignored, blank lines skipped, spaces around cells trimmed.
 *
 * <p>A file that cannot be read is refused with a message naming it and the reason: missing, a
 * folder, not a regular file, no read permission, not UTF-8 text (binary data such as a compressed
 * file or an image), or broken quoting.
 */
final class CsvRows {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    /** The cells of each row. */
    final List<String[]> cells = new ArrayList<>();
    /** The 1-based line each row starts on. */
    final List<Integer> lines = new ArrayList<>();

    private CsvRows() {
    }

    /**
     * @param delimiter the cell delimiter
     * @throws IllegalArgumentException if the file cannot be read as CSV text, naming it and why
     * @throws IOException              if reading fails otherwise
     */
    static CsvRows read(Path file, char delimiter) throws IOException {
        checkIsFile(file);
        CsvRows rows = new CsvRows();
        LineCountingReader text = null;
        try (LineCountingReader in = new LineCountingReader(utf8(file));
             CsvParser parser = MAPPER.getFactory().createParser(in)) {
            text = in;
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
            List<String> row = null;
            int line = -1;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    row = new ArrayList<>();
                    line = -1;
                } else if (token == JsonToken.END_ARRAY) {
                    if (row != null && !row.isEmpty()) {
                        rows.cells.add(row.toArray(new String[0]));
                        rows.lines.add(line);
                    }
                    row = null;
                } else if (row != null) {
                    if (row.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    row.add(parser.getText());
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file.", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(file + ": cannot read: permission denied: "
                    + "make it readable (chmod +r) or give a copy you can read.", e);
        } catch (CharacterCodingException | CharConversionException e) {
            throw notText(file, text, e);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof CharacterCodingException || e.getCause() instanceof CharConversionException) {
                throw notText(file, text, e);
            }
            throw new IllegalArgumentException(file + ": not valid CSV at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
        return rows;
    }

    /** Refuses what is not a regular file with the reason, since opening a folder reports it oddly. */
    private static void checkIsFile(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file.", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(file + ": cannot read: permission denied on a folder above it: "
                    + "make the file reachable or give a copy you can read.", e);
        }
        if (attributes.isDirectory()) {
            throw new IllegalArgumentException(file + ": is a folder, not a file: give a CSV file.");
        }
        if (!attributes.isRegularFile()) {
            throw new IllegalArgumentException(file + ": is not a regular file (a device or a pipe): give a CSV file.");
        }
    }

    /**
     * A reader that reports malformed UTF-8 instead of replacing it, so binary input is refused, and
     * skips a byte-order mark, which Jackson only skips when it decodes the bytes itself.
     */
    private static Reader utf8(Path file) throws IOException {
        PushbackReader in = new PushbackReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1);
        try {
            int first = in.read();
            if (first >= 0 && first != '\uFEFF') {
                in.unread(first);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static IllegalArgumentException notText(Path file, LineCountingReader text, Exception e) {
        // No reader yet means the very first character failed to decode.
        String where = " (line " + (text == null ? 1 : text.line()) + ")";
        return new IllegalArgumentException(file + ": not UTF-8 text" + where
                + ": a CSV file is expected, and this looks like binary data (such as a compressed file or an image).",
                e);
    }

    int size() {
        return cells.size();
    }

    /**
     * Counts the lines of the text read so far, to say where binary data starts, and treats a NUL
     * character as not text: it is valid UTF-8 but no CSV holds it, while binary files often do.
     */
    private static final class LineCountingReader extends FilterReader {

        private int newlines;

        LineCountingReader(Reader in) {
            super(in);
        }

        /** @return the 1-based line the next character is on */
        int line() {
            return newlines + 1;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                count(buffer[i]);
            }
            return n;
        }

        private void count(int c) throws CharConversionException {
            if (c == '\n') {
                newlines++;
            } else if (c == 0) {
                throw new CharConversionException("NUL character");
            }
        }
    }
}
