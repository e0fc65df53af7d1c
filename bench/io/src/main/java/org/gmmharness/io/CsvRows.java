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
 * The raw rows of a CSV file, one at a time, each with the 1-based line it starts on, read with
 * Jackson's CSV parser: quoted cells (with delimiters or line breaks inside) as RFC 4180, UTF-8 text
 * with a byte-order mark ignored, blank lines skipped, spaces around cells trimmed. This is the
 * careful reader, used for the files the fast byte reader ({@link CsvBytes}) hands over to it; rows
 * are streamed, never all held.
 *
 * <p>A file that cannot be read is refused with a message naming it and the reason: missing, a
 * folder, not a regular file, no read permission, not UTF-8 text (binary data such as a compressed
 * file or an image), or broken quoting.
 */
final class CsvRows implements AutoCloseable {

    /** Built when first used, so that the files the byte reader reads never start Jackson. */
    private static final class Mapper {
        static final CsvMapper MAPPER = CsvMapper.builder()
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .enable(CsvParser.Feature.TRIM_SPACES)
                .build();
    }

    private final Path file;
    private final LineCountingReader text;
    private final CsvParser parser;
    private final List<String> row = new ArrayList<>();
    private int line = -1;

    private CsvRows(Path file, LineCountingReader text, CsvParser parser) {
        this.file = file;
        this.text = text;
        this.parser = parser;
    }

    /**
     * @param delimiter the cell delimiter
     * @return the rows, to be closed
     * @throws IllegalArgumentException if the file cannot be read as CSV text, naming it and why
     * @throws IOException              if reading fails otherwise
     */
    static CsvRows open(Path file, char delimiter) throws IOException {
        checkIsFile(file);
        LineCountingReader in = null;
        try {
            in = new LineCountingReader(utf8(file));
            CsvParser parser = Mapper.MAPPER.getFactory().createParser(in);
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
            return new CsvRows(file, in, parser);
        } catch (IOException | RuntimeException e) {
            if (in != null) {
                in.close();
            }
            throw translate(file, in, e);
        }
    }

    /**
     * @return the next row's cells, or null at the end of the file
     * @throws IllegalArgumentException if the file cannot be read on as CSV text, naming it and why
     * @throws IOException              if reading fails otherwise
     */
    String[] next() throws IOException {
        try {
            JsonToken token;
            boolean inRow = false;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    row.clear();
                    line = -1;
                    inRow = true;
                } else if (token == JsonToken.END_ARRAY) {
                    if (inRow && !row.isEmpty()) {
                        return row.toArray(new String[0]);
                    }
                    inRow = false;
                } else if (inRow) {
                    if (row.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    row.add(parser.getText());
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            throw translate(file, text, e);
        }
    }

    /** @return the 1-based line the row last returned by {@link #next()} starts on */
    int line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            text.close();
        }
    }

    private static RuntimeException translate(Path file, LineCountingReader text, Exception e) throws IOException {
        if (e instanceof NoSuchFileException) {
            return new IllegalArgumentException(file + ": no such file.", e);
        }
        if (e instanceof AccessDeniedException) {
            return new IllegalArgumentException(file + ": cannot read: permission denied: "
                    + "make it readable (chmod +r) or give a copy you can read.", e);
        }
        if (e instanceof CharacterCodingException || e instanceof CharConversionException) {
            return notText(file, text, e);
        }
        if (e instanceof JsonProcessingException j) {
            if (e.getCause() instanceof CharacterCodingException || e.getCause() instanceof CharConversionException) {
                return notText(file, text, e);
            }
            return new IllegalArgumentException(file + ": not valid CSV at line "
                    + j.getLocation().getLineNr() + ": " + j.getOriginalMessage(), e);
        }
        if (e instanceof IOException io) {
            throw io;
        }
        return (RuntimeException) e;
    }

    /** Refuses what is not a regular file with the reason, since opening a folder reports it oddly. */
    static void checkIsFile(Path file) throws IOException {
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
