package org.gmmharness.peers.spark;

import org.apache.spark.sql.SparkSession;

/**
 * A local Spark session as a user on one machine starts it: {@code local[*]} (a task thread per
 * core), no web UI, log level WARN so that the driver's stderr keeps only what went wrong.
 */
final class LocalSpark {

    /** Spark's default of 200 shuffle partitions is for clusters; GMM does not shuffle, one per core does. */
    private static final String SHUFFLE_PARTITIONS = String.valueOf(Runtime.getRuntime().availableProcessors());

    private LocalSpark() {
    }

    static SparkSession start() {
        SparkSession spark = SparkSession.builder()
                .master("local[*]")
                .appName("gmm-harness-peer")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS)
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** @return the number of partitions the data are split into: Spark's default parallelism (the cores) */
    static int partitions(SparkSession spark) {
        return spark.sparkContext().defaultParallelism();
    }
}
