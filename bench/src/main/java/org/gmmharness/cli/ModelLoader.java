package org.gmmharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.ModelFile;
import org.gmmharness.io.StoredModel;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;

/**
 * Loads a model file onto the backend it was fitted on, or onto the default backend (with a note
 * on stderr) when that one is not available here.
 */
final class ModelLoader {

    private ModelLoader() {
    }

    static GaussianMixtureModel load(Path file, PrintWriter err) throws IOException {
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
        return stored.restore(la);
    }

    /** Fails unless the data has as many columns as the model has features. */
    static void checkColumns(GaussianMixtureModel model, Path modelFile, org.gmmharness.io.CsvData data) {
        if (data.columns() != model.nFeatures()) {
            throw new IllegalArgumentException(data.file() + " gives " + data.columns() + " column(s) ("
                    + String.join(", ", data.columnNames()) + ") but " + modelFile + " has " + model.nFeatures()
                    + " feature(s): choose " + model.nFeatures() + " column(s) with --columns.");
        }
    }
}
