package org.gmmharness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.CsvData;
import org.gmmharness.io.CsvOutput;
import org.gmmharness.io.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code predict}: per row of a CSV file the most probable component, the log-likelihood
 * (scikit-learn's score_samples) and the responsibilities (predict_proba), as CSV with the columns
 * {@code label,log_likelihood,p0..pK-1}; the mean log-likelihood (score) goes to stderr.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Label CSV rows with a fitted model: label, log-likelihood and responsibilities per row.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelInputOptions modelInput;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the CSV here (default: stdout).")
    private Path output;

    @Override
    public Integer call() throws Exception {
        OutputFiles.check(output, "--output", modelInput.model.file, modelInput.input.input);
        PrintWriter err = spec.commandLine().getErr();
        ModelInputOptions.ModelAndData loaded = modelInput.load(err);
        GaussianMixtureModel gmm = loaded.model();
        CsvData data = loaded.data();
        GaussianMixtureModel.Scores scores = gmm.scores(data.flatValues(), data.rows(), data.columns());
        int[] labels = scores.labels();
        double[] ll = scores.logLikelihood();
        double[][] resp = scores.responsibilities();
        List<String> header = new ArrayList<>(List.of("label", "log_likelihood"));
        for (int c = 0; c < gmm.nComponents(); c++) {
            header.add("p" + c);
        }
        Outputs.write(output, spec.commandLine().getOut(), w -> {
            try (CsvOutput csv = new CsvOutput(w, header)) {
                for (int i = 0; i < labels.length; i++) {
                    String[] row = new String[2 + resp[i].length];
                    row[0] = Integer.toString(labels[i]);
                    row[1] = CsvOutput.number(ll[i]);
                    for (int c = 0; c < resp[i].length; c++) {
                        row[2 + c] = CsvOutput.number(resp[i][c]);
                    }
                    csv.row(row);
                }
            }
        });
        err.println("mean log-likelihood (score): " + Text.exact(scores.meanLogLikelihood()));
        if (output != null && !OutputFiles.isStdout(output)) {
            err.println(labels.length + " rows written to " + output);
        }
        err.flush();
        return 0;
    }
}
