package org.gmmharness.linalg;

/**
 * The shape every provider shares: a fixed name and priority, availability and its reason from
 * one probe, and {@link #create()} refusing with that reason. A subclass supplies the probe and
 * the construction of its backend.
 *
 * <p>Keeps the rules of {@link LinearAlgebraProvider}: the constructor stores two constants and
 * nothing else, so a subclass that adds no static initialiser of its own stays light;
 * {@link #isAvailable()} and {@link #unavailableReason()} never throw as long as {@link #probe()}
 * never throws; the library itself is built only by {@link #create()}.
 */
public abstract class AbstractLinearAlgebraProvider implements LinearAlgebraProvider {

    private final String name;
    private final int priority;

    /**
     * @param name     the backend's name, lower case, as users select it
     * @param priority its rank among available backends, higher meaning faster
     */
    protected AbstractLinearAlgebraProvider(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    /** @return whether {@link #probe()} found nothing wrong; never throws */
    @Override
    public final boolean isAvailable() {
        return probe().isEmpty();
    }

    /** @return {@link #probe()}'s answer: empty when available, otherwise what failed and why */
    @Override
    public final String unavailableReason() {
        return probe();
    }

    /**
     * @return {@link #newBackend()}, once {@link #probe()} has found nothing wrong
     * @throws IllegalStateException if the backend is not available, with the reason
     */
    @Override
    public final LinearAlgebra<?> create() {
        String reason = probe();
        if (!reason.isEmpty()) {
            throw new IllegalStateException("Backend '" + name + "' is not available: " + reason);
        }
        return newBackend();
    }

    /**
     * Checks that the backend can run here. Called by each of {@link #isAvailable()},
     * {@link #unavailableReason()} and {@link #create()}; a subclass caches the answer if finding
     * it is costly.
     *
     * @return an empty string when the backend can run, otherwise what failed and why; never throws
     */
    protected abstract String probe();

    /** @return a new instance of the backend; called only after {@link #probe()} succeeded */
    protected abstract LinearAlgebra<?> newBackend();

    /**
     * The probe of a pure-Java backend, which is available exactly when its classes load: loads
     * (without initialising) each named class. The names are strings so that probing cannot
     * itself fail to link. Not cached: the JVM caches loaded classes already.
     *
     * @param loader     the class loader of the provider
     * @param artifact   the library to put on the class path, named in the reason
     * @param classNames the classes the backend needs
     * @return an empty string when every class loads, otherwise the first that failed and why;
     *         never throws
     */
    protected static String loadClasses(ClassLoader loader, String artifact, String... classNames) {
        for (String className : classNames) {
            try {
                Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                return "cannot load " + className + " (" + e + "); put " + artifact + " on the class path";
            }
        }
        return "";
    }
}
