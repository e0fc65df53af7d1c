package org.gmmharness.kmeans;

import java.util.concurrent.atomic.AtomicInteger;

import org.gmmharness.random.NumpySummation;
import org.gmmharness.random.RandomState;

/**
 * scikit-learn's greedy k-means++ seeding ({@code sklearn.cluster.kmeans_plusplus} as of 1.2):
 * the first centre is {@code randint(n)}; each next one is the best of 2 + ⌊ln K⌋ candidates drawn
 * with probability proportional to the squared distance to the nearest chosen centre, the best
 * being the one that leaves the smallest total potential. Draws, sums and distances are taken in
 * numpy's order (squared distances as (−2 a·x + ‖a‖²) + ‖x‖², clipped at zero, the dot products
 * accumulated with fused multiply-adds as the BLAS kernels do; potentials summed as numpy sums), so
 * the same seed picks the same points as scikit-learn.
 *
 * <p>Each step computes the distances to all its candidates in one pass over the data, in blocks
 * of numpy's 8192-value summation buffers spread over the common fork-join pool; every block's
 * sum is kept apart and the block sums added in order, so the result does not depend on the
 * number of threads. A candidate's distances live only in a block-sized buffer while their block
 * is summed; the chosen one's are taken again, the same way, to lower the closest distances, so
 * that a seeding holds two N-sized arrays, not 2 + ⌊ln K⌋ more (24 MB at N = 10⁶, K = 4), for
 * one more pass over the data per centre. Each pass packs the panels it reads as it goes (see
 * {@link Panels}); the first also takes the rows' squared norms.
 */
public final class KMeansPlusPlus {

    /** numpy's ufunc buffer: a sum over N values adds the pairwise sums of these blocks in order. */
    private static final int BLOCK = 8192;

    private KMeansPlusPlus() {
    }

    /**
     * @param x   N×D data, N ≥ k
     * @param k   number of centres, at least 1
     * @param rng consumed exactly as scikit-learn consumes its {@code RandomState}
     * @return the indices of the k chosen rows, in the order chosen
     */
    public static int[] seedIndices(double[][] x, int k, RandomState rng) {
        return seedIndices(Panels.of(x, null), k, rng, new Team(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * As {@link #seedIndices(double[][], int, RandomState)} for data held as one flat row-major array.
     *
     * @param x row-major N×D data, {@code x[i·d + j]}; not modified
     */
    public static int[] seedIndices(double[] x, int n, int d, int k, RandomState rng) {
        return seedIndices(Panels.of(x, n, d, null), k, rng, new Team(Runtime.getRuntime().availableProcessors()));
    }

    /** @param x N×D data, N ≥ k */
    static int[] seedIndices(Panels x, int k, RandomState rng, Team team) {
        int n = x.n;
        int trials = 2 + (int) Math.log(k);
        Seeding s = new Seeding(x, trials, team);
        int[] indices = new int[k];
        indices[0] = (int) rng.randint(n);
        double potential = s.first(indices[0]);
        int[] candidates = new int[trials];
        int[] order = new int[trials];
        for (int c = 1; c < k; c++) {
            double[] draws = rng.uniform(0.0, 1.0, 1, trials)[0];
            for (int t = 0; t < trials; t++) {
                draws[t] *= potential;
            }
            s.searchCumulative(draws, order, candidates);
            double[] pots = s.candidates(candidates);
            // np.argmin keeps the first of equal potentials.
            int best = 0;
            for (int t = 1; t < trials; t++) {
                if (pots[t] < pots[best]) {
                    best = t;
                }
            }
            potential = pots[best];
            s.keep(best);
            indices[c] = candidates[best];
        }
        return indices;
    }

    /**
     * The state of one seeding: the rows' squared norms (scikit-learn's {@code x_squared_norms},
     * taken in the first pass), the distances to the chosen centres and the candidates' scratch.
     */
    private static final class Seeding {
        /** What a pass over the data does with the distances to the rows in {@link #rows}. */
        private enum Pass {
            /** The first centre's distances into {@link #closest}, the rows' norms into {@link #norms}. */
            FIRST,
            /** Each candidate's distances, lowered to {@link #closest}, summed per block. */
            CANDIDATES,
            /** The chosen candidate's distances lower {@link #closest}. */
            KEEP
        }

        private final Panels x;
        private final double[] norms;
        private final Team team;
        private final int blocks;
        private final int panelsPerBlock = BLOCK / Panels.ROWS;
        /** Per worker, per candidate: the distances of the block being summed. */
        private final double[][][] blockDistances;
        private final double[][] blockSums;
        private final Panels.Scratch[] panels;
        private final double[][] dots;
        private final double[] rows;
        private final double[] rowNorms;
        private final AtomicInteger next = new AtomicInteger();
        private final Team.Body pass = this::pass;
        private final double[] closest;
        private int count;
        private Pass mode;

        Seeding(Panels x, int trials, Team team) {
            this.x = x;
            this.norms = new double[x.n];
            this.team = team;
            this.blocks = (x.n + BLOCK - 1) / BLOCK;
            this.closest = new double[x.n];
            this.blockDistances = new double[team.size()][trials][BLOCK];
            this.blockSums = new double[trials][blocks];
            this.panels = x.scratches(team.size());
            this.dots = new double[team.size()][Panels.ROWS];
            this.rows = new double[trials * x.d];
            this.rowNorms = new double[trials];
        }

        /**
         * Distances to the first centre into {@code closest}, and the rows' squared norms into
         * {@code norms}; @return the distances' numpy sum
         */
        double first(int index) {
            x.row(index, rows, 0);
            rowNorms[0] = Panels.squaredNorm(rows, 0, x.d);
            count = 1;
            mode = Pass.FIRST;
            run();
            return total(0);
        }

        /** Distances to each candidate, lowered to {@code closest}; @return their numpy sums */
        double[] candidates(int[] indices) {
            for (int t = 0; t < indices.length; t++) {
                x.row(indices[t], rows, t * x.d);
                rowNorms[t] = norms[indices[t]];
            }
            count = indices.length;
            mode = Pass.CANDIDATES;
            run();
            double[] pots = new double[count];
            for (int t = 0; t < count; t++) {
                pots[t] = total(t);
            }
            return pots;
        }

        /** Candidate t of the last {@link #candidates} call is chosen: its distances lower the closest distances. */
        void keep(int t) {
            System.arraycopy(rows, t * x.d, rows, 0, x.d);
            rowNorms[0] = rowNorms[t];
            count = 1;
            mode = Pass.KEEP;
            run();
        }

        /**
         * numpy's {@code searchsorted(cumsum(closest), v, side='left')} for each v, clipped to
         * N − 1, in one pass of the running sum (taken left to right, as {@code np.cumsum}).
         */
        void searchCumulative(double[] values, int[] order, int[] out) {
            int m = values.length;
            for (int t = 0; t < m; t++) {
                order[t] = t;
            }
            for (int t = 1; t < m; t++) {
                int o = order[t];
                int u = t - 1;
                while (u >= 0 && values[order[u]] > values[o]) {
                    order[u + 1] = order[u];
                    u--;
                }
                order[u + 1] = o;
            }
            int n = closest.length;
            int q = 0;
            double s = 0.0;
            for (int i = 0; i < n && q < m; i++) {
                s += closest[i];
                while (q < m && s >= values[order[q]]) {
                    out[order[q++]] = i;
                }
            }
            while (q < m) {
                out[order[q++]] = n - 1;
            }
        }

        private double total(int t) {
            double[] sums = blockSums[t];
            double res = 0.0;
            for (int b = 0; b < blocks; b++) {
                res += sums[b];
            }
            return res;
        }

        private void run() {
            next.set(0);
            team.run(blocks, pass);
        }

        private void pass(int worker) {
            Panels.Scratch panel = panels[worker];
            double[] dot = dots[worker];
            double[][] distances = blockDistances[worker];
            int d = x.d;
            boolean first = mode == Pass.FIRST;
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                int from = b * BLOCK;
                int firstPanel = b * panelsPerBlock;
                int endPanel = Math.min(x.count, firstPanel + panelsPerBlock);
                for (int q = firstPanel; q < endPanel; q++) {
                    int start = x.start(q);
                    int rowCount = x.rows(q);
                    x.pack(q, panel);
                    if (first) {
                        Panels.squaredNorms(panel, rowCount, norms, start);
                    }
                    for (int t = 0; t < count; t++) {
                        Panels.dots(panel, rowCount, rows, t * d, dot);
                        double aa = rowNorms[t];
                        // Candidates write their block's buffer; the others write closest itself.
                        double[] out = mode == Pass.CANDIDATES ? distances[t] : closest;
                        int offset = mode == Pass.CANDIDATES ? from : 0;
                        for (int r = 0; r < rowCount; r++) {
                            int i = start + r;
                            double v = (-2.0 * dot[r] + aa) + norms[i];
                            if (v < 0.0) {
                                v = 0.0;
                            }
                            if (!first) {
                                double c = closest[i];
                                v = c <= v ? c : v;
                            }
                            out[i - offset] = v;
                        }
                    }
                }
                int len = Math.min(BLOCK, x.n - from);
                if (first) {
                    blockSums[0][b] = NumpySummation.sum(closest, from, len);
                } else if (mode == Pass.CANDIDATES) {
                    for (int t = 0; t < count; t++) {
                        blockSums[t][b] = NumpySummation.sum(distances[t], 0, len);
                    }
                }
            }
        }
    }
}
