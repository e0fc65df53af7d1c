package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The block loops against their formulas, on a 2×3 block inside wider vectors. */
class RowMajorBlocksTest {

    private static final double[] A = {1, 2, 3, 4, 5, 6};

    @Test
    void scaleAddRowTakesItsColumnsFromTheOffset() {
        double[] out = new double[6];
        RowMajorBlocks.scaleAddRow(A, out, 2, 3, 2.0, new double[] {100, 10, 20, 30}, 1);
        assertArrayEquals(new double[] {12, 24, 36, 18, 30, 42}, out);
    }

    @Test
    void scaleAddRowOfNarrowAndWideBlocksIsTheFormulaBitForBit() {
        java.util.Random rnd = new java.util.Random(5);
        // Widths either side of the narrow rows' tiling, heights around its tile of rows.
        for (int w : new int[] {1, 2, 3, 7, 15, 16, 17}) {
            for (int h : new int[] {1, 2, 170, 171, 513, 1000}) {
                double[] a = new double[h * w];
                for (int q = 0; q < a.length; q++) {
                    a[q] = rnd.nextGaussian();
                }
                double[] v = new double[w + 2];
                for (int j = 0; j < v.length; j++) {
                    v[j] = rnd.nextGaussian() * 100;
                }
                double[] want = new double[h * w];
                for (int q = 0; q < want.length; q++) {
                    want[q] = -0.5 * a[q] + v[2 + q % w];
                }
                double[] out = new double[h * w];
                RowMajorBlocks.scaleAddRow(a, out, h, w, -0.5, v, 2);
                assertArrayEquals(want, out, h + "x" + w);
                RowMajorBlocks.scaleAddRow(a, a, h, w, -0.5, v, 2);
                assertArrayEquals(want, a, h + "x" + w + " in place");
            }
        }
    }

    @Test
    void subtractColumnMayWriteOverItsInput() {
        double[] a = A.clone();
        RowMajorBlocks.subtractColumn(a, a, 2, 3, new double[] {9, 1, 4}, 1);
        assertArrayEquals(new double[] {0, 1, 2, 0, 1, 2}, a);
    }

    @Test
    void scaleRowsReadsTheScalesWithAStride() {
        double[] out = new double[6];
        RowMajorBlocks.scaleRows(A, out, 2, 3, new double[] {0, 2, 0, 0, 3, 0}, 1, 3);
        assertArrayEquals(new double[] {2, 4, 6, 12, 15, 18}, out);
    }

    @Test
    void addColumnSumsAccumulatesAtTheOffset() {
        double[] sums = {7, 1, 1, 1};
        RowMajorBlocks.addColumnSums(A, 2, 3, sums, 1);
        assertArrayEquals(new double[] {7, 6, 8, 10}, sums);
    }
}
