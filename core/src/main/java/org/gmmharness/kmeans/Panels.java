package org.gmmharness.kmeans;

/**
 * Row-major N×D data, less a shift, seen as panels of {@value #ROWS} consecutive rows: scikit-learn's
 * Lloyd chunks, the last one holding the remainder. The data are not copied: each pass packs the
 * panel it works on, transposed, into its thread's {@link Scratch} ({@link #pack}), as a GEMM
 * packs its operand panels, and runs the distance kernels on that copy in unit stride.
 *
 * <p>Packing in each pass rather than once per fit costs a read of the data per pass, which a
 * packed copy costs too, plus a transpose of a panel that is in L1 by then; it saves the N·D
 * packed copy itself (64 MB at 1,000,000×8), which lived through the whole k-means run as tens of
 * thousands of small arrays that the young collections copied. The shifted values are
 * {@code x[i·d + j] − shift[j]} wherever they are taken, so every pass sees the same numbers.
 *
 * <p>Column j of a packed panel is its own array: a loop over it and over a panel-sized result
 * array indexes both alike, which is what lets HotSpot's auto-vectoriser (JDK 17) pack the loop.
 */
final class Panels {

    /** scikit-learn's {@code CHUNK_SIZE} in {@code _k_means_lloyd.pyx}. */
    static final int ROWS = 256;

    final int n;
    final int d;
    final int count;
    private final double[] x;
    private final double[] shift;

    private Panels(double[] x, int n, int d, double[] shift) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.count = (n + ROWS - 1) / ROWS;
        // x − 0.0 is x bit for bit (−0.0 included), so no shift is a zero shift.
        this.shift = shift == null ? new double[d] : shift.clone();
    }

    /**
     * @param x rows of equal length; copied once into one row-major array
     * @return the panels of x − shift; {@code shift} may be null
     */
    static Panels of(double[][] x, double[] shift) {
        int n = x.length;
        int d = x[0].length;
        double[] flat = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            double[] row = x[i];
            if (row.length != d) {
                throw new IllegalArgumentException("row " + i + " has " + row.length + " features, expected " + d);
            }
            System.arraycopy(row, 0, flat, i * d, d);
        }
        return new Panels(flat, n, d, shift);
    }

    /**
     * @param x row-major N×D data, referenced and not modified
     * @return the panels of x − shift; {@code shift} may be null
     */
    static Panels of(double[] x, int n, int d, double[] shift) {
        return new Panels(x, n, d, shift);
    }

    /** One thread's packed panel: column j in {@code column(j)[0 .. rows)}. */
    static final class Scratch {
        private final double[][] columns;

        private Scratch(int d) {
            columns = new double[d][ROWS];
        }

        /** @return column j of the panel last packed (not a copy) */
        double[] column(int j) {
            return columns[j];
        }
    }

    /** @return one scratch to {@link #pack} panels of these data into for each of {@code threads} threads */
    Scratch[] scratches(int threads) {
        Scratch[] s = new Scratch[threads];
        for (int t = 0; t < threads; t++) {
            s[t] = new Scratch(d);
        }
        return s;
    }

    /**
     * Packs panel q of x − shift into {@code into}, eight columns at a time: each row's eight
     * values are one cache line of x, read once, where packing column by column would read every
     * line eight times at a stride of D values.
     */
    void pack(int q, Scratch into) {
        int start = q * ROWS;
        int rows = rows(q);
        double[][] cols = into.columns;
        int j = 0;
        for (; j + 8 <= d; j += 8) {
            packEight(start * d + j, rows, cols, j);
        }
        for (; j < d; j++) {
            double[] col = cols[j];
            int src = start * d + j;
            double s = shift[j];
            for (int r = 0; r < rows; r++) {
                col[r] = x[src + r * d] - s;
            }
        }
    }

    /** Columns j .. j+7 of {@code rows} rows from {@code x[src ..]} into {@code cols}. */
    private void packEight(int src, int rows, double[][] cols, int j) {
        double[] c0 = cols[j];
        double[] c1 = cols[j + 1];
        double[] c2 = cols[j + 2];
        double[] c3 = cols[j + 3];
        double[] c4 = cols[j + 4];
        double[] c5 = cols[j + 5];
        double[] c6 = cols[j + 6];
        double[] c7 = cols[j + 7];
        double s0 = shift[j];
        double s1 = shift[j + 1];
        double s2 = shift[j + 2];
        double s3 = shift[j + 3];
        double s4 = shift[j + 4];
        double s5 = shift[j + 5];
        double s6 = shift[j + 6];
        double s7 = shift[j + 7];
        for (int r = 0; r < rows; r++) {
            int i = src + r * d;
            c0[r] = x[i] - s0;
            c1[r] = x[i + 1] - s1;
            c2[r] = x[i + 2] - s2;
            c3[r] = x[i + 3] - s3;
            c4[r] = x[i + 4] - s4;
            c5[r] = x[i + 5] - s5;
            c6[r] = x[i + 6] - s6;
            c7[r] = x[i + 7] - s7;
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

    /** @return element (i, j) of x − shift */
    double get(int i, int j) {
        return x[i * d + j] - shift[j];
    }

    /** Copies row i of x − shift into {@code out[off .. off+D-1]}. */
    void row(int i, double[] out, int off) {
        for (int j = 0; j < d; j++) {
            out[off + j] = get(i, j);
        }
    }

    /**
     * The row-wise ‖x_r‖² of a packed panel of {@code rows} rows into {@code out[off ..]}, each
     * summed over j left to right.
     */
    static void squaredNorms(Scratch p, int rows, double[] out, int off) {
        double[] c0 = p.columns[0];
        for (int r = 0; r < rows; r++) {
            double v = c0[r];
            out[off + r] = v * v;
        }
        for (int j = 1; j < p.columns.length; j++) {
            double[] col = p.columns[j];
            for (int r = 0; r < rows; r++) {
                double v = col[r];
                out[off + r] += v * v;
            }
        }
    }

    /** @return ‖a[off .. off+d-1]‖², summed left to right as {@link #squaredNorms} sums each row */
    static double squaredNorm(double[] a, int off, int d) {
        double s = a[off] * a[off];
        for (int j = 1; j < d; j++) {
            s += a[off + j] * a[off + j];
        }
        return s;
    }

    /**
     * A packed panel's dot products with {@code a[aOff .. aOff+D-1]}, each accumulated over j left
     * to right with fused multiply-adds from zero, as the BLAS kernels accumulate them:
     * {@code out[r] = x_r · a} for its first {@code rows} rows. Four columns are taken per pass
     * over {@code out}; the order of the operations on each element is unchanged by that.
     */
    static void dots(Scratch p, int rows, double[] a, int aOff, double[] out) {
        double[][] columns = p.columns;
        int d = columns.length;
        double[] c0 = columns[0];
        double a0 = a[aOff];
        int j;
        if (d >= 4) {
            double[] c1 = columns[1];
            double[] c2 = columns[2];
            double[] c3 = columns[3];
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
            double[] c1 = columns[j];
            double[] c2 = columns[j + 1];
            double[] c3 = columns[j + 2];
            double[] c4 = columns[j + 3];
            double a1 = a[aOff + j];
            double a2 = a[aOff + j + 1];
            double a3 = a[aOff + j + 2];
            double a4 = a[aOff + j + 3];
            for (int r = 0; r < rows; r++) {
                out[r] = Math.fma(c4[r], a4, Math.fma(c3[r], a3, Math.fma(c2[r], a2, Math.fma(c1[r], a1, out[r]))));
            }
        }
        for (; j < d; j++) {
            double[] cj = columns[j];
            double aj = a[aOff + j];
            for (int r = 0; r < rows; r++) {
                out[r] = Math.fma(cj[r], aj, out[r]);
            }
        }
    }
}
