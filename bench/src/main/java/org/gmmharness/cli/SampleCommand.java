package org.gmmharness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.OutputFiles;
import org.gmmharness.io.CsvOutput;
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

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of samples.")
    private int n;

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
        GaussianMixtureModel gmm = model.load(err);
        GaussianMixtureModel.Sample sample = gmm.sample(n, s);
        double[][] x = sample.x();
        int[] components = sample.components();
        List<String> header = new ArrayList<>();
        for (int j = 0; j < gmm.nFeatures(); j++) {
            header.add("x" + j);
        }
        header.add("component");
        Outputs.write(output, spec.commandLine().getOut(), w -> {
            try (CsvOutput csv = new CsvOutput(w, header)) {
                for (int i = 0; i < x.length; i++) {
                    String[] row = new String[x[i].length + 1];
                    for (int j = 0; j < x[i].length; j++) {
                        row[j] = CsvOutput.number(x[i][j]);
                    }
                    row[x[i].length] = Integer.toString(components[i]);
                    csv.row(row);
                }
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
