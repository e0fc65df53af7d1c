package org.gmmharness.peers.protocol;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a peer driver is asked to do, as a folder: {@value #PROPERTIES} (the shape, the covariance
 * type, the iteration count and the repetitions), {@value #DATA} (the N×D samples, row-major) and
 * {@value #START} (the start: K weights, K×D means, K×D×D covariances), both as
 * {@link Float64Files}.
 *
 * @param workload       the workload's id, for the driver's messages
 * @param n              samples N
 * @param d              features D
 * @param k              components K
 * @param covarianceType {@code full} or {@code diag}
 * @param iterations     EM iterations per fit, exactly: no convergence test may stop a fit earlier
 * @param repeats        timed fits after the first (cold) one
 * @param x              the N×D samples, row-major
 * @param start          the start every fit begins from (where the peer's API takes one)
 */
public record PeerRequest(String workload, int n, int d, int k, String covarianceType, int iterations, int repeats,
                          double[] x, Mixture start) {

    /** The request's settings. */
    public static final String PROPERTIES = "request.properties";
    /** The samples. */
    public static final String DATA = "x.f64";
    /** The start. */
    public static final String START = "start.f64";

    /**
     * @throws IllegalArgumentException if the shapes disagree or a count is out of range
     */
    public PeerRequest {
        if (n < 2 || d < 1 || k < 1 || iterations < 1 || repeats < 0) {
            throw new IllegalArgumentException("bad request: N=" + n + " D=" + d + " K=" + k + " iterations="
                    + iterations + " repeats=" + repeats);
        }
        if (!covarianceType.equals("full") && !covarianceType.equals("diag")) {
            throw new IllegalArgumentException("covariance type must be full or diag, got " + covarianceType);
        }
        if (x.length != (long) n * d) {
            throw new IllegalArgumentException("x holds " + x.length + " values, expected N·D = " + (long) n * d);
        }
        if (start.k() != k || start.d() != d) {
            throw new IllegalArgumentException("the start has K=" + start.k() + " D=" + start.d() + ", expected K="
                    + k + " D=" + d);
        }
    }

    /** @return the samples as N rows of D values (a copy) */
    public double[][] rows() {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * d, out[i], 0, d);
        }
        return out;
    }

    /** Writes the request into {@code dir} (created if missing), replacing an earlier one. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Float64Files.write(x, dir.resolve(DATA));
        Float64Files.write(start.flatten(), dir.resolve(START));
        Properties p = new Properties();
        p.setProperty("workload", workload);
        p.setProperty("n", Integer.toString(n));
        p.setProperty("d", Integer.toString(d));
        p.setProperty("k", Integer.toString(k));
        p.setProperty("covariance_type", covarianceType);
        p.setProperty("iterations", Integer.toString(iterations));
        p.setProperty("repeats", Integer.toString(repeats));
        try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.store(w, "gmm-harness peer request");
        }
    }

    /**
     * @throws IOException              if a file is missing or holds the wrong number of values
     * @throws IllegalArgumentException if a setting is missing or malformed
     */
    public static PeerRequest read(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        int n = intOf(p, "n");
        int d = intOf(p, "d");
        int k = intOf(p, "k");
        double[] x = Float64Files.read(dir.resolve(DATA), (long) n * d);
        double[] start = Float64Files.read(dir.resolve(START), (long) k + (long) k * d + (long) k * d * d);
        return new PeerRequest(p.getProperty("workload", "?"), n, d, k, required(p, "covariance_type"),
                intOf(p, "iterations"), intOf(p, "repeats"), x, Mixture.unflatten(start, k, d));
    }

    private static int intOf(Properties p, String key) {
        String v = required(p, key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTIES + ": " + key + " is not a whole number: " + v, e);
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(PROPERTIES + " has no " + key);
        }
        return v;
    }
}
