package org.gmmharness.bench.peers;

import java.util.List;
import java.util.Set;

/**
 * The peers the harness knows, each with the driver module that runs it, the driver's main class,
 * the covariance types the library fits and the JVM options it needs.
 */
public enum PeerKind {
    /** Apache Commons Math 3.6.1's {@code MultivariateNormalMixtureExpectationMaximization}. */
    COMMONS_MATH("commons-math-em", "Commons Math EM", "bench/peers-commons-math",
            "org.gmmharness.peers.commonsmath.CommonsMathPeer", Set.of("full"), List.of(), null),
    /** Spark MLlib's RDD API from the harness's start. */
    SPARK_RDD("spark-mllib-rdd", "Spark MLlib (RDD API)", "bench/peers-spark",
            "org.gmmharness.peers.spark.SparkRddPeer", Set.of("full"), Spark.JVM_OPTIONS, null),
    /** Spark MLlib's DataFrame API from its own start. */
    SPARK_ML("spark-ml-dataframe", "Spark ML (DataFrame API, own start)", "bench/peers-spark",
            "org.gmmharness.peers.spark.SparkMlPeer", Set.of("full"), Spark.JVM_OPTIONS, null),
    /** Smile's {@code MultivariateExponentialFamilyMixture}; GPL-3.0, built only under a profile. */
    SMILE("smile", "Smile (GPL-3.0, opt-in)", "bench/peers-smile", "org.gmmharness.peers.smile.SmilePeer",
            Set.of("full", "diag"), List.of(), "peers-smile");

    /** The peer's id in summary.json. */
    public final String id;
    /** The peer's name in the report's tables and charts. */
    public final String label;
    /** Its driver module, relative to the project's root folder. */
    public final String module;
    /** The driver's main class. */
    public final String mainClass;
    /** The covariance types the library fits. */
    public final Set<String> covarianceTypes;
    /** JVM options the library needs on Java 17. */
    public final List<String> jvmOptions;
    /** The Maven profile that builds its module, or null when the default build does. */
    public final String profile;

    PeerKind(String id, String label, String module, String mainClass, Set<String> covarianceTypes,
             List<String> jvmOptions, String profile) {
        this.id = id;
        this.label = label;
        this.module = module;
        this.mainClass = mainClass;
        this.covarianceTypes = covarianceTypes;
        this.jvmOptions = jvmOptions;
        this.profile = profile;
    }

    /** Spark's JVM options, as its launcher sets them on Java 17 (its {@code JavaModuleOptions}). */
    private static final class Spark {
        static final List<String> JVM_OPTIONS = List.of(
                "-XX:+IgnoreUnrecognizedVMOptions",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                "-Djdk.reflect.useDirectMethodHandle=false");

        private Spark() {
        }
    }
}
