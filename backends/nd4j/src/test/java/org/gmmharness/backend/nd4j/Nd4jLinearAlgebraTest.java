package org.gmmharness.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gmmharness.linalg.LinearAlgebraContractSupport;
import org.gmmharness.linalg.LinearAlgebra;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The SPI contract on ND4J, plus what this backend promises beyond it: double precision, the
 * layouts it chooses, any mix of row- and column-major operands, and per-row (not global)
 * log-sum-exp shifts; and, for the operations it runs with chunked, multi-threaded code on ND4J's
 * buffers ({@code blockQuadraticForms}, {@code normalizeRows}, {@code multiply},
 * {@code scaleAddRow}, {@code columnSums}, {@code sum}, {@code argmaxRows}, {@code copyToRowMajor},
 * {@code setRowMajor}), agreement with the SPI's default implementations or with ND4J's own ops
 * for strided views (which take the fallback paths), at every chunk edge and from several threads
 * at once. The contract ({@link Nd4jContractTest}) checks the fused E-step operations against the
 * defaults in both layouts that {@link #bothOrders} gives.
 */
class Nd4jLinearAlgebraTest extends LinearAlgebraContractSupport<INDArray> {

    @Override
    protected LinearAlgebra<INDArray> backend() {
        return new Nd4jLinearAlgebra();
    }

    /** Row- and column-major copies: the fused kernels take other paths on each. */
    @Override
    protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
        return bothOrders(rowMajor, rows, cols);
    }

    /** @return row- and column-major arrays holding {@code rowMajor} */
    static List<INDArray> bothOrders(double[] rowMajor, int rows, int cols) {
        return List.of(array(rowMajor, rows, cols, 'c'), array(rowMajor, rows, cols, 'f'));
    }

    @Test
    void aOneDimensionalArrayIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> la.rows(Nd4j.create(DataType.DOUBLE, 3)));
        assertTrue(e.getMessage().startsWith("rows:"), e.getMessage());
    }

    @Test
    void everythingIsDoublePrecisionInTheDocumentedLayouts() {
        INDArray z = la.zeros(3, 2);
        INDArray r = la.fromRowMajor(2, 2, new double[] {1, 2, 3, 4});
        assertEquals(DataType.DOUBLE, z.dataType());
        assertEquals(DataType.DOUBLE, r.dataType());
        assertEquals('f', z.ordering(), "zeros are column-major, where ND4J's products are fast");
        assertEquals('c', r.ordering(), "fromRowMajor keeps the caller's row-major layout");
        assertEquals(DataType.DOUBLE, Nd4j.defaultFloatingPointType());
        // A value that float would round.
        INDArray p = la.fromRowMajor(1, 1, new double[] {1 + 0x1p-40});
        assertEquals(1 + 0x1p-40, la.toRowMajor(p)[0], 0.0);
    }

    @Test
    void everyOperationAgreesAcrossRowAndColumnMajorOperands() {
        Random rnd = new Random(5);
        int n = 37;
        int d = 3;
        int k = 4;
        double[] x = gaussian(rnd, n * k * d);
        double[] w = gaussian(rnd, n * k);
        for (char inOrder : new char[] {'c', 'f'}) {
            for (char outOrder : new char[] {'c', 'f'}) {
                String what = "in " + inOrder + " out " + outOrder;
                INDArray a = Nd4j.create(x, new long[] {n, k * d}, 'c').dup(inOrder);
                INDArray wa = Nd4j.create(w, new long[] {n, k}, 'c').dup(inOrder);
                INDArray out = Nd4j.create(DataType.DOUBLE, new long[] {n, k}, outOrder);
                la.blockRowSumsOfSquares(a, d, out);
                double[] got = la.toRowMajor(out);
                for (int i = 0; i < n; i++) {
                    for (int b = 0; b < k; b++) {
                        double s = 0;
                        for (int j = 0; j < d; j++) {
                            s += x[i * k * d + b * d + j] * x[i * k * d + b * d + j];
                        }
                        assertEquals(s, got[i * k + b], 1e-13 * s, what + " blockRowSumsOfSquares");
                    }
                }
                INDArray lse = Nd4j.create(DataType.DOUBLE, new long[] {n, 1}, outOrder);
                la.logSumExpRows(wa, lse);
                double[] l = la.toRowMajor(lse);
                for (int i = 0; i < n; i++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        m = Math.max(m, w[i * k + j]);
                    }
                    double s = 0;
                    for (int j = 0; j < k; j++) {
                        s += Math.exp(w[i * k + j] - m);
                    }
                    assertEquals(m + Math.log(s), l[i], 1e-14 * Math.max(1, Math.abs(l[i])), what + " logSumExpRows");
                }
                INDArray sub = Nd4j.create(DataType.DOUBLE, new long[] {n, k}, outOrder);
                la.subtractColumn(wa, lse, sub);
                INDArray scaled = Nd4j.create(DataType.DOUBLE, new long[] {n, k}, outOrder);
                la.scaleRowsByColumn(wa, wa, 2, scaled);
                INDArray added = Nd4j.create(DataType.DOUBLE, new long[] {n, k}, outOrder);
                la.scaleAddRow(wa, -0.5, new double[] {1, 2, 3, 4}, added);
                double[] s1 = la.toRowMajor(sub);
                double[] s2 = la.toRowMajor(scaled);
                double[] s3 = la.toRowMajor(added);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        assertEquals(w[i * k + j] - l[i], s1[i * k + j], 0.0, what + " subtractColumn");
                        assertEquals(w[i * k + j] * w[i * k + 2], s2[i * k + j], 0.0, what + " scaleRowsByColumn");
                        assertEquals(-0.5 * w[i * k + j] + (j + 1), s3[i * k + j], 1e-15 * (Math.abs(w[i * k + j]) + 4),
                                what + " scaleAddRow");
                    }
                }
                assertArrayEquals(x, la.toRowMajor(a), what + ": a was modified");
                assertArrayEquals(w, la.toRowMajor(wa), what + ": w was modified");
            }
        }
    }

    @Test
    void logSumExpShiftsEachRowByItsOwnMaximum() {
        // ND4J's LogSumExp op shifts by the global maximum: the second row would underflow to -inf.
        INDArray a = la.fromRowMajor(2, 2, new double[] {0, 0, -2000, -2000});
        INDArray out = la.zeros(2, 1);
        la.logSumExpRows(a, out);
        assertArrayEquals(new double[] {Math.log(2), -2000 + Math.log(2)}, la.toRowMajor(out));
    }

    @Test
    void logSumExpRowsReusesItsScratchAcrossShapes() {
        // The per-thread scratch is replaced when the shape changes; results must not depend on it.
        for (int rep = 0; rep < 3; rep++) {
            for (int k : new int[] {1, 3, 2}) {
                double[] data = new double[5 * k];
                for (int i = 0; i < data.length; i++) {
                    data[i] = i % k;
                }
                INDArray out = la.zeros(5, 1);
                la.logSumExpRows(la.fromRowMajor(5, k, data), out);
                double expected = 0;
                for (int j = 0; j < k; j++) {
                    expected += Math.exp(j - (k - 1));
                }
                expected = (k - 1) + Math.log(expected);
                for (double v : la.toRowMajor(out)) {
                    assertEquals(expected, v, 1e-15, "k=" + k);
                }
            }
        }
    }

    @Test
    void expInPlaceOnAColumnMajorArray() {
        INDArray a = la.zeros(3, 2);
        la.setRowMajor(new double[] {0, 1, 2, 3, 4, -1}, a);
        la.exp(a, a);
        double[] got = la.toRowMajor(a);
        double[] in = {0, 1, 2, 3, 4, -1};
        for (int i = 0; i < in.length; i++) {
            assertEquals(Math.exp(in[i]), got[i], 1e-15 * Math.exp(in[i]));
        }
    }

    @Test
    void productsIntoARowMajorOutputAreCorrectToo() {
        INDArray a = la.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        INDArray c = la.fromRowMajor(3, 3, new double[9]);
        la.multiply(a, true, a, false, c);
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, la.toRowMajor(c));
    }

    @Test
    void subtractColumnMayWriteIntoItsColumn() {
        INDArray a = la.fromRowMajor(3, 1, new double[] {5, 7, 9});
        INDArray v = la.zeros(3, 1);
        la.setRowMajor(new double[] {1, 2, 3}, v);
        la.subtractColumn(a, v, v);
        assertArrayEquals(new double[] {4, 5, 6}, la.toRowMajor(v));
    }

    @Test
    void scaleRowsByColumnMayWriteIntoItsScaleMatrix() {
        INDArray b = la.zeros(2, 2);
        la.setRowMajor(new double[] {1, 2, 3, 4}, b);
        INDArray a = la.fromRowMajor(2, 2, new double[] {10, 20, 30, 40});
        la.scaleRowsByColumn(a, b, 1, b);
        assertArrayEquals(new double[] {20, 40, 120, 160}, la.toRowMajor(b));
    }

    @Test
    void repeatedCallsDoNotGrowOffHeapMemory() {
        // The EM loop calls these on the same matrices every iteration: outputs are preallocated
        // and scratch is reused, so JavaCPP's count of off-heap bytes must stay flat.
        int n = 20000;
        int k = 8;
        Random rnd = new Random(3);
        INDArray a = la.fromRowMajor(n, k, gaussian(rnd, n * k));
        INDArray out = la.zeros(n, 1);
        INDArray e = la.zeros(n, k);
        double[] row = new double[k];
        for (int i = 0; i < 20; i++) {
            la.logSumExpRows(a, out);
            la.subtractColumn(a, out, e);
            la.exp(e, e);
            la.scaleAddRow(e, 1.0, row, e);
            la.columnSums(e);
        }
        System.gc();
        long before = org.bytedeco.javacpp.Pointer.totalBytes();
        for (int i = 0; i < 200; i++) {
            la.logSumExpRows(a, out);
            la.subtractColumn(a, out, e);
            la.exp(e, e);
            la.scaleAddRow(e, 1.0, row, e);
            la.columnSums(e);
        }
        long after = org.bytedeco.javacpp.Pointer.totalBytes();
        // 200 iterations that each allocated an n x k scratch would add 256 MB.
        assertTrue(after - before < 8L * n * k, "off-heap grew by " + (after - before) + " bytes");
    }

    // ---- the overrides against the SPI's default implementations ----------------------------

    private static INDArray array(double[] rowMajor, int rows, int cols, char order) {
        return Nd4j.create(rowMajor, new long[] {rows, cols}, 'c').dup(order);
    }

    @Test
    void blockQuadraticFormsOnStridedViewsFallsBackToTheDefault() {
        // Every other column of a wider array: no unit stride, so BLAS cannot address it directly.
        LinearAlgebra<INDArray> def = defaults();
        Random rnd = new Random(103);
        int n = 300;
        int d = 4;
        int k = 2;
        INDArray wide = la.fromRowMajor(n, 2 * d, gaussian(rnd, n * 2 * d));
        INDArray x = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 2 * d));
        INDArray fWide = la.fromRowMajor(d, 2 * k * d, gaussian(rnd, d * 2 * k * d));
        INDArray f = fWide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2, 2 * k * d));
        double[] off = gaussian(rnd, k * d);
        INDArray out = la.zeros(n, k);
        la.blockQuadraticForms(x, f, off, la.zeros(n, k * d), out);
        double[] xv = la.toRowMajor(x);
        double[] fv = la.toRowMajor(f);
        INDArray ref = la.zeros(n, k);
        def.blockQuadraticForms(la.fromRowMajor(n, d, xv), la.fromRowMajor(d, k * d, fv), off, la.zeros(n, k * d), ref);
        assertQuadraticFormsAgree(xv, fv, off, n, d, k, d, la.toRowMajor(ref), la.toRowMajor(out), "strided views");
        // With the backend's own 0×0 scratch the fallback makes a scratch of its own.
        INDArray own = la.zeros(n, k);
        la.blockQuadraticForms(x, f, off, la.blockQuadraticFormsScratch(n, k * d), own);
        assertQuadraticFormsAgree(xv, fv, off, n, d, k, d, la.toRowMajor(ref), la.toRowMajor(own),
                "strided views, own scratch");
    }

    @Test
    void normalizeRowsOnStridedViewsFallsBackToTheDefault() {
        LinearAlgebra<INDArray> def = defaults();
        Random rnd = new Random(105);
        int n = 500;
        int k = 3;
        double[] data = logProbabilities(rnd, n, 2 * k);
        INDArray wide = la.fromRowMajor(n, 2 * k, data);
        INDArray a = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 2 * k));
        double[] av = la.toRowMajor(a);
        INDArray logNorm = la.zeros(n, 1);
        INDArray resp = la.zeros(n, k);
        la.normalizeRows(a, logNorm, resp);
        INDArray ra = la.fromRowMajor(n, k, av);
        INDArray rl = la.zeros(n, 1);
        INDArray rr = la.zeros(n, k);
        def.normalizeRows(ra, rl, rr);
        assertNormalizationsAgree(la.toRowMajor(rl), la.toRowMajor(ra), la.toRowMajor(rr), la.toRowMajor(logNorm),
                la.toRowMajor(a), la.toRowMajor(resp), k, "strided view");
    }

    @Test
    void multiplyMatchesNd4jsOwnProductForEverySplitAndLayout() {
        // Inner splits (k ≥ 8192 against a small result), row and column splits of the result, and
        // products small enough for one call; each with every transpose and every layout of c.
        Random rnd = new Random(106);
        int[][] shapes = {
            {8, 152, 20000}, {3, 5, 8192}, {3, 5, 8191}, {16, 1000, 3000}, {4, 44, 50000}, {20000, 8, 32},
            {5000, 3, 2}, {2, 9000, 7}, {130, 129, 40}, {1, 1, 1}, {7, 3, 5},
        };
        for (int[] sh : shapes) {
            int m = sh[0];
            int n = sh[1];
            int k = sh[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    char ao = ta ? 'f' : 'c';
                    char bo = tb ? 'c' : 'f';
                    INDArray a = array(gaussian(rnd, m * k), ta ? k : m, ta ? m : k, ao);
                    INDArray b = array(gaussian(rnd, k * n), tb ? n : k, tb ? k : n, bo);
                    INDArray ref = Nd4j.create(DataType.DOUBLE, new long[] {m, n}, 'f');
                    Nd4j.gemm(a, b, ref, ta, tb, 1.0, 0.0);
                    double[] want = la.toRowMajor(ref);
                    double scale = 0;
                    for (double v : want) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    for (char co : new char[] {'c', 'f'}) {
                        String what = m + "x" + n + " inner " + k + (ta ? " a^T" : "") + (tb ? " b^T" : "") + " c " + co;
                        INDArray c = Nd4j.valueArrayOf(new long[] {m, n}, Double.NaN).dup(co);
                        la.multiply(a, ta, b, tb, c);
                        double[] got = la.toRowMajor(c);
                        // Products of k Gaussians: entries about √k, rounding about k·ε·√k.
                        double tol = 1e-14 * k * Math.max(1, Math.sqrt(k));
                        for (int i = 0; i < got.length; i++) {
                            assertClose(want[i], got[i], tol, what + " [" + i + "]");
                        }
                        INDArray again = Nd4j.create(DataType.DOUBLE, new long[] {m, n}, co);
                        la.multiply(a, ta, b, tb, again);
                        assertArrayEquals(got, la.toRowMajor(again), what + ": not deterministic");
                    }
                }
            }
        }
    }

    @Test
    void multiplyOnViewsIntoABlockOfALargerArray() {
        // A result written into a block of a larger column-major array (leading dimension > rows),
        // and operands that are row blocks of larger arrays.
        Random rnd = new Random(107);
        int m = 300;
        int n = 20;
        int k = 9000;
        INDArray bigA = la.fromRowMajor(k + 10, m, gaussian(rnd, (k + 10) * m));
        INDArray a = bigA.get(NDArrayIndex.interval(5, 5 + k), NDArrayIndex.all());
        INDArray b = la.fromRowMajor(k, n, gaussian(rnd, k * n));
        INDArray big = la.zeros(m + 7, n + 3);
        INDArray c = big.get(NDArrayIndex.interval(2, 2 + m), NDArrayIndex.interval(1, 1 + n));
        la.multiply(a, true, b, false, c);
        INDArray ref = Nd4j.create(DataType.DOUBLE, new long[] {m, n}, 'f');
        Nd4j.gemm(a.dup('c'), b, ref, true, false, 1.0, 0.0);
        double[] want = la.toRowMajor(ref);
        double[] got = la.toRowMajor(c);
        for (int i = 0; i < got.length; i++) {
            assertClose(want[i], got[i], 1e-14 * k * Math.sqrt(k), "entry " + i);
        }
        double[] all = la.toRowMajor(big);
        assertEquals(0.0, all[0], 0.0, "outside the block");
        assertEquals(0.0, all[all.length - 1], 0.0, "outside the block");
    }

    @Test
    void scaleAddRowMatchesNumpysTwoRoundingsInEveryLayout() {
        Random rnd = new Random(108);
        for (int[] sh : new int[][] {{1, 1}, {2047, 4}, {2049, 4}, {10007, 3}, {65, 300}, {5000, 1}}) {
            int n = sh[0];
            int k = sh[1];
            double[] data = gaussian(rnd, n * k);
            double[] v = gaussian(rnd, k);
            for (double alpha : new double[] {1.0, -0.5}) {
                for (char ao : new char[] {'c', 'f'}) {
                    for (char oo : new char[] {'c', 'f'}) {
                        INDArray a = array(data, n, k, ao);
                        INDArray out = Nd4j.create(DataType.DOUBLE, new long[] {n, k}, oo);
                        la.scaleAddRow(a, alpha, v, out);
                        double[] got = la.toRowMajor(out);
                        la.scaleAddRow(a, alpha, v, a);
                        double[] inPlace = la.toRowMajor(a);
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < k; j++) {
                                double want = alpha * data[i * k + j] + v[j];
                                String what = n + "x" + k + " alpha " + alpha + " a " + ao + " out " + oo;
                                assertEquals(want, got[i * k + j], 0.0, what);
                                assertEquals(want, inPlace[i * k + j], 0.0, what + " in place");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void argmaxRowsAndSumsMatchNd4jsOwnOpsAtChunkEdgesInEveryLayout() {
        Random rnd = new Random(112);
        for (int[] sh : new int[][] {{1, 1}, {2047, 4}, {2049, 4}, {10007, 3}, {65, 300}, {5000, 1}}) {
            int n = sh[0];
            int k = sh[1];
            double[] data = gaussian(rnd, n * k);
            for (int i = 0; i < n; i += 7) {
                data[i * k + (i % k)] = data[i * k];  // ties: the first index wins
            }
            for (char order : new char[] {'c', 'f'}) {
                String what = n + "x" + k + " " + order;
                INDArray a = array(data, n, k, order);
                long[] want = Nd4j.argMax(a, 1).toLongVector();
                int[] got = la.argmaxRows(a);
                for (int i = 0; i < n; i++) {
                    assertEquals(want[i], got[i], what + " argmax row " + i);
                }
                double[] colSums = la.columnSums(a);
                double[] wantCols = a.sum(0).toDoubleVector();
                for (int j = 0; j < k; j++) {
                    assertEquals(wantCols[j], colSums[j], 1e-12 * n, what + " column sum " + j);
                }
                assertEquals(a.sumNumber().doubleValue(), la.sum(a), 1e-12 * n * k, what + " sum");
            }
        }
        // NaN: as NumPy, the first NaN.
        INDArray nan = la.fromRowMajor(3, 3, new double[] {1, Double.NaN, 5, Double.NaN, 9, 9, 2, 7, Double.NaN});
        assertArrayEquals(new int[] {1, 0, 2}, la.argmaxRows(nan));
    }

    @Test
    void copyToRowMajorAndSetRowMajorInEveryLayoutAndView() {
        Random rnd = new Random(109);
        double[] data = gaussian(rnd, 37 * 11);
        INDArray big = la.fromRowMajor(40, 14, gaussian(rnd, 40 * 14));
        List<INDArray> arrays = List.of(
                array(data, 37, 11, 'c'), array(data, 37, 11, 'f'),
                big.get(NDArrayIndex.interval(1, 38), NDArrayIndex.interval(2, 13)),
                big.dup('f').get(NDArrayIndex.interval(3, 40), NDArrayIndex.interval(0, 11)),
                la.fromRowMajor(37, 22, gaussian(rnd, 37 * 22)).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 22)));
        for (int t = 0; t < arrays.size(); t++) {
            INDArray a = arrays.get(t);
            assertEquals(37, a.size(0));
            assertEquals(11, a.size(1));
            la.setRowMajor(data, a);
            double[] out = new double[37 * 11 + 3];
            out[out.length - 1] = 42;
            la.copyToRowMajor(a, out);
            assertArrayEquals(data, java.util.Arrays.copyOf(out, data.length), "array " + t);
            assertEquals(42, out[out.length - 1], 0.0, "array " + t + ": written past the prefix");
            assertArrayEquals(data, la.toRowMajor(a), "array " + t + " toRowMajor");
            assertArrayEquals(data, a.dup('c').data().asDouble(), "array " + t + " as ND4J sees it");
        }
        assertThrows(IllegalArgumentException.class, () -> la.copyToRowMajor(arrays.get(1), new double[10]));
    }

    @Test
    void overridesAreSafeToUseFromSeveralThreadsAtOnce() throws Exception {
        // Products of the M-step's shape (inner split) and E-steps of several shapes at once, each
        // compared with its result computed alone.
        Random rnd = new Random(110);
        int[][] shapes = {{20000, 8, 4}, {9000, 3, 3}, {12000, 16, 8}, {5000, 2, 3}};
        List<INDArray[]> inputs = new ArrayList<>();
        for (int[] sh : shapes) {
            int n = sh[0];
            int d = sh[1];
            int k = sh[2];
            inputs.add(new INDArray[] {la.fromRowMajor(n, d, gaussian(rnd, n * d)),
                la.fromRowMajor(d, k * d, gaussian(rnd, d * k * d))});
        }
        List<double[]> alone = new ArrayList<>();
        for (int t = 0; t < shapes.length; t++) {
            alone.add(step(inputs.get(t), shapes[t]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                for (int t = 0; t < shapes.length; t++) {
                    int tt = t;
                    futures.add(pool.submit(() -> step(inputs.get(tt), shapes[tt])));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(alone.get(i % shapes.length), futures.get(i).get(), "task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One E-step and the M-step's product; returns the K×D weighted sums and the log-likelihoods. */
    private double[] step(INDArray[] in, int[] shape) {
        int n = shape[0];
        int d = shape[1];
        int k = shape[2];
        INDArray logProb = la.zeros(n, k);
        la.blockQuadraticForms(in[0], in[1], new double[k * d], la.zeros(n, k * d), logProb);
        la.scaleAddRow(logProb, -0.5, new double[k], logProb);
        INDArray logNorm = la.zeros(n, 1);
        INDArray resp = la.zeros(n, k);
        la.normalizeRows(logProb, logNorm, resp);
        INDArray sums = la.zeros(k, d);
        la.multiply(resp, true, in[0], false, sums);
        double[] s = new double[k * d];
        la.copyToRowMajor(sums, s);
        double[] all = java.util.Arrays.copyOf(s, k * d + n);
        System.arraycopy(la.toRowMajor(logNorm), 0, all, k * d, n);
        return all;
    }

    @Test
    void threadSettingsAreDeliberateAndReported() {
        Map<String, String> env = la.environment();
        assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS runs single-threaded");
        assertTrue(env.get("threads.blas").startsWith("1"), env.get("threads.blas"));
        String property = System.getProperty(Nd4jLinearAlgebra.THREADS_PROPERTY);
        int threads = property == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(property.trim());
        assertTrue(env.get("threads.backend").startsWith(threads + " "), env.get("threads.backend"));
        assertEquals(threads, Nd4j.getEnvironment().maxThreads(), "libnd4j's pool");
        assertTrue(env.containsKey("threads.nd4j"), env.toString());
    }

    @Test
    void theEmLoopsCallsDoNotGrowOffHeapMemory() {
        // The EM loop's calls on the same matrices: per-thread buffers are reused, nothing is
        // allocated off-heap per call once the sizes are known.
        int n = 20000;
        int d = 8;
        int k = 4;
        int m = d + d * (d + 1) / 2;
        Random rnd = new Random(111);
        INDArray x = la.fromRowMajor(n, d, gaussian(rnd, n * d));
        INDArray design = la.fromRowMajor(n, m, gaussian(rnd, n * m));
        INDArray f = la.zeros(d, k * d);
        double[] fv = gaussian(rnd, d * k * d);
        INDArray scratch = la.zeros(n, k * d);
        INDArray logProb = la.zeros(n, k);
        INDArray logNorm = la.zeros(n, 1);
        INDArray resp = la.zeros(n, k);
        INDArray sums = la.zeros(k, m);
        double[] offsets = new double[k * d];
        double[] sumValues = new double[k * m];
        Runnable iteration = () -> {
            la.setRowMajor(fv, f);
            la.blockQuadraticForms(x, f, offsets, scratch, logProb);
            la.scaleAddRow(logProb, -0.5, new double[k], logProb);
            la.normalizeRows(logProb, logNorm, resp);
            la.sum(logNorm);
            la.columnSums(resp);
            la.multiply(resp, true, design, false, sums);
            la.copyToRowMajor(sums, sumValues);
        };
        for (int i = 0; i < 5; i++) {
            iteration.run();
        }
        System.gc();
        long before = org.bytedeco.javacpp.Pointer.totalBytes();
        for (int i = 0; i < 50; i++) {
            iteration.run();
        }
        long after = org.bytedeco.javacpp.Pointer.totalBytes();
        assertTrue(after - before < 8L * n, "off-heap grew by " + (after - before) + " bytes");
    }
}
