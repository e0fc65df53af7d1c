package org.gmmharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.gmmharness.io.AtomicFiles;

/** Sends a command's text output to a file (atomically) or, without one, to stdout. */
final class Outputs {

    private Outputs() {
    }

    static void write(Path file, PrintWriter stdout, AtomicFiles.TextContent content) throws IOException {
        if (file == null) {
            content.writeTo(stdout);
            stdout.flush();
        } else {
            AtomicFiles.writeText(file, content);
        }
    }
}
