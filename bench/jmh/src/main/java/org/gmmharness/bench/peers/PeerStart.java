package org.gmmharness.bench.peers;

import org.gmmharness.workload.Workload;
import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.peers.protocol.Mixture;

/**
 * The one start every implementation in the peers comparison begins from: the project's k-means
 * initialisation (random state 0) followed by the initialising M-step, as scikit-learn's
 * {@code init_params="kmeans"} does, read off a fit with {@code max_iter = 0}. Its covariances
 * include reg_covar (1e-6 on the diagonal), as scikit-learn's initial covariances do.
 */
public final class PeerStart {

    private PeerStart() {
    }

    /**
     * @param x row-major N×D samples of {@code w}
     * @return the start, covariances as full matrices (diagonal ones with zeros off the diagonal)
     */
    public static Mixture of(LinearAlgebra<?> la, Workload w, double[] x) {
        GaussianMixtureModel m = GaussianMixture.builder(w.k()).covarianceType(w.covarianceType()).randomState(0)
                .maxIter(0).build().fit(la, x, w.n(), w.d());
        return PeerAccuracy.toMixture(m);
    }

    /** @return whether the peers comparison can start a workload of this covariance type */
    static boolean supported(CovarianceType type) {
        return type == CovarianceType.FULL || type == CovarianceType.DIAG;
    }
}
