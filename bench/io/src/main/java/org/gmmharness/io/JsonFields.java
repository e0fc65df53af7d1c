package org.gmmharness.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the fields of a JSON object with checks whose messages name the file and the field:
 * required fields, types, nested numeric arrays of an exact shape.
 */
final class JsonFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final JsonNode root;

    private JsonFields(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Parses a file holding one JSON object whose field names are all in {@code known}.
     *
     * @throws IllegalArgumentException if it is missing, not JSON, not an object, or has an unknown field
     */
    static JsonFields read(Path file, List<String> known) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file.");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + brief(e.getOriginalMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object ({...}) at the top level.");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(file + ": unknown field '" + name + "': the fields are "
                        + String.join(", ", known) + ".");
            }
        }
        return new JsonFields(file, root);
    }

    boolean has(String field) {
        return root.has(field) && !root.get(field).isNull();
    }

    IllegalArgumentException error(String field, String message) {
        return new IllegalArgumentException(file + ": field '" + field + "' " + message);
    }

    private JsonNode required(String field) {
        if (!has(field)) {
            throw error(field, "is missing.");
        }
        return root.get(field);
    }

    /** @return a list of strings, or null when the field is absent */
    List<String> texts(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode node = root.get(field);
        if (!node.isArray()) {
            throw error(field, "must be an array of strings, got " + abbreviate(node) + ".");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw error(field, "must hold strings, but " + field + "[" + i + "] is " + abbreviate(node.get(i))
                        + ".");
            }
            out.add(node.get(i).asText());
        }
        return out;
    }

    String text(String field) {
        JsonNode node = required(field);
        if (!node.isTextual()) {
            throw error(field, "must be a string, got " + node + ".");
        }
        return node.asText();
    }

    int integer(String field, int min) {
        JsonNode node = required(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
            throw error(field, "must be an integer of at least " + min + ", got " + node + ".");
        }
        return node.asInt();
    }

    boolean bool(String field) {
        JsonNode node = required(field);
        if (!node.isBoolean()) {
            throw error(field, "must be true or false, got " + node + ".");
        }
        return node.asBoolean();
    }

    /** A number; the strings "-Infinity", "Infinity" and "NaN" are read as such when allowed. */
    double number(String field, boolean allowNonFinite) {
        JsonNode node = required(field);
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (allowNonFinite && node.isTextual()) {
            switch (node.asText()) {
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "NaN": return Double.NaN;
                default: break;
            }
        }
        throw error(field, "must be a number, got " + node + ".");
    }

    /** A numeric array of any length. */
    double[] vector(String field) {
        JsonNode node = required(field);
        if (!node.isArray()) {
            throw error(field, "must be an array of numbers, got " + abbreviate(node) + ".");
        }
        return numbers(field, node, new int[] {node.size()}, "(n,)");
    }

    /**
     * A nested numeric array of exactly {@code shape}, flattened row-major.
     *
     * @param shapeText the shape as the user should read it, for example "(3, 4, 4)"
     */
    double[] array(String field, int[] shape, String shapeText) {
        return numbers(field, required(field), shape, shapeText);
    }

    /** @return the first element of an array of numeric arrays, as {@link #vector} reads it */
    double[] firstRow(String field) {
        JsonNode first = required(field).get(0);
        if (first == null || !first.isArray()) {
            throw error(field, "must be an array of arrays of numbers.");
        }
        return numbers(field, first, new int[] {first.size()}, "(n,)");
    }

    /** @return the length of the outermost array of a field, or −1 when it is not an array */
    int length(String field) {
        JsonNode node = root.get(field);
        return node != null && node.isArray() ? node.size() : -1;
    }

    private double[] numbers(String field, JsonNode node, int[] shape, String shapeText) {
        List<Double> out = new ArrayList<>();
        collect(field, field, node, shape, 0, shapeText, out);
        double[] values = new double[out.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = out.get(i);
        }
        return values;
    }

    private void collect(String field, String path, JsonNode node, int[] shape, int depth, String shapeText,
                         List<Double> out) {
        if (depth == shape.length) {
            if (node.isArray()) {
                throw error(field, "must have shape " + shapeText + ", but " + path
                        + " is an array where a number was expected.");
            }
            if (!node.isNumber()) {
                throw error(field, "must hold numbers, but " + path + " is " + abbreviate(node) + ".");
            }
            out.add(node.asDouble());
            return;
        }
        if (!node.isArray()) {
            throw error(field, "must have shape " + shapeText + ", but " + path + " is " + abbreviate(node)
                    + " where an array of " + shape[depth] + " was expected.");
        }
        if (node.size() != shape[depth]) {
            throw error(field, "must have shape " + shapeText + ", but " + path + " is an array of " + node.size()
                    + " where " + shape[depth] + " values were expected.");
        }
        for (int i = 0; i < node.size(); i++) {
            collect(field, path + "[" + i + "]", node.get(i), shape, depth + 1, shapeText, out);
        }
    }

    /** Jackson's message without its source-location details, on one line. */
    private static String brief(String message) {
        String first = message.split("\n")[0];
        int cut = first.indexOf(" (start marker at");
        if (cut < 0) {
            cut = first.indexOf(" at [Source");
        }
        return cut < 0 ? first : first.substring(0, cut);
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
