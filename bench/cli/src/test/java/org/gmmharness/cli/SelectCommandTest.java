package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixtureModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code select}: the BIC/AIC table equals the library's fits; the chart is written as SVG or PNG. */
class SelectCommandTest {

    @TempDir
    Path dir;

    @Test
    void tableAndBestModelEqualTheLibrarys() throws IOException {
        double[][] x = CliRun.irisX();
        CliRun r = CliRun.run("select", "--input", CliRun.IRIS.toString(), "--max-components", "3",
                "--covariance-types", "full,diag", "--seed", "0", "--backend", "ejml");
        assertEquals(0, r.exit, r.toString());
        double bestBic = Double.POSITIVE_INFINITY;
        String best = null;
        for (CovarianceType type : List.of(CovarianceType.FULL, CovarianceType.DIAG)) {
            for (int k = 1; k <= 3; k++) {
                GaussianMixtureModel m = ModelFixtures.fit(x, k, type);
                String row = String.format("%4d  %-10s %24s %24s", k, type.id(), Double.toString(m.bic(x)),
                        Double.toString(m.aic(x)));
                assertTrue(r.out.lines().anyMatch(l -> l.startsWith(row)), row + "\nin\n" + r.out);
                if (m.bic(x) < bestBic) {
                    bestBic = m.bic(x);
                    best = "best by BIC: k = " + k + ", covariance " + type.id() + " (BIC " + m.bic(x) + ")";
                }
            }
        }
        assertTrue(r.out.contains(best), best + "\nin\n" + r.out);
        assertTrue(best.contains("k = 2, covariance full"), "BIC picks 2 full components on iris, as in the seeds");
        assertEquals(7 + 2, r.outLines().size(), "header line, column titles, 6 rows, best:\n" + r.out);
    }

    @Test
    void aicCriterionPicksTheSmallestAic() {
        CliRun r = CliRun.run("select", "--input", CliRun.IRIS.toString(), "--max-components", "4",
                "--covariance-types", "full", "--criterion", "aic", "--seed", "0", "--backend", "ejml");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("best by AIC: k = "), r.out);
        assertEquals(1, r.out.lines().filter(l -> l.endsWith("<- best")).count(), r.out);
    }

    @Test
    void everyCovarianceTypeByDefault() {
        CliRun r = CliRun.run("select", "--input", CliRun.IRIS.toString(), "--max-components", "1", "--seed", "0");
        assertEquals(0, r.exit, r.toString());
        for (CovarianceType t : CovarianceType.values()) {
            assertTrue(r.out.lines().anyMatch(l -> l.startsWith(String.format("%4d  %-10s", 1, t.id()))), r.out);
        }
    }

    @Test
    void chartIsWrittenAsSvgOrPng() throws IOException {
        for (String name : List.of("criteria.svg", "criteria.png")) {
            Path chart = dir.resolve(name);
            CliRun r = CliRun.run("select", "--input", CliRun.IRIS.toString(), "--max-components", "3",
                    "--covariance-types", "full,tied", "--seed", "0", "--chart", chart.toString());
            assertEquals(0, r.exit, r.toString());
            byte[] bytes = Files.readAllBytes(chart);
            if (name.endsWith(".svg")) {
                String svg = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(svg.contains("<svg") && svg.contains("<path"),
                        "an SVG drawing (XChart draws text as paths)");
            } else {
                assertEquals((byte) 0x89, bytes[0]);
                assertEquals('P', bytes[1]);
                assertEquals('N', bytes[2]);
            }
        }
        assertEquals(List.of("criteria.png", "criteria.svg"), CliRun.files(dir));
    }

    @Test
    void badValuesAreBadUsageAndWriteNothing() throws IOException {
        String chart = dir.resolve("chart.svg").toString();
        String[][] cases = {
            {"--max-components", "0", "--chart", chart},
            {"--max-components", "3", "--criterion", "mdl", "--chart", chart},
            {"--max-components", "3", "--covariance-types", "full,round", "--chart", chart},
            {"--max-components", "3", "--chart", dir.resolve("chart.gif").toString()},
            {"--max-components", "151", "--chart", chart},
            {"--max-components", "3", "--backend", "nope", "--chart", chart},
            {"--max-components", "3", "--seed", "-1", "--chart", chart},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            System.arraycopy(new String[] {"select", "--input", CliRun.IRIS.toString()}, 0, args, 0, 3);
            System.arraycopy(c, 0, args, 3, c.length);
            CliRun r = CliRun.run(args);
            assertEquals(2, r.exit, r.toString());
            assertFalse(r.err.isBlank());
        }
        assertEquals(List.of(), CliRun.files(dir));
    }
}
