package org.gmmharness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} file ({@link NpyFile}), read and checked: the dtype's byte order,
 * kind and size, the order, the shape, and where the data start.
 */
record NpyHeader(char byteOrder, char kind, int size, boolean fortranOrder, long[] shape, long dataOffset) {

    /** Reads and checks the header. */
    static NpyHeader read(Path file, FileChannel channel) throws IOException {
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
        return new NpyHeader(order, kind, Integer.parseInt(sizeText), fortranOrder, dims, prefix + length);
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
