package org.gmmharness.backend.ejml;

import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.LinearAlgebraProvider;

/**
 * Registers {@link EjmlLinearAlgebra} with {@link java.util.ServiceLoader} under the name
 * {@code "ejml"}.
 *
 * <p>Light, as the SPI requires: no static initialisation and nothing done on construction. EJML
 * is pure Java, so it is available exactly when its classes can be loaded; {@link #isAvailable()}
 * probes that by name (without initialising anything) and never throws.
 */
public final class EjmlProvider implements LinearAlgebraProvider {

    /** Priority of this backend: pure Java, fast on the small dense products of EM. */
    static final int PRIORITY = 10;

    /** Creates the provider; does nothing else, as ServiceLoader may instantiate it eagerly. */
    public EjmlProvider() {
    }

    /** @return {@code "ejml"} */
    @Override
    public String name() {
        return "ejml";
    }

    /** @return 10 */
    @Override
    public int priority() {
        return PRIORITY;
    }

    /** @return whether EJML's classes load; never throws */
    @Override
    public boolean isAvailable() {
        return probe().isEmpty();
    }

    /** @return an empty string when EJML loads, otherwise the class that failed and why */
    @Override
    public String unavailableReason() {
        return probe();
    }

    /**
     * @return a new {@link EjmlLinearAlgebra} with concurrent products enabled
     * @throws IllegalStateException if EJML's classes cannot be loaded, with the reason
     */
    @Override
    public LinearAlgebra<?> create() {
        String reason = probe();
        if (!reason.isEmpty()) {
            throw new IllegalStateException("Backend 'ejml' is not available: " + reason);
        }
        return new EjmlLinearAlgebra();
    }

    /**
     * Loads (without initialising) each class the backend needs. The names are strings so that
     * probing cannot itself fail to link; the list is local so that the class has no static
     * initialiser. Not cached: the JVM caches loaded classes already.
     */
    private static String probe() {
        String[] required = {
            "org.ejml.data.DMatrixRMaj",
            "org.ejml.dense.row.CommonOps_DDRM",
            "org.ejml.dense.row.CommonOps_MT_DDRM",
            "org.ejml.dense.row.factory.DecompositionFactory_DDRM",
        };
        ClassLoader loader = EjmlProvider.class.getClassLoader();
        for (String name : required) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                return "cannot load " + name + " (" + e + "); put org.ejml:ejml-ddense on the class path";
            }
        }
        return "";
    }
}
