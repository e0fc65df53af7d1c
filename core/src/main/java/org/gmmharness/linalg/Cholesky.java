package org.gmmharness.linalg;

/**
 * The plain-Java Cholesky factorisation of a small dense matrix, for backends whose library has
 * none worth calling at these sizes and for core's own parameter-sized matrices.
 */
public final class Cholesky {

    private Cholesky() {
    }

    /**
     * The lower factor L with {@code L·Lᵀ = a}, by the Cholesky–Banachiewicz loop: row by row,
     * {@code L[i][j] = (a[i][j] − Σ_{k<j} L[i][k]·L[j][k]) / L[j][j]} for j &lt; i and
     * {@code L[i][i] = √(a[i][i] − Σ_{k<i} L[i][k]²)}, each sum taken in order k = 0, 1, ….
     * Only the lower triangle of {@code a} is read.
     *
     * @param a d×d row-major; not modified
     * @param d the size, ≥ 0
     * @param l d×d row-major, not {@code a}; overwritten with L and zeros above the diagonal, up to
     *          the failing pivot when the factorisation fails
     * @return −1 when every pivot is positive and finite; otherwise the index p of the first that is
     *         not (NaN included), with its value in {@code l[p·d + p]}
     */
    public static int lower(double[] a, int d, double[] l) {
        java.util.Arrays.fill(l, 0, d * d, 0.0);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (!(s > 0.0) || Double.isInfinite(s)) {
                        l[i * d + i] = s;
                        return i;
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        return -1;
    }

    /**
     * {@code out = l⁻¹} for a lower-triangular l, by forward substitution column by column of the
     * identity: {@code X[j][j] = 1 / l[j][j]} and, for i &gt; j,
     * {@code X[i][j] = −(Σ_{j≤k<i} l[i][k]·X[k][j]) / l[i][i]}, the sum in order. Only the lower
     * triangle of {@code l} is read.
     *
     * @param l   d×d row-major lower triangular; not modified
     * @param d   the size, ≥ 0
     * @param out d×d row-major, not {@code l}; overwritten, zeros above the diagonal
     * @return −1 when the diagonal has no zero; otherwise the index of its first zero, and
     *         {@code out} is unspecified
     */
    public static int invertLower(double[] l, int d, double[] out) {
        for (int i = 0; i < d; i++) {
            if (l[i * d + i] == 0.0) {
                return i;
            }
        }
        java.util.Arrays.fill(out, 0, d * d, 0.0);
        for (int j = 0; j < d; j++) {
            out[j * d + j] = 1.0 / l[j * d + j];
            for (int i = j + 1; i < d; i++) {
                double s = 0.0;
                for (int k = j; k < i; k++) {
                    s += l[i * d + k] * out[k * d + j];
                }
                out[i * d + j] = -s / l[i * d + i];
            }
        }
        return -1;
    }
}
