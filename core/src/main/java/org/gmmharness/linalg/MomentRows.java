package org.gmmharness.linalg;

/**
 * The plain-Java kernels of {@link LinearAlgebra#momentRows}: {@link #write} for row-major storage
 * (the SPI's default and backends that keep a row-major {@code double[]}), {@link #writeColumnMajor}
 * for column-major storage, where every design column is the element-wise product of two data
 * columns.
 */
public final class MomentRows {

    private MomentRows() {
    }

    /** @return the columns of a design row of d values: d + d(d+1)/2 */
    public static int width(int d) {
        return d + d * (d + 1) / 2;
    }

    /**
     * Writes {@code out[i] = [x_i, vech(x_i·x_iᵀ)]} for b rows: the d values of row i, then the
     * products {@code x[i][a]·x[i][c]} for a ≤ c, the upper triangle row by row, one rounding each.
     *
     * @param x   b×d row-major; not modified
     * @param b   rows
     * @param d   columns of x
     * @param out b×(d + d(d+1)/2) row-major; overwritten, not {@code x}
     */
    public static void write(double[] x, int b, int d, double[] out) {
        int w = width(d);
        for (int i = 0; i < b; i++) {
            writeRow(x, i * d, d, out, i * w);
        }
    }

    /**
     * Writes one design row {@code out[to .. to+w) = [x_i, vech(x_i·x_iᵀ)]} of the row
     * {@code x[from .. from+d)}, as {@link #write} does for each of its rows.
     *
     * @param x    holds the row; not modified
     * @param from the row's first index in x
     * @param d    the row's length
     * @param out  receives d + d(d+1)/2 values from {@code to}; nothing else is modified
     * @param to   the first index written in out
     */
    public static void writeRow(double[] x, int from, int d, double[] out, int to) {
        System.arraycopy(x, from, out, to, d);
        int q = to + d;
        for (int a = 0; a < d; a++) {
            double xa = x[from + a];
            for (int c = a; c < d; c++) {
                out[q++] = xa * x[from + c];
            }
        }
    }

    /**
     * Writes the same b×(d + d(d+1)/2) design as {@link #write}, both arrays column-major: columns
     * j &lt; d are the data's, then column (a, c) for a ≤ c, in the upper triangle's row order, is
     * {@code x[:, a] ∘ x[:, c]}. Each entry is the same one rounding as in {@link #write}, so both
     * layouts hold identical values.
     *
     * @param x   b×d column-major (entry (i, j) at {@code j·b + i}); not modified
     * @param b   rows
     * @param d   columns of x
     * @param out b×(d + d(d+1)/2) column-major; overwritten, not {@code x}
     */
    public static void writeColumnMajor(double[] x, int b, int d, double[] out) {
        System.arraycopy(x, 0, out, 0, b * d);
        int q = b * d;
        for (int a = 0; a < d; a++) {
            int ca = a * b;
            for (int c = a; c < d; c++) {
                int cc = c * b;
                // Contiguous columns: the loop the JIT vectorises.
                for (int i = 0; i < b; i++) {
                    out[q + i] = x[ca + i] * x[cc + i];
                }
                q += b;
            }
        }
    }
}
