package org.gmmharness.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gmmharness.bench.ChildProcessMeter;
import org.gmmharness.bench.TimeToSolutionSuite;
import org.gmmharness.peers.protocol.Mixture;

/**
 * scikit-learn's answer from the peers' start: the bundled script {@code sklearn_same_start.py}
 * fits {@code GaussianMixture} from the request folder's start for its fixed number of iterations
 * (tol 0), once per {@code reg_covar} asked for, in the system's {@code /usr/bin/python3} without
 * {@link TimeToSolutionSuite#SKLEARN_UNSET_ENV}.
 */
public final class SklearnSameStart {

    /** The interpreter: the distribution's, where {@code apt-get install python3-sklearn} puts scikit-learn. */
    static final String PYTHON = "/usr/bin/python3";

    private static final String SCRIPT = "sklearn_same_start.py";
    private static final long TIMEOUT_MINUTES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One fit.
     *
     * @param regCovar the reg_covar it ran with
     * @param score    scikit-learn's {@code score(X)}, the mean log-likelihood per sample
     * @param result   the fitted parameters, covariances as full matrices
     */
    public record Fit(double regCovar, double score, Mixture result) {
    }

    /**
     * The fits, or why there are none.
     *
     * @param version scikit-learn's version, empty when it did not run
     * @param fits    reg_covar → fit
     * @param reason  empty when it ran
     */
    public record Answer(String version, Map<Double, Fit> fits, String reason) {
        /** @return an answer without fits, for the reason given */
        static Answer failed(String reason) {
            return new Answer("", Map.of(), reason);
        }
    }

    private SklearnSameStart() {
    }

    /**
     * @param requestDir a request folder written by {@code PeerRequest.write}
     * @param regCovars  the reg_covar values to fit with
     */
    public static Answer fit(Path requestDir, double... regCovars) throws InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return Answer.failed(PYTHON + " was not found: install python3-sklearn");
        }
        Path out = requestDir.resolve("sklearn-same-start.json");
        try {
            Path script = requestDir.resolve(SCRIPT);
            try (InputStream in = SklearnSameStart.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    return Answer.failed("resource " + SCRIPT + " is missing from the class path");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" > \"" + out + "\"",
                    PYTHON, script.toString(), requestDir.toString()));
            for (double r : regCovars) {
                cmd.add(Double.toString(r));
            }
            ChildProcessMeter.Run run = ChildProcessMeter.run(cmd, TimeToSolutionSuite.SKLEARN_UNSET_ENV, requestDir,
                    TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!run.ok()) {
                return Answer.failed("scikit-learn from the same start failed (exit code " + run.exitCode() + "): "
                        + lastLine(run.errorTail()));
            }
            return parse(JSON.readTree(out.toFile()));
        } catch (IOException | RuntimeException e) {
            return Answer.failed("scikit-learn from the same start could not be run: " + e);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // left in the work folder
            }
        }
    }

    /** Reads the script's answer. */
    static Answer parse(JsonNode root) {
        Map<Double, Fit> fits = new LinkedHashMap<>();
        for (JsonNode f : root.path("fits")) {
            fits.put(f.path("reg_covar").asDouble(), new Fit(f.path("reg_covar").asDouble(),
                    f.path("score").asDouble(Double.NaN), PeerResults.mixture(f)));
        }
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("the answer holds no fits");
        }
        return new Answer(root.path("sklearn_version").asText(), fits, "");
    }

    private static String lastLine(String stderr) {
        String[] lines = stderr.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }
}
