package org.gmmharness.em;

/**
 * The parameters of a mixture, in the fit's centred coordinates.
 *
 * <p>Per-component blocks are flattened row-major: for {@link CovarianceType#FULL} block k of
 * {@code covariances} and {@code precisionsCholesky} is the D×D matrix of component k; for
 * {@link CovarianceType#TIED} there is one D×D block; for {@link CovarianceType#DIAG} block k holds D
 * values; for {@link CovarianceType#SPHERICAL} one value.
 *
 * <p>During a fit one instance is the working buffer that every M-step overwrites, so that the EM
 * loop allocates nothing per iteration; whatever leaves the loop (the best run, a model) is a
 * {@link #copy()} that is never written again.
 */
final class Parameters {

    final CovarianceType type;
    final int k;
    final int d;
    /** K mixing weights. */
    final double[] weights;
    /** K×D means, relative to the fit's centre. */
    final double[][] means;
    /** Covariance blocks; meaningful only when {@link #hasCovariances}. */
    final double[][] covariances;
    /**
     * False when the fit started from user precisions and has run no M-step yet: scikit-learn has
     * no covariances then, and they are derived from the precisions on request.
     */
    boolean hasCovariances;
    /** Blocks of the precision Cholesky factors U with U·Uᵀ = Σ⁻¹ (scikit-learn's precisions_cholesky_). */
    final double[][] precisionsCholesky;
    /**
     * log det U_k for each component (for tied, the shared value repeated), written by
     * {@link #setLogDet} whenever a precision factor is.
     */
    final double[] logDetPrecisionCholesky;

    /** Zero-filled buffers for K components of D features. */
    Parameters(CovarianceType type, int k, int d) {
        this.type = type;
        this.k = k;
        this.d = d;
        this.weights = new double[k];
        this.means = new double[k][d];
        this.covariances = new double[blocks(type, k)][blockSize(type, d)];
        this.precisionsCholesky = new double[blocks(type, k)][blockSize(type, d)];
        this.logDetPrecisionCholesky = new double[k];
    }

    /** Wraps the given arrays (not copied); {@code covariances} may be null. */
    Parameters(CovarianceType type, double[] weights, double[][] means, double[][] covariances,
               double[][] precisionsCholesky) {
        this.type = type;
        this.k = weights.length;
        this.d = means[0].length;
        this.weights = weights;
        this.means = means;
        this.hasCovariances = covariances != null;
        this.covariances = covariances != null ? covariances
                : new double[blocks(type, k)][blockSize(type, d)];
        this.precisionsCholesky = precisionsCholesky;
        this.logDetPrecisionCholesky = new double[k];
        for (int b = 0; b < precisionsCholesky.length; b++) {
            setLogDet(b, PrecisionCholesky.logDet(type, d, precisionsCholesky[b]));
        }
    }

    /** Number of covariance blocks: one for tied, K otherwise. */
    static int blocks(CovarianceType type, int k) {
        return type == CovarianceType.TIED ? 1 : k;
    }

    /** Values per covariance block: D² for full and tied, D for diagonal, 1 for spherical. */
    static int blockSize(CovarianceType type, int d) {
        return switch (type) {
            case FULL, TIED -> d * d;
            case DIAG -> d;
            case SPHERICAL -> 1;
        };
    }

    /** @return an independent copy */
    Parameters copy() {
        Parameters p = new Parameters(type, k, d);
        p.copyFrom(this);
        return p;
    }

    /** Overwrites this buffer with {@code other}'s values (same type and sizes). */
    void copyFrom(Parameters other) {
        System.arraycopy(other.weights, 0, weights, 0, k);
        for (int c = 0; c < k; c++) {
            System.arraycopy(other.means[c], 0, means[c], 0, d);
        }
        for (int b = 0; b < covariances.length; b++) {
            System.arraycopy(other.covariances[b], 0, covariances[b], 0, covariances[b].length);
            System.arraycopy(other.precisionsCholesky[b], 0, precisionsCholesky[b], 0, precisionsCholesky[b].length);
        }
        System.arraycopy(other.logDetPrecisionCholesky, 0, logDetPrecisionCholesky, 0, k);
        hasCovariances = other.hasCovariances;
    }

    /** @return the index of component c's covariance and precision block: 0 for tied, c otherwise */
    int block(int c) {
        return type == CovarianceType.TIED ? 0 : c;
    }

    /**
     * Sets the log-determinant of block b (component b), and for tied every component's, since they share the
     * block: the value {@link PrecisionCholesky} computes beside each factor.
     */
    void setLogDet(int b, double logDet) {
        if (type == CovarianceType.TIED) {
            java.util.Arrays.fill(logDetPrecisionCholesky, logDet);
        } else {
            logDetPrecisionCholesky[b] = logDet;
        }
    }
}
