"""scikit-learn's time per EM iteration, the baseline the JVM backends are compared with.

Run by org.gmmharness.report.SklearnBaseline, which extracts this file from the jar into a work
folder and runs it as ``/usr/bin/python3 sklearn_baseline.py request.json``. The request names the
workloads and the raw data files the JVM wrote, so both sides are timed on identical samples:

    {"repeats": r,
     "workloads": [{"shape": "N=100000 D=16 K=8 full", "n": 100000, "d": 16, "k": 8,
                    "covariance_type": "full", "data": "/path/x.f64"}]}

Each data file holds N*D little-endian float64 values, row-major, with no header.

The request may also name whole fits to time (time to solution), with the same kind of data files:

    {"fit_repeats": r, "fit_warmups": w,
     "fits": [{"shape": "N=100000 D=16 K=8 full", "n": 100000, "d": 16, "k": 8, "data": "/path/x.f64"}]}

Each is ``GaussianMixture(K, random_state=0).fit(X)`` with every other setting at its default
(k-means initialisation, tol 1e-3, max_iter 100, full covariances), timed whole with
``time.perf_counter`` after w untimed fits, as the JVM's single-shot JMH runs are.

One timed iteration is exactly what GaussianMixture.fit repeats per EM step: ``_e_step``
(weighted log-probabilities, log-sum-exp, log-responsibilities) followed by ``_m_step`` (weights,
means, covariances and the precision Cholesky factors) -- the same work as one iteration of the
JVM backends. Convergence checks and lower-bound bookkeeping in fit() are left out on both sides.

The result (JSON) goes to stdout; one progress line per workload goes to stderr. Only numpy,
scikit-learn and threadpoolctl (a scikit-learn dependency) are used, all from the system Python.

Threads: the BLAS is left with its default thread count (all cores) on purpose. The aim is the
fastest scikit-learn this machine gives, so nothing is pinned; the thread-related environment
variables are recorded so that the report shows how it ran. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
are removed from this process's environment by the Java driver before it starts: they would hold
numpy's OpenBLAS to an older kernel than the CPU runs; the kernel OpenBLAS chose is recorded from
threadpoolctl ("architecture"). The driver also sets MALLOC_MMAP_MAX_=0 and a huge
MALLOC_TRIM_THRESHOLD_, so that glibc's malloc reuses the memory numpy frees instead of mapping
fresh pages for every temporary: a warmed JVM reuses its heap the same way, and on a machine with
slow page faults fresh pages, not arithmetic, would otherwise dominate the small workloads' times.
"""

import json
import math
import os
import platform
import sys
import time
import warnings

import numpy as np
import sklearn
import threadpoolctl
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

# Z for a two-sided 99% interval under the normal approximation.
Z_99 = 2.576
# Scales the median absolute deviation to a consistent estimate of the standard deviation for
# normally distributed samples; unlike the sample standard deviation it ignores the odd slow
# iteration (a page fault, another process) that would otherwise dominate a short run.
MAD_TO_SIGMA = 1.4826
ERROR_KIND = ("99% half-width from robust spread: 2.576 * 1.4826 * MAD(samples) / sqrt(repeats), "
              "normal approximation")

ENV_KEYS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "MKL_NUM_THREADS",
            "MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_")


def progress(message):
    # stderr is forwarded line by line by the Java driver, so flush every line at once.
    print(message, file=sys.stderr, flush=True)


def robust_half_width(samples):
    """Half-width of the interval reported beside the median (see ERROR_KIND)."""
    a = np.asarray(samples, dtype=float)
    if a.size < 2:
        return 0.0
    mad = float(np.median(np.abs(a - np.median(a))))
    return Z_99 * MAD_TO_SIGMA * mad / math.sqrt(a.size)


def load(entry):
    n, d = int(entry["n"]), int(entry["d"])
    x = np.fromfile(entry["data"], dtype="<f8")
    if x.size != n * d:
        raise ValueError("%s holds %d values, expected N*D = %d" % (entry["data"], x.size, n * d))
    # fromfile gives a C-contiguous array; native byte order keeps BLAS on its fast path.
    return np.ascontiguousarray(x.reshape(n, d), dtype=np.float64)


def measure(entry, repeats):
    x = load(entry)
    gm = GaussianMixture(n_components=int(entry["k"]), covariance_type=entry["covariance_type"],
                         init_params="random_from_data", random_state=0, max_iter=1, tol=0)
    # One fit of one iteration only to give the model initialised parameters (and its precision
    # Cholesky factors); it warns that it did not converge, which is expected here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        gm.fit(x)

    # Untimed warm-up: first-touch of the temporaries and BLAS thread start-up stay out of the
    # samples, as JMH's warm-up keeps them out of the JVM figures.
    _, log_resp = gm._e_step(x)
    gm._m_step(x, log_resp)

    e_ms, m_ms, total_ms = [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        log_prob_norm, log_resp = gm._e_step(x)
        t1 = time.perf_counter()
        gm._m_step(x, log_resp)
        t2 = time.perf_counter()
        e_ms.append((t1 - t0) * 1e3)
        m_ms.append((t2 - t1) * 1e3)
        total_ms.append((t2 - t0) * 1e3)
    if not np.isfinite(log_prob_norm):
        raise ValueError("%s: the EM iterations gave a non-finite log-likelihood" % entry["shape"])

    return {
        "shape": entry["shape"],
        "ms_per_iter": float(np.median(total_ms)),
        "error_ms": robust_half_width(total_ms),
        "error_kind": ERROR_KIND,
        "estep_ms": float(np.median(e_ms)),
        "mstep_ms": float(np.median(m_ms)),
        "repeats": repeats,
        "samples_ms": total_ms,
    }


def measure_fit(entry, repeats, warmups):
    """Whole fits as a user runs them: GaussianMixture(K, random_state=0).fit(X), defaults otherwise."""
    x = load(entry)
    k = int(entry["k"])
    for _ in range(warmups):
        GaussianMixture(k, random_state=0).fit(x)
    samples, n_iter, converged = [], [], []
    for _ in range(repeats):
        gm = GaussianMixture(k, random_state=0)
        t0 = time.perf_counter()
        gm.fit(x)
        samples.append((time.perf_counter() - t0) * 1e3)
        n_iter.append(int(gm.n_iter_))
        converged.append(bool(gm.converged_))
    return {
        "shape": entry["shape"],
        "samples_ms": samples,
        "median_ms": float(np.median(samples)),
        "n_iter": n_iter,
        "converged": converged,
    }


def main(argv):
    if len(argv) != 2:
        progress("usage: sklearn_baseline.py request.json")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        request = json.load(f)
    repeats = max(1, int(request["repeats"]))
    workloads = request["workloads"]

    results = []
    for i, entry in enumerate(workloads, 1):
        r = measure(entry, repeats)
        results.append(r)
        progress("scikit-learn [%d/%d] %s: %.3f ms/iteration (E %.3f + M %.3f, %d repeats)"
                 % (i, len(workloads), entry["shape"], r["ms_per_iter"], r["estep_ms"],
                    r["mstep_ms"], repeats))

    fits = []
    fit_entries = request.get("fits", [])
    fit_repeats = max(1, int(request.get("fit_repeats", 1)))
    fit_warmups = max(0, int(request.get("fit_warmups", 0)))
    for i, entry in enumerate(fit_entries, 1):
        r = measure_fit(entry, fit_repeats, fit_warmups)
        fits.append(r)
        progress("scikit-learn fit [%d/%d] %s: %.1f ms median of %d (n_iter %s)"
                 % (i, len(fit_entries), entry["shape"], r["median_ms"], fit_repeats, r["n_iter"]))

    out = {
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        # Read after the runs so that every library scikit-learn loaded (BLAS, OpenMP) is listed.
        "threadpool_info": threadpoolctl.threadpool_info(),
        "env": {key: os.environ.get(key) for key in ENV_KEYS},
        "cpu_count": os.cpu_count(),
        "error_kind": ERROR_KIND,
        "results": results,
        "fits": fits,
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
