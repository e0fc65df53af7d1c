package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.gmmharness.em.CovarianceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CSV options every command that reads data shares ({@code --input}, {@code --columns},
 * {@code --header}/{@code --no-header}, {@code --delimiter}), and the one-line messages for inputs
 * that cannot be read, as a user sees them.
 */
class InputOptionsTest {

    @TempDir
    Path dir;

    /** iris without its header line, species kept: a headerless file with a text labels column. */
    private Path headerlessIris(String delimiter) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(CliRun.IRIS_LABELED));
        lines.remove(0);
        lines.replaceAll(l -> l.replace(",", delimiter));
        Path file = dir.resolve("iris_noheader.csv");
        Files.write(file, lines);
        return file;
    }

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static CliRun fit(Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("fit", "--input", input.toString(), "--components", "2",
                "--seed", "0", "--backend", "ejml"));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(new String[0]));
    }

    private static void assertOneLineError(CliRun r, String... parts) {
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.startsWith("error: "), r.toString());
        assertEquals(1, r.err.strip().lines().count(), "one line:\n" + r.err);
        for (String part : parts) {
            assertTrue(r.err.contains(part), "'" + part + "' in:\n" + r.err);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "predict", "select", "anomalies", "plot"})
    void everyCommandReadingCsvHasTheFormatOptions(String command) {
        CliRun r = CliRun.run(command, "--help");
        assertEquals(0, r.exit, r.toString());
        for (String option : List.of("--input", "--columns", "--header", "--no-header", "--delimiter")) {
            assertTrue(r.out.contains(option), option + " in\n" + r.out);
        }
    }

    @Test
    void headerAndNoHeaderAreMutuallyExclusive() throws IOException {
        double[][] x = CliRun.irisX();
        Path model = ModelFixtures.write(ModelFixtures.fit(x, 2, CovarianceType.DIAG), x, dir.resolve("m.json"));
        CliRun[] runs = {fit(CliRun.IRIS, "--header", "--no-header"),
            CliRun.run("predict", "--model", model.toString(), "--input", CliRun.IRIS.toString(), "--header",
                    "--no-header")};
        for (CliRun r : runs) {
            assertEquals(2, r.exit, r.toString());
            assertTrue(r.err.startsWith("--header and --no-header are mutually exclusive"), r.err);
            assertTrue(r.err.contains("--help' for usage"), r.err);
        }
    }

    @Test
    void firstRowWithATypoIsRefusedNotEaten() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(CliRun.IRIS));
        lines.remove(0);
        lines.set(0, "5.1,3.5,1.4,O.2");
        Path typo = dir.resolve("typo.csv");
        Files.write(typo, lines);
        CliRun r = fit(typo);
        assertOneLineError(r, typo + ": line 1 mixes numbers and text", "'O.2' (index 3) looks like text",
                "--header", "--no-header");
        lines.set(0, "5.1,3.5,1.4,0.2");
        Files.write(typo, lines);
        r = fit(typo);
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("to 150 rows of " + typo + " (0, 1, 2, 3)"), r.out);
    }

    @Test
    void headerlessLabelsNeedNoHeader() throws IOException {
        Path iris = headerlessIris(",");
        CliRun r = fit(iris, "--labels-column", "4");
        assertOneLineError(r, "'setosa' (index 4) looks like text", "such as labels, needs --no-header");
        r = fit(iris, "--labels-column", "4", "--no-header");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("to 150 rows of " + iris + " (0, 1, 2, 3)"), r.out);
    }

    @Test
    void headerOptionTakesANumericHeader() throws IOException {
        StringBuilder csv = new StringBuilder("height,2024\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 7).append(',').append(i * i % 11).append('\n');
        }
        Path file = file("years.csv", csv.toString());
        assertOneLineError(fit(file), "'2024' (index 1) looks numeric", "--header");
        CliRun r = fit(file, "--header");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("to 20 rows of " + file + " (height, 2024)"), r.out);
    }

    @Test
    void delimiterOption() throws IOException {
        for (String[] spelling : new String[][] {{"\t", "tab"}, {"\t", "\\t"}, {";", ";"}}) {
            CliRun r = fit(headerlessIris(spelling[0]), "--no-header", "--delimiter", spelling[1],
                    "--columns", "0,1,2,3");
            assertEquals(0, r.exit, r.toString());
            assertTrue(r.out.contains("to 150 rows of"), r.out);
        }
        CliRun r = fit(CliRun.IRIS, "--delimiter", ";;");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("--delimiter") && r.err.contains("one character"), r.err);
    }

    @Test
    void duplicateColumnNamesAreRefused() throws IOException {
        Path file = file("dup.csv", "a,b,a\n1,2,3\n4,5,6\n7,8,9\n");
        assertOneLineError(fit(file, "--columns", "a"), file + ": line 1: the header names two columns 'a' "
                + "(indices 0 and 2)", "rename one");
    }

    @Test
    void missingFolderAndBinaryInputsSayWhy() throws IOException {
        assertOneLineError(fit(dir.resolve("none.csv")), dir.resolve("none.csv") + ": no such file.");
        assertOneLineError(fit(dir), dir + ": is a folder, not a file: give a CSV file.");
        Path gz = dir.resolve("iris.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(CliRun.IRIS));
        }
        assertOneLineError(fit(gz), gz + ": not UTF-8 text (line 1)", "a CSV file is expected");
    }

    @Test
    void semicolonsDecimalCommasAndMissingValuesSayWhatToDo() throws IOException {
        Path semicolons = file("eu.csv", "a;b\n5,1;3,5\n4,9;3,0\n");
        assertOneLineError(fit(semicolons), semicolons + ": line 1: the cells contain ';': the file looks "
                + "semicolon-separated: pass --delimiter ';'.");
        assertOneLineError(fit(semicolons, "--delimiter", ";"), semicolons + ": line 2, column 'a' (index 0): "
                + "'5,1' uses a decimal comma: numbers must use a decimal point (5.1).");
        for (String missing : List.of("NA", "N/A", "NULL", "?", "nan", "")) {
            List<String> lines = new ArrayList<>(Files.readAllLines(CliRun.IRIS));
            lines.set(7, "5.0,3.4," + missing + ",0.2");
            Path file = dir.resolve("gaps.csv");
            Files.write(file, lines);
            CliRun r = fit(file);
            assertOneLineError(r, file + ": line 8, column 'petal_length' (index 2): missing value",
                    "remove or impute the row");
            assertTrue(missing.isEmpty() ? r.err.contains("(empty cell)") : r.err.contains("'" + missing + "'"),
                    r.err);
            assertFalse(r.err.contains("non-numeric"), r.err);
        }
    }

    /** Root reads any file, so the check runs the command as a user without root's privileges. */
    @Test
    void unreadableInputSaysPermissionDenied() throws Exception {
        Path unread = dir.resolve("unread.csv");
        Files.copy(CliRun.IRIS, unread);
        ProcessRun.makeReadable(dir);
        Files.setPosixFilePermissions(unread, PosixFilePermissions.fromString("-w-------"));
        ProcessRun.Result r = ProcessRun.java().asUnprivilegedUser().run(dir, "fit", "--input", "unread.csv",
                "--components", "2", "--backend", "ejml");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: unread.csv: cannot read: permission denied: make it readable (chmod +r) or give a "
                + "copy you can read.", r.err().strip(), r.toString());
    }
}
