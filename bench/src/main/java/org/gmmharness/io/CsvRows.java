package org.gmmharness.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The raw rows of a CSV file, each with the 1-based line it starts on, read with Jackson's CSV
 * parser: quoted cells (with commas or line breaks inside) as RFC 4180, a UTF-8 byte-order mark
 * ignored, blank lines skipped, spaces around cells trimmed.
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
     * @throws IllegalArgumentException if the file is missing or is not valid CSV, naming it
     * @throws IOException              if reading fails otherwise
     */
    static CsvRows read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file.");
        }
        CsvRows rows = new CsvRows();
        try (InputStream in = Files.newInputStream(file);
             CsvParser parser = MAPPER.getFactory().createParser(in)) {
            parser.setSchema(CsvSchema.emptySchema());
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
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid CSV at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
        return rows;
    }

    int size() {
        return cells.size();
    }
}
