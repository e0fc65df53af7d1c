package org.gmmharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.CsvData;
import org.gmmharness.io.ModelFile;
import org.gmmharness.io.StoredModel;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;

/**
 * Loads a model file onto the backend it was fitted on, or onto the default backend (with a note
 * on stderr) when that one is not available here.
 */
final class ModelLoader {

    /**
     * A model read from its file.
     *
     * @param file         the model file
     * @param model        the model, on the backend chosen
     * @param featureNames its training columns' names, or null when it records none
     */
    record Loaded(Path file, GaussianMixtureModel model, List<String> featureNames) {
    }

    private ModelLoader() {
    }

    static Loaded load(Path file, PrintWriter err) throws IOException {
        StoredModel stored = ModelFile.read(file);
        LinearAlgebra<?> la;
        if (stored.backend() != null && Backends.availableNames().contains(stored.backend())) {
            la = Backends.create(stored.backend());
        } else {
            la = Backends.createDefault();
            if (stored.backend() != null) {
                err.println("note: " + file + " was fitted on backend '" + stored.backend()
                        + "', which is not available here; scoring on " + la.name() + ".");
            }
        }
        return new Loaded(file, stored.restore(la), stored.featureNames());
    }

    /** Fails unless the data has as many columns as the model has features. */
    static void checkColumns(GaussianMixtureModel model, Path modelFile, CsvData data) {
        if (data.columns() != model.nFeatures()) {
            throw new IllegalArgumentException(data.file() + " gives " + data.columns() + " column(s) ("
                    + String.join(", ", data.columnNames()) + ") but " + modelFile + " has " + model.nFeatures()
                    + " feature(s): choose " + model.nFeatures() + " column(s) with --columns.");
        }
    }
}
