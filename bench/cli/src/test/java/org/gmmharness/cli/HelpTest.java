package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command answers {@code --help} with its usage, every option and the exit codes, exit code 0. */
class HelpTest {

    private static final Map<String, List<String>> OPTIONS = Map.of(
            "fit", List.of("--input", "--columns", "--components", "--covariance-type", "--tol", "--reg-covar",
                    "--max-iter", "--n-init", "--init", "--init-file", "--seed", "--backend", "--model-out",
                    "--labels-column", "--verbose"),
            "predict", List.of("--model", "--input", "--output"),
            "sample", List.of("--model", "--n", "--seed"),
            "select", List.of("--input", "--max-components", "--covariance-types", "--criterion", "--chart"),
            "anomalies", List.of("--model", "--input", "--percentile"),
            "plot", List.of("--model", "--input", "--out", "--columns"));

    @ParameterizedTest
    @ValueSource(strings = {"fit", "predict", "sample", "select", "anomalies", "plot"})
    void helpListsTheOptions(String command) {
        CliRun r = CliRun.run(command, "--help");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.startsWith("Usage: gmm-harness " + command), r.out);
        for (String option : OPTIONS.get(command)) {
            assertTrue(r.out.contains(option + "=") || r.out.contains(option + " "), option + " in\n" + r.out);
        }
        assertTrue(r.out.contains("--debug"), r.out);
        assertTrue(r.out.contains("Exit codes:"), r.out);
        for (String code : Main.EXIT_CODES.keySet()) {
            assertTrue(r.out.lines().anyMatch(l -> l.strip().startsWith(code + " ")), code + " in\n" + r.out);
        }
        assertEquals("", r.err, "help prints no warnings");
    }

    /** picocli prints its formatting warnings straight to the process's stderr, so only a process shows them. */
    @ParameterizedTest
    @ValueSource(strings = {"fit", "predict", "sample", "select", "anomalies", "plot"})
    void helpPrintsNothingOnStderr(String command, @TempDir Path dir) throws Exception {
        ProcessRun.Result r = ProcessRun.java().run(dir, command, "--help");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "predict", "sample", "select", "anomalies", "plot"})
    void missingRequiredOptionsAreBadUsage(String command) {
        CliRun r = CliRun.run(command);
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("Missing required option"), r.err);
    }
}
