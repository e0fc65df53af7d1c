package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixtureModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anomalies}: the rows whose score_samples is below numpy's percentile of them. */
class AnomaliesCommandTest {

    @TempDir
    Path dir;

    @Test
    void rowsBelowThePercentileAreListed() throws IOException {
        double[][] x = CliRun.irisX();
        GaussianMixtureModel model = ModelFixtures.fit(x, 3, CovarianceType.FULL);
        Path file = ModelFixtures.write(model, x, dir.resolve("model.json"));
        CliRun r = CliRun.run("anomalies", "--model", file.toString(), "--input", CliRun.IRIS.toString(),
                "--percentile", "4");
        assertEquals(0, r.exit, r.toString());
        double[] density = model.scoreSamples(x);
        double threshold = Percentile.of(density, 4);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (density[i] < threshold) {
                expected.add(i);
            }
        }
        List<String> lines = r.outLines();
        assertEquals("row,line,log_likelihood,sepal_length,sepal_width,petal_length,petal_width", lines.get(0));
        assertEquals(expected.size() + 1, lines.size(), r.out);
        assertEquals(6, expected.size(), "4% of 150 rows, rounded up by the strict comparison");
        for (int a = 0; a < expected.size(); a++) {
            String[] cells = lines.get(a + 1).split(",");
            int row = expected.get(a);
            assertEquals(row, Integer.parseInt(cells[0]));
            assertEquals(row + 2, Integer.parseInt(cells[1]), "file line: header plus 1-based row");
            assertEquals(density[row], Double.parseDouble(cells[2]), 1e-12 * Math.abs(density[row]));
            assertEquals(x[row][0], Double.parseDouble(cells[3]));
        }
        assertTrue(r.err.contains("6 of 150 rows"), r.err);
    }

    @Test
    void zeroPercentileFlagsNothing() throws IOException {
        double[][] x = CliRun.irisX();
        Path file = ModelFixtures.write(ModelFixtures.fit(x, 2, CovarianceType.DIAG), x, dir.resolve("m.json"));
        CliRun r = CliRun.run("anomalies", "--model", file.toString(), "--input", CliRun.IRIS.toString(),
                "--percentile", "0");
        assertEquals(0, r.exit, r.toString());
        assertEquals(1, r.outLines().size());
    }

    @Test
    void percentileOutOfRangeIsBadUsage() throws IOException {
        double[][] x = CliRun.irisX();
        Path file = ModelFixtures.write(ModelFixtures.fit(x, 2, CovarianceType.DIAG), x, dir.resolve("m.json"));
        for (String p : List.of("-1", "100.5", "NaN", "four")) {
            CliRun r = CliRun.run("anomalies", "--model", file.toString(), "--input", CliRun.IRIS.toString(),
                    "--percentile", p);
            assertEquals(2, r.exit, r.toString());
            assertTrue(r.err.contains("--percentile"), r.err);
        }
    }

    @Test
    void percentileIsNumpysLinearPercentile() {
        // numpy 1.24.2: np.percentile(a, p) for these values.
        double[] a = {3.5, -1.25, 7.0, 2.0, 2.0, 10.5, -4.0};
        assertEquals(-4.0, Percentile.of(a, 0));
        assertEquals(-3.34, Percentile.of(a, 4));
        assertEquals(0.375, Percentile.of(a, 25));
        assertEquals(2.0, Percentile.of(a, 50));
        assertEquals(3.125, Percentile.of(a, 62.5));
        assertEquals(8.400000000000002, Percentile.of(a, 90));
        assertEquals(10.479000000000003, Percentile.of(a, 99.9));
        assertEquals(10.5, Percentile.of(a, 100));
        double[] b = {0.1, 0.2, 0.3};
        assertEquals(0.10800000000000001, Percentile.of(b, 4));
        assertEquals(0.166, Percentile.of(b, 33));
        assertEquals(0.2, Percentile.of(b, 50));
        assertEquals(0.25, Percentile.of(b, 75));
        assertEquals(5.0, Percentile.of(new double[] {5.0}, 37));
    }
}
