package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.gmmharness.em.CovarianceType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command follows the output policy on real files: an output that is an input is refused
 * before any work, devices and FIFOs are written as streams and never replaced, links are
 * followed, read-only files are refused, and a failed write is exit 1 with a one-line message.
 */
class OutputPolicyTest {

    @TempDir
    Path dir;

    private Path data;
    private Path model;

    @BeforeEach
    void files() throws IOException {
        data = Files.copy(CliRun.IRIS, dir.resolve("x.csv"));
        double[][] x = CliRun.irisX();
        model = ModelFixtures.write(ModelFixtures.fit(x, 2, CovarianceType.FULL), x, dir.resolve("m.json"));
    }

    private static void assertRefusedAsSameFile(CliRun r, Path input, byte[] before) throws IOException {
        assertEquals(Main.BAD_INPUT, r.exit, r.toString());
        assertTrue(r.err.contains("is the same file as the input"), r.toString());
        assertArrayEquals(before, Files.readAllBytes(input), input + " was changed");
    }

    @Test
    void predictOntoItsInputIsRefused() throws IOException {
        byte[] before = Files.readAllBytes(data);
        assertRefusedAsSameFile(CliRun.run("predict", "--model", model.toString(), "--input", data.toString(),
                "--output", data.toString()), data, before);
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), data.getFileName());
        assertRefusedAsSameFile(CliRun.run("predict", "--model", model.toString(), "--input", data.toString(),
                "--output", link.toString()), data, before);
        byte[] modelBefore = Files.readAllBytes(model);
        assertRefusedAsSameFile(CliRun.run("predict", "--model", model.toString(), "--input", data.toString(),
                "--output", model.toString()), model, modelBefore);
    }

    @Test
    void fitOntoItsInputIsRefused() throws IOException {
        byte[] before = Files.readAllBytes(data);
        assertRefusedAsSameFile(CliRun.run("fit", "--input", data.toString(), "--components", "2", "--seed", "0",
                "--backend", "ejml", "--model-out", data.toString()), data, before);
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), data);
        assertRefusedAsSameFile(CliRun.run("fit", "--input", data.toString(), "--components", "2", "--seed", "0",
                "--backend", "ejml", "--model-out", hardLink.toString()), data, before);
    }

    @Test
    void sampleOntoItsModelIsRefused() throws IOException {
        byte[] before = Files.readAllBytes(model);
        assertRefusedAsSameFile(CliRun.run("sample", "--model", model.toString(), "--n", "5", "--seed", "1",
                "--output", model.toString()), model, before);
    }

    @Test
    void selectChartOntoItsInputIsRefused() throws IOException {
        byte[] before = Files.readAllBytes(data);
        Path chart = Files.createSymbolicLink(dir.resolve("chart.svg"), data.getFileName());
        assertRefusedAsSameFile(CliRun.run("select", "--input", data.toString(), "--max-components", "2",
                "--seed", "0", "--backend", "ejml", "--chart", chart.toString()), data, before);
    }

    @Test
    void plotOntoItsInputIsRefused() throws IOException {
        byte[] before = Files.readAllBytes(data);
        Path png = Files.createSymbolicLink(dir.resolve("density.png"), data.getFileName());
        double[][] x = ModelFixtures.columns(CliRun.irisX(), 2, 3);
        Path two = ModelFixtures.write(ModelFixtures.fit(x, 2, CovarianceType.FULL), x, dir.resolve("two.json"));
        assertRefusedAsSameFile(CliRun.run("plot", "--model", two.toString(), "--input", data.toString(),
                "--columns", "2,3", "--out", png.toString()), data, before);
    }

    @Test
    void aDeviceNodeIsWrittenAsAStreamAndNeverReplaced() throws Exception {
        Path device = dir.resolve("null");
        // A character device like /dev/null (major 1, minor 3); making one needs root, as CI runs.
        Process mknod = new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start();
        assertEquals(0, mknod.waitFor(), "mknod needs root: run the tests as root, as CI does");
        CliRun r = CliRun.run("sample", "--model", model.toString(), "--n", "50", "--seed", "1",
                "--output", device.toString());
        assertEquals(0, r.exit, r.toString());
        PosixFileAttributes a = Files.readAttributes(device, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertTrue(a.isOther(), "still a device node");
        r = CliRun.run("predict", "--model", model.toString(), "--input", data.toString(), "--output",
                device.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(Files.readAttributes(device, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther());
        assertEquals(List.of("m.json", "null", "x.csv"), CliRun.files(dir));
    }

    @Test
    void aFifoIsWrittenAsAStreamAndNeverReplaced() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllLines(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun r = CliRun.run("sample", "--model", model.toString(), "--n", "40", "--seed", "1",
                "--output", fifo.toString());
        assertEquals(0, r.exit, r.toString());
        List<String> lines = reader.get(120, TimeUnit.SECONDS);
        assertEquals(41, lines.size(), "header and 40 rows through the FIFO");
        assertTrue(Files.readAttributes(fifo, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther());
    }

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink() throws IOException {
        Path target = Files.writeString(dir.resolve("old.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("out.csv"), target.getFileName());
        CliRun r = CliRun.run("sample", "--model", model.toString(), "--n", "7", "--seed", "1",
                "--output", link.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(8, Files.readAllLines(target).size());
    }

    @Test
    void aReadOnlyTargetIsRefusedEvenForRoot() throws IOException {
        Path target = Files.writeString(dir.resolve("keep.csv"), "precious\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        CliRun r = CliRun.run("predict", "--model", model.toString(), "--input", data.toString(),
                "--output", target.toString());
        assertEquals(Main.BAD_INPUT, r.exit, r.toString());
        assertTrue(r.err.contains("is read-only"), r.toString());
        assertEquals("precious\n", Files.readString(target));
    }

    @Test
    void aFolderWithoutWritePermissionIsNamedInTheMessage() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        ProcessRun.makeReadable(dir);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        ProcessRun.Result r = ProcessRun.java().asUnprivilegedUser().run(dir, "sample", "--model", model.toString(),
                "--n", "5", "--seed", "1", "--output", locked.resolve("s.csv").toString());
        assertEquals(Main.BAD_INPUT, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains("no permission to create files in folder " + locked), r.toString());
    }

    /** stdout on a full disk: /dev/full fails every write with ENOSPC. */
    @Test
    void aFullDiskOnStdoutIsExitOneWithOneLine() throws Exception {
        File full = new File("/dev/full");
        String[][] commands = {
            {"sample", "--model", model.toString(), "--n", "5000", "--seed", "1"},
            {"predict", "--model", model.toString(), "--input", data.toString()},
            {"anomalies", "--model", model.toString(), "--input", data.toString(), "--percentile", "50"},
            {"fit", "--input", data.toString(), "--components", "2", "--seed", "0", "--backend", "ejml"},
        };
        for (String[] args : commands) {
            ProcessRun.Result r = ProcessRun.java().stdoutTo(full).run(dir, args);
            assertEquals(Main.FAILED, r.exit(), args[0] + ": " + r);
            // One error line, last; notes such as the columns used may come before it.
            List<String> lines = r.err().lines().toList();
            assertEquals("error: cannot write standard output: No space left on device.", lines.get(lines.size() - 1),
                    args[0] + ": " + r);
            assertEquals(1, lines.stream().filter(l -> l.startsWith("error:")).count(), args[0] + ": " + r);
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ")), args[0] + ": " + r);
        }
    }

    @Test
    void aFullDiskForAnOutputFileIsExitOneNamingIt() throws Exception {
        CliRun r = CliRun.run("sample", "--model", model.toString(), "--n", "5000", "--seed", "1",
                "--output", "/dev/full");
        assertEquals(Main.FAILED, r.exit, r.toString());
        assertEquals("error: cannot write /dev/full: No space left on device.", r.err.strip(), r.toString());
    }
}
