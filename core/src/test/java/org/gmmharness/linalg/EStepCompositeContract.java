package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The contract of the E-step's composite operations, {@code blockQuadraticForms} and
 * {@code normalizeRows}: known answers, naive loops, and a backend's overrides against the SPI's
 * default implementations at chunk edges, in every layout of {@link #layouts}.
 *
 * @param <M> the backend's matrix type
 */
public abstract class EStepCompositeContract<M> extends LinearAlgebraContractSupport<M> {

    @Test
    void blockQuadraticFormsKnownAnswers() {
        M x = la.fromRowMajor(2, 2, new double[] {1, 2, 3, 4});
        double[] fData = {1, 0, 1, 1, 0, 1, 0, 2};
        M f = la.fromRowMajor(2, 4, fData);
        // P = x·f = [[1, 2, 1, 5], [3, 4, 3, 11]]; P + offsets = [[1, 1, 2, 0], [3, 3, 4, 6]].
        double[] offsets = {0, -1, 1, -5};
        M out2 = filled(2, 2, Double.NaN);
        la.blockQuadraticForms(x, f, offsets, filled(2, 4, Double.NaN), out2);
        assertArrayEquals(new double[] {2, 4, 18, 52}, la.toRowMajor(out2));
        M out1 = filled(2, 1, Double.NaN);
        la.blockQuadraticForms(x, f, offsets, filled(2, 4, Double.NaN), out1);
        assertArrayEquals(new double[] {6, 70}, la.toRowMajor(out1));
        M out4 = filled(2, 4, Double.NaN);
        la.blockQuadraticForms(x, f, offsets, filled(2, 4, Double.NaN), out4);
        assertArrayEquals(new double[] {1, 1, 4, 0, 9, 9, 16, 36}, la.toRowMajor(out4));
        assertArrayEquals(new double[] {1, 2, 3, 4}, la.toRowMajor(x), "x was modified");
        assertArrayEquals(fData, la.toRowMajor(f), "f was modified");
        assertArrayEquals(new double[] {0, -1, 1, -5}, offsets, "offsets were modified");
    }

    @Test
    void blockQuadraticFormsMatchesANaiveLoop() {
        Random rnd = new Random(SEED + 22);
        // n, d, K, w: n at chunk edges (1, 7, 1000, 4099, and one large enough for a parallel
        // path), K·w from 1 to 1024, w both equal to d (full covariance) and not.
        int[][] shapes = {
            {1, 1, 1, 1}, {1, 3, 2, 5}, {7, 4, 3, 2}, {7, 5, 1024, 1}, {7, 2, 1, 1024}, {53, 53, 2, 53},
            {1000, 64, 16, 64}, {1000, 16, 8, 16}, {4099, 16, 8, 16}, {4099, 2, 3, 2}, {4099, 8, 4, 8},
            {30011, 8, 4, 8}, {30011, 2, 3, 2},
        };
        for (int[] s : shapes) {
            int n = s[0];
            int d = s[1];
            int k = s[2];
            int w = s[3];
            double[] xData = gaussian(rnd, n * d);
            for (int i = 0; i < xData.length; i++) {
                xData[i] = 3 * xData[i] + 2;
            }
            double[] fData = gaussian(rnd, d * k * w);
            double[] offsets = gaussian(rnd, k * w);
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] *= 2 * d;
            }
            M x = la.fromRowMajor(n, d, xData);
            M f = la.fromRowMajor(d, k * w, fData);
            M out = filled(n, k, Double.NaN);
            String what = "blockQuadraticForms n=" + n + " d=" + d + " K=" + k + " w=" + w;
            la.blockQuadraticForms(x, f, offsets, filled(n, k * w, Double.NaN), out);
            assertBlockQuadraticFormsClose(xData, fData, offsets, n, d, k, w, la.toRowMajor(out), what);
            assertArrayEquals(xData, la.toRowMajor(x), what + ": x was modified");
            assertArrayEquals(fData, la.toRowMajor(f), what + ": f was modified");
        }
    }

    @Test
    void blockQuadraticFormsDoesNotDependOnTheScratchOrOnEarlierCalls() {
        Random rnd = new Random(SEED + 23);
        int n = 4099;
        int d = 6;
        int k = 3;
        int w = 6;
        double[] xData = gaussian(rnd, n * d);
        M x = la.fromRowMajor(n, d, xData);
        M out = filled(n, k, Double.NaN);
        double[] garbage = gaussian(rnd, n * k * w);
        garbage[5] = Double.POSITIVE_INFINITY;
        garbage[17] = Double.NaN;
        M own = la.blockQuadraticFormsScratch(n, k * w);
        boolean whole = la.rows(own) == n && la.cols(own) == k * w;
        assertTrue(whole || la.rows(own) == 0 && la.cols(own) == 0,
                "blockQuadraticFormsScratch must be n x width or 0 x 0, got " + la.rows(own) + "x" + la.cols(own));
        List<M> scratches = List.of(own, filled(n, k * w, Double.NaN), filled(n, k * w, Double.NEGATIVE_INFINITY),
                la.fromRowMajor(n, k * w, garbage), la.zeros(n, k * w));
        M shared = la.zeros(n, k * w);
        for (int t = 0; t < scratches.size(); t++) {
            // New parameters each time, the same out and (second call) the same scratch reused:
            // the result must be overwritten, never accumulated.
            double[] fData = gaussian(rnd, d * k * w);
            double[] offsets = gaussian(rnd, k * w);
            M f = la.fromRowMajor(d, k * w, fData);
            la.blockQuadraticForms(x, f, offsets, scratches.get(t), out);
            assertBlockQuadraticFormsClose(xData, fData, offsets, n, d, k, w, la.toRowMajor(out),
                    "blockQuadraticForms with scratch " + t);
            la.blockQuadraticForms(x, f, offsets, shared, out);
            assertBlockQuadraticFormsClose(xData, fData, offsets, n, d, k, w, la.toRowMajor(out),
                    "blockQuadraticForms with a reused scratch, call " + t);
        }
    }

    @Test
    void blockQuadraticFormsStaysExactForNarrowComponents() {
        // A component of width 1e-3 far from the origin: P = x·f is about 1e7 while P + offsets
        // is about 1. The direct form keeps the digits; the expanded form |P|² − 2·P·(−o) + |o|²
        // loses about 14 of them and fails this tolerance by orders of magnitude.
        Random rnd = new Random(SEED + 24);
        int n = 1000;
        int d = 8;
        int k = 2;
        double[] mu = new double[d];
        for (int j = 0; j < d; j++) {
            mu[j] = 1000 + 10 * rnd.nextGaussian();
        }
        double[] xData = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                xData[i * d + j] = mu[j] + 1e-3 * rnd.nextGaussian();
            }
        }
        // Per component, an upper-triangular precision factor of scale 1e3, and offsets −μ·U.
        double[] fData = new double[d * k * d];
        double[] offsets = new double[k * d];
        for (int b = 0; b < k; b++) {
            for (int p = 0; p < d; p++) {
                for (int q = p; q < d; q++) {
                    fData[p * k * d + b * d + q] = (p == q ? 1e3 : 1e2 * rnd.nextGaussian());
                }
            }
            for (int q = 0; q < d; q++) {
                double s = 0;
                for (int p = 0; p < d; p++) {
                    s += mu[p] * fData[p * k * d + b * d + q];
                }
                offsets[b * d + q] = -s;
            }
        }
        M out = filled(n, k, Double.NaN);
        la.blockQuadraticForms(la.fromRowMajor(n, d, xData), la.fromRowMajor(d, k * d, fData), offsets,
                filled(n, k * d, Double.NaN), out);
        assertBlockQuadraticFormsClose(xData, fData, offsets, n, d, k, d, la.toRowMajor(out),
                "blockQuadraticForms of a narrow component");
    }

    @Test
    void blockQuadraticFormsOnEmptyShapes() {
        M out = la.zeros(0, 2);
        la.blockQuadraticForms(la.zeros(0, 3), la.zeros(3, 4), new double[4], la.zeros(0, 4), out);
        assertShape(0, 2, out);
        // d = 0: P is zero, so each block is the sum of its offsets' squares.
        M out2 = filled(3, 2, Double.NaN);
        la.blockQuadraticForms(la.zeros(3, 0), la.zeros(0, 4), new double[] {1, 2, 3, -4}, la.zeros(3, 4), out2);
        assertArrayEquals(new double[] {5, 25, 5, 25, 5, 25}, la.toRowMajor(out2));
        M one = filled(1, 1, Double.NaN);
        la.blockQuadraticForms(la.fromRowMajor(1, 1, new double[] {3}), la.fromRowMajor(1, 1, new double[] {-2}),
                new double[] {4}, la.zeros(1, 1), one);
        assertArrayEquals(new double[] {4}, la.toRowMajor(one));
    }

    @Test
    void blockQuadraticFormsRejectsMismatchedShapes() {
        M x = la.zeros(5, 3);
        M f = la.zeros(3, 6);
        double[] off = new double[6];
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, la.zeros(4, 6), off, la.zeros(5, 6), la.zeros(5, 2)), "rows(f) != cols(x)");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, new double[5], la.zeros(5, 6), la.zeros(5, 2)), "offsets length");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, new double[7], la.zeros(5, 6), la.zeros(5, 2)), "offsets length");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, off, la.zeros(5, 6), la.zeros(4, 2)), "rows(out)");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, off, la.zeros(5, 6), la.zeros(5, 4)), "cols(out) does not divide cols(f)");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, off, la.zeros(4, 6), la.zeros(5, 2)), "scratch rows");
        assertThrows(IllegalArgumentException.class,
                () -> la.blockQuadraticForms(x, f, off, la.zeros(5, 5), la.zeros(5, 2)), "scratch cols");
    }

    @Test
    void normalizeRowsKnownAnswers() {
        double inf = Double.POSITIVE_INFINITY;
        M a = la.fromRowMajor(4, 2, new double[] {
            0, 0,
            1000, 1000,
            -inf, 3,
            -745, -745,
        });
        M logNorm = filled(4, 1, Double.NaN);
        M resp = filled(4, 2, Double.NaN);
        la.normalizeRows(a, logNorm, resp);
        double ln2 = Math.log(2);
        assertEntries(new double[] {ln2, 1000 + ln2, 3, -745 + ln2}, la.toRowMajor(logNorm), TRANSCENDENTAL_TOL,
                "normalizeRows logNorm");
        assertEntries(new double[] {-ln2, -ln2, -ln2, -ln2, -inf, 0, -ln2, -ln2}, la.toRowMajor(a),
                TRANSCENDENTAL_TOL * 1000, "normalizeRows log-responsibilities");
        assertEntries(new double[] {0.5, 0.5, 0.5, 0.5, 0, 1, 0.5, 0.5}, la.toRowMajor(resp), TRANSCENDENTAL_TOL * 1000,
                "normalizeRows responsibilities");
        // A single finite term: log(exp(0)) = 0, so the row comes back exactly.
        assertEquals(3.0, la.toRowMajor(logNorm)[2], 0.0);
        assertEquals(0.0, la.toRowMajor(a)[5], 0.0);
        assertEquals(1.0, la.toRowMajor(resp)[5], 0.0);
    }

    @Test
    void normalizeRowsOfOneColumnGivesZeroAndOne() {
        double[] col = {5, -3, 1e308, -1e-300, 0, -1e5};
        M a = la.fromRowMajor(col.length, 1, col);
        M logNorm = filled(col.length, 1, Double.NaN);
        M resp = filled(col.length, 1, Double.NaN);
        la.normalizeRows(a, logNorm, resp);
        assertArrayEquals(col, la.toRowMajor(logNorm));
        assertArrayEquals(new double[col.length], la.toRowMajor(a));
        double[] ones = new double[col.length];
        Arrays.fill(ones, 1.0);
        assertArrayEquals(ones, la.toRowMajor(resp));
    }

    @Test
    void normalizeRowsMatchesTheFormulaOnRandomRows() {
        Random rnd = new Random(SEED + 25);
        // n at chunk edges and one large enough for a parallel path; k across block widths.
        int[][] shapes = {
            {1, 1}, {1, 16}, {7, 3}, {7, 53}, {1000, 4}, {1000, 110}, {4099, 8}, {4099, 1}, {30011, 3}, {30011, 16},
        };
        for (int[] s : shapes) {
            int n = s[0];
            int k = s[1];
            double[] data = logProbabilities(rnd, n, k);
            M a = la.fromRowMajor(n, k, data);
            M logNorm = filled(n, 1, Double.NaN);
            M resp = filled(n, k, Double.NaN);
            la.normalizeRows(a, logNorm, resp);
            assertNormalizedRows(data, n, k, la.toRowMajor(logNorm), la.toRowMajor(a), la.toRowMajor(resp),
                    "normalizeRows " + n + "x" + k);
        }
    }

    @Test
    void normalizeRowsInPlaceLeavesTheResponsibilitiesOfTheSeparateCall() {
        Random rnd = new Random(SEED + 27);
        // The shapes of the random-rows test: serial, chunked and parallel paths, narrow and wide rows.
        int[][] shapes = {{1, 1}, {7, 53}, {1000, 4}, {1000, 110}, {4099, 1}, {30011, 3}, {30011, 16}};
        for (int[] s : shapes) {
            int n = s[0];
            int k = s[1];
            double[] data = logProbabilities(rnd, n, k);
            M separate = la.fromRowMajor(n, k, data);
            M logNorm = la.zeros(n, 1);
            M resp = la.zeros(n, k);
            la.normalizeRows(separate, logNorm, resp);
            M inPlace = la.fromRowMajor(n, k, data);
            M inPlaceLogNorm = filled(n, 1, Double.NaN);
            la.normalizeRows(inPlace, inPlaceLogNorm, inPlace);
            String what = "normalizeRows in place " + n + "x" + k;
            assertArrayEquals(la.toRowMajor(resp), la.toRowMajor(inPlace), what + ": responsibilities");
            assertArrayEquals(la.toRowMajor(logNorm), la.toRowMajor(inPlaceLogNorm), what + ": logNorm");
        }
    }

    @Test
    void normalizeRowsOverwritesItsOutputs() {
        Random rnd = new Random(SEED + 26);
        int n = 4099;
        int k = 5;
        M logNorm = filled(n, 1, Double.POSITIVE_INFINITY);
        M resp = filled(n, k, -1);
        for (int t = 0; t < 2; t++) {
            double[] data = logProbabilities(rnd, n, k);
            M a = la.fromRowMajor(n, k, data);
            la.normalizeRows(a, logNorm, resp);
            assertNormalizedRows(data, n, k, la.toRowMajor(logNorm), la.toRowMajor(a), la.toRowMajor(resp),
                    "normalizeRows call " + t);
        }
    }

    @Test
    void normalizeRowsOnNoRows() {
        M a = la.zeros(0, 3);
        M logNorm = la.zeros(0, 1);
        M resp = la.zeros(0, 3);
        la.normalizeRows(a, logNorm, resp);
        assertShape(0, 1, logNorm);
        assertShape(0, 3, resp);
    }

    @Test
    void normalizeRowsRejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 0), la.zeros(2, 1), la.zeros(2, 0)));
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 3), la.zeros(3, 1), la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 3), la.zeros(2, 2), la.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 3), la.zeros(2, 1), la.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> la.normalizeRows(la.zeros(2, 3), la.zeros(2, 1), la.zeros(3, 3)));
    }

    @Test
    void normalizeRowsLogNormIsLogSumExpRowsBitForBit() {
        Random rnd = new Random(9);
        for (int k : new int[] {1, 3, 8, 13, 130}) {
            int n = 500;
            double[] data = new double[n * k];
            for (int i = 0; i < data.length; i++) {
                data[i] = 40 * rnd.nextGaussian() - 300 * (i / k % 2);
            }
            M expected = la.zeros(n, 1);
            la.logSumExpRows(la.fromRowMajor(n, k, data), expected);
            M logNorm = la.zeros(n, 1);
            la.normalizeRows(la.fromRowMajor(n, k, data), logNorm, la.zeros(n, k));
            assertArrayEquals(la.toRowMajor(expected), la.toRowMajor(logNorm), "k=" + k);
        }
    }

    @Test
    void blockQuadraticFormsMatchesTheDefaultAtChunkEdgesInEveryLayout() {
        // Row counts and widths around the tiles and component groups of the backends' fused
        // kernels: ND4J tiles 64 to 256 rows (128 for K·w = 128, 256 for K·w = 32 with d = 8), up
        // to 4096 when d·K·w is tiny (4096 for d = 2, K·w = 6), and groups components when K·w is
        // large (K·w = 1024: 64 rows by 4 components of 64; 17 components: a last group of 1).
        LinearAlgebra<M> def = defaults();
        Random rnd = new Random(101);
        int[][] shapes = {
            {1, 1, 1, 1}, {1, 16, 8, 16}, {63, 2, 3, 2}, {64, 16, 8, 16}, {65, 16, 8, 16}, {127, 16, 8, 16},
            {128, 16, 8, 16}, {129, 16, 8, 16}, {255, 2, 3, 2}, {256, 2, 3, 2}, {257, 2, 3, 2}, {513, 8, 4, 8},
            {4095, 2, 3, 2}, {4096, 2, 3, 2}, {4097, 2, 3, 2},
            {4097, 8, 4, 8}, {10007, 2, 3, 2}, {200, 64, 16, 64}, {131, 64, 17, 64}, {300, 3, 40, 3},
            {77, 5, 1, 5}, {90, 4, 3, 7}, {70, 1, 2, 1}, {65, 9, 2, 300},
        };
        for (int[] sh : shapes) {
            int n = sh[0];
            int d = sh[1];
            int k = sh[2];
            int w = sh[3];
            double[] x = gaussian(rnd, n * d);
            double[] f = gaussian(rnd, d * k * w);
            double[] off = gaussian(rnd, k * w);
            M ref = la.zeros(n, k);
            def.blockQuadraticForms(la.fromRowMajor(n, d, x), la.fromRowMajor(d, k * w, f), off, la.zeros(n, k * w), ref);
            double[] want = la.toRowMajor(ref);
            List<M> xs = layouts(x, n, d);
            List<M> fs = layouts(f, d, k * w);
            List<M> outs = layouts(nans(n * k), n, k);
            for (int xi = 0; xi < xs.size(); xi++) {
                for (int fi = 0; fi < fs.size(); fi++) {
                    for (int oi = 0; oi < outs.size(); oi++) {
                        String what = "n=" + n + " d=" + d + " K=" + k + " w=" + w + " x " + xi + " f " + fi + " out " + oi;
                        M out = outs.get(oi);
                        la.setRowMajor(nans(n * k), out);
                        la.blockQuadraticForms(xs.get(xi), fs.get(fi), off, la.zeros(n, k * w), out);
                        assertQuadraticFormsAgree(x, f, off, n, d, k, w, want, la.toRowMajor(out), what);
                    }
                }
            }
        }
    }

    @Test
    void blockQuadraticFormsOfHugeAndTinyRowsMatchesTheDefault() {
        // Rows scaled by 1e154 (squares overflow: those blocks are +inf in both), by 1e153
        // (near overflow, finite), by 1e-170 (squares underflow to subnormals and zero), and
        // ordinary rows beside them.
        LinearAlgebra<M> def = defaults();
        Random rnd = new Random(102);
        int n = 4099;
        int d = 6;
        int k = 3;
        double[] x = gaussian(rnd, n * d);
        for (int i = 0; i < n; i++) {
            double scale = i % 4 == 0 ? 1e154 : i % 4 == 1 ? 1e-170 : i % 4 == 2 ? 1e153 : 1;
            for (int j = 0; j < d; j++) {
                x[i * d + j] *= scale;
            }
        }
        double[] f = gaussian(rnd, d * k * d);
        double[] off = new double[k * d];
        M xa = la.fromRowMajor(n, d, x);
        M fa = la.fromRowMajor(d, k * d, f);
        M out = la.zeros(n, k);
        la.blockQuadraticForms(xa, fa, off, la.zeros(n, k * d), out);
        M ref = la.zeros(n, k);
        def.blockQuadraticForms(xa, fa, off, la.zeros(n, k * d), ref);
        double[] got = la.toRowMajor(out);
        double[] want = la.toRowMajor(ref);
        int infinite = 0;
        int huge = 0;
        for (int i = 0; i < got.length; i++) {
            infinite += Double.isInfinite(want[i]) ? 1 : 0;
            huge += Double.isFinite(want[i]) && want[i] > 1e300 ? 1 : 0;
            assertClose(want[i], got[i], 1e-13 * Math.abs(want[i]) + Double.MIN_NORMAL, "entry " + i);
        }
        assertTrue(infinite > 0 && huge > 0, "the test should reach overflow and come near it: " + infinite
                + " infinite, " + huge + " above 1e300");
    }

    @Test
    void normalizeRowsMatchesTheDefaultAtChunkEdgesInEveryLayout() {
        // Row counts around the backends' row chunks: ND4J's hold about 8192 values, 2048 rows
        // for k = 4, 2730 for k = 3, 64 for k ≥ 128.
        LinearAlgebra<M> def = defaults();
        Random rnd = new Random(104);
        int[][] shapes = {{1, 1}, {1, 4}, {2047, 4}, {2048, 4}, {2049, 4}, {2731, 3}, {6145, 4}, {300, 1},
            {65, 200}, {129, 128}, {30011, 3}, {5000, 16}};
        for (int[] sh : shapes) {
            int n = sh[0];
            int k = sh[1];
            double[] data = logProbabilities(rnd, n, k);
            M ra = la.fromRowMajor(n, k, data);
            M rl = la.zeros(n, 1);
            M rr = la.zeros(n, k);
            def.normalizeRows(ra, rl, rr);
            List<M> logNorms = layouts(nans(n), n, 1);
            List<M> resps = layouts(nans(n * k), n, k);
            for (int ai = 0; ai < resps.size(); ai++) {
                for (int oi = 0; oi < resps.size(); oi++) {
                    String what = "normalizeRows " + n + "x" + k + " a " + ai + " outputs " + oi;
                    // Made afresh each time: normalizeRows overwrites a.
                    M a = layouts(data, n, k).get(ai);
                    M logNorm = logNorms.get(oi);
                    M resp = resps.get(oi);
                    la.setRowMajor(nans(n), logNorm);
                    la.setRowMajor(nans(n * k), resp);
                    la.normalizeRows(a, logNorm, resp);
                    assertNormalizationsAgree(la.toRowMajor(rl), la.toRowMajor(ra), la.toRowMajor(rr),
                            la.toRowMajor(logNorm), la.toRowMajor(a), la.toRowMajor(resp), k, what);
                }
            }
        }
    }
}
