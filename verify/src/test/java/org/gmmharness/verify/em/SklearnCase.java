package org.gmmharness.verify.em;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.InitMethod;
import org.gmmharness.verify.Fixtures;

/** One scikit-learn fixture case: its data and the {@link GaussianMixture} settings it was run with. */
final class SklearnCase {

    final String name;
    final JsonNode node;
    final JsonNode params;
    final double[][] x;
    final CovarianceType type;
    final InitMethod init;

    SklearnCase(String name) {
        this.name = name;
        this.node = Fixtures.caseNode(name);
        this.params = node.get("params");
        this.x = Fixtures.data(node.get("dataset").asText());
        this.type = CovarianceType.parse(params.get("covariance_type").asText());
        this.init = InitMethod.parse(params.get("init_params").asText());
    }

    /** @return the results of each fit call, in order */
    JsonNode fits() {
        return node.get("fits");
    }

    /** @return the expected failure, or null */
    JsonNode error() {
        JsonNode e = node.get("error");
        return e == null || e.isNull() ? null : e;
    }

    /**
     * The case's settings. k-means starts cannot be reproduced bit for bit, so with
     * {@code replayKMeans} they are replayed from scikit-learn's recorded responsibilities (where the
     * fixture has them: a fit that failed recorded none); every other init method draws its own from
     * the seed.
     */
    GaussianMixture settings(boolean replayKMeans) {
        GaussianMixture.Builder b = GaussianMixture.builder(params.get("n_components").asInt())
                .covarianceType(type)
                .tol(params.get("tol").asDouble())
                .regCovar(params.get("reg_covar").asDouble())
                .maxIter(params.get("max_iter").asInt())
                .nInit(params.get("n_init").asInt())
                .initMethod(init)
                .randomState(params.get("random_state").asLong());
        if (params.has("weights_init")) {
            b.weightsInit(Fixtures.flat(params.get("weights_init")));
        }
        if (params.has("means_init")) {
            b.meansInit(Fixtures.matrix(params.get("means_init")));
        }
        if (params.has("precisions_init")) {
            JsonNode p = params.get("precisions_init");
            switch (type) {
                case FULL:
                    double[][][] full = new double[p.size()][][];
                    for (int c = 0; c < full.length; c++) {
                        full[c] = Fixtures.matrix(p.get(c));
                    }
                    b.precisionsInit(full);
                    break;
                case SPHERICAL:
                    b.precisionsInit(Fixtures.flat(p));
                    break;
                default:
                    b.precisionsInit(Fixtures.matrix(p));
            }
        }
        List<double[][]> recorded = recordedStarts(0);
        if (replayKMeans && init == InitMethod.KMEANS && !recorded.isEmpty()) {
            b.initialResponsibilities(recorded);
        }
        return b.build();
    }

    /** @return the responsibilities scikit-learn started each init of fit call {@code call} from */
    List<double[][]> recordedStarts(int call) {
        List<double[][]> starts = new ArrayList<>();
        JsonNode fits = fits();
        if (fits.size() > call) {
            fits.get(call).get("init_resps").forEach(r -> starts.add(Fixtures.matrix(r)));
        }
        return starts;
    }

    @Override
    public String toString() {
        return name;
    }
}
