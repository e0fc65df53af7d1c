package org.gmmharness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.em.InitMethod;
import org.gmmharness.io.CsvData;
import org.gmmharness.io.InitFile;
import org.gmmharness.io.ModelFile;
import org.gmmharness.io.OutputFiles;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.metrics.AdjustedRandIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fit}: fits a Gaussian mixture to CSV data by EM, with scikit-learn's settings, and prints
 * a readable summary; optionally writes the model file, compares with a labels column (adjusted
 * Rand index), prints the lower bound of every iteration, or fits on every backend side by side.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a Gaussian mixture to CSV data by EM and print a summary.")
final class FitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputOptions input;

    @Option(names = "--components", required = true, paramLabel = "K", description = "Number of components.")
    private int components;

    @Option(names = "--covariance-type", defaultValue = "full", paramLabel = "TYPE",
            converter = Converters.CovarianceTypes.class,
            description = "full, tied, diag or spherical (default: ${DEFAULT-VALUE}).")
    private CovarianceType covarianceType;

    @Option(names = "--tol", defaultValue = "1e-3", paramLabel = "TOL",
            description = "Convergence threshold on the lower bound's change (default: ${DEFAULT-VALUE}).")
    private double tol;

    @Option(names = "--reg-covar", defaultValue = "1e-6", paramLabel = "R",
            description = "Added to covariance diagonals (default: ${DEFAULT-VALUE}).")
    private double regCovar;

    @Option(names = "--max-iter", defaultValue = "100", paramLabel = "N",
            description = "EM iterations per initialisation (default: ${DEFAULT-VALUE}).")
    private int maxIter;

    @Option(names = "--n-init", defaultValue = "1", paramLabel = "N",
            description = "Initialisations; the best lower bound is kept (default: ${DEFAULT-VALUE}).")
    private int nInit;

    @Option(names = "--init", defaultValue = "kmeans", paramLabel = "METHOD", converter = Converters.InitMethods.class,
            description = "kmeans, k-means++, random or random_from_data (default: ${DEFAULT-VALUE}).")
    private InitMethod init;

    @Option(names = "--init-file", paramLabel = "FILE",
            description = "JSON with any of weights, means, precisions in scikit-learn's shapes.")
    private Path initFile;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of numpy's RandomState for the initialisation (default: random, printed).")
    private Long seed;

    @Option(names = "--backend", paramLabel = "NAME|all",
            description = "Backend to fit on, or all to compare every available one (default: "
                    + BackendChoice.DEFAULT_RULE + ").")
    private String backend;

    @Option(names = "--model-out", paramLabel = "FILE", description = "Write the fitted model to this JSON file.")
    private Path modelOut;

    @Option(names = "--labels-column", paramLabel = "COL",
            description = "A column of true labels: print the adjusted Rand index of the fit against it.")
    private String labelsColumn;

    @Option(names = "--verbose", description = "Print the lower bound at each iteration.")
    private boolean verbose;

    @Override
    public Integer call() throws Exception {
        Checks.atLeast(spec, "--components", components, 1);
        Checks.nonNegative(spec, "--tol", tol);
        Checks.nonNegative(spec, "--reg-covar", regCovar);
        Checks.atLeast(spec, "--max-iter", maxIter, 0);
        Checks.atLeast(spec, "--n-init", nInit, 1);
        long randomState = Checks.seed(spec, seed);
        OutputFiles.check(modelOut, "--model-out", input.input, initFile);
        // A named backend is checked before the data are read; the default depends on their size.
        List<LinearAlgebra<?>> chosen = backend == null ? null : BackendChoice.resolve(backend);
        CsvData data = input.read(labelsColumn);
        // One row-major array from the reader to the backend: no double[][] copy of the data.
        double[] x = data.flatValues();
        int n = data.rows();
        int d = data.columns();
        List<LinearAlgebra<?>> backends = chosen != null ? chosen : BackendChoice.resolve(null, n, d, components);

        GaussianMixture.Builder builder = GaussianMixture.builder(components).covarianceType(covarianceType)
                .tol(tol).regCovar(regCovar).maxIter(maxIter).nInit(nInit).initMethod(init).randomState(randomState);
        if (initFile != null) {
            InitFile.read(initFile, covarianceType, components, data.columns()).applyTo(builder);
        }
        GaussianMixture settings = builder.build();

        List<BackendComparison.Run> runs = new ArrayList<>();
        for (int b = 0; b < backends.size(); b++) {
            LinearAlgebra<?> la = backends.get(b);
            long start = System.nanoTime();
            // The values are read for the fits alone: the last fit takes them over, so that they exist once.
            GaussianMixtureModel model = fit(settings, la, x, n, d, b == backends.size() - 1);
            runs.add(new BackendComparison.Run(la.name(), model, System.nanoTime() - start));
        }
        PrintWriter err = spec.commandLine().getErr();
        for (BackendComparison.Run run : runs) {
            for (String warning : run.model().warnings()) {
                err.println("warning: " + warning + (runs.size() > 1 ? " (" + run.backend() + ")" : ""));
            }
        }
        err.flush();
        GaussianMixtureModel model = runs.get(0).model();
        // The fit's final E-step has scored the training data already.
        GaussianMixtureModel.InformationCriteria criteria = model.trainingCriteria(n);
        double bic = criteria.bic();
        double aic = criteria.aic();

        PrintWriter out = spec.commandLine().getOut();
        out.println("Fitted " + components + " " + covarianceType.id() + " component(s) to " + data.rows()
                + " rows of " + data.file() + " (" + String.join(", ", data.columnNames()) + ")");
        out.println("settings: init " + init.id() + (initFile != null ? " with " + initFile : "") + ", n_init "
                + nInit + ", tol " + Text.plain(tol) + ", reg_covar " + Text.plain(regCovar) + ", max_iter " + maxIter + ", random_state "
                + randomState + ", backend " + model.backend());
        if (verbose) {
            for (BackendComparison.Run run : runs) {
                printTrace(out, run, nInit);
            }
        }
        ModelSummary.print(out, model, data.columnNames(), bic, aic, runs.get(0).nanos());
        if (data.labels() != null) {
            double ari = AdjustedRandIndex.score(data.labelCodes(), model.trainingLabels());
            out.println("adjusted Rand index against " + labelsColumn + ": " + Text.exact(ari));
        }
        if (runs.size() > 1 || BackendChoice.ALL.equalsIgnoreCase(String.valueOf(backend).trim())) {
            out.println();
            BackendComparison.print(out, runs);
        }
        if (modelOut != null) {
            ModelFile.write(modelOut, model, data.hasHeader() ? data.columnNames() : null, bic, aic);
            out.println("model written to " + modelOut);
        }
        out.flush();
        return 0;
    }

    private GaussianMixtureModel fit(GaussianMixture settings, LinearAlgebra<?> la, double[] x, int n, int d,
                                     boolean handOver) {
        try {
            return handOver ? settings.fitInPlace(la, x, n, d) : settings.fit(la, x, n, d);
        } catch (IllegalArgumentException e) {
            if (initFile != null && InitFile.concerns(e)) {
                throw new IllegalArgumentException(initFile + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static void printTrace(PrintWriter out, BackendComparison.Run run, int nInit) {
        double[] trace = run.model().lowerBoundTrace();
        out.println("lower bound per iteration (" + run.backend() + (nInit > 1 ? ", best of " + nInit
                + " initialisations" : "") + "):");
        for (int i = 0; i < trace.length; i++) {
            out.println(String.format(java.util.Locale.ROOT, "  iteration %3d: %s", i + 1, Text.exact(trace[i])));
        }
    }
}
