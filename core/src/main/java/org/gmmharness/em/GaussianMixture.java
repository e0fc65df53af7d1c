package org.gmmharness.em;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.gmmharness.linalg.LinearAlgebra;

/**
 * The settings of a Gaussian mixture fit, with scikit-learn's {@code GaussianMixture} parameters
 * and defaults, and the methods that fit it. Immutable; build one with {@link #builder(int)}.
 *
 * <pre>{@code
 * GaussianMixtureModel model = GaussianMixture.builder(3)
 *         .covarianceType(CovarianceType.FULL)
 *         .randomState(42)
 *         .build()
 *         .fit(Backends.create("ejml"), x);
 * }</pre>
 */
public final class GaussianMixture {

    /** scikit-learn's default convergence threshold on the change of the lower bound. */
    public static final double DEFAULT_TOL = 1e-3;
    /** scikit-learn's default non-negative regularisation added to covariance diagonals. */
    public static final double DEFAULT_REG_COVAR = 1e-6;
    /** scikit-learn's default number of EM iterations. */
    public static final int DEFAULT_MAX_ITER = 100;

    final int nComponents;
    final CovarianceType covarianceType;
    final double tol;
    final double regCovar;
    final int maxIter;
    final int nInit;
    final InitMethod initMethod;
    final double[] weightsInit;
    final double[][] meansInit;
    /** The user's initial precisions in the covariance type's shape, or null. */
    final PrecisionsInit precisionsInit;
    final long randomState;
    final List<double[][]> initialResponsibilities;

    private GaussianMixture(Builder b) {
        this.nComponents = b.nComponents;
        this.covarianceType = b.covarianceType;
        this.tol = b.tol;
        this.regCovar = b.regCovar;
        this.maxIter = b.maxIter;
        this.nInit = b.nInit;
        this.initMethod = b.initMethod;
        this.weightsInit = b.weightsInit == null ? null : b.weightsInit.clone();
        this.meansInit = deepCopy(b.meansInit);
        this.precisionsInit = PrecisionsInit.of(covarianceType, b.precisionMatrices, b.precisionMatrix,
                b.precisionValues);
        this.randomState = b.randomState != null ? b.randomState : new SecureRandom().nextInt() & 0xFFFFFFFFL;
        this.initialResponsibilities = b.initialResponsibilities == null ? null
                : List.copyOf(b.initialResponsibilities);
        InputValidation.checkSettings(nComponents, tol, regCovar, maxIter, nInit);
        InputValidation.require(randomState >= 0 && randomState <= 0xFFFFFFFFL, "random_state must be a seed in "
                + "[0, 2^32 - 1], got " + randomState + ": numpy's RandomState accepts no other.");
        InputValidation.require(initialResponsibilities == null || initialResponsibilities.size() >= nInit,
                initialResponsibilities == null ? "" : "initialResponsibilities gives "
                        + initialResponsibilities.size() + " starts but n_init is " + nInit + ": give one per init.");
    }

    /** @param nComponents the number of mixture components K, at least 1 */
    public static Builder builder(int nComponents) {
        return new Builder(nComponents);
    }

    /** @return the number of components K */
    public int nComponents() {
        return nComponents;
    }

    /** @return the covariance type */
    public CovarianceType covarianceType() {
        return covarianceType;
    }

    /** @return the seed of numpy's {@code RandomState} used for initialisation */
    public long randomState() {
        return randomState;
    }

    /**
     * Fits the mixture to {@code x} by EM, as scikit-learn's {@code fit}: {@code n_init}
     * initialisations, each iterated until the lower bound changes by less than {@code tol} or
     * {@code max_iter} iterations have run, keeping the one with the largest lower bound (the
     * earliest on ties); then a final E-step gives the training labels.
     *
     * @param la the backend to run on
     * @param x  N×D data, N ≥ max(2, K), finite; not modified
     * @return the fitted model
     * @throws IllegalArgumentException      on bad input, saying what was wrong
     * @throws IllDefinedCovarianceException if a component's covariance collapses
     */
    public GaussianMixtureModel fit(LinearAlgebra<?> la, double[][] x) {
        return fit(la, InputValidation.flatten(x, "X", 2), x.length, x[0].length);
    }

    /**
     * As {@link #fit(LinearAlgebra, double[][])}, on row-major data: row i is
     * {@code x[i·d] … x[i·d + d − 1]}. The values are checked and centred in one pass into the one
     * copy that goes to the backend; {@code x} itself is read again only by the initialisation.
     *
     * @param x row-major N×D data, length n·d, finite; not modified, not retained
     * @param n number of samples N ≥ max(2, K)
     * @param d number of features D ≥ 1
     */
    public GaussianMixtureModel fit(LinearAlgebra<?> la, double[] x, int n, int d) {
        return new EmRunner<>(la, this, x, n, d, null).run();
    }

    /**
     * As {@link #fit(LinearAlgebra, double[], int, int)}, on data the caller hands over, for data
     * read only to be fitted (the command line's): the same model bit for bit, with the data held
     * once instead of twice. For full and tied covariances, when the initialisation does not read
     * the data as given (it does for {@code k-means++}, and for {@code kmeans} with one feature),
     * the values are checked and centred in x itself, which the backend then keeps as its storage
     * or copies; otherwise x is copied as {@code fit} copies it.
     *
     * @param x row-major N×D data, length n·d, finite; handed over: its contents afterwards are
     *          unspecified and the caller must neither read nor write it
     */
    public GaussianMixtureModel fitInPlace(LinearAlgebra<?> la, double[] x, int n, int d) {
        return new EmRunner<>(la, this, x, n, d, null, true).run();
    }

    /**
     * Continues a fit from {@code previous}, as scikit-learn's {@code warm_start=True}: one run,
     * starting from the previous parameters and lower bound, with no new initialisation.
     *
     * @param previous a model fitted with the same number of components, covariance type and features
     */
    public GaussianMixtureModel warmStart(LinearAlgebra<?> la, GaussianMixtureModel previous, double[][] x) {
        return warmStart(la, previous, InputValidation.flatten(x, "X", 2), x.length, x[0].length);
    }

    /**
     * As {@link #warmStart(LinearAlgebra, GaussianMixtureModel, double[][])}, on row-major data
     * (see {@link #fit(LinearAlgebra, double[], int, int)}).
     */
    public GaussianMixtureModel warmStart(LinearAlgebra<?> la, GaussianMixtureModel previous, double[] x, int n,
                                          int d) {
        InputValidation.require(previous.nComponents() == nComponents
                && previous.covarianceType() == covarianceType, "warm start needs a model with "
                + nComponents + " " + covarianceType + " components, got " + previous.nComponents() + " "
                + previous.covarianceType() + ": fit afresh or use matching settings.");
        return new EmRunner<>(la, this, x, n, d, previous).run();
    }

    static double[][] deepCopy(double[][] a) {
        if (a == null) {
            return null;
        }
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == null ? null : a[i].clone();
        }
        return out;
    }

    /** Builds a {@link GaussianMixture}; every setting starts at scikit-learn's default. */
    public static final class Builder {
        private final int nComponents;
        private CovarianceType covarianceType = CovarianceType.FULL;
        private double tol = DEFAULT_TOL;
        private double regCovar = DEFAULT_REG_COVAR;
        private int maxIter = DEFAULT_MAX_ITER;
        private int nInit = 1;
        private InitMethod initMethod = InitMethod.KMEANS;
        private double[] weightsInit;
        private double[][] meansInit;
        /*
         * The precisions as last given, in one of three shapes; which type's shape they must have
         * is known only at build(), so they are kept apart until then.
         */
        private double[][][] precisionMatrices;
        private double[][] precisionMatrix;
        private double[] precisionValues;
        private Long randomState;
        private List<double[][]> initialResponsibilities;

        private Builder(int nComponents) {
            this.nComponents = nComponents;
        }

        /** @param type the covariance type; default full */
        public Builder covarianceType(CovarianceType type) {
            this.covarianceType = type;
            return this;
        }

        /** @param tol convergence threshold on the lower bound's change, ≥ 0; default 1e-3 */
        public Builder tol(double tol) {
            this.tol = tol;
            return this;
        }

        /** @param regCovar added to covariance diagonals, ≥ 0; default 1e-6 */
        public Builder regCovar(double regCovar) {
            this.regCovar = regCovar;
            return this;
        }

        /** @param maxIter EM iterations per initialisation, ≥ 0; 0 returns the initial parameters */
        public Builder maxIter(int maxIter) {
            this.maxIter = maxIter;
            return this;
        }

        /** @param nInit number of initialisations, ≥ 1; the best lower bound is kept */
        public Builder nInit(int nInit) {
            this.nInit = nInit;
            return this;
        }

        /** @param method how initial responsibilities are drawn; default kmeans */
        public Builder initMethod(InitMethod method) {
            this.initMethod = method;
            return this;
        }

        /** @param weights K initial weights in [0, 1] summing to 1 (scikit-learn's weights_init) */
        public Builder weightsInit(double[] weights) {
            this.weightsInit = weights.clone();
            return this;
        }

        /** @param means K×D initial means (scikit-learn's means_init) */
        public Builder meansInit(double[][] means) {
            this.meansInit = deepCopy(means);
            return this;
        }

        /** @param precisions K×D×D symmetric positive-definite initial precisions, for full covariances */
        public Builder precisionsInit(double[][][] precisions) {
            double[][][] copy = new double[precisions.length][][];
            for (int c = 0; c < precisions.length; c++) {
                copy[c] = deepCopy(precisions[c]);
            }
            setPrecisions(copy, null, null);
            return this;
        }

        /**
         * @param precisions D×D symmetric positive-definite (tied) or K×D positive (diag) initial
         *                   precisions
         */
        public Builder precisionsInit(double[][] precisions) {
            setPrecisions(null, deepCopy(precisions), null);
            return this;
        }

        /** @param precisions K positive initial precisions, for spherical covariances */
        public Builder precisionsInit(double[] precisions) {
            setPrecisions(null, null, precisions.clone());
            return this;
        }

        /** The last precisions given replace any given before, whatever their shape. */
        private void setPrecisions(double[][][] matrices, double[][] matrix, double[] values) {
            this.precisionMatrices = matrices;
            this.precisionMatrix = matrix;
            this.precisionValues = values;
        }

        /**
         * @param seed seed of numpy's legacy {@code RandomState}, in [0, 2³²); unset, a random seed
         *             is drawn
         */
        public Builder randomState(long seed) {
            this.randomState = seed;
            return this;
        }

        /**
         * Starts initialisation i from the given N×K responsibilities instead of drawing them with
         * the init method: for reproducing a run whose k-means labels come from elsewhere.
         *
         * @param starts one N×K matrix per initialisation, at least n_init of them
         */
        public Builder initialResponsibilities(List<double[][]> starts) {
            List<double[][]> copy = new ArrayList<>();
            for (double[][] r : starts) {
                copy.add(deepCopy(r));
            }
            this.initialResponsibilities = copy;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException if a setting is out of range
         */
        public GaussianMixture build() {
            return new GaussianMixture(this);
        }
    }
}
