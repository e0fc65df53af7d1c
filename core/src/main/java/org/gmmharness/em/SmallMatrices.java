package org.gmmharness.em;

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

    /** @return l⁻¹ for a lower-triangular l with non-zero diagonal, by forward substitution */
    static double[] invertLower(double[] l, int d) {
        double[] inv = new double[d * d];
        for (int col = 0; col < d; col++) {
            for (int i = col; i < d; i++) {
                double s = i == col ? 1.0 : 0.0;
                for (int m = col; m < i; m++) {
                    s -= l[i * d + m] * inv[m * d + col];
                }
                inv[i * d + col] = s / l[i * d + i];
            }
        }
        return inv;
    }

    /**
     * Lower Cholesky factor in plain Java, for validating user precisions and for sampling.
     *
     * @return L with L·Lᵀ = a, or null when a is not positive definite
     */
    static double[] choleskyOrNull(double[] a, int d) {
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int m = 0; m < j; m++) {
                s -= l[j * d + m] * l[j * d + m];
            }
            if (!(s > 0.0)) {
                return null;
            }
            double ljj = Math.sqrt(s);
            l[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int m = 0; m < j; m++) {
                    t -= l[i * d + m] * l[j * d + m];
                }
                l[i * d + j] = t / ljj;
            }
        }
        return l;
    }
}
