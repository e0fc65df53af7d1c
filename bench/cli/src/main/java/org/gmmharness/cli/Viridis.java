package org.gmmharness.cli;

import java.awt.Color;

/** matplotlib's viridis colour map, interpolated linearly between nine of its colours. */
final class Viridis {

    private static final int[] ANCHORS = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
            0xaddc30, 0xfde725};

    private Viridis() {
    }

    /** @param t in [0, 1]: 0 dark purple, 1 yellow */
    static Color color(double t) {
        double u = Math.max(0, Math.min(1, t)) * (ANCHORS.length - 1);
        int i = Math.min(ANCHORS.length - 2, (int) Math.floor(u));
        double f = u - i;
        int a = ANCHORS[i];
        int b = ANCHORS[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        int x = a & 0xff;
        int y = b & 0xff;
        return (int) Math.round(x + (y - x) * f);
    }
}
