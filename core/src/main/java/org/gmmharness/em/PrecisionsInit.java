package org.gmmharness.em;

/**
 * The user's initial precisions, scikit-learn's {@code precisions_init}, one record per covariance
 * type in that type's shape. The builder takes them before it knows the covariance type, so a
 * record may hold nothing (null) when the precisions were given in another type's shape: the fit
 * then fails with the shape it expected, as scikit-learn's {@code _check_precisions} does, once
 * the number of features is known.
 */
sealed interface PrecisionsInit {

    /**
     * The precisions in the layout of {@link Parameters} (one D·D row-major block per component
     * for full, one D·D block for tied, K blocks of D for diagonal, K blocks of 1 for spherical),
     * after checking their shape and values.
     *
     * @param k number of components
     * @param d number of features
     * @return new blocks, not sharing the record's arrays
     * @throws IllegalArgumentException naming the shape expected, or what is wrong with a value
     */
    default double[][] checkedBlocks(int k, int d) {
        double[][] blocks = blocks(k, d);
        InputValidation.require(blocks != null, "precisions_init for covariance type '" + type()
                + "' must have shape " + expectedShape(k, d)
                + ": give it in scikit-learn's shape for that type.");
        InputValidation.checkPrecisions(blocks, type(), k, d);
        return blocks;
    }

    /** @return the covariance type whose precisions these are */
    CovarianceType type();

    /** @return scikit-learn's shape for this type, as numpy prints it */
    String expectedShape(int k, int d);

    /** @return the blocks as in {@link #checkedBlocks}, or null when the shape does not fit */
    double[][] blocks(int k, int d);

    /**
     * The precisions given for a fit of {@code type}: the array of that type's shape, or a record
     * holding nothing when another shape was given; null when none was given.
     *
     * @param matrices K×D×D precisions as given (full), or null
     * @param matrix   D×D (tied) or K×D (diagonal) precisions as given, or null
     * @param values   K precisions as given (spherical), or null
     */
    static PrecisionsInit of(CovarianceType type, double[][][] matrices, double[][] matrix, double[] values) {
        if (matrices == null && matrix == null && values == null) {
            return null;
        }
        return switch (type) {
            case FULL -> new Full(matrices);
            case TIED -> new Tied(matrix);
            case DIAG -> new Diag(matrix);
            case SPHERICAL -> new Spherical(values);
        };
    }

    /** K symmetric positive-definite D×D precision matrices; null if given in another shape. */
    record Full(double[][][] precisions) implements PrecisionsInit {
        @Override
        public CovarianceType type() {
            return CovarianceType.FULL;
        }

        @Override
        public String expectedShape(int k, int d) {
            return "(" + k + ", " + d + ", " + d + ")";
        }

        @Override
        public double[][] blocks(int k, int d) {
            if (precisions == null || precisions.length != k) {
                return null;
            }
            double[][] blocks = new double[k][];
            for (int c = 0; c < k; c++) {
                blocks[c] = flattenSquare(precisions[c], d);
                if (blocks[c] == null) {
                    return null;
                }
            }
            return blocks;
        }
    }

    /**
     * One symmetric positive-definite D×D precision matrix shared by all components; null if given
     * in another shape.
     */
    record Tied(double[][] precision) implements PrecisionsInit {
        @Override
        public CovarianceType type() {
            return CovarianceType.TIED;
        }

        @Override
        public String expectedShape(int k, int d) {
            return "(" + d + ", " + d + ")";
        }

        @Override
        public double[][] blocks(int k, int d) {
            double[] flat = precision == null ? null : flattenSquare(precision, d);
            return flat == null ? null : new double[][] {flat};
        }
    }

    /** K×D positive precisions, one row per component; null if given in another shape. */
    record Diag(double[][] precisions) implements PrecisionsInit {
        @Override
        public CovarianceType type() {
            return CovarianceType.DIAG;
        }

        @Override
        public String expectedShape(int k, int d) {
            return "(" + k + ", " + d + ")";
        }

        @Override
        public double[][] blocks(int k, int d) {
            if (precisions == null || precisions.length != k || !rowsOfLength(precisions, d)) {
                return null;
            }
            return GaussianMixture.deepCopy(precisions);
        }
    }

    /** K positive precisions, one per component; null if given in another shape. */
    record Spherical(double[] precisions) implements PrecisionsInit {
        @Override
        public CovarianceType type() {
            return CovarianceType.SPHERICAL;
        }

        @Override
        public String expectedShape(int k, int d) {
            return "(" + k + ",)";
        }

        @Override
        public double[][] blocks(int k, int d) {
            if (precisions == null || precisions.length != k) {
                return null;
            }
            double[][] blocks = new double[k][];
            for (int c = 0; c < k; c++) {
                blocks[c] = new double[] {precisions[c]};
            }
            return blocks;
        }
    }

    /** @return the d×d matrix row-major, or null if it is not d×d */
    private static double[] flattenSquare(double[][] m, int d) {
        if (m == null || m.length != d || !rowsOfLength(m, d)) {
            return null;
        }
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(m[i], 0, out, i * d, d);
        }
        return out;
    }

    private static boolean rowsOfLength(double[][] m, int d) {
        for (double[] row : m) {
            if (row == null || row.length != d) {
                return false;
            }
        }
        return true;
    }
}
