package org.gmmharness.kmeans;

/**
 * N×D data packed once into panels of {@value #ROWS} consecutive rows, each panel stored column by
 * column (as a GEMM packs its operand panels, here once per fit since the data do not change), so
 * that the distance kernels run along rows in unit stride and the JIT can vectorise them. The
 * panels are scikit-learn's Lloyd chunks: 256 rows each, the last one holding the remainder.
 *
 * <p>Element (r, j) of panel p is {@code data[start(p)·D + j·rows(p) + r]}: the panels lie one
 * after another in row order, so the array has N·D values.
 */
final class Panels {

    /** scikit-learn's {@code CHUNK_SIZE} in {@code _k_means_lloyd.pyx}. */
    static final int ROWS = 256;

    final double[] data;
    final int n;
    final int d;
    final int count;

    private Panels(int n, int d) {
        this.n = n;
        this.d = d;
        this.data = new double[Math.multiplyExact(n, d)];
        this.count = (n + ROWS - 1) / ROWS;
    }

    /** @return x − shift, packed; {@code shift} may be null */
    static Panels of(double[][] x, double[] shift) {
        Panels p = new Panels(x.length, x[0].length);
        int d = p.d;
        for (int q = 0; q < p.count; q++) {
            int start = q * ROWS;
            int rows = p.rows(q);
            int base = start * d;
            for (int r = 0; r < rows; r++) {
                double[] row = x[start + r];
                if (row.length != d) {
                    throw new IllegalArgumentException("row " + (start + r) + " has " + row.length
                            + " features, expected " + d);
                }
                for (int j = 0; j < d; j++) {
                    p.data[base + j * rows + r] = shift == null ? row[j] : row[j] - shift[j];
                }
            }
        }
        return p;
    }

    /** @return x − shift for row-major N×D {@code x}, packed; {@code shift} may be null */
    static Panels of(double[] x, int n, int d, double[] shift) {
        Panels p = new Panels(n, d);
        for (int q = 0; q < p.count; q++) {
            int start = q * ROWS;
            int rows = p.rows(q);
            int base = start * d;
            for (int r = 0; r < rows; r++) {
                int src = (start + r) * d;
                for (int j = 0; j < d; j++) {
                    p.data[base + j * rows + r] = shift == null ? x[src + j] : x[src + j] - shift[j];
                }
            }
        }
        return p;
    }

    /** @return the first row of panel q */
    int start(int q) {
        return q * ROWS;
    }

    /** @return the number of rows of panel q */
    int rows(int q) {
        return Math.min(ROWS, n - q * ROWS);
    }

    /** @return x[i][j] */
    double get(int i, int j) {
        int q = i / ROWS;
        int rows = rows(q);
        return data[q * ROWS * d + j * rows + (i - q * ROWS)];
    }

    /** Copies row i into {@code out[0 .. D-1]}. */
    void row(int i, double[] out, int off) {
        int q = i / ROWS;
        int rows = rows(q);
        int base = q * ROWS * d + (i - q * ROWS);
        for (int j = 0; j < d; j++) {
            out[off + j] = data[base + j * rows];
        }
    }

    /** @return row-wise ‖x_i‖², each summed over j left to right */
    double[] squaredNorms() {
        double[] out = new double[n];
        for (int q = 0; q < count; q++) {
            int start = start(q);
            int rows = rows(q);
            int base = start * d;
            for (int j = 0; j < d; j++) {
                int col = base + j * rows;
                for (int r = 0; r < rows; r++) {
                    double v = data[col + r];
                    out[start + r] += v * v;
                }
            }
        }
        return out;
    }

    /**
     * Row-panel q's dot products with {@code a[aOff .. aOff+D-1]}, each taken over j left to right
     * with fused multiply-adds, as the BLAS kernels accumulate them: {@code out[outOff + r] = x_r · a}.
     */
    void dots(int q, double[] a, int aOff, double[] out, int outOff) {
        int rows = rows(q);
        int base = start(q) * d;
        double a0 = a[aOff];
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = Math.fma(data[base + r], a0, 0.0);
        }
        for (int j = 1; j < d; j++) {
            double aj = a[aOff + j];
            int col = base + j * rows;
            for (int r = 0; r < rows; r++) {
                out[outOff + r] = Math.fma(data[col + r], aj, out[outOff + r]);
            }
        }
    }
}
