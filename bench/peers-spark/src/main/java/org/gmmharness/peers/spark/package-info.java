/**
 * The Apache Spark MLlib peer in local mode: the RDD API's {@code GaussianMixture} from the
 * harness's start ({@link org.gmmharness.peers.spark.SparkRddPeer}) and the DataFrame API's from
 * its own start ({@link org.gmmharness.peers.spark.SparkMlPeer}).
 */
package org.gmmharness.peers.spark;
