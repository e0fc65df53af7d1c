package org.gmmharness.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes N×D data as numpy's {@code numpy.save} does for a C-order float64 array, the file
 * {@link NpyFile} reads: for benchmark and test data.
 */
public final class NpyWriter {

    private NpyWriter() {
    }

    /** Writes {@code x} as a version 1.0 {@code .npy} file of little-endian float64 in C order. */
    public static void write(Path file, double[][] x) throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + x.length + ", " + x[0].length + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer row = ByteBuffer.allocate(8 * x[0].length).order(ByteOrder.LITTLE_ENDIAN);
            for (double[] r : x) {
                row.clear();
                row.asDoubleBuffer().put(r);
                out.write(row.array());
            }
        }
    }
}
