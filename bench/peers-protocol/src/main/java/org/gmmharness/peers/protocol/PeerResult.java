package org.gmmharness.peers.protocol;

import java.util.List;
import java.util.Locale;

/**
 * What a peer driver answers, written as JSON by {@link #toJson()}:
 * <pre>{@code
 * {"library":"Apache Commons Math","version":"3.6.1","api":"MultivariateNormalMixtureExpectationMaximization",
 *  "same_start":true,"workload":"W1","iterations":10,"load_ms":..,"setup_ms":..,"first_fit_ms":..,
 *  "fit_ms":[..],"weights":[..],"means":[[..]],"covariances":[[[..]]],"notes":[".."]}
 * }</pre>
 * Numbers are written with {@link Double#toString(double)}, which reads back to the same double;
 * a value that is not finite is written as the string {@code "NaN"}, {@code "Infinity"} or
 * {@code "-Infinity"}.
 *
 * @param library    the peer library's name
 * @param version    its version, as on its class path
 * @param api        the class or entry point driven
 * @param sameStart  whether the fits began from the request's start (false where the API takes none)
 * @param workload   the workload's id
 * @param iterations EM iterations per fit
 * @param loadMs     reading the request, ms
 * @param setupMs    the library's set-up before the first fit (a Spark session, the data in its
 *                   own structures), ms
 * @param firstFitMs the first, cold fit, ms
 * @param fitMs      each later fit, ms
 * @param result     the parameters of the last fit
 * @param notes      how the peer was driven where a reader must know it (its quirks)
 */
public record PeerResult(String library, String version, String api, boolean sameStart, String workload,
                         int iterations, double loadMs, double setupMs, double firstFitMs, List<Double> fitMs,
                         Mixture result, List<String> notes) {

    /** @return the JSON text, one object */
    public String toJson() {
        StringBuilder b = new StringBuilder(4096);
        b.append('{');
        field(b, "library").append(string(library)).append(',');
        field(b, "version").append(string(version)).append(',');
        field(b, "api").append(string(api)).append(',');
        field(b, "same_start").append(sameStart).append(',');
        field(b, "workload").append(string(workload)).append(',');
        field(b, "iterations").append(iterations).append(',');
        field(b, "load_ms").append(number(loadMs)).append(',');
        field(b, "setup_ms").append(number(setupMs)).append(',');
        field(b, "first_fit_ms").append(number(firstFitMs)).append(',');
        field(b, "fit_ms");
        array(b, fitMs.stream().mapToDouble(Double::doubleValue).toArray()).append(',');
        field(b, "weights");
        array(b, result.weights()).append(',');
        field(b, "means").append('[');
        for (int c = 0; c < result.k(); c++) {
            array(b.append(c == 0 ? "" : ","), result.means()[c]);
        }
        b.append("],");
        field(b, "covariances").append('[');
        for (int c = 0; c < result.k(); c++) {
            b.append(c == 0 ? "[" : ",[");
            double[][] cov = result.covariances()[c];
            for (int i = 0; i < cov.length; i++) {
                array(b.append(i == 0 ? "" : ","), cov[i]);
            }
            b.append(']');
        }
        b.append("],");
        field(b, "notes").append('[');
        for (int i = 0; i < notes.size(); i++) {
            b.append(i == 0 ? "" : ",").append(string(notes.get(i)));
        }
        b.append("]}");
        return b.toString();
    }

    private static StringBuilder field(StringBuilder b, String name) {
        return b.append(string(name)).append(':');
    }

    private static StringBuilder array(StringBuilder b, double[] values) {
        b.append('[');
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(number(values[i]));
        }
        return b.append(']');
    }

    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "\"" + v + "\"";
    }

    /** @return {@code s} as a JSON string, with quotes, backslashes and control characters escaped */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
            }
        }
        return b.append('"').toString();
    }
}
