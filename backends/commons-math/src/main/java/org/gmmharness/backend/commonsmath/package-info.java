/**
 * The Apache Commons Math 3.6.1 backend of the linear-algebra SPI:
 * {@link org.gmmharness.backend.commonsmath.CommonsMathLinearAlgebra} works on {@code BlockRealMatrix},
 * and {@link org.gmmharness.backend.commonsmath.CommonsMathProvider} registers it as {@code "commons-math"}.
 *
 * <h2>Notes on the backend's choices</h2>
 *
 * <p><b>Why {@code BlockRealMatrix} rather than {@code Array2DRowRealMatrix}.</b> The products are
 * where EM spends its time, and with the library's own product kernels the block layout wins
 * every shape EM uses, by 2.7–8.6×. Median wall time per call, each case in its own JVM on the
 * project's 2-core build machine while it was shared with other jobs (so ±30%; JDK 17, one thread,
 * the library's methods returning a new matrix):
 * <table>
 *   <caption>Commons Math 3.6.1 products, ms per call</caption>
 *   <tr><th>product (E-step / M-step shape)</th><th>BlockRealMatrix</th><th>Array2DRowRealMatrix</th></tr>
 *   <tr><td>X·F, 100000×16 · 16×128 ({@code multiply})</td><td>194</td><td>534</td></tr>
 *   <tr><td>X·F, 20000×64 · 64×1024</td><td>1217</td><td>4095</td></tr>
 *   <tr><td>Rᵀ·X, (100000×8)ᵀ · 100000×16 ({@code transpose().multiply})</td><td>17</td><td>74</td></tr>
 *   <tr><td>Xᵀ·X, (100000×16)ᵀ · 100000×16</td><td>35</td><td>160</td></tr>
 *   <tr><td>Xᵀ·X, (1000000×8)ᵀ · 1000000×8</td><td>51</td><td>437</td></tr>
 * </table>
 * {@code Array2DRowRealMatrix.multiply} takes one column of the right operand at a time and runs
 * through all of the left operand for each, streaming a tall left operand from memory once per
 * output column; the blocked kernel reuses each 52×52 block while it is in cache. The O(N·K)
 * element-wise and row-wise operations are single passes with either layout, and the d×d
 * factorisations copy their argument in any case, so one type serves every operation.
 *
 * <p><b>Products into a preallocated output ({@code BlockProduct}).</b> The library's products
 * always allocate their result, and a transposed product first allocates the whole transpose: for
 * the E-step's 100000×128 product that is 100 MB of garbage per call, and the SPI wants the
 * product in the caller's {@code c}. So the library's own block-product kernel runs directly over
 * the operands' blocks and into c's, a transposed operand's blocks passing through a per-thread
 * scratch block (for a transposed left operand once per block row of c rather than once per block
 * of c, which each block of c does not notice: it still sums its terms in the library's order).
 * For the M-step's (100000×8)ᵀ · 100000×152 that took the median from 121 ms, with the library's
 * {@code transpose().multiply} at 108 ms in the same run, to 71 ms against 71; for
 * (20000×16)ᵀ · 20000×2144, 42 blocks of c wide, from 401 against 340 to 369 against 343. The
 * alternative, the library's product followed by a copy into c, was measured against it
 * (interleaved in one JVM, the machine shared, median ms): 100000×16 · 16×128, 146–152 against
 * 182–207; (100000×8)ᵀ · 100000×16, 12 against 15; (100000×16)ᵀ · 100000×16, 20 against 30;
 * 20000×64 · 64×1024, 944 against 905, within the noise.
 *
 * <p><b>Operations Commons Math lacks.</b> Row and column broadcasts, element-wise exp, blocked
 * row sums of squares, row-wise log-sum-exp and argmax, numerically ordered sums. Its
 * {@code walkInOptimizedOrder} visitors would serve but cost a virtual call per entry, so these
 * are loops over the block arrays ({@code BlockView}), block by block for element-wise work and
 * row by row for row-wise work, calling core's {@code RowReductions}; sums follow NumPy's order so
 * that scikit-learn's reductions are reproduced bit for bit; exp and log are {@code Math}'s rather
 * than the library's {@code FastMath}, so that this backend and EJML's agree to the last bit.
 *
 * <p><b>Factorisations ({@code Factorisations}).</b> The algorithm of the library's
 * {@code CholeskyDecomposition}, bit for bit, on a per-thread copy: the class itself copies its
 * argument and then its factor, 2·d² doubles per call, which for K components of d = 64 is a
 * megabyte per EM iteration, forty times the loop's allocation budget. The triangular inverse is
 * the library's {@code MatrixUtils.solveLowerTriangularSystem} against the identity's columns.
 *
 * <p><b>The E-step's fused operations.</b> {@code blockQuadraticForms} gathers chunks of 260 rows
 * of x, transposed, into core's {@code QuadraticFormKernel} (loops the JIT vectorises) without
 * forming the n×(K·w) product. Measured with an ad-hoc harness (median wall ms of 15 calls, the
 * variants interleaved; JDK 17 with AVX2 on the 2-core EPYC while other jobs shared it, so ±30%):
 * 100000×16 with f 16×128, 18–24 ms (one thread 25–26) against 160–178 ms for the SPI's default
 * (the block product, then offsets and {@code blockRowSumsOfSquares}) and 172 ms for the library's
 * {@code BlockRealMatrix.multiply} alone, which also allocates the 100 MB result; 1000000×8 with
 * 8×32, 43–51 against 291–430 and 219–334; 20000×64 with 64×1024, 98–155 against 703–882 and
 * 662–710; 100000×2 with 2×6, 1.5 against 5.9–11.8 and 3.0–4.3. Chunks of 64 to 1024 rows
 * measured within 15% of each other. {@code normalizeRows} makes one pass per row with one exp
 * per entry. The library is single-threaded; these two loops split large inputs into one range of
 * rows per core on the backend's own worker pool (core's {@code WorkerPool}), so that the E-step's
 * exp and log work uses the whole machine.
 */
package org.gmmharness.backend.commonsmath;
