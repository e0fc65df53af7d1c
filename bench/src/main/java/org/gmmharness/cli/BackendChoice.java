package org.gmmharness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;

/** Turns the value of {@code --backend} into backends: a name, {@code all}, or none for the default. */
final class BackendChoice {

    /** The value of {@code --backend} that selects every available backend. */
    static final String ALL = "all";

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
