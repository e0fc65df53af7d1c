package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.gmmharness.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A numpy {@code .npy} file is taken wherever a CSV file is, and gives the same fit. */
class NpyInputTest {

    @TempDir
    Path dir;

    @Test
    void fitAndPredictReadNpyAsTheyReadCsv() throws IOException {
        Path npy = dir.resolve("iris.npy");
        NpyWriter.write(npy, CliRun.irisX());
        CliRun fromCsv = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--seed", "0",
                "--backend", "ejml");
        CliRun fromNpy = CliRun.run("fit", "--input", npy.toString(), "--components", "3", "--seed", "0",
                "--backend", "ejml", "--model-out", dir.resolve("m.json").toString());
        assertEquals(0, fromNpy.exit, fromNpy.toString());
        assertTrue(fromNpy.out.contains("to 150 rows of " + npy + " (0, 1, 2, 3)"), fromNpy.out);
        String lowerBound = line(fromCsv.out, "lower bound");
        assertEquals(lowerBound, line(fromNpy.out, "lower bound"), "the same data give the same fit");

        CliRun predict = CliRun.run("predict", "--model", dir.resolve("m.json").toString(), "--input", npy.toString());
        assertEquals(0, predict.exit, predict.toString());
        assertEquals(151, predict.out.strip().lines().count(), "a header and one line per row");

        CliRun header = CliRun.run("fit", "--input", npy.toString(), "--components", "3", "--header");
        assertEquals(2, header.exit, header.toString());
        assertEquals("error: " + npy + ": is a .npy file, which has no header row: drop --header (its columns are "
                + "named by their 0-based indices).", header.err.strip());
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("(none in " + text + ")");
    }
}
