package org.gmmharness.bench;

import java.util.concurrent.TimeUnit;

import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The machine's DGEMM peak: a square double-precision product C = A·B of size {@link #size}, on
 * the given backend (the report runs it on the fastest one, whose BLAS uses every core). GFLOP/s
 * = 2·size³ / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Benchmark)
public class DgemmPeakBenchmark {

    /** Backend name. */
    @Param({"nd4j"})
    public String backend;

    /** Matrix size. */
    @Param({"2048"})
    public String size;

    private Product<?> product;

    @Setup(Level.Trial)
    public void setUp() {
        product = Product.of(Backends.create(backend), Integer.parseInt(size));
    }

    @Benchmark
    public void dgemm(Blackhole sink) {
        product.run();
        sink.consume(product);
    }

    /** Preallocated operands on one backend. */
    private static final class Product<M> {
        private final LinearAlgebra<M> la;
        private final M a;
        private final M b;
        private final M c;

        private Product(LinearAlgebra<M> la, M a, M b, M c) {
            this.la = la;
            this.a = a;
            this.b = b;
            this.c = c;
        }

        static <M> Product<M> of(LinearAlgebra<M> la, int size) {
            double[] values = new double[size * size];
            java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
            for (int i = 0; i < values.length; i++) {
                values[i] = rng.nextDouble() - 0.5;
            }
            return new Product<>(la, la.fromRowMajor(size, size, values), la.fromRowMajor(size, size, values),
                    la.zeros(size, size));
        }

        void run() {
            la.multiply(a, false, b, false, c);
        }
    }
}
