package org.gmmharness.report;

import java.util.List;

import org.gmmharness.workload.Workload;

/**
 * What the peers comparison ({@code org.gmmharness.bench.peers.PeerSuite}) measured: per
 * workload, the project's backends and every peer from the same start for the same fixed number of
 * iterations, with scikit-learn's answer from that start.
 *
 * @param measured       whether the peers were run at all
 * @param reason         when not measured: why; otherwise empty
 * @param iterations     EM iterations per fit
 * @param repeats        timed fits per peer after its first, cold one
 * @param sklearnVersion scikit-learn's version, empty when it did not run
 * @param workloads      one entry per workload, in the run's order
 * @param notes          how this run measured, where a reader must know it (reduced repetitions)
 */
public record PeerComparison(boolean measured, String reason, int iterations, int repeats, String sklearnVersion,
                             List<WorkloadPeers> workloads, List<String> notes) {

    /** What {@link Entry#kind()} says for one of the project's backends. */
    public static final String BACKEND = "backend";
    /** What {@link Entry#kind()} says for a peer. */
    public static final String PEER = "peer";

    /** Z for a two-sided 99% interval under the normal approximation, as scikit-learn's baseline uses. */
    static final double Z_99 = 2.576;
    /** Scales the median absolute deviation to the standard deviation of normal samples. */
    static final double MAD_TO_SIGMA = 1.4826;

    /**
     * One workload's answers.
     *
     * @param workload            the workload
     * @param sklearnScore        scikit-learn's mean log-likelihood from the start, its defaults
     *                            (reg_covar 1e-6), NaN when it did not run
     * @param sklearnScoreNoReg   the same with reg_covar 0, the setting of the peers (none regularises)
     * @param sklearnReason       why scikit-learn has no answer, else empty
     * @param entries             the project's backends, then the peers, failed ones with their reason
     */
    public record WorkloadPeers(Workload workload, double sklearnScore, double sklearnScoreNoReg,
                                String sklearnReason, List<Entry> entries) {
    }

    /**
     * One implementation on one workload.
     *
     * @param id                the backend's name or the peer's id ({@code PeerKind})
     * @param label             the name in tables and charts
     * @param kind              {@link #BACKEND} or {@link #PEER}
     * @param version           the library's version as it reported it, empty for backends
     * @param api               the class or entry point driven, empty for backends
     * @param sameStart         whether it began from the shared start
     * @param fitMs             each timed fit of {@code iterations} iterations after the first, ms
     *                          (empty for backends, whose time per iteration is JMH's)
     * @param coldMs            time to solution in the peer's process: reading the request, the
     *                          library's set-up and the first (cold) fit, ms; NaN for backends
     * @param processWallMs     the peer process's whole life, JVM start-up and every fit included, ms
     * @param peakRssBytes      the peer process's peak resident set ({@code VmHWM}), bytes
     * @param meanLogLikelihood the final parameters scored by the project's own scoring on the
     *                          workload's samples (scikit-learn's {@code score}), NaN if unscorable
     * @param relDiffVsSklearn  largest relative difference from scikit-learn's parameters from the
     *                          same start and the same reg_covar ({@code comparedWith}); NaN when
     *                          not comparable (other start, no scikit-learn)
     * @param comparedWith      which scikit-learn fit {@code relDiffVsSklearn} is against, or why none
     * @param failure           why it has no answer, else empty
     * @param notes             how it was driven (the library's quirks)
     */
    public record Entry(String id, String label, String kind, String version, String api, boolean sameStart,
                        List<Double> fitMs, double coldMs, double processWallMs, double peakRssBytes,
                        double meanLogLikelihood, double relDiffVsSklearn, String comparedWith, String failure,
                        List<String> notes) {

        /** @return whether it produced an answer */
        public boolean ok() {
            return failure.isEmpty();
        }

        /**
         * @param iterations the iterations per fit
         * @return the median timed fit over the iterations, ms; NaN without timed fits
         */
        public double msPerIter(int iterations) {
            return fitMs.isEmpty() ? Double.NaN : median(fitMs) / iterations;
        }

        /**
         * @return the 99% half-width of {@link #msPerIter(int)} from the robust spread of the fits
         *         (2.576·1.4826·MAD/√n, as scikit-learn's baseline reports it), NaN with fewer than 2
         */
        public double errorMs(int iterations) {
            if (fitMs.size() < 2) {
                return Double.NaN;
            }
            double m = median(fitMs);
            double mad = median(fitMs.stream().map(v -> Math.abs(v - m)).toList());
            return Z_99 * MAD_TO_SIGMA * mad / Math.sqrt(fitMs.size()) / iterations;
        }
    }

    /** @return a comparison that was not run, saying why */
    public static PeerComparison notMeasured(String reason) {
        return new PeerComparison(false, reason, 0, 0, "", List.of(), List.of());
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
