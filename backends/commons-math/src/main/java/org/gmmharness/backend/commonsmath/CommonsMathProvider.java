package org.gmmharness.backend.commonsmath;

import org.gmmharness.linalg.AbstractLinearAlgebraProvider;
import org.gmmharness.linalg.LinearAlgebra;

/**
 * Registers {@link CommonsMathLinearAlgebra} with {@link java.util.ServiceLoader} under the name
 * {@code "commons-math"}, with priority {@value #PRIORITY}.
 *
 * <p>Light, as the SPI requires: no static initialisation and nothing done on construction. Commons
 * Math is pure Java, so it is available exactly when its classes can be loaded; {@link #isAvailable()}
 * probes that by name (without initialising anything) and never throws.
 */
public final class CommonsMathProvider extends AbstractLinearAlgebraProvider {

    /**
     * Priority of this backend: pure Java and single-threaded, with blocked but not vectorised
     * products, so below EJML (10); chosen by default only when it is the only backend.
     */
    static final int PRIORITY = 5;

    /** Creates the provider; does nothing else, as ServiceLoader may instantiate it eagerly. */
    public CommonsMathProvider() {
        super("commons-math", PRIORITY);
    }

    /** @return an empty string when Commons Math's classes load, otherwise the class that failed and why */
    @Override
    protected String probe() {
        return loadClasses(CommonsMathProvider.class.getClassLoader(), "org.apache.commons:commons-math3",
                "org.apache.commons.math3.linear.RealMatrix",
                "org.apache.commons.math3.linear.BlockRealMatrix",
                "org.apache.commons.math3.linear.CholeskyDecomposition",
                "org.apache.commons.math3.linear.MatrixUtils");
    }

    /** @return a new {@link CommonsMathLinearAlgebra} */
    @Override
    protected LinearAlgebra<?> newBackend() {
        return new CommonsMathLinearAlgebra();
    }
}
