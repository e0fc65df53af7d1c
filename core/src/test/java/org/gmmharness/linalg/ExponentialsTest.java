package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ExponentialsTest {

    @Test
    void equalsMathExpBitForBitAcrossTheUnderflowThreshold() {
        Random rnd = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            // Dense around the threshold and where exp turns subnormal, sparse elsewhere.
            double x = i % 2 == 0 ? Exponentials.UNDERFLOW + 80 * (rnd.nextDouble() - 0.5)
                    : -2000 + 2710 * rnd.nextDouble();
            assertEquals(Double.doubleToRawLongBits(Math.exp(x)), Double.doubleToRawLongBits(Exponentials.expOrZero(x)),
                    "exp(" + x + ")");
        }
        double[] edges = {Exponentials.UNDERFLOW, Math.nextUp(Exponentials.UNDERFLOW),
            Math.nextDown(Exponentials.UNDERFLOW), -745.1332191019412, -745.1332191019411, -708.4, 0.0, -0.0,
            709.78, 710.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -Double.MAX_VALUE};
        for (double x : edges) {
            assertEquals(Double.doubleToRawLongBits(Math.exp(x)), Double.doubleToRawLongBits(Exponentials.expOrZero(x)),
                    "exp(" + x + ")");
        }
        assertEquals(Double.NaN, Exponentials.expOrZero(Double.NaN));
    }
}
