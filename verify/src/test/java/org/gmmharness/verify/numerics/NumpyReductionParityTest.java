package org.gmmharness.verify.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ejml.data.DMatrixRMaj;
import org.gmmharness.backend.ejml.EjmlLinearAlgebra;
import org.gmmharness.random.NumpySummation;
import org.gmmharness.verify.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * numpy's summation order, bit for bit, against {@code numpy_reductions.json}: core's
 * {@link NumpySummation}, and the EJML backend, which promises numpy's order for its sums, column
 * sums, block sums of squares and log-sum-exp.
 */
class NumpyReductionParityTest {

    private static JsonNode fixture;
    private static double[] values;
    private final EjmlLinearAlgebra ejml = new EjmlLinearAlgebra();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = NumpyReductionParityTest.class.getResourceAsStream("/fixtures/numpy_reductions.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        values = Fixtures.flat(fixture.get("values"));
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void prefixSumsFollowNumpysBufferedPairwiseOrder() {
        Iterator<Map.Entry<String, JsonNode>> it = fixture.get("prefix_sums").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int n = Integer.parseInt(e.getKey());
            double expected = e.getValue().asDouble();
            assertBits(expected, NumpySummation.sum(values, 0, n), "NumpySummation n=" + n);
            assertBits(expected, ejml.sum(ejml.fromRowMajor(1, n, java.util.Arrays.copyOf(values, n))),
                    "ejml sum n=" + n);
        }
    }

    @Test
    void columnSumsRunRowByRow() {
        double[] expected = Fixtures.flat(fixture.get("column_sums_2000x10"));
        double[] actual = ejml.columnSums(ejml.fromRowMajor(2000, 10, values));
        for (int j = 0; j < expected.length; j++) {
            assertBits(expected[j], actual[j], "column " + j);
        }
    }

    @Test
    void blockRowSumsOfSquaresFollowNumpy() {
        DMatrixRMaj c = ejml.fromRowMajor(4, 300, java.util.Arrays.copyOf(values, 1200));
        Iterator<Map.Entry<String, JsonNode>> it = fixture.get("block_row_sums_of_squares").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int width = Integer.parseInt(e.getKey());
            double[] expected = Fixtures.flat(e.getValue());
            DMatrixRMaj out = ejml.zeros(4, 300 / width);
            ejml.blockRowSumsOfSquares(c, width, out);
            double[] actual = ejml.toRowMajor(out);
            for (int i = 0; i < expected.length; i++) {
                assertBits(expected[i], actual[i], "width " + width + ", entry " + i);
            }
        }
    }

    /**
     * scipy's log-sum-exp to the last bit but for {@code Math.exp} and {@code Math.log}, which
     * differ from the C library by one ulp on a few inputs in a thousand: allowed 2 ulps.
     */
    @Test
    void logSumExpRowsMatchScipy() {
        double[][] input = Fixtures.matrix(fixture.get("logsumexp_input_5x40"));
        double[] expected = Fixtures.flat(fixture.get("logsumexp_rows"));
        DMatrixRMaj out = ejml.zeros(5, 1);
        ejml.logSumExpRows(ejml.fromRowMajor(5, 40, org.gmmharness.verify.Compare.flat(input)), out);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.get(i, 0), 2 * Math.ulp(expected[i]), "row " + i);
        }
    }
}
