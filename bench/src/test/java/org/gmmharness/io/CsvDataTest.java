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

    private static final Path IRIS_LABELED = Path.of("../verify/src/test/resources/fixtures/data/iris_labeled.csv");

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
        for (String v : List.of("NaN", "inf", "-Infinity")) {
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
}
