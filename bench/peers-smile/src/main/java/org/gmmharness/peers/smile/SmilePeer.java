package org.gmmharness.peers.smile;

import java.util.List;

import org.gmmharness.peers.protocol.Mixture;
import org.gmmharness.peers.protocol.PeerDriver;
import org.gmmharness.peers.protocol.PeerMain;
import org.gmmharness.peers.protocol.PeerRequest;
import smile.math.matrix.Matrix;
import smile.stat.distribution.MultivariateExponentialFamilyMixture;
import smile.stat.distribution.MultivariateGaussianDistribution;
import smile.stat.distribution.MultivariateMixture;

/**
 * Drives Smile's {@code MultivariateExponentialFamilyMixture.fit(x, components, gamma, maxIter, tol)}
 * with Gaussian components built from the request's start (full, or diagonal with the start's
 * variances), γ = 0 (plain EM, no regularised posteriors), for exactly the requested iterations.
 *
 * <p>The tolerance must be −∞: Smile's loop runs while {@code diff > tol}, and its first
 * {@code diff} is the first log-likelihood minus 0 (its initial value), a negative number for any
 * density below 1, so every finite tolerance at or above it stops the fit after one iteration.
 * Its full-covariance M-step (MultivariateGaussianDistribution.M) multiplies the new covariance's
 * diagonal by 1.00001; the diagonal one does not.
 */
public final class SmilePeer implements PeerDriver {

    private double[][] x;
    private MultivariateMixture.Component[] start;
    private int iterations;
    private boolean diagonal;

    /** {@code SmilePeer <request folder> <result file>}: see {@link PeerMain}. */
    public static void main(String[] args) {
        System.exit(PeerMain.run(args, new SmilePeer()));
    }

    @Override
    public String library() {
        return "Smile";
    }

    @Override
    public String version() {
        String v = MultivariateExponentialFamilyMixture.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    @Override
    public String api() {
        return "MultivariateExponentialFamilyMixture.fit with MultivariateGaussianDistribution components";
    }

    @Override
    public boolean sameStart() {
        return true;
    }

    @Override
    public List<String> notes() {
        return List.of("fit(x, start, γ = 0, iterations, tol = −∞): its first convergence test compares the "
                + "first log-likelihood with 0, so any finite tol stops it after one iteration",
                diagonal ? "no reg_covar: its variances are the plain weighted scatter"
                        : "no reg_covar, but its full-covariance M-step multiplies every variance (the diagonal) by "
                        + "1.00001, a relative regularisation of 1e-5 that shows as a 1e-5 difference from "
                        + "scikit-learn");
    }

    @Override
    public void setUp(PeerRequest request) {
        x = request.rows();
        diagonal = request.covarianceType().equals("diag");
        Mixture s = request.start();
        start = new MultivariateMixture.Component[s.k()];
        for (int c = 0; c < s.k(); c++) {
            MultivariateGaussianDistribution g;
            if (diagonal) {
                double[] variances = new double[s.d()];
                for (int j = 0; j < s.d(); j++) {
                    variances[j] = s.covariances()[c][j][j];
                }
                g = new MultivariateGaussianDistribution(s.means()[c].clone(), variances);
            } else {
                g = new MultivariateGaussianDistribution(s.means()[c].clone(), Matrix.of(s.covariances()[c]));
            }
            start[c] = new MultivariateMixture.Component(s.weights()[c], g);
        }
        iterations = request.iterations();
    }

    @Override
    public Mixture fit() {
        MultivariateExponentialFamilyMixture m = MultivariateExponentialFamilyMixture.fit(x, start.clone(), 0.0,
                iterations, Double.NEGATIVE_INFINITY);
        int k = m.components.length;
        double[] weights = new double[k];
        double[][] means = new double[k][];
        double[][][] cov = new double[k][][];
        for (int c = 0; c < k; c++) {
            MultivariateGaussianDistribution g = (MultivariateGaussianDistribution) m.components[c].distribution;
            weights[c] = m.components[c].priori;
            means[c] = g.mean().clone();
            cov[c] = square(g.cov(), means[c].length);
        }
        return new Mixture(weights, means, cov);
    }

    /** @return the covariance as D×D: a diagonal Gaussian may hold its variances in a D×1 matrix */
    private static double[][] square(Matrix m, int d) {
        double[][] a = m.toArray();
        if (a.length == d && a[0].length == d) {
            return a;
        }
        double[][] out = new double[d][d];
        for (int j = 0; j < d; j++) {
            out[j][j] = a.length == d ? a[j][0] : a[0][j];
        }
        return out;
    }
}
