package org.gmmharness.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixtureModel;

/**
 * The model file: a fitted mixture as one JSON object with scikit-learn's names and shapes.
 *
 * <pre>
 * covariance_type      "full" | "tied" | "diag" | "spherical"           required
 * n_components         K                                                 checked when present
 * n_features_in        D (scikit-learn's n_features_in_)                 checked when present
 * feature_names_in     the D training columns' names (scikit-learn's
 *                      feature_names_in_), when the training file had a
 *                      header; scoring selects columns by these names
 * weights              (K,)                                              required
 * means                (K, D)                                            required
 * covariances          full (K, D, D), tied (D, D), diag (K, D), (K,)    required
 * precisions_cholesky  the same shape as covariances; must agree with   required
 *                      them
 * converged            true | false                                      default false
 * n_iter               iterations run                                    default: none recorded
 * lower_bound          the final lower bound ("-Infinity" when max_iter was 0)
 * lower_bound_trace    the lower bound after each iteration
 * bic, aic             on the training data
 * backend              the backend it was fitted on                      default: the fastest here
 * </pre>
 *
 * <p>Reading rejects malformed JSON, an unknown field, a value of the wrong type and any array
 * whose shape disagrees with the others, with a message naming the file and the field. Fields no
 * command needs for scoring or sampling are optional. {@code n_features}, the name this file used
 * before {@code n_features_in}, is still read.
 */
public final class ModelFile {

    /** The fields, in the order they are written. */
    public static final List<String> FIELDS = List.of("covariance_type", "n_components", "n_features_in",
            "feature_names_in", "weights", "means", "covariances", "precisions_cholesky", "converged", "n_iter",
            "lower_bound", "lower_bound_trace", "bic", "aic", "backend");

    /** The earlier name of {@code n_features_in}. */
    private static final String LEGACY_N_FEATURES = "n_features";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /**
     * Writes a model file under the output policy ({@link OutputFiles}).
     *
     * @param file         the file to create or replace
     * @param model        the fitted model
     * @param featureNames the training columns' names, or null when the data had no header
     * @param bic          its BIC on the training data
     * @param aic          its AIC on the training data
     */
    public static void write(Path file, GaussianMixtureModel model, List<String> featureNames, double bic,
                             double aic) throws IOException {
        CovarianceType type = model.covarianceType();
        int d = model.nFeatures();
        if (featureNames != null && featureNames.size() != d) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for a model of " + d
                    + " features.");
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("covariance_type", type.id());
        root.put("n_components", model.nComponents());
        root.put("n_features_in", d);
        if (featureNames != null) {
            ArrayNode names = root.putArray("feature_names_in");
            featureNames.forEach(names::add);
        }
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
        JsonFields json = JsonFields.read(file, known());
        String typeName = json.text("covariance_type");
        CovarianceType type;
        try {
            type = CovarianceType.parse(typeName);
        } catch (IllegalArgumentException e) {
            throw json.error("covariance_type", "is not valid: " + e.getMessage());
        }
        int k = json.has("n_components") ? json.integer("n_components", 1) : Math.max(json.length("weights"), 1);
        String featuresField = json.has(LEGACY_N_FEATURES) ? LEGACY_N_FEATURES : "n_features_in";
        int d = json.has(featuresField) ? json.integer(featuresField, 1) : featuresOfMeans(json);
        double[] weights = json.array("weights", new int[] {k}, "(" + k + ",) (n_components)");
        double[][] means = SklearnShapes.rows(json.array("means", new int[] {k, d},
                "(" + k + ", " + d + ") (n_components, n_features_in)"), d);
        List<String> names = featureNames(json, d);
        int[] shape = SklearnShapes.shape(type, k, d);
        String shapeText = SklearnShapes.text(shape) + " for covariance_type '" + type.id() + "'";
        double[][] cov = SklearnShapes.blocks(type, k, d, json.array("covariances", shape, shapeText));
        double[][] precChol = SklearnShapes.blocks(type, k, d, json.array("precisions_cholesky", shape, shapeText));
        boolean converged = json.has("converged") && json.bool("converged");
        int nIter = json.has("n_iter") ? json.integer("n_iter", 0) : StoredModel.NOT_RECORDED;
        double lowerBound = json.has("lower_bound") ? json.number("lower_bound", true) : Double.NEGATIVE_INFINITY;
        double[] trace = json.has("lower_bound_trace") ? json.vector("lower_bound_trace") : new double[0];
        double bic = json.has("bic") ? json.number("bic", true) : Double.NaN;
        double aic = json.has("aic") ? json.number("aic", true) : Double.NaN;
        String backend = json.has("backend") ? json.text("backend") : null;
        return new StoredModel(file, type, k, d, names, weights, means, cov, precChol, converged, nIter, lowerBound,
                trace, bic, aic, backend);
    }

    private static List<String> known() {
        List<String> known = new java.util.ArrayList<>(FIELDS);
        known.add(LEGACY_N_FEATURES);
        return known;
    }

    private static int featuresOfMeans(JsonFields json) {
        double[] first = json.has("means") && json.length("means") > 0 ? json.firstRow("means") : new double[0];
        if (first.length == 0) {
            throw json.error("means", "must be a non-empty (n_components, n_features_in) array of numbers.");
        }
        return first.length;
    }

    private static List<String> featureNames(JsonFields json, int d) {
        List<String> names = json.texts("feature_names_in");
        if (names == null) {
            return null;
        }
        if (names.size() != d) {
            throw json.error("feature_names_in", "must have " + d + " names (n_features_in), got " + names.size()
                    + ".");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isEmpty() || !seen.add(name)) {
                throw json.error("feature_names_in", "must hold " + d + " distinct, non-empty names, but '" + name
                        + "' is " + (name.isEmpty() ? "empty." : "repeated."));
            }
        }
        return List.copyOf(names);
    }
}
