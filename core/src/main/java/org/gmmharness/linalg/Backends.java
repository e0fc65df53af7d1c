package org.gmmharness.linalg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the registered {@link LinearAlgebraProvider}s and creates backends by name. */
public final class Backends {

    private Backends() {
    }

    /** @return every registered provider, available or not, highest priority first */
    public static List<LinearAlgebraProvider> providers() {
        List<LinearAlgebraProvider> all = new ArrayList<>();
        ServiceLoader.load(LinearAlgebraProvider.class).forEach(all::add);
        all.sort(Comparator.comparingInt(LinearAlgebraProvider::priority).reversed()
                .thenComparing(LinearAlgebraProvider::name));
        return all;
    }

    /** @return the names of the providers that are available on this machine, best first */
    public static List<String> availableNames() {
        return providers().stream().filter(LinearAlgebraProvider::isAvailable)
                .map(LinearAlgebraProvider::name).collect(Collectors.toList());
    }

    /**
     * @param name a backend name, case-insensitive
     * @return a new instance of that backend
     * @throws IllegalArgumentException if no backend has that name, or it is unavailable; the
     *                                  message lists the available backends and, for an
     *                                  unavailable one, why
     */
    public static LinearAlgebra<?> create(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (LinearAlgebraProvider p : providers()) {
            if (p.name().equals(wanted)) {
                if (!p.isAvailable()) {
                    throw new IllegalArgumentException("Backend '" + wanted + "' is not available: "
                            + p.unavailableReason() + ". Available backends: " + describeAvailable() + ".");
                }
                return p.create();
            }
        }
        throw new IllegalArgumentException("Unknown backend '" + name + "'. Available backends: "
                + describeAvailable() + ".");
    }

    /**
     * @return the highest-priority available backend
     * @throws IllegalStateException if none is available, naming every provider's reason
     */
    public static LinearAlgebra<?> createDefault() {
        for (LinearAlgebraProvider p : providers()) {
            if (p.isAvailable()) {
                return p.create();
            }
        }
        throw new IllegalStateException("No linear-algebra backend is available. Registered: "
                + providers().stream().map(p -> p.name() + " (" + p.unavailableReason() + ")")
                        .collect(Collectors.joining(", "))
                + ". Put a backend module (for example gmm-harness-backend-ejml) on the class path.");
    }

    private static String describeAvailable() {
        List<String> names = availableNames();
        return names.isEmpty() ? "none (put a backend module on the class path)" : String.join(", ", names);
    }
}
