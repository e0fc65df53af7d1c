/**
 * Gaussian mixture models fitted by expectation–maximisation, to scikit-learn's specification.
 * {@link org.gmmharness.em.GaussianMixture} holds the settings and fits;
 * {@link org.gmmharness.em.GaussianMixtureModel} is the immutable fitted model that scores and samples.
 * The E- and M-steps talk to the data only through {@link org.gmmharness.linalg.LinearAlgebra}.
 *
 * <p>The classes follow scikit-learn's {@code sklearn/mixture/_base.py} and
 * {@code _gaussian_mixture.py}:
 * <table>
 *   <caption>Where each part of scikit-learn's algorithm lives</caption>
 *   <tr><th>scikit-learn</th><th>here</th></tr>
 *   <tr><td>{@code fit_predict}: the n_init runs, convergence, the final E-step</td>
 *       <td>{@code EmRunner}, over the steps of {@link org.gmmharness.em.EmSteps}</td></tr>
 *   <tr><td>{@code _check_parameters}, {@code _initialize_parameters}, {@code _initialize}</td>
 *       <td>{@link org.gmmharness.em.Initialization} (the methods named by
 *       {@link org.gmmharness.em.InitMethod}; user precisions as {@code PrecisionsInit})</td></tr>
 *   <tr><td>{@code _estimate_weighted_log_prob}, {@code _estimate_log_prob_resp}</td>
 *       <td>{@code Expectation}</td></tr>
 *   <tr><td>{@code _estimate_gaussian_parameters} and the four
 *       {@code _estimate_gaussian_covariances_*}</td>
 *       <td>{@code Maximization}, from the block sums of
 *       {@link org.gmmharness.em.SufficientStatistics} (the full type's moment row laid out by
 *       {@code MomentLayout})</td></tr>
 *   <tr><td>{@code _compute_precision_cholesky}, {@code _compute_log_det_cholesky}</td>
 *       <td>{@code PrecisionCholesky}</td></tr>
 *   <tr><td>{@code score_samples}, {@code predict}, {@code predict_proba}, {@code score}</td>
 *       <td>{@code Scoring}</td></tr>
 *   <tr><td>{@code bic}, {@code aic}</td>
 *       <td>{@link org.gmmharness.em.GaussianMixtureModel.InformationCriteria}</td></tr>
 *   <tr><td>{@code _n_parameters}</td>
 *       <td>{@link org.gmmharness.em.GaussianMixtureModel#nParameters()}, with
 *       {@link org.gmmharness.em.CovarianceType#covarianceParameters}</td></tr>
 *   <tr><td>{@code sample}</td><td>{@code Sampling}</td></tr>
 * </table>
 * Beyond scikit-learn: {@code EmData} centres the data as the backend takes them (so the one-pass
 * covariance forms stay exact far from the origin), and {@code Restore} rebuilds a model from
 * stored values.
 */
package org.gmmharness.em;
