package org.gmmharness.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line as its own Java process, as a user runs the jar: for what only a whole
 * process shows (its real stdout, exit code, heap limit, signals) or a user who is not root shows
 * (file permissions, which root bypasses).
 *
 * <p>The process gets this test JVM's class path. {@link #asUnprivilegedUser()} runs it as
 * {@code nobody} through {@code setpriv} when the tests run as root (as CI does), on a copy of the
 * class path that {@code nobody} can read; otherwise the current user is already unprivileged.
 */
final class ProcessRun {

    /** How long a command may take before the test fails: generous, for a busy 2-core machine. */
    static final long TIMEOUT_SECONDS = 300;
    /** Class-path entries above this size (ND4J's natives) are left out of the unprivileged copy. */
    private static final long LARGEST_COPIED_ENTRY = 50L << 20;

    private final List<String> jvmOptions = new ArrayList<>();
    private File stdout;
    private File stdin;
    private boolean unprivileged;

    /** @return a run with the default JVM options */
    static ProcessRun java() {
        return new ProcessRun();
    }

    /** Adds a JVM option such as {@code -Xmx64m}. */
    ProcessRun jvm(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Sends the process's stdout to {@code file} (a device such as /dev/full included) instead of capturing it. */
    ProcessRun stdoutTo(File file) {
        this.stdout = file;
        return this;
    }

    /** Reads the process's stdin from {@code file}. */
    ProcessRun stdinFrom(File file) {
        this.stdin = file;
        return this;
    }

    /** Runs the process as a user without root's privileges. */
    ProcessRun asUnprivilegedUser() {
        this.unprivileged = true;
        return this;
    }

    /** @return whether this JVM runs as root, who bypasses file permissions */
    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Starts {@code gmm-harness args...}; the caller waits for or stops it. */
    Process start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        String classPath = System.getProperty("java.class.path");
        if (unprivileged && isRoot()) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            classPath = readableCopy(classPath, workDir.resolve("classpath"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.redirectError(workDir.resolve(".stderr").toFile());
        pb.redirectOutput(stdout != null ? stdout : workDir.resolve(".stdout").toFile());
        if (stdin != null) {
            pb.redirectInput(stdin);
        }
        return pb.start();
    }

    /** Runs {@code gmm-harness args...} in {@code workDir} to its end. */
    Result run(Path workDir, String... args) throws IOException, InterruptedException {
        Process p = start(workDir, args);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gmm-harness " + String.join(" ", args) + " did not end within "
                    + TIMEOUT_SECONDS + " s");
        }
        return result(workDir, p.exitValue());
    }

    /** @return the result of a process started with {@link #start} that has ended with {@code exit} */
    Result result(Path workDir, int exit) throws IOException {
        Path out = workDir.resolve(".stdout");
        String text = stdout == null && Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        String err = Files.readString(workDir.resolve(".stderr"), StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        Files.deleteIfExists(workDir.resolve(".stderr"));
        return new Result(exit, text, err);
    }

    /** A finished process: exit code, stdout (when captured) and stderr. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * Links or copies the class path into {@code folder}, world-readable, for a process that
     * cannot read root's home.
     */
    private static String readableCopy(String classPath, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source) || Files.isRegularFile(source) && Files.size(source) > LARGEST_COPIED_ENTRY) {
                continue;
            }
            Path target = folder.resolve(i++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                copyTree(source, target);
            } else {
                Files.copy(source, target);
            }
            entries.add(target.toString());
        }
        makeReadable(folder);
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (var paths = Files.walk(source)) {
            paths.forEach(p -> {
                try {
                    Files.copy(p, target.resolve(source.relativize(p).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Lets every user read {@code path} and everything under it, and pass through its parents. */
    static void makeReadable(Path path) throws IOException {
        try (var paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            var perms = Files.getPosixFilePermissions(p);
            if (perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }
}
