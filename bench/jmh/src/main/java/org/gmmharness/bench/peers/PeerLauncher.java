package org.gmmharness.bench.peers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command that starts a peer's driver: {@code java <options> -cp <classes>:<class path>
 * <main> <request> <result>}, from the driver module's build output under the project's root:
 * {@code target/classes} and the class path the build wrote to {@value #CLASSPATH_FILE}.
 */
public final class PeerLauncher {

    /** The file, in the module's {@code target} folder, holding its runtime class path. */
    public static final String CLASSPATH_FILE = "peer-classpath.txt";

    /** Every peer's heap: the largest workload (W2, 10⁶ samples) with a library's copies of it. */
    static final String HEAP = "-Xmx6g";

    /**
     * A peer's command, or why there is none.
     *
     * @param command the program and its arguments before the request folder and result file, or
     *                empty when {@code reason} says why it cannot run
     * @param reason  empty when it can run
     */
    public record Launch(List<String> command, String reason) {
        /** @return whether the peer can be started */
        public boolean ok() {
            return reason.isEmpty();
        }
    }

    private PeerLauncher() {
    }

    /**
     * @param root the project's root folder (the one holding {@code bench/}), or null when not found
     * @param java the {@code java} executable
     */
    public static Launch launch(PeerKind kind, Path root, String java) {
        if (root == null) {
            return new Launch(List.of(), "the project's folder was not found beside the harness's jar, so no "
                    + "peer driver could be found (run the harness from a build of the repository)");
        }
        Path target = root.resolve(kind.module).resolve("target");
        Path cpFile = target.resolve(CLASSPATH_FILE);
        Path classes = target.resolve("classes");
        if (!Files.isRegularFile(cpFile) || !Files.isDirectory(classes)) {
            String build = kind.profile == null ? "`mvn -B -ntp package`"
                    : "`mvn -B -ntp package -P" + kind.profile + "` (opt-in profile)";
            return new Launch(List.of(), "not built: " + kind.module + " has no " + CLASSPATH_FILE + "; build it with "
                    + build);
        }
        String cp;
        try {
            cp = Files.readString(cpFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return new Launch(List.of(), "its class path file " + cpFile + " could not be read: " + e.getMessage());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add(HEAP);
        cmd.addAll(kind.jvmOptions);
        cmd.add("-cp");
        cmd.add(cp.isEmpty() ? classes.toString() : classes + File.pathSeparator + cp);
        cmd.add(kind.mainClass);
        return new Launch(List.copyOf(cmd), "");
    }

    /**
     * @param start a folder at or below the project's root, such as the harness jar's folder
     * @return the nearest folder at or above {@code start} holding {@code bench/peers-protocol}, or null
     */
    public static Path findRoot(Path start) {
        for (Path p = start == null ? null : start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("bench").resolve("peers-protocol"))) {
                return p;
            }
        }
        return null;
    }
}
