package org.gmmharness.backend.nd4j;

import org.bytedeco.javacpp.DoublePointer;
import org.gmmharness.linalg.WorkerPool;

/**
 * The E-step's quadratic forms {@code out[i][k] = Σ_{j<w} ((x·f)[i][k·w + j] + offsets[k·w + j])²}
 * in the direct form, tile by tile so that the N×(K·w) product never reaches memory: the rows are
 * taken in chunks of R rows and the components in groups of G, with R·G·w about {@value #TILE}
 * values (R between 64 and 256); for each tile OpenBLAS's {@code cblas_dgemm} writes the R×(G·w)
 * block of x·f, column-major, into a per-thread off-heap buffer, one {@code memcpy} brings it into
 * a per-thread Java array, and column-wise loops add the offsets, square and accumulate each
 * block's sum in order j = 0, 1, …, w − 1 ({@link #squaredNorms}). Row chunks are shared by the
 * backend's threads ({@link RowChunks}); each writes its rows of {@code out}. No buffer grows with
 * N. Why and how it was measured: see the package notes.
 */
final class TiledQuadraticForms {

    /**
     * Values per tile (128 KiB): the block of x·f that OpenBLAS writes and Java post-processes
     * while it is in L2.
     */
    static final int TILE = 16384;
    /** The fewest rows per tile (more components are split into groups instead), for gemm's sake. */
    static final int MIN_ROWS = 64;
    /** The most rows per tile: more spill the post-processing out of L1. */
    private static final int MAX_ROWS = 256;
    /**
     * The fewest multiply-adds per product call, which overrides {@link #MAX_ROWS} (up to 4096
     * rows) for tiny d·K·w: every {@code cblas_dgemm} call takes OpenBLAS's buffer lock twice.
     */
    private static final int MIN_CALL_WORK = 1 << 16;

    private TiledQuadraticForms() {
    }

    /**
     * @param dx      x, n×d with n ≥ 1
     * @param df      f, d×(K·w)
     * @param offsets length K·w
     * @param dout    out, n×K; overwritten
     * @param k       K, at least 1
     */
    static void compute(WorkerPool workers, Dense dx, Dense df, double[] offsets, Dense dout, int k) {
        int rows = dx.rows;
        int depth = dx.cols;
        int kw = df.cols;
        int comps = k;
        int w = kw / k;
        int per = Math.min(rows, tileRows(kw, depth));
        int group = Math.max(1, Math.min(comps, TILE / (per * w)));
        Dense.Operand xo = Dense.Operand.of(dx, false);
        Dense.Operand fo = Dense.Operand.of(df, false);
        boolean parallel = (long) rows * kw * (depth + 2) >= BlasProducts.PARALLEL_PRODUCT_WORK;
        RowChunks.run(workers, rows, per, parallel, s -> {
            DoublePointer tile = s.offHeap((long) per * group * w);
            double[] h = s.heap(0, per * group * w);
            double[] acc = s.heap(1, per * comps);
            double[] tmp = s.heap(2, per * comps);
            DoublePointer cx = dx.cursor();
            DoublePointer cf = df.cursor();
            DoublePointer co = dout.cursor();
            return (q, r0, nr) -> {
                for (int g0 = 0; g0 < comps; g0 += group) {
                    int gc = Math.min(group, comps - g0);
                    Dense.gemm(xo, cx, r0, 0, fo, cf, g0 * w, nr, gc * w, depth, 0.0, tile, nr);
                    tile.get(h, 0, nr * gc * w);
                    for (int b = 0; b < gc; b++) {
                        squaredNorms(h, b * w * nr, nr, w, offsets, (g0 + b) * w, acc, (g0 + b) * nr);
                    }
                }
                dout.writeRows(co, r0, nr, acc, tmp);
            };
        });
    }

    /** @return rows per tile for K·w = kw and inner size d */
    private static int tileRows(int kw, int d) {
        int per = Math.max(MIN_ROWS, Math.min(MAX_ROWS, TILE / kw));
        long callWork = (long) kw * Math.max(1, d);
        if (per * callWork < MIN_CALL_WORK) {
            per = (int) Math.min(4096, (MIN_CALL_WORK + callWork - 1) / callWork);
        }
        return per;
    }

    /**
     * {@code acc[a0 + i] = Σ_{j<w} (h[c0 + j·nr + i] + offsets[o0 + j])²} for i &lt; nr, summed
     * in order j = 0, 1, …, w − 1, up to four columns per pass over {@code acc} (the first pass
     * initialises it). The passes are bound by cache bandwidth, not arithmetic (they ran as fast
     * with the JIT's SIMD vectorisation turned off), so four columns per pass, which cuts the
     * loads and stores of {@code acc}, is what helps (5–10% against a first pass of one column).
     */
    private static void squaredNorms(double[] h, int c0, int nr, int w, double[] offsets, int o0, double[] acc,
                                     int a0) {
        int a1 = a0 + nr;
        for (int j = 0; j < w; j += 4) {
            int cols = Math.min(4, w - j);
            boolean first = j == 0;
            int s0 = c0 - a0 + j * nr;
            double p0 = offsets[o0 + j];
            if (cols == 1) {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    acc[i] = first ? v0 * v0 : acc[i] + v0 * v0;
                }
                continue;
            }
            int s1 = s0 + nr;
            double p1 = offsets[o0 + j + 1];
            if (cols == 2) {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    double v1 = h[s1 + i] + p1;
                    acc[i] = (first ? v0 * v0 : acc[i] + v0 * v0) + v1 * v1;
                }
                continue;
            }
            int s2 = s1 + nr;
            double p2 = offsets[o0 + j + 2];
            if (cols == 3) {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    double v1 = h[s1 + i] + p1;
                    double v2 = h[s2 + i] + p2;
                    acc[i] = ((first ? v0 * v0 : acc[i] + v0 * v0) + v1 * v1) + v2 * v2;
                }
                continue;
            }
            int s3 = s2 + nr;
            double p3 = offsets[o0 + j + 3];
            if (first) {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    double v1 = h[s1 + i] + p1;
                    double v2 = h[s2 + i] + p2;
                    double v3 = h[s3 + i] + p3;
                    acc[i] = ((v0 * v0 + v1 * v1) + v2 * v2) + v3 * v3;
                }
            } else {
                for (int i = a0; i < a1; i++) {
                    double v0 = h[s0 + i] + p0;
                    double v1 = h[s1 + i] + p1;
                    double v2 = h[s2 + i] + p2;
                    double v3 = h[s3 + i] + p3;
                    acc[i] = (((acc[i] + v0 * v0) + v1 * v1) + v2 * v2) + v3 * v3;
                }
            }
        }
    }
}
