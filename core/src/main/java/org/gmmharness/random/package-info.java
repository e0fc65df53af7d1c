/**
 * numpy's legacy {@code numpy.random.RandomState} reproduced bit for bit: the MT19937 generator
 * ({@link org.gmmharness.random.MT19937}) and the legacy draws scikit-learn uses
 * ({@link org.gmmharness.random.RandomState}). Both are mutable and not thread-safe.
 */
package org.gmmharness.random;
