package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runner that the command-level tests rely on runs the real command line. */
class ProcessRunTest {

    @TempDir
    Path dir;

    @Test
    void runsTheCommandLineInItsOwnProcess() throws Exception {
        ProcessRun.Result r = ProcessRun.java().run(dir, "sample", "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("--n"), r.toString());
    }

    @Test
    void runsTheCommandLineAsAnUnprivilegedUser() throws Exception {
        ProcessRun.makeReadable(dir);
        ProcessRun.Result r = ProcessRun.java().asUnprivilegedUser().run(dir, "sample", "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("--n"), r.toString());
    }
}
