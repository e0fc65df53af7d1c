package org.gmmharness.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The model file: scikit-learn's names and shapes, an exact round trip, and clear rejections. */
class ModelFileTest {

    private static final Path IRIS = Path.of("../../verify/src/test/resources/fixtures/data/iris.csv");

    @TempDir
    Path dir;

    private static double[][] iris() throws IOException {
        return CsvData.read(IRIS, null, null).values();
    }

    private static GaussianMixtureModel fit(CovarianceType type, double[][] x) {
        return GaussianMixture.builder(3).covarianceType(type).randomState(1).build().fit(Backends.create("ejml"), x);
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void writesScikitLearnShapes(CovarianceType type) throws IOException {
        double[][] x = iris();
        GaussianMixtureModel model = fit(type, x);
        Path file = dir.resolve("m.json");
        List<String> columns = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
        ModelFile.write(file, model, columns, model.bic(x), model.aic(x));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(ModelFile.FIELDS, names);
        assertEquals(type.id(), json.get("covariance_type").asText());
        assertEquals(3, json.get("n_components").asInt());
        assertEquals(4, json.get("n_features_in").asInt());
        assertEquals(columns, ModelFile.read(file).featureNames());
        assertEquals(List.of(3, 4), shape(json.get("means")));
        List<Integer> expected = type == CovarianceType.FULL ? List.of(3, 4, 4)
                : type == CovarianceType.TIED ? List.of(4, 4) : type == CovarianceType.DIAG ? List.of(3, 4)
                : List.of(3);
        assertEquals(expected, shape(json.get("covariances")));
        assertEquals(expected, shape(json.get("precisions_cholesky")));
        assertEquals(model.bic(x), json.get("bic").asDouble());
        assertEquals("ejml", json.get("backend").asText());
    }

    private static List<Integer> shape(JsonNode node) {
        List<Integer> out = new ArrayList<>();
        while (node.isArray()) {
            out.add(node.size());
            node = node.get(0);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void roundTripKeepsValuesAndScores(CovarianceType type) throws IOException {
        double[][] x = iris();
        GaussianMixtureModel model = fit(type, x);
        Path file = dir.resolve("m.json");
        ModelFile.write(file, model, null, model.bic(x), model.aic(x));
        StoredModel stored = ModelFile.read(file);
        assertEquals(type, stored.covarianceType());
        assertArrayEquals(model.weights(), stored.weights());
        assertArrayEquals(model.means(), stored.means());
        assertArrayEquals(model.covarianceBlocks(), stored.covarianceBlocks());
        assertArrayEquals(model.precisionCholeskyBlocks(), stored.precisionCholeskyBlocks());
        assertEquals(model.converged(), stored.converged());
        assertEquals(model.nIter(), stored.nIter());
        assertEquals(model.lowerBound(), stored.lowerBound());
        assertArrayEquals(model.lowerBoundTrace(), stored.lowerBoundTrace());
        assertEquals(model.aic(x), stored.aic());

        GaussianMixtureModel restored = stored.restore(Backends.create("ejml"));
        double[] a = model.scoreSamples(x);
        double[] b = restored.scoreSamples(x);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-12 * Math.max(1, Math.abs(a[i])));
        }
        assertArrayEquals(model.predict(x), restored.predict(x));
        assertEquals(model.bic(x), restored.bic(x), 1e-9);
        double[][] means = restored.means();
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(model.means()[c][j], means[c][j], 1e-15 * Math.abs(model.means()[c][j]) + 1e-300);
            }
        }
    }

    @Test
    void scoresStayExactFarFromTheOrigin() throws IOException {
        double shift = 1e6;
        double[][] x = iris();
        double[][] far = new double[x.length][4];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                far[i][j] = x[i][j] + shift;
            }
        }
        GaussianMixtureModel model = fit(CovarianceType.DIAG, far);
        Path file = dir.resolve("far.json");
        ModelFile.write(file, model, null, model.bic(far), model.aic(far));
        GaussianMixtureModel restored = ModelFile.read(file).restore(Backends.create("ejml"));
        double[] a = model.scoreSamples(far);
        double[] b = restored.scoreSamples(far);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-8 * Math.max(1, Math.abs(a[i])), "row " + i);
        }
    }

    @Test
    void maxIterZeroWritesMinusInfinity() throws IOException {
        double[][] x = iris();
        GaussianMixtureModel model = GaussianMixture.builder(2).maxIter(0).randomState(0).build()
                .fit(Backends.create("ejml"), x);
        Path file = dir.resolve("m.json");
        ModelFile.write(file, model, null, model.bic(x), model.aic(x));
        assertTrue(Files.readString(file).contains("\"lower_bound\" : \"-Infinity\""), Files.readString(file));
        assertEquals(Double.NEGATIVE_INFINITY, ModelFile.read(file).lowerBound());
    }

    private String error(String json) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            LinearAlgebra<?> la = Backends.create("ejml");
            ModelFile.read(file).restore(la);
        });
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e.getMessage();
    }

    private String valid(CovarianceType type) throws IOException {
        double[][] x = iris();
        GaussianMixtureModel model = fit(type, x);
        Path file = dir.resolve("ok.json");
        ModelFile.write(file, model, null, model.bic(x), model.aic(x));
        return Files.readString(file);
    }

    @Test
    void malformedFilesAreRejectedNamingTheField() throws IOException {
        String ok = valid(CovarianceType.FULL);
        assertTrue(error("{").contains("not valid JSON at line"));
        assertTrue(error("").contains("expected a JSON object"));
        String missing = error("{\"n_components\": 2}");
        assertTrue(missing.endsWith("field 'covariance_type' is missing."), missing);
        assertTrue(error(ok.replace("\"backend\" : \"ejml\"", "\"backend\" : 3")).contains(
                "field 'backend' must be a string"));
        assertTrue(error(ok.replace("\"n_iter\"", "\"n_iterations\"")).contains("unknown field 'n_iterations'"));
        assertTrue(error(ok.replaceFirst("\"converged\" : (true|false)", "\"converged\" : \"yes\"")).contains(
                "field 'converged' must be true or false"));
        String means = ok.lines().filter(l -> l.contains("\"means\"")).findFirst().orElseThrow();
        assertTrue(error(ok.replace(means, means.replaceFirst("5\\.\\d+", "\"five\""))).contains(
                "field 'means' must hold numbers, but means["));
    }

    @Test
    void inconsistentShapesAreRejectedNamingTheField() throws IOException {
        String full = valid(CovarianceType.FULL);
        assertTrue(error(full.replace("\"n_components\" : 3", "\"n_components\" : 4")).contains(
                "field 'weights' must have shape (4,)"));
        assertTrue(error(full.replace("\"covariance_type\" : \"full\"", "\"covariance_type\" : \"diag\"")).contains(
                "field 'covariances' must have shape (3, 4) for covariance_type 'diag'"));
        String tied = valid(CovarianceType.TIED);
        String prec = tied.lines().filter(l -> l.contains("\"precisions_cholesky\"")).findFirst().orElseThrow();
        String cut = prec.substring(0, prec.lastIndexOf(", [")) + " ],";
        assertTrue(error(tied.replace(prec, cut)).contains("field 'precisions_cholesky' must have shape (4, 4)"));
    }

    @Test
    void invalidValuesAreRejectedByRestore() throws IOException {
        String full = valid(CovarianceType.FULL);
        String prec = full.lines().filter(l -> l.contains("\"precisions_cholesky\"")).findFirst().orElseThrow();
        String cov = full.lines().filter(l -> l.contains("\"covariances\"")).findFirst().orElseThrow();
        // Swapping the factors for the covariances makes block 0 a non-triangular precision factor.
        assertTrue(error(full.replace(prec, prec.replace(prec.substring(prec.indexOf('[')),
                cov.substring(cov.indexOf('['))))).contains("precisions_cholesky block 0 must be triangular"));
        assertTrue(error(full.replace("\"n_iter\" : ", "\"n_iter\" : -"))
                .contains("field 'n_iter' must be an integer"));
    }

    @Test
    void withoutAHeaderNoFeatureNamesAreWritten() throws IOException {
        double[][] x = iris();
        GaussianMixtureModel model = fit(CovarianceType.DIAG, x);
        Path file = dir.resolve("m.json");
        ModelFile.write(file, model, null, model.bic(x), model.aic(x));
        assertTrue(!new ObjectMapper().readTree(file.toFile()).has("feature_names_in"));
        assertEquals(null, ModelFile.read(file).featureNames());
    }

    @Test
    void featureNamesMustBeOnePerFeatureAndDistinct() throws IOException {
        String ok = valid(CovarianceType.DIAG);
        String withNames = ok.replace("\"weights\"", "\"feature_names_in\" : [\"a\", \"b\", \"c\", \"d\"],\n  \"weights\"");
        Path file = dir.resolve("named.json");
        Files.writeString(file, withNames);
        assertEquals(List.of("a", "b", "c", "d"), ModelFile.read(file).featureNames());
        assertTrue(error(withNames.replace("\"d\"]", "\"a\"]")).contains(
                "field 'feature_names_in' must hold 4 distinct, non-empty names, but 'a' is repeated."));
        assertTrue(error(withNames.replace(", \"d\"]", "]")).contains(
                "field 'feature_names_in' must have 4 names (n_features_in), got 3."));
    }

    /** A model needs its parameters only; what scoring and sampling do not use may be left out. */
    @Test
    void fieldsNoCommandUsesAreOptional() throws IOException {
        double[][] x = iris();
        GaussianMixtureModel model = fit(CovarianceType.FULL, x);
        ObjectMapper mapper = new ObjectMapper();
        Path file = dir.resolve("m.json");
        ModelFile.write(file, model, null, model.bic(x), model.aic(x));
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(file.toFile());
        json.retain("covariance_type", "weights", "means", "covariances", "precisions_cholesky");
        Path minimal = dir.resolve("minimal.json");
        mapper.writeValue(minimal.toFile(), json);
        StoredModel stored = ModelFile.read(minimal);
        assertEquals(StoredModel.NOT_RECORDED, stored.nIter());
        GaussianMixtureModel restored = stored.restore(Backends.create("ejml"));
        assertArrayEquals(model.scoreSamples(x), restored.scoreSamples(x), 1e-12);

        json.put("n_features", 4);
        mapper.writeValue(minimal.toFile(), json);
        assertEquals(4, ModelFile.read(minimal).nFeatures(), "the earlier name of n_features_in is read");

        com.fasterxml.jackson.databind.node.ArrayNode weights = json.putArray("weights");
        for (double w : model.weights()) {
            weights.add(w / 2);
        }
        mapper.writeValue(minimal.toFile(), json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.read(minimal).restore(Backends.create("ejml")));
        assertTrue(e.getMessage().contains("weights must sum to 1, got 0.5"), e.getMessage());
    }
}
