package org.gmmharness.peers.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.gmmharness.peers.protocol.Mixture;
import org.gmmharness.peers.protocol.PeerRequest;
import org.junit.jupiter.api.Test;

/** Spark MLlib's RDD API driven from a given start in a local session, on two blobs in 2-D. */
class SparkRddPeerTest {

    private static PeerRequest request(int iterations) {
        int n = 400;
        double[] x = new double[n * 2];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            double c = i % 2 == 0 ? -3 : 3;
            x[2 * i] = c + gaussian(rng);
            x[2 * i + 1] = 0.5 * c + 0.7 * gaussian(rng);
        }
        double[][] id = {{1, 0}, {0, 1}};
        Mixture start = new Mixture(new double[] {0.4, 0.6}, new double[][] {{-1, 0}, {1, 0}},
                new double[][][] {id, id});
        return new PeerRequest("blobs", n, 2, 2, "full", iterations, 1, x, start);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void everyFitStartsFromTheGivenStartAndRunsTheRequestedIterations() {
        Mixture once;
        Mixture again;
        Mixture three;
        try (SparkRddPeer peer = new SparkRddPeer()) {
            peer.setUp(request(1));
            once = peer.fit();
            // Spark writes each iteration into the initial model's arrays: a reused model would continue.
            again = peer.fit();
            assertEquals("3.5.9", peer.version());
        }
        try (SparkRddPeer peer = new SparkRddPeer()) {
            peer.setUp(request(3));
            three = peer.fit();
        }
        assertArrayEquals(once.weights(), again.weights(), 1e-12);
        assertArrayEquals(once.means()[0], again.means()[0], 1e-12);
        assertTrue(Math.abs(three.means()[0][0] - once.means()[0][0]) > 1e-3,
                "3 iterations moved as far as 1: " + three.means()[0][0] + " vs " + once.means()[0][0]);
        // The blobs are found: means near (−3, −1.5) and (3, 1.5), covariances symmetric.
        assertEquals(-3, three.means()[0][0], 0.3);
        assertEquals(3, three.means()[1][0], 0.3);
        assertEquals(three.covariances()[1][0][1], three.covariances()[1][1][0], 0.0);
    }
}
