/**
 * The linear-algebra service-provider interface that the EM algorithm is written against.
 * {@link org.gmmharness.linalg.LinearAlgebra} holds the whole-matrix operations; backends register a
 * {@link org.gmmharness.linalg.LinearAlgebraProvider} (most through
 * {@link org.gmmharness.linalg.AbstractLinearAlgebraProvider}) and are looked up by name through
 * {@link org.gmmharness.linalg.Backends}.
 *
 * <p>A backend is a thin adapter: it extends {@link org.gmmharness.linalg.AbstractLinearAlgebra},
 * the front that checks every operation's shapes once for all backends and then calls the
 * backend's kernel for it, and supplies only what is its library's (its storage, its products, its
 * loops over that storage, its fall-backs). The plain-Java kernels that several backends share
 * live here, each with one job: {@link org.gmmharness.linalg.RowReductions} (NumPy's and SciPy's
 * row-wise reductions), {@link org.gmmharness.linalg.RowMajorBlocks} (broadcasts and column sums
 * over a row-major block), {@link org.gmmharness.linalg.QuadraticFormKernel} (the E-step's quadratic
 * forms in loops the JIT vectorises), {@link org.gmmharness.linalg.MomentRows} (the M-step's design
 * rows), {@link org.gmmharness.linalg.Cholesky} (the d×d factorisation and triangular inverse),
 * {@link org.gmmharness.linalg.Exponentials}, and {@link org.gmmharness.linalg.WorkerPool}, the
 * threads a backend instance owns to split its row loops. {@link org.gmmharness.linalg.CpuFeatures}
 * reads the CPU's identity and flags, which a backend may pick a native build by and reports record.
 */
package org.gmmharness.linalg;
