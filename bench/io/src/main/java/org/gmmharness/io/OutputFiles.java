package org.gmmharness.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The output policy of every command, for every file it writes: nothing a user owns is damaged.
 *
 * <ul>
 *   <li>An output that is the same file as one of the command's inputs (by file identity: hard and
 *       symbolic links count) is refused before any work.</li>
 *   <li>A symbolic link is followed: its target is written and the link stays a link.</li>
 *   <li>A regular or new file is written atomically (temporary file, then rename; see
 *       {@link AtomicFiles}) and keeps its permissions.</li>
 *   <li>A device, FIFO or socket is written as a stream and never replaced.</li>
 *   <li>An existing file without its owner's write bit is refused (root would otherwise replace
 *       it silently), as is a folder, a missing folder, or one the user may not create files in.</li>
 *   <li>A failed write is a {@link WriteFailedException} naming the output.</li>
 * </ul>
 * {@code -} for standard output is the caller's to handle (see {@link #isStdout(Path)}).
 */
public final class OutputFiles {

    /** The path that stands for standard output. */
    public static final String STDOUT = "-";

    /** Symbolic links followed before giving up, as Linux's MAXSYMLINKS. */
    private static final int MAX_LINKS = 40;

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the stream to write to; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes text to a writer. */
    @FunctionalInterface
    public interface TextContent {
        /**
         * @param out the writer (UTF-8) to write to; flushed and closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(Writer out) throws IOException;
    }

    private OutputFiles() {
    }

    /** @return whether {@code path} is {@code -}, standard output */
    public static boolean isStdout(Path path) {
        return path != null && STDOUT.equals(path.toString());
    }

    /**
     * Checks, before any work, that {@code target} may be written under the policy.
     *
     * @param target an output path; null (no output) and {@code -} pass
     * @param option the option that named it, for messages (for example {@code --output})
     * @param inputs the files the command reads; null entries are ignored
     * @throws IllegalArgumentException saying what is wrong and what to do
     */
    public static void check(Path target, String option, Path... inputs) {
        if (target == null || isStdout(target)) {
            return;
        }
        String name = option + " " + target;
        Path real = followLinks(target, name);
        if (Files.isDirectory(real)) {
            throw new IllegalArgumentException(name + " is a folder: give a file name.");
        }
        Path folder = real.getParent();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("cannot write " + name + ": folder " + folder + " does not exist.");
        }
        for (Path input : inputs) {
            if (input != null && !isStdout(input) && sameFile(input, real)) {
                throw new IllegalArgumentException(name + " is the same file as the input " + input
                        + ": writing it would destroy the input. Choose another output file; nothing was written.");
            }
        }
        if (Files.exists(real)) {
            checkExisting(real, name);
        } else if (!Files.isWritable(folder)) {
            throw new IllegalArgumentException("cannot write " + name + ": no permission to create files in folder "
                    + folder + ": choose another folder.");
        }
    }

    private static void checkExisting(Path real, String name) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, PosixFileAttributes.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + name + ": " + WriteFailedException.reason(e));
        }
        if (!attributes.isRegularFile()) {
            if (!Files.isWritable(real)) {
                throw new IllegalArgumentException("cannot write " + name + ": permission denied.");
            }
            return;
        }
        if (!attributes.permissions().contains(PosixFilePermission.OWNER_WRITE)) {
            throw new IllegalArgumentException(name + " is read-only (its owner has no write permission): make it "
                    + "writable (chmod u+w) or choose another file; nothing was written.");
        }
        if (!Files.isWritable(real) || !Files.isWritable(real.getParent())) {
            throw new IllegalArgumentException("cannot write " + name + ": permission denied (replacing it needs "
                    + "write permission on the file and its folder " + real.getParent() + ").");
        }
    }

    /**
     * Writes {@code target} under the policy: the target of a symbolic link, a regular or new file
     * atomically, anything else (device, FIFO) as a stream.
     *
     * @throws WriteFailedException naming the target when writing fails; a regular file is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path real = followLinks(target, target.toString());
        try {
            if (Files.exists(real) && !Files.isRegularFile(real)) {
                try (OutputStream out = Files.newOutputStream(real, StandardOpenOption.WRITE)) {
                    content.writeTo(out);
                }
            } else {
                AtomicFiles.replace(real, content);
            }
        } catch (WriteFailedException e) {
            throw e;
        } catch (IOException e) {
            throw new WriteFailedException(target.toString(), e);
        }
    }

    /**
     * Writes UTF-8 text to {@code target} under the policy.
     *
     * @see #write(Path, Content)
     */
    public static void writeText(Path target, TextContent content) throws IOException {
        write(target, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            content.writeTo(writer);
            writer.flush();
        });
    }

    /** @return the path a chain of symbolic links ends at (which need not exist), absolute */
    private static Path followLinks(Path target, String name) {
        Path current = target.toAbsolutePath();
        try {
            for (int hops = 0; Files.isSymbolicLink(current); hops++) {
                if (hops == MAX_LINKS) {
                    throw new IllegalArgumentException("cannot write " + name + ": too many levels of symbolic links.");
                }
                current = current.resolveSibling(Files.readSymbolicLink(current));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + name + ": " + WriteFailedException.reason(e));
        }
        return current;
    }

    private static boolean sameFile(Path input, Path output) {
        try {
            return Files.exists(input) && Files.exists(output, LinkOption.NOFOLLOW_LINKS)
                    && Files.isSameFile(input, output);
        } catch (IOException e) {
            return false;
        }
    }
}
