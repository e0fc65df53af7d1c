/**
 * Gaussian mixture models fitted by expectation–maximisation, to scikit-learn's specification.
 * {@link org.gmmharness.em.GaussianMixture} holds the settings and fits;
 * {@link org.gmmharness.em.GaussianMixtureModel} is the immutable fitted model that scores and samples.
 * The E- and M-steps talk to the data only through {@link org.gmmharness.linalg.LinearAlgebra}.
 */
package org.gmmharness.em;
