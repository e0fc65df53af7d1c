package org.gmmharness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.CsvOutput;
import org.gmmharness.io.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sample}: draws samples from a fitted model as scikit-learn's {@code sample} (numpy's
 * RandomState from the seed), as CSV with the columns {@code x0..xD-1,component}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw samples from a fitted model, each with the component it came from.")
final class SampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption model;

    @Option(names = "--n", required = true, paramLabel = "N",
            description = "Number of samples; they are streamed, so any number the disk holds works.")
    private long n;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of numpy's RandomState (default: random, printed on stderr).")
    private Long seed;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the CSV here (default: stdout).")
    private Path output;

    @Override
    public Integer call() throws Exception {
        Checks.atLeast(spec, "--n", n, 1);
        long s = Checks.seed(spec, seed);
        OutputFiles.check(output, "--output", model.file);
        PrintWriter err = spec.commandLine().getErr();
        GaussianMixtureModel gmm = model.load(err).model();
        int d = gmm.nFeatures();
        List<String> header = new ArrayList<>();
        for (int j = 0; j < gmm.nFeatures(); j++) {
            header.add("x" + j);
        }
        header.add("component");
        Outputs.write(output, spec.commandLine().getOut(), w -> {
            try (CsvOutput csv = new CsvOutput(w, header)) {
                String[] row = new String[d + 1];
                gmm.sample(n, s, (x, components, rows) -> {
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < d; j++) {
                            row[j] = CsvOutput.number(x[i * d + j]);
                        }
                        row[d] = Integer.toString(components[i]);
                        csv.row(row);
                    }
                });
            }
        });
        if (seed == null) {
            err.println("seed: " + s);
        }
        if (output != null && !OutputFiles.isStdout(output)) {
            err.println(n + " samples written to " + output);
        }
        err.flush();
        return 0;
    }
}
