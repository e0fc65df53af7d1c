package org.gmmharness.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.gmmharness.linalg.AbstractLinearAlgebraContractTest;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.NotPositiveDefiniteException;
import org.junit.jupiter.api.Test;

/**
 * The SPI contract on EJML, plus what this backend promises beyond it: NumPy's summation order
 * (checked bit for bit against values NumPy 1.24.2 / SciPy 1.10.1 computed), NaN handling, and
 * EJML's storage quirks.
 */
class EjmlLinearAlgebraTest extends AbstractLinearAlgebraContractTest<DMatrixRMaj> {

    @Override
    protected LinearAlgebra<DMatrixRMaj> backend() {
        return new EjmlLinearAlgebra();
    }

    // ---- NumPy parity, bit for bit -------------------------------------------------------
    //
    // The inputs are exact in both languages: v(i) = (((i·7919) mod 1999) − 999) / 1000 · 2^((i mod 41) − 20)
    // and w(i) = (((i·7919) mod 1999) − 999) / 64 (one correctly rounded division, then a power of
    // two). Expected bits come from:
    //   a = np.array([v(i) for i in range(20000)])
    //   np.sum(a.reshape(160, 125)); a.reshape(2000, 10).sum(axis=0)
    //   c = a[:1200].reshape(4, 300); np.sum(np.square(np.ascontiguousarray(c[:, k*w:(k+1)*w])), axis=1)
    //   scipy.special.logsumexp(np.array([w(i) for i in range(5*k)]).reshape(5, k), axis=1)

    private static double v(int i) {
        return Math.scalb((((long) i * 7919) % 1999 - 999) / 1000.0, (i % 41) - 20);
    }

    private static double w(int i) {
        return ((((long) i * 7919) % 1999) - 999) / 64.0;
    }

    private static double[] vs(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = v(i);
        }
        return a;
    }

    @Test
    void sumFollowsNumpysBufferedPairwiseOrder() {
        double[] a = vs(20000);
        // A plain left-to-right loop gives 0x414c3aa2bb68bc94, so this tells the orders apart.
        assertEquals(0x414c3aa2bb68bca0L, Double.doubleToRawLongBits(la.sum(la.fromRowMajor(160, 125, a))));
        assertEquals(0x414c3aa2bb68bca0L, Double.doubleToRawLongBits(la.columnSums(la.fromRowMajor(20000, 1, a))[0]),
                "a single column is summed as NumPy sums a contiguous vector");
    }

    @Test
    void columnSumsFollowNumpysRowByRowOrder() {
        long[] expected = {0x4140b2d260ff0c6cL, 0x413c24378a02b6d1L, 0x412da4ef035430dfL, 0xc1058a6e116bf70eL,
            0xc144377c310a8923L, 0xc129d553ed92e7a8L, 0x41358d1f337a51feL, 0x410e33f44b5927d9L,
            0xc1314ba2c7ab16b6L, 0x413c1be6cef83608L};
        assertBits(expected, la.columnSums(la.fromRowMajor(2000, 10, vs(20000))));
    }

    @Test
    void blockRowSumsOfSquaresFollowNumpysOrder() {
        DMatrixRMaj c = la.fromRowMajor(4, 300, vs(1200));
        DMatrixRMaj out150 = la.zeros(4, 2);
        la.blockRowSumsOfSquares(c, 150, out150);
        assertBits(new long[] {0x4270541bc2b101ddL, 0x4281882f59fdc334L, 0x427079b04dab22faL, 0x4280043f4c982381L,
            0x427178cc8fe0a1feL, 0x427eb150cca326d2L, 0x4272ae2af703ffbaL, 0x428160ed8f47c72eL},
            la.toRowMajor(out150));
        DMatrixRMaj out20 = la.zeros(4, 15);
        la.blockRowSumsOfSquares(c, 20, out20);
        assertBits(new long[] {0x3fb08bb689fb6614L, 0x41d0f47b2e535383L, 0x41fadfb506ddb996L, 0x4232641952d72885L,
            0x42681676ea4228d8L, 0x41beded86e0c0fdeL, 0x42480c9fb6134cf6L, 0x41e9caedb1b83838L,
            0x4252c428d434a027L, 0x41a041b4b661955bL, 0x426462010624dd2eL, 0x41a02d4d600c17d0L,
            0x4221705d9e40c850L, 0x4172dc986b74093aL, 0x427394d543aeab79L, 0x41518e45b4111bddL,
            0x4224752098915bdeL, 0x41411093dbe25f75L, 0x426394a1ef4384baL, 0x40fd253adde2cb89L,
            0x425413c7c73ffac3L, 0x410af74420122dd6L, 0x4246678890279570L, 0x4098d1476ffe72b1L,
            0x426b5fa4a28ae74fL, 0x40d3912e8124b7e1L, 0x41f7df638fd199bcL, 0x40366a95712e62aaL,
            0x42707a995388bbd4L, 0x409061d19dc51cf2L, 0x423ac6809e1dca4aL, 0x402d788b0bf1c944L,
            0x425b8701e1d36114L, 0x4046026db0524fb8L, 0x425e2a311bfeaf04L, 0x40071a9351003729L,
            0x4236017c686670c6L, 0x3ffa61af4defadccL, 0x4271b24c1ffa8e96L, 0x3fd7f4532b874d39L,
            0x4203f241137f46feL, 0x3faa7f29a2f68fecL, 0x424eb2d6b770f484L, 0x4261db35b0bbf654L,
            0x41f32a7b355ebf16L, 0x42493111f0c34c3fL, 0x420437dd129925b8L, 0x42514f840181e07cL,
            0x41cafcf99b709f78L, 0x426521e1da7b0b39L, 0x41b79fcdb41e280bL, 0x421d7b5d462c348aL,
            0x419abb2c0a21ee92L, 0x42734f6ba5a03819L, 0x4166a6651f206487L, 0x4227810aaa7ded6bL,
            0x41664056414d23fdL, 0x4262d7149b6b2af1L, 0x410c78db9c1bfe66L, 0x4255296cf39d1b2fL},
            la.toRowMajor(out20));
    }

    @Test
    void logSumExpRowsMatchesScipyToTheUlp() {
        long[][] expected = {
            {0x40303570489b0539L, 0x40308364a5349dd8L, 0x402fc506c22b9cf5L, 0x403069e65e6765b4L, 0x402f5325700b06f7L},
            {0x402d5e6e42d76265L, 0x4028b0c0e41bdfddL, 0x402178c0e41bdfddL, 0x40148181c837bfbaL, 0x3ff8460720defee6L},
        };
        int[] ks = {40, 3};
        for (int t = 0; t < ks.length; t++) {
            int k = ks[t];
            double[] a = new double[5 * k];
            for (int i = 0; i < a.length; i++) {
                a[i] = w(i);
            }
            DMatrixRMaj out = la.zeros(5, 1);
            la.logSumExpRows(la.fromRowMajor(5, k, a), out);
            double[] got = la.toRowMajor(out);
            for (int i = 0; i < 5; i++) {
                double want = Double.longBitsToDouble(expected[t][i]);
                // Math.exp and Math.log may differ from glibc's by an ulp on a few inputs; the
                // order of operations must not add more.
                assertTrue(Math.abs(got[i] - want) <= Math.ulp(want), "k=" + k + " row " + i + ": " + got[i] + " vs " + want);
            }
        }
    }

    private static void assertBits(long[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.longBitsToDouble(expected[i]), actual[i], 0.0, "entry " + i);
            assertEquals(expected[i], Double.doubleToRawLongBits(actual[i]), "bits of entry " + i);
        }
    }

    // ---- beyond the contract -------------------------------------------------------------

    @Test
    void logSumExpRowsOfARowWithNanIsNan() {
        DMatrixRMaj out = la.zeros(2, 1);
        la.logSumExpRows(la.fromRowMajor(2, 2, new double[] {Double.NaN, 1, Double.POSITIVE_INFINITY, Double.NaN}), out);
        assertTrue(Double.isNaN(out.data[0]));
        assertTrue(Double.isNaN(out.data[1]));
    }

    @Test
    void argmaxRowsTakesTheFirstNanAsNumpyDoes() {
        DMatrixRMaj a = la.fromRowMajor(3, 3, new double[] {1, Double.NaN, 5, Double.NaN, 9, Double.NaN, 2, 3, 1});
        assertArrayEquals(new int[] {1, 0, 1}, la.argmaxRows(a));
    }

    @Test
    void argmaxRowsOfRowsWithoutColumnsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> la.argmaxRows(la.zeros(2, 0)));
    }

    @Test
    void choleskyOfNonFiniteInputThrows() {
        // EJML's own pivot test lets NaN through.
        assertThrows(NotPositiveDefiniteException.class,
                () -> la.cholesky(la.fromRowMajor(1, 1, new double[] {Double.NaN}), la.zeros(1, 1)));
        assertThrows(NotPositiveDefiniteException.class,
                () -> la.cholesky(la.fromRowMajor(2, 2, new double[] {1, 0, Double.NaN, 1}), la.zeros(2, 2)));
        assertThrows(NotPositiveDefiniteException.class,
                () -> la.cholesky(la.fromRowMajor(1, 1, new double[] {Double.POSITIVE_INFINITY}), la.zeros(1, 1)));
    }

    @Test
    void choleskyFailureNamesTheSize() {
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                () -> la.cholesky(la.fromRowMajor(2, 2, new double[] {1, 2, 2, 1}), la.zeros(2, 2)));
        assertTrue(e.getMessage().contains("2x2"), e.getMessage());
    }

    @Test
    void invertLowerTriangularWithAZeroDiagonalThrows() {
        assertThrows(ArithmeticException.class,
                () -> la.invertLowerTriangular(la.fromRowMajor(2, 2, new double[] {1, 0, 3, 0}), la.zeros(2, 2)));
    }

    @Test
    void outputsThatAliasInputsOfProductsAndFactorisationsAreRejected() {
        DMatrixRMaj a = la.fromRowMajor(2, 2, new double[] {4, 2, 2, 3});
        DMatrixRMaj b = la.fromRowMajor(2, 2, new double[] {1, 0, 0, 1});
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a, false, b, false, a));
        assertThrows(IllegalArgumentException.class, () -> la.multiply(a, false, b, false, b));
        assertThrows(IllegalArgumentException.class, () -> la.cholesky(a, a));
        assertThrows(IllegalArgumentException.class, () -> la.invertLowerTriangular(b, b));
        DMatrixRMaj column = la.fromRowMajor(2, 1, new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(column, column));
        assertThrows(IllegalArgumentException.class, () -> la.blockRowSumsOfSquares(column, 1, column));
    }

    @Test
    void shapeErrorsNameTheMethodAndTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> la.multiply(la.zeros(2, 3), false, la.zeros(2, 3), false, la.zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("multiply:"), e.getMessage());
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> la.logSumExpRows(la.zeros(4, 3), la.zeros(3, 1)));
        assertTrue(e.getMessage().startsWith("logSumExpRows:") && e.getMessage().contains("4x3")
                && e.getMessage().contains("3x1"), e.getMessage());
    }

    @Test
    void onlyTheLogicalPartOfALongerDataArrayIsUsed() {
        // EJML keeps the array when a matrix is reshaped smaller; the tail must be ignored.
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        Arrays.fill(a.data, 1000);
        a.reshape(2, 2);
        a.data[0] = 1;
        a.data[1] = 2;
        a.data[2] = 3;
        a.data[3] = 4;
        assertArrayEquals(new double[] {1, 2, 3, 4}, la.toRowMajor(a));
        assertEquals(10.0, la.sum(a), 0.0);
        assertArrayEquals(new double[] {4, 6}, la.columnSums(a));
        DMatrixRMaj e = la.zeros(2, 2);
        la.exp(a, e);
        assertEquals(Math.exp(4), e.data[3], 0.0);
    }

    @Test
    void concurrentAndSingleThreadedProductsAgreeBitForBit() {
        Random rnd = new Random(7);
        EjmlLinearAlgebra single = new EjmlLinearAlgebra(false);
        EjmlLinearAlgebra multi = new EjmlLinearAlgebra(true);
        int n = 5000;
        int d = 16;
        double[] x = gaussian(rnd, n * d);
        double[] u = gaussian(rnd, d * d);
        assertTrue((long) n * d * d >= EjmlLinearAlgebra.CONCURRENT_MIN_MULTIPLY_ADDS);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            DMatrixRMaj xa = ta ? single.fromRowMajor(d, n, x) : single.fromRowMajor(n, d, x);
            DMatrixRMaj ub = single.fromRowMajor(d, d, u);
            DMatrixRMaj c1 = single.zeros(n, d);
            DMatrixRMaj c2 = single.zeros(n, d);
            single.multiply(xa, ta, ub, tb, c1);
            multi.multiply(xa, ta, ub, tb, c2);
            assertArrayEquals(c1.data, c2.data, "transA=" + ta + " transB=" + tb);
        }
    }
}
