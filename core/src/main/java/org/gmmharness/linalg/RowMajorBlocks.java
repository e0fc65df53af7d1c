package org.gmmharness.linalg;

/**
 * Element-wise broadcasts and column sums over one row-major block of h rows and w columns, the
 * loops that backends storing their matrices as row-major arrays share: EJML runs them once over a
 * whole matrix, Commons Math once per 52×52 block. Each entry takes the roundings NumPy's
 * expression takes (no fused multiply-add). The methods neither allocate nor check their
 * arguments (the SPI front has checked the shapes).
 */
public final class RowMajorBlocks {

    /** Widths from which a row is a long enough loop by itself; narrower blocks are taken in tiles of rows. */
    private static final int NARROW = 16;
    /** Entries per tile of narrow rows: small enough to stay in L1 beside the rows it is added to. */
    private static final int TILE = 512;
    /**
     * Each thread's tile, kept so that no call allocates: Commons Math calls once per 52×52 block,
     * and a tile per call was 6.5 MB per EM iteration on W1.
     */
    private static final ThreadLocal<double[]> TILES = ThreadLocal.withInitial(() -> new double[TILE]);

    private RowMajorBlocks() {
    }

    /**
     * {@code out[p][j] = alpha·a[p][j] + v[c0 + j]}, as NumPy's {@code alpha * a + v}.
     *
     * @param a   h×w row-major; not modified unless it is {@code out}
     * @param out h×w row-major; overwritten; may be {@code a}
     * @param v   the row vector; entries {@code [c0, c0 + w)} are this block's columns
     */
    public static void scaleAddRow(double[] a, double[] out, int h, int w, double alpha, double[] v, int c0) {
        if (w >= NARROW || (long) h * w < 2 * TILE) {
            for (int p = 0, q = 0; p < h; p++) {
                for (int j = 0; j < w; j++, q++) {
                    out[q] = alpha * a[q] + v[c0 + j];
                }
            }
            return;
        }
        // A row of a few columns is too short a loop for C2 to vectorise: v is repeated over a
        // tile of whole rows, and the tiles go through one loop that indexes a, out and the tile alike.
        int len = TILE / w * w;
        double[] tile = TILES.get();
        for (int q = 0; q < len; q++) {
            tile[q] = v[c0 + q % w];
        }
        int total = h * w;
        int q0 = 0;
        for (; q0 + len <= total; q0 += len) {
            for (int t = 0; t < len; t++) {
                out[q0 + t] = alpha * a[q0 + t] + tile[t];
            }
        }
        for (int t = 0; q0 + t < total; t++) {
            out[q0 + t] = alpha * a[q0 + t] + tile[t];
        }
    }

    /**
     * {@code out[p][j] = a[p][j] − v[v0 + p]}. Each row's entry of v is read before the row is
     * written, so {@code out} may be v's storage when a is a column.
     *
     * @param out h×w row-major; overwritten; may be {@code a}
     */
    public static void subtractColumn(double[] a, double[] out, int h, int w, double[] v, int v0) {
        for (int p = 0, q = 0; p < h; p++) {
            double s = v[v0 + p];
            for (int j = 0; j < w; j++, q++) {
                out[q] = a[q] - s;
            }
        }
    }

    /**
     * {@code out[p][j] = a[p][j]·scales[s0 + p·stride]}. Each row's scale is read before the row
     * is written.
     *
     * @param out h×w row-major; overwritten; may be {@code a}
     */
    public static void scaleRows(double[] a, double[] out, int h, int w, double[] scales, int s0, int stride) {
        for (int p = 0, q = 0; p < h; p++) {
            double s = scales[s0 + p * stride];
            for (int j = 0; j < w; j++, q++) {
                out[q] = a[q] * s;
            }
        }
    }

    /**
     * {@code sums[c0 + j] += a[p][j]} for p = 0, 1, …, h − 1 in order: NumPy's order for the column
     * sums of a C-ordered matrix, row by row, when the blocks are visited from the top.
     *
     * @param a    h×w row-major; not modified
     * @param sums accumulated into at {@code [c0, c0 + w)}
     */
    public static void addColumnSums(double[] a, int h, int w, double[] sums, int c0) {
        for (int p = 0, q = 0; p < h; p++) {
            for (int j = 0; j < w; j++, q++) {
                sums[c0 + j] += a[q];
            }
        }
    }
}
