/**
 * The EJML backend of the linear-algebra SPI: {@link org.gmmharness.backend.ejml.EjmlLinearAlgebra}
 * works on EJML's dense row-major {@code DMatrixRMaj}, and
 * {@link org.gmmharness.backend.ejml.EjmlProvider} registers it with {@link java.util.ServiceLoader}
 * under the name {@code "ejml"}.
 *
 * <h2>Notes on the backend's choices</h2>
 *
 * <p><b>Products.</b> {@code CommonOps_DDRM}'s {@code mult}, {@code multTransA}, {@code multTransB}
 * and {@code multTransAB}; from 2¹⁹ multiply-adds the {@code CommonOps_MT_DDRM} variants, which
 * split the output by rows and give bit for bit the same result. Below that the fork/join
 * hand-off costs more than it saves: a 30×30 product takes about 0.03 ms single-threaded and three
 * times that when split. The M-step's Rᵀ·B (R n×k, B n×m) goes to {@code multTransA} concurrently
 * only from 2²² multiply-adds: EJML's kernel for it ({@code multTransA_reorder}) computes one row
 * of the k×m result per pass over all of B, and the concurrent one hands whole rows to threads,
 * so each thread streams B from memory. Measured (median wall ms, 2-core machine shared with other
 * jobs, the variants interleaved, three runs): (100000×3)ᵀ · 100000×5 (1.5·10⁶ multiply-adds),
 * 2.3–2.6 single-threaded against 2.5–5.0 concurrent; (100000×8)ᵀ · 100000×32 (2.6·10⁷), 14–17
 * concurrent against 19–23 single-threaded. Transposing R once and using {@code mult} streams B
 * as often: it was 10–15% faster single-threaded on the smallest shape only, slower concurrent,
 * and would need a k×n buffer, so it is not used.
 *
 * <p><b>What EJML lacks.</b> Row-wise log-sum-exp, block row sums of squares, row and column
 * broadcasts and row-wise argmax, and its sums run left to right. These are core's plain-Java
 * kernels ({@code RowReductions}, {@code NumpySummation}) run over {@code DMatrixRMaj.data},
 * never through per-element {@code get}/{@code set}, so that scikit-learn's reductions are
 * reproduced bit for bit given the same inputs and the same exp.
 *
 * <p><b>The E-step's fused operations.</b> {@code blockQuadraticForms} runs core's
 * {@code QuadraticFormKernel} (loops the JIT vectorises; EJML's own products do not vectorise on
 * this JDK) in cache-sized chunks without forming the n×(K·w) product, and
 * {@code normalizeRows} makes one pass per row with one exp per entry. Both split large inputs by
 * rows across EJML's own thread pool ({@code EjmlConcurrency.loopBlocks}, which the {@code _MT_}
 * kernels use); results do not depend on the split.
 *
 * <p><b>Factorisations.</b> EJML's {@code DecompositionFactory_DDRM.chol(d, true)} and
 * {@code TriangularSolver_DDRM.invertLower}; a NaN pivot, which EJML's test lets through, is
 * rejected after the factorisation.
 */
package org.gmmharness.backend.ejml;
