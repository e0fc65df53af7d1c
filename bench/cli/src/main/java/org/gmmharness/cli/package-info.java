/**
 * The command-line application of the runnable jar {@code bench/cli/target/gmm-harness.jar}: the
 * commands that run the harness on users' own data ({@code fit}, {@code predict}, {@code sample},
 * {@code select}, {@code anomalies}, {@code plot}). The benchmark comparison has a jar of its own
 * ({@code org.gmmharness.bench.BenchMain}).
 */
package org.gmmharness.cli;
