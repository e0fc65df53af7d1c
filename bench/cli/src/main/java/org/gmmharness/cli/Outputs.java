package org.gmmharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.gmmharness.io.OutputFiles;

/** Sends a command's text output to a file under the output policy or, without one or for {@code -}, to stdout. */
final class Outputs {

    private Outputs() {
    }

    static void write(Path file, PrintWriter stdout, OutputFiles.TextContent content) throws IOException {
        if (file == null || OutputFiles.isStdout(file)) {
            content.writeTo(stdout);
            stdout.flush();
        } else {
            OutputFiles.writeText(file, content);
        }
    }
}
