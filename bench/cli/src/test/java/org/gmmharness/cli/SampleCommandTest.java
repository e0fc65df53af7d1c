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

/** {@code sample}: the library's samples from the same seed, each with its component. */
class SampleCommandTest {

    @TempDir
    Path dir;

    @Test
    void samplesEqualTheLibrarys() throws IOException {
        double[][] x = CliRun.irisX();
        GaussianMixtureModel model = ModelFixtures.fit(x, 3, CovarianceType.FULL);
        Path file = ModelFixtures.write(model, x, dir.resolve("model.json"));
        GaussianMixtureModel restored = org.gmmharness.io.ModelFile.read(file)
                .restore(org.gmmharness.linalg.Backends.create("ejml"));
        GaussianMixtureModel.Sample expected = restored.sample(50, 42);
        CliRun r = CliRun.run("sample", "--model", file.toString(), "--n", "50", "--seed", "42");
        assertEquals(0, r.exit, r.toString());
        List<String> lines = r.outLines();
        assertEquals("x0,x1,x2,x3,component", lines.get(0));
        assertEquals(51, lines.size());
        double[][] ex = expected.x();
        int[] comp = expected.components();
        double[][] fitted = model.sample(50, 42).x();
        for (int i = 0; i < 50; i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int j = 0; j < 4; j++) {
                assertEquals(ex[i][j], Double.parseDouble(cells[j]), "sample " + i + ", feature " + j);
                assertEquals(fitted[i][j], Double.parseDouble(cells[j]), 1e-12, "as the fitted model's sample");
            }
            assertEquals(comp[i], Integer.parseInt(cells[4]));
        }
    }

    @Test
    void outputFileAndRandomSeed() throws IOException {
        double[][] x = CliRun.irisX();
        Path file = ModelFixtures.write(ModelFixtures.fit(x, 2, CovarianceType.SPHERICAL), x, dir.resolve("m.json"));
        Path out = dir.resolve("samples.csv");
        CliRun r = CliRun.run("sample", "--model", file.toString(), "--n", "10", "--output", out.toString());
        assertEquals(0, r.exit, r.toString());
        assertEquals(11, Files.readAllLines(out).size());
        assertTrue(r.err.startsWith("seed: "), "a random seed is printed so the draw can be repeated: " + r.err);
        String seed = r.err.lines().findFirst().orElseThrow().substring("seed: ".length());
        CliRun again = CliRun.run("sample", "--model", file.toString(), "--n", "10", "--seed", seed);
        assertEquals(Files.readString(out), again.out);
    }

    @Test
    void badValuesAreBadUsage() throws IOException {
        double[][] x = CliRun.irisX();
        Path file = ModelFixtures.write(ModelFixtures.fit(x, 2, CovarianceType.DIAG), x, dir.resolve("m.json"));
        Path out = dir.resolve("samples.csv");
        for (String[] args : new String[][] {{"--n", "0"}, {"--n", "ten"}, {"--n", "5", "--seed", "-3"}}) {
            String[] all = new String[args.length + 5];
            System.arraycopy(new String[] {"sample", "--model", file.toString(), "--output", out.toString()}, 0, all,
                    0, 5);
            System.arraycopy(args, 0, all, 5, args.length);
            CliRun r = CliRun.run(all);
            assertEquals(2, r.exit, r.toString());
            assertTrue(r.err.contains(args[args.length - 2]), r.err);
            assertFalse(Files.exists(out));
        }
    }
}
