package org.gmmharness.linalg;

/**
 * A backend as registered with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/org.gmmharness.linalg.LinearAlgebraProvider}.
 *
 * <p>Providers are light: construction does nothing, {@link #isAvailable()} never throws, and the
 * library is loaded only by {@link #create()}.
 */
public interface LinearAlgebraProvider {

    /** @return the backend's name, lower case, as users select it (for example {@code "ejml"}) */
    String name();

    /**
     * Rank used to choose the default backend: among the available providers, the highest wins.
     * Higher means faster on typical workloads.
     */
    int priority();

    /** @return whether {@link #create()} will succeed on this machine; never throws */
    boolean isAvailable();

    /** @return why the backend is unavailable, or an empty string when it is available */
    String unavailableReason();

    /**
     * @return a ready backend
     * @throws IllegalStateException if the backend is not available, with the reason
     */
    LinearAlgebra<?> create();

    /**
     * Whether the backend's products run on a tuned BLAS, as its {@link LinearAlgebra#tunedProducts}
     * says, known without creating it (for reports that count the flops a backend executes).
     */
    default boolean tunedProducts() {
        return false;
    }
}
