/**
 * Scores of a clustering used in the seed notebooks' workflows, to scikit-learn's definitions:
 * {@link org.gmmharness.metrics.AdjustedRandIndex} compares cluster labels with a ground truth; and
 * how far two fitted mixtures are from each other ({@link org.gmmharness.metrics.ModelDeviation}),
 * by which backends are compared.
 */
package org.gmmharness.metrics;
