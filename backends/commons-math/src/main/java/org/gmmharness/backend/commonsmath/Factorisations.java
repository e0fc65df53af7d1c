package org.gmmharness.backend.commonsmath;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.util.Precision;
import org.gmmharness.linalg.NotPositiveDefiniteException;

/**
 * The backend's d×d factorisations on row-major arrays: the library's Cholesky algorithm and its
 * forward substitution, each on a per-thread copy rather than through the library's classes, which
 * copy their argument and result on every call.
 */
final class Factorisations {

    private Factorisations() {
    }

    /**
     * Overwrites {@code u}, holding a d×d matrix whose lower triangle is read, with its lower
     * Cholesky factor L (zeros above the diagonal), by the algorithm of the library's
     * {@link CholeskyDecomposition}, in its order of operations, so bit for bit its factor (a test
     * checks this against the class).
     *
     * <p>That algorithm factors the <em>upper</em> triangle of a symmetric matrix, row by row: each
     * pivot must exceed a threshold, becomes its square root, scales the rest of its row by its
     * reciprocal, and the outer product of that row is subtracted from the trailing upper triangle,
     * from the last row up. The class first checks symmetry against a relative threshold; the
     * upper triangle here is the mirror of the lower one, as the contract reads only that, so the
     * check would always pass and is not repeated. The positivity threshold, which the class takes
     * as an absolute bound on every pivot defaulting to 1e-10, is 0: a pivot must be positive, as in
     * LAPACK's {@code dpotrf} that scikit-learn relies on, and a legitimately tiny variance is not
     * rejected. Since a NaN pivot slips past "pivot &le; 0", the factor's diagonal is also checked
     * to be positive and finite.
     *
     * @param u d×d row-major, d ≥ 1; overwritten with L
     * @throws NotPositiveDefiniteException naming d if a pivot is not positive or the factor is not
     *                                      finite
     */
    static void cholesky(double[] u, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                u[i * d + j] = u[j * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            int rowI = i * d;
            double pivot = u[rowI + i];
            if (pivot <= 0.0) {
                throw new NotPositiveDefiniteException("cholesky: the " + d + "x" + d
                        + " matrix is not positive definite (pivot " + i + " is " + pivot + ")");
            }
            double root = Math.sqrt(pivot);
            u[rowI + i] = root;
            double inverse = 1.0 / root;
            for (int q = d - 1; q > i; q--) {
                u[rowI + q] *= inverse;
                double uiq = u[rowI + q];
                for (int p = q, rowQ = q * d; p < d; p++) {
                    u[rowQ + p] -= uiq * u[rowI + p];
                }
            }
        }
        // L is the transpose of that upper factor.
        for (int i = 0; i < d; i++) {
            double pivot = u[i * d + i];
            if (!(pivot > 0.0) || Double.isInfinite(pivot)) {
                throw new NotPositiveDefiniteException("cholesky: the " + d + "x" + d
                        + " matrix is not numerically positive definite (pivot " + i + " is " + pivot + ")");
            }
            for (int j = i + 1; j < d; j++) {
                u[j * d + i] = u[i * d + j];
                u[i * d + j] = 0.0;
            }
        }
    }

    /**
     * Overwrites {@code ld}, holding a d×d matrix whose lower triangle is read, with the inverse of
     * that lower triangle, column by column with the library's forward substitution
     * {@link MatrixUtils#solveLowerTriangularSystem} against the columns of the identity (Commons
     * Math has no triangular inverse, and {@code MatrixUtils.inverse} would run a pivoting LU over
     * the whole matrix). The solver is given a copy of the lower triangle with zeros above; only the
     * lower triangle of each solution is kept. This is the substitution order of LAPACK's
     * {@code dtrsm}, which scikit-learn's {@code solve_triangular} calls.
     *
     * @param ld d×d row-major, d ≥ 1; overwritten with the inverse, zeros above the diagonal
     * @throws ArithmeticException if a diagonal entry is zero (or below {@link Precision#SAFE_MIN},
     *                             which the library refuses)
     */
    static void invertLower(double[] ld, int d) {
        Scratch scratch = Scratch.get();
        double[][] lower = scratch.matrix(d);
        for (int i = 0; i < d; i++) {
            double diag = ld[i * d + i];
            if (Math.abs(diag) < Precision.SAFE_MIN) {
                throw new ArithmeticException("invertLowerTriangular: the " + d + "x" + d
                        + " matrix is singular (diagonal entry " + i + " is " + diag + ")");
            }
            System.arraycopy(ld, i * d, lower[i], 0, i + 1);
            Arrays.fill(lower[i], i + 1, d, 0.0);
        }
        RealMatrix lm = new Array2DRowRealMatrix(lower, false);
        // l's values are in lower now, so its row-major copy can take the inverse.
        double[] inv = ld;
        Arrays.fill(inv, 0, d * d, 0.0);
        double[] e = scratch.vector(d);
        // The solver overwrites e in place: the vector wraps it without a copy.
        ArrayRealVector ev = new ArrayRealVector(e, false);
        for (int k = 0; k < d; k++) {
            Arrays.fill(e, 0.0);
            e[k] = 1.0;
            MatrixUtils.solveLowerTriangularSystem(lm, ev);
            for (int i = k; i < d; i++) {
                inv[i * d + k] = e[i];
            }
        }
    }
}
