package org.gmmharness.peers.commonsmath;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.distribution.MixtureMultivariateNormalDistribution;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.distribution.fitting.MultivariateNormalMixtureExpectationMaximization;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.util.Pair;
import org.gmmharness.peers.protocol.Mixture;
import org.gmmharness.peers.protocol.PeerDriver;
import org.gmmharness.peers.protocol.PeerMain;
import org.gmmharness.peers.protocol.PeerRequest;

/**
 * Drives {@link MultivariateNormalMixtureExpectationMaximization#fit(MixtureMultivariateNormalDistribution,
 * int, double)} from the request's start for exactly the requested iterations.
 *
 * <p>Two quirks of its {@code fit} decide how it is called. Its loop condition is
 * {@code numIterations++ <= maxIterations}, so it runs one iteration more than asked: it is asked
 * for one fewer. It throws {@link ConvergenceException} when the last change of the log-likelihood
 * is still above the threshold, which with threshold 0 (no early stop) is every fixed-length run:
 * the exception is caught and the model it fitted is read with {@code getFittedModel()}, which the
 * loop updates after every iteration. Full covariances only; there is no regularisation of the
 * covariances (scikit-learn adds reg_covar = 1e-6 to their diagonals).
 */
public final class CommonsMathPeer implements PeerDriver {

    private MultivariateNormalMixtureExpectationMaximization em;
    private MixtureMultivariateNormalDistribution start;
    private int iterations;

    /** {@code CommonsMathPeer <request folder> <result file>}: see {@link PeerMain}. */
    public static void main(String[] args) {
        System.exit(PeerMain.run(args, new CommonsMathPeer()));
    }

    @Override
    public String library() {
        return "Apache Commons Math";
    }

    @Override
    public String version() {
        String v = MultivariateNormalMixtureExpectationMaximization.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    @Override
    public String api() {
        return "MultivariateNormalMixtureExpectationMaximization.fit";
    }

    @Override
    public boolean sameStart() {
        return true;
    }

    @Override
    public List<String> notes() {
        return List.of("fit(start, iterations − 1, Double.MIN_VALUE): its loop runs one iteration more than "
                        + "asked, it refuses a threshold below Double.MIN_VALUE, and it throws ConvergenceException "
                        + "at the end of a run that did not converge, caught; the parameters are getFittedModel()'s",
                "no reg_covar: its covariances are the plain weighted scatter");
    }

    @Override
    public void setUp(PeerRequest request) {
        if (!request.covarianceType().equals("full")) {
            throw new IllegalArgumentException("Commons Math fits full covariances only, not "
                    + request.covarianceType());
        }
        if (request.iterations() < 2) {
            throw new IllegalArgumentException("Commons Math's fit runs at least 2 iterations (maxIterations >= 1 "
                    + "plus one), not " + request.iterations());
        }
        em = new MultivariateNormalMixtureExpectationMaximization(request.rows());
        Mixture s = request.start();
        start = new MixtureMultivariateNormalDistribution(s.weights(), s.means(), s.covariances());
        iterations = request.iterations();
    }

    @Override
    public Mixture fit() {
        try {
            em.fit(start, iterations - 1, Double.MIN_VALUE);
        } catch (ConvergenceException expected) {
            // The fixed-length run always ends "unconverged" (see the class comment).
        }
        return toMixture(em.getFittedModel());
    }

    static Mixture toMixture(MixtureMultivariateNormalDistribution m) {
        List<Pair<Double, MultivariateNormalDistribution>> parts = m.getComponents();
        int k = parts.size();
        double[] weights = new double[k];
        List<double[]> means = new ArrayList<>();
        double[][][] cov = new double[k][][];
        for (int c = 0; c < k; c++) {
            weights[c] = parts.get(c).getFirst();
            means.add(parts.get(c).getSecond().getMeans());
            cov[c] = parts.get(c).getSecond().getCovariances().getData();
        }
        return new Mixture(weights, means.toArray(new double[0][]), cov);
    }
}
