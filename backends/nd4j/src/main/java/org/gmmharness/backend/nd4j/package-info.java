/**
 * The ND4J backend of the linear-algebra SPI: {@link org.gmmharness.backend.nd4j.Nd4jLinearAlgebra}
 * works on ND4J's {@code INDArray} (nd4j-native on CPU, in double precision, with the native build
 * for the CPU's SIMD level and OpenBLAS), and {@link org.gmmharness.backend.nd4j.Nd4jProvider}
 * registers it with {@link java.util.ServiceLoader} under the name {@code "nd4j"}, reporting the
 * backend unavailable, with the reason, where ND4J's natives cannot load.
 *
 * <h2>Notes on the backend's choices</h2>
 *
 * <p><b>Threads.</b> OpenBLAS runs single-threaded, and the steps whose cost grows with N split
 * their work over the backend's own threads (core's {@code WorkerPool}: the caller and one worker
 * per further core), claiming row chunks or product blocks in turn; results never depend on the
 * number of threads. Why: this OpenBLAS is the pthreads build, whose worker threads keep spinning
 * after each product, and libnd4j runs its ops on a pool of its own; left at their defaults (both
 * sized to the cores) the two competed for the two cores of the benchmark machine, and every op
 * after a product paid for it: ND4J's log-sum-exp over 1000000×4 took 124 ms of wall time against
 * 46 single-threaded, and the default normalizeRows 188 ms against 38.6 now; libnd4j's pool took
 * 4–8 ms to wake for a sum of 0.05 ms. Two OpenBLAS threads did not even speed up the product on
 * these tall-skinny shapes: 100000×16 by 16×128 took 21.7–26.8 ms with two and 20.7–27.1 with
 * one. libnd4j keeps one thread per core for the ND4J ops that remain, which are off the EM loop's
 * path and never run at the same time as the backend's threads.
 *
 * <p><b>Off-heap buffers directly ({@code Dense}).</b> Everything that touches O(N) data reads and
 * writes ND4J's off-heap buffers with one {@code memcpy} per contiguous run and calls OpenBLAS's
 * {@code cblas_dgemm} on sub-blocks, without ND4J views or ops per chunk: views cost a shape
 * buffer and several objects each, which would matter for the thousands of chunks of one call.
 *
 * <p><b>Products ({@code BlasProducts}).</b> An M-step product Rᵀ·design (the diagonal, tied and
 * spherical types, whose stored matrix is the design) is split along its inner size into a fixed
 * number of blocks summed in order; its partial products are computed as designᵀ·R (m×K), the form
 * with no transposed operand for a row-major design and a column-major R: measured on W1's
 * 100000×8 by 100000×152 shape, 26 ms of CPU against 34 for the Rᵀ·design form and 35 for ND4J's
 * {@code gemm}.
 *
 * <p><b>The full covariances' moment product.</b> Each block's Rᵀ·[X, vech(x·xᵀ)] goes to core's
 * plain-Java kernel on row-major copies of the block's rows, as on the other backends, rather than
 * to OpenBLAS on design rows formed first: writing the design (152 values a row on W1) cost more
 * than multiplying it. The M-step on W1 (MStepBenchmark, one session): 22.1 ms with the design and
 * OpenBLAS, 12.7 ms with the kernel, 10.8 ms once {@code copyRows} took each block's rows with a
 * {@code memcpy} per run rather than ND4J's {@code assign} from a view (a libnd4j op per block);
 * EJML's is 6.5 ms, the difference being the two copies of each block. The product alone, raw,
 * takes OpenBLAS about 9 ms. A W3 iteration: 70.9 ms, against 117 ms in the last full report.
 * The weighted form (large D, few components) still multiplies with OpenBLAS.
 *
 * <p><b>The one row-chunk loop ({@code RowChunks}).</b> {@code normalizeRows}, {@code scaleAddRow},
 * {@code columnSums}, {@code sum} and {@code argmaxRows} copy row chunks of about 8192 values into
 * Java arrays, process them column by column while in cache ({@code ColumnMajorChunks}) and copy
 * them back. Why not libnd4j's ops: each is a separate pass over memory with 5–25 µs of overhead
 * per call, its reductions and broadcasts along the rows of a column-major N×K array walk one
 * strided row of K values at a time, and ND4J's own {@code LogSumExp} shifts by the global rather
 * than the per-row maximum. {@code normalizeRows} on W2's 1000000×4 (quiet machine, wall time):
 * the default's nine ND4J ops took 188 ms with ND4J's default threads and 69 ms with libnd4j on
 * one thread; the fused loop takes 68 ms on one thread and 38.6 on two (exp and log dominate; the
 * saved second exp pays for the copies). Column by column it took 40 ms of CPU against 65 row by
 * row.
 *
 * <p><b>Quadratic forms ({@code TiledQuadraticForms}).</b> The default's three passes over the
 * N×K·w scratch (product, broadcast add, squared norm over a 3-d view) are bound by memory
 * bandwidth (100 MB written and read back on W1), and libnd4j's broadcasts and reductions along
 * the rows are slow on these shapes. Tiles of 16384 values: W1 27–28 ms against 30–42 at 4096; W3
 * 104–116 against 113–129. At most 256 rows: W2 (K·w = 32) took 55–64 ms with 128–256 rows against
 * 72–89 with 512. At least 2¹⁶ multiply-adds per {@code cblas_dgemm} call, which takes OpenBLAS's
 * buffer lock twice: with two threads W4 (100000×2 by 2×6) in 391 calls of 256 rows took 22–32 ms
 * against 3 ms on one thread. The squared norms take up to four columns per pass over their
 * accumulator: the passes are bound by cache bandwidth, and that cut 5–10%.
 *
 * <p><b>What remains libnd4j's.</b> {@code subtractColumn}, {@code scaleRowsByColumn} (the
 * two-pass covariance fall-back), {@code exp}, {@code blockRowSumsOfSquares}, {@code logSumExpRows}
 * (composed of ND4J ops, each row shifted by its own maximum: {@code OpScratch}), and every
 * fall-back for arrays BLAS cannot address directly. The d×d Cholesky factor and triangular
 * inverse are core's plain-Java {@code Cholesky}: ND4J's {@code cholesky} and
 * {@code triangularSolve} ops cost from hundreds of microseconds to hundreds of milliseconds on
 * these tiny matrices, against a few microseconds.
 *
 * <p><b>Measured</b> on the 2-core benchmark machine while other jobs shared it (min to median over
 * three runs, ms), the backend's calls of one iteration, before (ND4J's default threads, the SPI's
 * default composites) and after:
 * <pre>
 *                         W1 (100k,16,8)   W2 (1M,8,4)      W3 (20k,64,16)    W4 (100k,2,3)     W1 diag
 * blockQuadraticForms     55–77 → 26–35    112–136 → 58–70  201–259 → 96–114  2.3–24 → 1.7–3.8* -
 *   raw product x·f       21–27            40–54            75–89             0.5–1.3           -
 * normalizeRows           7.5–84 → 10–17   131–160 → 68–80  3.3–13 → 4.2–5.8  4.5–76 → 4.5–7.1  72–83 → 10–12
 * multiply Rᵀ·design      38–52 → 23–29    84–104 → 48–66   108–133 → 62–69   1.0–1.4 → 0.7–1.1 8.2–9.0 → 3.8–4.7
 * scaleAddRow N×K         0.8–16 → 1.1–7.9 6.4–17 → 3.4–4.5 0.5–16 → 0.2–0.3  0.7–16 → 0.2      3.4–16 → 0.5–0.7
 * sum N×1                 0.2 → 0.1–0.2    6.8–8.0 → 0.7–0.9 0.1 → 0.02       0.1–8.0 → 0.1     3.9–8.0 → 0.1
 * whole EM iteration      238–283 → 74–99  419–479 → 189–230 568–860 → 168–210 28–131 → 8–47   71–130 → 22–28
 *   (quieter machine)     71–88 → 33–38    150–203 → 96–105 174–216 → 83–94   10–16 → 4.3–6.4   26–35 → 10–13
 * </pre>
 * (*) with the minimum work per product call, measured later on a less loaded machine; before it,
 * two threads contending for OpenBLAS's buffer lock took 22–35.
 */
package org.gmmharness.backend.nd4j;
