package org.gmmharness.em;

import org.gmmharness.linalg.LinearAlgebra;

/**
 * The data of one fit or one scoring call, on the backend, in centred coordinates: the one copy of
 * the data that the backend holds.
 *
 * <p>The stored matrix has the layout that the type's E-step multiplies with: X (N×D) for full and
 * tied covariances, [X, X∘X] (N×2D) for diagonal and [X, ‖x‖²] (N×(D+1)) for spherical ones. It is
 * written in one pass over the caller's row-major values, which checks every value (NaN and
 * infinity, with their row and column), subtracts the centre and appends the extra columns, as
 * the backend takes rows ({@link LinearAlgebra#fromRowSource}): into one array it keeps, or block
 * by block into its own storage. The M-step's second moments of full covariances are formed
 * block by block (see {@link SufficientStatistics}), never for all rows at once.
 */
final class EmData<M> {

    final LinearAlgebra<M> la;
    final CovarianceType type;
    final int n;
    final int d;
    /** The stored matrix (see the class comment): N×D, N×2D or N×(D+1). */
    final M design;
    /** N×D centred data for full and tied covariances (the stored matrix itself); null otherwise. */
    final M x;
    /** XᵀX row-major (D×D), for tied covariances only; null otherwise. */
    final double[] gram;
    /** The centre that was subtracted from the caller's data. */
    final double[] center;

    /**
     * @param values row-major N×D values in the caller's coordinates, shape already checked; not
     *               modified, not retained
     * @param center the centre to subtract, length D
     * @param name   what the caller calls the data, for the messages of bad values
     * @throws IllegalArgumentException at the first NaN or infinite value, naming its row and column
     */
    EmData(LinearAlgebra<M> la, CovarianceType type, double[] values, int n, int d, double[] center, String name) {
        this(la, type, values, n, d, center, name, false);
    }

    /**
     * As {@link #EmData(LinearAlgebra, CovarianceType, double[], int, int, double[], String)}; with
     * {@code inPlace} (full and tied covariances only, whose stored matrix is N×D) the values are
     * checked and centred in {@code values} itself, which is then
     * {@linkplain LinearAlgebra#adoptRowMajor handed to the backend}: the caller's array becomes
     * the one copy of the data (EJML keeps it as its storage), and is not the caller's any more.
     */
    EmData(LinearAlgebra<M> la, CovarianceType type, double[] values, int n, int d, double[] center, String name,
           boolean inPlace) {
        this.la = la;
        this.type = type;
        this.n = n;
        this.d = d;
        this.center = center.clone();
        int width = storedWidth(type, d);
        if (inPlace) {
            if (width != d) {
                throw new IllegalArgumentException(type + " covariances store more columns than the data's");
            }
            centre(values, 0, n, d, center, type, width, name, values);
            this.design = la.adoptRowMajor(n, d, values);
        } else {
            this.design = la.fromRowSource(n, width,
                    (from, count, block) -> centre(values, from, count, d, center, type, width, name, block));
        }
        this.x = type == CovarianceType.FULL || type == CovarianceType.TIED ? design : null;
        if (type == CovarianceType.TIED) {
            M g = la.zeros(d, d);
            la.multiply(x, true, x, false, g);
            this.gram = la.toRowMajor(g);
        } else {
            this.gram = null;
        }
    }

    /** Columns of the stored matrix: D (full, tied), 2D (diagonal) or D+1 (spherical). */
    static int storedWidth(CovarianceType type, int d) {
        // Full covariances keep X alone: their second moments are built block by block in the M-step.
        return type == CovarianceType.FULL ? d : SufficientStatistics.width(type, d);
    }

    /**
     * The one validating, centring pass over rows [from, from + count): row i − from of
     * {@code out} is (x_i − c) and the type's extra columns. {@code out} may be {@code values} when
     * from = 0 and width = d: each value is read before its place is written.
     */
    private static void centre(double[] values, int from, int count, int d, double[] c, CovarianceType type,
                               int width, String name, double[] out) {
        for (int i = from; i < from + count; i++) {
            int in = i * d;
            int o = (i - from) * width;
            double norm = 0.0;
            for (int j = 0; j < d; j++) {
                double v = values[in + j];
                InputValidation.checkFinite(v, name, i, j);
                double centred = v - c[j];
                out[o + j] = centred;
                if (type == CovarianceType.DIAG) {
                    out[o + d + j] = centred * centred;
                } else if (type == CovarianceType.SPHERICAL) {
                    norm += centred * centred;
                }
            }
            if (type == CovarianceType.SPHERICAL) {
                out[o + d] = norm;
            }
        }
    }
}
