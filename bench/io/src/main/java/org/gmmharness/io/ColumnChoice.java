package org.gmmharness.io;

import java.util.List;

/**
 * Chooses which columns of a CSV file to read once its header is known, for callers whose choice
 * depends on it (a model selecting its training columns by name).
 */
@FunctionalInterface
public interface ColumnChoice {

    /**
     * @param header the header's names, or null when the file has none
     * @param width  the number of columns
     * @return the columns to read, each a header name or a 0-based index; null or empty for every
     *         column but a labels column
     * @throws IllegalArgumentException when the file's columns cannot serve, saying why
     */
    List<String> columns(List<String> header, int width);

    /** @return the choice of {@code columns}, whatever the header */
    static ColumnChoice of(List<String> columns) {
        return (header, width) -> columns;
    }
}
