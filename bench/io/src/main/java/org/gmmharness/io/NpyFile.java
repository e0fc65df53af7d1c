package org.gmmharness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

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
            NpyHeader h = NpyHeader.read(file, channel);
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
        private final NpyHeader h;
        private final ByteBuffer bytes;
        private double[] chunk;

        Reader(FileChannel channel, NpyHeader h) {
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
}
