/**
 * The peers comparison's running side: other JVM libraries' Gaussian mixture EM (Commons Math,
 * Spark MLlib, Smile), each started by {@link org.gmmharness.bench.peers.PeerSuite} in a JVM of its
 * own from its driver module's class path, on the harness's seeded workloads from the same start
 * and for a fixed number of iterations, beside the project's backends and scikit-learn from that
 * start.
 */
package org.gmmharness.bench.peers;
