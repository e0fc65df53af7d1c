package org.gmmharness.backend.commonsmath;

import java.util.Arrays;

/**
 * The fused kernel behind {@link CommonsMathLinearAlgebra#blockQuadraticForms}: for a chunk of
 * rows of x, {@code acc[b][i] = Σ_{j<w} (offsets[c] + Σ_q x[i][q]·f[q][c])²} with {@code c = b·w + j},
 * computed while the chunk is in cache, never forming the n×(K·w) product.
 *
 * <p>Commons Math has no such operation, and its products are scalar loops: HotSpot's C2 (JDK 17)
 * vectorises a loop only when every array in it is indexed by the loop counter itself, which
 * the library's blocked dot products are not. The backend gathers each chunk of x from the
 * {@code BlockRealMatrix} blocks transposed into per-thread arrays {@code xT[q][0..rows)}; this
 * class then accumulates, for each column c of f, the chunk's column of the product along the
 * rows as {@code p[i] = p[i] + f[q][c]·xT[q][i] + …} with four q per pass, every array indexed by
 * {@code i}, so that C2 turns it into SIMD code, and adds its square to the block's accumulator
 * {@code acc[b][0..rows)}, also along the rows.
 *
 * <p>Measured with an ad-hoc harness (median wall ms of 15 calls, the variants interleaved; JDK 17
 * with AVX2 on the project's 2-core EPYC while other jobs shared it, so ±30%): 100000×16 with f
 * 16×128, 18–24 ms (one thread 25–26) against 160–178 ms for the SPI's default (this backend's
 * copy of the library's block product, then offsets and {@code blockRowSumsOfSquares}) and
 * 172 ms for the library's own {@code BlockRealMatrix.multiply} alone, which also allocates the
 * 100 MB result; 1000000×8 with 8×32, 43–51 against 291–430 and 219–334; 20000×64 with 64×1024,
 * 98–155 against 703–882 and 662–710; 100000×2 with 2×6, 1.5 against 5.9–11.8 and 3.0–4.3.
 *
 * <p>Each entry is accumulated as {@code offsets[c]} plus the products in order of q, and each
 * block's squares in order of j: the direct form, which keeps the digits a narrow component needs
 * (an expanded |a|² − 2ab + |b|² would not). A row's result depends only on that row, never on the
 * chunk or thread it falls in.
 *
 * <p>The working arrays are per thread ({@link #workspace}), cached in a {@link ThreadLocal} and
 * grown only when a call needs more: nothing is allocated per call.
 */
final class QuadraticFormKernel {

    /**
     * Rows per chunk: five of Commons Math's 52-row block rows. With d ≤ 64 the transposed chunk
     * is at most 133 KB, in L2; chunks of 64 to 1024 rows measured within 15% of each other on
     * the E-step shapes, with the longest loops best at small d.
     */
    static final int CHUNK = 5 * org.apache.commons.math3.linear.BlockRealMatrix.BLOCK_SIZE;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private QuadraticFormKernel() {
    }

    /** Per-thread chunk buffers: the transposed chunk, the block accumulators and one column. */
    static final class Workspace {
        double[][] xT = new double[0][];
        double[][] acc = new double[0][];
        final double[] p = new double[CHUNK];

        private Workspace fit(int d, int k) {
            if (xT.length < d) {
                xT = grow(xT, d);
            }
            if (acc.length < k) {
                acc = grow(acc, k);
            }
            return this;
        }

        private static double[][] grow(double[][] old, int size) {
            double[][] a = Arrays.copyOf(old, size);
            for (int i = old.length; i < size; i++) {
                a[i] = new double[CHUNK];
            }
            return a;
        }
    }

    /** @return this thread's buffers, with at least d rows of xT and k accumulators */
    static Workspace workspace(int d, int k) {
        return WORKSPACE.get().fit(d, k);
    }

    /**
     * The storage-independent part: from the transposed chunk {@code xT[q][0..rows)}, fills
     * {@code acc[b][0..rows)} with the chunk's results.
     */
    static void chunk(double[][] xT, int d, double[] f, int kw, double[] offsets, int w, double[][] acc,
                              int rows, double[] p) {
        for (int c = 0; c < kw; c++) {
            double o = offsets[c];
            int first = Math.min(d, 4);
            switch (first) {
                case 0:
                    Arrays.fill(p, 0, rows, o);
                    break;
                case 1:
                    init1(p, o, f[c], xT[0], rows);
                    break;
                case 2:
                    init2(p, o, f[c], f[kw + c], xT[0], xT[1], rows);
                    break;
                case 3:
                    init3(p, o, f[c], f[kw + c], f[2 * kw + c], xT[0], xT[1], xT[2], rows);
                    break;
                default:
                    init4(p, o, f[c], f[kw + c], f[2 * kw + c], f[3 * kw + c], xT[0], xT[1], xT[2], xT[3], rows);
                    break;
            }
            int q = first;
            for (; q + 4 <= d; q += 4) {
                int fi = q * kw + c;
                add4(p, f[fi], f[fi + kw], f[fi + 2 * kw], f[fi + 3 * kw], xT[q], xT[q + 1], xT[q + 2], xT[q + 3], rows);
            }
            int fi = q * kw + c;
            switch (d - q) {
                case 1:
                    add1(p, f[fi], xT[q], rows);
                    break;
                case 2:
                    add2(p, f[fi], f[fi + kw], xT[q], xT[q + 1], rows);
                    break;
                case 3:
                    add3(p, f[fi], f[fi + kw], f[fi + 2 * kw], xT[q], xT[q + 1], xT[q + 2], rows);
                    break;
                default:
                    break;
            }
            double[] a = acc[c / w];
            if (c % w == 0) {
                square(p, a, rows);
            } else {
                addSquare(p, a, rows);
            }
        }
    }

    // Each loop below indexes every array by its counter alone, which is what lets C2 vectorise it.
    // Sums are written left to right, so they round as the sequential sum over q does.

    private static void init1(double[] p, double o, double f0, double[] x0, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = o + f0 * x0[i];
        }
    }

    private static void init2(double[] p, double o, double f0, double f1, double[] x0, double[] x1, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = o + f0 * x0[i] + f1 * x1[i];
        }
    }

    private static void init3(double[] p, double o, double f0, double f1, double f2, double[] x0, double[] x1,
                              double[] x2, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = o + f0 * x0[i] + f1 * x1[i] + f2 * x2[i];
        }
    }

    private static void init4(double[] p, double o, double f0, double f1, double f2, double f3, double[] x0,
                              double[] x1, double[] x2, double[] x3, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = o + f0 * x0[i] + f1 * x1[i] + f2 * x2[i] + f3 * x3[i];
        }
    }

    private static void add1(double[] p, double f0, double[] x0, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] + f0 * x0[i];
        }
    }

    private static void add2(double[] p, double f0, double f1, double[] x0, double[] x1, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] + f0 * x0[i] + f1 * x1[i];
        }
    }

    private static void add3(double[] p, double f0, double f1, double f2, double[] x0, double[] x1, double[] x2,
                             int n) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] + f0 * x0[i] + f1 * x1[i] + f2 * x2[i];
        }
    }

    private static void add4(double[] p, double f0, double f1, double f2, double f3, double[] x0, double[] x1,
                             double[] x2, double[] x3, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] + f0 * x0[i] + f1 * x1[i] + f2 * x2[i] + f3 * x3[i];
        }
    }

    private static void square(double[] p, double[] acc, int n) {
        for (int i = 0; i < n; i++) {
            double v = p[i];
            acc[i] = v * v;
        }
    }

    private static void addSquare(double[] p, double[] acc, int n) {
        for (int i = 0; i < n; i++) {
            double v = p[i];
            acc[i] += v * v;
        }
    }
}
