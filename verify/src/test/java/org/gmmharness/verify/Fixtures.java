package org.gmmharness.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * Reads the scikit-learn fixtures written by {@code verify/generator/generate_fixtures.py}
 * (classpath folder {@code /fixtures}; conventions in its {@code meta.json}).
 */
public final class Fixtures {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Map<String, double[][]> DATA = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    /** @return the parsed {@code meta.json} */
    public static JsonNode meta() {
        return json("/fixtures/meta.json");
    }

    /** @return every case name listed in {@code meta.json} */
    public static List<String> caseNames() {
        List<String> names = new ArrayList<>();
        meta().get("cases").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** @return the parsed {@code cases/<name>.json} */
    public static JsonNode caseNode(String name) {
        return json("/fixtures/cases/" + name + ".json");
    }

    /** @return the feature matrix of a data set (header skipped), cached; callers must not modify it */
    public static double[][] data(String dataset) {
        return DATA.computeIfAbsent(dataset, Fixtures::readCsv);
    }

    private static double[][] readCsv(String dataset) {
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        try (InputStream in = open("/fixtures/data/" + dataset + ".csv");
             MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(in)) {
            List<double[]> out = new ArrayList<>();
            boolean header = true;
            while (rows.hasNext()) {
                String[] row = rows.next();
                if (header) {
                    header = false;
                    continue;
                }
                double[] values = new double[row.length];
                for (int j = 0; j < row.length; j++) {
                    values[j] = Double.parseDouble(row[j]);
                }
                out.add(values);
            }
            return out.toArray(new double[0][]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a JSON array of numbers (any nesting) flattened in row-major order */
    public static double[] flat(JsonNode node) {
        List<Double> out = new ArrayList<>();
        flatten(node, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out));
        } else {
            out.add(node.asDouble());
        }
    }

    /** @return a JSON N×K array as a matrix */
    public static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            out[i] = flat(node.get(i));
        }
        return out;
    }

    /** @return a JSON array of integers */
    public static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    private static JsonNode json(String resource) {
        try (InputStream in = open(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = Fixtures.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing fixture " + resource
                    + ": regenerate with /usr/bin/python3 verify/generator/generate_fixtures.py");
        }
        return in;
    }
}
