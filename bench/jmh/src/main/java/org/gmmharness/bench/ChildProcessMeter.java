package org.gmmharness.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gmmharness.report.ProcessTimings;

/**
 * Runs a command as a child process and measures its wall time and its peak resident set size.
 *
 * <p>Wall time runs from just before {@link ProcessBuilder#start()} to the return of
 * {@link Process#waitFor}: the whole life of the process, start-up included. The peak resident set
 * is the kernel's {@code VmHWM} ("high-water mark" of {@code VmRSS}) of the child, read from
 * {@code /proc/<pid>/status} every {@value #POLL_MILLIS} ms while the child runs. The kernel keeps
 * the mark itself, so polling misses nothing the child held at any moment before the last reading;
 * only growth within the last poll interval before exit could be missed. The reading needs Linux's
 * {@code /proc}; elsewhere the peak is NaN. The command's standard output and error are discarded
 * except for the last lines of its error, kept for the reason when it fails.
 */
public final class ChildProcessMeter {

    /** Interval between two readings of the child's {@code VmHWM}, ms, as the report states it. */
    public static final int POLL_MILLIS = ProcessTimings.POLL_MILLIS;

    /** Characters of the child's standard error kept to explain a failure. */
    private static final int ERROR_TAIL_CHARS = 2000;

    private ChildProcessMeter() {
    }

    /**
     * One run of a child process.
     *
     * @param wallMs        wall time, ms
     * @param peakRssBytes  the child's largest {@code VmHWM}, bytes; NaN when it could not be read
     * @param exitCode      the child's exit code
     * @param errorTail     the end of its standard error (empty when it wrote none)
     */
    public record Run(double wallMs, double peakRssBytes, int exitCode, String errorTail) {
        /** @return whether the child exited with 0 */
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code command} to its end.
     *
     * @param command  the program and its arguments
     * @param unsetEnv environment variables removed for the child (the rest is inherited)
     * @param workDir  the child's working folder
     * @param timeout  the longest the child may run, after which it is killed and reported with exit code -1
     */
    public static Run run(List<String> command, List<String> unsetEnv, Path workDir, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        unsetEnv.forEach(env::remove);
        Path errFile = Files.createTempFile(workDir, "child-", ".err");
        pb.redirectError(errFile.toFile());
        try {
            long start = System.nanoTime();
            Process p = pb.start();
            p.getOutputStream().close();
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            long deadline = start + unit.toNanos(timeout);
            double peak = Double.NaN;
            boolean done = false;
            while (!done) {
                double hwm = readVmHwm(status);
                if (!Double.isNaN(hwm)) {
                    peak = Double.isNaN(peak) ? hwm : Math.max(peak, hwm);
                }
                done = p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (!done && System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    p.waitFor();
                    return new Run((System.nanoTime() - start) / 1e6, peak, -1,
                            "killed after " + timeout + " " + unit.toString().toLowerCase(java.util.Locale.ROOT));
                }
            }
            double wall = (System.nanoTime() - start) / 1e6;
            return new Run(wall, peak, p.exitValue(), tail(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    /** @return the child's VmHWM in bytes, NaN when the file is gone or holds none (the child has exited) */
    private static double readVmHwm(Path status) {
        try {
            return parseVmHwm(Files.readString(status, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Double.NaN;
        } catch (IOException | RuntimeException e) {
            // A process that is exiting can make the read fail half-way: keep the earlier readings.
            return Double.NaN;
        }
    }

    /**
     * Reads the {@code VmHWM} line of a {@code /proc/<pid>/status} text, such as
     * {@code "VmHWM:\t  123456 kB"}; the kernel always writes it in kB (units of 1024 bytes).
     *
     * @return the peak resident set in bytes, NaN when the text has no such line (a zombie or
     *         kernel thread)
     */
    public static double parseVmHwm(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                double value = Double.parseDouble(parts[0]);
                String unitName = parts.length > 1 ? parts[1] : "kB";
                switch (unitName) {
                    case "kB":
                        return value * 1024.0;
                    case "mB":
                    case "MB":
                        return value * 1024.0 * 1024.0;
                    case "B":
                        return value;
                    default:
                        throw new IllegalArgumentException("VmHWM in an unknown unit: " + line);
                }
            }
        }
        return Double.NaN;
    }

    private static String tail(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] all = in.readAllBytes();
            String s = new String(all, StandardCharsets.UTF_8).strip();
            return s.length() <= ERROR_TAIL_CHARS ? s : "…" + s.substring(s.length() - ERROR_TAIL_CHARS);
        }
    }
}
