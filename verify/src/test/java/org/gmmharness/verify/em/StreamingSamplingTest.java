package org.gmmharness.verify.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.linalg.Backends;
import org.gmmharness.random.RandomState;
import org.gmmharness.verify.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code sample(long, long, SampleSink)} streams exactly the draws that drawing everything at once
 * gives: checked bit for bit against an independent re-implementation of scikit-learn's sampling
 * (multinomial counts, then each component's standard normals row by row from one RandomState),
 * across chunk boundaries.
 */
class StreamingSamplingTest {

    /** More than two chunks and not a multiple of the chunk size, so the last chunk is partial. */
    private static final int N = 10_000;
    private static final long SEED = 7;

    private static GaussianMixtureModel model(CovarianceType type) {
        return GaussianMixture.builder(3).covarianceType(type).randomState(1).build()
                .fit(Backends.create("ejml"), Fixtures.data("blobs_stretched"));
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void streamedDrawsAreTheReferenceDrawsBitForBit(CovarianceType type) throws IOException {
        GaussianMixtureModel model = model(type);
        int d = model.nFeatures();
        assertTrue(N > 2 * GaussianMixtureModel.SAMPLE_CHUNK_ROWS && N % GaussianMixtureModel.SAMPLE_CHUNK_ROWS != 0);
        Reference expected = reference(model, N, SEED);

        List<Integer> chunkSizes = new ArrayList<>();
        int[] row = {0};
        model.sample(N, SEED, (x, components, rows) -> {
            chunkSizes.add(rows);
            for (int i = 0; i < rows; i++, row[0]++) {
                assertEquals(expected.components[row[0]], components[i], "component of row " + row[0]);
                for (int j = 0; j < d; j++) {
                    assertEquals(Double.doubleToRawLongBits(expected.x[row[0]][j]),
                            Double.doubleToRawLongBits(x[i * d + j]), "row " + row[0] + ", feature " + j);
                }
            }
        });
        assertEquals(N, row[0]);
        int chunk = GaussianMixtureModel.SAMPLE_CHUNK_ROWS;
        assertEquals(List.of(chunk, chunk, N - 2 * chunk), chunkSizes);

        GaussianMixtureModel.Sample eager = model.sample(N, SEED);
        assertArrayEquals(expected.components, eager.components());
        double[][] x = eager.x();
        for (int i = 0; i < N; i++) {
            assertArrayEquals(expected.x[i], x[i], 0.0, "eager row " + i);
        }
    }

    @Test
    void aSmallSampleIsOneShortChunk() throws IOException {
        List<Integer> chunkSizes = new ArrayList<>();
        model(CovarianceType.DIAG).sample(5, SEED, (x, components, rows) -> chunkSizes.add(rows));
        assertEquals(List.of(5), chunkSizes);
    }

    /**
     * Counts beyond {@link Integer#MAX_VALUE} are supported, as numpy's 64-bit multinomial supports
     * them: the first chunk comes from component 0 (which holds about a third of 3·10⁹ rows) and is
     * the reference's; the sink's failure then stops sampling and reaches the caller unchanged.
     */
    @Test
    void countsBeyondIntAreDrawnAndASinkFailureStopsSampling() {
        GaussianMixtureModel model = model(CovarianceType.FULL);
        long n = 3_000_000_000L;
        int d = model.nFeatures();
        double[] firstRow = referenceFirstRow(model, n, SEED);
        IOException disk = new IOException("No space left on device");
        int[] calls = {0};
        IOException thrown = assertThrows(IOException.class, () -> model.sample(n, SEED, (x, components, rows) -> {
            calls[0]++;
            assertEquals(GaussianMixtureModel.SAMPLE_CHUNK_ROWS, rows);
            assertEquals(0, components[rows - 1]);
            for (int j = 0; j < d; j++) {
                assertEquals(firstRow[j], x[j], 0.0);
            }
            throw disk;
        }));
        assertSame(disk, thrown);
        assertEquals(1, calls[0]);
    }

    @Test
    void refusesNoSamplesAndNoSink() {
        GaussianMixtureModel model = model(CovarianceType.SPHERICAL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.sample(0L, SEED, (x, c, rows) -> { }));
        assertTrue(e.getMessage().contains("at least one sample"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.sample(-5L, SEED, (x, c, rows) -> { }));
        assertThrows(IllegalArgumentException.class, () -> model.sample(10L, SEED, null));
    }

    // ---- the reference: scikit-learn's GaussianMixture.sample, re-implemented here ----------

    private static final class Reference {
        final double[][] x;
        final int[] components;

        Reference(double[][] x, int[] components) {
            this.x = x;
            this.components = components;
        }
    }

    private static Reference reference(GaussianMixtureModel model, int n, long seed) {
        RandomState rng = new RandomState(seed);
        long[] counts = rng.multinomial(n, model.weights());
        double[][] x = new double[n][];
        int[] components = new int[n];
        int row = 0;
        for (int c = 0; c < counts.length; c++) {
            for (long s = 0; s < counts[c]; s++) {
                x[row] = draw(model, c, rng);
                components[row++] = c;
            }
        }
        return new Reference(x, components);
    }

    private static double[] referenceFirstRow(GaussianMixtureModel model, long n, long seed) {
        RandomState rng = new RandomState(seed);
        long[] counts = rng.multinomial(n, model.weights());
        assertTrue(counts[0] > GaussianMixtureModel.SAMPLE_CHUNK_ROWS);
        return draw(model, 0, rng);
    }

    /** One row of component c: D standard normals z, then μ + L·z (full, tied) or μ + z·√σ². */
    private static double[] draw(GaussianMixtureModel model, int c, RandomState rng) {
        int d = model.nFeatures();
        CovarianceType type = model.covarianceType();
        double[] cov = model.covarianceBlocks()[type == CovarianceType.TIED ? 0 : c];
        double[] mean = model.means()[c];
        double[] z = new double[d];
        for (int j = 0; j < d; j++) {
            z[j] = rng.standardNormal();
        }
        double[] out = new double[d];
        if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
            double[] l = cholesky(cov, d);
            for (int j = 0; j < d; j++) {
                double v = 0.0;
                for (int m = 0; m <= j; m++) {
                    v += l[j * d + m] * z[m];
                }
                out[j] = mean[j] + v;
            }
        } else {
            for (int j = 0; j < d; j++) {
                out[j] = mean[j] + z[j] * Math.sqrt(cov[type == CovarianceType.DIAG ? j : 0]);
            }
        }
        return out;
    }

    /** Cholesky–Banachiewicz, column by column: L·Lᵀ = a, L lower. */
    private static double[] cholesky(double[] a, int d) {
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int m = 0; m < j; m++) {
                s -= l[j * d + m] * l[j * d + m];
            }
            l[j * d + j] = Math.sqrt(s);
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int m = 0; m < j; m++) {
                    t -= l[i * d + m] * l[j * d + m];
                }
                l[i * d + j] = t / l[j * d + j];
            }
        }
        return l;
    }
}
