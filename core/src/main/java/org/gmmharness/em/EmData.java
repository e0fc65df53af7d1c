package org.gmmharness.em;

import org.gmmharness.linalg.LinearAlgebra;

/**
 * The data of one fit or one scoring call, on the backend, in centred coordinates.
 *
 * <p>Besides X (N×D) it holds the design matrix that the M-step multiplies the responsibilities
 * with, so that each M-step is one product Rᵀ·design with inner dimension N: [X, vech(x·xᵀ)]
 * (N×(D + D(D+1)/2), the samples and their distinct second moments) for full covariances,
 * [X, X∘X] (N×2D) for diagonal and [X, ‖x‖²] (N×(D+1)) for spherical covariances, which their
 * E-steps also use; X itself for tied covariances, whose XᵀX does not change between iterations
 * and is kept.
 */
final class EmData<M> {

    final LinearAlgebra<M> la;
    final CovarianceType type;
    final int n;
    final int d;
    /** N×D centred data. */
    final M x;
    /** The matrix the M-step multiplies with (see the class comment); X itself for tied. */
    final M design;
    /** XᵀX row-major (D×D), for tied covariances only; null otherwise. */
    final double[] gram;
    /** The centre that was subtracted from the caller's data. */
    final double[] center;

    /**
     * @param centred N×D values, already validated and centred; not retained
     * @param center  the centre subtracted from the caller's data, length D
     */
    EmData(LinearAlgebra<M> la, CovarianceType type, double[][] centred, double[] center) {
        this.la = la;
        this.type = type;
        this.n = centred.length;
        this.d = centred[0].length;
        this.center = center.clone();
        this.x = la.fromRowMajor(n, d, flatten(centred, Extra.NONE));
        switch (type) {
            case FULL:
                this.design = la.fromRowMajor(n, d + d * (d + 1) / 2, flatten(centred, Extra.MOMENTS));
                break;
            case DIAG:
                this.design = la.fromRowMajor(n, 2 * d, flatten(centred, Extra.SQUARES));
                break;
            case SPHERICAL:
                this.design = la.fromRowMajor(n, d + 1, flatten(centred, Extra.SQUARED_NORM));
                break;
            default:
                this.design = x;
        }
        if (type == CovarianceType.TIED) {
            M g = la.zeros(d, d);
            la.multiply(x, true, x, false, g);
            this.gram = la.toRowMajor(g);
        } else {
            this.gram = null;
        }
    }

    /** Which columns {@link #flatten} appends after the D values of each row. */
    private enum Extra { NONE, SQUARES, SQUARED_NORM, MOMENTS }

    private static double[] flatten(double[][] rows, Extra extra) {
        int d = rows[0].length;
        int w = extra == Extra.SQUARES ? 2 * d : extra == Extra.SQUARED_NORM ? d + 1
                : extra == Extra.MOMENTS ? d + d * (d + 1) / 2 : d;
        double[] out = new double[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            int o = i * w;
            System.arraycopy(r, 0, out, o, d);
            if (extra == Extra.SQUARES) {
                for (int j = 0; j < d; j++) {
                    out[o + d + j] = r[j] * r[j];
                }
            } else if (extra == Extra.MOMENTS) {
                int q = o + d;
                for (int a = 0; a < d; a++) {
                    for (int b = a; b < d; b++) {
                        out[q++] = r[a] * r[b];
                    }
                }
            } else if (extra == Extra.SQUARED_NORM) {
                double s = 0.0;
                for (int j = 0; j < d; j++) {
                    s += r[j] * r[j];
                }
                out[o + d] = s;
            }
        }
        return out;
    }
}
