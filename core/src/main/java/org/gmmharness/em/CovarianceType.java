package org.gmmharness.em;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The form of each component's covariance, as scikit-learn's {@code covariance_type}. */
public enum CovarianceType {
    /** Each component has its own general covariance matrix (D×D). */
    FULL("full"),
    /** All components share one general covariance matrix (D×D). */
    TIED("tied"),
    /** Each component has its own diagonal covariance (D variances). */
    DIAG("diag"),
    /** Each component has its own single variance. */
    SPHERICAL("spherical");

    private final String id;

    CovarianceType(String id) {
        this.id = id;
    }

    /** @return scikit-learn's name for this type */
    public String id() {
        return id;
    }

    /**
     * Number of free covariance parameters, as scikit-learn's {@code _n_parameters}.
     *
     * @param k number of components
     * @param d number of features
     */
    public long covarianceParameters(int k, int d) {
        long tri = (long) d * (d + 1) / 2;
        return switch (this) {
            case FULL -> k * tri;
            case TIED -> tri;
            case DIAG -> (long) k * d;
            case SPHERICAL -> k;
        };
    }

    /**
     * Whether each covariance block is a D×D matrix (full, tied), factored by Cholesky, rather than
     * variances (diagonal, spherical), inverted one by one.
     */
    boolean isMatrix() {
        return switch (this) {
            case FULL, TIED -> true;
            case DIAG, SPHERICAL -> false;
        };
    }

    /**
     * @param id a name such as {@code "full"}, case-insensitive
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CovarianceType parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (CovarianceType t : values()) {
            if (t.id.equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown covariance type '" + id + "': use one of "
                + Arrays.stream(values()).map(CovarianceType::id).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return id;
    }
}
