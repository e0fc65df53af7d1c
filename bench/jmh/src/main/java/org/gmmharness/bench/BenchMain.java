package org.gmmharness.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;

import picocli.CommandLine;

/**
 * Entry point of the benchmark jar {@code gmm-harness-bench.jar} (built by {@code mvn -B package
 * -Pbench}): runs {@link BenchCommand}. Exit codes: 0 on success, 1 when the {@code --check} fails
 * or something unexpected happens (with its stack trace), 2 on bad usage or a bad option value.
 */
public final class BenchMain {

    /** Exit code for a failed check or an unexpected error. */
    public static final int FAILED = 1;
    /** Exit code for bad usage or a bad option value. */
    public static final int BAD_INPUT = 2;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the benchmark jar's command line */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setExecutionExceptionHandler((e, command, parseResult) -> {
            PrintWriter err = command.getErr();
            if (e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            err.println("error: unexpected " + e);
            e.printStackTrace(err);
            return FAILED;
        });
        return cl;
    }

    /** The version line, from the versions the build filtered into the jar. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("/gmm-harness-versions.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"gmm-harness-bench " + p.getProperty("gmm-harness", "unknown")};
        }
    }
}
