package org.gmmharness.peers.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.GaussianMixture;
import org.apache.spark.mllib.clustering.GaussianMixtureModel;
import org.apache.spark.mllib.linalg.Matrices;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.stat.distribution.MultivariateGaussian;
import org.apache.spark.sql.SparkSession;
import org.gmmharness.peers.protocol.Mixture;
import org.gmmharness.peers.protocol.PeerDriver;
import org.gmmharness.peers.protocol.PeerMain;
import org.gmmharness.peers.protocol.PeerRequest;

/**
 * Drives Spark MLlib's RDD API, {@code org.apache.spark.mllib.clustering.GaussianMixture}, from
 * the request's start with {@code setInitialModel}, for exactly the requested iterations: its loop
 * runs while {@code iter < maxIterations && |llh − llhPrevious| > convergenceTol}, and the tolerance
 * is set to 0 because {@code setConvergenceTol} refuses anything below 0. Each fit gets a new
 * initial model ({@link #initialModel(Mixture)}). The samples are one cached
 * RDD of dense vectors, split over the cores. Full covariances only.
 */
public final class SparkRddPeer implements PeerDriver {

    private SparkSession spark;
    private JavaRDD<Vector> data;
    private Mixture start;
    private int k;
    private int iterations;

    /** {@code SparkRddPeer <request folder> <result file>}: see {@link PeerMain}. */
    public static void main(String[] args) {
        System.exit(PeerMain.run(args, new SparkRddPeer()));
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
        return "org.apache.spark.mllib.clustering.GaussianMixture (RDD API), local[*]";
    }

    @Override
    public boolean sameStart() {
        return true;
    }

    @Override
    public List<String> notes() {
        return List.of("setInitialModel(start), setMaxIterations(iterations), setConvergenceTol(0): the setter "
                        + "refuses a negative tolerance, and 0 stops early only on an unchanged log-likelihood",
                "its E-step adds a constant ε (machine epsilon) to each component's weighted density before "
                        + "normalising, which flattens responsibilities once densities fall near ε");
    }

    @Override
    public void setUp(PeerRequest request) {
        if (!request.covarianceType().equals("full")) {
            throw new IllegalArgumentException("Spark MLlib fits full covariances only, not "
                    + request.covarianceType());
        }
        spark = LocalSpark.start();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Vector> rows = new ArrayList<>(request.n());
        for (double[] row : request.rows()) {
            rows.add(Vectors.dense(row));
        }
        data = jsc.parallelize(rows, LocalSpark.partitions(spark)).cache();
        data.count();
        start = request.start();
        k = start.k();
        iterations = request.iterations();
    }

    @Override
    public Mixture fit() {
        GaussianMixtureModel m = new GaussianMixture().setK(k).setInitialModel(initialModel(start))
                .setMaxIterations(iterations).setConvergenceTol(0.0).run(data);
        int d = m.gaussians()[0].mu().size();
        double[][] means = new double[k][];
        double[][][] cov = new double[k][][];
        for (int c = 0; c < k; c++) {
            means[c] = m.gaussians()[c].mu().toArray();
            cov[c] = square(m.gaussians()[c].sigma().toArray(), d);
        }
        return new Mixture(m.weights().clone(), means, cov);
    }

    @Override
    public void close() {
        if (spark != null) {
            spark.stop();
        }
    }

    /**
     * @return a new model of the start: {@code run} writes each iteration's weights and Gaussians
     *         into the initial model's own arrays, so a model given twice would start the second fit
     *         where the first ended
     */
    static GaussianMixtureModel initialModel(Mixture s) {
        MultivariateGaussian[] gaussians = new MultivariateGaussian[s.k()];
        for (int c = 0; c < s.k(); c++) {
            gaussians[c] = new MultivariateGaussian(Vectors.dense(s.means()[c].clone()),
                    Matrices.dense(s.d(), s.d(), columnMajor(s.covariances()[c])));
        }
        return new GaussianMixtureModel(s.weights().clone(), gaussians);
    }

    /** @return {@code m} in column-major order, the order of Spark's dense matrices */
    static double[] columnMajor(double[][] m) {
        int d = m.length;
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[j * d + i] = m[i][j];
            }
        }
        return out;
    }

    /** @return the d×d matrix of column-major {@code values} */
    static double[][] square(double[] values, int d) {
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = values[j * d + i];
            }
        }
        return out;
    }
}
