package org.gmmharness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;

/**
 * Turns the value of {@code --backend} into backends: a name, {@code all}, or none for the default,
 * which depends on the data's size ({@link Backends#createDefaultFor(long, int, int)}).
 */
final class BackendChoice {

    /** The value of {@code --backend} that selects every available backend. */
    static final String ALL = "all";

    /** {@link Backends#LARGE_FIT_MIN_WORK} as {@code --help} writes it (a constant, as annotations need). */
    static final String LARGE_FIT_MIN_WORK_TEXT = "1e10";

    /** The default as {@code --help} states it. */
    static final String DEFAULT_RULE = "by the data's size: " + Backends.LARGE_FIT_BACKEND + " when N*K*D^2 >= "
            + LARGE_FIT_MIN_WORK_TEXT + " (there its BLAS products repay its start-up of about a second), else "
            + Backends.SMALL_FIT_BACKEND + "; the highest-priority available backend if that one is missing";

    /**
     * @param name a backend name or {@code all}; null for the default by size
     * @param n    samples of the data to fit
     * @param d    its features
     * @param k    components (the largest, when several fits are made)
     * @return the backends, the first one the reference
     */
    static List<LinearAlgebra<?>> resolve(String name, long n, int d, int k) {
        return name == null ? List.of(Backends.createDefaultFor(n, d, k)) : resolve(name);
    }

    private BackendChoice() {
    }

    /**
     * @param name a backend name, {@code all}, or null for the fastest available backend
     * @return the backends, the first one the reference
     * @throws IllegalArgumentException for an unknown or unavailable backend, listing the available ones
     */
    static List<LinearAlgebra<?>> resolve(String name) {
        List<LinearAlgebra<?>> out = new ArrayList<>();
        if (name == null) {
            out.add(Backends.createDefault());
        } else if (name.trim().toLowerCase(Locale.ROOT).equals(ALL)) {
            for (String n : Backends.availableNames()) {
                out.add(Backends.create(n));
            }
            if (out.isEmpty()) {
                out.add(Backends.createDefault());
            }
        } else {
            out.add(Backends.create(name));
        }
        return out;
    }
}
