package org.gmmharness.em;

import java.io.IOException;

import org.gmmharness.random.RandomState;

/** Draws from a fitted mixture; see {@link GaussianMixtureModel#sample(long, long, SampleSink)}. */
final class Sampling {

    private Sampling() {
    }

    /**
     * Draws {@code n} samples as {@link #draw} does, bit for bit, and keeps them all in memory:
     * {@link GaussianMixtureModel#sample(int, long)}.
     */
    static GaussianMixtureModel.Sample collect(GaussianMixtureModel model, Parameters p, double[] center, int n,
                                               RandomState rng) {
        double[][] x = new double[n][];
        int[] components = new int[n];
        int d = p.d;
        int[] row = {0};
        try {
            draw(model, p, center, n, rng, (chunk, chunkComponents, rows) -> {
                for (int i = 0; i < rows; i++) {
                    x[row[0]] = java.util.Arrays.copyOfRange(chunk, i * d, (i + 1) * d);
                    components[row[0]++] = chunkComponents[i];
                }
            });
        } catch (IOException e) {
            throw new AssertionError("collecting samples in memory threw " + e, e);
        }
        return new GaussianMixtureModel.Sample(x, components);
    }

    /**
     * Draws {@code n} samples into {@code sink}, {@link GaussianMixtureModel#SAMPLE_CHUNK_ROWS} at a
     * time (fewer in the last chunk). The generator is consumed exactly as by drawing them all at
     * once: the multinomial counts first, then each component's standard normals row by row, so
     * where a chunk ends does not change a single draw.
     */
    static void draw(GaussianMixtureModel model, Parameters p, double[] center, long n, RandomState rng,
                     SampleSink sink) throws IOException {
        int d = p.d;
        long[] counts = rng.multinomial(n, p.weights);
        // Every factor before the first row, so that a covariance that cannot be factored fails
        // before anything reaches the sink.
        double[][] cov = model.covarianceBlocks();
        double[][] factors = new double[p.k][];
        for (int c = 0; c < p.k; c++) {
            factors[c] = factor(p.type, cov[p.block(c)], d);
        }
        int chunkRows = (int) Math.min(GaussianMixtureModel.SAMPLE_CHUNK_ROWS, n);
        double[] x = new double[chunkRows * d];
        int[] components = new int[chunkRows];
        double[] z = new double[d];
        int filled = 0;
        for (int c = 0; c < p.k; c++) {
            double[] factor = factors[c];
            for (long s = 0; s < counts[c]; s++) {
                for (int j = 0; j < d; j++) {
                    z[j] = rng.standardNormal();
                }
                int offset = filled * d;
                for (int j = 0; j < d; j++) {
                    double mean = p.means[c][j] + center[j];
                    if (p.type.isMatrix()) {
                        double v = 0.0;
                        for (int m = 0; m <= j; m++) {
                            v += factor[j * d + m] * z[m];
                        }
                        x[offset + j] = mean + v;
                    } else {
                        x[offset + j] = mean + z[j] * factor[p.type == CovarianceType.DIAG ? j : 0];
                    }
                }
                components[filled++] = c;
                if (filled == chunkRows) {
                    sink.accept(x, components, filled);
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            sink.accept(x, components, filled);
        }
    }

    /** The lower Cholesky factor of a full covariance, or the standard deviations otherwise. */
    private static double[] factor(CovarianceType type, double[] cov, int d) {
        if (type.isMatrix()) {
            double[] l = SmallMatrices.choleskyOrNull(cov, d);
            if (l == null) {
                throw new IllDefinedCovarianceException(-1);
            }
            return l;
        }
        double[] sd = new double[cov.length];
        for (int j = 0; j < cov.length; j++) {
            sd[j] = Math.sqrt(cov[j]);
        }
        return sd;
    }
}
