package org.gmmharness.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.GaussianMixture;

/**
 * scikit-learn's array shapes for covariances, precisions and their Cholesky factors, and the
 * conversion from and to the per-component blocks of
 * {@link org.gmmharness.em.GaussianMixtureModel#covarianceBlocks()}: full (K, D, D), tied (D, D),
 * diag (K, D), spherical (K,).
 */
final class SklearnShapes {

    private SklearnShapes() {
    }

    /** @return the shape of a covariance-like array for the type */
    static int[] shape(CovarianceType type, int k, int d) {
        switch (type) {
            case FULL: return new int[] {k, d, d};
            case TIED: return new int[] {d, d};
            case DIAG: return new int[] {k, d};
            default: return new int[] {k};
        }
    }

    /** @return the shape as numpy prints it, for example "(3, 4, 4)" or "(3,)" */
    static String text(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /** Splits a row-major array of the type's shape into blocks. */
    static double[][] blocks(CovarianceType type, int k, int d, double[] flat) {
        int count = type == CovarianceType.TIED ? 1 : k;
        int length = flat.length / count;
        double[][] out = new double[count][length];
        for (int c = 0; c < count; c++) {
            System.arraycopy(flat, c * length, out[c], 0, length);
        }
        return out;
    }

    /** @return the blocks as a JSON array of the type's shape */
    static ArrayNode toJson(CovarianceType type, int d, double[][] blocks) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode out = f.arrayNode();
        switch (type) {
            case FULL:
                for (double[] block : blocks) {
                    out.add(square(block, d));
                }
                return out;
            case TIED:
                return square(blocks[0], d);
            case DIAG:
                for (double[] block : blocks) {
                    out.add(vector(block));
                }
                return out;
            default:
                for (double[] block : blocks) {
                    out.add(block[0]);
                }
                return out;
        }
    }

    /** Gives precisions in blocks to the builder in scikit-learn's shape for the type. */
    static void precisionsInit(GaussianMixture.Builder builder, CovarianceType type, int d, double[][] blocks) {
        switch (type) {
            case FULL: {
                double[][][] p = new double[blocks.length][][];
                for (int c = 0; c < blocks.length; c++) {
                    p[c] = rows(blocks[c], d);
                }
                builder.precisionsInit(p);
                break;
            }
            case TIED:
                builder.precisionsInit(rows(blocks[0], d));
                break;
            case DIAG:
                builder.precisionsInit(blocks);
                break;
            default: {
                double[] p = new double[blocks.length];
                for (int c = 0; c < blocks.length; c++) {
                    p[c] = blocks[c][0];
                }
                builder.precisionsInit(p);
            }
        }
    }

    static ArrayNode vector(double[] values) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    static ArrayNode matrix(double[][] rows) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (double[] row : rows) {
            out.add(vector(row));
        }
        return out;
    }

    static double[][] rows(double[] flat, int cols) {
        double[][] out = new double[flat.length / cols][cols];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    private static ArrayNode square(double[] block, int d) {
        return matrix(rows(block, d));
    }
}
