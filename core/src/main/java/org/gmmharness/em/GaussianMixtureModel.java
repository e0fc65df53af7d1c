package org.gmmharness.em;

import java.util.List;

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

    /**
     * Rows per chunk handed to a {@link SampleSink}: large enough that the per-call cost of a sink
     * (a buffered write) is amortised, small enough that the buffer it reuses, 4096·D doubles
     * (32 KiB per feature), is negligible beside the data a model of D features is fitted on.
     */
    public static final int SAMPLE_CHUNK_ROWS = 4096;

    /**
     * How far from 1 {@link #restore} lets the weights of a model with n_iter ≥ 1 sum. An M-step
     * gives weights n_k/N with n_k = Σᵢ r_ik + 10ε, which sum to 1 within 10·ε·K/N and a few
     * roundings; 1e-6 also admits weights written with seven or more significant digits.
     */
    public static final double RESTORE_WEIGHT_SUM_ATOL = 1e-6;

    /**
     * The largest disagreement between a covariance and its precision-Cholesky factor that
     * {@link #restore} accepts, measured as the largest entry of |Uᵀ·Σ·U − I| (full, tied) or
     * |σ²·u² − 1| (diag, spherical): the covariance's relative error in its own metric. Values
     * written by {@code Double.toString} read back exactly, and then a fit's own pair agrees to
     * about 1e-15 (measured on every fixture case with every backend: at most 2.1e-15; scikit-learn's
     * own pairs in the fixtures: at most 1.1e-14). 1e-6 leaves room for files written with fewer
     * digits, while a covariance that is 1% off shows as about 1e-2.
     */
    public static final double RESTORE_AGREEMENT_RTOL = 1e-6;

    /**
     * For full and tied covariances, {@link #restore} also allows a disagreement of this many
     * ε·κ, with κ = ‖Σ‖_F·‖U‖_F² (at least the condition number of Σ): a fitted covariance whose
     * condition number approaches its scale over reg_covar loses that many digits when it is
     * factored and inverted, so the fit's own Σ and U then disagree by about ε·κ. Measured on
     * ill-conditioned fits (near-collinear features at scales up to 1e5, D up to 20, κ up to 3e15,
     * every backend): at most 1.33·ε·κ; 16 leaves a margin of 12. Beyond κ ≈ 1e14 this admits
     * almost any pair, since double precision then fixes the precision only to a few digits.
     */
    public static final double RESTORE_AGREEMENT_CONDITION_FACTOR = 16.0;

    private final LinearAlgebra<?> la;
    private final Parameters parameters;
    private final double[] center;
    private final boolean converged;
    private final int nIter;
    private final double lowerBound;
    private final double[] lowerBoundTrace;
    private final int[] trainingLabels;
    /** score(X) of the training data from the fit's final E-step; NaN for a restored model. */
    private final double trainingScore;
    private final List<String> warnings;

    GaussianMixtureModel(LinearAlgebra<?> la, Parameters parameters, double[] center, boolean converged, int nIter,
                         double lowerBound, double[] lowerBoundTrace, int[] trainingLabels, double trainingScore,
                         List<String> warnings) {
        this.la = la;
        this.parameters = parameters;
        this.center = center.clone();
        this.converged = converged;
        this.nIter = nIter;
        this.lowerBound = lowerBound;
        this.lowerBoundTrace = lowerBoundTrace.clone();
        this.trainingLabels = trainingLabels.clone();
        this.trainingScore = trainingScore;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Rebuilds a fitted model from stored values, for example from a model file: the inverse of
     * reading {@link #weights()}, {@link #means()}, {@link #covarianceBlocks()},
     * {@link #precisionCholeskyBlocks()}, {@link #converged()}, {@link #nIter()},
     * {@link #lowerBound()} and {@link #lowerBoundTrace()}. Every model a fit returns can be
     * restored this way. The model is kept relative to the mean of its means, so that scores stay
     * exact far from the origin. It has no training labels ({@link #trainingLabels()} is empty) and
     * no warnings ({@link #warnings()} is empty: they belong to the fit, not to the parameters).
     *
     * <p><b>Weights.</b> After at least one EM iteration ({@code nIter ≥ 1}) the weights must sum
     * to 1 within {@link #RESTORE_WEIGHT_SUM_ATOL}. With {@code nIter == 0} they may sum to less:
     * scikit-learn's initialisation is one M-step on the initial responsibilities with weights
     * n_k/N, not renormalised, so a fit with max_iter = 0 from {@code random_from_data} or
     * {@code k-means++} (one sample per component) has weights summing to K/N. Their sum must then
     * lie in (0, 1 + {@link #RESTORE_WEIGHT_SUM_ATOL}], and scores use them as they are, with
     * log(weights) unnormalised, as scikit-learn's {@code score_samples} does.
     *
     * <p><b>Covariances and precisions.</b> The model samples from the covariances and scores with
     * the precision factors, so the two must describe the same Gaussians: each block pair must
     * agree within {@link #RESTORE_AGREEMENT_RTOL}, or, for full and tied blocks,
     * {@link #RESTORE_AGREEMENT_CONDITION_FACTOR}·ε·κ where that is larger (see there).
     *
     * @param la                      the backend to score on
     * @param type                    the covariance type
     * @param weights                 K ≥ 1 finite, non-negative weights, summing as described above
     * @param means                   K×D finite means, D ≥ 1
     * @param covarianceBlocks        covariances in the layout of {@link #covarianceBlocks()}: K
     *                                symmetric positive-definite D·D blocks (full), 1 such block
     *                                (tied), K blocks of D positive variances (diag), K blocks of 1
     *                                (spherical)
     * @param precisionCholeskyBlocks the precision Cholesky factors in the same layout: triangular
     *                                with a positive diagonal (full, tied; upper as scikit-learn
     *                                fits them, or lower as derived from precisions_init), positive
     *                                (diag, spherical); U·Uᵀ must be the inverse of the covariance
     * @param converged               whether the fit converged
     * @param nIter                   iterations run, ≥ 0
     * @param lowerBound              the final lower bound; −∞ (max_iter = 0) is allowed
     * @param trace                   the lower bound after each iteration, no NaN
     * @return the model; the arrays are copied
     * @throws IllegalArgumentException naming the value whose shape or content is wrong, and for a
     *                                  covariance and precision factor that disagree, the
     *                                  component
     */
    public static GaussianMixtureModel restore(LinearAlgebra<?> la, CovarianceType type, double[] weights,
                                               double[][] means, double[][] covarianceBlocks,
                                               double[][] precisionCholeskyBlocks, boolean converged, int nIter,
                                               double lowerBound, double[] trace) {
        return Restore.model(la, type, weights, means, covarianceBlocks, precisionCholeskyBlocks, converged, nIter,
                lowerBound, trace);
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
     *         row-major), 1 block of D·D (tied), K blocks of D (diag) or K blocks of 1 (spherical)
     */
    public double[][] covarianceBlocks() {
        double[][] cov = parameters.hasCovariances ? parameters.covariances
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

    /**
     * The mean log-likelihood of the training data under this model, {@code score(X)} of the data
     * it was fitted to, from the fit's final E-step (the one that gives {@link #trainingLabels()}):
     * the same value as {@link #score(double[], int, int)} on that data, without another pass.
     *
     * @return the training score; NaN for a model that was restored rather than fitted
     */
    public double trainingScore() {
        return trainingScore;
    }

    /**
     * {@link #criteria(double[], int, int)} of the training data from {@link #trainingScore()}.
     *
     * @param n the number of training samples
     * @throws IllegalStateException for a restored model, which has no training score
     */
    public InformationCriteria trainingCriteria(long n) {
        if (Double.isNaN(trainingScore)) {
            throw new IllegalStateException("A restored model has no training score: use criteria(x, n, d).");
        }
        return criteriaOf(trainingScore, n);
    }

    /**
     * The warnings scikit-learn would have raised during the fit that produced this model, as their
     * message texts, so that a caller can show them (core has no logging): k-means's
     * "Number of distinct clusters (m) found smaller than n_clusters (k). Possibly due to duplicate
     * points in X." when its initialisation found fewer distinct clusters than components, and
     * "Initialization n did not converge. ..." when no initialisation converged within max_iter ≥ 1
     * iterations. Each text appears once, as Python's default warning filter shows it.
     *
     * @return the texts, immutable, in the order raised; empty when there were none, and for a
     *         restored model
     */
    public List<String> warnings() {
        return warnings;
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
        return scores(x).logLikelihood;
    }

    /** @return the mean per-sample log-likelihood, scikit-learn's {@code score} */
    public double score(double[][] x) {
        return scores(x).meanLogLikelihood;
    }

    /** @return each sample's most probable component, scikit-learn's {@code predict} */
    public int[] predict(double[][] x) {
        return scores(x).labels;
    }

    /** @return N×K posterior probabilities of the components, scikit-learn's {@code predict_proba} */
    public double[][] predictProba(double[][] x) {
        return scores(x).responsibilities();
    }

    /** @return all four of the above from one E-step */
    public Scores scores(double[][] x) {
        return scores(InputValidation.flatten(x, "X", 1), x.length, x[0].length);
    }

    /** @return the Bayesian information criterion on {@code x}: −2·N·score + p·ln N */
    public double bic(double[][] x) {
        return criteriaOf(score(x), x.length).bic();
    }

    /** @return the Akaike information criterion on {@code x}: −2·N·score + 2p */
    public double aic(double[][] x) {
        return criteriaOf(score(x), x.length).aic();
    }

    // The same on row-major data: row i of x is x[i·d] … x[i·d + d − 1], length n·d, not modified.

    /** @return {@link #scoreSamples(double[][])} of the n×d row-major {@code x} */
    public double[] scoreSamples(double[] x, int n, int d) {
        return scores(x, n, d).logLikelihood;
    }

    /** @return {@link #score(double[][])} of the n×d row-major {@code x} */
    public double score(double[] x, int n, int d) {
        return scores(x, n, d).meanLogLikelihood;
    }

    /** @return {@link #predict(double[][])} of the n×d row-major {@code x} */
    public int[] predict(double[] x, int n, int d) {
        return scores(x, n, d).labels;
    }

    /**
     * All scores of the n×d row-major {@code x} from one E-step; its responsibilities are also
     * available row-major ({@link Scores#responsibilitiesRowMajor()}).
     */
    public Scores scores(double[] x, int n, int d) {
        InputValidation.require(x != null, "X is null: give the data.");
        InputValidation.checkShape(x, n, d, "X", 1);
        InputValidation.checkFeatureCount(d, parameters.d);
        return Scoring.scores(la, parameters, center, x, n, d);
    }

    /** @return {@link #bic(double[][])} of the n×d row-major {@code x} */
    public double bic(double[] x, int n, int d) {
        return criteriaOf(score(x, n, d), n).bic();
    }

    /** @return {@link #aic(double[][])} of the n×d row-major {@code x} */
    public double aic(double[] x, int n, int d) {
        return criteriaOf(score(x, n, d), n).aic();
    }

    /**
     * Both information criteria of the n×d row-major {@code x} from one scoring pass, equal to
     * {@link #bic(double[], int, int)} and {@link #aic(double[], int, int)}, which score twice.
     */
    public InformationCriteria criteria(double[] x, int n, int d) {
        return criteriaOf(score(x, n, d), n);
    }

    /** Both criteria of this model on N samples whose mean log-likelihood is {@code score}. */
    private InformationCriteria criteriaOf(double score, long n) {
        return InformationCriteria.of(score, n, nParameters());
    }

    /**
     * The Bayesian and Akaike information criteria of one data set.
     *
     * @param bic −2·N·score + p·ln N
     * @param aic −2·N·score + 2p
     */
    public record InformationCriteria(double bic, double aic) {

        /**
         * scikit-learn's {@code bic} and {@code aic}, the one place their formulas are written.
         *
         * @param score the mean log-likelihood of N samples
         * @param n     N
         * @param p     the model's free parameters ({@link #nParameters()})
         */
        static InformationCriteria of(double score, long n, long p) {
            double fit = -2 * score * n;
            return new InformationCriteria(fit + p * Math.log(n), fit + 2 * p);
        }
    }

    /**
     * Draws samples as scikit-learn's {@code sample}: component counts from
     * {@code multinomial(n, weights)}, then each component's samples in order, from numpy's
     * standard normals z as μ + z·√σ² (diag, spherical: scikit-learn's formula) or μ + z·Lᵀ with
     * Σ = L·Lᵀ (full, tied: the same distribution as numpy's SVD-based multivariate normal).
     *
     * <p>All rows are held in memory; {@link #sample(long, long, SampleSink)} streams them instead
     * and draws exactly the same values.
     *
     * @param n    number of samples, at least 1
     * @param seed seed of numpy's RandomState
     * @return the samples, grouped by component in order
     * @throws IllegalArgumentException if {@code n < 1} or the seed is outside [0, 2³²)
     */
    public Sample sample(int n, long seed) {
        requireSampleCount(n);
        return Sampling.collect(this, parameters, center, n, new RandomState(seed));
    }

    /**
     * Draws {@code n} samples as {@link #sample(int, long)} does, bit for bit, but hands them to
     * {@code sink} in chunks of {@link #SAMPLE_CHUNK_ROWS} rows (the last chunk may be shorter)
     * instead of holding them: memory is O({@code SAMPLE_CHUNK_ROWS}·D) whatever {@code n}. The
     * chunks arrive in order, grouped by component as scikit-learn's rows are; one chunk may span
     * several components. {@code n} may exceed {@link Integer#MAX_VALUE}: numpy's multinomial
     * takes a 64-bit count, and so does this one.
     *
     * @param n    number of samples, at least 1
     * @param seed seed of numpy's RandomState, in [0, 2³²)
     * @param sink receives the samples; see {@link SampleSink} for which arrays are reused
     * @throws IllegalArgumentException      if {@code n < 1}, the seed is out of range or
     *                                       {@code sink} is null, before anything is drawn
     * @throws IllDefinedCovarianceException if a covariance cannot be factored, before anything
     *                                       reaches the sink
     * @throws java.io.IOException           whatever the sink throws; sampling stops there
     */
    public void sample(long n, long seed, SampleSink sink) throws java.io.IOException {
        requireSampleCount(n);
        InputValidation.require(sink != null, "sample needs a sink to receive the samples.");
        Sampling.draw(this, parameters, center, n, new RandomState(seed), sink);
    }

    private static void requireSampleCount(long n) {
        InputValidation.require(n >= 1, "Invalid value for 'n_samples': " + n
                + ". The sampling requires at least one sample.");
    }

    Parameters parameters() {
        return parameters;
    }

    double[] center() {
        return center.clone();
    }

    /** Per-sample results of one E-step on new data. */
    public static final class Scores {
        private final double[] logLikelihood;
        private final double meanLogLikelihood;
        private final int[] labels;
        /** N×K row-major. */
        private final double[] responsibilities;
        private final int k;

        Scores(double[] logLikelihood, double meanLogLikelihood, int[] labels, double[] responsibilities, int k) {
            this.logLikelihood = logLikelihood;
            this.meanLogLikelihood = meanLogLikelihood;
            this.labels = labels;
            this.responsibilities = responsibilities;
            this.k = k;
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

        /** @return predict_proba, N×K */
        public double[][] responsibilities() {
            double[][] out = new double[labels.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = java.util.Arrays.copyOfRange(responsibilities, i * k, (i + 1) * k);
            }
            return out;
        }

        /** @return predict_proba, N×K row-major */
        public double[] responsibilitiesRowMajor() {
            return responsibilities.clone();
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
