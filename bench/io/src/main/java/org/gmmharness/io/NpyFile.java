package org.gmmharness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads numpy's {@code .npy} files as N×D data: the format numpy documents for {@code numpy.save}
 * (versions 1.0, 2.0 and 3.0): the magic bytes {@code \x93NUMPY}, the version, the header's length,
 * and a header that is a Python dict literal with {@code 'descr'}, {@code 'fortran_order'} and
 * {@code 'shape'}, followed by the data.
 *
 * <p>Read: float64, float32, int64 and int32 arrays in either byte order ({@code '<f8'},
 * {@code '>f8'}, {@code '<f4'}, {@code '<i8'}, {@code '<i4'}, ...), converted to double, in C or
 * Fortran order, of shape (N, D) or (N,) (read as N×1). Refused, with a one-line message naming the
 * file and what to do: other dtypes (object, text, structured arrays with named fields, ...), arrays
 * of other dimensions, empty arrays, non-finite values (as in CSV files), and a file shorter than its
 * header says.
 *
 * <p>The columns are named by their 0-based indices, which {@code --columns} takes. A {@code .npy}
 * file has no header row, no delimiter and no text: a {@link CsvFormat} that says there is a header
 * or gives another delimiter than the comma is refused, as is a labels column. The values are read
 * with bulk buffer transfers from a {@link FileChannel} into the flat row-major array.
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Bytes read from the file at a time. */
    private static final int CHUNK = 8 << 20;

    private NpyFile() {
    }

    /** @return whether the file starts with numpy's magic bytes; false if it cannot be read */
    public static boolean isNpy(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // keep reading
            }
            if (head.hasRemaining()) {
                return false;
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (head.get(i) != MAGIC[i]) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            // The CSV reader says why it cannot be read.
            return false;
        }
    }

    /** The header of a {@code .npy} file. */
    record Header(char byteOrder, char kind, int size, boolean fortranOrder, long[] shape, long dataOffset) {
    }

    /**
     * @param format       must not say there is a header nor give another delimiter than the comma
     * @param choice       chooses columns by 0-based index
     * @param labelsColumn must be null: a .npy file has no text
     * @throws IllegalArgumentException naming the file and what to do, as the class says
     */
    static CsvData read(Path file, CsvFormat format, ColumnChoice choice, String labelsColumn) throws IOException {
        if (format.header() == CsvFormat.Header.PRESENT) {
            throw new IllegalArgumentException(file + ": is a .npy file, which has no header row: drop --header "
                    + "(its columns are named by their 0-based indices).");
        }
        if (format.delimiter() != ',') {
            throw new IllegalArgumentException(file + ": is a .npy file, not CSV text: drop --delimiter.");
        }
        if (labelsColumn != null) {
            throw new IllegalArgumentException(file + ": is a .npy file, which holds no text labels: give the "
                    + "labels in a CSV file, or leave out the labels column.");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(file, channel);
            long n = h.shape()[0];
            int width = h.shape().length == 1 ? 1 : (int) h.shape()[1];
            List<String> columns = choice.columns(null, width);
            int[] chosen = ColumnSelection.resolve(file, null, width, columns, -1);
            int d = chosen.length;
            if (n * d > Integer.MAX_VALUE - 8) {
                throw CsvData.tooMany(file, n, d);
            }
            long needed = h.dataOffset() + n * width * h.size();
            if (channel.size() < needed) {
                throw new IllegalArgumentException(file + ": is shorter (" + channel.size() + " bytes) than its "
                        + "header says (" + needed + " bytes): the file is truncated; save it again.");
            }
            double[] values = new double[(int) n * d];
            Reader reader = new Reader(channel, h);
            if (h.fortranOrder() && width > 1) {
                // Column j is a run of N values: read each chosen column and spread it over the rows.
                for (int c = 0; c < d; c++) {
                    long start = (long) chosen[c] * n;
                    int column = c;
                    reader.read(start, n, (chunk, first, count) -> {
                        int row = (int) (first - start);
                        for (int k = 0; k < count; k++) {
                            values[(row + k) * d + column] = chunk[k];
                        }
                    });
                }
            } else if (isIdentity(chosen, width)) {
                reader.readInto(values, n * width);
            } else {
                reader.read(0, n * width, (chunk, first, count) -> {
                    for (int k = 0; k < count; k++) {
                        long e = first + k;
                        int row = (int) (e / width);
                        int column = (int) (e % width);
                        for (int c = 0; c < d; c++) {
                            if (chosen[c] == column) {
                                values[row * d + c] = chunk[k];
                            }
                        }
                    }
                });
            }
            checkFinite(file, values, d, chosen);
            int[] lines = new int[(int) n];
            for (int i = 0; i < n; i++) {
                lines[i] = i + 1;
            }
            List<String> names = new ArrayList<>();
            for (int j : chosen) {
                names.add(String.valueOf(j));
            }
            return new CsvData(file, false, names, values, (int) n, lines, null);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file.", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(file + ": cannot read: permission denied: "
                    + "make it readable (chmod +r) or give a copy you can read.", e);
        }
    }

    private static boolean isIdentity(int[] chosen, int width) {
        if (chosen.length != width) {
            return false;
        }
        for (int j = 0; j < width; j++) {
            if (chosen[j] != j) {
                return false;
            }
        }
        return true;
    }

    private static void checkFinite(Path file, double[] values, int d, int[] chosen) {
        for (int e = 0; e < values.length; e++) {
            double v = values[e];
            if (!Double.isFinite(v)) {
                String where = file + ": row " + (e / d) + " (0-based), column " + chosen[e % d] + ": ";
                throw new IllegalArgumentException(where + (Double.isNaN(v)
                        ? "missing value (NaN): remove or impute the row."
                        : "'" + (v > 0 ? "inf" : "-inf") + "' is not a finite number: remove or impute it."));
            }
        }
    }

    /** Values handed over a chunk at a time: {@code count} values of the file's elements from {@code first}. */
    private interface Chunks {
        void take(double[] chunk, long first, int count);
    }

    /** Reads runs of elements, converting them to double. */
    private static final class Reader {
        private final FileChannel channel;
        private final Header h;
        private final ByteBuffer bytes;
        private double[] chunk;

        Reader(FileChannel channel, Header h) {
            this.channel = channel;
            this.h = h;
            this.bytes = ByteBuffer.allocate(CHUNK).order(h.byteOrder() == '>' ? ByteOrder.BIG_ENDIAN
                    : ByteOrder.LITTLE_ENDIAN);
        }

        /** Reads {@code count} elements from element {@code first} straight into {@code out}. */
        void readInto(double[] out, long count) throws IOException {
            long done = 0;
            while (done < count) {
                int run = fill(done, count - done);
                convert(out, (int) done, run);
                done += run;
            }
        }

        void read(long first, long count, Chunks sink) throws IOException {
            if (chunk == null) {
                chunk = new double[CHUNK / h.size()];
            }
            long done = 0;
            while (done < count) {
                int run = fill(first + done, count - done);
                convert(chunk, 0, run);
                sink.take(chunk, first + done, run);
                done += run;
            }
        }

        /** @return the number of elements read into {@code bytes}, from element {@code first} */
        private int fill(long first, long count) throws IOException {
            int run = (int) Math.min(count, CHUNK / h.size());
            bytes.clear().limit(run * h.size());
            long position = h.dataOffset() + first * h.size();
            while (bytes.hasRemaining()) {
                int read = channel.read(bytes, position + bytes.position());
                if (read < 0) {
                    throw new IOException(channel + ": the file became shorter while it was read");
                }
            }
            bytes.flip();
            return run;
        }

        private void convert(double[] out, int offset, int run) {
            switch (h.kind()) {
                case 'f' -> {
                    if (h.size() == 8) {
                        bytes.asDoubleBuffer().get(out, offset, run);
                    } else {
                        var in = bytes.asFloatBuffer();
                        for (int k = 0; k < run; k++) {
                            out[offset + k] = in.get(k);
                        }
                    }
                }
                case 'i' -> {
                    if (h.size() == 8) {
                        var in = bytes.asLongBuffer();
                        for (int k = 0; k < run; k++) {
                            out[offset + k] = in.get(k);
                        }
                    } else {
                        var in = bytes.asIntBuffer();
                        for (int k = 0; k < run; k++) {
                            out[offset + k] = in.get(k);
                        }
                    }
                }
                default -> throw new IllegalStateException("kind " + h.kind());
            }
        }
    }

    /** Reads and checks the header. */
    static Header header(Path file, FileChannel channel) throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(fixed, 0);
        if (fixed.position() < 10) {
            throw truncated(file);
        }
        int major = fixed.get(6) & 0xff;
        int minor = fixed.get(7) & 0xff;
        long length;
        int prefix;
        if (major == 1) {
            length = fixed.getShort(8) & 0xffff;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            if (fixed.position() < 12) {
                throw truncated(file);
            }
            length = fixed.getInt(8) & 0xffffffffL;
            prefix = 12;
        } else {
            throw new IllegalArgumentException(file + ": is a .npy file of format version " + major + "." + minor
                    + ", which is not read (versions 1.0, 2.0 and 3.0 are): save it with numpy.save.");
        }
        if (length > 1 << 20) {
            throw new IllegalArgumentException(file + ": its .npy header claims " + length + " bytes: the file is "
                    + "damaged; save it again with numpy.save.");
        }
        ByteBuffer text = ByteBuffer.allocate((int) length);
        while (text.hasRemaining()) {
            if (channel.read(text, prefix + text.position()) < 0) {
                throw truncated(file);
            }
        }
        String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> fields;
        try {
            fields = new DictParser(dict).dict();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": its .npy header is not a dict literal (" + e.getMessage()
                    + "): the file is damaged; save it again with numpy.save.", e);
        }
        Object descr = fields.get("descr");
        Object fortran = fields.get("fortran_order");
        Object shape = fields.get("shape");
        if (descr == null || fortran == null || shape == null) {
            throw new IllegalArgumentException(file + ": its .npy header lacks 'descr', 'fortran_order' or 'shape': "
                    + "the file is damaged; save it again with numpy.save.");
        }
        if (!(descr instanceof String dtype)) {
            throw new IllegalArgumentException(file + ": holds a structured array (named fields), which is not "
                    + "read: save a plain 2-D float64 array (numpy.lib.recfunctions.structured_to_unstructured).");
        }
        char order = dtype.isEmpty() ? '?' : dtype.charAt(0);
        char kind = dtype.length() < 2 ? '?' : dtype.charAt(1);
        String sizeText = dtype.length() < 3 ? "" : dtype.substring(2);
        boolean supported = (order == '<' || order == '>' || order == '=' || order == '|')
                && (kind == 'f' || kind == 'i') && (sizeText.equals("4") || sizeText.equals("8"));
        if (!supported) {
            throw new IllegalArgumentException(file + ": holds " + describeDtype(dtype) + " values ('" + dtype
                    + "'), which are not read: save float64 data (x.astype('float64')).");
        }
        if (order == '=' || order == '|') {
            order = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? '>' : '<';
        }
        if (!(fortran instanceof Boolean fortranOrder)) {
            throw new IllegalArgumentException(file + ": its .npy header's 'fortran_order' is not True or False: "
                    + "the file is damaged; save it again with numpy.save.");
        }
        if (!(shape instanceof long[] dims)) {
            throw new IllegalArgumentException(file + ": its .npy header's 'shape' is not a tuple of integers: "
                    + "the file is damaged; save it again with numpy.save.");
        }
        if (dims.length == 0 || dims.length > 2) {
            throw new IllegalArgumentException(file + ": holds a " + dims.length + "-D array of shape "
                    + shapeText(dims) + ": save a 2-D array, one sample per row, one feature per column "
                    + "(x.reshape(len(x), -1)).");
        }
        if (dims[0] == 0 || (dims.length == 2 && dims[1] == 0)) {
            throw new IllegalArgumentException(file + ": the array is empty (shape " + shapeText(dims)
                    + "): give one sample per row, one feature per column.");
        }
        if (dims.length == 2 && dims[1] > Integer.MAX_VALUE - 8) {
            throw CsvData.tooMany(file, dims[0], (int) Math.min(dims[1], Integer.MAX_VALUE));
        }
        return new Header(order, kind, Integer.parseInt(sizeText), fortranOrder, dims, prefix + length);
    }

    private static IllegalArgumentException truncated(Path file) {
        return new IllegalArgumentException(file + ": is shorter than a .npy header: the file is truncated; "
                + "save it again with numpy.save.");
    }

    private static String describeDtype(String dtype) {
        char kind = dtype.length() < 2 ? '?' : dtype.charAt(1);
        return switch (kind) {
            case 'O' -> "object (Python object)";
            case 'U', 'S', 'a' -> "text";
            case 'b' -> "boolean";
            case 'c' -> "complex";
            case 'M', 'm' -> "date or time";
            case 'u' -> "unsigned integer";
            case 'f' -> sizeBits(dtype) + " float";
            case 'i' -> sizeBits(dtype) + " integer";
            default -> "unknown";
        };
    }

    private static String sizeBits(String dtype) {
        try {
            return Integer.parseInt(dtype.substring(2)) * 8 + "-bit";
        } catch (NumberFormatException e) {
            return "odd-sized";
        }
    }

    private static String shapeText(long[] dims) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }

    /**
     * The Python literals a {@code .npy} header holds: a dict of string keys whose values are
     * strings, {@code True}/{@code False}, tuples of integers (as {@code long[]}), or a list (a
     * structured dtype, kept as a {@link List} of what it holds).
     */
    static final class DictParser {
        private final String s;
        private int i;

        DictParser(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            space();
            expect('{');
            Map<String, Object> out = new LinkedHashMap<>();
            while (true) {
                space();
                if (peek() == '}') {
                    i++;
                    break;
                }
                Object key = value();
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException("a key is not a string");
                }
                space();
                expect(':');
                out.put(name, value());
                space();
                if (peek() == ',') {
                    i++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("',' or '}' expected at " + i);
                }
            }
            space();
            if (i != s.length()) {
                throw new IllegalArgumentException("text after the dict");
            }
            return out;
        }

        private Object value() {
            space();
            char c = peek();
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string");
                }
                String text = s.substring(i + 1, end);
                i = end + 1;
                return text;
            }
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                i++;
                List<Object> items = new ArrayList<>();
                while (true) {
                    space();
                    if (peek() == close) {
                        i++;
                        break;
                    }
                    items.add(value());
                    space();
                    if (peek() == ',') {
                        i++;
                    } else if (peek() != close) {
                        throw new IllegalArgumentException("',' or '" + close + "' expected at " + i);
                    }
                }
                if (c == '(' && items.stream().allMatch(x -> x instanceof Long)) {
                    long[] dims = new long[items.size()];
                    for (int k = 0; k < dims.length; k++) {
                        dims[k] = (Long) items.get(k);
                    }
                    return dims;
                }
                return items;
            }
            if (c >= '0' && c <= '9') {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                long v;
                try {
                    v = Long.parseLong(s.substring(start, i));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("integer too large");
                }
                if (i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) {
                    i++;
                }
                return v;
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("it ends early");
            }
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("'" + c + "' expected at " + i);
            }
            i++;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
