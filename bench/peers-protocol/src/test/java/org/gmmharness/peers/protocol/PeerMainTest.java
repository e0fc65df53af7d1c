package org.gmmharness.peers.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request folder round trip, the timing loop and the result's JSON. */
class PeerMainTest {

    @TempDir
    Path dir;

    private static PeerRequest request(int repeats) {
        double[] x = {0.1, -2.5, 1e-300, Double.MAX_VALUE, 3.0, Math.PI};
        Mixture start = new Mixture(new double[] {0.25, 0.75}, new double[][] {{1, 2}, {3, 4}},
                new double[][][] {{{2, 0.5}, {0.5, 1}}, {{1, 0}, {0, 1}}});
        return new PeerRequest("W0", 3, 2, 2, "full", 7, repeats, x, start);
    }

    @Test
    void aRequestReadsBackBitForBit() throws Exception {
        PeerRequest r = request(2);
        r.write(dir);
        PeerRequest back = PeerRequest.read(dir);
        assertEquals(r.workload(), back.workload());
        assertEquals(7, back.iterations());
        assertEquals(2, back.repeats());
        assertArrayEquals(r.x(), back.x(), 0.0);
        assertArrayEquals(r.start().weights(), back.start().weights(), 0.0);
        assertArrayEquals(r.start().means()[1], back.start().means()[1], 0.0);
        assertArrayEquals(r.start().covariances()[0][1], back.start().covariances()[0][1], 0.0);
        assertArrayEquals(new double[] {3.0, Math.PI}, back.rows()[2], 0.0);
    }

    @Test
    void aTruncatedDataFileIsRefused() throws Exception {
        request(0).write(dir);
        Files.write(dir.resolve(PeerRequest.DATA), new byte[8 * 5]);
        assertThrows(java.io.IOException.class, () -> PeerRequest.read(dir));
    }

    @Test
    void theLoopFitsOnceColdThenRepeatsTimesAndReportsTheLastFit() throws Exception {
        request(3).write(dir);
        CountingDriver driver = new CountingDriver();
        PeerResult r = PeerMain.measure(dir, driver);
        assertEquals(4, driver.fits);
        assertTrue(driver.closed);
        assertEquals(3, r.fitMs().size());
        assertEquals(7, r.iterations());
        assertEquals(4.0, r.result().weights()[0], 0.0);
        assertTrue(r.firstFitMs() >= 0 && r.setupMs() >= 0 && r.loadMs() >= 0);
    }

    @Test
    void mainWritesTheResultFileAndFailsWithExitCode1WhenTheLibraryThrows() throws Exception {
        request(1).write(dir);
        Path out = dir.resolve("result.json");
        assertEquals(0, PeerMain.run(new String[] {dir.toString(), out.toString()}, new CountingDriver()));
        String json = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"library\":\"Counting \\\"test\\\"\\n\","), json);
        assertTrue(json.contains("\"weights\":[2.0,\"NaN\"]"), json);
        assertTrue(json.contains("\"covariances\":[[[1.0,0.0],[0.0,1.0]],[[1.0,0.0],[0.0,1.0]]]"), json);
        CountingDriver failing = new CountingDriver();
        failing.failAt = 1;
        assertEquals(1, PeerMain.run(new String[] {dir.toString(), dir.resolve("other.json").toString()}, failing));
        assertTrue(failing.closed);
        assertEquals(2, PeerMain.run(new String[] {dir.toString()}, new CountingDriver()));
    }

    /** A driver whose fit k returns weights {k, NaN}. */
    private static final class CountingDriver implements PeerDriver {
        int fits;
        int failAt = -1;
        boolean closed;

        @Override
        public String library() {
            return "Counting \"test\"\n";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public String api() {
            return "fit";
        }

        @Override
        public boolean sameStart() {
            return true;
        }

        @Override
        public List<String> notes() {
            return List.of("none");
        }

        @Override
        public void setUp(PeerRequest request) {
        }

        @Override
        public Mixture fit() {
            fits++;
            if (fits == failAt) {
                throw new IllegalStateException("the library failed");
            }
            double[][] id = {{1, 0}, {0, 1}};
            return new Mixture(new double[] {fits, Double.NaN}, new double[][] {{0, 0}, {1, 1}},
                    new double[][][] {id, id});
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
