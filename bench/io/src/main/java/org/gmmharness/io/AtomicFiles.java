package org.gmmharness.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces a regular file so that it appears whole or not at all: the content goes to a hidden
 * temporary file in the same folder, which is then renamed over the target in one step. If
 * writing fails, or the process is interrupted or terminated (SIGINT, SIGTERM), the temporary file
 * is deleted and the target is left as it was. A replaced file keeps its permissions.
 */
final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target  a regular file or a new file, not a symbolic link (the caller follows links)
     * @param content what to write
     * @throws IOException if writing fails; the target is then unchanged and no temporary file is left
     */
    static void replace(Path target, OutputFiles.Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        // Not Files.createTempFile: its owner-only permissions would carry over to the output.
        Path temp = folder.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        Temporaries.register(temp);
        boolean moved = false;
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
            Temporaries.release(temp);
        }
    }

    /** Gives the new file the permissions of the file it replaces, as an editor saving it would. */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view != null && Files.isRegularFile(target)) {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            Files.setPosixFilePermissions(temp, permissions);
        }
    }

    /**
     * The temporary files being written, deleted by a shutdown hook when the JVM is interrupted or
     * terminated before they are renamed. The hook is registered on first use.
     */
    private static final class Temporaries {
        private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(Temporaries::deleteAll, "delete-temporary-outputs"));
        }

        static void register(Path temp) {
            IN_PROGRESS.add(temp);
        }

        /** Called after the rename: a hook that runs between the two finds no file to delete. */
        static void release(Path temp) {
            IN_PROGRESS.remove(temp);
        }

        private static void deleteAll() {
            for (Path temp : IN_PROGRESS) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // The JVM is exiting; nothing better can be done than trying the others.
                }
            }
        }
    }
}
