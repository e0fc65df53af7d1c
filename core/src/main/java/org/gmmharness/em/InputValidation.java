package org.gmmharness.em;

import java.util.Locale;

/**
 * scikit-learn's input checks, as {@link IllegalArgumentException}s whose messages say what was
 * wrong and what to do. Every check runs before any work, so a failure leaves nothing half-done.
 */
final class InputValidation {

    /** numpy's {@code allclose} tolerances, used where scikit-learn uses it. */
    private static final double ALLCLOSE_RTOL = 1e-5;
    private static final double ALLCLOSE_ATOL = 1e-8;

    private InputValidation() {
    }

    /**
     * Checks that {@code x} is a non-empty, rectangular matrix of finite values with at least
     * {@code minSamples} rows.
     *
     * @return the number of features
     */
    static int checkData(double[][] x, String name, int minSamples) {
        if (x == null || x.length == 0 || x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException(name + " is empty: give at least " + minSamples
                    + " samples (rows) with at least 1 feature (column).");
        }
        int d = x[0].length;
        if (x.length < minSamples) {
            throw new IllegalArgumentException("Found array with " + x.length + " sample(s) (shape=("
                    + x.length + ", " + d + ")) while a minimum of " + minSamples + " is required: give more samples.");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(name + " is not rectangular: row 0 has " + d + " values but row "
                        + i + " has " + (x[i] == null ? 0 : x[i].length) + ". Give every sample the same features.");
            }
            for (int j = 0; j < d; j++) {
                checkFinite(x[i][j], name, i, j);
            }
        }
        return d;
    }

    /**
     * Checks that {@code x} is non-empty and rectangular with at least {@code minSamples} rows,
     * and returns its rows one after another (row-major): the one copy the {@code double[][]}
     * conveniences make before delegating to the row-major methods, which check the values.
     */
    static double[] flatten(double[][] x, String name, int minSamples) {
        if (x == null || x.length == 0 || x[0] == null || x[0].length == 0) {
            checkShape(null, 0, 0, name, minSamples);
        }
        int d = x[0].length;
        checkShape(null, x.length, d, name, minSamples);
        double[] out = new double[Math.multiplyExact(x.length, d)];
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(name + " is not rectangular: row 0 has " + d + " values but row "
                        + i + " has " + (x[i] == null ? 0 : x[i].length) + ". Give every sample the same features.");
            }
            System.arraycopy(x[i], 0, out, i * d, d);
        }
        return out;
    }

    /**
     * Checks the shape of row-major data: N ≥ {@code minSamples} rows of D ≥ 1 values, and (when
     * {@code x} is not null) an array of exactly N·D values. The values themselves are checked
     * where they are centred ({@link #checkFinite}), in the same pass.
     */
    static void checkShape(double[] x, int n, int d, String name, int minSamples) {
        if (n <= 0 || d <= 0) {
            throw new IllegalArgumentException(name + " is empty: give at least " + minSamples
                    + " samples (rows) with at least 1 feature (column).");
        }
        if (n < minSamples) {
            throw new IllegalArgumentException("Found array with " + n + " sample(s) (shape=("
                    + n + ", " + d + ")) while a minimum of " + minSamples + " is required: give more samples.");
        }
        if (x != null && (long) n * d != x.length) {
            throw new IllegalArgumentException(name + " holds " + x.length + " values, but " + n + " rows of " + d
                    + " features need " + (long) n * d + ": give the values row after row (row-major).");
        }
    }

    /**
     * Throws, naming the position, if {@code v} (row i, column j of the data called {@code name})
     * is NaN or infinite.
     */
    static void checkFinite(double v, String name, int i, int j) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("Input " + name + " contains NaN at row " + i + ", column " + j
                    + ": remove or impute missing values first.");
        }
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException("Input " + name + " contains infinity at row " + i + ", column "
                    + j + " (" + v + "): remove the value or rescale the data.");
        }
    }

    static void checkFeatureCount(int got, int expected) {
        if (got != expected) {
            throw new IllegalArgumentException("X has " + got + " features, but the model is expecting " + expected
                    + " features as input: give the same columns the model was fitted on.");
        }
    }

    static void checkSettings(int nComponents, double tol, double regCovar, int maxIter, int nInit) {
        require(nComponents >= 1, "n_components must be at least 1, got " + nComponents + ".");
        require(tol >= 0.0, "tol must be non-negative, got " + tol + ".");
        require(regCovar >= 0.0, "reg_covar must be non-negative, got " + regCovar + ".");
        require(maxIter >= 0, "max_iter must be non-negative, got " + maxIter + ".");
        require(nInit >= 1, "n_init must be at least 1, got " + nInit + ".");
    }

    static void checkSampleCount(int n, int nComponents) {
        require(n >= nComponents, "Expected n_samples >= n_components but got n_components = " + nComponents
                + ", n_samples = " + n + ": decrease n_components or give more samples.");
    }

    /** scikit-learn's {@code _check_weights}. */
    static void checkWeights(double[] w, int k) {
        require(w.length == k, "weights_init has shape (" + w.length + ",) but (" + k
                + ",) was expected: give one weight per component.");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0.0;
        for (double v : w) {
            require(!Double.isNaN(v), "weights_init contains NaN: give finite weights in [0, 1] that sum to 1.");
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        require(min >= 0.0 && max <= 1.0, String.format(Locale.ROOT, "The parameter 'weights' should be in the range "
                + "[0, 1], but got min value %.5f, max value %.5f: give weights in [0, 1] that sum to 1.", min, max));
        require(Math.abs(1.0 - sum) <= ALLCLOSE_ATOL, String.format(Locale.ROOT,
                "The parameter 'weights' should be normalized, but got sum(weights) = %.5f: make them sum to 1.", sum));
    }

    /** scikit-learn's {@code _check_means}, plus finiteness. */
    static void checkMeans(double[][] means, int k, int d) {
        require(means.length == k && allRows(means, d), "means_init has shape " + shape(means) + " but (" + k + ", "
                + d + ") was expected: give one mean per component, with one value per feature.");
        for (double[] row : means) {
            for (double v : row) {
                require(Double.isFinite(v), "means_init contains a non-finite value (" + v + "): give finite means.");
            }
        }
    }

    /**
     * scikit-learn's {@code _check_precisions}: the shape for the covariance type, then symmetric
     * positive-definite matrices (full, tied) or positive values (diagonal, spherical).
     *
     * @param blocks precision blocks in the layout of {@link Parameters}
     */
    static void checkPrecisions(double[][] blocks, CovarianceType type, int k, int d) {
        String what = "'" + type.id() + " precision'";
        for (int c = 0; c < blocks.length; c++) {
            double[] p = blocks[c];
            for (double v : p) {
                require(Double.isFinite(v), what + " contains a non-finite value (" + v + "): give finite precisions.");
            }
            String which = type == CovarianceType.TIED ? "" : " (component " + c + ")";
            if (type.isMatrix()) {
                require(symmetric(p, d) && SmallMatrices.choleskyOrNull(p, d) != null, what
                        + " should be symmetric, positive-definite" + which
                        + ": give the inverse of a valid covariance matrix.");
            } else {
                for (double v : p) {
                    require(v > 0.0, what + " should be positive" + which + ", got " + v
                            + ": give the inverse of each variance.");
                }
            }
        }
    }

    private static boolean symmetric(double[] p, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double a = p[i * d + j];
                double b = p[j * d + i];
                if (Math.abs(a - b) > ALLCLOSE_ATOL + ALLCLOSE_RTOL * Math.abs(b)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean allRows(double[][] a, int d) {
        for (double[] row : a) {
            if (row == null || row.length != d) {
                return false;
            }
        }
        return true;
    }

    static String shape(double[][] a) {
        return "(" + a.length + ", " + (a.length == 0 || a[0] == null ? 0 : a[0].length) + ")";
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
