/**
 * The linear-algebra service-provider interface that the EM algorithm is written against.
 * {@link org.gmmharness.linalg.LinearAlgebra} holds the whole-matrix operations; backends register a
 * {@link org.gmmharness.linalg.LinearAlgebraProvider} and are looked up by name through
 * {@link org.gmmharness.linalg.Backends}.
 */
package org.gmmharness.linalg;
