package org.gmmharness.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * Writing an output failed part-way (disk full, closed pipe, device error, permission): the
 * message names the output and the system's reason in one line. Nothing half-written is left in
 * place of a regular file; a stream (stdout, device, FIFO) may have received part of the output.
 */
public final class WriteFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param output what was being written, for example a path or "standard output"
     * @param cause  the failure
     */
    public WriteFailedException(String output, IOException cause) {
        super("cannot write " + output + ": " + reason(cause), cause);
    }

    /** @return the system's reason for a failure, without the path Java puts in its messages */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied.";
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() + "." : reason + ".";
    }
}
