package org.gmmharness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.OutputFiles;
import org.gmmharness.io.CsvData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plot}: the density of a 2-feature model as a picture, as the seed notebooks draw it: the
 * negative log-likelihood over a fine grid in filled log-spaced levels, the data on top and the
 * component means marked. Written as PNG.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw a 2-feature model's negative log-likelihood with the data and the means (PNG).")
final class PlotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "Model file written by fit, with 2 features.")
    private Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV data file to draw on top.")
    private Path input;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "The two columns the model was fitted on, by name or 0-based index "
                    + "(default: the file's two columns).")
    private List<String> columns;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG file to write.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Checks.extension(spec, "--out", out, ".png");
        if (columns != null && columns.size() != 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--columns must name exactly 2 columns to plot, got " + columns.size() + ".");
        }
        OutputFiles.check(out, "--out", model, input);
        PrintWriter err = spec.commandLine().getErr();
        GaussianMixtureModel gmm = ModelLoader.load(model, err);
        if (gmm.nFeatures() != 2) {
            throw new IllegalArgumentException(model + " has " + gmm.nFeatures() + " features, but plot draws a "
                    + "2-feature model: fit one on two columns (fit --columns A,B ...).");
        }
        CsvData data = CsvData.read(input, columns, null);
        ModelLoader.checkColumns(gmm, model, data);
        DensityPlot.write(out, gmm, data);
        spec.commandLine().getOut().println("density plot written to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
