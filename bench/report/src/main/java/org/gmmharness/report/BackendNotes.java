package org.gmmharness.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's notes on how the EM steps use the linear-algebra SPI and how each backend runs
 * them, in one place. The backend paragraphs summarise the backends' own Javadoc
 * ({@code EjmlLinearAlgebra}, {@code CommonsMathLinearAlgebra}, {@code Nd4jLinearAlgebra}) at the
 * level that stays true while their kernels are tuned: the library and its matrix type, how
 * products are done, which operations are written over the library's storage, and threading.
 * When a backend changes any of these, its paragraph here changes with it.
 */
final class BackendNotes {

    /** The EM-level facts shared by every backend, one paragraph each. */
    static final List<String> EM_STEPS = List.of(
            "**E-step, full and tied covariances:** one product of the data with every component's "
                    + "precision factor side by side, X·[U₁ … U_K] (N×D · D×K·D), then the squared norm of each "
                    + "D-wide block after subtracting μ_k·U_k, i.e. ‖(x_i − μ_k)·U_k‖². This is scikit-learn's "
                    + "direct form, exact also for a narrow component, run through the SPI's "
                    + "`blockQuadraticForms`, which a backend may do in row chunks without forming the whole "
                    + "N×K·D product. A tied model repeats its one factor K times so that it shares this path.",
            "**E-step, diagonal and spherical covariances:** one product of the design matrix with a small "
                    + "parameter matrix, [X, X∘X]·B (N×2D · 2D×K) or [X, ‖x‖²]·B (N×(D+1) · (D+1)×K), "
                    + "scikit-learn's expanded form. For every type the log-probabilities are then normalised "
                    + "row by row (log-sum-exp, subtraction, exp) through the SPI's `normalizeRows`.",
            "**M-step:** one product of the responsibilities with a design matrix built once per fit, Rᵀ·design "
                    + "(K×N · N×m). For full covariances the design is [X, vech(x·xᵀ)] (m = D + D(D+1)/2), summed "
                    + "block by block of rows and never held whole (a fused kernel, on ND4J on row-major copies of "
                    + "the block, forms one design row at a time and skips a component for each group of four rows "
                    + "without weight in it; where 4·K·D is at most m, ND4J multiplies the rows r_i ⊗ x_i with X "
                    + "instead), so the means and second moments come from the same product and Σ_k = Σ_i r_ik·x_i·x_iᵀ/n_k − "
                    + "μ_k·μ_kᵀ in the fit's centred coordinates; a component for which that subtraction would "
                    + "cancel too many digits in some feature (narrow in it against its distance from the centre) is recomputed "
                    + "two-pass, as scikit-learn computes every component, through the SPI's `weightedScatter`. "
                    + "Tied: Rᵀ·X, with XᵀX computed once per fit. Diagonal: [X, X∘X] (m = 2D); spherical: "
                    + "[X, ‖x‖²] (m = D+1).",
            "**Precision Cholesky:** K Cholesky factors and triangular inverses of D×D matrices on the backend "
                    + "(one for tied, none for diagonal and spherical, whose factors are 1/√σ²).",
            "The EM code allocates its buffers, on the backend and in Java, once per fit; what a backend "
                    + "allocates inside its own operations shows in the bytes per iteration above.");

    /** Backend name → how that backend runs the steps. */
    static final Map<String, String> BY_BACKEND = backends();

    private BackendNotes() {
    }

    private static Map<String, String> backends() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ejml", "EJML, pure Java, on its dense row-major `DMatrixRMaj`; all data on the JVM heap. Products "
                + "are EJML's own kernels (`CommonOps_DDRM` `mult`, `multTransA` …) writing into the caller's "
                + "preallocated output; large products use EJML's concurrent `CommonOps_MT_DDRM` variants, which "
                + "split the output's rows across EJML's thread pool and give the same result bit for bit. What "
                + "EJML lacks (row-wise log-sum-exp, blocked sums of squares, row and column broadcasts, row-wise "
                + "argmax, and any fused form of the SPI's composite operations that the backend provides) is the "
                + "backend's own loops directly over the matrix's `data` array, never per-element `get`/`set`, "
                + "which split large matrices' rows across the same thread pool (the E-step's "
                + "`blockQuadraticForms` is a cache-blocked chunk loop the JIT vectorises, not a product); sums follow NumPy's order so "
                + "that scikit-learn's reductions are reproduced, and exp and log are `Math.exp` and `Math.log` (exp is "
                + "not called where it underflows to 0, below −746, where the JIT's intrinsic is slowest and where "
                + "most of a well-separated mixture's shifted log-probabilities lie). "
                + "The D×D Cholesky factor and triangular inverse are EJML's decomposition and triangular solver.");
        m.put("commons-math", "Apache Commons Math 3.6.1, pure Java, with every matrix a `BlockRealMatrix` "
                + "(52×52 blocks), which the backend's measurements found several times faster than "
                + "`Array2DRowRealMatrix` on every product shape EM uses; all data on the JVM heap. The library's "
                + "products always allocate their result (and a transposed product the whole transpose first), so "
                + "`multiply` runs the library's own block-product kernel over the operands' blocks into the "
                + "caller's preallocated output, bit for bit the library's result, transposing a transposed operand "
                + "one block at a time into a reused scratch block. Commons Math has no broadcasts, element-wise "
                + "exp, row-wise log-sum-exp, blocked sums of squares or numerically ordered sums: those are the "
                + "backend's own loops over the block arrays (no `getEntry`/`setEntry` on an O(N) path), with sums "
                + "in NumPy's order and `Math.exp`/`Math.log`. The triangular solve is the library's; the Cholesky "
                + "factor is the algorithm of the library's `CholeskyDecomposition`, in its order of operations and "
                + "bit for bit its result (a test checks this), run on a reused per-thread array, because the class "
                + "copies its input and its factor on every call (2·D² doubles, a megabyte per iteration on W3). "
                + "The backend's working arrays are per thread and reused, so an iteration allocates only a few "
                + "small objects. Commons Math itself runs on one thread; the backend's own E-step loops (the fused "
                + "`blockQuadraticForms` and `normalizeRows`) split rows across a small fork/join pool of its own.");
        m.put("nd4j", "ND4J's `INDArray` on nd4j-native (libnd4j's C++ kernels, in the build for the CPU's SIMD "
                + "level chosen at start-up, with OpenBLAS), in double precision; the matrices live off the JVM "
                + "heap. Products are OpenBLAS's `dgemm`, the routine ND4J's own products call, writing into the "
                + "caller's preallocated output; outputs made by `zeros` are column-major, the layout into which "
                + "OpenBLAS writes tall products fastest, while data passed in row-major stays row-major. The other "
                + "data-sized operations (broadcasts, exp, reductions, and the row-wise log-sum-exp, which ND4J "
                + "lacks in a per-row form: its `LogSumExp` subtracts the maximum of the whole array) work on the "
                + "off-heap buffers into preallocated arrays, through libnd4j's ops or the backend's own loops. The "
                + "D×D Cholesky factor and triangular inverse are plain Java loops, since ND4J's ops cost far more "
                + "than the work on matrices this small, and the full covariances' M-step product is core's "
                + "plain-Java kernel on row-major copies of each block, since forming the design rows for "
                + "OpenBLAS cost more than the product. How the work is spread over the cores is among what the "
                + "backend reports about itself, below.");
        return m;
    }

    /** @return the paragraph on {@code backend}, or null for a backend these notes do not describe */
    static String of(String backend) {
        return BY_BACKEND.get(backend);
    }
}
