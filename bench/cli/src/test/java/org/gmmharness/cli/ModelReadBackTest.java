package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.em.InitMethod;
import org.gmmharness.linalg.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever {@code fit} writes, the other commands read back; a model file whose covariances and
 * precision factors disagree is refused; and scikit-learn's warnings reach stderr.
 */
class ModelReadBackTest {

    @TempDir
    Path dir;

    /** scikit-learn's state after max_iter = 0 has weights nk / n that sum to K / n (0.02 on iris). */
    @ParameterizedTest
    @ValueSource(strings = {"random_from_data", "k-means++"})
    void aModelWithoutIterationsIsReadBack(String init) throws IOException {
        Path model = dir.resolve("m.json");
        CliRun fit = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--init", init,
                "--max-iter", "0", "--seed", "0", "--backend", "ejml", "--model-out", model.toString());
        assertEquals(0, fit.exit, fit.toString());
        CliRun predict = CliRun.run("predict", "--model", model.toString(), "--input", CliRun.IRIS.toString());
        assertEquals(0, predict.exit, predict.toString());
        double[][] x = CliRun.irisX();
        GaussianMixtureModel library = GaussianMixture.builder(3).initMethod(InitMethod.parse(init)).maxIter(0)
                .randomState(0).build().fit(Backends.create("ejml"), x);
        double sum = 0;
        for (double w : library.weights()) {
            sum += w;
        }
        assertEquals(3.0 / 150, sum, 1e-12, "scikit-learn's initial weights are not renormalised");
        String score = predict.err.lines().filter(l -> l.startsWith("mean log-likelihood (score): ")).findFirst()
                .orElseThrow().substring("mean log-likelihood (score): ".length());
        assertEquals(library.score(x), Double.parseDouble(score), 1e-12 * Math.abs(library.score(x)));
        CliRun sample = CliRun.run("sample", "--model", model.toString(), "--n", "5", "--seed", "1");
        assertEquals(0, sample.exit, sample.toString());
    }

    @Test
    void covariancesThatDisagreeWithTheirPrecisionFactorsAreRefused() throws IOException {
        double[][] x = CliRun.irisX();
        Path good = ModelFixtures.write(ModelFixtures.fit(x, 3, CovarianceType.DIAG), x, dir.resolve("good.json"));
        String json = Files.readString(good);
        String cov = json.lines().filter(l -> l.contains("\"covariances\"")).findFirst().orElseThrow();
        String first = cov.replaceFirst(".*?\\[ *\\[ *", "").replaceFirst(",.*", "");
        double changed = Double.parseDouble(first) * 1.01;
        Path bad = Files.writeString(dir.resolve("bad.json"), json.replace(cov, cov.replaceFirst(
                java.util.regex.Pattern.quote(first), Double.toString(changed))));
        for (String[] args : new String[][] {
            {"predict", "--model", bad.toString(), "--input", CliRun.IRIS.toString()},
            {"sample", "--model", bad.toString(), "--n", "5", "--seed", "1"}}) {
            CliRun r = CliRun.run(args);
            assertEquals(Main.BAD_INPUT, r.exit, r.toString());
            assertTrue(r.err.contains("covariances and precisions_cholesky disagree in component 0"), r.toString());
            assertEquals("", r.out, "nothing is written");
        }
    }

    @Test
    void aFitThatDoesNotConvergeWarnsOnStderr() {
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--max-iter", "1",
                "--seed", "0", "--backend", "ejml");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.lines().anyMatch(l -> l.equals("warning: Initialization 1 did not converge. Try different "
                + "init parameters, or increase max_iter, tol or check for degenerate data.")), r.toString());
        CliRun converged = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--seed", "0",
                "--backend", "ejml");
        assertEquals("", converged.err, converged.toString());
    }

    @Test
    void fewerDistinctPointsThanComponentsWarnsOnStderr() throws IOException {
        Path twoPoints = Files.writeString(dir.resolve("two.csv"), "a,b\n" + "1,2\n".repeat(5) + "3,5\n".repeat(5));
        CliRun r = CliRun.run("fit", "--input", twoPoints.toString(), "--components", "3", "--reg-covar", "0.1",
                "--seed", "0", "--backend", "ejml");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("warning: Number of distinct clusters (2) found smaller than n_clusters (3). "
                + "Possibly due to duplicate points in X."), r.toString());
    }
}
