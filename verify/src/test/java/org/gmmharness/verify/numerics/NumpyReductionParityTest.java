package org.gmmharness.verify.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.random.NumpySummation;
import org.gmmharness.verify.Compare;
import org.gmmharness.verify.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * numpy's summation order, bit for bit, against {@code numpy_reductions.json} (made by
 * {@code verify/generator/numpy_reductions.py}): core's {@link NumpySummation}, and the backends
 * that promise numpy's order for their sums, column sums, block sums of squares and log-sum-exp
 * (EJML, whose storage is one row-major array, and Commons Math, whose storage is 52×52 blocks:
 * its sums are checked on shapes that span one and several block columns).
 */
class NumpyReductionParityTest {

    private static JsonNode fixture;
    private static double[] values;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = NumpyReductionParityTest.class.getResourceAsStream("/fixtures/numpy_reductions.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        values = Fixtures.flat(fixture.get("values"));
    }

    /** @return the names of the backends that promise numpy's order */
    static Stream<String> numpyOrderedBackends() {
        return Stream.of("ejml", "commons-math");
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void prefixSumsOfNumpySummationFollowNumpysBufferedPairwiseOrder() {
        Iterator<Map.Entry<String, JsonNode>> it = fixture.get("prefix_sums").fields();
        assertTrue(it.hasNext(), "the fixture holds no prefix sums");
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int n = Integer.parseInt(e.getKey());
            assertBits(e.getValue().asDouble(), NumpySummation.sum(values, 0, n), "NumpySummation n=" + n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numpyOrderedBackends")
    void sumsFollowNumpysBufferedPairwiseOrder(String backend) {
        sums(Backends.create(backend));
    }

    private static <M> void sums(LinearAlgebra<M> la) {
        Iterator<Map.Entry<String, JsonNode>> it = fixture.get("prefix_sums").fields();
        assertTrue(it.hasNext(), "the fixture holds no prefix sums");
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int n = Integer.parseInt(e.getKey());
            assertBits(e.getValue().asDouble(), la.sum(la.fromRowMajor(1, n, Arrays.copyOf(values, n))),
                    la.name() + " sum of 1x" + n);
        }
        double all = fixture.get("prefix_sums").get(String.valueOf(values.length)).asDouble();
        // np.sum of a C-ordered matrix is the sum of its row-major sequence, whatever its shape.
        for (int cols : new int[] {125, 50}) {
            int rows = values.length / cols;
            assertBits(all, la.sum(la.fromRowMajor(rows, cols, values)), la.name() + " sum of " + rows + "x" + cols);
        }
        assertBits(all, la.columnSums(la.fromRowMajor(values.length, 1, values))[0],
                la.name() + " column sum of one column, as numpy sums a contiguous vector");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numpyOrderedBackends")
    void columnSumsRunRowByRow(String backend) {
        columnSums(Backends.create(backend));
    }

    private static <M> void columnSums(LinearAlgebra<M> la) {
        double[] expected = Fixtures.flat(fixture.get("column_sums_2000x10"));
        double[] actual = la.columnSums(la.fromRowMajor(2000, 10, values));
        assertEquals(expected.length, actual.length);
        for (int j = 0; j < expected.length; j++) {
            assertBits(expected[j], actual[j], la.name() + " column " + j);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numpyOrderedBackends")
    void blockRowSumsOfSquaresFollowNumpy(String backend) {
        blockRowSumsOfSquares(Backends.create(backend));
    }

    private static <M> void blockRowSumsOfSquares(LinearAlgebra<M> la) {
        M c = la.fromRowMajor(4, 300, Arrays.copyOf(values, 1200));
        Iterator<Map.Entry<String, JsonNode>> it = fixture.get("block_row_sums_of_squares").fields();
        assertTrue(it.hasNext(), "the fixture holds no block widths");
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int width = Integer.parseInt(e.getKey());
            double[] expected = Fixtures.flat(e.getValue());
            M out = la.zeros(4, 300 / width);
            la.blockRowSumsOfSquares(c, width, out);
            double[] actual = la.toRowMajor(out);
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertBits(expected[i], actual[i], la.name() + " width " + width + ", entry " + i);
            }
        }
    }

    /**
     * scipy's log-sum-exp to the last bit but for {@code Math.exp} and {@code Math.log}, which
     * differ from the C library by one ulp on a few inputs in a thousand: allowed 2 ulps.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("numpyOrderedBackends")
    void logSumExpRowsMatchScipy(String backend) {
        logSumExpRows(Backends.create(backend));
    }

    private static <M> void logSumExpRows(LinearAlgebra<M> la) {
        double[][] input = Fixtures.matrix(fixture.get("logsumexp_input_5x40"));
        double[] expected = Fixtures.flat(fixture.get("logsumexp_rows"));
        M out = la.zeros(5, 1);
        la.logSumExpRows(la.fromRowMajor(5, 40, Compare.flat(input)), out);
        double[] actual = la.toRowMajor(out);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2 * Math.ulp(expected[i]), la.name() + " row " + i);
        }
    }
}
