package org.gmmharness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.CsvData;
import org.gmmharness.io.OutputFiles;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code select}: model selection by information criterion, as the seed notebooks do. Fits every
 * k = 1..M for every covariance type given, prints BIC and AIC in a table, names the best model by
 * the chosen criterion, and can chart both criteria against k.
 */
@Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit k = 1..M components for each covariance type and pick the best by BIC or AIC.")
final class SelectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputOptions input;

    @Option(names = "--max-components", required = true, paramLabel = "M", description = "Largest k to try.")
    private int maxComponents;

    @Option(names = "--covariance-types", split = ",", paramLabel = "TYPE",
            converter = Converters.CovarianceTypes.class,
            description = "Covariance types to try, comma-separated (default: full,tied,diag,spherical).")
    private List<CovarianceType> covarianceTypes;

    @Option(names = "--criterion", defaultValue = "bic", paramLabel = "bic|aic", converter = Converters.Criteria.class,
            description = "Criterion to minimise (default: ${DEFAULT-VALUE}).")
    private Criterion criterion;

    @Option(names = "--chart", paramLabel = "FILE", description = "Chart both criteria against k (.svg or .png).")
    private Path chart;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of numpy's RandomState for every fit (default: random, printed).")
    private Long seed;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend to fit on (default: "
            + BackendChoice.DEFAULT_RULE + ", with K the largest number of components).")
    private String backend;

    @Override
    public Integer call() throws Exception {
        Checks.atLeast(spec, "--max-components", maxComponents, 1);
        long randomState = Checks.seed(spec, seed);
        if (chart != null) {
            Checks.extension(spec, "--chart", chart, ".svg", ".png");
            OutputFiles.check(chart, "--chart", input.input);
        }
        List<CovarianceType> types = covarianceTypes == null || covarianceTypes.isEmpty()
                ? List.of(CovarianceType.values()) : covarianceTypes;
        LinearAlgebra<?> named = backend == null ? null : Backends.create(backend);
        CsvData data = input.read(null);
        double[] x = data.flatValues();
        int n = data.rows();
        int d = data.columns();
        LinearAlgebra<?> la = named != null ? named : Backends.createDefaultFor(n, d, maxComponents);
        if (maxComponents > n) {
            throw new IllegalArgumentException("--max-components " + maxComponents + " is more than the "
                    + n + " rows of " + data.file() + ": give at most " + n + ".");
        }

        List<Candidate> candidates = new ArrayList<>();
        for (CovarianceType type : types) {
            for (int k = 1; k <= maxComponents; k++) {
                Candidate candidate = fit(la, type, k, randomState, x, n, d);
                for (String warning : candidate.warnings) {
                    spec.commandLine().getErr().println("warning: k = " + k + ", " + type.id() + ": " + warning);
                }
                candidates.add(candidate);
            }
        }
        Candidate best = null;
        for (Candidate c : candidates) {
            if (c.failure == null && (best == null || c.value(criterion) < best.value(criterion))) {
                best = c;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Model selection on " + data.rows() + " rows of " + data.file() + " (" + String.join(", ",
                data.columnNames()) + "), random_state " + randomState + ", backend " + la.name());
        out.println(String.format(Locale.ROOT, "%4s  %-10s %24s %24s", "k", "covariance", "BIC", "AIC"));
        for (Candidate c : candidates) {
            String mark = c == best ? "  <- best" : "";
            if (c.failure != null) {
                out.println(String.format(Locale.ROOT, "%4d  %-10s  failed: %s", c.k, c.type.id(), c.failure));
            } else {
                out.println(String.format(Locale.ROOT, "%4d  %-10s %24s %24s%s", c.k, c.type.id(), Text.exact(c.bic),
                        Text.exact(c.aic), mark));
            }
        }
        if (best == null) {
            throw new ArithmeticException("every fit failed: scale the data or try fewer components.");
        }
        out.println("best by " + criterion.name() + ": k = " + best.k + ", covariance " + best.type.id() + " ("
                + criterion.name() + " " + Text.exact(best.value(criterion)) + ")");
        if (chart != null) {
            CriterionChart.write(chart, types, maxComponents, candidates);
            out.println("chart written to " + chart);
        }
        out.flush();
        return 0;
    }

    private static Candidate fit(LinearAlgebra<?> la, CovarianceType type, int k, long seed, double[] x, int n,
                                 int d) {
        try {
            GaussianMixtureModel m = GaussianMixture.builder(k).covarianceType(type).randomState(seed).build()
                    .fit(la, x, n, d);
            GaussianMixtureModel.InformationCriteria criteria = m.trainingCriteria(n);
            return new Candidate(type, k, criteria.bic(), criteria.aic(), null, m.warnings());
        } catch (ArithmeticException e) {
            return new Candidate(type, k, Double.NaN, Double.NaN, "ill-defined covariance", List.of());
        }
    }

    /** One fitted (covariance type, k) with its criteria, or why its fit failed. */
    static final class Candidate {
        final CovarianceType type;
        final int k;
        final double bic;
        final double aic;
        final String failure;
        final List<String> warnings;

        Candidate(CovarianceType type, int k, double bic, double aic, String failure, List<String> warnings) {
            this.type = type;
            this.k = k;
            this.bic = bic;
            this.aic = aic;
            this.failure = failure;
            this.warnings = warnings;
        }

        double value(Criterion c) {
            return c == Criterion.BIC ? bic : aic;
        }
    }
}
