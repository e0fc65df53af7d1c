package org.gmmharness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gmmharness.io.ColumnChoice;

/**
 * Which columns of a data file a model scores, so that no feature is silently taken for another.
 * With the training columns' names in the model and a header in the file, the columns are chosen by
 * those names: a missing name, or {@code --columns} naming other columns, is refused. Without names
 * on one side they are taken by position, with a warning, as scikit-learn warns when one side of
 * {@code feature_names_in_} is missing.
 */
final class FeatureColumns implements ColumnChoice {

    private final List<String> modelNames;
    private final List<String> requested;
    private final Path modelFile;
    private final Path dataFile;
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param modelNames the model's training columns, or null when it records none
     * @param requested  the columns given with {@code --columns}, or null
     * @param modelFile  the model file, for messages
     * @param dataFile   the data file, for messages
     */
    FeatureColumns(List<String> modelNames, List<String> requested, Path modelFile, Path dataFile) {
        this.modelNames = modelNames;
        this.requested = requested == null || requested.isEmpty() ? null : requested;
        this.modelFile = modelFile;
        this.dataFile = dataFile;
    }

    @Override
    public List<String> columns(List<String> header, int width) {
        if (modelNames == null) {
            if (header != null) {
                warnings.add(modelFile + " records no column names (it was fitted on a file without a header), "
                        + "so the columns of " + dataFile + " are taken by position.");
            }
            return requested;
        }
        if (header == null) {
            warnings.add(dataFile + " has no header, so its columns are taken by position as the model's features ("
                    + String.join(", ", modelNames) + ").");
            return requested;
        }
        for (String name : modelNames) {
            if (!header.contains(name)) {
                throw new IllegalArgumentException(dataFile + " has no column '" + name + "', which " + modelFile
                        + " was fitted on: its columns are " + String.join(", ", header) + "; the model's are "
                        + String.join(", ", modelNames) + ". Rename the column in the header.");
            }
        }
        if (requested != null) {
            List<String> chosen = new ArrayList<>();
            for (String column : requested) {
                String wanted = column.trim();
                // An index beyond the file (or beyond int) stays as typed, for ColumnSelection's message.
                boolean index = !header.contains(wanted) && wanted.matches("\\d{1,9}")
                        && Integer.parseInt(wanted) < width;
                chosen.add(index ? header.get(Integer.parseInt(wanted)) : wanted);
            }
            if (!chosen.equals(modelNames)) {
                throw new IllegalArgumentException("--columns chose " + String.join(", ", chosen) + " of " + dataFile
                        + ", but " + modelFile + " was fitted on " + String.join(", ", modelNames)
                        + ": leave out --columns to take the model's columns by name.");
            }
        }
        return modelNames;
    }

    /** @return the warnings of the last choice, to print on stderr */
    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
