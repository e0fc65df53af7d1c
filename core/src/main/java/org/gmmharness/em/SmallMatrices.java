package org.gmmharness.em;

import org.gmmharness.linalg.Cholesky;

/**
 * Plain-Java helpers for parameter-sized D×D matrices stored row-major, used only outside the EM
 * loop's data path (model summaries, user inits, sampling).
 */
final class SmallMatrices {

    private SmallMatrices() {
    }

    static double[] transpose(double[] a, int d) {
        double[] t = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[j * d + i] = a[i * d + j];
            }
        }
        return t;
    }

    /** @return a·b */
    static double[] multiply(double[] a, double[] b, int d) {
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0.0;
                for (int m = 0; m < d; m++) {
                    s += a[i * d + m] * b[m * d + j];
                }
                c[i * d + j] = s;
            }
        }
        return c;
    }

    /** @return a·bᵀ */
    static double[] multiplyTransB(double[] a, double[] b, int d) {
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0.0;
                for (int m = 0; m < d; m++) {
                    s += a[i * d + m] * b[j * d + m];
                }
                c[i * d + j] = s;
            }
        }
        return c;
    }

    /** @return aᵀ·b */
    static double[] multiplyTransA(double[] a, double[] b, int d) {
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0.0;
                for (int m = 0; m < d; m++) {
                    s += a[m * d + i] * b[m * d + j];
                }
                c[i * d + j] = s;
            }
        }
        return c;
    }

    /**
     * @return l⁻¹ for a lower-triangular l with non-zero diagonal, by forward substitution
     *         ({@link Cholesky#invertLower})
     */
    static double[] invertLower(double[] l, int d) {
        double[] inv = new double[d * d];
        Cholesky.invertLower(l, d, inv);
        return inv;
    }

    /**
     * Lower Cholesky factor in plain Java ({@link Cholesky#lower}), for validating user precisions
     * and for sampling.
     *
     * @return L with L·Lᵀ = a, or null when a is not numerically positive definite
     */
    static double[] choleskyOrNull(double[] a, int d) {
        double[] l = new double[d * d];
        return Cholesky.lower(a, d, l) < 0 ? l : null;
    }
}
