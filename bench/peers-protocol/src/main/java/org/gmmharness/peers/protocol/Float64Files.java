package org.gmmharness.peers.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Raw little-endian float64 files, the layout {@code numpy.fromfile(path, "<f8")} reads: the
 * harness's scikit-learn script and the peer drivers read the very same bytes.
 */
public final class Float64Files {

    /** Bytes moved per channel call. */
    private static final int BUFFER_BYTES = 1 << 20;

    private Float64Files() {
    }

    /** Writes {@code values} to {@code file}, replacing it. */
    public static void write(double[] values, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (double v : values) {
                if (!buf.hasRemaining()) {
                    drain(buf, ch);
                }
                buf.putDouble(v);
            }
            drain(buf, ch);
        }
    }

    /**
     * @param count the number of values the file must hold
     * @throws IOException if it holds another number
     */
    public static double[] read(Path file, long count) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != count * Double.BYTES) {
                throw new IOException(file + " holds " + ch.size() + " bytes, expected " + count + " float64 values");
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " holds more values than one Java array can");
            }
            double[] out = new double[(int) count];
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            int p = 0;
            while (p < out.length) {
                buf.clear();
                if (ch.read(buf) < 0) {
                    throw new IOException(file + " ended early");
                }
                buf.flip();
                while (buf.remaining() >= Double.BYTES && p < out.length) {
                    out[p++] = buf.getDouble();
                }
                // A value split across two reads is read again with the next one.
                ch.position(ch.position() - buf.remaining());
            }
            return out;
        }
    }

    private static void drain(ByteBuffer buf, FileChannel ch) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }
}
