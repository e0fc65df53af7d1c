package org.gmmharness.backend.commonsmath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.gmmharness.linalg.LinearAlgebraContractSupport;
import org.gmmharness.linalg.LinearAlgebra;
import org.junit.jupiter.api.Test;

/**
 * What the Commons Math backend promises beyond the SPI contract ({@link CommonsMathContractTest}): products bit for bit
 * those of {@code BlockRealMatrix.multiply}, matrices wider and taller than one 52×52 block,
 * matrices not made by this backend, and the handling of the library's Cholesky thresholds. Its
 * NumPy summation order is checked bit for bit against the generated NumPy values in the verify
 * module ({@code NumpyReductionParityTest}).
 */
class CommonsMathLinearAlgebraTest extends LinearAlgebraContractSupport<RealMatrix> {

    @Override
    protected LinearAlgebra<RealMatrix> backend() {
        return new CommonsMathLinearAlgebra();
    }

    // ---- matrix type ---------------------------------------------------------------------

    @Test
    void nonEmptyMatricesAreBlockRealMatrices() {
        assertInstanceOf(BlockRealMatrix.class, la.zeros(3, 2));
        assertInstanceOf(BlockRealMatrix.class, la.fromRowMajor(1, 1, new double[] {1}));
        assertInstanceOf(BlockRealMatrix.class, la.fromRowMajor(60, 2, new double[120]));
    }

    @Test
    void matricesWorkWithTheLibrarysOwnMethods() {
        RealMatrix a = la.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        assertEquals(6.0, a.getEntry(1, 2), 0.0);
        assertArrayEquals(new double[] {4, 5, 6}, a.getRow(1));
        RealMatrix empty = la.zeros(0, 3);
        assertEquals(0, empty.getRowDimension());
        assertEquals(3, empty.getColumnDimension());
        assertEquals(3, empty.transpose().getRowDimension());
        assertEquals(0, empty.getData().length);
    }

    @Test
    void rowMajorRoundTripAcrossManyBlocks() {
        Random rnd = new Random(1);
        for (int[] s : new int[][] {{130, 110}, {52, 52}, {53, 1}, {1, 105}, {104, 53}}) {
            double[] data = gaussian(rnd, s[0] * s[1]);
            RealMatrix m = la.fromRowMajor(s[0], s[1], data);
            assertArrayEquals(data, la.toRowMajor(m));
            for (int i = 0; i < s[0]; i += 17) {
                for (int j = 0; j < s[1]; j += 13) {
                    assertEquals(data[i * s[1] + j], m.getEntry(i, j), 0.0, "entry " + i + "," + j);
                }
            }
            double[] again = gaussian(rnd, s[0] * s[1]);
            la.setRowMajor(again, m);
            assertArrayEquals(again, la.toRowMajor(m));
        }
    }

    // ---- products: the library's kernel, bit for bit ----------------------------------

    @Test
    void productsAreBitForBitThoseOfBlockRealMatrixMultiply() {
        Random rnd = new Random(2);
        // The last two are M-step shapes, (n×k)ᵀ·(n×m): a tall inner size and several blocks of c.
        int[][] shapes = {{130, 70, 60}, {53, 105, 1}, {1, 53, 104}, {200, 16, 128}, {7, 300, 9}, {104, 52, 52},
            {8, 3000, 152}, {16, 600, 300}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                double[] aData = gaussian(rnd, m * k);
                double[] bData = gaussian(rnd, k * n);
                RealMatrix a = ta ? la.fromRowMajor(k, m, aData) : la.fromRowMajor(m, k, aData);
                RealMatrix b = tb ? la.fromRowMajor(n, k, bData) : la.fromRowMajor(k, n, bData);
                RealMatrix c = filled(m, n, Double.NaN);
                la.multiply(a, ta, b, tb, c);
                BlockRealMatrix libA = new BlockRealMatrix(a.getData());
                BlockRealMatrix libB = new BlockRealMatrix(b.getData());
                RealMatrix expected = (ta ? libA.transpose() : libA).multiply(tb ? libB.transpose() : libB);
                assertBitsEqual(new BlockRealMatrix(expected.getData()), c,
                        "multiply " + m + "x" + k + "x" + n + " transA=" + ta + " transB=" + tb);
            }
        }
    }

    // ---- element-wise and row-wise operations across blocks ------------------------------

    @Test
    void elementWiseOperationsAcrossBlocksMatchTheFormulas() {
        Random rnd = new Random(3);
        int n = 111;
        int d = 107;
        int k = 60;
        double[] aData = gaussian(rnd, n * d);
        double[] v = gaussian(rnd, d);
        double[] col = gaussian(rnd, n);
        double[] bData = gaussian(rnd, n * k);
        RealMatrix a = la.fromRowMajor(n, d, aData);
        RealMatrix out = la.zeros(n, d);

        la.scaleAddRow(a, -1.5, v, out);
        double[] got = la.toRowMajor(out);
        for (int i = 0; i < n * d; i++) {
            assertEquals(-1.5 * aData[i] + v[i % d], got[i], 0.0, "scaleAddRow " + i);
        }
        la.subtractColumn(a, la.fromRowMajor(n, 1, col), out);
        got = la.toRowMajor(out);
        for (int i = 0; i < n * d; i++) {
            assertEquals(aData[i] - col[i / d], got[i], 0.0, "subtractColumn " + i);
        }
        // Column 57 lies in the second block column of b.
        la.scaleRowsByColumn(a, la.fromRowMajor(n, k, bData), 57, out);
        got = la.toRowMajor(out);
        for (int i = 0; i < n * d; i++) {
            assertEquals(aData[i] * bData[(i / d) * k + 57], got[i], 0.0, "scaleRowsByColumn " + i);
        }
        la.exp(a, out);
        got = la.toRowMajor(out);
        for (int i = 0; i < n * d; i++) {
            assertEquals(Math.exp(aData[i]), got[i], 0.0, "exp " + i);
        }
        assertArrayEquals(aData, la.toRowMajor(a), "a was modified");
    }

    @Test
    void scaleRowsByColumnMayWriteIntoB() {
        double[] data = {1, 2, 3, 4, 5, 6};
        RealMatrix a = la.fromRowMajor(3, 2, data);
        la.scaleRowsByColumn(a, a, 1, a);
        // Each row is scaled by its own second entry, read before the row is written.
        assertArrayEquals(new double[] {2, 4, 12, 16, 30, 36}, la.toRowMajor(a));
    }

    @Test
    void rowWiseOperationsAcrossBlocksMatchANaiveLoop() {
        Random rnd = new Random(4);
        int n = 75;
        int k = 110;
        double[] aData = gaussian(rnd, n * k);
        // Put each row's maximum in a different block column.
        for (int i = 0; i < n; i++) {
            aData[i * k + (i * 37) % k] = 10 + i;
        }
        RealMatrix a = la.fromRowMajor(n, k, aData);
        int[] arg = la.argmaxRows(a);
        RealMatrix lse = la.zeros(n, 1);
        la.logSumExpRows(a, lse);
        double[] lseGot = la.toRowMajor(lse);
        for (int i = 0; i < n; i++) {
            assertEquals((i * 37) % k, arg[i], "argmax row " + i);
            double m = 10 + i;
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += Math.exp(aData[i * k + j] - m);
            }
            assertEquals(m + Math.log(s), lseGot[i], 1e-14 * Math.abs(m), "logSumExp row " + i);
        }
        double[] sums = la.columnSums(a);
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += aData[i * k + j];
            }
            assertEquals(s, sums[j], 0.0, "column " + j + " is summed row by row");
        }
        // 128 columns of width 16: blocks of 16 straddle the block-column boundaries at 52 and 104.
        double[] pData = gaussian(rnd, n * 128);
        RealMatrix sq = la.zeros(n, 8);
        la.blockRowSumsOfSquares(la.fromRowMajor(n, 128, pData), 16, sq);
        double[] sqGot = la.toRowMajor(sq);
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < 8; b++) {
                double s = 0;
                for (int j = 0; j < 16; j++) {
                    double x = pData[i * 128 + b * 16 + j];
                    s += x * x;
                }
                assertEquals(s, sqGot[i * 8 + b], 1e-14 * s, "block " + b + " of row " + i);
            }
        }
    }

    // ---- matrices not made by this backend -----------------------------------------------

    @Test
    void otherRealMatricesAreReadAndWritten() {
        RealMatrix a = new Array2DRowRealMatrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
        RealMatrix b = new BlockRealMatrix(new double[][] {{7, 8}, {9, 10}, {11, 12}});
        RealMatrix c = new Array2DRowRealMatrix(2, 2);
        la.multiply(a, false, b, false, c);
        assertArrayEquals(new double[] {58, 64, 139, 154}, la.toRowMajor(c));
        la.exp(c, c);
        assertEquals(Math.exp(154), c.getEntry(1, 1), 0.0);
        RealMatrix o = new BlockRealMatrix(2, 3);
        la.scaleRowsByColumn(a, a, 2, o);
        assertArrayEquals(new double[] {3, 6, 9, 24, 30, 36}, la.toRowMajor(o));
        la.setRowMajor(new double[] {1, 2, 3, 4, 5, 6}, o);
        assertEquals(6.0, o.getEntry(1, 2), 0.0);
        assertEquals(21.0, la.sum(a), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, la.toRowMajor(a), "a was modified");
    }

    // ---- factorisations ------------------------------------------------------------------

    @Test
    void choleskyIsTheLibrarysDecompositionBitForBit() {
        Random rnd = new Random(5);
        for (int d : new int[] {1, 5, 12, 60}) {
            double[] a = randomSpd(rnd, d);
            RealMatrix out = la.zeros(d, d);
            la.cholesky(la.fromRowMajor(d, d, a), out);
            RealMatrix expected = new CholeskyDecomposition(new BlockRealMatrix(la.fromRowMajor(d, d, a).getData())).getL();
            assertBitsEqual(expected, out, "chol d=" + d);
        }
    }

    @Test
    void choleskyAcceptsPivotsBelowTheLibrarysDefaultThreshold() {
        // Commons Math's default absolute positivity threshold is 1e-10.
        RealMatrix out = la.zeros(2, 2);
        la.cholesky(la.fromRowMajor(2, 2, new double[] {1e-12, 0, 0, 4e-14}), out);
        assertArrayEquals(new double[] {1e-6, 0, 0, 2e-7}, la.toRowMajor(out));
    }

    @Test
    void invertLowerTriangularAcrossBlocks() {
        Random rnd = new Random(6);
        int d = 60;
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            l[i * d + i] = 1 + rnd.nextDouble();
            for (int j = 0; j < i; j++) {
                l[i * d + j] = 0.5 * rnd.nextGaussian() / d;
            }
            for (int j = i + 1; j < d; j++) {
                l[i * d + j] = Double.NaN;
            }
        }
        RealMatrix out = la.zeros(d, d);
        la.invertLowerTriangular(la.fromRowMajor(d, d, l), out);
        double[] x = la.toRowMajor(out);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (j > i) {
                    assertEquals(0.0, x[i * d + j], 0.0);
                    continue;
                }
                double s = 0;
                for (int k = j; k <= i; k++) {
                    s += l[i * d + k] * x[k * d + j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-12, "L·L⁻¹[" + i + "][" + j + "]");
            }
        }
    }

    // ---- checks --------------------------------------------------------------------------

    // ---- the fused E-step operations -----------------------------------------------------

    @Test
    void parallelAndSingleThreadedEStepOperationsAgreeBitForBit() {
        Random rnd = new Random(8);
        CommonsMathLinearAlgebra single = new CommonsMathLinearAlgebra(false);
        CommonsMathLinearAlgebra parallel = new CommonsMathLinearAlgebra(true);
        // d = 60 and K·w = 120 span two block columns of x and three of f; K = 2.
        for (int[] s : new int[][] {{30011, 16, 8}, {5003, 60, 2}}) {
            int n = s[0];
            int d = s[1];
            int k = s[2];
            assertTrue((long) n * d * k * d >= CommonsMathLinearAlgebra.PARALLEL_MIN_MULTIPLY_ADDS);
            RealMatrix x = single.fromRowMajor(n, d, gaussian(rnd, n * d));
            RealMatrix f = single.fromRowMajor(d, k * d, gaussian(rnd, d * k * d));
            double[] offsets = gaussian(rnd, k * d);
            RealMatrix out1 = single.zeros(n, k);
            RealMatrix out2 = single.zeros(n, k);
            single.blockQuadraticForms(x, f, offsets, single.zeros(n, k * d), out1);
            parallel.blockQuadraticForms(x, f, offsets, single.zeros(n, k * d), out2);
            assertArrayEquals(single.toRowMajor(out1), single.toRowMajor(out2), "blockQuadraticForms " + n + "x" + d);
        }
        int n = 30011;
        for (int k : new int[] {8, 60}) {
            assertTrue((long) n * k >= CommonsMathLinearAlgebra.PARALLEL_MIN_NORMALIZE_ENTRIES);
            double[] data = gaussian(rnd, n * k);
            for (int i = 0; i < data.length; i++) {
                data[i] *= 50;
            }
            RealMatrix a1 = single.fromRowMajor(n, k, data);
            RealMatrix a2 = single.fromRowMajor(n, k, data);
            RealMatrix ln1 = single.zeros(n, 1);
            RealMatrix ln2 = single.zeros(n, 1);
            RealMatrix r1 = single.zeros(n, k);
            RealMatrix r2 = single.zeros(n, k);
            single.normalizeRows(a1, ln1, r1);
            parallel.normalizeRows(a2, ln2, r2);
            assertArrayEquals(single.toRowMajor(ln1), single.toRowMajor(ln2), "logNorm k=" + k);
            assertArrayEquals(single.toRowMajor(a1), single.toRowMajor(a2), "log-responsibilities k=" + k);
            assertArrayEquals(single.toRowMajor(r1), single.toRowMajor(r2), "responsibilities k=" + k);
        }
    }

    @Test
    void theEStepOperationsReadAndWriteOtherRealMatrices() {
        Random rnd = new Random(10);
        int n = 120;
        int d = 3;
        int k = 2;
        double[] xData = gaussian(rnd, n * d);
        double[] fData = gaussian(rnd, d * k * d);
        double[] offsets = gaussian(rnd, k * d);
        RealMatrix expected = la.zeros(n, k);
        la.blockQuadraticForms(la.fromRowMajor(n, d, xData), la.fromRowMajor(d, k * d, fData), offsets,
                la.zeros(n, k * d), expected);
        RealMatrix out = new Array2DRowRealMatrix(n, k);
        la.blockQuadraticForms(new Array2DRowRealMatrix(la.fromRowMajor(n, d, xData).getData()),
                new Array2DRowRealMatrix(la.fromRowMajor(d, k * d, fData).getData()), offsets,
                new Array2DRowRealMatrix(n, k * d), out);
        assertArrayEquals(la.toRowMajor(expected), la.toRowMajor(out), "blockQuadraticForms");

        double[] lp = gaussian(rnd, n * k);
        RealMatrix a1 = la.fromRowMajor(n, k, lp);
        RealMatrix ln1 = la.zeros(n, 1);
        RealMatrix r1 = la.zeros(n, k);
        la.normalizeRows(a1, ln1, r1);
        RealMatrix a2 = new Array2DRowRealMatrix(la.fromRowMajor(n, k, lp).getData());
        RealMatrix ln2 = new Array2DRowRealMatrix(n, 1);
        RealMatrix r2 = new BlockRealMatrix(n, k);
        la.normalizeRows(a2, ln2, r2);
        assertArrayEquals(la.toRowMajor(a1), la.toRowMajor(a2), "log-responsibilities");
        assertArrayEquals(la.toRowMajor(ln1), la.toRowMajor(ln2), "logNorm");
        assertArrayEquals(la.toRowMajor(r1), la.toRowMajor(r2), "responsibilities");

        double[] copy = new double[n * k + 1];
        la.copyToRowMajor(a2, copy);
        assertArrayEquals(la.toRowMajor(a1), java.util.Arrays.copyOf(copy, n * k));
    }

    // ---- helpers -------------------------------------------------------------------------

    private void assertBitsEqual(RealMatrix expected, RealMatrix actual, String what) {
        assertEquals(expected.getRowDimension(), la.rows(actual), what + ": rows");
        assertEquals(expected.getColumnDimension(), la.cols(actual), what + ": cols");
        double[][] e = expected.getData();
        double[] got = la.toRowMajor(actual);
        int cols = expected.getColumnDimension();
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals(Double.doubleToRawLongBits(e[i][j]), Double.doubleToRawLongBits(got[i * cols + j]),
                        what + " [" + i + "][" + j + "]: " + e[i][j] + " vs " + got[i * cols + j]);
            }
        }
    }
}
