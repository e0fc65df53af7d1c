package org.gmmharness.verify.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.SufficientStatistics;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.verify.BackendSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full covariance's two ways of summing a block, from design rows ({@link SufficientStatistics#add})
 * and in the weighted form ({@link SufficientStatistics#addWeighted}), give the same statistics on
 * every backend, whichever one a fit's shape selects.
 */
class SufficientStatisticsFormsTest {

    /**
     * Largest relative difference between the two forms, against the largest sum of the same
     * kind: both sum the same b products per entry in different orders and with the weight
     * applied before or after the data product, so they differ by a few roundings of b terms.
     */
    private static final double RTOL = 1e-13;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String backend : BackendSource.names()) {
            for (int[] shape : new int[][] {{1, 1, 1}, {37, 3, 5}, {500, 4, 16}, {300, 2, 40}}) {
                cases.add(Arguments.of(backend, shape[0], shape[1], shape[2]));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} b={1} K={2} D={3}")
    @MethodSource("cases")
    void bothFormsSumTheSameMoments(String backend, int b, int k, int d) {
        check(Backends.create(backend), b, k, d);
    }

    private static <M> void check(LinearAlgebra<M> la, int b, int k, int d) {
        SplittableRandom rnd = new SplittableRandom(31L * b + 7L * k + d);
        double[] x = new double[b * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 * rnd.nextDouble() - 1;
        }
        double[] r = new double[b * k];
        for (int i = 0; i < b; i++) {
            double total = 0;
            for (int c = 0; c < k; c++) {
                r[i * k + c] = rnd.nextDouble();
                total += r[i * k + c];
            }
            for (int c = 0; c < k; c++) {
                r[i * k + c] /= total;
            }
        }
        int width = SufficientStatistics.width(CovarianceType.FULL, d);
        M xm = la.fromRowMajor(b, d, x);
        M rm = la.fromRowMajor(b, k, r);
        M design = la.zeros(b, width);
        la.momentRows(xm, design);
        SufficientStatistics fromDesign = new SufficientStatistics(CovarianceType.FULL, k, d);
        fromDesign.add(la, rm, design, la.zeros(k, width));
        SufficientStatistics weighted = new SufficientStatistics(CovarianceType.FULL, k, d);
        weighted.addWeighted(la, rm, xm, la.zeros(b, k * d), la.zeros(k * d, d));

        assertEquals(b, weighted.rows());
        double scale = 0;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < width; j++) {
                scale = Math.max(scale, Math.abs(fromDesign.weightedSum(c, j)));
            }
        }
        assertTrue(scale > 0, "no moments to compare");
        for (int c = 0; c < k; c++) {
            assertEquals(fromDesign.responsibilitySum(c), weighted.responsibilitySum(c), 0.0, "nk of " + c);
            for (int j = 0; j < width; j++) {
                assertEquals(fromDesign.weightedSum(c, j), weighted.weightedSum(c, j), RTOL * scale,
                        "component " + c + ", column " + j);
            }
        }
    }

    @Test
    void theWeightedFormIsChosenOnTunedProductsWhereKTimesDIsAtMostAQuarterOfTheDesign() {
        LinearAlgebra<?> tuned = Backends.create("nd4j");
        assertTrue(tuned.tunedProducts());
        // D = 128, K = 4 (the large-D case): 512 columns against 8,384.
        assertTrue(SufficientStatistics.weightedForm(CovarianceType.FULL, tuned, 128, 4));
        // D = 30, K = 4 (the high-dimensional fixture): 120 columns against 495.
        assertTrue(SufficientStatistics.weightedForm(CovarianceType.FULL, tuned, 30, 4));
        // D = 64, K = 16 (W3): 1,024 columns against 2,144.
        assertFalse(SufficientStatistics.weightedForm(CovarianceType.FULL, tuned, 64, 16));
        assertFalse(SufficientStatistics.weightedForm(CovarianceType.FULL, tuned, 16, 8));
        for (CovarianceType other : new CovarianceType[] {CovarianceType.TIED, CovarianceType.DIAG,
            CovarianceType.SPHERICAL}) {
            assertFalse(SufficientStatistics.weightedForm(other, tuned, 128, 4), other.id());
        }
        LinearAlgebra<?> plain = Backends.create("ejml");
        assertFalse(plain.tunedProducts());
        assertFalse(SufficientStatistics.weightedForm(CovarianceType.FULL, plain, 128, 4));
    }
}
