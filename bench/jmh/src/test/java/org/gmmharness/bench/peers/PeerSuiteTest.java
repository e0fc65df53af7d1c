package org.gmmharness.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.gmmharness.report.PeerComparison;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.peers.protocol.Mixture;
import org.gmmharness.linalg.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real Commons Math peer driver in a JVM of its own on a small workload, from the module
 * the root build makes before this one (bench/peers-commons-math/target/peer-classpath.txt).
 */
class PeerSuiteTest {

    @TempDir
    Path work;

    /** The workload and iterations of the driver test, where EM still moves between iterations 4 and 5. */
    private static final String WORKLOAD = "W4/100";
    private static final int ITERATIONS = 4;

    @Test
    void emStillMovesAtTheTestedIterationSoThatAnExtraIterationWouldShow() {
        Workload w = Workloads.byId(WORKLOAD);
        double[] x = PeerSuite.flatten(WorkloadData.generate(w, Workloads.DATA_SEED));
        LinearAlgebra<?> la = Backends.create(Backends.SMALL_FIT_BACKEND);
        Mixture start = PeerStart.of(la, w, x);
        Mixture four = PeerAccuracy.toMixture(PeerAccuracy.fitFromStart(la, w.covarianceType(), start, ITERATIONS,
                x, w.n(), w.d()));
        Mixture five = PeerAccuracy.toMixture(PeerAccuracy.fitFromStart(la, w.covarianceType(), start,
                ITERATIONS + 1, x, w.n(), w.d()));
        assertTrue(PeerAccuracy.relativeDifference(five, four) > 1e-6, "iteration 5 moves the parameters by "
                + PeerAccuracy.relativeDifference(five, four));
    }

    @Test
    void commonsMathDriverRunsFromTheSharedStartAndMatchesScikitLearnWithoutRegularisation() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PeerSuite suite = new PeerSuite(List.of(Workloads.byId(WORKLOAD)), ITERATIONS, 2, List.of(Backends.SMALL_FIT_BACKEND),
                List.of(PeerKind.COMMONS_MATH), List.of(), new PrintStream(log, true, StandardCharsets.UTF_8));
        PeerComparison c = suite.run(null, work);

        assertTrue(c.measured(), c.reason());
        PeerComparison.WorkloadPeers w = c.workloads().get(0);
        PeerComparison.Entry backend = w.entries().get(0);
        PeerComparison.Entry peer = w.entries().get(1);
        assertTrue(peer.ok(), peer.failure() + "\n" + log);
        assertEquals(2, peer.fitMs().size());
        assertTrue(peer.peakRssBytes() > 10e6, "peak RSS " + peer.peakRssBytes());
        assertTrue(peer.msPerIter(ITERATIONS) > 0);
        assertTrue(Double.isFinite(peer.meanLogLikelihood()));
        if (!Double.isNaN(w.sklearnScore())) {
            // Same start, same iterations, no regularisation on either side: the same EM (an extra
            // iteration, Commons Math's quirk, would differ by more than 1e-6, see the test above).
            assertTrue(peer.relDiffVsSklearn() < 1e-8, "Commons Math vs scikit-learn " + peer.relDiffVsSklearn());
            assertEquals(w.sklearnScoreNoReg(), peer.meanLogLikelihood(), 1e-9);
            assertTrue(backend.relDiffVsSklearn() < 1e-8, "backend vs scikit-learn " + backend.relDiffVsSklearn());
            assertEquals(w.sklearnScore(), backend.meanLogLikelihood(), 1e-9);
        }
    }
}
