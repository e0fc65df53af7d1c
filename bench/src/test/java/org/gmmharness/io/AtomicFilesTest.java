package org.gmmharness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file appears whole or not at all. */
class AtomicFilesTest {

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
        AtomicFiles.writeText(target, w -> w.write("first"));
        AtomicFiles.writeText(target, w -> w.write("second"));
        assertEquals("second", Files.readString(target));
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void failureLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.txt"), names());
        Path fresh = dir.resolve("new.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(fresh, out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void missingFolderIsAClearError() {
        Path target = dir.resolve("no/such/out.txt");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeText(target, w -> w.write("x")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> AtomicFiles.checkWritable(target));
        assertTrue(a.getMessage().contains("does not exist"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.checkWritable(dir));
        assertTrue(a.getMessage().contains("is a folder"), a.getMessage());
    }
}
