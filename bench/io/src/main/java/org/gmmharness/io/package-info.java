/**
 * Files the command-line app reads and writes: CSV data ({@link org.gmmharness.io.CsvData}, read
 * as a {@link org.gmmharness.io.CsvFormat} says, from the bytes into one flat {@code double[]}, and
 * {@link org.gmmharness.io.CsvOutput}), numpy {@code .npy} data ({@link org.gmmharness.io.NpyFile},
 * read by {@code CsvData} too), model
 * files ({@link org.gmmharness.io.ModelFile}), init files ({@link org.gmmharness.io.InitFile}), all
 * in scikit-learn's shapes, and the output policy every written file goes through
 * ({@link org.gmmharness.io.OutputFiles}).
 *
 * <p>Every reader rejects bad input with an {@link java.lang.IllegalArgumentException} whose
 * one-line message names the file and where in it the problem is (line and column for CSV, field
 * for JSON).
 */
package org.gmmharness.io;
