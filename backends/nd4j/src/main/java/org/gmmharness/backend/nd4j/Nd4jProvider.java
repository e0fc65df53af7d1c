package org.gmmharness.backend.nd4j;

import java.util.concurrent.Callable;

import org.gmmharness.linalg.AbstractLinearAlgebraProvider;
import org.gmmharness.linalg.LinearAlgebra;

/**
 * Registers {@link Nd4jLinearAlgebra} with {@link java.util.ServiceLoader} under the name
 * {@code "nd4j"}, with priority {@value #PRIORITY}.
 *
 * <p>Light, as the SPI requires: no static initialisation, nothing done on construction. The first
 * call to {@link #isAvailable()}, {@link #unavailableReason()} or {@link #create()} probes ND4J once
 * and caches the answer in this instance: it chooses the native build the CPU can run
 * ({@link NativeBuild}), loads ND4J's natives and runs one tiny double-precision product. Anything
 * thrown on the way, including {@link UnsatisfiedLinkError}, {@link ExceptionInInitializerError}
 * and {@link NoClassDefFoundError}, makes the backend unavailable with that error as the reason;
 * {@link #isAvailable()} itself never throws, so the other backends and the build go on working
 * on a machine where ND4J's natives cannot load.
 */
public final class Nd4jProvider extends AbstractLinearAlgebraProvider {

    /** Priority of this backend: native BLAS and SIMD, expected to be the fastest. */
    static final int PRIORITY = 20;

    /** Loads ND4J and checks it works; returns normally if so. Replaceable for tests. */
    private final Callable<?> loader;

    /** The probe's answer: null until probed, then "" when available or the reason it is not. */
    private String reason;

    /** Creates the provider; does nothing else, as ServiceLoader may instantiate it eagerly. */
    public Nd4jProvider() {
        this(Nd4jProvider::loadNd4j);
    }

    /** @param loader stands in for loading ND4J, to test how failures are reported */
    Nd4jProvider(Callable<?> loader) {
        super("nd4j", PRIORITY);
        this.loader = loader;
    }

    /**
     * @return a new {@link Nd4jLinearAlgebra}; ND4J's default data types are set to double, and
     *         the thread counts of OpenBLAS and libnd4j as {@link Nd4jLinearAlgebra} describes
     *         (OpenBLAS single-threaded, the backend's own threads for the steps that grow with N)
     */
    @Override
    protected LinearAlgebra<?> newBackend() {
        return new Nd4jLinearAlgebra();
    }

    /** Yes, as {@link Nd4jLinearAlgebra#tunedProducts()}: OpenBLAS's {@code dgemm}. */
    @Override
    public boolean tunedProducts() {
        return true;
    }

    /**
     * Runs the probe once per instance; later calls return the cached answer.
     *
     * @return an empty string when ND4J's natives load and compute on this machine, otherwise
     *         what failed and why; never throws
     */
    @Override
    protected synchronized String probe() {
        if (reason == null) {
            String r;
            try {
                loader.call();
                r = "";
            } catch (Throwable t) {
                // Deliberately everything: a missing or broken native library shows up as
                // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError or
                // ND4J's own RuntimeExceptions, and none of them may escape isAvailable().
                r = describe(t);
            }
            reason = r;
        }
        return reason;
    }

    /** @return the failure and its causes on one line, with the likely remedy */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder("ND4J could not be loaded: ");
        Throwable c = t;
        for (int depth = 0; c != null && depth < 5; depth++, c = c.getCause()) {
            if (depth > 0) {
                sb.append("; caused by ");
            }
            sb.append(c.getClass().getName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage().replaceAll("\\s+", " ").trim());
            }
        }
        sb.append(" (put org.nd4j:nd4j-native with the natives of ").append(NativeBuild.platform())
                .append(" on the class path)");
        return sb.toString();
    }

    /**
     * The real probe: choose the native build, load ND4J, and check one 2×2 product in double
     * precision against its exact answer.
     */
    private static Object loadNd4j() {
        ClassLoader cl = Nd4jProvider.class.getClassLoader();
        NativeBuild.select(cl);
        return Nd4jLoader.load();
    }
}
