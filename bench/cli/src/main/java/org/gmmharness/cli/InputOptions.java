package org.gmmharness.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.gmmharness.io.ColumnChoice;
import org.gmmharness.io.CsvData;
import org.gmmharness.io.CsvFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The data options shared by the commands that read a CSV file: {@code --input}, {@code --columns},
 * {@code --header} or {@code --no-header}, and {@code --delimiter}. The input may be a numpy
 * {@code .npy} file instead (see {@link org.gmmharness.io.NpyFile}), which refuses {@code --header}
 * and {@code --delimiter}: they describe some other file.
 */
final class InputOptions {

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "CSV data file (UTF-8), one sample per row; or a numpy .npy file (float64, float32, "
                    + "int64 or int32, shape (N, D) or (N,)), whose columns are named 0, 1, ... and which takes "
                    + "neither --header nor --delimiter.")
    Path input;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Columns to use, by header name or 0-based index, comma-separated "
                    + "(default: every column but a labels column).")
    List<String> columns;

    // Two plain options checked in format() rather than an exclusive @ArgGroup: picocli lists a
    // mixin's group options twice in the usage help.
    @Option(names = "--header",
            description = "The first row is a header. Without --header or --no-header, the first row is "
                    + "data if all its cells are numbers, a header if none is, and an error if it mixes both.")
    boolean header;

    @Option(names = "--no-header", description = "The first row is data.")
    boolean noHeader;

    @Option(names = "--delimiter", paramLabel = "C", converter = DelimiterConverter.class,
            description = "Cell delimiter, one character; \\t or tab for a tab (default: ,).")
    Character delimiter;

    /** The command these options belong to, for usage errors. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Reads {@code --delimiter}'s value: one character, or {@code \t} or {@code tab}. */
    static final class DelimiterConverter implements ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            try {
                char c = CsvFormat.parseDelimiter(value);
                // Checks the delimiter's own rules (no quote, no line break) while the option is parsed.
                new CsvFormat(c, CsvFormat.Header.DETECT);
                return c;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * @return the delimiter and header choice given on the command line
     * @throws ParameterException if both --header and --no-header are given
     */
    CsvFormat format() {
        if (header && noHeader) {
            throw new ParameterException(mixee.commandLine(), "--header and --no-header are mutually exclusive: "
                    + "give --header if the first row names the columns, --no-header if it is data.");
        }
        CsvFormat.Header choice = header ? CsvFormat.Header.PRESENT
                : noHeader ? CsvFormat.Header.ABSENT : CsvFormat.Header.DETECT;
        return new CsvFormat(delimiter == null ? ',' : delimiter, choice);
    }

    /**
     * @param labelsColumn a column to keep as labels, or null
     * @return the data
     */
    CsvData read(String labelsColumn) throws IOException {
        return CsvData.read(input, columns, labelsColumn, format());
    }

    /**
     * @param choice chooses the columns once the file's header is known (instead of {@code --columns} alone)
     * @return the data
     */
    CsvData readChoosing(ColumnChoice choice) throws IOException {
        return CsvData.read(input, format(), choice, null);
    }
}
