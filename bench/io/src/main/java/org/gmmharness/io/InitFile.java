package org.gmmharness.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;

/**
 * An init file: user starting values for a fit, as scikit-learn's {@code weights_init},
 * {@code means_init} and {@code precisions_init}. A JSON object with any of
 *
 * <pre>
 * weights     (K,)
 * means       (K, D)
 * precisions  full (K, D, D), tied (D, D), diag (K, D), spherical (K,)
 * </pre>
 *
 * <p>Reading checks the fields and shapes against the fit's covariance type, K and D, naming the
 * file and field; the values themselves (weights in [0, 1] summing to 1, precisions positive
 * definite) are checked by the fit, as scikit-learn does.
 */
public final class InitFile {

    /** The fields an init file may hold. */
    public static final List<String> FIELDS = List.of("weights", "means", "precisions");

    private final Path file;
    private final CovarianceType type;
    private final int d;
    private final double[] weights;
    private final double[][] means;
    private final double[][] precisionBlocks;

    private InitFile(Path file, CovarianceType type, int d, double[] weights, double[][] means,
                     double[][] precisionBlocks) {
        this.file = file;
        this.type = type;
        this.d = d;
        this.weights = weights;
        this.means = means;
        this.precisionBlocks = precisionBlocks;
    }

    /**
     * @param file the init file
     * @param type the fit's covariance type
     * @param k    the fit's number of components
     * @param d    the data's number of features
     * @throws IllegalArgumentException naming the file and field when it is malformed, empty or of the wrong shape
     */
    public static InitFile read(Path file, CovarianceType type, int k, int d) throws IOException {
        JsonFields json = JsonFields.read(file, FIELDS);
        if (!json.has("weights") && !json.has("means") && !json.has("precisions")) {
            throw new IllegalArgumentException(file + ": give at least one of the fields " + String.join(", ", FIELDS)
                    + ".");
        }
        double[] weights = json.has("weights")
                ? json.array("weights", new int[] {k}, "(" + k + ",) (n_components)") : null;
        double[][] means = json.has("means") ? SklearnShapes.rows(json.array("means", new int[] {k, d},
                "(" + k + ", " + d + ") (n_components, n_features)"), d) : null;
        double[][] precisions = null;
        if (json.has("precisions")) {
            int[] shape = SklearnShapes.shape(type, k, d);
            precisions = SklearnShapes.blocks(type, k, d, json.array("precisions", shape,
                    SklearnShapes.text(shape) + " for covariance type '" + type.id() + "'"));
        }
        return new InitFile(file, type, d, weights, means, precisions);
    }

    /** @return the file read */
    public Path file() {
        return file;
    }

    /**
     * Sets the starting values the file gives on a builder for the same covariance type.
     *
     * @return the builder
     */
    public GaussianMixture.Builder applyTo(GaussianMixture.Builder builder) {
        if (weights != null) {
            builder.weightsInit(weights);
        }
        if (means != null) {
            builder.meansInit(means);
        }
        if (precisionBlocks != null) {
            SklearnShapes.precisionsInit(builder, type, d, precisionBlocks);
        }
        return builder;
    }

    /**
     * @return whether a fit's error is about the starting values, so that it should name this
     *         file: scikit-learn's messages on weights, means_init and precisions
     */
    public static boolean concerns(IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("weights") || m.contains("means_init") || m.contains("precision");
    }
}
