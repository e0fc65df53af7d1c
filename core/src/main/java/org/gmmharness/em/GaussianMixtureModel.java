package org.gmmharness.em;

import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.random.RandomState;

/**
 * A fitted Gaussian mixture: scikit-learn's fitted attributes and its scoring and sampling methods.
 *
 * <p>Immutable and safe to use from several threads: accessors return copies, and every scoring
 * call works in buffers of its own on the backend the model was fitted with. Internally the
 * parameters are kept relative to the training data's mean, so that scores stay exact for data far
 * from the origin.
 */
public final class GaussianMixtureModel {

    private final LinearAlgebra<?> la;
    private final Parameters parameters;
    private final double[] center;
    private final boolean converged;
    private final int nIter;
    private final double lowerBound;
    private final double[] lowerBoundTrace;
    private final int[] trainingLabels;

    GaussianMixtureModel(LinearAlgebra<?> la, Parameters parameters, double[] center, boolean converged, int nIter,
                         double lowerBound, double[] lowerBoundTrace, int[] trainingLabels) {
        this.la = la;
        this.parameters = parameters;
        this.center = center.clone();
        this.converged = converged;
        this.nIter = nIter;
        this.lowerBound = lowerBound;
        this.lowerBoundTrace = lowerBoundTrace.clone();
        this.trainingLabels = trainingLabels.clone();
    }

    // ---- fitted attributes ---------------------------------------------------------------

    /** @return the name of the backend this model was fitted and scores on */
    public String backend() {
        return la.name();
    }

    /** @return the covariance type */
    public CovarianceType covarianceType() {
        return parameters.type;
    }

    /** @return the number of components K */
    public int nComponents() {
        return parameters.k;
    }

    /** @return the number of features D */
    public int nFeatures() {
        return parameters.d;
    }

    /** @return scikit-learn's {@code weights_}: K mixing weights */
    public double[] weights() {
        return parameters.weights.clone();
    }

    /** @return scikit-learn's {@code means_}: K×D */
    public double[][] means() {
        double[][] out = new double[parameters.k][parameters.d];
        for (int c = 0; c < parameters.k; c++) {
            for (int j = 0; j < parameters.d; j++) {
                out[c][j] = parameters.means[c][j] + center[j];
            }
        }
        return out;
    }

    /**
     * @return scikit-learn's {@code covariances_} flattened per component: K blocks of D·D (full,
     *         row-major), 1 block of D·D (tied), K blocks of D (diag) or K blocks of 1 (spherical);
     *         see {@link #covariancesFull()} and friends for scikit-learn's shapes
     */
    public double[][] covarianceBlocks() {
        double[][] cov = parameters.covariances != null ? parameters.covariances
                : PrecisionCholesky.covariancesFromPrecisionCholesky(parameters.type, parameters.d,
                        parameters.precisionsCholesky);
        return GaussianMixture.deepCopy(cov);
    }

    /** @return scikit-learn's {@code precisions_cholesky_}, flattened per component as {@link #covarianceBlocks()} */
    public double[][] precisionCholeskyBlocks() {
        return GaussianMixture.deepCopy(parameters.precisionsCholesky);
    }

    /** @return scikit-learn's {@code precisions_}, flattened per component as {@link #covarianceBlocks()} */
    public double[][] precisionBlocks() {
        return PrecisionCholesky.precisions(parameters.type, parameters.d, parameters.precisionsCholesky);
    }

    /** @return scikit-learn's {@code converged_}: whether some initialisation converged */
    public boolean converged() {
        return converged;
    }

    /** @return scikit-learn's {@code n_iter_}: iterations of the best initialisation */
    public int nIter() {
        return nIter;
    }

    /**
     * @return scikit-learn's {@code lower_bound_}: the mean log-likelihood at the last E-step of the
     *         best initialisation; −∞ when max_iter is 0
     */
    public double lowerBound() {
        return lowerBound;
    }

    /** @return the lower bound after each iteration of the best initialisation */
    public double[] lowerBoundTrace() {
        return lowerBoundTrace.clone();
    }

    /** @return the labels of the training samples from the final E-step, as {@code fit_predict} */
    public int[] trainingLabels() {
        return trainingLabels.clone();
    }

    /** @return the number of free parameters, scikit-learn's {@code _n_parameters()} */
    public long nParameters() {
        int k = parameters.k;
        int d = parameters.d;
        return parameters.type.covarianceParameters(k, d) + (long) k * d + k - 1;
    }

    // ---- scoring -------------------------------------------------------------------------

    /** @return per-sample log-likelihood log p(x_i), scikit-learn's {@code score_samples} */
    public double[] scoreSamples(double[][] x) {
        return evaluate(la, x).logLikelihood;
    }

    /** @return the mean per-sample log-likelihood, scikit-learn's {@code score} */
    public double score(double[][] x) {
        return evaluate(la, x).meanLogLikelihood;
    }

    /** @return each sample's most probable component, scikit-learn's {@code predict} */
    public int[] predict(double[][] x) {
        return evaluate(la, x).labels;
    }

    /** @return N×K posterior probabilities of the components, scikit-learn's {@code predict_proba} */
    public double[][] predictProba(double[][] x) {
        return evaluate(la, x).responsibilities;
    }

    /** @return all four of the above from one E-step */
    public Scores scores(double[][] x) {
        return evaluate(la, x);
    }

    /** @return the Bayesian information criterion on {@code x}: −2·N·score + p·ln N */
    public double bic(double[][] x) {
        return -2 * score(x) * x.length + nParameters() * Math.log(x.length);
    }

    /** @return the Akaike information criterion on {@code x}: −2·N·score + 2p */
    public double aic(double[][] x) {
        return -2 * score(x) * x.length + 2 * nParameters();
    }

    /**
     * Draws samples as scikit-learn's {@code sample}: component counts from
     * {@code multinomial(n, weights)}, then each component's samples in order, from numpy's
     * standard normals z as μ + z·√σ² (diag, spherical: scikit-learn's formula) or μ + z·Lᵀ with
     * Σ = L·Lᵀ (full, tied: the same distribution as numpy's SVD-based multivariate normal).
     *
     * @param n    number of samples, at least 1
     * @param seed seed of numpy's RandomState
     */
    public Sample sample(int n, long seed) {
        InputValidation.require(n >= 1, "Invalid value for 'n_samples': " + n
                + ". The sampling requires at least one sample.");
        return Sampling.draw(this, parameters, center, n, new RandomState(seed));
    }

    Parameters parameters() {
        return parameters;
    }

    double[] center() {
        return center.clone();
    }

    private <M> Scores evaluate(LinearAlgebra<M> backend, double[][] x) {
        int d = InputValidation.checkData(x, "X", 1);
        InputValidation.checkFeatureCount(d, parameters.d);
        double[][] centred = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                centred[i][j] = x[i][j] - center[j];
            }
        }
        EmData<M> data = new EmData<>(backend, parameters.type, centred, center);
        Expectation<M> e = new Expectation<>(data, parameters.k);
        e.weightedLogProb(parameters);
        int[] labels = backend.argmaxRows(e.logProbabilities());
        double mean = e.normalize();
        double[] ll = backend.toRowMajor(e.logLikelihoods());
        double[] r = backend.toRowMajor(e.responsibilities());
        double[][] resp = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            resp[i] = java.util.Arrays.copyOfRange(r, i * parameters.k, (i + 1) * parameters.k);
        }
        return new Scores(ll, mean, labels, resp);
    }

    /** Per-sample results of one E-step on new data. */
    public static final class Scores {
        private final double[] logLikelihood;
        private final double meanLogLikelihood;
        private final int[] labels;
        private final double[][] responsibilities;

        Scores(double[] logLikelihood, double meanLogLikelihood, int[] labels, double[][] responsibilities) {
            this.logLikelihood = logLikelihood;
            this.meanLogLikelihood = meanLogLikelihood;
            this.labels = labels;
            this.responsibilities = responsibilities;
        }

        /** @return score_samples */
        public double[] logLikelihood() {
            return logLikelihood.clone();
        }

        /** @return score */
        public double meanLogLikelihood() {
            return meanLogLikelihood;
        }

        /** @return predict */
        public int[] labels() {
            return labels.clone();
        }

        /** @return predict_proba */
        public double[][] responsibilities() {
            return GaussianMixture.deepCopy(responsibilities);
        }
    }

    /** Samples drawn from the mixture with the component each came from. */
    public static final class Sample {
        private final double[][] x;
        private final int[] components;

        Sample(double[][] x, int[] components) {
            this.x = x;
            this.components = components;
        }

        /** @return N×D samples, grouped by component in order */
        public double[][] x() {
            return GaussianMixture.deepCopy(x);
        }

        /** @return the component of each sample */
        public int[] components() {
            return components.clone();
        }
    }
}
