package org.gmmharness.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast byte reader reads what the careful reader (Jackson) reads, in one part or split over
 * several; it hands unusual files over; and its number checks and parsing agree with the careful
 * ones.
 */
class CsvBytesTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return file(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(byte[] bytes) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.write(file, bytes);
        return file;
    }

    private static void assertSame(CsvData expected, CsvData actual) {
        assertEquals(expected.hasHeader(), actual.hasHeader());
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rows(), actual.rows());
        assertArrayEquals(expected.flatValues(), actual.flatValues());
        assertArrayEquals(expected.lines(), actual.lines());
        assertArrayEquals(expected.labels(), actual.labels());
    }

    /** Reads the file fast, in {@code parts} parts of at least one byte, and carefully, and compares. */
    private CsvData readBothWays(Path file, CsvFormat format, List<String> columns, String labels, int parts)
            throws Exception {
        CsvData careful = CsvData.readCarefully(file, format, ColumnChoice.of(columns), labels);
        CsvData fast = CsvBytes.read(file, format, ColumnChoice.of(columns), labels, parts, 1);
        assertSame(careful, fast);
        assertSame(careful, CsvData.read(file, format, ColumnChoice.of(columns), labels));
        return fast;
    }

    @Test
    void plainlyWrittenFilesReadAsJacksonReadsThem() throws Exception {
        String[] texts = {
            "a,b\n1,2\n3,4\n",
            "a,b\n1,2\n3,4",
            "1,2\n3,4\n",
            "\uFEFFa,b\r\n1,2\r\n\r\n3,4\r\n",
            "\n\na,b\n\n1,2\n\n\n3,4\n\n",
            " a , b \n 1 , 2 \n3 ,  4\n",
            "\"a\",\"b, c\"\n\"1.5\", 2\n3,\"4\"\n",
            "\"multi\nline\",b\n1,2\n\"3\",4\n",
            "x,label\n1,\"say \"\"hi\"\"\"\n2,caf\u00e9\n3,\"two\r\nlines\"\n",
            "a,b,c\n1,2,3\n4,5,6\n",
            "+1,-2.,.5e-3,1E+2\n-0,0.0,7e0,8\n",
        };
        for (String text : texts) {
            for (int parts : new int[] {1, 2, 3, 7}) {
                String labels = text.startsWith("x,label") ? "label" : null;
                readBothWays(file(text), CsvFormat.DEFAULT, null, labels, parts);
            }
        }
        CsvData data = readBothWays(file("a,b,c\n1,2,3\n4,5,6\n"), CsvFormat.DEFAULT, List.of("c", "a"), null, 2);
        assertArrayEquals(new double[] {3, 1, 6, 4}, data.flatValues());
        assertEquals(2, data.rows());
        assertEquals(2, data.columns());
        readBothWays(file("a\tb\n1\t2\n"), CsvFormat.DEFAULT.withDelimiter('\t'), null, null, 2);
        readBothWays(file("a;b\n1;2\n3;4\n"), CsvFormat.DEFAULT.withDelimiter(';'), null, null, 2);
    }

    @Test
    void numbersAreParsedExactlyAsDoubleParseDouble() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            for (int j = 0; j < 5; j++) {
                double v = switch (j) {
                    case 0 -> rng.nextGaussian() * 30;
                    case 1 -> Double.longBitsToDouble(rng.nextLong()) % 1e300;
                    case 2 -> rng.nextDouble() * 1e-300;
                    case 3 -> rng.nextInt(1_000_000) - 500_000;
                    default -> Math.round(rng.nextGaussian() * 1e5) / 1e5;
                };
                if (!Double.isFinite(v)) {
                    v = 0;
                }
                csv.append(j > 0 ? "," : "").append(j == 4 ? String.format("%.5f", v) : Double.toString(v));
            }
            csv.append('\n');
        }
        csv.append("12345678901234567890123,0.1000000000000000055511151231257827,4.9e-324,1e-400,")
                .append("2.2250738585072011e-308\n");
        CsvData data = readBothWays(file(csv.toString()), CsvFormat.DEFAULT, null, null, 3);
        assertEquals(4001, data.rows());
    }

    @Test
    void numberSyntaxOnBytesIsCellsIsNumber() {
        char[] alphabet = {'0', '7', '+', '-', '.', 'e', 'E', 'x', 'X', ' ', 'd', 'f', 'p', 'N', 'a', 'I', 'y', '_'};
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 400_000; i++) {
            int length = rng.nextInt(8);
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < length; k++) {
                s.append(alphabet[rng.nextInt(alphabet.length)]);
            }
            String cell = s.toString();
            byte[] b = ("," + cell + ",").getBytes(StandardCharsets.US_ASCII);
            boolean number = Cells.isNumber(cell);
            assertEquals(number, CsvBytes.isNumber(b, 1, b.length - 1), "'" + cell + "'");
            double parsed = CsvBytes.parse(b, 1, b.length - 1);
            if (number) {
                assertEquals(Double.parseDouble(cell), JavaDoubleParser.parseDouble(b, 1, b.length - 2), cell);
                assertEquals(Double.parseDouble(cell), parsed, cell);
            } else if (cell.strip().equals(cell)) {
                // Cells reach the parser trimmed of spaces.
                assertTrue(Double.isNaN(parsed), "'" + cell + "' parsed as " + parsed);
            }
        }
        for (String s : List.of("NaN", "Infinity", "-Infinity", "0x1p3", "-0X1.8P1", "1d", "1f", "1.5D", " 1", "1 ",
                "1e", "e1", ".", "+", "1_0", "0x10")) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertFalse(CsvBytes.isNumber(b, 0, b.length), s);
            if (s.strip().equals(s)) {
                assertTrue(Double.isNaN(CsvBytes.parse(b, 0, b.length)), s);
            }
        }
    }

    @Test
    void largeFileSplitOverPartsKeepsEveryRowAndLine() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(',').append(i * 0.5).append(',').append(i % 3 == 0 ? "\"a\nb\"" : "c").append('\n');
            if (i % 1000 == 0) {
                csv.append('\n');
            }
        }
        Path file = file(csv.toString());
        for (int parts : new int[] {1, 2, 5}) {
            // Splits may fall inside the quoted line breaks: the file is then read again as one part.
            CsvData data = readBothWays(file, CsvFormat.DEFAULT, null, "label", parts);
            assertEquals(20_000, data.rows());
            assertEquals(19_999 * 0.5, data.flatValues()[2 * 19_999 + 1]);
        }
        StringBuilder plain = new StringBuilder("x,y\n");
        for (int i = 0; i < 50_000; i++) {
            plain.append(i).append(',').append(-i).append("\r\n");
        }
        CsvData data = readBothWays(file(plain.toString()), CsvFormat.DEFAULT, null, null, 4);
        assertEquals(50_001, data.lines()[49_999]);
    }

    @Test
    void aBadCellInALaterPartNamesItsLineInTheFile() throws Exception {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(i).append(",\"").append(i % 7 == 0 ? "x\ny" : "1").append("\"\n");
        }
        String text = csv.toString().replace("\n9000,\"1\"\n", "\n90x0,\"1\"\n");
        assertTrue(text.contains("90x0"));
        Path file = file(text);
        long expectedLine = text.substring(0, text.indexOf("90x0")).chars().filter(c -> c == '\n').count() + 1;
        for (int parts : new int[] {1, 2, 3}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CsvBytes.read(file, CsvFormat.DEFAULT, ColumnChoice.of(List.of("a")), null, parts, 1));
            assertEquals(file + ": line " + expectedLine + ", column 'a' (index 0): non-numeric value '90x0': choose "
                    + "numeric columns with --columns.", e.getMessage());
            String m = assertThrows(IllegalArgumentException.class,
                    () -> CsvBytes.read(file, CsvFormat.DEFAULT, ColumnChoice.of(null), null, parts, 1)).getMessage();
            assertEquals(file + ": line 2, column 'b' (index 1): non-numeric value 'x\ny': choose numeric columns "
                    + "with --columns.", m, "the first bad cell in the file, as the careful reader says it");
        }
    }

    @Test
    void unusualFilesAreHandedToTheCarefulReader() throws Exception {
        String[] texts = {
            "a,b\r1,2\r3,4\r",
            "a,b\n1,2\n3,\u00004\n",
            "a,b\n1,2\n3,4\"\n",
            "a,b\n1,2\n   \n3,4\n",
            "a,b\n1,2\n\"3\"x,4\n",
            "a,b\n1,\"2\n",
            "a,b\n1,2\t\n",
        };
        for (String text : texts) {
            Path file = file(text);
            assertThrows(CsvBytes.Unusual.class,
                    () -> CsvBytes.read(file, CsvFormat.DEFAULT, ColumnChoice.of(null), null, 1, 1), text);
        }
        byte[] latin1 = "a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = file(latin1);
        assertThrows(CsvBytes.Unusual.class,
                () -> CsvBytes.read(file, CsvFormat.DEFAULT, ColumnChoice.of(List.of("a")), null, 1, 1));
        String m = assertThrows(IllegalArgumentException.class, () -> CsvData.read(file, List.of("a"), null))
                .getMessage();
        assertTrue(m.startsWith(file + ": not UTF-8 text (line "), m);
        CsvData crOnly = CsvData.read(file("a,b\r1,2\r3,4\r"), null, null);
        assertArrayEquals(new double[] {1, 2, 3, 4}, crOnly.flatValues());
        CsvData spaces = CsvData.read(file("a,b\n1,2\n   \n3,4\n"), null, null);
        assertArrayEquals(new int[] {2, 4}, spaces.lines());
    }

    @Test
    void flatValuesIsTheArrayAndValuesACopy() throws IOException {
        CsvData data = CsvData.read(file("a,b\n1,2\n3,4\n5,6\n"), null, null);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, data.flatValues());
        assertTrue(data.flatValues() == data.flatValues(), "not copied");
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}, {5, 6}}, data.values());
        data.values()[0][0] = 99;
        assertEquals(1, data.flatValues()[0]);
        assertEquals(3, data.rows());
        assertEquals(2, data.columns());
    }
}
