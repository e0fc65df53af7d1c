package org.gmmharness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plot}: the density of a 2-feature model as a picture, as the seed notebooks draw it: the
 * negative log-likelihood over a fine grid in filled log-spaced levels, the data on top and the
 * component means marked. Written as PNG.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a 2-feature model's negative log-likelihood with the data and the means (PNG).",
                "The data are the two columns the model was fitted on: choose them with --columns "
                        + "when the file has more."})
final class PlotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** The model and the data drawn on top: the model's two columns. */
    @Mixin
    private ModelInputOptions modelInput;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG file to write.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Checks.extension(spec, "--out", out, ".png");
        List<String> columns = modelInput.input.columns;
        if (columns != null && columns.size() != 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--columns must name exactly 2 columns to plot, got " + columns.size() + ".");
        }
        Path model = modelInput.model.file;
        OutputFiles.check(out, "--out", model, modelInput.input.input);
        ModelInputOptions.ModelAndData loaded = modelInput.load(spec.commandLine().getErr());
        GaussianMixtureModel gmm = loaded.model();
        if (gmm.nFeatures() != 2) {
            throw new IllegalArgumentException(model + " has " + gmm.nFeatures() + " features, but plot draws a "
                    + "2-feature model: fit one on two columns (fit --columns A,B ...).");
        }
        DensityPlot.write(out, gmm, loaded.data());
        spec.commandLine().getOut().println("density plot written to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
