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
     * The size of a fit, N·K·D² (the work of one EM iteration with full covariances is of order
     * N·K·D² multiply-adds), from which {@link #createDefaultFor(long, int, int)} takes
     * {@value #LARGE_FIT_BACKEND} rather than {@value #SMALL_FIT_BACKEND}: 10¹⁰, above the large-D
     * case (N=100k, D=128, K=4: 6.55·10⁹) and below N=50k, D=256, K=4 (1.31·10¹⁰).
     *
     * <p>ND4J's native loading costs about 0.75 s more at start-up than EJML's, and its off-heap
     * buffers add to the heap. Since EJML's full-covariance steps run on the project's fused
     * kernels (the E-step's quadratic forms and the M-step's moment products), one EM iteration
     * (JMH, one fork) took on EJML against ND4J: W3 (N=20k, D=64, K=16) 109 ± 8 against
     * 131 ± 16 ms; the large-D case 600 ± 239 against 582 ± 112 ms; N=50k, D=256, K=4 1,562 ± 722
     * against 865 ± 104 ms, where BLAS's blocked products pull ahead. Whole command-line fits of
     * the benchmark workloads' CSV files (converging in 2 EM iterations) took on EJML against ND4J:
     * W2 3.5–3.7 against 4.4–4.5 s; W3 2.55–2.58 against 3.31–3.47 s; large-D 6.5 against 6.5 s,
     * in 353 against 466 MB of peak RSS. The report's time-to-solution section measures the
     * default's choice on every workload.
     */
    public static final double LARGE_FIT_MIN_WORK = 1e10;

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
