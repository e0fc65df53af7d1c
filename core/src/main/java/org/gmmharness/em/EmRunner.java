package org.gmmharness.em;

import java.util.ArrayList;
import java.util.List;

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
    private final double[][] x;
    private final GaussianMixtureModel previous;
    private final int k;
    private final CovarianceType type;

    EmRunner(LinearAlgebra<M> la, GaussianMixture settings, double[][] x, GaussianMixtureModel previous) {
        this.la = la;
        this.settings = settings;
        this.x = x;
        this.previous = previous;
        this.k = settings.nComponents;
        this.type = settings.covarianceType;
    }

    GaussianMixtureModel run() {
        int d = InputValidation.checkData(x, "X", 2);
        InputValidation.checkSampleCount(x.length, k);
        if (previous != null) {
            InputValidation.checkFeatureCount(d, previous.nFeatures());
        }
        if (settings.weightsInit != null) {
            InputValidation.checkWeights(settings.weightsInit, k);
        }
        if (settings.meansInit != null) {
            InputValidation.checkMeans(settings.meansInit, k, d);
        }
        double[][] precisionsInit = settings.precisionsInitBlocks(d);
        checkInitialResponsibilities();

        // Centring makes the one-pass covariance forms exact far from the origin; a warm start
        // keeps the previous centre so that its parameters stay valid.
        double[] center = previous != null ? previous.center() : KMeans.columnMeans(x);
        EmData<M> data = new EmData<>(la, type, shift(x, center), center);
        Expectation<M> expectation = new Expectation<>(data, k);
        Maximization<M> maximization = new Maximization<>(data, k);
        RandomState rng = new RandomState(settings.randomState);

        boolean doInit = previous == null;
        int runs = doInit ? settings.nInit : 1;
        boolean converged = false;
        double maxLowerBound = Double.NEGATIVE_INFINITY;
        Parameters best = null;
        int bestIterations = 0;
        double[] bestTrace = new double[0];
        for (int init = 0; init < runs; init++) {
            Parameters p = doInit
                    ? initialParameters(init, maximization, center, precisionsInit, rng)
                    : previous.parameters();
            double lowerBound = doInit ? Double.NEGATIVE_INFINITY : previous.lowerBound();
            if (settings.maxIter == 0) {
                best = p;
                bestIterations = 0;
                continue;
            }
            List<Double> trace = new ArrayList<>();
            int iteration = 0;
            while (iteration < settings.maxIter) {
                iteration++;
                double previousBound = lowerBound;
                expectation.weightedLogProb(p);
                lowerBound = expectation.normalize();
                p = maximize(maximization, expectation.responsibilities(), false, null);
                trace.add(lowerBound);
                if (Math.abs(lowerBound - previousBound) < settings.tol) {
                    converged = true;
                    break;
                }
            }
            if (lowerBound > maxLowerBound || maxLowerBound == Double.NEGATIVE_INFINITY) {
                maxLowerBound = lowerBound;
                best = p;
                bestIterations = iteration;
                bestTrace = trace.stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        // A final E-step, so that the training labels equal predict(X) on the returned model.
        expectation.weightedLogProb(best);
        expectation.normalize();
        int[] labels = la.argmaxRows(expectation.logProbabilities());
        return new GaussianMixtureModel(la, best, center, converged, bestIterations, maxLowerBound, bestTrace, labels);
    }

    /**
     * scikit-learn's {@code _initialize}: one M-step on the initial responsibilities with weights
     * nk / N, then the user's weights, means and precisions where given.
     */
    private Parameters initialParameters(int init, Maximization<M> maximization, double[] center,
                                         double[][] precisionsInit, RandomState rng) {
        double[][] resp = settings.initialResponsibilities != null
                ? settings.initialResponsibilities.get(init)
                : Initialization.responsibilities(settings.initMethod, x, k, rng);
        M respMatrix = la.fromRowMajor(x.length, k, flatten(resp));
        Parameters p = maximize(maximization, respMatrix, true, precisionsInit);
        double[] weights = settings.weightsInit != null ? settings.weightsInit.clone() : p.weights;
        double[][] means = settings.meansInit != null ? shift(settings.meansInit, center) : p.means;
        return p.withWeightsAndMeans(weights, means);
    }

    /**
     * An M-step and its precision factors. With user precisions the covariances of the initial
     * M-step are not used (nor checked), as in scikit-learn.
     */
    private Parameters maximize(Maximization<M> maximization, M resp, boolean initial, double[][] precisionsInit) {
        Maximization.Estimate e = maximization.estimate(resp, settings.regCovar, initial);
        int d = e.means[0].length;
        if (precisionsInit != null) {
            return new Parameters(type, e.weights, e.means, null,
                    PrecisionCholesky.fromPrecisions(la, type, d, precisionsInit));
        }
        return new Parameters(type, e.weights, e.means, e.covariances,
                PrecisionCholesky.fromCovariances(la, type, d, e.covariances));
    }

    private void checkInitialResponsibilities() {
        if (settings.initialResponsibilities == null) {
            return;
        }
        for (double[][] r : settings.initialResponsibilities) {
            InputValidation.require(r.length == x.length, "initial responsibilities have " + r.length
                    + " rows but X has " + x.length + ": give one row per sample.");
            InputValidation.checkData(r, "initial responsibilities", 1);
            InputValidation.require(r[0].length == k, "initial responsibilities have " + r[0].length
                    + " columns but there are " + k + " components: give one column per component.");
        }
    }

    private static double[][] shift(double[][] a, double[] center) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[center.length];
            for (int j = 0; j < center.length; j++) {
                out[i][j] = a[i][j] - center[j];
            }
        }
        return out;
    }

    private static double[] flatten(double[][] a) {
        int w = a[0].length;
        double[] out = new double[a.length * w];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * w, w);
        }
        return out;
    }
}
