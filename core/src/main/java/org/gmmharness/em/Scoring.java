package org.gmmharness.em;

import org.gmmharness.linalg.LinearAlgebra;

/**
 * Scores new data under a fitted mixture with one E-step: scikit-learn's {@code score_samples},
 * {@code score}, {@code predict} and {@code predict_proba} at once, in buffers of the call's own
 * so that a model can score from several threads.
 */
final class Scoring {

    private Scoring() {
    }

    /**
     * One E-step of {@code p} on {@code x}: the data are checked and centred on {@code center} as
     * they go to the backend; then the weighted log-probabilities, their arg-max per row (the
     * labels), the row-wise log-sum-exp (the log-likelihoods, whose mean is the score) and the
     * responsibilities.
     *
     * @param x row-major n×d data, shape already checked; not modified
     */
    static <M> GaussianMixtureModel.Scores scores(LinearAlgebra<M> la, Parameters p, double[] center, double[] x,
                                                  int n, int d) {
        EmData<M> data = new EmData<>(la, p.type, x, n, d, center, "X");
        Expectation<M> e = new Expectation<>(data, p.k);
        e.weightedLogProb(p);
        int[] labels = la.argmaxRows(e.logProbabilities());
        double mean = e.normalize();
        double[] ll = la.toRowMajor(e.logLikelihoods());
        double[] r = la.toRowMajor(e.responsibilities());
        return new GaussianMixtureModel.Scores(ll, mean, labels, r, p.k);
    }
}
