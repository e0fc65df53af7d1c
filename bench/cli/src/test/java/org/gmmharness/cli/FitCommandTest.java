package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.CsvData;
import org.gmmharness.io.ModelFile;
import org.gmmharness.linalg.Backends;
import org.gmmharness.metrics.AdjustedRandIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fit} on iris: its summary equals the library's own results; bad input exits with 2. */
class FitCommandTest {

    @TempDir
    Path dir;

    private static GaussianMixtureModel libraryFit(String type, double[][] x) {
        return GaussianMixture.builder(3).covarianceType(CovarianceType.parse(type)).randomState(0).build()
                .fit(Backends.create("ejml"), x);
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "tied", "diag", "spherical"})
    void summaryMatchesTheLibrary(String type) throws IOException {
        double[][] x = CliRun.irisX();
        GaussianMixtureModel model = libraryFit(type, x);
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--covariance-type",
                type, "--seed", "0", "--backend", "ejml");
        assertEquals(0, r.exit, r.toString());
        assertEquals(Double.toString(model.lowerBound()), r.outValue(ModelSummary.LOWER_BOUND));
        assertEquals(Double.toString(model.bic(x)), r.outValue("BIC: "));
        assertEquals(Double.toString(model.aic(x)), r.outValue("AIC: "));
        assertEquals(Integer.toString(model.nIter()), r.outValue("n_iter: "));
        assertEquals(Boolean.toString(model.converged()), r.outValue("converged: "));
        assertTrue(r.out.contains("covariances (" + type + ", shape "), r.out);
        assertTrue(r.out.contains("weights and means:"), r.out);
        assertTrue(r.out.contains("time: "), r.out);
    }

    @Test
    void largeCovariancesAreSummarisedAsNumpyPrintsThem() throws IOException {
        int n = 400;
        int d = 12;
        java.util.Random rnd = new java.util.Random(5);
        double[][] x = new double[n][d];
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = rnd.nextGaussian() + (i % 4) * 3;
                csv.append(j == 0 ? "" : ",").append(x[i][j]);
            }
            csv.append('\n');
        }
        Path file = dir.resolve("wide.csv");
        Files.writeString(file, csv);
        GaussianMixtureModel model = GaussianMixture.builder(8).randomState(0).build()
                .fit(Backends.create("ejml"), x);
        CliRun r = CliRun.run("fit", "--input", file.toString(), "--components", "8", "--seed", "0",
                "--backend", "ejml");
        assertEquals(0, r.exit, r.toString());
        // 8 components of 12×12: 1,152 values, above NumPy's threshold of 1,000.
        assertTrue(r.out.contains("covariances (full, shape (8, 12, 12)), summarised (--model-out writes all 1152 "
                + "values):"), r.out);
        String cov = r.out.substring(r.out.indexOf("covariances ("), r.out.indexOf("converged: "));
        for (int c = 0; c < 8; c++) {
            assertEquals(c < 3 || c > 4, cov.contains("component " + c + ":"), "component " + c + " shown\n" + cov);
        }
        double[][] blocks = model.covarianceBlocks();
        String lastRow = "    " + Text.cell(blocks[7][11 * d]) + Text.cell(blocks[7][11 * d + 1])
                + Text.cell(blocks[7][11 * d + 2]) + "  " + ModelSummary.GAP + Text.cell(blocks[7][11 * d + 9])
                + Text.cell(blocks[7][11 * d + 10]) + Text.cell(blocks[7][11 * d + 11]);
        assertTrue(cov.contains(lastRow + "\n"), "last row of the last component:\n" + lastRow + "\n" + cov);
        assertEquals(6, cov.lines().filter(l -> l.equals("    " + ModelSummary.GAP)).count(),
                "one row gap per shown component:\n" + cov);
        assertEquals(1, cov.lines().filter(l -> l.equals("  " + ModelSummary.GAP)).count(),
                "one gap between the components:\n" + cov);
    }

    @Test
    void smallCovariancesArePrintedWhole() throws IOException {
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--seed", "0",
                "--backend", "ejml");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("covariances (full, shape (3, 4, 4)):"), r.out);
        assertFalse(r.out.contains(ModelSummary.GAP), r.out);
    }

    @Test
    void defaultBackendIsTheLibrarysDefaultForTheDataSize() throws IOException {
        double[][] x = CliRun.irisX();
        var la = Backends.createDefaultFor(x.length, x[0].length, 2);
        GaussianMixtureModel model = GaussianMixture.builder(2).randomState(7).build().fit(la, x);
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "2", "--seed", "7");
        assertEquals(0, r.exit, r.toString());
        assertEquals(Double.toString(model.lowerBound()), r.outValue(ModelSummary.LOWER_BOUND));
        assertEquals("ejml", la.name(), "iris is a small fit");
        assertTrue(r.out.contains("backend " + la.name()), r.out);
    }

    @Test
    void labelsColumnGivesTheAdjustedRandIndex() throws IOException {
        CsvData data = CsvData.read(CliRun.IRIS_LABELED, null, "species");
        GaussianMixtureModel model = libraryFit("full", data.values());
        double ari = AdjustedRandIndex.score(data.labelCodes(), model.trainingLabels());
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS_LABELED.toString(), "--components", "3", "--seed", "0",
                "--backend", "ejml", "--labels-column", "species");
        assertEquals(0, r.exit, r.toString());
        assertEquals(Double.toString(ari), r.outValue("adjusted Rand index against species: "));
        assertTrue(ari > 0.85, "iris species are recovered well: " + ari);
    }

    @Test
    void verbosePrintsTheLowerBoundOfEveryIteration() throws IOException {
        GaussianMixtureModel model = libraryFit("diag", CliRun.irisX());
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--seed", "0",
                "--covariance-type", "diag", "--backend", "ejml", "--verbose");
        assertEquals(0, r.exit, r.toString());
        double[] trace = model.lowerBoundTrace();
        assertTrue(trace.length > 1);
        for (int i = 0; i < trace.length; i++) {
            assertEquals(Double.toString(trace[i]), r.outValue(String.format("  iteration %3d: ", i + 1)));
        }
    }

    @Test
    void allBackendsPrintsASideBySideTable() {
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--seed", "0",
                "--backend", "all");
        assertEquals(0, r.exit, r.toString());
        List<String> names = Backends.availableNames();
        assertTrue(r.out.contains("verdict (from " + names.get(0) + ", tolerance 1.0E-8)"), r.out);
        for (String name : names) {
            String row = r.out.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("a row for " + name + ":\n" + r.out));
            assertTrue(row.endsWith(name.equals(names.get(0)) ? "reference" : "agrees"), row);
        }
    }

    @Test
    void modelFileRoundTripsToTheSameScores() throws IOException {
        double[][] x = CliRun.irisX();
        GaussianMixtureModel model = libraryFit("full", x);
        Path file = dir.resolve("model.json");
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--seed", "0",
                "--backend", "ejml", "--model-out", file.toString());
        assertEquals(0, r.exit, r.toString());
        GaussianMixtureModel restored = ModelFile.read(file).restore(Backends.create("ejml"));
        assertArrayEquals(model.weights(), restored.weights());
        assertArrayEquals(model.precisionCholeskyBlocks()[1], restored.precisionCholeskyBlocks()[1]);
        assertEquals(model.lowerBound(), restored.lowerBound());
        assertArrayEquals(model.lowerBoundTrace(), restored.lowerBoundTrace());
        double[] expected = model.scoreSamples(x);
        double[] got = restored.scoreSamples(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], got[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "row " + i);
        }
        assertArrayEquals(model.predict(x), restored.predict(x));
        assertEquals(List.of("model.json"), CliRun.files(dir));
    }

    @Test
    void initFileStartsFromTheGivenValues() throws IOException {
        double[][] x = CliRun.irisX();
        double[][] means = {{5.0, 3.4, 1.5, 0.2}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};
        double[] weights = {0.3, 0.4, 0.3};
        GaussianMixtureModel model = GaussianMixture.builder(3).randomState(0).weightsInit(weights).meansInit(means)
                .build().fit(Backends.create("ejml"), x);
        Path init = dir.resolve("init.json");
        Files.writeString(init, "{\"weights\": [0.3, 0.4, 0.3], \"means\": [[5.0, 3.4, 1.5, 0.2], "
                + "[5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]]}");
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--seed", "0",
                "--backend", "ejml", "--init-file", init.toString());
        assertEquals(0, r.exit, r.toString());
        assertEquals(Double.toString(model.lowerBound()), r.outValue(ModelSummary.LOWER_BOUND));
    }

    // ---- bad input: exit 2, a one-line message saying where, nothing written ----------------

    private Path irisWith(int line, int column, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(CliRun.IRIS_LABELED));
        String[] cells = lines.get(line - 1).split(",", -1);
        cells[column] = value;
        lines.set(line - 1, String.join(",", cells));
        Path file = dir.resolve("bad.csv");
        Files.write(file, lines);
        return file;
    }

    private CliRun fitWritingModel(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("fit", "--model-out", dir.resolve("model.json").toString()));
        args.addAll(List.of(extra));
        for (String[] option : new String[][] {{"--components", "3"}, {"--seed", "0"}, {"--backend", "ejml"}}) {
            if (args.stream().noneMatch(a -> a.startsWith(option[0]))) {
                args.addAll(List.of(option));
            }
        }
        CliRun r = CliRun.run(args.toArray(new String[0]));
        assertEquals(2, r.exit, r.toString());
        assertFalse(Files.exists(dir.resolve("model.json")), "no model file after a failure");
        assertTrue(CliRun.files(dir).stream().noneMatch(n -> n.endsWith(".tmp")), "no temporary file left");
        return r;
    }

    private static void assertOneLineError(CliRun r, String... parts) {
        assertTrue(r.err.startsWith("error: "), r.toString());
        assertEquals(1, r.err.strip().lines().count(), "one line:\n" + r.err);
        for (String part : parts) {
            assertTrue(r.err.contains(part), "'" + part + "' in:\n" + r.err);
        }
    }

    @Test
    void nonNumericCellIsRejectedWithItsPosition() throws IOException {
        Path bad = irisWith(5, 1, "abc");
        CliRun r = fitWritingModel("--input", bad.toString(), "--labels-column", "species");
        assertOneLineError(r, bad.toString(), "line 5", "column 'sepal_width' (index 1)", "non-numeric value 'abc'");
    }

    @Test
    void missingCellIsRejectedWithItsPosition() throws IOException {
        Path bad = irisWith(12, 2, "");
        CliRun r = fitWritingModel("--input", bad.toString(), "--columns", "0,1,2,3");
        assertOneLineError(r, "line 12", "column 'petal_length' (index 2)", "missing value");
    }

    @Test
    void nonFiniteCellIsRejectedWithItsPosition() throws IOException {
        Path bad = irisWith(100, 3, "inf");
        CliRun r = fitWritingModel("--input", bad.toString(), "--labels-column", "species");
        assertOneLineError(r, "line 100", "column 'petal_width' (index 3)", "not a finite number");
    }

    @Test
    void labelsAreNumericUnlessChosenAsLabels() throws IOException {
        CliRun r = fitWritingModel("--input", CliRun.IRIS_LABELED.toString());
        assertOneLineError(r, "line 2", "column 'species' (index 4)", "non-numeric value 'setosa'", "--columns");
    }

    @Test
    void unknownColumnIsRejected() throws IOException {
        CliRun r = fitWritingModel("--input", CliRun.IRIS.toString(), "--columns", "sepal_length,petal_size");
        assertOneLineError(r, "unknown column 'petal_size'", "sepal_length, sepal_width, petal_length, petal_width");
        r = fitWritingModel("--input", CliRun.IRIS.toString(), "--columns", "0,9");
        assertOneLineError(r, "unknown column 9", "indices 0 to 3");
        r = fitWritingModel("--input", CliRun.IRIS.toString(), "--labels-column", "kind");
        assertOneLineError(r, "unknown column 'kind'");
    }

    @Test
    void missingInputFileIsRejected() throws IOException {
        CliRun r = fitWritingModel("--input", dir.resolve("nope.csv").toString());
        assertOneLineError(r, "nope.csv: no such file");
    }

    @Test
    void unknownBackendIsRejected() throws IOException {
        CliRun r = fitWritingModel("--input", CliRun.IRIS.toString(), "--backend", "cuda");
        assertOneLineError(r, "Unknown backend 'cuda'", "Available backends:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--components=0", "--covariance-type=round", "--init=bogus", "--tol=-1", "--tol=abc",
            "--reg-covar=-0.5", "--max-iter=-1", "--n-init=0", "--seed=-1", "--seed=4294967296", "--unknown-option"})
    void badOptionValuesAreBadUsage(String option) throws IOException {
        CliRun r = fitWritingModel("--input", CliRun.IRIS.toString(), option);
        String name = option.split("=")[0];
        assertTrue(r.err.contains(name) || r.err.contains(option), r.toString());
        assertTrue(r.err.contains("--help"), "points to --help:\n" + r.err);
    }

    @Test
    void missingRequiredOptionIsBadUsage() {
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("--components"), r.err);
    }

    @Test
    void malformedInitFileIsRejected() throws IOException {
        Path init = dir.resolve("init.json");
        Files.writeString(init, "{\"means\": [[1, 2, 3, 4], ");
        CliRun r = fitWritingModel("--input", CliRun.IRIS.toString(), "--init-file", init.toString());
        assertOneLineError(r, init.toString(), "not valid JSON");
    }

    @Test
    void initFileOfTheWrongShapeIsRejected() throws IOException {
        Path init = dir.resolve("init.json");
        Files.writeString(init, "{\"means\": [[1, 2, 3, 4], [5, 6, 7, 8]]}");
        CliRun r = fitWritingModel("--input", CliRun.IRIS.toString(), "--init-file", init.toString());
        assertOneLineError(r, init.toString(), "field 'means'", "(3, 4)");
        Files.writeString(init, "{\"precisions\": [[1, 0], [0, 1]]}");
        r = fitWritingModel("--input", CliRun.IRIS.toString(), "--init-file", init.toString(),
                "--covariance-type", "tied");
        assertOneLineError(r, "field 'precisions'", "(4, 4) for covariance type 'tied'");
        Files.writeString(init, "{\"mean\": [[1, 2, 3, 4]]}");
        r = fitWritingModel("--input", CliRun.IRIS.toString(), "--init-file", init.toString());
        assertOneLineError(r, "unknown field 'mean'");
    }

    @Test
    void initFileWithInvalidValuesIsRejectedNamingTheFile() throws IOException {
        Path init = dir.resolve("init.json");
        Files.writeString(init, "{\"weights\": [0.5, 0.5, 0.5]}");
        CliRun r = fitWritingModel("--input", CliRun.IRIS.toString(), "--init-file", init.toString());
        assertOneLineError(r, init.toString(), "weights", "sum");
        Files.writeString(init, "{\"precisions\": [1.0, -2.0, 3.0]}");
        r = fitWritingModel("--input", CliRun.IRIS.toString(), "--init-file", init.toString(),
                "--covariance-type", "spherical");
        assertOneLineError(r, init.toString(), "precision", "positive");
    }

    @Test
    void modelOutInAMissingFolderFailsBeforeFitting() {
        Path out = dir.resolve("no/such/folder/model.json");
        CliRun r = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--model-out",
                out.toString());
        assertEquals(2, r.exit, r.toString());
        assertOneLineError(r, "does not exist");
    }

    @Test
    void tooFewRowsForTheComponentsIsBadInput() throws IOException {
        Path small = dir.resolve("small.csv");
        Files.writeString(small, "a,b\n1,2\n3,4\n");
        CliRun r = fitWritingModel("--input", small.toString(), "--components", "3");
        assertOneLineError(r, "n_samples");
    }
}
