/**
 * The contract between the benchmark harness and the peer drivers: the harness writes a
 * {@link org.gmmharness.peers.protocol.PeerRequest} folder (the workload's samples, the start and
 * the iteration count), starts the driver in a JVM of its own with the peer library's class path,
 * and reads back the {@link org.gmmharness.peers.protocol.PeerResult} it writes.
 * {@link org.gmmharness.peers.protocol.PeerMain} is the one timing loop every driver runs, so that
 * every peer is timed the same way.
 */
package org.gmmharness.peers.protocol;
