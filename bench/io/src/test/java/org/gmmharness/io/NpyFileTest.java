package org.gmmharness.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * numpy's {@code .npy} files as input: files written here byte by byte as the format documents it,
 * and files written by numpy itself ({@code bench/io/generator/npy_fixtures.py}).
 */
class NpyFileTest {

    /** Written by bench/io/generator/npy_fixtures.py: x[i, j] = i + j / 8 + 0.25 (floats), 10 i + j (integers). */
    private static final Path FIXTURES = Path.of("src/test/resources/npy");

    @TempDir
    Path dir;

    /** A .npy file as the format documents it: magic, version, header length, padded dict, data. */
    private static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        int unpadded = prefix + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer length = ByteBuffer.allocate(prefix - 8).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            length.putShort((short) header.length());
        } else {
            length.putInt(header.length());
        }
        out.writeBytes(length.array());
        out.writeBytes(header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] doubles(ByteOrder order, double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private String error(Path file, List<String> columns, String labels, CsvFormat format) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvData.read(file, columns, labels, format));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void float64InEveryVersionAndByteOrder() throws IOException {
        double[] x = {1.5, -2, 3, 4.25, 5, 6};
        for (int major = 1; major <= 3; major++) {
            Path file = write("v" + major + ".npy", npy(major,
                    "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", doubles(ByteOrder.LITTLE_ENDIAN, x)));
            CsvData data = CsvData.read(file, null, null);
            assertEquals(3, data.rows());
            assertEquals(List.of("0", "1"), data.columnNames());
            assertArrayEquals(x, data.flatValues());
            assertFalse(data.hasHeader());
            assertArrayEquals(new int[] {1, 2, 3}, data.lines());
            assertNull(data.labels());
        }
        Path big = write("big.npy", npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (3, 2), }",
                doubles(ByteOrder.BIG_ENDIAN, x)));
        assertArrayEquals(x, CsvData.read(big, null, null).flatValues());
    }

    @Test
    void fortranOrderOneDimensionColumnsAndOtherTypes() throws IOException {
        // Column-major: the first column's three values, then the second's.
        Path fortran = write("f.npy", npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 10, 20, 30)));
        assertArrayEquals(new double[] {1, 10, 2, 20, 3, 30}, CsvData.read(fortran, null, null).flatValues());
        CsvData second = CsvData.read(fortran, List.of("1"), null);
        assertEquals(List.of("1"), second.columnNames());
        assertArrayEquals(new double[] {10, 20, 30}, second.flatValues());

        Path c = write("c.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6)));
        assertArrayEquals(new double[] {3, 1, 6, 4}, CsvData.read(c, List.of("2", "0"), null).flatValues());

        Path oneD = write("n.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4)));
        CsvData column = CsvData.read(oneD, null, null);
        assertEquals(4, column.rows());
        assertEquals(1, column.columns());

        ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2.25f);
        Path floats = write("f4.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1), }",
                f4.array()));
        assertArrayEquals(new double[] {1.5, -2.25}, CsvData.read(floats, null, null).flatValues());
        ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-7).putLong(1L << 40);
        Path longs = write("i8.npy", npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }",
                i8.array()));
        assertArrayEquals(new double[] {-7, 1L << 40}, CsvData.read(longs, null, null).flatValues());
        ByteBuffer i4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(3).putInt(-4);
        Path ints = write("i4.npy", npy(2, "{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (2L, 1L)}",
                i4.array()));
        assertArrayEquals(new double[] {3, -4}, CsvData.read(ints, null, null).flatValues());
    }

    @Test
    void recognisedByItsMagicBytesWhateverItsName() throws IOException {
        Path named = write("data.csv", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 7, 8)));
        assertArrayEquals(new double[] {7, 8}, CsvData.read(named, null, null).flatValues());
        assertTrue(NpyFile.isNpy(named));
        Path csv = write("data2.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertFalse(NpyFile.isNpy(csv));
    }

    @Test
    void whatCannotBeReadIsRefusedSayingWhatToDo() throws IOException {
        byte[] data = doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6, 7, 8);
        Object[][] cases = {
            {"{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }", "holds object (Python object) values ('|O')"},
            {"{'descr': [('x', '<f8'), ('y', '<f8')], 'fortran_order': False, 'shape': (4,), }",
                "holds a structured array (named fields)"},
            {"{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }", "holds text values ('<U3')"},
            {"{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", "holds 16-bit float values ('<f2')"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 2), }",
                "holds a 3-D array of shape (2, 2, 2): save a 2-D array"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (), }", "holds a 0-D array"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", "the array is empty (shape (0, 3))"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (5, 2), }", "the file is truncated"},
            {"{'descr': '<f8', 'fortran_order': False}", "lacks 'descr', 'fortran_order' or 'shape'"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), ", "is not a dict literal"},
        };
        for (Object[] c : cases) {
            Path file = write("bad.npy", npy(1, (String) c[0], data));
            String m = error(file, null, null, CsvFormat.DEFAULT);
            assertTrue(m.contains((String) c[1]), m);
        }
        Path nan = write("nan.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, Double.NaN)));
        assertTrue(error(nan, null, null, CsvFormat.DEFAULT)
                .endsWith(": row 1 (0-based), column 1: missing value (NaN): remove or impute the row."));
        Path inf = write("inf.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, Double.NEGATIVE_INFINITY, 3, 4)));
        assertTrue(error(inf, null, null, CsvFormat.DEFAULT).contains("row 0 (0-based), column 1: '-inf' is not"));
        Path version = write("v9.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", data));
        byte[] bytes = Files.readAllBytes(version);
        bytes[6] = 9;
        Files.write(version, bytes);
        assertTrue(error(version, null, null, CsvFormat.DEFAULT).contains("format version 9.0"));
    }

    @Test
    void csvOptionsThatDescribeAnotherFileAreRefused() throws IOException {
        Path file = write("x.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4)));
        assertTrue(error(file, null, null, CsvFormat.DEFAULT.withHeader(CsvFormat.Header.PRESENT))
                .contains("is a .npy file, which has no header row: drop --header"));
        assertTrue(error(file, null, null, CsvFormat.DEFAULT.withDelimiter(';')).contains("drop --delimiter"));
        assertTrue(error(file, null, "1", CsvFormat.DEFAULT).contains("holds no text labels"));
        assertTrue(error(file, List.of("a"), null, CsvFormat.DEFAULT).contains("choose columns by 0-based index"));
        assertTrue(error(file, List.of("2"), null, CsvFormat.DEFAULT).contains("unknown column 2"));
        CsvData data = CsvData.read(file, null, null, CsvFormat.DEFAULT.withHeader(CsvFormat.Header.ABSENT));
        assertEquals(2, data.rows());
    }

    @Test
    void filesWrittenByNumpy() throws IOException {
        for (String name : List.of("f8_c", "f8_fortran", "f8_big_endian", "f4_c")) {
            CsvData data = CsvData.read(FIXTURES.resolve(name + ".npy"), null, null);
            assertEquals(5, data.rows(), name);
            assertEquals(3, data.columns(), name);
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(i + j / 8.0 + 0.25, data.flatValues()[i * 3 + j], name);
                }
            }
        }
        for (String name : List.of("i8_c", "i4_fortran")) {
            CsvData data = CsvData.read(FIXTURES.resolve(name + ".npy"), List.of("2", "1"), null);
            assertArrayEquals(new double[] {42, 41}, new double[] {data.flatValues()[8], data.flatValues()[9]}, name);
        }
        CsvData oneD = CsvData.read(FIXTURES.resolve("f8_1d.npy"), null, null);
        assertArrayEquals(new double[] {0.25, 1.25, 2.25, 3.25, 4.25}, oneD.flatValues());
        assertTrue(error(FIXTURES.resolve("f8_3d.npy"), null, null, CsvFormat.DEFAULT).contains("3-D array"));
        assertTrue(error(FIXTURES.resolve("object.npy"), null, null, CsvFormat.DEFAULT).contains("object"));
        assertTrue(error(FIXTURES.resolve("structured.npy"), null, null, CsvFormat.DEFAULT).contains("structured"));
        assertTrue(error(FIXTURES.resolve("text.npy"), null, null, CsvFormat.DEFAULT).contains("text values"));
    }
}
