package org.gmmharness.bench.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;
import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.peers.protocol.Mixture;
import org.gmmharness.peers.protocol.PeerResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring and comparing answers, reading a driver's result, and finding a driver's class path. */
class PeerAccuracyTest {

    private final LinearAlgebra<?> la = Backends.create(Backends.SMALL_FIT_BACKEND);

    @TempDir
    Path tmp;

    @Test
    void aFittedModelsParametersScoreAsTheModelItselfAndGiveItsPrecisionFactors() {
        for (CovarianceType type : List.of(CovarianceType.FULL, CovarianceType.DIAG)) {
            Workload w = Workloads.variant(Workloads.scaled(Workloads.W1, 200), type);
            double[] x = PeerSuite.flatten(WorkloadData.generate(w, Workloads.DATA_SEED));
            GaussianMixtureModel m = GaussianMixture.builder(w.k()).covarianceType(type).randomState(0).maxIter(3)
                    .build().fit(la, x, w.n(), w.d());
            Mixture mix = PeerAccuracy.toMixture(m);
            assertEquals(m.score(x, w.n(), w.d()), PeerAccuracy.score(la, mix, type, x, w.n(), w.d()), 1e-10, type.id());
            if (type == CovarianceType.FULL) {
                assertArrayEquals(m.precisionCholeskyBlocks()[2],
                        PeerAccuracy.upperPrecisionCholesky(mix.covariances()[2]), 1e-8);
            }
        }
    }

    @Test
    void theStartsInverseCovarianceAndTheDifferenceMeasure() {
        double[][] cov = {{4, 2}, {2, 3}};
        double[][] inv = PeerAccuracy.inverse(cov);
        assertArrayEquals(new double[] {3 / 8.0, -2 / 8.0}, inv[0], 1e-15);
        assertArrayEquals(new double[] {-2 / 8.0, 4 / 8.0}, inv[1], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> PeerAccuracy.inverse(new double[][] {{1, 2}, {2, 1}}));

        Mixture a = new Mixture(new double[] {0.5, 0.5}, new double[][] {{0, 10}, {1, 1}},
                new double[][][] {cov, cov});
        Mixture b = new Mixture(new double[] {0.5, 0.5}, new double[][] {{0, 10.5}, {1, 1}},
                new double[][][] {cov, cov});
        // means: max|a − b| = 0.5 over max|b| = 10.5
        assertEquals(0.5 / 10.5, PeerAccuracy.relativeDifference(a, b), 1e-15);
        assertEquals(0.0, PeerAccuracy.relativeDifference(a, a), 0.0);
    }

    @Test
    void aDriversJsonReadsBackExactlyNotFiniteNumbersIncluded() throws Exception {
        Mixture m = new Mixture(new double[] {0.1, 0.9}, new double[][] {{Math.PI}, {-1e-310}},
                new double[][][] {{{2.5}}, {{Double.NaN}}});
        PeerResult r = new PeerResult("Lib", "1.0", "Api \"x\"", false, "W1", 10, 1.5, 2.5, Double.POSITIVE_INFINITY,
                List.of(10.0, 11.0), m, List.of("quirk"));
        Path f = tmp.resolve("r.json");
        Files.writeString(f, r.toJson());
        PeerResult back = PeerResults.read(f);
        assertEquals("Api \"x\"", back.api());
        assertEquals(Double.POSITIVE_INFINITY, back.firstFitMs());
        assertEquals(List.of(10.0, 11.0), back.fitMs());
        assertEquals(-1e-310, back.result().means()[1][0], 0.0);
        assertTrue(Double.isNaN(back.result().covariances()[1][0][0]));
        assertEquals(List.of("quirk"), back.notes());
    }

    @Test
    void aDriverThatWasNotBuiltIsReportedWithTheCommandThatBuildsIt() throws Exception {
        Files.createDirectories(tmp.resolve("bench/peers-protocol"));
        assertEquals(tmp.toAbsolutePath(), PeerLauncher.findRoot(tmp.resolve("bench/target")));
        PeerLauncher.Launch smile = PeerLauncher.launch(PeerKind.SMILE, tmp, "java");
        assertTrue(!smile.ok() && smile.reason().contains("-Ppeers-smile"), smile.reason());

        Path target = tmp.resolve("bench/peers-spark/target");
        Files.createDirectories(target.resolve("classes"));
        Files.writeString(target.resolve(PeerLauncher.CLASSPATH_FILE), "/a.jar:/b.jar\n");
        PeerLauncher.Launch spark = PeerLauncher.launch(PeerKind.SPARK_RDD, tmp, "java");
        assertTrue(spark.ok(), spark.reason());
        List<String> cmd = spark.command();
        assertTrue(cmd.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), cmd.toString());
        assertEquals(target.resolve("classes") + ":/a.jar:/b.jar", cmd.get(cmd.indexOf("-cp") + 1));
        assertEquals(PeerKind.SPARK_RDD.mainClass, cmd.get(cmd.size() - 1));
    }
}
