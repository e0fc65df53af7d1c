package org.gmmharness.bench.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gmmharness.peers.protocol.Mixture;
import org.gmmharness.peers.protocol.PeerResult;

/** Reads the JSON a peer driver writes ({@link PeerResult#toJson()}) back into a {@link PeerResult}. */
public final class PeerResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PeerResults() {
    }

    /** @throws IOException if the file cannot be read or is not JSON */
    public static PeerResult read(Path file) throws IOException {
        return parse(JSON.readTree(file.toFile()));
    }

    /**
     * @throws IllegalArgumentException if a field is missing or has the wrong shape
     */
    public static PeerResult parse(JsonNode root) {
        List<Double> fits = new ArrayList<>();
        root.path("fit_ms").forEach(v -> fits.add(number(v)));
        List<String> notes = new ArrayList<>();
        root.path("notes").forEach(v -> notes.add(v.asText()));
        return new PeerResult(text(root, "library"), text(root, "version"), text(root, "api"),
                root.path("same_start").asBoolean(), text(root, "workload"), root.path("iterations").asInt(),
                number(root.path("load_ms")), number(root.path("setup_ms")), number(root.path("first_fit_ms")),
                List.copyOf(fits), mixture(root), List.copyOf(notes));
    }

    /** @return the weights, means and covariances of a JSON object holding them */
    static Mixture mixture(JsonNode node) {
        double[] weights = vector(node.path("weights"));
        JsonNode m = node.path("means");
        JsonNode c = node.path("covariances");
        if (weights.length == 0 || m.size() != weights.length || c.size() != weights.length) {
            throw new IllegalArgumentException("weights, means and covariances must hold one entry per component");
        }
        double[][] means = new double[m.size()][];
        double[][][] cov = new double[c.size()][][];
        for (int i = 0; i < m.size(); i++) {
            means[i] = vector(m.get(i));
            cov[i] = new double[c.get(i).size()][];
            for (int r = 0; r < c.get(i).size(); r++) {
                cov[i][r] = vector(c.get(i).get(r));
            }
        }
        return new Mixture(weights, means, cov);
    }

    private static double[] vector(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i));
        }
        return out;
    }

    /** @return the number, also when written as the string "NaN", "Infinity" or "-Infinity" */
    private static double number(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return Double.NaN;
        }
        return v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("the peer's result has no " + field);
        }
        return v.asText();
    }
}
