package org.gmmharness.random;

/**
 * numpy's legacy binomial sampler, bit for bit: the draws behind {@link RandomState#multinomial}.
 * Uses glibc's {@code log} and {@code exp} ({@link GlibcMath}), as numpy does through libm.
 */
final class Binomial {

    private Binomial() {
    }

    /**
     * numpy's C {@code random_binomial(p, n)} (distributions.c, used by {@code random_multinomial}).
     * Draws from {@code mt}, as many outputs as numpy draws. numpy caches the set-up constants for the last {@code (n, p)}; recomputing them gives
     * identical values, so no cache is kept here.
     */
    static long draw(MT19937 mt, double p, long n) {
        if (n == 0 || p == 0.0) {
            return 0;
        }
        if (p <= 0.5) {
            if (p * n <= 30.0) {
                return inversion(mt, n, p);
            }
            return btpe(mt, n, p);
        }
        double q = 1.0 - p;
        if (q * n <= 30.0) {
            return n - inversion(mt, n, q);
        }
        return n - btpe(mt, n, q);
    }

    /** numpy's C {@code random_binomial_inversion}. */
    private static long inversion(MT19937 mt, long n, double p) {
        double q = 1.0 - p;
        double qn = GlibcMath.exp(n * GlibcMath.log(q));
        double np = n * p;
        double b = np + 10.0 * Math.sqrt(np * q + 1);
        long bound = (long) ((double) n < b ? (double) n : b); // C MIN(n, b), then the (int64) cast
        long x = 0;
        double px = qn;
        double u = mt.nextDouble();
        while (u > px) {
            x++;
            if (x > bound) {
                x = 0;
                px = qn;
                u = mt.nextDouble();
            } else {
                u -= px;
                px = ((n - x + 1) * p * px) / (x * q);
            }
        }
        return x;
    }

    /** numpy's C {@code random_binomial_btpe}, with its gotos turned into one loop (Step10). */
    private static long btpe(MT19937 mt, long n, double p) {
        double r = p < 1.0 - p ? p : 1.0 - p; // C MIN(p, 1.0 - p)
        double q = 1.0 - r;
        double fm = n * r + r;
        long m = (long) Math.floor(fm);
        double p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
        double xm = m + 0.5;
        double xl = xm - p1;
        double xr = xm + p1;
        double c = 0.134 + 20.5 / (15.3 + m);
        double a = (fm - xl) / (fm - xl * r);
        double laml = a * (1.0 + a / 2.0);
        a = (xr - fm) / (xr * q);
        double lamr = a * (1.0 + a / 2.0);
        double p2 = p1 * (1.0 + 2.0 * c);
        double p3 = p2 + c / laml;
        double p4 = p3 + c / lamr;

        long y;
        while (true) {
            // Step10
            double nrq = n * r * q;
            double u = mt.nextDouble() * p4;
            double v = mt.nextDouble();
            if (u <= p1) {
                y = (long) Math.floor(xm - p1 * v + u);
                break; // Step60
            }
            if (u <= p2) {
                // Step20
                double x = xl + (u - p1) / c;
                v = v * c + 1.0 - Math.abs(m - x + 0.5) / p1;
                if (v > 1.0) {
                    continue;
                }
                y = (long) Math.floor(x);
            } else if (u <= p3) {
                // Step30
                y = (long) Math.floor(xl + GlibcMath.log(v) / laml);
                if ((y < 0) || (v == 0.0)) {
                    continue;
                }
                v = v * (u - p2) * laml;
            } else {
                // Step40
                y = (long) Math.floor(xr - GlibcMath.log(v) / lamr);
                if ((y > n) || (v == 0.0)) {
                    continue;
                }
                v = v * (u - p3) * lamr;
            }
            // Step50
            long k = Math.abs(y - m);
            if ((k > 20) && (k < ((nrq) / 2.0 - 1))) {
                // Step52
                double rho = (k / (nrq)) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
                double t = -k * k / (2 * nrq);
                double bigA = GlibcMath.log(v);
                if (bigA < (t - rho)) {
                    break; // Step60
                }
                if (bigA > (t + rho)) {
                    continue;
                }
                double x1 = y + 1;
                double f1 = m + 1;
                double z = n + 1 - m;
                double w = n - y + 1;
                double x2 = x1 * x1;
                double f2 = f1 * f1;
                double z2 = z * z;
                double w2 = w * w;
                if (bigA > (xm * GlibcMath.log(f1 / x1) + (n - m + 0.5) * GlibcMath.log(z / w)
                        + (y - m) * GlibcMath.log(w * r / (x1 * q))
                        + (13680. - (462. - (132. - (99. - 140. / f2) / f2) / f2) / f2) / f1 / 166320.
                        + (13680. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) / z / 166320.
                        + (13680. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2) / x1 / 166320.
                        + (13680. - (462. - (132. - (99. - 140. / w2) / w2) / w2) / w2) / w / 166320.)) {
                    continue;
                }
                break; // Step60
            }
            double s = r / q;
            a = s * (n + 1);
            double bigF = 1.0;
            if (m < y) {
                for (long i = m + 1; i <= y; i++) {
                    bigF *= (a / i - s);
                }
            } else if (m > y) {
                for (long i = y + 1; i <= m; i++) {
                    bigF /= (a / i - s);
                }
            }
            if (v > bigF) {
                continue;
            }
            break; // Step60
        }
        // Step60
        if (p > 0.5) {
            y = n - y;
        }
        return y;
    }
}
