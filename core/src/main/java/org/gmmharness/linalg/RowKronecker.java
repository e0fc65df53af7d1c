package org.gmmharness.linalg;

/**
 * The plain-Java kernels of {@link LinearAlgebra#rowKronecker}: {@link #write} for row-major
 * storage, {@link #writeColumnMajor} for column-major storage, where every output column is the
 * element-wise product of a column of weights and a column of data.
 */
public final class RowKronecker {

    private RowKronecker() {
    }

    /**
     * Writes {@code out[i] = w_i ⊗ x_i}: entry (i, c·d + j) is {@code w[i][c]·x[i][j]}, one
     * rounding each.
     *
     * @param w   b×k row-major; not modified
     * @param x   b×d row-major; not modified
     * @param out b×(k·d) row-major; overwritten, neither {@code w} nor {@code x}
     */
    public static void write(double[] w, int k, double[] x, int d, int b, double[] out) {
        int q = 0;
        for (int i = 0; i < b; i++) {
            int in = i * d;
            for (int c = 0; c < k; c++) {
                double wc = w[i * k + c];
                for (int j = 0; j < d; j++) {
                    out[q++] = wc * x[in + j];
                }
            }
        }
    }

    /**
     * Writes the same b×(k·d) matrix as {@link #write}, every array column-major: column c·d + j
     * is {@code w[:, c] ∘ x[:, j]}.
     *
     * @param w   b×k column-major (entry (i, c) at {@code c·b + i}); not modified
     * @param x   b×d column-major; not modified
     * @param out b×(k·d) column-major; overwritten, neither {@code w} nor {@code x}
     */
    public static void writeColumnMajor(double[] w, int k, double[] x, int d, int b, double[] out) {
        int q = 0;
        for (int c = 0; c < k; c++) {
            int cw = c * b;
            for (int j = 0; j < d; j++) {
                int cx = j * b;
                // Contiguous columns: the loop the JIT vectorises.
                for (int i = 0; i < b; i++) {
                    out[q + i] = w[cw + i] * x[cx + i];
                }
                q += b;
            }
        }
    }
}
