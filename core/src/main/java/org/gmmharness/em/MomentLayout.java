package org.gmmharness.em;

import org.gmmharness.linalg.MomentRows;

/**
 * The layout of a full covariance's moment row [x, vech(x·xᵀ)], scikit-learn's
 * {@code _estimate_gaussian_covariances_full} summed in one pass: D first moments x_j, then the
 * D(D+1)/2 distinct second moments x_a·x_b for a ≤ b, the upper triangle row by row. The design
 * rows that {@link MomentRows#write} forms on a backend, the K rows of weighted sums in
 * {@link SufficientStatistics}, and the M-step that reads them back all meet here, so that no other
 * class knows where entry (a, b) lives.
 */
final class MomentLayout {

    private final int d;

    /** @param d number of features, ≥ 1 */
    MomentLayout(int d) {
        this.d = d;
    }

    /** @return the columns of a moment row of D features: D + D(D+1)/2 */
    static int width(int d) {
        return MomentRows.width(d);
    }

    /** @return the columns of a moment row: D + D(D+1)/2 */
    int width() {
        return width(d);
    }

    /** @return the column of the first moment x_j, 0 ≤ j &lt; D */
    int firstMoment(int j) {
        return j;
    }

    /**
     * @return the column of the second moment x_a·x_b, 0 ≤ a ≤ b &lt; D: past the D first moments,
     *         the rows 0 … a−1 of the upper triangle (D − i entries each), then b − a
     */
    int secondMoment(int a, int b) {
        return d + a * d - a * (a - 1) / 2 + (b - a);
    }

    /**
     * Adds a D×D matrix's upper triangle to the second moments of a moment row:
     * {@code row[rowFrom + secondMoment(a, b)] += square[squareFrom + a·D + b]} for a ≤ b, one
     * addition each; the first moments are left alone.
     *
     * @param square     holds a D×D row-major matrix from {@code squareFrom}; not modified
     * @param row        holds a moment row from {@code rowFrom}; its second moments are added to
     */
    void addUpperTriangle(double[] square, int squareFrom, double[] row, int rowFrom) {
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                row[rowFrom + secondMoment(a, b)] += square[squareFrom + a * d + b];
            }
        }
    }
}
