package org.gmmharness.em;

import org.gmmharness.linalg.LinearAlgebra;

/**
 * The steps of one EM run on prepared data: the E-step, the M-step, the precision-Cholesky step,
 * and a whole iteration made of the three. {@link GaussianMixture#fit} runs exactly these; they are
 * public so that benchmarks time the code a fit runs, not a copy of it.
 *
 * <p>Holds the backend buffers of one fit and the current parameters; confined to one thread.
 */
public final class EmSteps<M> {

    private final LinearAlgebra<M> la;
    private final double regCovar;
    private final EmData<M> data;
    private final Expectation<M> expectation;
    private final Maximization<M> maximization;
    private final PrecisionCholesky<M> precision;
    /** The working parameters: every M-step overwrites them in place. */
    private final Parameters parameters;

    /**
     * @param x      row-major N×D data in the caller's coordinates, shape checked; its values are
     *               checked as they are centred on {@code center}; not retained
     */
    EmSteps(LinearAlgebra<M> la, CovarianceType type, int k, double regCovar, double[] x, int n, int d,
            double[] center) {
        this(la, type, k, regCovar, x, n, d, center, false);
    }

    /** As above; with {@code inPlace}, x is centred in place and handed to the backend (see {@link EmData}). */
    EmSteps(LinearAlgebra<M> la, CovarianceType type, int k, double regCovar, double[] x, int n, int d,
            double[] center, boolean inPlace) {
        this.la = la;
        this.regCovar = regCovar;
        this.data = new EmData<>(la, type, x, n, d, center, "X", inPlace);
        this.expectation = new Expectation<>(data, k);
        this.maximization = new Maximization<>(data, k);
        this.precision = new PrecisionCholesky<>(la, type, data.d);
        this.parameters = new Parameters(type, k, data.d);
    }

    /**
     * Validates {@code x}, prepares it on the backend and starts from the settings' first
     * initialisation, as the first run of {@link GaussianMixture#fit} does.
     *
     * @return steps ready for {@link #iteration()}
     */
    public static EmSteps<?> prepare(LinearAlgebra<?> la, GaussianMixture settings, double[][] x) {
        return prepare(la, settings, InputValidation.flatten(x, "X", 2), x.length, x[0].length);
    }

    /**
     * As {@link #prepare(LinearAlgebra, GaussianMixture, double[][])}, on row-major data.
     *
     * @param x row-major N×D data, length n·d; not modified
     */
    public static EmSteps<?> prepare(LinearAlgebra<?> la, GaussianMixture settings, double[] x, int n, int d) {
        return new EmRunner<>(la, settings, x, n, d, null).prepareFirstRun();
    }

    /**
     * The E-step: weighted log-probabilities of the current parameters, their row-wise
     * log-sum-exp and the responsibilities.
     *
     * @return the mean log-likelihood, scikit-learn's lower bound for this iteration
     */
    public double eStep() {
        expectation.weightedLogProb(parameters);
        return expectation.normalize();
    }

    /** The M-step: weights, means and covariances from the last E-step's responsibilities. */
    public void mStep() {
        maximization.estimate(expectation.responsibilities(), regCovar, parameters);
    }

    /**
     * The precision-Cholesky step: the precision factors of the last M-step's covariances, which
     * become the current parameters.
     *
     * @throws IllDefinedCovarianceException if a covariance is not positive definite
     */
    public void precisionCholesky() {
        precision.fromCovariances(parameters);
    }

    /**
     * One EM iteration: {@link #eStep()}, {@link #mStep()}, {@link #precisionCholesky()}.
     *
     * @return the lower bound of this iteration's E-step
     */
    public double iteration() {
        double lowerBound = eStep();
        mStep();
        precisionCholesky();
        return lowerBound;
    }

    /** The backend, for {@link Initialization}. */
    LinearAlgebra<M> la() {
        return la;
    }

    /**
     * The E-step's N×K matrix, unused until the next E-step overwrites it: {@link Initialization}
     * writes k-means's responsibilities there, so that they take no data-sized matrix of their own.
     */
    M responsibilitiesBuffer() {
        return expectation.responsibilities();
    }

    /** The M-step, for {@link Initialization}'s initial one. */
    Maximization<M> maximization() {
        return maximization;
    }

    /** The precision-Cholesky step, for {@link Initialization}. */
    PrecisionCholesky<M> precision() {
        return precision;
    }

    /** The working parameters (not copied), which {@link Initialization} overwrites. */
    Parameters parameters() {
        return parameters;
    }

    /** Continues from given parameters (a warm start, or the final E-step): copies them in. */
    void start(Parameters p) {
        parameters.copyFrom(p);
    }

    /** @return an independent copy of the current parameters */
    Parameters snapshot() {
        return parameters.copy();
    }

    /**
     * The final E-step of a fit: the labels, then the E-step as {@link #eStep()}. Each label is
     * the component of largest weighted log-probability, as {@code predict} takes it, so the
     * training labels equal {@code predict(X)} on the returned model (scikit-learn's final E-step
     * is there for that); the arg-max of the log-responsibilities, which differ by one number per
     * row, is the same but where that subtraction rounds two entries to a tie.
     *
     * @return the labels and the mean log-likelihood
     */
    LabelledEStep labelledEStep() {
        expectation.weightedLogProb(parameters);
        int[] labels = la.argmaxRows(expectation.logProbabilities());
        return new LabelledEStep(labels, expectation.normalize());
    }

    /** What {@link #labelledEStep()} gives: each sample's label and the mean log-likelihood. */
    record LabelledEStep(int[] labels, double lowerBound) {
    }
}
