package org.gmmharness.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads ND4J's natives and checks them with one small product. Kept apart from
 * {@link Nd4jProvider} so that the provider's own class never links to ND4J: only calling
 * {@link #load()} does, inside the provider's catch-all probe.
 */
final class Nd4jLoader {

    private Nd4jLoader() {
    }

    /**
     * Initialises ND4J (which loads JavaCPP, OpenBLAS and libnd4j) and computes
     * [[1,2],[3,4]]·[[5,6],[7,8]] in double precision.
     *
     * @return the name of ND4J's backend class
     * @throws IllegalStateException if the product is wrong or not in double precision
     */
    static String load() {
        INDArray a = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {2, 2}, 'c');
        INDArray b = Nd4j.create(new double[] {5, 6, 7, 8}, new long[] {2, 2}, 'c');
        INDArray c = Nd4j.create(DataType.DOUBLE, new long[] {2, 2}, 'f');
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double[] got = c.dup('c').data().asDouble();
        double[] want = {19, 22, 43, 50};
        if (c.dataType() != DataType.DOUBLE || !java.util.Arrays.equals(got, want)) {
            throw new IllegalStateException("ND4J's check product gave " + java.util.Arrays.toString(got)
                    + " in " + c.dataType() + ", expected " + java.util.Arrays.toString(want) + " in DOUBLE");
        }
        return Nd4j.getBackend().getClass().getName();
    }
}
