package org.gmmharness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output policy: a file appears whole or not at all, and nothing else of the user's is damaged. */
class OutputFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path target = dir.resolve("out.txt");
        OutputFiles.writeText(target, w -> w.write("first"));
        OutputFiles.writeText(target, w -> w.write("second"));
        assertEquals("second", Files.readString(target));
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void failureLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        WriteFailedException e = assertThrows(WriteFailedException.class, () -> OutputFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + target + ": No space left on device.", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.txt"), names());
        Path fresh = dir.resolve("new.txt");
        assertThrows(IllegalStateException.class, () -> OutputFiles.write(fresh, out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void missingFolderAndFolderTargetAreClearErrors() {
        Path target = dir.resolve("no/such/out.txt");
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.check(target, "--output"));
        assertTrue(a.getMessage().contains("does not exist"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> OutputFiles.check(dir, "--output"));
        assertTrue(a.getMessage().contains("is a folder"), a.getMessage());
    }

    @Test
    void anOutputThatIsAnInputIsRefusedByFileIdentity() throws IOException {
        Path input = Files.writeString(dir.resolve("x.csv"), "1,2\n");
        Path symlink = Files.createSymbolicLink(dir.resolve("link.csv"), input.getFileName());
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), input);
        Path otherSpelling = dir.resolve(".").resolve("x.csv");
        for (Path output : List.of(input, symlink, hardLink, otherSpelling)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OutputFiles.check(output, "--output", null, input));
            assertTrue(e.getMessage().contains("is the same file as the input " + input), e.getMessage());
        }
        OutputFiles.check(dir.resolve("other.csv"), "--output", input);
        assertEquals("1,2\n", Files.readString(input));
    }

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink() throws IOException {
        Path target = Files.writeString(dir.resolve("target.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target.getFileName());
        OutputFiles.check(link, "--output");
        OutputFiles.writeText(link, w -> w.write("new"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(target));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), Path.of("created.csv"));
        OutputFiles.writeText(dangling, w -> w.write("made"));
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("created.csv")));
    }

    @Test
    void aFileWithoutItsOwnersWriteBitIsRefusedEvenForRoot() throws IOException {
        Path target = Files.writeString(dir.resolve("keep.csv"), "precious");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.check(target, "--output"));
        assertTrue(e.getMessage().contains("is read-only"), e.getMessage());
        assertEquals("precious", Files.readString(target));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path target = Files.writeString(dir.resolve("shared.csv"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        OutputFiles.writeText(target, w -> w.write("new"));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aFifoIsWrittenAsAStreamAndNotReplaced() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        OutputFiles.check(fifo, "--output");
        OutputFiles.writeText(fifo, w -> w.write("through the pipe"));
        assertEquals("through the pipe", reader.get(60, TimeUnit.SECONDS));
        assertTrue(Files.readAttributes(fifo, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(),
                "still a FIFO");
        assertEquals(List.of("pipe"), names());
    }
}
