package org.gmmharness.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixtureModel;

/**
 * The model file: a fitted mixture as one JSON object with scikit-learn's names and shapes.
 *
 * <pre>
 * covariance_type      "full" | "tied" | "diag" | "spherical"
 * n_components         K
 * n_features           D
 * weights              (K,)
 * means                (K, D)
 * covariances          full (K, D, D), tied (D, D), diag (K, D), spherical (K,)
 * precisions_cholesky  the same shape as covariances
 * converged            true | false
 * n_iter               iterations run
 * lower_bound          the final lower bound ("-Infinity" when max_iter was 0)
 * lower_bound_trace    the lower bound after each iteration
 * bic, aic             on the training data
 * backend              the backend it was fitted on
 * </pre>
 *
 * <p>Reading rejects malformed JSON, a missing or unknown field, a value of the wrong type and any
 * array whose shape disagrees with {@code covariance_type}, {@code n_components} and
 * {@code n_features}, with a message naming the file and the field.
 */
public final class ModelFile {

    /** The fields, in the order they are written. */
    public static final List<String> FIELDS = List.of("covariance_type", "n_components", "n_features", "weights",
            "means", "covariances", "precisions_cholesky", "converged", "n_iter", "lower_bound", "lower_bound_trace",
            "bic", "aic", "backend");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /**
     * Writes a model file atomically.
     *
     * @param file  the file to create or replace
     * @param model the fitted model
     * @param bic   its BIC on the training data
     * @param aic   its AIC on the training data
     */
    public static void write(Path file, GaussianMixtureModel model, double bic, double aic) throws IOException {
        CovarianceType type = model.covarianceType();
        int d = model.nFeatures();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("covariance_type", type.id());
        root.put("n_components", model.nComponents());
        root.put("n_features", d);
        root.set("weights", SklearnShapes.vector(model.weights()));
        root.set("means", SklearnShapes.matrix(model.means()));
        root.set("covariances", SklearnShapes.toJson(type, d, model.covarianceBlocks()));
        root.set("precisions_cholesky", SklearnShapes.toJson(type, d, model.precisionCholeskyBlocks()));
        root.put("converged", model.converged());
        root.put("n_iter", model.nIter());
        root.put("lower_bound", model.lowerBound());
        root.set("lower_bound_trace", SklearnShapes.vector(model.lowerBoundTrace()));
        root.put("bic", bic);
        root.put("aic", aic);
        root.put("backend", model.backend());
        OutputFiles.write(file, out -> {
            MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, root);
            out.write('\n');
        });
    }

    /**
     * Reads and checks a model file.
     *
     * @throws IllegalArgumentException naming the file and field when it is malformed or its shapes disagree
     * @throws IOException              if reading fails otherwise
     */
    public static StoredModel read(Path file) throws IOException {
        JsonFields json = JsonFields.read(file, FIELDS);
        String typeName = json.text("covariance_type");
        CovarianceType type;
        try {
            type = CovarianceType.parse(typeName);
        } catch (IllegalArgumentException e) {
            throw json.error("covariance_type", "is not valid: " + e.getMessage());
        }
        int k = json.integer("n_components", 1);
        int d = json.integer("n_features", 1);
        double[] weights = json.array("weights", new int[] {k}, "(" + k + ",) (n_components)");
        double[][] means = SklearnShapes.rows(json.array("means", new int[] {k, d},
                "(" + k + ", " + d + ") (n_components, n_features)"), d);
        int[] shape = SklearnShapes.shape(type, k, d);
        String shapeText = SklearnShapes.text(shape) + " for covariance_type '" + type.id() + "'";
        double[][] cov = SklearnShapes.blocks(type, k, d, json.array("covariances", shape, shapeText));
        double[][] precChol = SklearnShapes.blocks(type, k, d, json.array("precisions_cholesky", shape, shapeText));
        boolean converged = json.bool("converged");
        int nIter = json.integer("n_iter", 0);
        double lowerBound = json.number("lower_bound", true);
        double[] trace = json.vector("lower_bound_trace");
        double bic = json.number("bic", true);
        double aic = json.number("aic", true);
        String backend = json.text("backend");
        return new StoredModel(file, type, k, d, weights, means, cov, precChol, converged, nIter, lowerBound, trace,
                bic, aic, backend);
    }
}
