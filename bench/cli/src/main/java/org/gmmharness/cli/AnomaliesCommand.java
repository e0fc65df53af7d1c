package org.gmmharness.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.CsvData;
import org.gmmharness.io.CsvOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anomalies}: the rows whose density (log-likelihood, scikit-learn's score_samples) is below
 * the P-th percentile of the data's densities (numpy's default linear percentile), as the seed
 * notebooks do: {@code X[densities < np.percentile(densities, P)]}. Printed as CSV with the
 * 0-based row number, the 1-based file line, the log-likelihood and the row's values.
 */
@Command(name = "anomalies", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the rows whose density is below the P-th percentile of the data's densities.")
final class AnomaliesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelInputOptions modelInput;

    @Option(names = "--percentile", required = true, paramLabel = "P", description = "Percentile in [0, 100], "
            + "for example 4 to flag the 4%% least likely rows.")
    private double percentile;

    @Override
    public Integer call() throws Exception {
        Checks.between(spec, "--percentile", percentile, 0, 100);
        PrintWriter err = spec.commandLine().getErr();
        ModelInputOptions.ModelAndData loaded = modelInput.load(err);
        GaussianMixtureModel gmm = loaded.model();
        CsvData data = loaded.data();
        double[] x = data.flatValues();
        int n = data.rows();
        int d = data.columns();
        int[] lines = data.lines();
        double[] density = gmm.scoreSamples(x, n, d);
        double threshold = Percentile.of(density, percentile);

        List<String> header = new ArrayList<>(List.of("row", "line", "log_likelihood"));
        header.addAll(data.columnNames());
        int[] count = {0};
        Outputs.write(null, spec.commandLine().getOut(), w -> {
            try (CsvOutput csv = new CsvOutput(w, header)) {
                for (int i = 0; i < n; i++) {
                    if (density[i] < threshold) {
                        String[] row = new String[3 + d];
                        row[0] = Integer.toString(i);
                        row[1] = Integer.toString(lines[i]);
                        row[2] = CsvOutput.number(density[i]);
                        for (int j = 0; j < d; j++) {
                            row[3 + j] = CsvOutput.number(x[i * d + j]);
                        }
                        csv.row(row);
                        count[0]++;
                    }
                }
            }
        });
        err.println(count[0] + " of " + n + " rows have a log-likelihood below " + Text.exact(threshold)
                + ", the " + Text.plain(percentile) + "th percentile.");
        err.flush();
        return 0;
    }
}
