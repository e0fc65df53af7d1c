package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code predict}: labels, log-likelihoods and responsibilities equal the library's. */
class PredictCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void rowsEqualTheLibrarysPredictions(CovarianceType type) throws IOException {
        double[][] x = CliRun.irisX();
        GaussianMixtureModel model = ModelFixtures.fit(x, 3, type);
        Path file = ModelFixtures.write(model, x, dir.resolve("model.json"));
        CliRun r = CliRun.run("predict", "--model", file.toString(), "--input", CliRun.IRIS.toString());
        assertEquals(0, r.exit, r.toString());
        List<String> lines = r.outLines();
        assertEquals("label,log_likelihood,p0,p1,p2", lines.get(0));
        assertEquals(x.length + 1, lines.size());
        int[] labels = model.predict(x);
        double[] ll = model.scoreSamples(x);
        double[][] proba = model.predictProba(x);
        for (int i = 0; i < x.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(labels[i], Integer.parseInt(cells[0]), "label of row " + i);
            assertEquals(ll[i], Double.parseDouble(cells[1]), 1e-12 * Math.max(1, Math.abs(ll[i])), "row " + i);
            for (int c = 0; c < 3; c++) {
                assertEquals(proba[i][c], Double.parseDouble(cells[2 + c]), 1e-12, "row " + i + " p" + c);
            }
        }
        double score = Double.parseDouble(r.err.lines().filter(l -> l.startsWith("mean log-likelihood (score): "))
                .findFirst().orElseThrow().substring("mean log-likelihood (score): ".length()));
        assertEquals(model.score(x), score, 1e-12);
    }

    @Test
    void outputFileHoldsTheSameCsv() throws IOException {
        double[][] x = CliRun.irisX();
        Path file = ModelFixtures.write(ModelFixtures.fit(x, 2, CovarianceType.DIAG), x, dir.resolve("m.json"));
        CliRun toStdout = CliRun.run("predict", "--model", file.toString(), "--input", CliRun.IRIS.toString());
        Path out = dir.resolve("pred.csv");
        CliRun toFile = CliRun.run("predict", "--model", file.toString(), "--input", CliRun.IRIS.toString(),
                "--output", out.toString());
        assertEquals(0, toFile.exit, toFile.toString());
        assertEquals("", toFile.out);
        assertEquals(toStdout.out, Files.readString(out));
    }

    @Test
    void columnsChooseTheModelsFeatures() throws IOException {
        double[][] x = CliRun.irisX();
        Path file = ModelFixtures.write(ModelFixtures.fit(x, 3, CovarianceType.FULL), x, dir.resolve("m.json"));
        CliRun labeled = CliRun.run("predict", "--model", file.toString(), "--input",
                CliRun.IRIS_LABELED.toString(), "--columns", "0,1,2,3");
        CliRun plain = CliRun.run("predict", "--model", file.toString(), "--input", CliRun.IRIS.toString());
        assertEquals(0, labeled.exit, labeled.toString());
        assertEquals(plain.out, labeled.out);
    }

    // ---- bad model files ------------------------------------------------------------------------

    private CliRun predictWith(String modelJson) throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, modelJson);
        Path out = dir.resolve("pred.csv");
        CliRun r = CliRun.run("predict", "--model", file.toString(), "--input", CliRun.IRIS.toString(),
                "--output", out.toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.startsWith("error: " + file), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertFalse(Files.exists(out), "no output after a failure");
        assertEquals(List.of("model.json"), CliRun.files(dir));
        return r;
    }

    private String validModelJson(CovarianceType type) throws IOException {
        double[][] x = CliRun.irisX();
        Path file = ModelFixtures.write(ModelFixtures.fit(x, 3, type), x, dir.resolve("model.json"));
        return Files.readString(file);
    }

    @Test
    void malformedModelFileIsRejected() throws IOException {
        String json = validModelJson(CovarianceType.FULL);
        CliRun r = predictWith(json.substring(0, json.length() / 2));
        assertTrue(r.err.contains("not valid JSON at line"), r.err);
        r = predictWith("[1, 2, 3]");
        assertTrue(r.err.contains("expected a JSON object"), r.err);
        r = predictWith(json.replace("\"n_iter\"", "\"iterations\""));
        assertTrue(r.err.contains("unknown field 'iterations'"), r.err);
        r = predictWith(json.replaceFirst("\"weights\" : \\[[^]]*],", ""));
        assertTrue(r.err.contains("field 'weights' is missing"), r.err);
        r = predictWith(json.replace("\"covariance_type\" : \"full\"", "\"covariance_type\" : \"round\""));
        assertTrue(r.err.contains("field 'covariance_type' is not valid"), r.err);
        r = predictWith(json.replace("\"n_components\" : 3", "\"n_components\" : \"three\""));
        assertTrue(r.err.contains("field 'n_components' must be an integer"), r.err);
        Path withoutConverged = Files.writeString(dir.resolve("lean.json"),
                json.replaceFirst("\"converged\" : (true|false),", ""));
        r = CliRun.run("predict", "--model", withoutConverged.toString(), "--input", CliRun.IRIS.toString());
        assertEquals(0, r.exit, "predict does not need the fields it does not use: " + r);
    }

    @Test
    void modelFileWithInconsistentShapesIsRejected() throws IOException {
        String full = validModelJson(CovarianceType.FULL);
        CliRun r = predictWith(full.replace("\"n_components\" : 3", "\"n_components\" : 2"));
        assertTrue(r.err.contains("field 'weights' must have shape (2,)"), r.err);
        r = predictWith(full.replace("\"n_features_in\" : 4", "\"n_features_in\" : 3"));
        assertTrue(r.err.contains("field 'means' must have shape (3, 3)"), r.err);
        // Full covariances read as tied: (3, 4, 4) where (4, 4) is expected.
        r = predictWith(full.replace("\"covariance_type\" : \"full\"", "\"covariance_type\" : \"tied\""));
        assertTrue(r.err.contains("field 'covariances' must have shape (4, 4) for covariance_type 'tied'"), r.err);
        String diag = validModelJson(CovarianceType.DIAG);
        r = predictWith(diag.replace("\"covariance_type\" : \"diag\"", "\"covariance_type\" : \"spherical\""));
        assertTrue(r.err.contains("field 'covariances'"), r.err);
    }

    @Test
    void modelFileWithInvalidValuesIsRejected() throws IOException {
        String json = validModelJson(CovarianceType.SPHERICAL);
        String weights = json.lines().filter(l -> l.contains("\"weights\"")).findFirst().orElseThrow();
        CliRun r = predictWith(json.replace(weights, "  \"weights\" : [ 0.5, 0.5, 0.5 ],"));
        assertTrue(r.err.contains("weights must sum to 1"), r.err);
        String cov = json.lines().filter(l -> l.contains("\"covariances\"")).findFirst().orElseThrow();
        r = predictWith(json.replace(cov, "  \"covariances\" : [ 0.1, -0.2, 0.3 ],"));
        assertTrue(r.err.contains("covariances block 1 must be positive"), r.err);
    }

    @Test
    void dataWithTheWrongColumnsIsRejected() throws IOException {
        double[][] x = CliRun.irisX();
        Path file = ModelFixtures.write(ModelFixtures.fit(x, 3, CovarianceType.FULL), x, dir.resolve("model.json"));
        CliRun r = CliRun.run("predict", "--model", file.toString(), "--input", CliRun.IRIS.toString(),
                "--columns", "0,1");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("gives 2 column(s)") && r.err.contains("has 4 feature(s)"), r.err);
    }

    @Test
    void missingModelFileIsRejected() {
        CliRun r = CliRun.run("predict", "--model", dir.resolve("none.json").toString(), "--input",
                CliRun.IRIS.toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("none.json: no such file"), r.err);
    }

    @Test
    void restoredModelScoresAsTheFittedOne() throws IOException {
        double[][] x = CliRun.irisX();
        GaussianMixtureModel model = ModelFixtures.fit(x, 3, CovarianceType.TIED);
        Path file = ModelFixtures.write(model, x, dir.resolve("model.json"));
        GaussianMixtureModel restored = ModelLoader.load(file, new java.io.PrintWriter(new java.io.StringWriter()))
                .model();
        assertArrayEquals(model.predict(x), restored.predict(x));
        assertEquals(model.score(x), restored.score(x), 1e-13);
    }
}
