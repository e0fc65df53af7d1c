package org.gmmharness.linalg;

/**
 * The exponential as the backends' own E-step loops take it: {@link Math#exp}, without the call
 * where the result underflows to zero anyway.
 */
public final class Exponentials {

    /**
     * Below this argument e^x is under half the smallest subnormal double (e^−746 ≈ 1.0e−324 against
     * 4.9e−324), so {@link Math#exp} rounds it to 0.
     */
    public static final double UNDERFLOW = -746.0;

    private Exponentials() {
    }

    /**
     * {@code Math.exp(x)}, returning 0 without calling it for x &lt; {@link #UNDERFLOW}, where it
     * returns 0 too. Why: the JIT's exp intrinsic takes a slow path for arguments beyond about
     * −708, measured at about 2.5 times its usual cost, and in the E-step of a well-separated
     * mixture most log-probabilities (shifted by their row's maximum) lie there: a point is
     * thousands of nats less likely under every component but its own.
     *
     * @param x any double; NaN gives NaN, −∞ gives 0
     * @return e^x
     */
    public static double expOrZero(double x) {
        return x < UNDERFLOW ? 0.0 : Math.exp(x);
    }
}
