package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The readable outputs keep numbers apart and aligned. */
class TextTest {

    @Test
    void cellsNeverRunTogether() {
        double[] values = {0.00130250, -4.55387e-05, -1.23456e+100, 5.0, -0.5};
        String row = Text.row(values);
        String[] cells = row.strip().split("\\s+");
        assertEquals(values.length, cells.length, row);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], Double.parseDouble(cells[i]), Math.abs(values[i]) * 1e-5, row);
        }
        assertEquals(12, Text.cell(0.5).length(), "aligned in 12 characters");
        assertEquals(" -4.55387e-05", Text.cell(-4.55387e-05), "a 12-character value keeps its space");
    }
}
