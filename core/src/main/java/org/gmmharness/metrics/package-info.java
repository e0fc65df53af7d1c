/**
 * Scores of a clustering used in the seed notebooks' workflows, to scikit-learn's definitions:
 * {@link org.gmmharness.metrics.AdjustedRandIndex} compares cluster labels with a ground truth.
 */
package org.gmmharness.metrics;
