package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file records its training columns' names, and the commands that score data select those
 * columns by name: columns in another order score the same, a missing or other column is refused,
 * and the columns used are named on stderr.
 */
class ColumnIdentityTest {

    private static final String COLUMNS = "sepal_length, sepal_width, petal_length, petal_width";

    @TempDir
    Path dir;

    private Path model;
    private Path shuffled;

    @BeforeEach
    void fitAndShuffle() throws IOException {
        model = dir.resolve("m.json");
        CliRun fit = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--components", "3", "--seed", "0",
                "--backend", "ejml", "--model-out", model.toString());
        assertEquals(0, fit.exit, fit.toString());
        assertTrue(Files.readString(model).contains("\"feature_names_in\""), "the model records its columns");
        // The same data with the columns in the order petal_width, sepal_length, petal_length, sepal_width.
        int[] order = {3, 0, 2, 1};
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(CliRun.IRIS)) {
            String[] cells = line.split(",");
            StringBuilder sb = new StringBuilder();
            for (int j : order) {
                sb.append(sb.length() == 0 ? "" : ",").append(cells[j]);
            }
            lines.add(sb.toString());
        }
        shuffled = Files.write(dir.resolve("shuffled.csv"), lines);
    }

    private static String score(CliRun r) {
        return r.err.lines().filter(l -> l.startsWith("mean log-likelihood (score): ")).findFirst()
                .orElseThrow(() -> new AssertionError(r.toString()));
    }

    @Test
    void predictSelectsTheModelsColumnsByName() {
        CliRun original = CliRun.run("predict", "--model", model.toString(), "--input", CliRun.IRIS.toString());
        CliRun reordered = CliRun.run("predict", "--model", model.toString(), "--input", shuffled.toString());
        assertEquals(0, reordered.exit, reordered.toString());
        assertEquals(original.out, reordered.out, "the same rows, whatever the column order");
        assertEquals(score(original), score(reordered));
        assertTrue(reordered.err.contains("columns used: " + COLUMNS), reordered.toString());
    }

    @Test
    void anomaliesSelectTheModelsColumnsByName() {
        CliRun original = CliRun.run("anomalies", "--model", model.toString(), "--input", CliRun.IRIS.toString(),
                "--percentile", "4");
        CliRun reordered = CliRun.run("anomalies", "--model", model.toString(), "--input", shuffled.toString(),
                "--percentile", "4");
        assertEquals(0, reordered.exit, reordered.toString());
        assertEquals(original.out, reordered.out);
        assertTrue(reordered.err.contains("columns used: " + COLUMNS), reordered.toString());
    }

    @Test
    void plotSelectsTheModelsTwoColumnsByName() throws IOException {
        Path petals = dir.resolve("petals.json");
        CliRun fit = CliRun.run("fit", "--input", CliRun.IRIS.toString(), "--columns", "petal_length,petal_width",
                "--components", "3", "--seed", "0", "--backend", "ejml", "--model-out", petals.toString());
        assertEquals(0, fit.exit, fit.toString());
        CliRun r = CliRun.run("plot", "--model", petals.toString(), "--input", shuffled.toString(), "--out",
                dir.resolve("d.png").toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("columns used: petal_length, petal_width"), r.toString());
    }

    @Test
    void aMissingColumnIsRefusedNamingIt() throws IOException {
        Path renamed = Files.writeString(dir.resolve("renamed.csv"),
                Files.readString(CliRun.IRIS).replaceFirst("petal_width", "petal_w"));
        CliRun r = CliRun.run("predict", "--model", model.toString(), "--input", renamed.toString());
        assertEquals(Main.BAD_INPUT, r.exit, r.toString());
        assertTrue(r.err.contains(renamed + " has no column 'petal_width', which " + model + " was fitted on"),
                r.toString());
        assertEquals("", r.out);
    }

    @Test
    void columnsOtherThanTheModelsAreRefused() {
        CliRun r = CliRun.run("predict", "--model", model.toString(), "--input", shuffled.toString(), "--columns",
                "0,1,2,3");
        assertEquals(Main.BAD_INPUT, r.exit, r.toString());
        assertTrue(r.err.contains("--columns chose petal_width, sepal_length, petal_length, sepal_width of "
                + shuffled + ", but " + model + " was fitted on sepal_length, sepal_width, petal_length, petal_width"),
                r.toString());
        CliRun huge = CliRun.run("predict", "--model", model.toString(), "--input", shuffled.toString(),
                "--columns", "1,3,2,99999999999");
        assertEquals(Main.BAD_INPUT, huge.exit, "an index beyond int is bad input, not a crash: " + huge);
        CliRun same = CliRun.run("predict", "--model", model.toString(), "--input", shuffled.toString(),
                "--columns", "1,3,2,0");
        assertEquals(0, same.exit, "--columns naming the model's columns in its order is fine: " + same);
    }

    @Test
    void withoutAHeaderTheColumnsAreTakenByPositionWithAWarning() throws IOException {
        List<String> lines = Files.readAllLines(CliRun.IRIS);
        Path headerless = Files.write(dir.resolve("headerless.csv"), lines.subList(1, lines.size()));
        CliRun r = CliRun.run("predict", "--model", model.toString(), "--input", headerless.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("warning: " + headerless + " has no header, so its columns are taken by position "
                + "as the model's features (sepal_length, sepal_width, petal_length, petal_width)."), r.toString());
        CliRun original = CliRun.run("predict", "--model", model.toString(), "--input", CliRun.IRIS.toString());
        assertEquals(original.out, r.out);
    }

    @Test
    void aModelWithoutNamesTakesColumnsByPositionWithAWarning() throws IOException {
        List<String> lines = Files.readAllLines(CliRun.IRIS);
        Path headerless = Files.write(dir.resolve("headerless.csv"), lines.subList(1, lines.size()));
        Path unnamed = dir.resolve("unnamed.json");
        CliRun fit = CliRun.run("fit", "--input", headerless.toString(), "--components", "3", "--seed", "0",
                "--backend", "ejml", "--model-out", unnamed.toString());
        assertEquals(0, fit.exit, fit.toString());
        assertTrue(!Files.readString(unnamed).contains("feature_names_in"), "no names to record");
        CliRun r = CliRun.run("predict", "--model", unnamed.toString(), "--input", CliRun.IRIS.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("warning: " + unnamed + " records no column names"), r.toString());
    }
}
