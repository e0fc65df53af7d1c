package org.gmmharness.kmeans;

import java.util.Arrays;

import org.gmmharness.random.NumpySummation;

/**
 * scikit-learn's Lloyd iterations ({@code _kmeans_single_lloyd} with
 * {@code lloyd_iter_chunked_dense}, 1.2), operation for operation where the order decides the
 * rounding:
 * <ul>
 * <li>each 256-row panel's distances are ‖c‖² − 2 x·c (the ‖x‖² term does not change the
 * argmin), the dot products accumulated with fused multiply-adds as BLAS does; the first nearest
 * centre wins ties;</li>
 * <li>the panels are split into P contiguous parts as OpenMP's static schedule splits them over
 * scikit-learn's P threads (P = min(processors, panels), as {@code _openmp_effective_n_threads});
 * each part sums its rows into its own buffer in row order, and the part buffers are added to zero
 * in part order, so results depend on P but not on how many threads run the parts;</li>
 * <li>empty clusters take the points farthest from their old centres (without relabelling them),
 * centres are the sums times the reciprocal of the counts, and the centre shift is the sum of the
 * squared Euclidean shifts, each shift taken as scikit-learn's unrolled
 * {@code _euclidean_dense_dense};</li>
 * <li>iteration stops when no label changes (strict convergence) or the total shift is at most tol,
 * and in the second case the labels are computed once more from the final centres.</li>
 * </ul>
 * All scratch is allocated once per run; each iteration packs the panels as it reads them (see
 * {@link Panels}).
 */
final class Lloyd {

    private final Panels x;
    private final int k;
    private final int d;
    private final Team team;
    private final int parts;
    private final int[] partStart;
    private final int[] partEnd;
    private final double[][] partSums;
    private final double[][] partWeights;
    private final double[][][] distances;
    private final Panels.Scratch[] panels;
    private final boolean[] changed;
    private final int[] labels;
    private final double[] centerNorms;
    private final double[] weights;
    private final double[] shift;
    private final Team.Body iterate = this::iterate;
    private double[] centers;
    private double[] next;
    private boolean update;

    Lloyd(Panels x, int k, Team team) {
        this.x = x;
        this.k = k;
        this.d = x.d;
        this.team = team;
        this.parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), x.count));
        this.partStart = new int[parts];
        this.partEnd = new int[parts];
        // libgomp's schedule(static): the first (count mod P) threads take one panel more.
        int q = x.count / parts;
        int rem = x.count % parts;
        for (int p = 0; p < parts; p++) {
            partStart[p] = p < rem ? p * (q + 1) : p * q + rem;
            partEnd[p] = partStart[p] + (p < rem ? q + 1 : q);
        }
        this.partSums = new double[parts][k * d];
        this.partWeights = new double[parts][k];
        this.distances = new double[parts][k][Panels.ROWS];
        this.panels = x.scratches(team.size());
        this.changed = new boolean[parts];
        this.labels = new int[x.n];
        Arrays.fill(labels, -1);
        this.centerNorms = new double[k];
        this.weights = new double[k];
        this.shift = new double[k];
        this.next = new double[k * d];
    }

    /**
     * @param initial k×D row-major initial centres (in the packed data's coordinates); not kept
     * @return the number of iterations, as scikit-learn's {@code n_iter_}
     */
    int run(double[] initial, int maxIter, double tol) {
        centers = initial.clone();
        boolean strict = false;
        int iter = 0;
        while (iter < maxIter) {
            step(true);
            double[] swap = centers;
            centers = next;
            next = swap;
            iter++;
            boolean anyChanged = false;
            for (boolean c : changed) {
                anyChanged |= c;
            }
            if (!anyChanged) {
                strict = true;
                break;
            }
            for (int c = 0; c < k; c++) {
                shift[c] *= shift[c];
            }
            if (NumpySummation.sum(shift) <= tol) {
                break;
            }
        }
        if (!strict) {
            step(false);
        }
        return iter;
    }

    /** @return the final labels */
    int[] labels() {
        return labels.clone();
    }

    /** @return the final k×D centres, row-major */
    double[] centers() {
        return centers.clone();
    }

    /** One {@code lloyd_iter_chunked_dense}: labels from {@code centers}, and new centres in {@code next}. */
    private void step(boolean updateCenters) {
        for (int c = 0; c < k; c++) {
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                double v = centers[c * d + j];
                s += v * v;
            }
            centerNorms[c] = s;
        }
        update = updateCenters;
        team.run(parts, iterate);
        if (!updateCenters) {
            return;
        }
        Arrays.fill(next, 0.0);
        Arrays.fill(weights, 0.0);
        for (int p = 0; p < parts; p++) {
            double[] sums = partSums[p];
            double[] w = partWeights[p];
            for (int c = 0; c < k; c++) {
                weights[c] += w[c];
            }
            for (int i = 0; i < next.length; i++) {
                next[i] += sums[i];
            }
        }
        relocateEmptyClusters();
        for (int c = 0; c < k; c++) {
            if (weights[c] > 0) {
                double alpha = 1.0 / weights[c];
                for (int j = 0; j < d; j++) {
                    next[c * d + j] *= alpha;
                }
            }
        }
        for (int c = 0; c < k; c++) {
            shift[c] = Math.sqrt(squaredDistance(next, c * d, centers, c * d));
        }
    }

    /** The parts of worker w: w, w + workers, ... */
    private void iterate(int worker) {
        int workers = Math.min(parts, team.size());
        for (int p = worker; p < parts; p += workers) {
            part(p, panels[worker]);
        }
    }

    private void part(int p, Panels.Scratch panel) {
        double[][] dist = distances[p];
        double[] sums = partSums[p];
        double[] w = partWeights[p];
        if (update) {
            Arrays.fill(sums, 0.0);
            Arrays.fill(w, 0.0);
        }
        boolean anyChanged = false;
        for (int q = partStart[p]; q < partEnd[p]; q++) {
            int rows = x.rows(q);
            int start = x.start(q);
            x.pack(q, panel);
            for (int c = 0; c < k; c++) {
                double[] dc = dist[c];
                Panels.dots(panel, rows, centers, c * d, dc);
                double cc = centerNorms[c];
                for (int r = 0; r < rows; r++) {
                    dc[r] = cc + -2.0 * dc[r];
                }
            }
            double[] d0 = dist[0];
            for (int r = 0; r < rows; r++) {
                double best = d0[r];
                int label = 0;
                for (int c = 1; c < k; c++) {
                    double v = dist[c][r];
                    if (v < best) {
                        best = v;
                        label = c;
                    }
                }
                int i = start + r;
                if (labels[i] != label) {
                    labels[i] = label;
                    anyChanged = true;
                }
                if (update) {
                    w[label] += 1.0;
                }
            }
            if (update) {
                // Per column, rows in order: each sum sees its rows in the same order as row by row.
                for (int j = 0; j < d; j++) {
                    double[] col = panel.column(j);
                    for (int r = 0; r < rows; r++) {
                        sums[labels[start + r] * d + j] += col[r];
                    }
                }
            }
        }
        changed[p] = anyChanged;
    }

    /**
     * scikit-learn's {@code _relocate_empty_clusters_dense}: the empty clusters, in order, take the
     * points farthest from their (old) centres, farthest first; the points keep their labels.
     */
    private void relocateEmptyClusters() {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (weights[c] == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return;
        }
        int n = x.n;
        double[] far = new double[n];
        double[] row = new double[d];
        double max = 0.0;
        for (int i = 0; i < n; i++) {
            x.row(i, row, 0);
            int o = labels[i] * d;
            for (int j = 0; j < d; j++) {
                double delta = row[j] - centers[o + j];
                row[j] = delta * delta;
            }
            far[i] = NumpySummation.sum(row);
            max = Math.max(max, far[i]);
        }
        if (max == 0) {
            // More clusters than distinct points: relocating is pointless.
            return;
        }
        // np.argpartition(distances, -empty)[:-empty-1:-1]: the farthest first, the first index of
        // equal distances first (numpy's own order among ties is that of its selection algorithm).
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(far[b], far[a]));
        int e = 0;
        for (int c = 0; c < k; c++) {
            if (weights[c] != 0) {
                continue;
            }
            int i = order[e++];
            x.row(i, row, 0);
            int old = labels[i];
            for (int j = 0; j < d; j++) {
                next[old * d + j] -= row[j];
                next[c * d + j] = row[j];
            }
            weights[c] = 1.0;
            weights[old] -= 1.0;
        }
    }

    /**
     * scikit-learn's {@code _euclidean_dense_dense(a, b, squared=True)}: four terms at a time,
     * added left to right, then the remainder.
     */
    private double squaredDistance(double[] a, int aOff, double[] b, int bOff) {
        double result = 0.0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double d0 = a[aOff + j] - b[bOff + j];
            double d1 = a[aOff + j + 1] - b[bOff + j + 1];
            double d2 = a[aOff + j + 2] - b[bOff + j + 2];
            double d3 = a[aOff + j + 3] - b[bOff + j + 3];
            result += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
        }
        for (; j < d; j++) {
            double delta = a[aOff + j] - b[bOff + j];
            result += delta * delta;
        }
        return result;
    }
}
