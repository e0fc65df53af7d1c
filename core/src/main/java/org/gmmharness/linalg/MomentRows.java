package org.gmmharness.linalg;

/**
 * The plain-Java kernel of {@link LinearAlgebra#momentRows}, shared by the SPI's default and by
 * backends whose storage is a row-major {@code double[]}.
 */
public final class MomentRows {

    private MomentRows() {
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
        int w = d + d * (d + 1) / 2;
        for (int i = 0; i < b; i++) {
            int in = i * d;
            int q = i * w;
            System.arraycopy(x, in, out, q, d);
            q += d;
            for (int a = 0; a < d; a++) {
                double xa = x[in + a];
                for (int c = a; c < d; c++) {
                    out[q++] = xa * x[in + c];
                }
            }
        }
    }
}
