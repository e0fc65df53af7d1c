package org.gmmharness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.workload.Workload;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scikit-learn baseline driver: a real run when python3-sklearn is present, and its failures. */
class SklearnBaselineTest {

    private static final Workload FULL = new Workload("tiny", 2000, 3, 2, CovarianceType.FULL);
    private static final Workload DIAG = new Workload("tiny-diag", 2000, 3, 2, CovarianceType.DIAG);

    @TempDir
    Path dir;

    @Test
    void timesEveryShapeOnTheSystemPython() throws Exception {
        Assumptions.assumeTrue(systemSklearnPresent(), "/usr/bin/python3 with sklearn is not installed");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // FULL twice under another id: the driver must time each shape once.
        Workload again = new Workload("tiny-again", 2000, 3, 2, CovarianceType.FULL);
        SklearnTimings t = SklearnBaseline.measure(List.of(FULL, DIAG, again), 3, dir,
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertTrue(t.available(), t.reason());
        assertEquals(List.of(FULL.shape(), DIAG.shape()), List.copyOf(t.byShape().keySet()));
        for (SklearnTimings.Timing timing : t.byShape().values()) {
            assertTrue(timing.msPerIteration() > 0, timing.toString());
            assertTrue(timing.eStepMs() > 0, timing.toString());
            assertTrue(timing.mStepMs() > 0, timing.toString());
            assertTrue(timing.errorMs() >= 0, timing.toString());
            assertEquals(3, timing.repeats());
        }
        for (String key : List.of("sklearn", "numpy", "python", "blas", "cpu count", "environment")) {
            assertFalse(t.versions().getOrDefault(key, "").isBlank(), key + " missing: " + t.versions());
        }
        assertTrue(t.versions().get("environment").contains("OPENBLAS_NUM_THREADS="), t.versions().toString());
        // The script's process saw the malloc settings that keep its freed memory.
        SklearnBaseline.KEEP_MEMORY_ENV.forEach((k, v) -> assertTrue(
                t.versions().get("environment").contains(k + "=" + v), t.versions().toString()));

        // One progress line per distinct shape, forwarded from the script's stderr.
        String progress = log.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains(FULL.shape()) && progress.contains(DIAG.shape()), progress);
        // The samples are deleted afterwards.
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".f64")));
        }
    }

    @Test
    void fitsAloneAreTimedAndRunsBeforeAndAfterArePooledInOrder() throws Exception {
        Assumptions.assumeTrue(systemSklearnPresent(), "/usr/bin/python3 with sklearn is not installed");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        SklearnTimings before = SklearnBaseline.measure(List.of(), 0, List.of(FULL), 2, 1, dir, quiet);
        SklearnTimings after = SklearnBaseline.measure(List.of(), 0, List.of(FULL), 3, 0, dir, quiet);
        assertTrue(before.available(), before.reason());
        assertTrue(before.byShape().isEmpty());
        assertEquals(2, before.fits().get(FULL.shape()).samplesMs().size());

        SklearnTimings iterations = SklearnBaseline.measure(List.of(DIAG), 2, dir, quiet);
        SklearnTimings merged = iterations.withFitsOf(
                List.of(before, SklearnTimings.unavailable("not run"), after));
        assertEquals(iterations.byShape(), merged.byShape());
        assertEquals(iterations.versions(), merged.versions());
        SklearnTimings.FitTiming f = merged.fits().get(FULL.shape());
        List<Double> expected = new java.util.ArrayList<>(before.fits().get(FULL.shape()).samplesMs());
        expected.addAll(after.fits().get(FULL.shape()).samplesMs());
        assertEquals(expected, f.samplesMs());
        assertEquals(5, f.nIter().size());
        assertTrue(f.samplesMs().stream().allMatch(ms -> ms > 0), f.toString());
    }

    @Test
    void missingInterpreterSaysHowToInstall() {
        SklearnTimings t = SklearnBaseline.measure(dir.resolve("no-such-python3"), List.of(FULL), 3, dir,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertFalse(t.available());
        assertTrue(t.reason().contains("apt-get install -y python3-sklearn"), t.reason());
        assertTrue(t.byShape().isEmpty());
    }

    @Test
    void failingScriptReportsItsLastStderrLines() throws Exception {
        // A stand-in interpreter: passes the import check (-c) and fails on the script itself.
        Path fake = dir.resolve("fake-python3");
        Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = \"-c\" ]; then exit 0; fi\n"
                + "echo 'Traceback (most recent call last):' >&2\necho 'MemoryError: boom' >&2\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        SklearnTimings t = SklearnBaseline.measure(fake, List.of(FULL), 3, dir,
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertFalse(t.available());
        assertTrue(t.reason().contains("exit code 3") && t.reason().contains("MemoryError: boom"), t.reason());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("MemoryError: boom"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".f64")));
        }
    }

    @Test
    void samplesAreLittleEndianRowMajor() throws Exception {
        double[][] x = {{1.5, -2.0, 3.25}, {4.0, 5.5, -6.75}};
        Path f = dir.resolve("x.f64");
        SklearnBaseline.writeSamples(x, f);

        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(6 * Double.BYTES, b.remaining());
        for (double[] row : x) {
            for (double v : row) {
                assertEquals(v, b.getDouble());
            }
        }
    }

    private static boolean systemSklearnPresent() throws Exception {
        if (!Files.isExecutable(SklearnBaseline.SYSTEM_PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(SklearnBaseline.SYSTEM_PYTHON.toString(), "-c", "import sklearn")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
