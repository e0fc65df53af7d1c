package org.gmmharness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/** A window of a CSV file's bytes in a buffer, refilled as it is consumed ({@link CsvBytes}). */
final class CsvWindow {

    private final FileChannel channel;
    /** The file offset of {@code buf[0]}. */
    long base;
    /** The file offset of the next byte to read. */
    private long next;
    private final long end;
    byte[] buf;
    /** The first byte not consumed. */
    int start;
    /** The end of the bytes read. */
    int limit;

    CsvWindow(FileChannel channel, long from, long to) {
        this.channel = channel;
        this.base = from;
        this.next = from;
        this.end = to;
        this.buf = new byte[(int) Math.max(64, Math.min(CsvBytes.BUFFER, to - from))];
    }

    /** @return whether the window holds the rest of its range */
    boolean atEnd() {
        return next >= end;
    }

    /**
     * Moves the bytes not consumed to the front and reads more, growing the buffer when they fill it.
     *
     * @return whether any byte was read
     */
    boolean fill() throws IOException {
        if (next >= end) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            base += start;
            limit -= start;
            start = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int wanted = (int) Math.min(buf.length - limit, end - next);
        ByteBuffer target = ByteBuffer.wrap(buf, limit, wanted);
        int total = 0;
        while (total < wanted) {
            int read = channel.read(target, next + total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        if (total < wanted) {
            throw new IOException(channel + ": the file became shorter while it was read");
        }
        limit += total;
        next += total;
        return true;
    }
}
