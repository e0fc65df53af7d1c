package org.gmmharness.metrics;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index of Hubert and Arabie (1985), as scikit-learn's
 * {@code sklearn.metrics.adjusted_rand_score}: the Rand index of two labelings corrected for
 * chance, 1 for identical partitions (whatever the label values), about 0 for independent ones,
 * and negative when they agree less than chance.
 *
 * <p>Computed from the pair confusion matrix as scikit-learn does, in exact integer arithmetic:
 * ARI = 2·(tp·tn − fn·fp) / ((tp + fn)·(fn + tn) + (tp + fp)·(fp + tn)), where tp, fp, fn, tn
 * count ordered pairs of samples put together or apart by each labeling. As in scikit-learn, when
 * fp = fn = 0 (the two partitions are equal, including the cases where both put every sample in
 * one cluster or every sample in a cluster of its own, and the cases of 0 or 1 samples) the score
 * is exactly 1.
 */
public final class AdjustedRandIndex {

    private AdjustedRandIndex() {
    }

    /**
     * @param labelsTrue ground-truth labels, any int values
     * @param labelsPred predicted labels, any int values, one per sample of {@code labelsTrue}
     * @return the adjusted Rand index, at most 1
     * @throws IllegalArgumentException if the arrays are null or differ in length
     */
    public static double score(int[] labelsTrue, int[] labelsPred) {
        if (labelsTrue == null || labelsPred == null) {
            throw new IllegalArgumentException("labels_true and labels_pred must not be null.");
        }
        if (labelsTrue.length != labelsPred.length) {
            throw new IllegalArgumentException("labels_true and labels_pred must have the same length, got "
                    + labelsTrue.length + " and " + labelsPred.length + ": give one label of each per sample.");
        }
        int[] a = dense(labelsTrue);
        int[] b = dense(labelsPred);
        int rows = max(a) + 1;
        int cols = max(b) + 1;
        long n = a.length;
        // Contingency table as a map from (row, col) to count: its size is at most n.
        Map<Long, Long> cells = new HashMap<>();
        long[] rowSums = new long[rows];
        long[] colSums = new long[cols];
        for (int i = 0; i < a.length; i++) {
            cells.merge((long) a[i] * cols + b[i], 1L, Long::sum);
            rowSums[a[i]]++;
            colSums[b[i]]++;
        }
        BigInteger sumSquares = BigInteger.ZERO;
        BigInteger byCols = BigInteger.ZERO;
        BigInteger byRows = BigInteger.ZERO;
        for (Map.Entry<Long, Long> cell : cells.entrySet()) {
            long nij = cell.getValue();
            int r = (int) (cell.getKey() / cols);
            int c = (int) (cell.getKey() % cols);
            sumSquares = sumSquares.add(big(nij).multiply(big(nij)));
            byCols = byCols.add(big(nij).multiply(big(colSums[c])));
            byRows = byRows.add(big(nij).multiply(big(rowSums[r])));
        }
        // scikit-learn's pair_confusion_matrix: C[1,1] = tp, C[0,1] = fp, C[1,0] = fn, C[0,0] = tn.
        BigInteger tp = sumSquares.subtract(big(n));
        BigInteger fp = byCols.subtract(sumSquares);
        BigInteger fn = byRows.subtract(sumSquares);
        BigInteger tn = big(n).multiply(big(n)).subtract(fp).subtract(fn).subtract(sumSquares);
        if (fn.signum() == 0 && fp.signum() == 0) {
            return 1.0;
        }
        BigInteger numerator = tp.multiply(tn).subtract(fn.multiply(fp));
        BigInteger denominator = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
        return 2.0 * numerator.doubleValue() / denominator.doubleValue();
    }

    /** Maps arbitrary labels to 0..m−1 in order of first appearance. */
    private static int[] dense(int[] labels) {
        Map<Integer, Integer> index = new HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = index.computeIfAbsent(labels[i], key -> index.size());
        }
        return out;
    }

    private static int max(int[] a) {
        int m = -1;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }
}
