package org.gmmharness.peers.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The timing loop every peer driver's {@code main} runs: {@code <driver> <request folder> <result file>}.
 * Reads the {@link PeerRequest}, sets the library up, fits once cold and then
 * {@link PeerRequest#repeats()} more times, each fit timed on its own with {@link System#nanoTime()},
 * and writes the {@link PeerResult} (written to a temporary file and renamed, so a result file is
 * never half-written). Exit code 0 on success, 2 on a bad command line, 1 when the library fails
 * (its error on stderr).
 */
public final class PeerMain {

    private PeerMain() {
    }

    /** @return the process's exit code */
    public static int run(String[] args, PeerDriver driver) {
        if (args.length != 2) {
            System.err.println("usage: <driver> <request folder> <result file>");
            return 2;
        }
        try {
            PeerResult result = measure(Path.of(args[0]), driver);
            Path out = Path.of(args[1]).toAbsolutePath();
            Path tmp = Files.createTempFile(out.getParent(), ".peer-result-", ".tmp");
            Files.writeString(tmp, result.toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return 0;
        } catch (Exception | OutOfMemoryError e) {
            System.err.println("error: " + driver.library() + " failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** Runs the loop and returns the result without writing it. */
    static PeerResult measure(Path requestDir, PeerDriver driver) throws Exception {
        long t0 = System.nanoTime();
        PeerRequest request = PeerRequest.read(requestDir);
        long t1 = System.nanoTime();
        try (driver) {
            driver.setUp(request);
            long t2 = System.nanoTime();
            Mixture last = driver.fit();
            long t3 = System.nanoTime();
            List<Double> fits = new ArrayList<>();
            for (int r = 0; r < request.repeats(); r++) {
                long s = System.nanoTime();
                last = driver.fit();
                fits.add((System.nanoTime() - s) / 1e6);
            }
            return new PeerResult(driver.library(), driver.version(), driver.api(), driver.sameStart(),
                    request.workload(), request.iterations(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                    List.copyOf(fits), last, List.copyOf(driver.notes()));
        }
    }
}
