package org.gmmharness.linalg;

/**
 * Per-thread working arrays for the SPI's default block operations, kept between calls so that an
 * EM iteration visiting its data block by block allocates nothing per block. Each thread keeps
 * the arrays of the last two sizes it asked for in each slot: a fit's full blocks and its last,
 * shorter block.
 */
final class RowScratch {

    /** The slots: which array of an operation a caller asks for. */
    static final int IN = 0;
    static final int OUT = 1;
    /** A second input, such as the weights beside the data. */
    static final int WEIGHTS = 2;

    private static final ThreadLocal<double[][][]> ARRAYS = ThreadLocal.withInitial(() -> new double[3][2][]);

    private RowScratch() {
    }

    /**
     * @return an array of exactly {@code length} doubles, this thread's for {@code slot} until it
     *         next asks for that slot with a third size; its contents are left from earlier use
     */
    static double[] get(int slot, int length) {
        double[][] kept = ARRAYS.get()[slot];
        for (double[] a : kept) {
            if (a != null && a.length == length) {
                return a;
            }
        }
        double[] fresh = new double[length];
        kept[1] = kept[0];
        kept[0] = fresh;
        return fresh;
    }
}
