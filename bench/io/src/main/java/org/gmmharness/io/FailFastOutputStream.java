package org.gmmharness.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * An output stream whose write errors cannot be swallowed: every {@link IOException} of the
 * underlying stream is thrown as an {@link UncheckedIOException} wrapping a
 * {@link WriteFailedException}. {@link java.io.PrintWriter} catches only checked exceptions, so a
 * command printing to standard output through this stream stops at the first failed write (a full
 * disk, a closed pipe) instead of running on and exiting 0. The failure is thrown once: later
 * writes and flushes (of buffers above this stream, while the command unwinds) are discarded, so
 * that one failure gives one message.
 */
public final class FailFastOutputStream extends FilterOutputStream {

    private final String name;
    private boolean failed;

    /**
     * @param out  the stream written to
     * @param name what it is, for messages (for example "standard output")
     */
    public FailFastOutputStream(OutputStream out, String name) {
        super(out);
        this.name = name;
    }

    @Override
    public void write(int b) {
        if (failed) {
            return;
        }
        try {
            out.write(b);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (failed) {
            return;
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void flush() {
        if (failed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private UncheckedIOException failure(IOException e) {
        failed = true;
        return new UncheckedIOException(new WriteFailedException(name, e));
    }
}
