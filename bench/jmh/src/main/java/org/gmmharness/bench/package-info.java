/**
 * JMH benchmarks of the EM steps on every backend, the standard workloads they run on, and the
 * runner that drives a profile (quick, full, smoke) from the command line.
 */
package org.gmmharness.bench;
