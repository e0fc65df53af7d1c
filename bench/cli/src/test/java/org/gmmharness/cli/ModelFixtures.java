package org.gmmharness.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.io.ModelFile;
import org.gmmharness.linalg.Backends;

/** Models fitted on iris by the library and written as model files, for the commands that read one. */
final class ModelFixtures {

    private ModelFixtures() {
    }

    /** Fits {@code k} components of {@code type} to {@code x} on EJML with seed 0. */
    static GaussianMixtureModel fit(double[][] x, int k, CovarianceType type) {
        return GaussianMixture.builder(k).covarianceType(type).randomState(0).build().fit(Backends.create("ejml"), x);
    }

    /** Writes the model as the model file {@code file}. */
    static Path write(GaussianMixtureModel model, double[][] x, Path file) throws IOException {
        ModelFile.write(file, model, null, model.bic(x), model.aic(x));
        return file;
    }

    /** @return the columns of {@code x} given */
    static double[][] columns(double[][] x, int a, int b) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[] {x[i][a], x[i][b]};
        }
        return out;
    }
}
