package org.gmmharness.em;

import java.util.ArrayList;
import java.util.Collection;

import org.gmmharness.kmeans.KMeans;
import org.gmmharness.kmeans.KMeansPlusPlus;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.random.NumpySummation;
import org.gmmharness.random.RandomState;

/**
 * Initialisation, all of it: the checks of the user's inits (scikit-learn's
 * {@code _check_parameters}), the initial responsibilities of each {@link InitMethod}
 * ({@code _initialize_parameters}) and the initial parameters made from them
 * ({@code _initialize}).
 *
 * <p>The responsibilities: each method consumes the shared {@link RandomState} exactly as
 * scikit-learn does, so {@code random} and {@code random_from_data} give the same responsibilities
 * bit for bit from the same seed, and so does {@code k-means++} wherever no two candidate
 * potentials tie to rounding. The parameters: one M-step on the responsibilities with weights
 * nk / N, then the user's weights, means and precisions where given.
 *
 * <p>An instance belongs to one fit: it holds the checked user inits and adds initialisation
 * warnings to the fit's.
 */
public final class Initialization {

    private final GaussianMixture settings;
    /**
     * The fit's row-major N×D data, only read: as given, as scikit-learn initialises on X, or
     * centred where that gives the same responsibilities (see {@link #centredOn}).
     */
    private final double[] x;
    /**
     * Null when {@link #x} is the caller's data as given; otherwise x holds them centred on this,
     * their column means, which only {@link #readsCentredData initialisations that allow it} see.
     */
    private final double[] centredOn;
    private final int n;
    private final int d;
    private final int k;
    /** The user's precisions in the layout of {@link Parameters}, checked; null if none. */
    private final double[][] precisions;
    private final Collection<String> warnings;

    /**
     * Checks the user's weights, means, precisions and initial responsibilities against a fit of
     * N×D data, in that order, so that the first wrong one is named.
     *
     * @param x        row-major N×D data, shape checked; read by {@link #initialize}, never written
     * @param warnings the fit's warnings, to which k-means's are added as initialisations run
     * @throws IllegalArgumentException naming the init that is wrong and how
     */
    Initialization(GaussianMixture settings, double[] x, int n, int d, Collection<String> warnings) {
        this(settings, x, n, d, null, warnings);
    }

    /**
     * As {@link #Initialization(GaussianMixture, double[], int, int, Collection)}, on data that
     * {@code x} will hold centred on {@code centredOn} (their column means) by the time
     * {@link #initialize} runs, or as given if that is null; only where
     * {@link #readsCentredData} allows it.
     */
    Initialization(GaussianMixture settings, double[] x, int n, int d, double[] centredOn,
                   Collection<String> warnings) {
        this.settings = settings;
        this.x = x;
        this.centredOn = centredOn;
        if (centredOn != null && !readsCentredData(settings, d)) {
            throw new IllegalArgumentException(settings.initMethod + " initialises on the data as given");
        }
        this.n = n;
        this.d = d;
        this.k = settings.nComponents;
        this.warnings = warnings;
        if (settings.weightsInit != null) {
            InputValidation.checkWeights(settings.weightsInit, k);
        }
        if (settings.meansInit != null) {
            InputValidation.checkMeans(settings.meansInit, k, d);
        }
        this.precisions = settings.precisionsInit != null ? settings.precisionsInit.checkedBlocks(k, d) : null;
        checkInitialResponsibilities();
    }

    /**
     * @return whether the settings' initialisation gives the same responsibilities bit for bit from
     *         the data centred on their column means: given responsibilities, {@code random} and
     *         {@code random_from_data} (which read no value of X) and {@code kmeans} for D &gt; 1
     *         (which centres X on those very means itself); not {@code k-means++}, whose distances
     *         are taken on X as given, nor {@code kmeans} for D = 1, whose mean is summed pairwise
     */
    static boolean readsCentredData(GaussianMixture settings, int d) {
        return settings.initialResponsibilities != null || switch (settings.initMethod) {
            case RANDOM, RANDOM_FROM_DATA -> true;
            case KMEANS -> d > 1;
            case KMEANS_PLUS_PLUS -> false;
        };
    }

    /**
     * Initialisation {@code run} of the fit, scikit-learn's {@code _initialize}: the initial
     * responsibilities (given, or drawn with the init method from {@code rng}), one M-step on them
     * with weights nk / N ({@link Maximization#estimateInitial}), then the user's weights, means
     * (shifted to the fit's centred coordinates) and precisions where given, and the precision
     * factors. With user precisions the initial M-step's covariances are neither used nor checked.
     *
     * @param run    0-based number of the initialisation, which picks given responsibilities
     * @param rng    the fit's generator; advanced by the init method
     * @param center the fit's centre, subtracted from the user's means
     * @param steps  the fit's steps; their parameters are overwritten
     * @throws IllDefinedCovarianceException if an initial covariance is not positive definite
     */
    <M> void initialize(int run, RandomState rng, double[] center, EmSteps<M> steps) {
        Parameters parameters = steps.parameters();
        steps.maximization().estimateInitial(initialResponsibilities(run, rng, steps), settings.regCovar,
                parameters);
        if (settings.weightsInit != null) {
            System.arraycopy(settings.weightsInit, 0, parameters.weights, 0, k);
        }
        if (settings.meansInit != null) {
            double[][] centredMeans = shift(settings.meansInit, center);
            for (int c = 0; c < k; c++) {
                System.arraycopy(centredMeans[c], 0, parameters.means[c], 0, d);
            }
        }
        if (precisions != null) {
            steps.precision().fromPrecisions(precisions, parameters);
        } else {
            steps.precision().fromCovariances(parameters);
        }
    }

    /**
     * The N×K initial responsibilities of initialisation {@code run} on the backend. k-means's
     * one-hot rows are written from the labels ({@link LinearAlgebra#setRows}) into the E-step's
     * matrix, which the first E-step overwrites after the initial M-step has read them: a fit from
     * k-means holds no N×K matrix but that one.
     */
    private <M> M initialResponsibilities(int run, RandomState rng, EmSteps<M> steps) {
        LinearAlgebra<M> la = steps.la();
        if (settings.initialResponsibilities != null) {
            return la.adoptRowMajor(n, k,
                    InputValidation.flatten(settings.initialResponsibilities.get(run), "initial responsibilities", 1));
        }
        if (settings.initMethod == InitMethod.KMEANS) {
            M resp = steps.responsibilitiesBuffer();
            la.setRows(oneHotRows(kmeansOnData(rng), k), resp);
            return resp;
        }
        return la.adoptRowMajor(n, k, responsibilities(settings.initMethod, x, n, d, k, rng, warnings));
    }

    /** The labels of one k-means run on the fit's data, as given or centred; its warnings added to the fit's. */
    private int[] kmeansOnData(RandomState rng) {
        return centredOn != null ? labels(KMeans.fitCentred(x, n, d, centredOn, k, rng), warnings)
                : kmeans(x, n, d, k, rng, warnings);
    }

    private void checkInitialResponsibilities() {
        if (settings.initialResponsibilities == null) {
            return;
        }
        for (double[][] r : settings.initialResponsibilities) {
            InputValidation.require(r.length == n, "initial responsibilities have " + r.length
                    + " rows but X has " + n + ": give one row per sample.");
            InputValidation.checkData(r, "initial responsibilities", 1);
            InputValidation.require(r[0].length == k, "initial responsibilities have " + r[0].length
                    + " columns but there are " + k + " components: give one column per component.");
        }
    }

    /** @return a − center, row by row */
    private static double[][] shift(double[][] a, double[] center) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[center.length];
            for (int j = 0; j < center.length; j++) {
                out[i][j] = a[i][j] - center[j];
            }
        }
        return out;
    }

    /**
     * @param x   N×D data in the caller's coordinates (scikit-learn initialises on X as given)
     * @param k   number of components
     * @param rng the fit's generator; advanced
     * @return N×K responsibilities
     */
    public static double[][] responsibilities(InitMethod method, double[][] x, int k, RandomState rng) {
        return responsibilities(method, x, k, rng, new ArrayList<>());
    }

    /**
     * As {@link #responsibilities(InitMethod, double[][], int, RandomState)}, adding the texts of
     * the warnings scikit-learn raises while initialising (k-means's distinct-clusters warning) to
     * {@code warnings}.
     */
    static double[][] responsibilities(InitMethod method, double[][] x, int k, RandomState rng,
                                       Collection<String> warnings) {
        int n = x.length;
        double[] flat = responsibilities(method, InputValidation.flatten(x, "X", 1), n, x[0].length, k, rng, warnings);
        double[][] resp = new double[n][];
        for (int i = 0; i < n; i++) {
            resp[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
        return resp;
    }

    /**
     * As {@link #responsibilities(InitMethod, double[][], int, RandomState, Collection)}, on the
     * caller's row-major N×D data (length n·d), which is only read.
     *
     * @return N×K responsibilities row-major: row i is {@code [i·K, (i+1)·K)}
     */
    static double[] responsibilities(InitMethod method, double[] x, int n, int d, int k, RandomState rng,
                                     Collection<String> warnings) {
        return switch (method) {
            case KMEANS -> kmeansLabels(x, n, d, k, rng, warnings);
            case KMEANS_PLUS_PLUS -> oneHot(n, k, KMeansPlusPlus.seedIndices(x, n, d, k, rng));
            case RANDOM -> normalisedRows(rng.uniform(0.0, 1.0, n, k), k);
            case RANDOM_FROM_DATA -> oneHot(n, k, rng.choiceWithoutReplacement(n, k));
        };
    }

    /** The labels of one k-means run; its warnings added to {@code warnings}. */
    private static int[] kmeans(double[] x, int n, int d, int k, RandomState rng, Collection<String> warnings) {
        return labels(KMeans.fit(x, n, d, k, rng), warnings);
    }

    /** The run's labels, its warnings added to {@code warnings}. */
    private static int[] labels(KMeans.Result run, Collection<String> warnings) {
        warnings.addAll(run.warnings());
        return run.labels();
    }

    /** One-hot rows of the labels of one k-means run; its warnings added to {@code warnings}. */
    private static double[] kmeansLabels(double[] x, int n, int d, int k, RandomState rng,
                                         Collection<String> warnings) {
        double[] resp = new double[Math.multiplyExact(n, k)];
        oneHotRows(kmeans(x, n, d, k, rng, warnings), k).write(0, n, resp);
        return resp;
    }

    /** Rows of K values, 1 at each sample's label and 0 elsewhere. */
    private static LinearAlgebra.RowSource oneHotRows(int[] labels, int k) {
        return (from, count, block) -> {
            java.util.Arrays.fill(block, 0, count * k, 0.0);
            for (int i = 0; i < count; i++) {
                block[i * k + labels[from + i]] = 1.0;
            }
        };
    }

    /** Each row divided by its sum, numpy's pairwise sum, as scikit-learn's {@code resp /= resp.sum(axis=1)}. */
    private static double[] normalisedRows(double[][] rows, int k) {
        double[] resp = new double[Math.multiplyExact(rows.length, k)];
        for (int i = 0; i < rows.length; i++) {
            double s = NumpySummation.sum(rows[i]);
            for (int c = 0; c < k; c++) {
                resp[i * k + c] = rows[i][c] / s;
            }
        }
        return resp;
    }

    /** resp[indices[c]][c] = 1: component c starts on the single sample indices[c]. */
    private static double[] oneHot(int n, int k, int[] indices) {
        double[] resp = new double[Math.multiplyExact(n, k)];
        for (int c = 0; c < k; c++) {
            resp[indices[c] * k + c] = 1.0;
        }
        return resp;
    }
}
