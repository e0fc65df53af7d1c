package org.gmmharness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.linalg.Backends;
import org.gmmharness.workload.Workload;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The agreement check on a tiny workload. */
class BackendAgreementTest {

    private static final Workload TINY = new Workload("tiny", 400, 3, 2, CovarianceType.FULL);
    private static final Workload TINY_DIAG = new Workload("tiny-diag", 400, 3, 2, CovarianceType.DIAG);

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(log, true, StandardCharsets.UTF_8);

    @Test
    void oneBackendAgreesWithItself() {
        Agreement a = BackendAgreement.measure(List.of(TINY, TINY_DIAG, TINY), List.of("ejml"), progress);
        assertEquals(Agreement.TOLERANCE, a.tolerance());
        assertEquals(List.of(TINY.shape(), TINY_DIAG.shape()), List.copyOf(a.byShape().keySet()));
        assertEquals(Map.of("ejml", 0.0), a.byShape().get(TINY.shape()));
        assertEquals(0.0, a.worst());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("agreement tiny"));
    }

    @Test
    void everyAvailableBackendAgreesWithinTolerance() {
        List<String> backends = Backends.availableNames();
        Assumptions.assumeTrue(backends.size() >= 2, "needs two backends, found " + backends);
        Agreement a = BackendAgreement.measure(List.of(TINY, TINY_DIAG), backends, progress);
        for (Map<String, Double> byBackend : a.byShape().values()) {
            assertEquals(backends, List.copyOf(byBackend.keySet()));
        }
        assertTrue(a.worst() <= a.tolerance(), "worst " + a.worst() + ": " + a.byShape());
    }

    @Test
    void aBackendThatFailsGetsInfinityAndTheOthersAreStillCompared() {
        Agreement a = BackendAgreement.measure(List.of(TINY), List.of("ejml", "no-such-backend"), progress);
        assertEquals(0.0, a.byShape().get(TINY.shape()).get("ejml"));
        assertEquals(Double.POSITIVE_INFINITY, a.byShape().get(TINY.shape()).get("no-such-backend"));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("no-such-backend failed"));
    }

    @Test
    void largeWorkloadsAreCutToTheirFirstRows() {
        Workload big = new Workload("big", 25_000, 2, 2, CovarianceType.SPHERICAL);
        double[][] x = BackendAgreement.sample(big);
        assertEquals(BackendAgreement.MAX_SAMPLES, x.length);
        assertEquals(org.gmmharness.workload.WorkloadData.generate(big, org.gmmharness.workload.Workloads.DATA_SEED)[19_999][1],
                x[19_999][1]);
    }
}
