package org.gmmharness.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gmmharness.linalg.LinearAlgebraContractSupport;
import org.gmmharness.linalg.LinearAlgebra;
import org.junit.jupiter.api.Test;

/**
 * What the EJML backend promises beyond the SPI contract ({@link EjmlContractTest}): EJML's storage
 * quirks, and concurrent paths that agree bit for bit with the single-threaded ones. Its NumPy
 * summation order is checked bit for bit against generated NumPy values in the verify module
 * ({@code NumpyReductionParityTest}).
 */
class EjmlLinearAlgebraTest extends LinearAlgebraContractSupport<DMatrixRMaj> {

    @Override
    protected LinearAlgebra<DMatrixRMaj> backend() {
        return new EjmlLinearAlgebra();
    }

    // ---- beyond the contract -------------------------------------------------------------

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
        int n = 20000;
        int d = 16;
        double[] x = gaussian(rnd, n * d);
        double[] u = gaussian(rnd, d * d);
        assertTrue((long) n * d * d >= EjmlLinearAlgebra.CONCURRENT_MIN_MULTIPLY_ADDS);
        assertTrue((long) n * d * d >= EjmlLinearAlgebra.CONCURRENT_MIN_MULTIPLY_ADDS_TRANS_A);
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

    // ---- the fused E-step operations -----------------------------------------------------

    @Test
    void concurrentAndSingleThreadedEStepOperationsAgreeBitForBit() {
        Random rnd = new Random(8);
        EjmlLinearAlgebra single = new EjmlLinearAlgebra(false);
        EjmlLinearAlgebra multi = new EjmlLinearAlgebra(true);
        int n = 30011;
        int d = 16;
        int k = 8;
        assertTrue((long) n * d * k * d >= EjmlLinearAlgebra.CONCURRENT_MIN_MULTIPLY_ADDS);
        assertTrue((long) n * k >= EjmlLinearAlgebra.CONCURRENT_MIN_NORMALIZE_ENTRIES);
        DMatrixRMaj x = single.fromRowMajor(n, d, gaussian(rnd, n * d));
        DMatrixRMaj f = single.fromRowMajor(d, k * d, gaussian(rnd, d * k * d));
        double[] offsets = gaussian(rnd, k * d);
        DMatrixRMaj out1 = single.zeros(n, k);
        DMatrixRMaj out2 = single.zeros(n, k);
        single.blockQuadraticForms(x, f, offsets, single.zeros(n, k * d), out1);
        multi.blockQuadraticForms(x, f, offsets, single.zeros(n, k * d), out2);
        assertArrayEquals(out1.data, out2.data, "blockQuadraticForms");

        CommonOps_DDRM.scale(-0.5, out1);
        DMatrixRMaj a2 = out1.copy();
        DMatrixRMaj ln1 = single.zeros(n, 1);
        DMatrixRMaj ln2 = single.zeros(n, 1);
        DMatrixRMaj r1 = single.zeros(n, k);
        DMatrixRMaj r2 = single.zeros(n, k);
        single.normalizeRows(out1, ln1, r1);
        multi.normalizeRows(a2, ln2, r2);
        assertArrayEquals(ln1.data, ln2.data, "logNorm");
        assertArrayEquals(out1.data, a2.data, "log-responsibilities");
        assertArrayEquals(r1.data, r2.data, "responsibilities");
    }

    @Test
    void blockQuadraticFormsLeavesTheScratchUntouched() {
        DMatrixRMaj scratch = filled(300, 6, Double.NaN);
        DMatrixRMaj out = la.zeros(300, 2);
        la.blockQuadraticForms(la.fromRowMajor(300, 2, gaussian(new Random(10), 600)),
                la.fromRowMajor(2, 6, gaussian(new Random(11), 12)), new double[6], scratch, out);
        for (double v : scratch.data) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void theEStepOperationsUseOnlyTheLogicalPartOfLongerDataArrays() {
        // Reshaped smaller, every matrix keeps a longer array whose tail must be neither read
        // nor written.
        DMatrixRMaj x = shrunk(4, 2, new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        DMatrixRMaj f = shrunk(2, 2, new double[] {1, 0, 0, 1});
        DMatrixRMaj out = shrunk(4, 1, new double[4]);
        la.blockQuadraticForms(x, f, new double[] {0, -1}, la.zeros(4, 2), out);
        assertArrayEquals(new double[] {2, 18, 50, 98}, la.toRowMajor(out));
        assertEquals(-7.0, out.data[4], 0.0);
        DMatrixRMaj lp = shrunk(2, 2, new double[] {0, 0, 1, 1});
        DMatrixRMaj logNorm = shrunk(2, 1, new double[2]);
        DMatrixRMaj resp = shrunk(2, 2, new double[4]);
        la.normalizeRows(lp, logNorm, resp);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, la.toRowMajor(resp));
        assertEquals(-7.0, lp.data[4], 0.0);
        assertEquals(-7.0, logNorm.data[2], 0.0);
        assertEquals(-7.0, resp.data[4], 0.0);
        double[] copy = new double[9];
        la.copyToRowMajor(x, copy);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 0}, copy);
    }

    /** A rows×cols matrix holding data, on an array longer than rows·cols whose tail is -7. */
    private static DMatrixRMaj shrunk(int rows, int cols, double[] data) {
        DMatrixRMaj m = new DMatrixRMaj(rows + 2, cols + 1);
        Arrays.fill(m.data, -7.0);
        m.reshape(rows, cols);
        System.arraycopy(data, 0, m.data, 0, data.length);
        return m;
    }
}
