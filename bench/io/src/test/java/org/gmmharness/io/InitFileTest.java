package org.gmmharness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.GaussianMixtureModel;
import org.gmmharness.linalg.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Init files in scikit-learn's shapes give the same fit as the builder's own init values. */
class InitFileTest {

    private static final Path IRIS = Path.of("../../verify/src/test/resources/fixtures/data/iris.csv");

    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        Path f = dir.resolve("init.json");
        Files.writeString(f, json);
        return f;
    }

    private static GaussianMixtureModel fit(GaussianMixture.Builder b) throws IOException {
        return b.randomState(0).build().fit(Backends.create("ejml"), CsvData.read(IRIS, null, null).values());
    }

    @Test
    void precisionsInEveryShape() throws IOException {
        String[] json = {
            "{\"precisions\": [[[4,0,0,0],[0,4,0,0],[0,0,4,0],[0,0,0,4]], [[2,0,0,0],[0,2,0,0],[0,0,2,0],[0,0,0,2]]]}",
            "{\"precisions\": [[4,1,0,0],[1,4,0,0],[0,0,4,0],[0,0,0,4]]}",
            "{\"precisions\": [[1,2,3,4],[4,3,2,1]]}",
            "{\"precisions\": [1.5, 2.5]}",
        };
        CovarianceType[] types = CovarianceType.values();
        for (int t = 0; t < types.length; t++) {
            CovarianceType type = types[t];
            GaussianMixture.Builder fromFile = GaussianMixture.builder(2).covarianceType(type);
            InitFile.read(file(json[t]), type, 2, 4).applyTo(fromFile);
            GaussianMixture.Builder direct = GaussianMixture.builder(2).covarianceType(type);
            switch (type) {
                case FULL:
                    direct.precisionsInit(new double[][][] {diag(4), diag(2)});
                    break;
                case TIED:
                    direct.precisionsInit(new double[][] {{4, 1, 0, 0}, {1, 4, 0, 0}, {0, 0, 4, 0}, {0, 0, 0, 4}});
                    break;
                case DIAG:
                    direct.precisionsInit(new double[][] {{1, 2, 3, 4}, {4, 3, 2, 1}});
                    break;
                default:
                    direct.precisionsInit(new double[] {1.5, 2.5});
            }
            assertEquals(fit(direct).lowerBound(), fit(fromFile).lowerBound(), type.id());
        }
    }

    private static double[][] diag(double v) {
        double[][] m = new double[4][4];
        for (int i = 0; i < 4; i++) {
            m[i][i] = v;
        }
        return m;
    }

    @Test
    void weightsAndMeans() throws IOException {
        Path f = file("{\"weights\": [0.25, 0.75], \"means\": [[5, 3.4, 1.5, 0.2], [6.3, 2.9, 5, 1.7]]}");
        GaussianMixture.Builder fromFile = InitFile.read(f, CovarianceType.FULL, 2, 4)
                .applyTo(GaussianMixture.builder(2));
        GaussianMixture.Builder direct = GaussianMixture.builder(2).weightsInit(new double[] {0.25, 0.75})
                .meansInit(new double[][] {{5, 3.4, 1.5, 0.2}, {6.3, 2.9, 5, 1.7}});
        assertEquals(fit(direct).lowerBound(), fit(fromFile).lowerBound());
    }

    private String error(String json, CovarianceType type) throws IOException {
        Path f = file(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InitFile.read(f, type, 2, 4));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badFilesAreRejectedNamingTheField() throws IOException {
        assertTrue(error("{}", CovarianceType.FULL).contains("give at least one of the fields weights, means, "
                + "precisions"));
        assertTrue(error("{\"weights\": [0.5, 0.5], \"mu\": 1}", CovarianceType.FULL).contains("unknown field 'mu'"));
        assertTrue(error("{\"weights\": [1]}", CovarianceType.FULL).contains("field 'weights' must have shape (2,)"));
        assertTrue(error("{\"means\": [[1,2,3],[4,5,6]]}", CovarianceType.FULL).contains(
                "field 'means' must have shape (2, 4)"));
        assertTrue(error("{\"precisions\": [1, 2]}", CovarianceType.DIAG).contains(
                "field 'precisions' must have shape (2, 4) for covariance type 'diag'"));
        assertTrue(error("{\"precisions\": [[1, 2], [3, 4]]}", CovarianceType.SPHERICAL).contains(
                "field 'precisions' must have shape (2,) for covariance type 'spherical', "
                        + "but precisions[0] is an array"));
        assertTrue(error("{\"weights\": [0.5, \"half\"]}", CovarianceType.FULL).contains("weights[1] is \"half\""));
        assertTrue(error("not json", CovarianceType.FULL).contains("not valid JSON"));
    }
}
