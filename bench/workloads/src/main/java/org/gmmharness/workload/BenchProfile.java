package org.gmmharness.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.Workloads;

/**
 * How much a benchmark run measures and how carefully: {@code quick} (the default, a few minutes on
 * a 2-core machine), {@code full} (publication quality) and {@code smoke} (a minute or two, for CI,
 * on scaled-down workloads).
 */
public enum BenchProfile {
    /** All backends, W1–W4 and variants, the step breakdown on W1, sweeps at three points. */
    QUICK(1, 1, 1000, 3, 1000, 5),
    /**
     * Two forks and five measured iterations per backend and shape; the breakdown on W1 and
     * W1-diag; sweeps at four points each (about 30 minutes on a 2-core machine).
     */
    FULL(2, 2, 1000, 5, 1000, 10),
    /** Scaled-down workloads and the shortest measurements that still exercise every path. */
    SMOKE(1, 1, 200, 2, 200, 3);

    /** JMH forks per benchmark and backend. */
    public final int forks;
    /** JMH warm-up iterations. */
    public final int warmupIterations;
    /** Length of a warm-up iteration, ms. */
    public final int warmupMillis;
    /** JMH measurement iterations. */
    public final int measurementIterations;
    /** Length of a measurement iteration, ms. */
    public final int measurementMillis;
    /** Timed repetitions of scikit-learn's iteration per workload. */
    public final int sklearnRepeats;

    BenchProfile(int forks, int warmupIterations, int warmupMillis, int measurementIterations,
                 int measurementMillis, int sklearnRepeats) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.sklearnRepeats = sklearnRepeats;
    }

    /** @return the profile's name as typed on the command line */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the workloads whose whole EM iteration is timed on every backend */
    public List<Workload> workloads() {
        if (this == SMOKE) {
            return List.of(scaled(Workloads.W1), scaled(Workloads.W4),
                    scaled(Workloads.variant(Workloads.W1, CovarianceType.DIAG)));
        }
        return Workloads.standard();
    }

    /** @return the workloads whose E-step, M-step and precision-Cholesky step are timed apart */
    public List<Workload> breakdown() {
        switch (this) {
            case FULL:
            case QUICK:
                return List.of(Workloads.W1, Workloads.variant(Workloads.W1, CovarianceType.DIAG));
            default:
                return List.of(scaled(Workloads.W1));
        }
    }

    /** @return the scaling sweeps' workloads, all full covariance around W1 */
    public List<Workload> sweeps() {
        List<Workload> out = new ArrayList<>();
        switch (this) {
            case FULL:
                out.addAll(Workloads.Sweep.N.at(10_000, 30_000, 100_000, 300_000));
                out.addAll(Workloads.Sweep.D.at(4, 8, 16, 32));
                out.addAll(Workloads.Sweep.K.at(2, 4, 8, 16));
                break;
            case QUICK:
                out.addAll(Workloads.Sweep.N.at(10_000, 30_000, 100_000));
                out.addAll(Workloads.Sweep.D.at(4, 16, 32));
                out.addAll(Workloads.Sweep.K.at(2, 8, 16));
                break;
            default:
                out.addAll(Workloads.Sweep.N.at(2_000, 10_000));
        }
        return out;
    }

    /** @return the DGEMM size used to measure the machine's peak */
    public int peakSize() {
        return this == SMOKE ? 512 : 2048;
    }

    /** A workload at a tenth of its samples, for the smoke profile. */
    private static Workload scaled(Workload w) {
        return Workloads.scaled(w, 10);
    }

    /**
     * @return the workloads whose whole fit is timed, in process and as a command-line process:
     *         W1–W4 and the large-D case; for smoke a hundredth of the samples of W1, W2, W4 and
     *         large-D (W3's 200 samples in 64 dimensions would leave its 16 components nearly
     *         empty)
     */
    public List<Workload> timeToSolution() {
        if (this == SMOKE) {
            return List.of(Workloads.scaled(Workloads.W1, 100), Workloads.scaled(Workloads.W2, 100),
                    Workloads.scaled(Workloads.W4, 100), Workloads.scaled(Workloads.LARGE_D, 100));
        }
        return Workloads.timeToSolution();
    }

    /** @return single-shot whole fits timed per backend and workload in process (after {@link #fitWarmups()}) */
    public int fitMeasurements() {
        switch (this) {
            case FULL:
                return 5;
            case QUICK:
                return 3;
            default:
                return 2;
        }
    }

    /**
     * @return untimed whole fits before the timed ones, in the same JVM: enough for the JIT to
     *         have compiled the fit's loops, as they are in a JVM that fits repeatedly (the
     *         command-line measurements give the cold start). Ten: fits in one JVM on EJML took
     *         until about the seventh (W4) to the tenth (W1) to settle, for example W4 228, 132,
     *         109, 99, 99, 109, 35, 31, 27, 27 ms and then 20–29 ms, so three left the timed fits
     *         still partly in the JIT's first tiers.
     */
    public int fitWarmups() {
        switch (this) {
            case FULL:
            case QUICK:
                return 10;
            default:
                return 0;
        }
    }

    /**
     * @return seconds of untimed whole fits, at the least, before the {@link #fitWarmups()} counted
     *         ones, in the same JVM. A count alone leaves a small fit's loops in the JIT's first
     *         tiers: on W4 (about 20 ms a fit once compiled) EJML's fits 11 to 15 still took
     *         26–28 ms and settled at 18–20 ms from the 16th, while a large-D fit takes seconds. Three
     *         seconds are a few dozen small fits and at most two large ones.
     */
    public int fitWarmupSeconds() {
        switch (this) {
            case FULL:
            case QUICK:
                return 3;
            default:
                return 0;
        }
    }

    /** @return runs of each command-line process (ours and scikit-learn's) per workload */
    public int processRepeats() {
        switch (this) {
            case FULL:
                return 5;
            case QUICK:
                return 3;
            default:
                return 2;
        }
    }

    /**
     * @param id quick, full or smoke (case-insensitive)
     * @throws IllegalArgumentException naming the profiles
     */
    public static BenchProfile parse(String id) {
        for (BenchProfile p : values()) {
            if (p.id().equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown profile '" + id + "': use quick, full or smoke.");
    }
}
