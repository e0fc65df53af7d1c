package org.gmmharness.io;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Writes rows of cells as CSV with Jackson (cells quoted where needed), one row per line, with
 * {@code \n} line ends. Numbers are best given as {@link #number(double)}, which round-trips.
 */
public final class CsvOutput implements AutoCloseable {

    private static final CsvMapper MAPPER = new CsvMapper();

    private final SequenceWriter rows;

    /**
     * @param out    where the rows go; not closed by {@link #close()}
     * @param header the header row
     */
    public CsvOutput(Writer out, List<String> header) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withLineSeparator("\n");
        this.rows = MAPPER.writerFor(String[].class).with(schema)
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out);
        row(header.toArray(new String[0]));
    }

    /** Writes one row. */
    public void row(String... cells) throws IOException {
        rows.write(cells);
    }

    /** @return text that reads back as exactly {@code v} */
    public static String number(double v) {
        return Double.toString(v);
    }

    /** Flushes the rows written; the underlying writer stays open. */
    @Override
    public void close() throws IOException {
        rows.close();
    }
}
