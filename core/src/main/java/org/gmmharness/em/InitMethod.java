package org.gmmharness.em;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the initial responsibilities are drawn, as scikit-learn's {@code init_params}. */
public enum InitMethod {
    /** One k-means run (k-means++ seeding, then Lloyd iterations); hard labels. */
    KMEANS("kmeans"),
    /** k-means++ seeding only: each seed point gets its own component. */
    KMEANS_PLUS_PLUS("k-means++"),
    /** Uniform random responsibilities, normalised per row. */
    RANDOM("random"),
    /** K distinct data points chosen at random, one per component. */
    RANDOM_FROM_DATA("random_from_data");

    private final String id;

    InitMethod(String id) {
        this.id = id;
    }

    /** @return scikit-learn's name for this method */
    public String id() {
        return id;
    }

    /**
     * @param id a name such as {@code "kmeans"}, case-insensitive
     * @throws IllegalArgumentException naming the accepted values
     */
    public static InitMethod parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (InitMethod m : values()) {
            if (m.id.equals(wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown init method '" + id + "': use one of "
                + Arrays.stream(values()).map(InitMethod::id).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return id;
    }
}
