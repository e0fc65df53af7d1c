package org.gmmharness.backend.ejml;

import org.gmmharness.linalg.AbstractLinearAlgebraProvider;
import org.gmmharness.linalg.LinearAlgebra;

/**
 * Registers {@link EjmlLinearAlgebra} with {@link java.util.ServiceLoader} under the name
 * {@code "ejml"}, with priority {@value #PRIORITY}.
 *
 * <p>Light, as the SPI requires: no static initialisation and nothing done on construction. EJML
 * is pure Java, so it is available exactly when its classes can be loaded; {@link #isAvailable()}
 * probes that by name (without initialising anything) and never throws.
 */
public final class EjmlProvider extends AbstractLinearAlgebraProvider {

    /** Priority of this backend: pure Java, fast on the small dense products of EM. */
    static final int PRIORITY = 10;

    /** Creates the provider; does nothing else, as ServiceLoader may instantiate it eagerly. */
    public EjmlProvider() {
        super("ejml", PRIORITY);
    }

    /** @return an empty string when EJML's classes load, otherwise the class that failed and why */
    @Override
    protected String probe() {
        return loadClasses(EjmlProvider.class.getClassLoader(), "org.ejml:ejml-ddense",
                "org.ejml.data.DMatrixRMaj",
                "org.ejml.dense.row.CommonOps_DDRM",
                "org.ejml.dense.row.CommonOps_MT_DDRM",
                "org.ejml.dense.row.factory.DecompositionFactory_DDRM");
    }

    /** @return a new {@link EjmlLinearAlgebra} with concurrent products enabled */
    @Override
    protected LinearAlgebra<?> newBackend() {
        return new EjmlLinearAlgebra();
    }
}
