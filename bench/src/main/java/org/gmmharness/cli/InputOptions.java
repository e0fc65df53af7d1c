package org.gmmharness.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.gmmharness.io.CsvData;
import picocli.CommandLine.Option;

/** The data options shared by the commands that read a CSV file: {@code --input} and {@code --columns}. */
final class InputOptions {

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "CSV data file, one sample per row; a header row is detected.")
    Path input;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Columns to use, by header name or 0-based index, comma-separated "
                    + "(default: every column but a labels column).")
    List<String> columns;

    /**
     * @param labelsColumn a column to keep as labels, or null
     * @return the data
     */
    CsvData read(String labelsColumn) throws IOException {
        return CsvData.read(input, columns, labelsColumn);
    }
}
