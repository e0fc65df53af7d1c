/**
 * The Apache Commons Math peer: its {@code MultivariateNormalMixtureExpectationMaximization} from
 * the harness's start, a fixed number of iterations.
 */
package org.gmmharness.peers.commonsmath;
