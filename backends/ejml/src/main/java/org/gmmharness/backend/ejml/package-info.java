/**
 * The EJML backend of the linear-algebra SPI: {@link org.gmmharness.backend.ejml.EjmlLinearAlgebra}
 * works on EJML's dense row-major {@code DMatrixRMaj}, and
 * {@link org.gmmharness.backend.ejml.EjmlProvider} registers it with {@link java.util.ServiceLoader}
 * under the name {@code "ejml"}.
 */
package org.gmmharness.backend.ejml;
