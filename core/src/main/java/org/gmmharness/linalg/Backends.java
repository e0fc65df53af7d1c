package org.gmmharness.linalg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the registered {@link LinearAlgebraProvider}s and creates backends by name, or by the size
 * of the data to fit ({@link #createDefaultFor(long, int, int)}).
 */
public final class Backends {

    /** The backend for small fits: starts fast, pure Java. */
    public static final String SMALL_FIT_BACKEND = "ejml";

    /** The backend for large fits: native BLAS and SIMD, the fastest per EM iteration, slower to start. */
    public static final String LARGE_FIT_BACKEND = "nd4j";

    /**
     * The size of a fit, N·K·D² (the work of one EM iteration with full covariances is 4·N·K·D²
     * flops), from which {@link #createDefaultFor(long, int, int)} takes {@value #LARGE_FIT_BACKEND}
     * rather than {@value #SMALL_FIT_BACKEND}: 2.5·10⁸, between W1 (N=100k, D=16, K=8: 2.05·10⁸) and
     * W2 (N=1M, D=8, K=4: 2.56·10⁸).
     *
     * <p>Measured on the project's 2-core AMD EPYC machine (Java 17; the command line
     * {@code java -jar gmm-harness.jar fit --input f.csv --components K --seed 0 --backend X}):
     * <ul>
     *   <li>start-up, {@code fit} on 300 rows: ejml 1.2–2.0 s, commons-math 1.2–2.4 s, nd4j 2.3–3.7 s
     *       (three runs each): ND4J's native loading and its known-answer check cost about 1–1.5 s
     *       more than EJML's;</li>
     *   <li>time per EM iteration (JMH, report 2026-11-22-vm-full-3), ejml against nd4j: W4 9.2 against
     *       4.6 ms, N=10k D=16 K=8 8.8 against 4.4 ms, W1 94 against 40 ms, W2 238 against 104 ms, W3
     *       425 against 120 ms; so ND4J saves about half of EJML's iteration, 5 ms on W4, 54 ms on W1,
     *       134 ms on W2 and 305 ms on W3, and repays its start-up after about 24 iterations on W1,
     *       10 on W2 and 4 on W3 (never within the default 100 on W4 or N=10k);</li>
     *   <li>whole command-line fits (seeded data of the benchmark workloads, which converge in 2 EM
     *       iterations; the machine was shared and loaded, so only the order counts): ejml was as fast
     *       as or faster than nd4j on N=10k and 30k (D=16, K=8), W4, W1 and W3, and nd4j as fast as
     *       ejml on W2 (46 against 48 s, reading the 150 MB file dominating);</li>
     *   <li>memory: EJML holds the M-step's design matrix, N·(D + D(D+1)/2) doubles, twice on the
     *       heap; the large-D case (N=100k, D=128, K=4, N·K·D² = 6.6·10⁹) ran out of an 8 GB heap on
     *       EJML and fitted on ND4J (131 s).</li>
     * </ul>
     * The threshold takes ND4J where its saving repays its start-up within about ten iterations and
     * where EJML's heap copies become the risk; below it, where most fits of a few hundred thousand
     * numbers finish before ND4J has loaded, EJML.
     */
    public static final double LARGE_FIT_MIN_WORK = 2.5e8;

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

    /**
     * @param n samples
     * @param d features
     * @param k components (the largest, when several fits are made)
     * @return the backend name the size rule prefers: {@value #LARGE_FIT_BACKEND} when N·K·D² is at
     *         least {@link #LARGE_FIT_MIN_WORK}, else {@value #SMALL_FIT_BACKEND}; whether it is
     *         available is not checked
     */
    public static String preferredNameFor(long n, int d, int k) {
        double work = (double) n * k * (double) d * d;
        return work >= LARGE_FIT_MIN_WORK ? LARGE_FIT_BACKEND : SMALL_FIT_BACKEND;
    }

    /**
     * The backend that gives the fastest whole fit for data of this size, by the rule of
     * {@link #LARGE_FIT_MIN_WORK}. Only the preferred backend is probed, so a small fit does not pay
     * for loading ND4J's natives; when it is not registered or not available, the
     * highest-priority available backend ({@link #createDefault()}).
     *
     * @param n samples
     * @param d features
     * @param k components (the largest, when several fits are made)
     * @throws IllegalStateException if no backend is available
     */
    public static LinearAlgebra<?> createDefaultFor(long n, int d, int k) {
        String wanted = preferredNameFor(n, d, k);
        for (LinearAlgebraProvider p : providers()) {
            if (p.name().equals(wanted) && p.isAvailable()) {
                return p.create();
            }
        }
        return createDefault();
    }

    private static String describeAvailable() {
        List<String> names = availableNames();
        return names.isEmpty() ? "none (put a backend module on the class path)" : String.join(", ", names);
    }
}
