package org.gmmharness.report;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.em.InitMethod;
import org.gmmharness.linalg.Backends;
import org.gmmharness.metrics.ModelDeviation;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;

/**
 * Measures how far the backends' answers are from each other on the same fit: on each workload's
 * data, every backend fits the same mixture from the same start, and each backend's largest
 * norm-wise relative deviation from any other backend is recorded.
 */
public final class BackendAgreement {

    /**
     * At most this many samples are fitted per workload: the first rows of the workload's data, so
     * that the check stays quick on the largest workloads (W2 has a million samples).
     */
    public static final int MAX_SAMPLES = 20_000;
    /** EM iterations per fit. */
    public static final int MAX_ITER = 10;

    private BackendAgreement() {
    }

    /**
     * For each distinct workload shape, fits a Gaussian mixture with the workload's K and covariance
     * type, {@code random_from_data} initialisation, random state 0, 10 iterations and tolerance 0
     * (so every backend runs all 10), on the first {@value #MAX_SAMPLES} rows of
     * {@code WorkloadData.generate(w, Workloads.DATA_SEED)} (all rows when N is smaller) on every
     * backend. A backend's deviation is the largest {@link ModelDeviation#between} from any other
     * backend. A backend whose fit throws gets +Infinity (and the reason is
     * printed); with a single successful backend its deviation is 0.
     *
     * @param workloads the workloads; shapes already seen are skipped
     * @param backends  backend names, as {@link Backends#create(String)} takes them
     * @param progress  where a line per workload goes
     * @return the deviations with {@link Agreement#TOLERANCE}, keyed by {@link Workload#shape()}
     */
    public static Agreement measure(List<Workload> workloads, List<String> backends, PrintStream progress) {
        Map<String, Map<String, Double>> byShape = new LinkedHashMap<>();
        for (Workload w : workloads) {
            if (byShape.containsKey(w.shape())) {
                continue;
            }
            double[][] x = sample(w);
            Map<String, GaussianMixtureModel> models = new LinkedHashMap<>();
            Map<String, Double> deviations = new LinkedHashMap<>();
            for (String b : backends) {
                try {
                    models.put(b, settings(w).fit(Backends.create(b), x));
                } catch (RuntimeException | LinkageError e) {
                    deviations.put(b, Double.POSITIVE_INFINITY);
                    progress.println("agreement " + w.id() + ": " + b + " failed: " + e);
                }
            }
            for (String b : backends) {
                if (models.containsKey(b)) {
                    deviations.put(b, largestDeviation(b, models));
                }
            }
            byShape.put(w.shape(), orderedAs(backends, deviations));
            progress.println(line(w, x.length, byShape.get(w.shape())));
            progress.flush();
        }
        return new Agreement(Agreement.TOLERANCE, byShape);
    }

    /** @return the first {@value #MAX_SAMPLES} rows of the workload's seeded data */
    static double[][] sample(Workload w) {
        double[][] all = WorkloadData.generate(w, Workloads.DATA_SEED);
        return all.length <= MAX_SAMPLES ? all : Arrays.copyOf(all, MAX_SAMPLES);
    }

    private static GaussianMixture settings(Workload w) {
        return GaussianMixture.builder(w.k()).covarianceType(w.covarianceType())
                .initMethod(InitMethod.RANDOM_FROM_DATA).randomState(0).maxIter(MAX_ITER).tol(0.0).build();
    }

    private static double largestDeviation(String backend, Map<String, GaussianMixtureModel> models) {
        GaussianMixtureModel a = models.get(backend);
        double worst = 0.0;
        for (Map.Entry<String, GaussianMixtureModel> other : models.entrySet()) {
            if (!other.getKey().equals(backend)) {
                worst = Math.max(worst, ModelDeviation.between(a, other.getValue()));
            }
        }
        return worst;
    }

    private static Map<String, Double> orderedAs(List<String> backends, Map<String, Double> deviations) {
        Map<String, Double> out = new LinkedHashMap<>();
        backends.forEach(b -> out.put(b, deviations.get(b)));
        return out;
    }

    private static String line(Workload w, int rows, Map<String, Double> deviations) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "agreement %s (%s, fitted on %d rows):",
                w.id(), w.shape(), rows));
        deviations.forEach((b, d) -> s.append(String.format(Locale.ROOT, " %s %.2e", b, d)));
        return s.toString();
    }
}
