package org.gmmharness.cli;

import java.io.IOException;
import java.io.PrintWriter;

import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.CsvData;
import picocli.CommandLine.Mixin;

/**
 * The options of the commands that apply a fitted model to the rows of a CSV file: {@code --model},
 * then {@code --input} and {@code --columns}.
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
     * @param err where a note goes when the model's backend is not available here
     * @return the model and the data
     * @throws IllegalArgumentException if the data's columns do not match the model's features
     */
    ModelAndData load(PrintWriter err) throws IOException {
        GaussianMixtureModel gmm = model.load(err);
        CsvData data = input.read(null);
        ModelLoader.checkColumns(gmm, model.file, data);
        return new ModelAndData(gmm, data);
    }
}
