package org.gmmharness.peers.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.stat.distribution.MultivariateGaussian;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.gmmharness.peers.protocol.Mixture;
import org.gmmharness.peers.protocol.PeerDriver;
import org.gmmharness.peers.protocol.PeerMain;
import org.gmmharness.peers.protocol.PeerRequest;

/**
 * Drives Spark MLlib's DataFrame API, {@code org.apache.spark.ml.clustering.GaussianMixture}, for
 * exactly the requested iterations ({@code setTol(0)}, as for the RDD API). This API takes no start:
 * it draws its own from the data with {@code setSeed(0)}, so its answer is not comparable parameter
 * by parameter with scikit-learn's from the harness's start, only by its log-likelihood. Full
 * covariances only.
 */
public final class SparkMlPeer implements PeerDriver {

    private SparkSession spark;
    private Dataset<Row> data;
    private int k;
    private int iterations;

    /** {@code SparkMlPeer <request folder> <result file>}: see {@link PeerMain}. */
    public static void main(String[] args) {
        System.exit(PeerMain.run(args, new SparkMlPeer()));
    }

    @Override
    public String library() {
        return "Apache Spark MLlib";
    }

    @Override
    public String version() {
        return spark == null ? "unknown" : spark.version();
    }

    @Override
    public String api() {
        return "org.apache.spark.ml.clustering.GaussianMixture (DataFrame API), local[*]";
    }

    @Override
    public boolean sameStart() {
        return false;
    }

    @Override
    public List<String> notes() {
        return List.of("the DataFrame API takes no initial model: it starts from its own draw (setSeed(0)), "
                + "so its parameters are not compared with scikit-learn's from the harness's start; setMaxIter("
                + "iterations), setTol(0)");
    }

    @Override
    public void setUp(PeerRequest request) {
        if (!request.covarianceType().equals("full")) {
            throw new IllegalArgumentException("Spark MLlib fits full covariances only, not "
                    + request.covarianceType());
        }
        spark = LocalSpark.start();
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false);
        List<Row> rows = new ArrayList<>(request.n());
        for (double[] row : request.rows()) {
            rows.add(RowFactory.create(Vectors.dense(row)));
        }
        data = spark.createDataFrame(rows, schema).repartition(LocalSpark.partitions(spark)).cache();
        data.count();
        k = request.k();
        iterations = request.iterations();
    }

    @Override
    public Mixture fit() {
        GaussianMixtureModel m = new GaussianMixture().setK(k).setMaxIter(iterations).setTol(0.0).setSeed(0)
                .fit(data);
        MultivariateGaussian[] g = m.gaussians();
        int d = g[0].mean().size();
        double[][] means = new double[k][];
        double[][][] cov = new double[k][][];
        for (int c = 0; c < k; c++) {
            means[c] = g[c].mean().toArray();
            cov[c] = SparkRddPeer.square(g[c].cov().toArray(), d);
        }
        return new Mixture(m.weights().clone(), means, cov);
    }

    @Override
    public void close() {
        if (spark != null) {
            spark.stop();
        }
    }
}
