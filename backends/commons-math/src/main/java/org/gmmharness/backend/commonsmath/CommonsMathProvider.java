package org.gmmharness.backend.commonsmath;

import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.LinearAlgebraProvider;

/**
 * Registers {@link CommonsMathLinearAlgebra} with {@link java.util.ServiceLoader} under the name
 * {@code "commons-math"}.
 *
 * <p>Light, as the SPI requires: no static initialisation and nothing done on construction. Commons
 * Math is pure Java, so it is available exactly when its classes can be loaded; {@link #isAvailable()}
 * probes that by name (without initialising anything) and never throws.
 */
public final class CommonsMathProvider implements LinearAlgebraProvider {

    /**
     * Priority of this backend: pure Java and single-threaded, with blocked but not vectorised
     * products, so below EJML (10); chosen by default only when it is the only backend.
     */
    static final int PRIORITY = 5;

    /** Creates the provider; does nothing else, as ServiceLoader may instantiate it eagerly. */
    public CommonsMathProvider() {
    }

    /** @return {@code "commons-math"} */
    @Override
    public String name() {
        return "commons-math";
    }

    /** @return 5 */
    @Override
    public int priority() {
        return PRIORITY;
    }

    /** @return whether Commons Math's classes load; never throws */
    @Override
    public boolean isAvailable() {
        return probe().isEmpty();
    }

    /** @return an empty string when Commons Math loads, otherwise the class that failed and why */
    @Override
    public String unavailableReason() {
        return probe();
    }

    /**
     * @return a new {@link CommonsMathLinearAlgebra}
     * @throws IllegalStateException if Commons Math's classes cannot be loaded, with the reason
     */
    @Override
    public LinearAlgebra<?> create() {
        String reason = probe();
        if (!reason.isEmpty()) {
            throw new IllegalStateException("Backend 'commons-math' is not available: " + reason);
        }
        return new CommonsMathLinearAlgebra();
    }

    /**
     * Loads (without initialising) each class the backend needs. The names are strings so that
     * probing cannot itself fail to link; the list is local so that the class has no static
     * initialiser. Not cached: the JVM caches loaded classes already.
     */
    private static String probe() {
        String[] required = {
            "org.apache.commons.math3.linear.RealMatrix",
            "org.apache.commons.math3.linear.BlockRealMatrix",
            "org.apache.commons.math3.linear.CholeskyDecomposition",
            "org.apache.commons.math3.linear.MatrixUtils",
        };
        ClassLoader loader = CommonsMathProvider.class.getClassLoader();
        for (String name : required) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                return "cannot load " + name + " (" + e
                        + "); put org.apache.commons:commons-math3 on the class path";
            }
        }
        return "";
    }
}
