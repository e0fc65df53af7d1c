package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fatal conditions are one line with what to do and a documented exit code; --debug adds the stack trace. */
class FatalErrorTest {

    @TempDir
    Path dir;

    /** 3 rows of 20,000 columns: a full covariance alone needs 20,000² doubles, 3.2 GB. */
    private Path wideFile() throws IOException {
        Path file = dir.resolve("wide.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 20_000; j++) {
                    w.write(j == 0 ? "" : ",");
                    w.write(Integer.toString((i * 7 + j * 13) % 10));
                }
                w.write('\n');
            }
        }
        return file;
    }

    @Test
    void outOfMemoryIsOneLineWithWhatToDo() throws Exception {
        Path wide = wideFile();
        ProcessRun.Result r = ProcessRun.java().jvm("-Xmx128m").run(dir, "fit", "--input", wide.toString(),
                "--components", "1", "--seed", "0", "--backend", "ejml");
        assertEquals(Main.OUT_OF_MEMORY, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("error: out of memory: Java's heap of "), r.toString());
        assertTrue(r.err().contains("-Xmx"), r.toString());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.toString());

        ProcessRun.Result debug = ProcessRun.java().jvm("-Xmx128m").run(dir, "fit", "--input", wide.toString(),
                "--components", "1", "--seed", "0", "--backend", "ejml", "--debug");
        assertEquals(Main.OUT_OF_MEMORY, debug.exit(), debug.toString());
        assertTrue(debug.err().startsWith("error: out of memory"), debug.toString());
        assertTrue(debug.err().contains("\tat "), "--debug prints the stack trace:\n" + debug);
    }

    @Test
    void debugPrintsTheStackTraceOfBadInput() {
        CliRun plain = CliRun.run("fit", "--input", dir.resolve("missing.csv").toString(), "--components", "2");
        assertEquals(Main.BAD_INPUT, plain.exit, plain.toString());
        assertEquals(1, plain.err.lines().count(), plain.toString());
        CliRun debug = CliRun.run("fit", "--input", dir.resolve("missing.csv").toString(), "--components", "2",
                "--debug");
        assertEquals(Main.BAD_INPUT, debug.exit, debug.toString());
        assertTrue(debug.err.contains("\tat "), debug.toString());
    }
}
