package org.gmmharness.em;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.gmmharness.kmeans.KMeans;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.random.RandomState;

/**
 * One call of fit or warm start, scikit-learn's {@code fit_predict}: validate, centre the data,
 * then for each initialisation alternate E- and M-steps until the lower bound settles, keeping the
 * best run. All data-sized work goes through the backend {@code la}.
 */
final class EmRunner<M> {

    private final LinearAlgebra<M> la;
    private final GaussianMixture settings;
    /**
     * The caller's row-major N×D data, read for validation, centring and initialisation; written
     * (centred in place) only when handed over.
     */
    private final double[] x;
    private final int n;
    private final int d;
    private final GaussianMixtureModel previous;
    private final boolean handedOver;
    private final int k;
    private final CovarianceType type;
    /** Set by {@link #prepare()}: the checked user inits and the way to initialise. */
    private Initialization initialization;
    /** Set by {@link #prepare()}: the centre subtracted from the data. */
    private double[] center;
    /**
     * The texts of scikit-learn's warnings, in the order raised, each once: Python's default
     * warning filter shows a repeated warning from the same place only the first time, so that is
     * what a scikit-learn user sees (k-means warns once per initialisation).
     */
    private final Set<String> warnings = new LinkedHashSet<>();

    EmRunner(LinearAlgebra<M> la, GaussianMixture settings, double[] x, int n, int d, GaussianMixtureModel previous) {
        this(la, settings, x, n, d, previous, false);
    }

    /**
     * @param handedOver whether the caller hands x over ({@link GaussianMixture#fitInPlace}): then,
     *                   where the covariance type and the initialisation allow it, x is centred in
     *                   place and becomes the backend's copy
     */
    EmRunner(LinearAlgebra<M> la, GaussianMixture settings, double[] x, int n, int d, GaussianMixtureModel previous,
             boolean handedOver) {
        this.handedOver = handedOver;
        this.la = la;
        this.settings = settings;
        this.x = x;
        this.n = n;
        this.d = d;
        this.previous = previous;
        this.k = settings.nComponents;
        this.type = settings.covarianceType;
    }

    /** The whole fit: every initialisation, the best kept, then a final E-step for the labels. */
    GaussianMixtureModel run() {
        EmSteps<M> steps = prepare();
        RandomState rng = new RandomState(settings.randomState);
        boolean doInit = previous == null;
        int runs = doInit ? settings.nInit : 1;
        boolean converged = false;
        double maxLowerBound = Double.NEGATIVE_INFINITY;
        Parameters best = null;
        int bestIterations = 0;
        double[] bestTrace = new double[0];
        for (int init = 0; init < runs; init++) {
            double lowerBound;
            if (doInit) {
                initialization.initialize(init, rng, center, steps);
                lowerBound = Double.NEGATIVE_INFINITY;
            } else {
                steps.start(previous.parameters());
                lowerBound = previous.lowerBound();
            }
            if (settings.maxIter == 0) {
                best = steps.snapshot();
                continue;
            }
            double[] trace = new double[settings.maxIter];
            int iteration = 0;
            while (iteration < settings.maxIter) {
                double previousBound = lowerBound;
                lowerBound = steps.iteration();
                trace[iteration++] = lowerBound;
                if (Math.abs(lowerBound - previousBound) < settings.tol) {
                    converged = true;
                    break;
                }
            }
            if (lowerBound > maxLowerBound || maxLowerBound == Double.NEGATIVE_INFINITY) {
                maxLowerBound = lowerBound;
                best = steps.snapshot();
                bestIterations = iteration;
                bestTrace = java.util.Arrays.copyOf(trace, iteration);
            }
        }
        // scikit-learn skips this warning when max_iter is 0: such a fit only wants the initial
        // parameters. The number is that of the last initialisation run, as scikit-learn's is.
        if (!converged && settings.maxIter > 0) {
            warnings.add(String.format(Locale.ROOT, "Initialization %d did not converge. Try different init "
                    + "parameters, or increase max_iter, tol or check for degenerate data.", runs));
        }
        // A final E-step, so that the training labels equal predict(X) on the returned model.
        steps.start(best);
        EmSteps.LabelledEStep last = steps.labelledEStep();
        return new GaussianMixtureModel(la, best, center, converged, bestIterations, maxLowerBound, bestTrace,
                last.labels(), last.lowerBound(), List.copyOf(warnings));
    }

    /** Validation and data preparation, then the first initialisation: what a benchmark starts from. */
    EmSteps<M> prepareFirstRun() {
        EmSteps<M> steps = prepare();
        initialization.initialize(0, new RandomState(settings.randomState), center, steps);
        return steps;
    }

    /**
     * Checks every input, then centres the data on the backend, checking each value in that same
     * pass. Centring makes the one-pass covariance forms exact far from the origin; a warm start
     * keeps the previous centre so that its parameters stay valid.
     */
    private EmSteps<M> prepare() {
        InputValidation.require(x != null, "X is null: give the data.");
        InputValidation.checkShape(x, n, d, "X", 2);
        InputValidation.checkSampleCount(n, k);
        if (previous != null) {
            InputValidation.checkFeatureCount(d, previous.nFeatures());
        }
        center = previous != null ? previous.center() : KMeans.columnMeans(x, n, d);
        // Centring in place leaves the stored matrix N×D and the initialisation's results unchanged.
        boolean inPlace = handedOver && previous == null && EmData.storedWidth(type, d) == d
                && Initialization.readsCentredData(settings, d);
        initialization = new Initialization(settings, x, n, d, inPlace ? center : null, warnings);
        return new EmSteps<>(la, type, k, settings.regCovar, x, n, d, center, inPlace);
    }
}
