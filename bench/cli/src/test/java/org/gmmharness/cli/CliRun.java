package org.gmmharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gmmharness.io.CsvData;

/** Runs the command line in-process with captured stdout and stderr, on the committed iris fixture. */
final class CliRun {

    /** iris with its species column, read from the verify module's fixtures (tests run in bench/cli/). */
    static final Path IRIS_LABELED = Path.of("../../verify/src/test/resources/fixtures/data/iris_labeled.csv");
    /** iris, the four measurements only. */
    static final Path IRIS = Path.of("../../verify/src/test/resources/fixtures/data/iris.csv");

    final int exit;
    final String out;
    final String err;

    private CliRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** @return the lines of stdout */
    List<String> outLines() {
        return out.lines().collect(Collectors.toList());
    }

    /** @return the line of stdout starting with {@code prefix}, without it */
    String outValue(String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    /** @return the four iris measurements */
    static double[][] irisX() throws IOException {
        return CsvData.read(IRIS, null, null).values();
    }

    /** @return the names of every file in a folder, hidden ones included */
    static List<String> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
