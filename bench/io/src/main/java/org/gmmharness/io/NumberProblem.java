package org.gmmharness.io;

/**
 * Says why a cell is not a finite decimal number and what to do, for the messages that refuse it:
 * a missing value is told apart from text, a decimal comma from a word, and a cell that holds
 * another delimiter points at {@code --delimiter}.
 */
final class NumberProblem {

    private NumberProblem() {
    }

    /**
     * @param cell      a cell that is not a finite number written with a decimal point
     * @param delimiter the delimiter the file was read with
     * @return the reason and the remedy, as the end of a one-line message
     */
    static String of(String cell, char delimiter) {
        if (cell.isEmpty()) {
            return "missing value (empty cell): remove or impute the row.";
        }
        if (Cells.isMissing(cell)) {
            return "missing value '" + cell + "': remove or impute the row.";
        }
        if (Cells.isInfinite(cell)) {
            return "'" + cell + "' is not a finite number: remove or impute it.";
        }
        if (Cells.isNumber(cell)) {
            return "'" + cell + "' overflows a double: rescale the data.";
        }
        if (Cells.isDecimalComma(cell)) {
            return "'" + cell + "' uses a decimal comma: numbers must use a decimal point ("
                    + cell.replace(',', '.') + ").";
        }
        if (delimiter != ';' && cell.indexOf(';') >= 0) {
            return "'" + cell + "': the cells contain ';': the file looks semicolon-separated: pass --delimiter ';'.";
        }
        return "non-numeric value '" + cell + "': choose numeric columns with --columns.";
    }
}
