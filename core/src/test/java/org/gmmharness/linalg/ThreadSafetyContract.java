package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * The contract that one {@link LinearAlgebra} instance is safe to use from several threads on
 * distinct matrices, the E-step's operations included.
 *
 * @param <M> the backend's matrix type
 */
public abstract class ThreadSafetyContract<M> extends LinearAlgebraContractSupport<M> {

    @Test
    void oneInstanceIsSafeToUseFromSeveralThreadsOnDistinctMatrices() throws Exception {
        int d = 9;
        int n = 300;
        int tasks = 8;
        Random rnd = new Random(SEED + 13);
        List<double[]> xs = new ArrayList<>();
        List<double[]> spds = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            xs.add(gaussian(rnd, n * d));
            spds.add(randomSpd(rnd, d));
        }
        // Each task: chol, inverse, a product and a log-sum-exp; run sequentially first, then
        // concurrently, many times, on one shared instance.
        List<double[]> sequential = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            sequential.add(pipeline(xs.get(t), spds.get(t), n, d));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int rep = 0; rep < 5; rep++) {
                for (int t = 0; t < tasks; t++) {
                    int tt = t;
                    Callable<double[]> job = () -> pipeline(xs.get(tt), spds.get(tt), n, d);
                    futures.add(pool.submit(job));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(sequential.get(i % tasks), futures.get(i).get(), "task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theEStepOperationsAreSafeToUseFromSeveralThreads() throws Exception {
        // Shapes that differ per task, so that a backend caching buffers by size is exercised
        // with several sizes at once.
        int[][] shapes = {{5000, 8, 4}, {3001, 3, 3}, {7, 16, 8}, {12000, 2, 3}, {1000, 5, 16}, {4099, 8, 2}};
        Random rnd = new Random(SEED + 27);
        List<double[][]> inputs = new ArrayList<>();
        for (int[] s : shapes) {
            int n = s[0];
            int d = s[1];
            int k = s[2];
            inputs.add(new double[][] {gaussian(rnd, n * d), gaussian(rnd, d * k * d), gaussian(rnd, k * d)});
        }
        List<double[]> sequential = new ArrayList<>();
        for (int t = 0; t < shapes.length; t++) {
            sequential.add(eStep(inputs.get(t), shapes[t]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (int t = 0; t < shapes.length; t++) {
                    int tt = t;
                    futures.add(pool.submit(() -> eStep(inputs.get(tt), shapes[tt])));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(sequential.get(i % shapes.length), futures.get(i).get(), "task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** blockQuadraticForms, then normalizeRows of −½ times it; returns the responsibilities. */
    private double[] eStep(double[][] in, int[] shape) {
        int n = shape[0];
        int d = shape[1];
        int k = shape[2];
        M quad = la.zeros(n, k);
        la.blockQuadraticForms(la.fromRowMajor(n, d, in[0]), la.fromRowMajor(d, k * d, in[1]), in[2],
                la.zeros(n, k * d), quad);
        la.scaleAddRow(quad, -0.5, new double[k], quad);
        M logNorm = la.zeros(n, 1);
        M resp = la.zeros(n, k);
        la.normalizeRows(quad, logNorm, resp);
        double[] r = la.toRowMajor(resp);
        double[] all = Arrays.copyOf(r, r.length + n);
        System.arraycopy(la.toRowMajor(logNorm), 0, all, r.length, n);
        return all;
    }

    private double[] pipeline(double[] xData, double[] spd, int n, int d) {
        M l = la.zeros(d, d);
        la.cholesky(la.fromRowMajor(d, d, spd), l);
        M inv = la.zeros(d, d);
        la.invertLowerTriangular(l, inv);
        M y = la.zeros(n, d);
        la.multiply(la.fromRowMajor(n, d, xData), false, inv, true, y);
        M lse = la.zeros(n, 1);
        la.logSumExpRows(y, lse);
        return la.toRowMajor(lse);
    }

}
