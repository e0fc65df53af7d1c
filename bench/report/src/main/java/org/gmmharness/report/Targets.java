package org.gmmharness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gmmharness.workload.Workload;


/**
 * Issue 6's performance targets, in one place, and the check of a run against them:
 * <ul>
 *   <li>the fastest backend's time per EM iteration is at most 1/5 of scikit-learn's on W1, W2 and
 *       W4, at most 1/2 on W3 and at most 1/3 on W1-diag ({@link #SPEEDUP});</li>
 *   <li>each backend's E-step and M-step take at most {@link #GLUE_MAX} times its library's raw
 *       operations of the same shape;</li>
 *   <li>the JVM-heap backends ({@link #JVM_HEAP_BACKENDS}) allocate less than
 *       {@link #ALLOCATION_FRACTION} of N·K·8 bytes per EM iteration;</li>
 *   <li>the E-step's exp and log work (the backend's {@code normalizeRows}, timed alone) keeps at
 *       least {@link #CORE_USE_MIN} of the machine's cores busy.</li>
 * </ul>
 * and, for time to solution ({@link #checkTimeToSolution}):
 * <ul>
 *   <li>the command-line process's wall time at most {@link #CLI_WALL_MAX} times scikit-learn's
 *       process's (1/2 on W1 and W2, 1× on W3, W4 and large-D);</li>
 *   <li>its peak resident set at most {@link #CLI_RSS_MAX} times scikit-learn's (1× on W2 and
 *       large-D, 2× on W1);</li>
 *   <li>the fastest backend's in-process fit at least {@link #FIT_SPEEDUP} times faster than
 *       scikit-learn's {@code fit()} on W1–W4;</li>
 *   <li>CSV loading at least {@link #CSV_LOAD_MIN_MB_S} MB/s.</li>
 * </ul>
 * A scaled workload (the smoke profile's {@code W1/10}) is held to its standard workload's
 * target.
 */
final class Targets {

    /** Standard workload id → the smallest speed-up over scikit-learn that meets the target. */
    static final Map<String, Double> SPEEDUP = speedups();

    /** The largest step time over raw-operation time that meets the target. */
    static final double GLUE_MAX = 1.5;

    /** The allocation per iteration must stay below this fraction of N·K·8 bytes. */
    static final double ALLOCATION_FRACTION = 0.01;

    /**
     * The smallest share of the machine's cores (process CPU time over wall time × logical cores)
     * that the E-step's exp and log work must keep busy: three quarters, i.e. 1.5 of 2 cores, room
     * for the hand-offs between threads and for the shared machine's other load, while one busy
     * core (0.5 of 2) misses it clearly.
     */
    static final double CORE_USE_MIN = 0.75;

    /** The backends whose matrices live on the JVM heap, where the GC profiler sees every allocation. */
    static final List<String> JVM_HEAP_BACKENDS = List.of("ejml", "commons-math");

    /** Standard workload id → the largest command-line wall time over scikit-learn's that meets the target. */
    static final Map<String, Double> CLI_WALL_MAX = map("W1", 0.5, "W2", 0.5, "W3", 1.0, "W4", 1.0, "large-D", 1.0);

    /** Standard workload id → the largest command-line peak RSS over scikit-learn's that meets the target. */
    static final Map<String, Double> CLI_RSS_MAX = map("W1", 2.0, "W2", 1.0, "large-D", 1.0);

    /** Standard workload id → the smallest in-process fit speed-up over scikit-learn's that meets the target. */
    static final Map<String, Double> FIT_SPEEDUP = map("W1", 3.0, "W2", 3.0, "W3", 3.0, "W4", 3.0);

    /** The slowest CSV loading that meets the target, MB/s. */
    static final double CSV_LOAD_MIN_MB_S = 100.0;

    private Targets() {
    }

    private static Map<String, Double> map(Object... idValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < idValue.length; i += 2) {
            m.put((String) idValue[i], (Double) idValue[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** @return the time-to-solution figures against their targets, in the order the report lists them */
    static List<TimeToSolution.Check> checkTimeToSolution(List<TimeToSolution.FitRow> fits,
                                                          List<TimeToSolution.CliRow> cli,
                                                          TimeToSolution.CsvLoad csv) {
        List<TimeToSolution.Check> out = new ArrayList<>();
        for (TimeToSolution.CliRow r : cli) {
            Double wall = CLI_WALL_MAX.get(standardId(r.workload()));
            if (wall != null) {
                out.add(new TimeToSolution.Check(r.workload().id(), "command-line wall time ÷ scikit-learn's",
                        r.wallRatio(), true, wall, "×"));
            }
        }
        for (TimeToSolution.CliRow r : cli) {
            Double rss = CLI_RSS_MAX.get(standardId(r.workload()));
            if (rss != null) {
                out.add(new TimeToSolution.Check(r.workload().id(), "command-line peak RSS ÷ scikit-learn's",
                        r.rssRatio(), true, rss, "×"));
            }
        }
        for (TimeToSolution.FitRow r : fits) {
            Double speedup = FIT_SPEEDUP.get(standardId(r.workload()));
            if (speedup != null) {
                out.add(new TimeToSolution.Check(r.workload().id(), "in-process fit: scikit-learn's time ÷ the "
                        + "fastest backend's" + (r.fastest() == null ? "" : " (" + r.fastest() + ")"), r.speedup(),
                        false, speedup, "×"));
            }
        }
        out.add(new TimeToSolution.Check("—", "CSV loading" + (csv == null ? " (no CsvLoad benchmark in this run)"
                : " (" + csv.benchmark() + ")"), csv == null ? Double.NaN : csv.mbPerSecond(), false,
                CSV_LOAD_MIN_MB_S, " MB/s"));
        return List.copyOf(out);
    }

    private static Map<String, Double> speedups() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("W1", 5.0);
        m.put("W2", 5.0);
        m.put("W3", 2.0);
        m.put("W4", 5.0);
        m.put("W1-diag", 3.0);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** @return {@code w}'s standard workload id: its id up to a {@code /} (as in {@code W1/10}) */
    static String standardId(Workload w) {
        int slash = w.id().indexOf('/');
        return slash < 0 ? w.id() : w.id().substring(0, slash);
    }

    /** @return the speed-up over scikit-learn that {@code w} must reach, or NaN if it has no target */
    static double requiredSpeedup(Workload w) {
        return SPEEDUP.getOrDefault(standardId(w), Double.NaN);
    }

    /** @return the largest allocation per iteration, bytes, that meets the target on {@code w} */
    static double allocationLimit(Workload w) {
        return ALLOCATION_FRACTION * w.n() * (double) w.k() * 8.0;
    }

    /** @return the run's figures against every target */
    static ReportSummary.TargetChecks check(List<ReportSummary.WorkloadRow> workloads,
                                            List<ReportSummary.BreakdownRow> breakdown) {
        List<ReportSummary.SpeedupCheck> speedups = new ArrayList<>();
        List<ReportSummary.AllocationCheck> allocations = new ArrayList<>();
        for (ReportSummary.WorkloadRow r : workloads) {
            double target = requiredSpeedup(r.workload());
            if (!Double.isNaN(target)) {
                speedups.add(new ReportSummary.SpeedupCheck(r.workload(), r.fastest(), r.speedupVsSklearn(), target));
            }
            for (String b : JVM_HEAP_BACKENDS) {
                ReportSummary.Figures f = r.backends().get(b);
                if (f != null) {
                    allocations.add(new ReportSummary.AllocationCheck(r.workload(), b, f.allocBytesPerIter(),
                            allocationLimit(r.workload())));
                }
            }
        }
        List<ReportSummary.GlueCheck> glue = new ArrayList<>();
        List<ReportSummary.CoreUseCheck> coreUse = new ArrayList<>();
        for (ReportSummary.BreakdownRow r : breakdown) {
            r.backends().forEach((b, t) -> {
                glue.add(new ReportSummary.GlueCheck(r.workload(), b, "E-step", t.eStepRatio(), GLUE_MAX));
                glue.add(new ReportSummary.GlueCheck(r.workload(), b, "M-step", t.mStepRatio(), GLUE_MAX));
                coreUse.add(new ReportSummary.CoreUseCheck(r.workload(), b, t.normalizeMachineShare(), CORE_USE_MIN));
            });
        }
        return new ReportSummary.TargetChecks(List.copyOf(speedups), List.copyOf(allocations), List.copyOf(glue),
                List.copyOf(coreUse));
    }
}
