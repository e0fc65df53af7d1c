package org.gmmharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --model} option of the commands that use a model written by {@code fit}. */
final class ModelOption {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by fit.")
    Path file;

    /**
     * @param err where a note goes when the model's backend is not available here
     * @return the model, on the backend {@link ModelLoader} chooses
     */
    ModelLoader.Loaded load(PrintWriter err) throws IOException {
        return ModelLoader.load(file, err);
    }
}
