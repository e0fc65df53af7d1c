package org.gmmharness.linalg;

import java.util.Arrays;

/**
 * The fused kernel behind the JVM-heap backends' {@link LinearAlgebra#blockQuadraticForms}: for
 * rows of x, {@code out[i][b] = Σ_{j<w} (offsets[c] + Σ_q x[i][q]·f[q][c])²} with
 * {@code c = b·w + j}, computed a chunk of rows at a time while the chunk is in L1/L2, never forming
 * the n×(K·w) product. A backend whose storage is row-major calls {@link #rows}; one with another
 * layout gathers each chunk itself into {@link ChunkBuffers} and calls {@link #compute}.
 *
 * <p>Neither EJML nor Commons Math has such an operation, and their product kernels do not
 * vectorise on this JDK: HotSpot's C2 (JDK 17) turns a loop into SIMD code only when every array in
 * it is indexed by the loop counter itself, and EJML's {@code mult_reorder} walks its arrays with
 * running offsets ({@code indexC++}, {@code indexB++}) as Commons Math's blocked dot products do,
 * which C2 leaves scalar. So this kernel is laid out for the vectoriser: each chunk of x is
 * transposed into d per-thread arrays {@code xT[q][0..rows)}, and for each column c of f the
 * chunk's column of the product is accumulated along the rows as
 * {@code p[i] = p[i] + f[q][c]·xT[q][i] + … } with four q per pass (one load and store of
 * {@code p} per four multiply-adds), every array indexed by {@code i}. The square of that column is
 * then added to the block's accumulator {@code acc[b][0..rows)}, also along the rows, so the sums of
 * squares vectorise too. (Four q per pass is what C2 still vectorises; with eight it gave up and
 * the kernel ran at half the speed.)
 *
 * <p>Measured on EJML's storage with an ad-hoc harness (median wall ms of 15 calls, the variants
 * interleaved; JDK 17 with AVX2 on the project's 2-core EPYC while other jobs shared it, so ±30%):
 * 100000×16 with f 16×128, 23–26 ms (one thread 26–28) against 111–126 ms for the SPI's default
 * (EJML's concurrent {@code mult}, then offsets and {@code blockRowSumsOfSquares}) and 83–102 ms
 * for that product alone; 1000000×8 with 8×32, 39–52 against 214–246 and 137–175; 20000×64 with
 * 64×1024, 144–175 against 615–796 and 586–799; 100000×2 with 2×6, 0.8–1.1 against 3.9–5.9 and
 * 1.2–1.9. Running EJML's {@code CommonOps_DDRM.mult} on each chunk (copied into a chunk-sized
 * {@code DMatrixRMaj}) before summing its squares was measured too and was no faster than the whole
 * product (122–180 ms single-threaded on the first shape, against 38 ms CPU for this kernel),
 * since EJML's inner loop is the scalar one. The Commons Math backend's measurements are with its
 * {@code blockQuadraticForms}.
 *
 * <p>Each entry is accumulated as {@code offsets[c]} plus the products in order of q, and each
 * block's squares in order of j: the direct form, which keeps the digits a narrow component needs
 * (an expanded |a|² − 2ab + |b|² would not). A row's result depends only on that row, never on the
 * chunk or thread it falls in, so the result is the same bit for bit however the rows are split.
 * A column's products stop at its last non-zero entry of f: the E-step's factors are upper
 * triangular, so column j of a block needs rows 0 to j alone, half the products of a dense f. And
 * columns go in pairs that share each pass over the chunk's inputs. On 20000×64 with K = 16, EJML's
 * E-step went from 62.6 ms to 45.0 ms with the first and to 24.6 ms with both (JMH, one fork each).
 *
 * <p>The working arrays (d + K + 2 arrays of at least a chunk's rows) are per thread, cached in a
 * {@link ThreadLocal} and grown only when a call needs more: nothing is allocated per call. The
 * methods do not check their arguments: the backend's SPI method has validated the shapes.
 */
public final class QuadraticFormKernel {

    /**
     * Rows per chunk of {@link #rows}. With d ≤ 64 the transposed chunk is at most 128 KB, in L2,
     * and each column pass reads up to four 2 KB rows of it; 256 measured best across the E-step
     * shapes (64 to 1024 were within 15% of each other above d = 8, and 256 to 1024 best at d = 2).
     */
    public static final int CHUNK = 256;

    /** Rows of at most this many values are transposed column by column (see {@link #transposeIn}). */
    private static final int SHORT_ROW = 4;

    private static final ThreadLocal<ChunkBuffers> BUFFERS = ThreadLocal.withInitial(ChunkBuffers::new);

    private QuadraticFormKernel() {
    }

    /**
     * One thread's chunk buffers: the transposed chunk of x, whose column q is
     * {@link #input(int) input(q)}{@code [0..rows)}, and the chunk's results, whose column b is
     * {@link #result(int) result(b)}{@code [0..rows)}. Obtained with {@link #buffers}; used by one
     * thread, one chunk at a time.
     */
    public static final class ChunkBuffers {
        private double[][] xT = new double[0][];
        private double[][] acc = new double[0][];
        /** The two columns of the product that one pass of {@link #computeChunk} works on. */
        private double[][] pair = new double[2][0];
        /** The next row of f to add to each of {@link #pair}. */
        private final int[] next = new int[2];
        /** Per column of f, its leading rows ({@link #leadingRows}). */
        private int[] used = new int[0];
        private int capacity;

        private ChunkBuffers() {
        }

        /**
         * @param q a column of x, 0 ≤ q &lt; d
         * @return the array into which the caller writes column q of the chunk, {@code x[i][q]} at
         *         index i for the chunk's rows i (counted from 0); length at least the capacity
         */
        public double[] input(int q) {
            return xT[q];
        }

        /**
         * @param b a block of the result, 0 ≤ b &lt; K
         * @return after {@link #compute}, {@code out[i][b]} at index i for the chunk's rows i
         */
        public double[] result(int b) {
            return acc[b];
        }

        private ChunkBuffers fit(int d, int k, int rows) {
            if (rows > capacity) {
                capacity = rows;
                xT = grow(new double[0][], xT.length, rows);
                acc = grow(new double[0][], acc.length, rows);
                pair = new double[][] {new double[rows], new double[rows]};
            }
            if (xT.length < d) {
                xT = grow(xT, d, capacity);
            }
            if (acc.length < k) {
                acc = grow(acc, k, capacity);
            }
            return this;
        }

        /**
         * @return per column c &lt; kw of f, 1 + its last row that is not zero (0 if none is): the
         *         rows below it add only zeros, as an upper-triangular factor's column j has from
         *         row j + 1 on, so leaving them out halves a triangular factor's work. Adding x·0 = ±0
         *         to a sum leaves it as it is (but for a −0 sum made +0, whose square is the same),
         *         so the result is the same bit for bit. Valid until this thread's next call.
         */
        private int[] leadingRows(double[] f, int d, int kw) {
            if (used.length < kw) {
                used = new int[kw];
            }
            Arrays.fill(used, 0, kw, 0);
            for (int q = 0; q < d; q++) {
                for (int c = 0, fi = q * kw; c < kw; c++, fi++) {
                    if (f[fi] != 0.0) {
                        used[c] = q + 1;
                    }
                }
            }
            return used;
        }

        private static double[][] grow(double[][] old, int size, int rows) {
            double[][] a = Arrays.copyOf(old, size);
            for (int i = old.length; i < size; i++) {
                a[i] = new double[rows];
            }
            return a;
        }
    }

    /**
     * @return this thread's buffers, with room for d input columns and K result columns of
     *         {@code rows} rows each; the same object on every call from one thread, so its contents
     *         are only valid until that thread's next call here
     */
    public static ChunkBuffers buffers(int d, int k, int rows) {
        return BUFFERS.get().fit(d, k, rows);
    }

    /**
     * Rows {@code r0 ≤ i < r1} of the result, from row-major storage, a chunk of {@link #CHUNK}
     * rows at a time.
     *
     * @param x       row-major n×d; not modified
     * @param f       row-major d×kw, with kw = k·w and w ≥ 1; not modified
     * @param offsets length kw; not modified
     * @param out     row-major n×k; rows r0 to r1 − 1 are overwritten, nothing else
     */
    public static void rows(double[] x, int d, double[] f, int kw, double[] offsets, int w, double[] out, int k,
                            int r0, int r1) {
        ChunkBuffers buf = buffers(d, k, CHUNK);
        double[][] xT = buf.xT;
        double[][] acc = buf.acc;
        int[] used = buf.leadingRows(f, d, kw);
        for (int c0 = r0; c0 < r1; c0 += CHUNK) {
            int rows = Math.min(CHUNK, r1 - c0);
            transposeIn(x, c0, d, xT, rows);
            computeChunk(buf, f, kw, offsets, w, rows, used);
            transposeOut(acc, out, c0, k, rows);
        }
    }

    /**
     * Rows c0 .. c0+rows-1 of row-major n×d x into {@code xT[q][i]}: row by row, reading x in
     * order, or, for rows of a few values, column by column, where a loop of d per row would cost
     * more than the strided reads.
     */
    private static void transposeIn(double[] x, int c0, int d, double[][] xT, int rows) {
        if (d <= SHORT_ROW) {
            for (int q = 0; q < d; q++) {
                double[] col = xT[q];
                for (int i = 0, xo = c0 * d + q; i < rows; i++, xo += d) {
                    col[i] = x[xo];
                }
            }
            return;
        }
        for (int i = 0, xo = c0 * d; i < rows; i++, xo += d) {
            for (int q = 0; q < d; q++) {
                xT[q][i] = x[xo + q];
            }
        }
    }

    /** The chunk's results {@code acc[b][i]} into rows c0 .. c0+rows-1 of row-major n×k out, as {@link #transposeIn}. */
    private static void transposeOut(double[][] acc, double[] out, int c0, int k, int rows) {
        if (k <= SHORT_ROW) {
            for (int b = 0; b < k; b++) {
                double[] res = acc[b];
                for (int i = 0, o = c0 * k + b; i < rows; i++, o += k) {
                    out[o] = res[i];
                }
            }
            return;
        }
        for (int i = 0, o = c0 * k; i < rows; i++) {
            for (int b = 0; b < k; b++, o++) {
                out[o] = acc[b][i];
            }
        }
    }

    /**
     * One chunk: from the transposed chunk in {@code buf}'s inputs, {@code input(q)[i] = x[i][q]}
     * for q &lt; d and i &lt; rows, fills its results,
     * {@code result(b)[i] = Σ_{j<w} (offsets[b·w + j] + Σ_q x[i][q]·f[q][b·w + j])²} for
     * b &lt; kw / w and i &lt; rows. The inputs are not modified.
     *
     * @param buf     this thread's buffers from {@link #buffers}, with room for d, kw / w and rows
     * @param f       row-major d×kw, with kw a multiple of w ≥ 1; not modified
     * @param offsets length kw; not modified
     */
    public static void compute(ChunkBuffers buf, int d, double[] f, int kw, double[] offsets, int w, int rows) {
        computeChunk(buf, f, kw, offsets, w, rows, buf.leadingRows(f, d, kw));
    }

    /**
     * {@link #compute} with each column's leading rows given: {@code used[c]} rows of column c of f
     * hold all its non-zero entries. Columns go in pairs, whose common groups of four rows of f
     * are added in one pass ({@link MultiplyAdds#add4x2}), loading each input column once for both.
     */
    private static void computeChunk(ChunkBuffers buf, double[] f, int kw, double[] offsets, int w, int rows,
                                     int[] used) {
        double[][] xT = buf.xT;
        double[][] pair = buf.pair;
        int[] next = buf.next;
        for (int c = 0; c < kw; c += 2) {
            int columns = Math.min(2, kw - c);
            // One call site per step for both columns: the JIT then compiles each step's loops once.
            for (int t = 0; t < columns; t++) {
                next[t] = start(pair[t], f, kw, c + t, offsets[c + t], used[c + t], xT, rows);
            }
            if (columns == 2 && next[0] == next[1]) {
                int q = next[0];
                for (int end = Math.min(used[c], used[c + 1]); q + 4 <= end; q += 4) {
                    int fi = q * kw + c;
                    MultiplyAdds.add4x2(pair[0], f[fi], f[fi + kw], f[fi + 2 * kw], f[fi + 3 * kw],
                            pair[1], f[fi + 1], f[fi + kw + 1], f[fi + 2 * kw + 1], f[fi + 3 * kw + 1],
                            xT[q], xT[q + 1], xT[q + 2], xT[q + 3], rows);
                }
                next[0] = q;
                next[1] = q;
            }
            for (int t = 0; t < columns; t++) {
                finish(pair[t], f, kw, c + t, next[t], used[c + t], xT, rows);
                addSquares(buf.acc, c + t, w, pair[t], rows);
            }
        }
    }

    /**
     * {@code p[i] = o + Σ_{q<first} f[q][c]·x[i][q]} with first = min(used, 4).
     *
     * @return first, the next row of f to add
     */
    private static int start(double[] p, double[] f, int kw, int c, double o, int used, double[][] xT, int rows) {
        int first = Math.min(used, 4);
        switch (first) {
            case 0 -> Arrays.fill(p, 0, rows, o);
            case 1 -> init1(p, o, f[c], xT[0], rows);
            case 2 -> init2(p, o, f[c], f[kw + c], xT[0], xT[1], rows);
            case 3 -> init3(p, o, f[c], f[kw + c], f[2 * kw + c], xT[0], xT[1], xT[2], rows);
            default -> init4(p, o, f[c], f[kw + c], f[2 * kw + c], f[3 * kw + c], xT[0], xT[1], xT[2], xT[3], rows);
        }
        return first;
    }

    /** Adds rows q to used − 1 of column c of f to p: groups of four, then the one to three left. */
    private static void finish(double[] p, double[] f, int kw, int c, int q, int used, double[][] xT, int rows) {
        for (; q + 4 <= used; q += 4) {
            int fi = q * kw + c;
            MultiplyAdds.add4(p, f[fi], f[fi + kw], f[fi + 2 * kw], f[fi + 3 * kw], xT[q], xT[q + 1], xT[q + 2],
                    xT[q + 3], rows);
        }
        int fi = q * kw + c;
        switch (used - q) {
            case 1 -> MultiplyAdds.add1(p, f[fi], xT[q], rows);
            case 2 -> MultiplyAdds.add2(p, f[fi], f[fi + kw], xT[q], xT[q + 1], rows);
            case 3 -> MultiplyAdds.add3(p, f[fi], f[fi + kw], f[fi + 2 * kw], xT[q], xT[q + 1], xT[q + 2], rows);
            default -> {
            }
        }
    }

    /** Column c's squares into its block's result: the first column of a block sets it, the others add. */
    private static void addSquares(double[][] acc, int c, int w, double[] p, int rows) {
        double[] a = acc[c / w];
        if (c % w == 0) {
            square(p, a, rows);
        } else {
            addSquare(p, a, rows);
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
