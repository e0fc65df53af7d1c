package org.gmmharness.em;

import java.io.IOException;

/**
 * Receives the rows of {@link GaussianMixtureModel#sample(long, long, SampleSink)} chunk by chunk,
 * in the order they are drawn, so that any number of samples can be written out in memory that
 * does not grow with their number.
 */
@FunctionalInterface
public interface SampleSink {

    /**
     * Takes the next {@code rows} samples.
     *
     * <p>The arrays belong to the sampler and are reused for the next chunk: they are valid only
     * during this call. Copy what must outlive it; writing into them is harmless (the next chunk
     * overwrites them), and only their first {@code rows} rows are meaningful.
     *
     * @param x          the samples, row-major: sample {@code i}'s feature {@code j} is
     *                   {@code x[i * nFeatures + j]}, for {@code i < rows}
     * @param components the component each sample was drawn from, for {@code i < rows}
     * @param rows       how many samples this chunk holds: between 1 and
     *                   {@link GaussianMixtureModel#SAMPLE_CHUNK_ROWS}
     * @throws IOException if the samples cannot be written; sampling stops and the exception
     *                     reaches the caller of {@code sample} unchanged
     */
    void accept(double[] x, int[] components, int rows) throws IOException;
}
