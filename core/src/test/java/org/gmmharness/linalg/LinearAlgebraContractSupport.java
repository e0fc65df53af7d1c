package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;

/**
 * What every part of the {@link LinearAlgebra} contract test shares: the backend under test, created
 * fresh for each test by {@link #backend()}, the tolerances, each with its reason, and the helpers
 * that build inputs and compare results. The contract itself is split by concern into abstract
 * classes ({@link ArrayBoundaryContract}, {@link ProductContract}, {@link ElementwiseContract},
 * {@link ReductionContract}, {@link FactorisationContract}, {@link MStepCompositeContract},
 * {@link EStepCompositeContract}, {@link ConventionsContract}, {@link ThreadSafetyContract}), which
 * every backend subclasses; they are published in core's test-jar. A backend whose operations take
 * other paths on other storage layouts also overrides {@link #layouts}.
 *
 * <p>Expected values are either exact by construction (small integers, powers of two, identities
 * such as log(exp(0)) = 0) or computed here by naive loops over seeded random data, and compared
 * with the tolerances below, each scaled by the size of what it bounds.
 *
 * @param <M> the backend's matrix type
 */
public abstract class LinearAlgebraContractSupport<M> {

    /**
     * Relative tolerance for a product entry, scaled by Σ_k |a_ik·b_kj|. Any summation order
     * bounds the error of a length-k dot product by about k·2⁻⁵³·Σ|a·b|, under 1e-14 for the
     * k ≤ 64 used here; 1e-12 leaves room for blocked and fused kernels, while a wrong index or
     * transpose gives errors of order one.
     */
    protected static final double PRODUCT_TOL = 1e-12;

    /**
     * Relative tolerance for element-wise arithmetic of one or two roundings, scaled by the
     * magnitudes of the operands: a backend may fuse {@code alpha·a + v} into one multiply-add,
     * which moves the result by at most an ulp or two (2.2e-16 each).
     */
    protected static final double ROUNDING_TOL = 1e-15;

    /**
     * Relative tolerance for exp, log and log-sum-exp, scaled by max(1, |expected|). Libraries'
     * exp and log (glibc, Intel's, SLEEF, fdlibm) are within a few ulps of each other, and
     * log-sum-exp adds the rounding of a k-term sum.
     */
    protected static final double TRANSCENDENTAL_TOL = 1e-14;

    /**
     * Relative tolerance for Cholesky factors and triangular inverses of the well-conditioned
     * d ≤ 12 matrices used here (condition numbers below about 10³), scaled by the norm of what is
     * compared: their backward error is a modest multiple of d·2⁻⁵³·κ, and LAPACK-style blocked
     * code rounds in another order than a textbook loop.
     */
    protected static final double FACTOR_TOL = 1e-12;

    /** The seed of every random matrix, so that a failure reproduces. */
    protected static final long SEED = 20240611L;

    /** The backend under test, created fresh for each test by {@link #backend()}. */
    protected LinearAlgebra<M> la;

    /** @return a new instance of the backend under test */
    protected abstract LinearAlgebra<M> backend();

    @BeforeEach
    void createBackend() {
        la = backend();
        assertNotNull(la, "backend() returned null");
    }

    /**
     * A view of the backend in which the SPI's default methods ({@code blockQuadraticForms},
     * {@code normalizeRows}, {@code copyToRowMajor}, {@code weightedScatter}) run as the interface
     * defines them, on this backend's primitives, instead of this backend's overrides.
     */
    @SuppressWarnings("unchecked")
    protected final LinearAlgebra<M> defaults() {
        LinearAlgebra<M> target = la;
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault() && !method.getName().equals("environment")) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (LinearAlgebra<M>) Proxy.newProxyInstance(LinearAlgebra.class.getClassLoader(),
                new Class<?>[] {LinearAlgebra.class}, h);
    }

    /**
     * The same values in each storage the backend's operations treat differently (for example row-
     * and column-major), so that the overrides are checked in each; by default the one that
     * {@link LinearAlgebra#fromRowMajor} makes.
     *
     * @return new rows×cols matrices holding {@code rowMajor}
     */
    protected List<M> layouts(double[] rowMajor, int rows, int cols) {
        return List.of(la.fromRowMajor(rows, cols, rowMajor));
    }

    /** @return a rows×cols matrix whose every entry is {@code value}, to prove an out is overwritten */
    protected final M filled(int rows, int cols, double value) {
        double[] data = new double[rows * cols];
        Arrays.fill(data, value);
        return la.fromRowMajor(rows, cols, data);
    }

    /** Asserts the shape of {@code m} through the backend's own accessors. */
    protected final void assertShape(int rows, int cols, M m) {
        assertEquals(rows, la.rows(m), "rows");
        assertEquals(cols, la.cols(m), "cols");
    }

    protected static double[] gaussian(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }

    /** @return B·Bᵀ/d + I for a Gaussian d×d B: symmetric, eigenvalues in [1, ~5] */
    protected static double[] randomSpd(Random rnd, int d) {
        double[] b = gaussian(rnd, d * d);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += b[i * d + k] * b[j * d + k];
                }
                s /= d;
                if (i == j) {
                    s += 1;
                }
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
        }
        return a;
    }

    protected static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * Compares a product with a naive triple loop over the row-major operands, entry by entry,
     * with {@link #PRODUCT_TOL} times Σ_k |op(a)_ik·op(b)_kj|.
     */
    protected static void assertProductClose(double[] a, boolean transA, double[] b, boolean transB,
                                           int m, int k, int n, double[] got, String what) {
        assertEquals(m * n, got.length, what + ": size");
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double scale = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[p * m + i] : a[i * k + p];
                    double y = transB ? b[j * k + p] : b[p * n + j];
                    s += x * y;
                    scale += Math.abs(x * y);
                }
                assertClose(s, got[i * n + j], PRODUCT_TOL * scale, what + " [" + i + "][" + j + "]");
            }
        }
    }

    /**
     * Compares blockQuadraticForms with the direct form computed by a naive loop. Each entry of
     * P + offsets carries an error of at most a few ulps of Σ_q |x_iq·f_qc| + |offset_c|, its
     * scale; squaring turns an error δ of v into 2|v|δ + δ². The bound is that, with
     * {@link #PRODUCT_TOL} as δ's relative size, plus the rounding of the sum of squares: loose for
     * any correct order of operations, but far tighter than what the expanded form
     * |P|² + 2P·o + |o|² loses when |P + o| is small against the scale.
     */
    protected static void assertBlockQuadraticFormsClose(double[] x, double[] f, double[] offsets, int n, int d,
                                                       int k, int w, double[] got, String what) {
        int kw = k * w;
        assertEquals(n * k, got.length, what + ": size");
        double[] v = new double[kw];
        double[] scale = new double[kw];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < kw; c++) {
                double s = 0;
                double sc = 0;
                for (int q = 0; q < d; q++) {
                    double t = x[i * d + q] * f[q * kw + c];
                    s += t;
                    sc += Math.abs(t);
                }
                v[c] = s + offsets[c];
                scale[c] = sc + Math.abs(offsets[c]);
            }
            for (int b = 0; b < k; b++) {
                double expected = 0;
                double tol = 0;
                for (int j = 0; j < w; j++) {
                    double e = v[b * w + j];
                    double delta = PRODUCT_TOL * scale[b * w + j];
                    expected += e * e;
                    tol += 2 * Math.abs(e) * delta + delta * delta;
                }
                tol += PRODUCT_TOL * expected;
                assertClose(expected, got[i * k + b], tol, what + " [" + i + "][" + b + "]");
            }
        }
    }

    /**
     * Checks normalizeRows against its definition: logNorm as SciPy's logsumexp (m + log Σ
     * exp(a − m), an infinite maximum giving itself), log-responsibilities a − logNorm (so a row of
     * -inf only, or with +inf, gives NaN where ∞ − ∞ is taken), responsibilities their exp.
     */
    protected static void assertNormalizedRows(double[] a, int n, int k, double[] logNorm, double[] logResp,
                                             double[] resp, String what) {
        assertEquals(n, logNorm.length, what + ": logNorm size");
        assertEquals(n * k, logResp.length, what + ": log-responsibilities size");
        assertEquals(n * k, resp.length, what + ": responsibilities size");
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                m = Math.max(m, a[i * k + j]);
            }
            double lse;
            if (Double.isInfinite(m)) {
                lse = m;
            } else {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += Math.exp(a[i * k + j] - m);
                }
                lse = m + Math.log(sum);
            }
            double lseTol = TRANSCENDENTAL_TOL * Math.max(1, Math.abs(lse));
            assertClose(lse, logNorm[i], lseTol, what + " logNorm[" + i + "]");
            for (int j = 0; j < k; j++) {
                int p = i * k + j;
                double expected = a[p] - lse;
                double tol = lseTol + TRANSCENDENTAL_TOL * Math.abs(expected);
                if (Double.isNaN(expected)) {
                    assertTrue(Double.isNaN(logResp[p]), what + " log-responsibility [" + i + "][" + j + "]: expected NaN but was " + logResp[p]);
                    assertTrue(Double.isNaN(resp[p]), what + " responsibility [" + i + "][" + j + "]: expected NaN but was " + resp[p]);
                    continue;
                }
                assertClose(expected, logResp[p], tol, what + " log-responsibility [" + i + "][" + j + "]");
                double r = Math.exp(expected);
                // exp turns an absolute error of its argument into a relative one; below 1e-300
                // (subnormals) a library may flush to zero.
                assertClose(r, resp[p], r * (1.01 * tol + TRANSCENDENTAL_TOL) + 1e-300,
                        what + " responsibility [" + i + "][" + j + "]");
            }
        }
    }

    /** |expected − actual| ≤ absTol, with non-finite values required to match exactly. */
    protected static void assertClose(double expected, double actual, double absTol, String what) {
        if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
            assertEquals(expected, actual, what);
            return;
        }
        if (Math.abs(expected - actual) > absTol) {
            fail(what + ": expected " + expected + " but was " + actual + " (difference "
                    + Math.abs(expected - actual) + " > " + absTol + ")");
        }
    }

    /** Entry by entry, within {@code relTol·max(1, |expected|)}; non-finite entries exactly. */
    protected static void assertEntries(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], relTol * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }

    /** Entry by entry, within {@code relTol·|expected|}; non-finite entries exactly. */
    protected static void assertEntriesRelative(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], relTol * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }

    /** Entry by entry, within {@code relTol·scale}; for values of known magnitude. */
    protected static void assertEntriesScaled(double[] expected, double[] actual, double relTol, double scale,
                                            String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], relTol * scale, what + " [" + i + "]");
        }
    }

    /** @return {@code length} NaNs, to prove that an output is overwritten */
    protected static double[] nans(int length) {
        double[] a = new double[length];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Within 1e-13 of Σ_j (Σ_q |x·f| + |o|)², the scale of each entry's rounding. */
    protected static void assertQuadraticFormsAgree(double[] x, double[] f, double[] off, int n, int d, int k, int w,
                                                    double[] want, double[] got, String what) {
        int kw = k * w;
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < k; b++) {
                double scale = 0;
                for (int j = 0; j < w; j++) {
                    int c = b * w + j;
                    double s = Math.abs(off[c]);
                    for (int q = 0; q < d; q++) {
                        s += Math.abs(x[i * d + q] * f[q * kw + c]);
                    }
                    scale += s * s;
                }
                assertClose(want[i * k + b], got[i * k + b], 1e-13 * scale, what + " [" + i + "][" + b + "]");
            }
        }
    }

    /**
     * Rows of every kind: ordinary, shifted by ±1e5 and ±1e300, tiny, spread so that terms
     * underflow, with −∞ entries, all −∞, with +∞, with NaN, and +∞ beside −∞.
     */
    protected static double[] logProbabilities(Random rnd, int n, int k) {
        double[] a = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double g = rnd.nextGaussian();
                double v;
                switch (i % 11) {
                    case 0: v = 30 * g - 20; break;
                    case 1: v = (i % 4 == 1 ? 1e5 : -1e5) + 10 * g; break;
                    case 2: v = 1e-300 * g; break;
                    case 3: v = -800 * rnd.nextDouble(); break;
                    case 4: v = rnd.nextInt(3) == 0 ? Double.NEGATIVE_INFINITY : 5 * g; break;
                    case 5: v = Double.NEGATIVE_INFINITY; break;
                    case 6: v = j == k / 2 ? Double.POSITIVE_INFINITY : g; break;
                    case 7: v = j == 0 ? Double.NaN : g; break;
                    case 8: v = (i % 2 == 0 ? 1e300 : -1e300) * (1 + 1e-3 * g); break;
                    case 9: v = j == 0 ? Double.POSITIVE_INFINITY : j == 1 ? Double.NEGATIVE_INFINITY : g; break;
                    default: v = -1e4 + g; break;
                }
                a[i * k + j] = v;
            }
        }
        return a;
    }

    /**
     * The override against the default, with the contract's bounds: non-finite values exactly;
     * log-sum-exps within 1e-14 of max(1, |logNorm|); log-responsibilities within that plus 1e-14
     * of their size; responsibilities within that bound relatively (exp turns an absolute error of
     * its argument into a relative one; the default's exp(a − logNorm) carries the rounding of
     * a − logNorm), plus 1e-300 for subnormals.
     */
    protected static void assertNormalizationsAgree(double[] wantNorm, double[] wantLog, double[] wantResp,
                                                    double[] gotNorm, double[] gotLog, double[] gotResp, int k,
                                                    String what) {
        for (int i = 0; i < wantNorm.length; i++) {
            double tol = TRANSCENDENTAL_TOL * Math.max(1, Math.abs(wantNorm[i]));
            assertClose(wantNorm[i], gotNorm[i], tol, what + " logNorm[" + i + "]");
            for (int j = 0; j < k; j++) {
                int p = i * k + j;
                double logTol = tol + TRANSCENDENTAL_TOL * Math.abs(wantLog[p]);
                assertClose(wantLog[p], gotLog[p], logTol, what + " log-responsibility [" + i + "][" + j + "]");
                assertClose(wantResp[p], gotResp[p], Math.abs(wantResp[p]) * (1.01 * logTol + TRANSCENDENTAL_TOL) + 1e-300,
                        what + " responsibility [" + i + "][" + j + "]");
            }
        }
    }
}
