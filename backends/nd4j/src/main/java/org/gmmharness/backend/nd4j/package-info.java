/**
 * The ND4J backend of the linear-algebra SPI: {@link org.gmmharness.backend.nd4j.Nd4jLinearAlgebra}
 * works on ND4J's {@code INDArray} (nd4j-native on CPU, in double precision, with the native build
 * for the CPU's SIMD level and OpenBLAS), and {@link org.gmmharness.backend.nd4j.Nd4jProvider}
 * registers it with {@link java.util.ServiceLoader} under the name {@code "nd4j"}, reporting the
 * backend unavailable, with the reason, where ND4J's natives cannot load. The EM loop's data-sized
 * steps call OpenBLAS single-threaded on ND4J's buffers ({@code Dense}) from the backend's own
 * threads ({@code Workers}), in cache-sized chunks.
 */
package org.gmmharness.backend.nd4j;
