package org.gmmharness.cli;

import java.io.IOException;
import java.io.PrintWriter;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.CsvData;
import picocli.CommandLine.Mixin;

/**
 * The options of the commands that apply a fitted model to the rows of a CSV file: {@code --model},
 * then the data options. The model's columns are chosen as {@link FeatureColumns} says, and the
 * columns used are named on stderr.
 */
final class ModelInputOptions {

    @Mixin
    ModelOption model;

    @Mixin
    InputOptions input;

    /** A model and the data it is to be applied to, with as many columns as it has features. */
    record ModelAndData(GaussianMixtureModel model, CsvData data) {
    }

    /**
     * @param err where notes and warnings go: the backend used when the model's is not available,
     *            columns taken by position, and the columns used
     * @return the model and the data
     * @throws IllegalArgumentException if the data's columns do not match the model's features
     */
    ModelAndData load(PrintWriter err) throws IOException {
        ModelLoader.Loaded loaded = model.load(err);
        FeatureColumns choice = new FeatureColumns(loaded.featureNames(), input.columns, loaded.file(), input.input);
        CsvData data = input.readChoosing(choice);
        ModelLoader.checkColumns(loaded.model(), loaded.file(), data);
        for (String warning : choice.warnings()) {
            err.println("warning: " + warning);
        }
        err.println("columns used: " + String.join(", ", data.columnNames()));
        err.flush();
        return new ModelAndData(loaded.model(), data);
    }
}
