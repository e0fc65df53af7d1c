package org.gmmharness.workload;

import java.util.ArrayList;
import java.util.List;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.workload.Workload;

/**
 * The workload definitions, in one place for the benchmarks, the scikit-learn baseline and the
 * report: the standard workloads W1–W4, the diag/tied/spherical variants of W1, the scaling
 * sweeps over N, D and K around W1, and the time-to-solution workloads (W1–W4 and the large-D
 * case, {@link #LARGE_D}).
 */
public final class Workloads {

    /** Seed of the data every workload is drawn from (see {@link WorkloadData}). */
    public static final long DATA_SEED = 20_241_121L;

    /** W1: N=100k, D=16, K=8, full. */
    public static final Workload W1 = new Workload("W1", 100_000, 16, 8, CovarianceType.FULL);
    /** W2: N=1M, D=8, K=4, full. */
    public static final Workload W2 = new Workload("W2", 1_000_000, 8, 4, CovarianceType.FULL);
    /** W3: N=20k, D=64, K=16, full. */
    public static final Workload W3 = new Workload("W3", 20_000, 64, 16, CovarianceType.FULL);
    /** W4: N=100k, D=2, K=3, full. */
    public static final Workload W4 = new Workload("W4", 100_000, 2, 3, CovarianceType.FULL);

    /**
     * The large-D case of the time-to-solution measurements: N=100k, D=128, K=4, full. Timed as
     * whole fits only, not per iteration.
     */
    public static final Workload LARGE_D = new Workload("large-D", 100_000, 128, 4, CovarianceType.FULL);

    private Workloads() {
    }

    /** @return the workloads whose whole fit is timed (time to solution): W1–W4 and the large-D case */
    public static List<Workload> timeToSolution() {
        return List.of(W1, W2, W3, W4, LARGE_D);
    }

    /**
     * @param divisor how many times fewer samples
     * @return {@code w} with N / divisor samples, named like {@code W1/10}
     */
    public static Workload scaled(Workload w, int divisor) {
        return new Workload(w.id() + "/" + divisor, w.n() / divisor, w.d(), w.k(), w.covarianceType());
    }

    /**
     * Finds a workload by its id, as the time-to-solution benchmark's {@code workload} parameter
     * names it: a standard workload, a variant such as {@code W1-diag}, {@code large-D}, or any of
     * these scaled, such as {@code W1/100}.
     *
     * @throws IllegalArgumentException for an unknown id, naming the known ones
     */
    public static Workload byId(String id) {
        String s = id.trim();
        int slash = s.lastIndexOf('/');
        if (slash > 0) {
            int divisor;
            try {
                divisor = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                divisor = 0;
            }
            if (divisor < 1) {
                throw new IllegalArgumentException("Workload '" + id + "': the divisor after '/' must be a whole "
                        + "number of at least 1.");
            }
            return scaled(byId(s.substring(0, slash)), divisor);
        }
        List<Workload> known = new ArrayList<>(standard());
        known.add(LARGE_D);
        for (Workload w : known) {
            if (w.id().equals(s)) {
                return w;
            }
        }
        throw new IllegalArgumentException("Unknown workload '" + id + "': use one of "
                + known.stream().map(Workload::id).collect(java.util.stream.Collectors.joining(", "))
                + ", optionally scaled as W1/10.");
    }

    /** @return W1–W4 and W1 with diag, tied and spherical covariances */
    public static List<Workload> standard() {
        return List.of(W1, W2, W3, W4, variant(W1, CovarianceType.DIAG), variant(W1, CovarianceType.TIED),
                variant(W1, CovarianceType.SPHERICAL));
    }

    /** @return {@code w} with another covariance type, named like {@code W1-diag} */
    public static Workload variant(Workload w, CovarianceType type) {
        return new Workload(w.id() + "-" + type.id(), w.n(), w.d(), w.k(), type);
    }

    /** A scaling sweep: one parameter varied around W1, full covariance. */
    public enum Sweep {
        /** Samples. */
        N,
        /** Features. */
        D,
        /** Components. */
        K;

        /** @return the workloads of this sweep at the given values */
        public List<Workload> at(int... values) {
            List<Workload> out = new ArrayList<>();
            for (int v : values) {
                String id = name() + "=" + v;
                switch (this) {
                    case N:
                        out.add(new Workload(id, v, W1.d(), W1.k(), CovarianceType.FULL));
                        break;
                    case D:
                        out.add(new Workload(id, W1.n(), v, W1.k(), CovarianceType.FULL));
                        break;
                    default:
                        out.add(new Workload(id, W1.n(), W1.d(), v, CovarianceType.FULL));
                }
            }
            return out;
        }
    }
}
