package org.gmmharness.workload;

import java.util.SplittableRandom;

import org.gmmharness.workload.Workload;

/**
 * Seeded data for a workload: N samples from a mixture of K Gaussians in D dimensions with
 * well-separated means (spread 10 per axis) and random positive-definite covariances. The same
 * workload and seed always give the same data, which is how the JVM backends and scikit-learn are
 * timed on identical inputs.
 */
public final class WorkloadData {

    private WorkloadData() {
    }

    /** @return N×D samples, row i drawn from component i mod K */
    public static double[][] generate(Workload w, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ ((long) w.n() * 31 + w.d()) * 31 + w.k());
        int d = w.d();
        double[][] means = new double[w.k()][d];
        double[][][] factors = new double[w.k()][d][d];
        for (int c = 0; c < w.k(); c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] = 10.0 * gaussian(rng);
                for (int m = 0; m <= j; m++) {
                    factors[c][j][m] = m == j ? 0.5 + rng.nextDouble() : 0.3 * gaussian(rng);
                }
            }
        }
        double[][] x = new double[w.n()][d];
        double[] z = new double[d];
        for (int i = 0; i < w.n(); i++) {
            int c = i % w.k();
            for (int j = 0; j < d; j++) {
                z[j] = gaussian(rng);
            }
            for (int j = 0; j < d; j++) {
                double v = means[c][j];
                for (int m = 0; m <= j; m++) {
                    v += factors[c][j][m] * z[m];
                }
                x[i][j] = v;
            }
        }
        return x;
    }

    /** @return the samples of {@link #generate} row-major: row i is {@code [i·D, (i+1)·D)} */
    public static double[] generateRowMajor(Workload w, long seed) {
        double[][] x = generate(w, seed);
        int d = w.d();
        double[] out = new double[Math.multiplyExact(w.n(), d)];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * d, d);
        }
        return out;
    }

    /** A standard normal by the Box–Muller transform, one value per call. */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rng.nextDouble());
    }
}
