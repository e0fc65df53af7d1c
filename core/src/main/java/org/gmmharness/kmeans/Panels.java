package org.gmmharness.kmeans;

/**
 * N×D data packed once into panels of {@value #ROWS} consecutive rows, each panel stored column by
 * column (as a GEMM packs its operand panels; here once per fit, since the data do not change), so
 * that the distance kernels run along rows in unit stride. The panels are scikit-learn's Lloyd
 * chunks: 256 rows each, the last one holding the remainder.
 *
 * <p>Column j of panel q is its own array, {@code column(q, j)}, of {@code rows(q)} values: a loop
 * over it and over a panel-sized scratch array indexes both alike, which is what lets HotSpot's
 * auto-vectoriser (JDK 17) pack the loop.
 */
final class Panels {

    /** scikit-learn's {@code CHUNK_SIZE} in {@code _k_means_lloyd.pyx}. */
    static final int ROWS = 256;

    final int n;
    final int d;
    final int count;
    private final double[][] columns;

    /** Panels whose column arrays are still to be made, by {@link #allocate} for each panel. */
    private Panels(int n, int d) {
        this.n = n;
        this.d = d;
        this.count = (n + ROWS - 1) / ROWS;
        this.columns = new double[Math.multiplyExact(count, d)][];
    }

    private void allocate(int q) {
        for (int j = 0; j < d; j++) {
            columns[q * d + j] = new double[rows(q)];
        }
    }

    /** @return x − shift, packed; {@code shift} may be null */
    static Panels of(double[][] x, double[] shift) {
        Panels p = new Panels(x.length, x[0].length);
        int d = p.d;
        for (int q = 0; q < p.count; q++) {
            p.allocate(q);
            int start = q * ROWS;
            int rows = p.rows(q);
            for (int r = 0; r < rows; r++) {
                double[] row = x[start + r];
                if (row.length != d) {
                    throw new IllegalArgumentException("row " + (start + r) + " has " + row.length
                            + " features, expected " + d);
                }
                for (int j = 0; j < d; j++) {
                    p.columns[q * d + j][r] = shift == null ? row[j] : row[j] - shift[j];
                }
            }
        }
        return p;
    }

    /**
     * @return x − shift for row-major N×D {@code x}, packed by the team's workers, each a run of
     *         consecutive panels; {@code shift} may be null
     */
    static Panels of(double[] x, int n, int d, double[] shift, Team team) {
        Panels p = new Panels(n, d);
        int workers = team.size();
        team.run(workers, w -> {
            for (int q = (int) ((long) w * p.count / workers); q < (long) (w + 1) * p.count / workers; q++) {
                p.allocate(q);
                p.pack(x, q, shift);
            }
        });
        return p;
    }

    /** Panel q of x − shift (shift may be null). */
    private void pack(double[] x, int q, double[] shift) {
        int start = q * ROWS;
        int rows = rows(q);
        for (int j = 0; j < d; j++) {
            double[] col = columns[q * d + j];
            int src = start * d + j;
            if (shift == null) {
                for (int r = 0; r < rows; r++) {
                    col[r] = x[src + r * d];
                }
            } else {
                double s = shift[j];
                for (int r = 0; r < rows; r++) {
                    col[r] = x[src + r * d] - s;
                }
            }
        }
    }

    /** @return the first row of panel q */
    int start(int q) {
        return q * ROWS;
    }

    /** @return the number of rows of panel q */
    int rows(int q) {
        return Math.min(ROWS, n - q * ROWS);
    }

    /** @return column j of panel q (not a copy) */
    double[] column(int q, int j) {
        return columns[q * d + j];
    }

    /** Copies row i into {@code out[off .. off+D-1]}. */
    void row(int i, double[] out, int off) {
        int q = i / ROWS;
        int r = i - q * ROWS;
        for (int j = 0; j < d; j++) {
            out[off + j] = columns[q * d + j][r];
        }
    }

    /** @return row-wise ‖x_i‖², each summed over j left to right */
    double[] squaredNorms() {
        double[] out = new double[n];
        for (int q = 0; q < count; q++) {
            int start = start(q);
            int rows = rows(q);
            for (int j = 0; j < d; j++) {
                double[] col = columns[q * d + j];
                for (int r = 0; r < rows; r++) {
                    double v = col[r];
                    out[start + r] += v * v;
                }
            }
        }
        return out;
    }

    /**
     * Panel q's dot products with {@code a[aOff .. aOff+D-1]}, each accumulated over j left to
     * right with fused multiply-adds from zero, as the BLAS kernels accumulate them:
     * {@code out[r] = x_r · a}. Four columns are taken per pass over {@code out}; the order of the
     * operations on each element is unchanged by that.
     */
    void dots(int q, double[] a, int aOff, double[] out) {
        int rows = rows(q);
        int base = q * d;
        double[] c0 = columns[base];
        double a0 = a[aOff];
        int j;
        if (d >= 4) {
            double[] c1 = columns[base + 1];
            double[] c2 = columns[base + 2];
            double[] c3 = columns[base + 3];
            double a1 = a[aOff + 1];
            double a2 = a[aOff + 2];
            double a3 = a[aOff + 3];
            for (int r = 0; r < rows; r++) {
                out[r] = Math.fma(c3[r], a3, Math.fma(c2[r], a2, Math.fma(c1[r], a1, Math.fma(c0[r], a0, 0.0))));
            }
            j = 4;
        } else {
            for (int r = 0; r < rows; r++) {
                out[r] = Math.fma(c0[r], a0, 0.0);
            }
            j = 1;
        }
        for (; j + 4 <= d; j += 4) {
            double[] c1 = columns[base + j];
            double[] c2 = columns[base + j + 1];
            double[] c3 = columns[base + j + 2];
            double[] c4 = columns[base + j + 3];
            double a1 = a[aOff + j];
            double a2 = a[aOff + j + 1];
            double a3 = a[aOff + j + 2];
            double a4 = a[aOff + j + 3];
            for (int r = 0; r < rows; r++) {
                out[r] = Math.fma(c4[r], a4, Math.fma(c3[r], a3, Math.fma(c2[r], a2, Math.fma(c1[r], a1, out[r]))));
            }
        }
        for (; j < d; j++) {
            double[] cj = columns[base + j];
            double aj = a[aOff + j];
            for (int r = 0; r < rows; r++) {
                out[r] = Math.fma(cj[r], aj, out[r]);
            }
        }
    }
}
