package org.gmmharness.em;

import org.gmmharness.random.RandomState;

/** Draws from a fitted mixture; see {@link GaussianMixtureModel#sample(int, long)}. */
final class Sampling {

    private Sampling() {
    }

    static GaussianMixtureModel.Sample draw(GaussianMixtureModel model, Parameters p, double[] center, int n,
                                            RandomState rng) {
        int d = p.d;
        long[] counts = rng.multinomial(n, p.weights);
        double[][] cov = model.covarianceBlocks();
        double[][] x = new double[n][];
        int[] components = new int[n];
        int row = 0;
        for (int c = 0; c < p.k; c++) {
            double[] factor = factor(p.type, cov[p.type == CovarianceType.TIED ? 0 : c], d);
            for (long s = 0; s < counts[c]; s++) {
                double[] z = new double[d];
                for (int j = 0; j < d; j++) {
                    z[j] = rng.standardNormal();
                }
                double[] out = new double[d];
                for (int j = 0; j < d; j++) {
                    double mean = p.means[c][j] + center[j];
                    if (p.type == CovarianceType.FULL || p.type == CovarianceType.TIED) {
                        double v = 0.0;
                        for (int m = 0; m <= j; m++) {
                            v += factor[j * d + m] * z[m];
                        }
                        out[j] = mean + v;
                    } else {
                        out[j] = mean + z[j] * factor[p.type == CovarianceType.DIAG ? j : 0];
                    }
                }
                x[row] = out;
                components[row] = c;
                row++;
            }
        }
        return new GaussianMixtureModel.Sample(x, components);
    }

    /** The lower Cholesky factor of a full covariance, or the standard deviations otherwise. */
    private static double[] factor(CovarianceType type, double[] cov, int d) {
        if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
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
