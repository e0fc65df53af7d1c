/**
 * The command-line application of the runnable jar {@code bench/target/gmm-harness.jar}: the
 * benchmark comparison ({@code bench}) and the commands that run the harness on users' own data.
 */
package org.gmmharness.cli;
