package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.gmmharness.em.CovarianceType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sample} streams its rows, so any {@code --n} runs in a small heap, and a write stopped by
 * SIGINT or SIGTERM leaves neither the output nor its temporary file behind.
 */
class InterruptTest {

    /** Far more rows than a 64 MB heap could hold (2³¹ − 1 rows of 2 doubles are 34 GB). */
    private static final String HUGE_N = Integer.toString(Integer.MAX_VALUE);
    /** Written before the signal: enough to show that the rows stream rather than pile up in the heap. */
    private static final long STREAMED_BYTES = 16L << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void anInterruptedSampleLeavesNoFileBehind(String signal) throws Exception {
        double[][] x = ModelFixtures.columns(CliRun.irisX(), 2, 3);
        Path model = ModelFixtures.write(ModelFixtures.fit(x, 2, CovarianceType.FULL), x, dir.resolve("m.json"));
        Path outputs = Files.createDirectory(dir.resolve("outputs"));
        Path target = outputs.resolve("big.csv");
        Process p = ProcessRun.java().jvm("-Xmx64m").start(dir, "sample", "--model", model.toString(), "--n", HUGE_N,
                "--seed", "1", "--output", target.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ProcessRun.TIMEOUT_SECONDS);
            Optional<Path> temp = Optional.empty();
            while (p.isAlive() && System.nanoTime() < deadline) {
                temp = temporaryFile(outputs);
                if (temp.isPresent() && size(temp.get()) > STREAMED_BYTES) {
                    break;
                }
                Thread.sleep(50);
            }
            if (!p.isAlive()) {
                throw new AssertionError("sample ended before streaming " + STREAMED_BYTES + " bytes: "
                        + ProcessRun.java().result(dir, p.exitValue()));
            }
            assertTrue(temp.isPresent(), "a temporary file was being written");
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(ProcessRun.TIMEOUT_SECONDS, TimeUnit.SECONDS), "sample ends on SIG" + signal);
            assertEquals(128 + (signal.equals("INT") ? 2 : 15), p.exitValue(), "exit code of SIG" + signal);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), CliRun.files(outputs), "no output and no temporary file are left");
    }

    private static Optional<Path> temporaryFile(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".big.csv.")).findFirst();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
