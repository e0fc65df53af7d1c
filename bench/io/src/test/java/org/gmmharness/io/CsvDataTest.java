package org.gmmharness.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header detection, column choice and the position in every rejection message. */
class CsvDataTest {

    private static final Path IRIS_LABELED = Path.of("../../verify/src/test/resources/fixtures/data/iris_labeled.csv");

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String error(String text, List<String> columns, String labels) throws IOException {
        Path file = csv(text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvData.read(file, columns, labels));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void irisWithLabels() throws IOException {
        CsvData data = CsvData.read(IRIS_LABELED, null, "species");
        assertTrue(data.hasHeader());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), data.columnNames());
        assertEquals(150, data.rows());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, data.values()[0]);
        assertEquals("setosa", data.labels()[0]);
        assertEquals("virginica", data.labels()[149]);
        assertEquals(0, data.labelCodes()[0]);
        assertEquals(2, data.labelCodes()[149]);
        assertEquals(2, data.lines()[0]);
        assertEquals(151, data.lines()[149]);
    }

    @Test
    void headerlessFileIsReadFromItsFirstLine() throws IOException {
        CsvData data = CsvData.read(csv("1,2\n3.5,-4e2\n"), null, null);
        assertFalse(data.hasHeader());
        assertEquals(List.of("0", "1"), data.columnNames());
        assertArrayEquals(new double[][] {{1, 2}, {3.5, -400}}, data.values());
        assertArrayEquals(new int[] {1, 2}, data.lines());
        assertNull(data.labels());
    }

    @Test
    void columnsByNameOrIndexInTheOrderGiven() throws IOException {
        CsvData data = CsvData.read(csv("a,b,c\n1,2,3\n4,5,6\n"), List.of("c", "0"), null);
        assertEquals(List.of("c", "a"), data.columnNames());
        assertArrayEquals(new double[][] {{3, 1}, {6, 4}}, data.values());
        CsvData headerless = CsvData.read(csv("1,2,3\n4,5,6\n"), List.of("2"), null);
        assertArrayEquals(new double[][] {{3}, {6}}, headerless.values());
    }

    @Test
    void quotedCellsBlankLinesSpacesAndByteOrderMark() throws IOException {
        CsvData data = CsvData.read(csv("\uFEFF\"name, long\",x\n\"1.5\", 2 \n\n3,\"4\"\n"), null, null);
        assertEquals(List.of("name, long", "x"), data.columnNames());
        assertArrayEquals(new double[][] {{1.5, 2}, {3, 4}}, data.values());
        assertArrayEquals(new int[] {2, 4}, data.lines(), "blank lines still count");
    }

    @Test
    void nonNumericCellNamesLineAndColumn() throws IOException {
        String m = error("a,b\n1,2\n3,x7\n", null, null);
        assertTrue(m.contains("line 3, column 'b' (index 1): non-numeric value 'x7'"), m);
        m = error("1,2\n3,x7\n", null, null);
        assertTrue(m.contains("line 2, column index 1 (no header): non-numeric value 'x7'"), m);
    }

    @Test
    void lineNumbersCountLinesInsideQuotedCells() throws IOException {
        String m = error("a,b\n\"multi\nline\",2\n3,oops\n", List.of("b"), null);
        assertTrue(m.contains("line 4, column 'b' (index 1)"), m);
    }

    @Test
    void missingCellsNameLineAndColumn() throws IOException {
        String m = error("a,b,c\n1,2,3\n4,,6\n", null, null);
        assertTrue(m.contains("line 3, column 'b' (index 1): missing value"), m);
        m = error("a,b,c\n1,2,3\n4,5\n", null, null);
        assertTrue(m.contains("line 3, column 'c' (index 2): missing value"), m);
    }

    @Test
    void nonFiniteValuesAreRejected() throws IOException {
        for (String v : List.of("inf", "-Infinity")) {
            String m = error("a\n1\n" + v + "\n", null, null);
            assertTrue(m.contains("line 3, column 'a' (index 0): '" + v + "' is not a finite number"), m);
        }
        String m = error("a\n1\n1e999\n", null, null);
        assertTrue(m.contains("overflows"), m);
    }

    @Test
    void unknownColumnsAreRejected() throws IOException {
        assertTrue(error("a,b\n1,2\n", List.of("c"), null).contains("unknown column 'c': the columns are a, b"));
        assertTrue(error("a,b\n1,2\n", List.of("2"), null).contains("unknown column 2: the file has 2 column(s)"));
        assertTrue(error("1,2\n3,4\n", List.of("a"), null).contains("no header"));
        assertTrue(error("a,b\n1,2\n", List.of("a", "0"), null).contains("chosen twice"));
        assertTrue(error("a,b\n1,2\n", null, "label").contains("unknown column 'label'"));
    }

    @Test
    void raggedEmptyAndHeaderOnlyFilesAreRejected() throws IOException {
        assertTrue(error("a,b\n1,2\n3,4,5\n", null, null).contains("line 3 has 3 cells but the header has 2"));
        assertTrue(error("", null, null).contains("the file is empty"));
        assertTrue(error("\n\n", null, null).contains("the file is empty"));
        assertTrue(error("a,b\n", null, null).contains("header but no data rows"));
        assertTrue(error("a\n1\n", null, "a").contains("no data columns are left"));
    }

    @Test
    void missingLabelsAreRejected() throws IOException {
        String m = error("x,label\n1,a\n2,\n", null, "label");
        assertTrue(m.contains("line 3, column 'label' (index 1): missing label"), m);
    }

    @Test
    void brokenQuotingIsRejected() throws IOException {
        String m = error("a,b\n1,\"2\n", null, null);
        assertTrue(m.contains("not valid CSV"), m);
    }

    @Test
    void missingFileIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvData.read(dir.resolve("none.csv"), null, null));
        assertTrue(e.getMessage().endsWith("none.csv: no such file."), e.getMessage());
    }

    // ---- the header: given, or detected without guessing --------------------------------------

    private CsvData read(String text, CsvFormat format) throws IOException {
        return CsvData.read(csv(text), null, null, format);
    }

    private String error(String text, List<String> columns, String labels, CsvFormat format) throws IOException {
        Path file = csv(text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvData.read(file, columns, labels, format));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void firstRowWithATypoIsNeitherHeaderNorDataUntilTheUserSays() throws IOException {
        String m = error("5.1,3.5,1.4,O.2\n4.9,3.0,1.4,0.2\n", null, null);
        assertTrue(m.contains("line 1 mixes numbers and text"), m);
        assertTrue(m.contains("'5.1' (index 0), '3.5' (index 1), '1.4' (index 2) look numeric"), m);
        assertTrue(m.contains("'O.2' (index 3) looks like text"), m);
        assertTrue(m.contains("pass --header if line 1 is a header, or --no-header if it is data"), m);
        m = error("5.1,3.5,1.4,O.2\n4.9,3.0,1.4,0.2\n", null, null, CsvFormat.DEFAULT.withHeader(CsvFormat.Header.ABSENT));
        assertTrue(m.contains("line 1, column index 3 (no header): non-numeric value 'O.2'"), m);
    }

    @Test
    void headerlessFileWithLabelsNeedsNoHeader() throws IOException {
        String text = "5.1,3.5,1.4,0.2,setosa\n7.0,3.2,4.7,1.4,versicolor\n";
        String m = error(text, null, "4");
        assertTrue(m.contains("'setosa' (index 4) looks like text"), m);
        assertTrue(m.contains("a file without a header that has a text column, such as labels, needs --no-header"), m);
        CsvData data = CsvData.read(csv(text), null, "4", CsvFormat.DEFAULT.withHeader(CsvFormat.Header.ABSENT));
        assertFalse(data.hasHeader());
        assertEquals(2, data.rows());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, data.values()[0]);
        assertEquals("versicolor", data.labels()[1]);
    }

    @Test
    void givenHeaderIsTakenEvenWhenNumeric() throws IOException {
        assertTrue(error("x,2024\n1,2\n", null, null).contains("'2024' (index 1) looks numeric"));
        CsvData data = read("x,2024\n1,2\n", CsvFormat.DEFAULT.withHeader(CsvFormat.Header.PRESENT));
        assertTrue(data.hasHeader());
        assertEquals(List.of("x", "2024"), data.columnNames());
        assertArrayEquals(new double[][] {{1, 2}}, data.values());
    }

    @Test
    void detectionIgnoresBlankAndMissingCells() throws IOException {
        String m = error("1,,NA\n4,5,6\n", null, null);
        assertTrue(m.contains("line 1, column index 1 (no header): missing value"), m);
        CsvData data = CsvData.read(csv(",a,b\n0,1,2\n"), List.of("a", "b"), null);
        assertTrue(data.hasHeader(), "a blank header cell (an unnamed index) does not make the row data");
        assertTrue(error("1e3,-2,.5,inf\n", null, null).contains("line 1, column index 3 (no header): 'inf' is not"));
    }

    @Test
    void duplicateHeaderNamesAreRefused() throws IOException {
        String m = error("a,b,a\n1,2,3\n", null, null);
        assertTrue(m.contains("line 1: the header names two columns 'a' (indices 0 and 2)"), m);
        assertTrue(m.contains("rename one of them"), m);
        m = error("a,b,a\n1,2,3\n", List.of("b"), null, CsvFormat.DEFAULT.withHeader(CsvFormat.Header.PRESENT));
        assertTrue(m.contains("'a' (indices 0 and 2)"), m);
    }

    // ---- delimiters and how numbers are written ------------------------------------------------

    @Test
    void otherDelimitersAreRead() throws IOException {
        CsvData tabs = read("a\tb\n1\t2.5\n", CsvFormat.DEFAULT.withDelimiter('\t'));
        assertEquals(List.of("a", "b"), tabs.columnNames());
        assertArrayEquals(new double[][] {{1, 2.5}}, tabs.values());
        CsvData semicolons = read("1;2\n3;\"4\"\n", CsvFormat.DEFAULT.withDelimiter(';'));
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, semicolons.values());
    }

    @Test
    void delimitersAreParsedAsUsersWriteThem() {
        assertEquals('\t', CsvFormat.parseDelimiter("\\t"));
        assertEquals('\t', CsvFormat.parseDelimiter("tab"));
        assertEquals('\t', CsvFormat.parseDelimiter("TAB"));
        assertEquals('\t', CsvFormat.parseDelimiter("\t"));
        assertEquals(';', CsvFormat.parseDelimiter(";"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvFormat.parseDelimiter(";;"))
                .getMessage().contains("one character"));
        assertThrows(IllegalArgumentException.class, () -> CsvFormat.parseDelimiter(""));
        assertThrows(IllegalArgumentException.class, () -> new CsvFormat('"', CsvFormat.Header.DETECT));
        assertThrows(IllegalArgumentException.class, () -> new CsvFormat('\n', CsvFormat.Header.DETECT));
    }

    @Test
    void semicolonSeparatedFileReadWithCommasIsRecognised() throws IOException {
        for (String text : List.of("a;b;c\n1;2;3\n", "1;2;3\n4;5;6\n", "a;b\n5,1;3,5\n")) {
            String m = error(text, null, null);
            assertTrue(m.endsWith(": line 1: the cells contain ';': the file looks semicolon-separated: "
                    + "pass --delimiter ';'."), m);
        }
        String m = error("a\tb\n1\t2\n", null, null);
        assertTrue(m.contains("the file looks tab-separated: pass --delimiter tab."), m);
        CsvData named = CsvData.read(csv("ratio;percent\n0.5\n"), null, null);
        assertEquals(List.of("ratio;percent"), named.columnNames(), "one column whose name holds a ';' is fine");
    }

    @Test
    void decimalCommasAreNamed() throws IOException {
        CsvFormat semicolons = CsvFormat.DEFAULT.withDelimiter(';');
        String m = error("a;b\n5,1;3,5\n", null, null, semicolons);
        assertTrue(m.contains("line 2, column 'a' (index 0): '5,1' uses a decimal comma: numbers must use a "
                + "decimal point (5.1)."), m);
        m = error("5,1;3,5\n4,9;3,0\n", null, null, semicolons);
        assertTrue(m.contains("line 1, column index 0 (no header): '5,1' uses a decimal comma"),
                "a first row of decimal commas is data, not a header: " + m);
    }

    @Test
    void missingValueSpellingsAreNamedAsMissing() throws IOException {
        for (String v : List.of("NA", "N/A", "NULL", "?", "nan", "NaN", "None", "#N/A")) {
            String m = error("a,b\n1,2\n3," + v + "\n", null, null);
            assertTrue(m.contains("line 3, column 'b' (index 1): missing value '" + v + "': remove or impute the row."), m);
        }
        String m = error("a,b\n1,2\n3,\n", null, null);
        assertTrue(m.contains("line 3, column 'b' (index 1): missing value (empty cell): remove or impute the row."), m);
    }

    // ---- what is not a CSV file -----------------------------------------------------------------

    @Test
    void folderIsNotAFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvData.read(dir, null, null));
        assertEquals(dir + ": is a folder, not a file: give a CSV file.", e.getMessage());
    }

    @Test
    void binaryDataIsNotText() throws IOException {
        byte[] gzip = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c};
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        byte[] nulAfterText = "a,b\n1,2\n3,\u0000\u0000\n".getBytes(StandardCharsets.UTF_8);
        Object[][] cases = {{gzip, 1}, {png, 1}, {random, null}, {nulAfterText, 3}};
        for (Object[] c : cases) {
            Path file = dir.resolve("data.bin");
            Files.write(file, (byte[]) c[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CsvData.read(file, null, null));
            String m = e.getMessage();
            assertTrue(m.startsWith(file + ": not UTF-8 text (line " + (c[1] == null ? "" : c[1] + ")")), m);
            assertTrue(m.contains("a CSV file is expected"), m);
        }
    }
}
