/**
 * JMH benchmarks of the EM steps on every backend, the suites that run a profile (quick, full,
 * smoke) with the time to solution of the command-line app's jar, and the benchmark jar's command
 * line ({@link org.gmmharness.bench.BenchMain}). The workloads they run on are in
 * {@code org.gmmharness.workload}.
 */
package org.gmmharness.bench;
