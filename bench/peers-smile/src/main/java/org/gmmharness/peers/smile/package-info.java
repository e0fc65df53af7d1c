/**
 * The Smile peer (Smile is GPL-3.0; this package is built only under the opt-in Maven profile
 * {@code peers-smile} and is never part of a shipped artifact): its
 * {@code MultivariateExponentialFamilyMixture} of Gaussian components from the harness's start.
 */
package org.gmmharness.peers.smile;
