"""Generate the scikit-learn parity fixtures for gmm-harness.

Run from the repository root with Debian's scikit-learn (python3-sklearn 1.2.1,
numpy 1.24.2, scipy 1.10.1) and nothing else:

    /usr/bin/python3 verify/generator/generate_fixtures.py

It writes, deterministically (the same bytes on every run), into
verify/src/test/resources/fixtures/:

- meta.json            generator command, library versions, conventions, the
                       list of data sets and the list of cases;
- data/<dataset>.csv   one header line of column names, then one row per sample,
                       features only, every value written with repr(float);
- cases/<case>.json    the parameters of one GaussianMixture case and, for every
                       call of fit_predict(X), the initial responsibilities of
                       every init, the lower-bound trace of every init, the
                       fitted state, and the scoring methods evaluated on the
                       training X (or the error sklearn raised);
- random_streams.json  the value of random_streams.random_stream_fixture()
- numpy_reductions.json the value of numpy_reductions.numpy_reduction_fixture()
- metrics.json         the value of metrics_reference.metrics_fixture()

Initial responsibilities and lower-bound traces are captured by a subclass of
GaussianMixture that records what it sees and otherwise defers to sklearn.
Thread pools are pinned to one thread before numpy is imported so that k-means
and BLAS reductions happen in one fixed order.
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import importlib.util  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import load_iris, make_blobs  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402

GENERATOR = "/usr/bin/python3 verify/generator/generate_fixtures.py"
GENERATOR_DIR = Path(__file__).resolve().parent
REPO_ROOT = GENERATOR_DIR.parents[1]
OUT_DIR = REPO_ROOT / "verify" / "src" / "test" / "resources" / "fixtures"

COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")
INIT_PARAMS = ("kmeans", "k-means++", "random", "random_from_data")
DEFAULTS = {
    "n_components": 1,
    "covariance_type": "full",
    "tol": 1e-3,
    "reg_covar": 1e-6,
    "max_iter": 100,
    "n_init": 1,
    "init_params": "kmeans",
    "random_state": 0,
    "warm_start": False,
}
USER_INIT_KEYS = ("weights_init", "means_init", "precisions_init")

CONVENTIONS = {
    "data_csv": "data/<dataset>.csv: one header line of column names, then one row per "
    "sample; features only (except iris_labeled.csv, which adds a species column); "
    "comma-separated, no index column, '\\n' line ends.",
    "shapes": "arrays use scikit-learn's shapes: weights (K), means (K,D); covariances, "
    "precisions, precisions_cholesky are (K,D,D) for full, (D,D) for tied, (K,D) for diag, "
    "(K) for spherical; precisions_cholesky is sklearn's precisions_cholesky_: for full "
    "and tied the upper-triangular U = inv(cholesky(covariance)).T with precision = U @ U.T, "
    "for diag and spherical the square roots of the precisions.",
    "init_resps": "init_resps[i] is the N x K responsibility matrix passed to "
    "GaussianMixture._initialize for the i-th init, in order; [] when the call did not "
    "initialise (warm start continuation).",
    "lower_bound_traces": "lower_bound_traces[i] lists the lower bound returned after each "
    "EM iteration of the i-th init; a warm-start continuation has a single new list.",
    "fits": "fits holds one result per call of fit_predict(X); warm_start cases call it "
    "twice on the same X. labels_fit are fit_predict's labels (after the final E-step); "
    "score_samples, predict_proba, predict, score, bic, aic are evaluated on the training X "
    "after that call.",
    "max_iter_0": "a fit with max_iter=0 has converged false, n_iter 0 and lower_bound "
    "-Infinity (sklearn's lower_bound_ stays -inf).",
    "error": "error is null, or {type, message} of the exception fit raised; fits then "
    "holds the results of the calls before the failing one.",
    "floats": "floats are written with Python's repr (shortest round-trip string), so "
    "parsing them as IEEE doubles gives back the exact values; -inf is written -Infinity "
    "(read with Jackson's ALLOW_NON_NUMERIC_NUMBERS).",
    "threads": "the generator pins OMP/OpenBLAS/MKL to one thread before importing numpy.",
}


# ----------------------------------------------------------------------------
# Data sets
# ----------------------------------------------------------------------------

def two_gaussians():
    """Notebook 000: two 2-D Gaussians, one at (20, 20), one stretched by C."""
    rng = np.random.RandomState(1)
    g1 = rng.randn(500, 2) + np.array([20, 20])
    c = np.array([[1, -0.7], [3.5, 0.7]])
    g2 = np.dot(rng.randn(500, 2), c)
    return np.vstack([g1, g2])


def check_two_gaussians_matches_global_seed(x):
    """The notebook uses np.random.seed(1) and the global randn; confirm equality."""
    state = np.random.get_state()
    try:
        np.random.seed(1)
        g1 = np.random.randn(500, 2) + np.array([20, 20])
        g2 = np.dot(np.random.randn(500, 2), np.array([[1, -0.7], [3.5, 0.7]]))
    finally:
        np.random.set_state(state)
    if not np.array_equal(np.vstack([g1, g2]), x):
        raise AssertionError("RandomState(1) differs from np.random.seed(1)")


BLOB_CENTERS = [[0.2, 2.3], [-1.5, 2.3], [-2.8, 1.8], [-2.8, 2.8], [-2.8, 1.3]]
BLOB_STD = [0.4, 0.3, 0.1, 0.1, 0.1]


def blobs():
    """Notebook 001: the hands-on blobs."""
    x, _ = make_blobs(n_samples=2000, centers=np.array(BLOB_CENTERS),
                      cluster_std=np.array(BLOB_STD), random_state=7)
    return x


def blobs_stretched():
    """Notebook 001 In[47]: two sheared blobs plus a round one."""
    x1, _ = make_blobs(n_samples=1000, centers=((4, -4), (0, 0)), random_state=42)
    x1 = x1.dot(np.array([[0.374, 0.95], [0.732, 0.598]]))
    x2, _ = make_blobs(n_samples=250, centers=1, random_state=42)
    x2 = x2 + [6, -8]
    return np.r_[x1, x2]


def arm_lengths():
    """Notebook 002: 10 children's then 9 adults' arm lengths, one column."""
    adults = [24, 23.5, 25.5, 22.0, 25.5, 25.5, 24.0, 28.0, 24.5]
    children = [24.0, 23.0, 21.0, 15.5, 17.5, 17.5, 19.0, 17.0, 17.0, 27.0]
    return np.array(children + adults, dtype=np.float64).reshape(-1, 1)


def iris():
    """sklearn's bundled iris CSV, features only."""
    return load_iris().data.astype(np.float64)


def high_dim():
    """Four 30-dimensional blobs."""
    x, _ = make_blobs(n_samples=600, n_features=30, centers=4, random_state=3)
    return x


def collapsed():
    """300 blob rows plus 40 identical copies of (5, 5)."""
    return np.vstack([blobs()[:300], np.tile([5.0, 5.0], (40, 1))])


def columns(prefix, d):
    return [f"{prefix}{j + 1}" for j in range(d)]


IRIS_COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def dataset_specs():
    """name -> (X, column names, source description)."""
    x2 = two_gaussians()
    check_two_gaussians_matches_global_seed(x2)
    return {
        "two_gaussians": (x2, columns("x", 2),
                          "notebook 000: RandomState(1); randn(500,2)+[20,20] stacked on "
                          "randn(500,2)@[[1,-0.7],[3.5,0.7]] (same as np.random.seed(1))"),
        "blobs": (blobs(), columns("x", 2),
                  "notebook 001: make_blobs(n_samples=2000, centers=" + str(BLOB_CENTERS)
                  + ", cluster_std=" + str(BLOB_STD) + ", random_state=7)"),
        "blobs_stretched": (blobs_stretched(), columns("x", 2),
                            "notebook 001 In[47]: make_blobs(1000, centers=((4,-4),(0,0)), "
                            "random_state=42) @ [[0.374,0.95],[0.732,0.598]] then "
                            "make_blobs(250, centers=1, random_state=42) + [6,-8]"),
        "arm_lengths": (arm_lengths(), ["length"],
                        "notebook 002: 10 children's then 9 adults' arm lengths"),
        "iris": (iris(), IRIS_COLUMNS, "sklearn.datasets.load_iris() (bundled iris.csv)"),
        "high_dim": (high_dim(), columns("x", 30),
                     "make_blobs(n_samples=600, n_features=30, centers=4, random_state=3)"),
        "collapsed": (collapsed(), columns("x", 2),
                      "blobs rows 0..299 plus 40 identical copies of [5.0, 5.0]"),
    }


# ----------------------------------------------------------------------------
# Writing files
# ----------------------------------------------------------------------------

class Writer:
    """Writes files under OUT_DIR, printing one line each and counting bytes."""

    def __init__(self, root):
        self.root = root
        self.total_bytes = 0
        self.count = 0

    def write_text(self, relative, text):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.total_bytes += len(data)
        self.count += 1
        print(f"wrote {path.relative_to(REPO_ROOT)} ({len(data)} bytes)")

    def write_json(self, relative, obj, indent=None):
        separators = (",", ": ") if indent else (",", ":")
        text = json.dumps(obj, indent=indent, separators=separators,
                          allow_nan=True, default=to_json_value)
        self.write_text(relative, text + "\n")


def to_json_value(value):
    """json default= hook for numpy scalars and arrays."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value)}")


def csv_text(header, rows):
    lines = [",".join(header)]
    lines.extend(",".join(row) for row in rows)
    return "\n".join(lines) + "\n"


def float_rows(x):
    return [[repr(float(v)) for v in row] for row in x]


def iris_labeled_rows():
    bunch = load_iris()
    names = [str(n) for n in bunch.target_names]
    rows = float_rows(bunch.data)
    return [row + [names[int(t)]] for row, t in zip(rows, bunch.target)]


def clean_stale(directory, suffix, keep):
    """Remove generator-owned files that this run does not write."""
    if not directory.is_dir():
        return
    for path in sorted(directory.glob("*" + suffix)):
        if path.name not in keep:
            path.unlink()
            print(f"removed stale {path.relative_to(REPO_ROOT)}")


# ----------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------

def case(name, dataset, description, n_fits=1, expect_error=False, **params):
    full = dict(DEFAULTS)
    full.update(params)
    return {"name": name, "dataset": dataset, "description": description,
            "params": full, "n_fits": n_fits, "expect_error": expect_error}


def blobs_grid_cases():
    out = []
    for cov in COVARIANCE_TYPES:
        for init in INIT_PARAMS:
            out.append(case(f"blobs_{cov}_{init}", "blobs",
                            f"Hands-on blobs, K=5, {cov} covariance, {init} init.",
                            n_components=5, covariance_type=cov, init_params=init))
    return out


def seed_cases():
    out = [
        case("two_gaussians_full_kmeans", "two_gaussians",
             "Notebook 000's two-Gaussian example, K=2, full covariance, k-means init.",
             n_components=2),
        case("blobs_stretched_full_kmeans", "blobs_stretched",
             "Stretched blobs, K=3, full covariance, a single k-means init.",
             n_components=3),
        case("iris_full_kmeans_seed", "iris",
             "Notebook 001's iris call GaussianMixture(n_components=3, random_state=42).",
             n_components=3, random_state=42),
        case("arm_lengths_full_kmeans_seed", "arm_lengths",
             "Notebook 002's call GaussianMixture(n_components=2, max_iter=50, "
             "random_state=37) on the 1-D arm lengths.",
             n_components=2, max_iter=50, random_state=37),
    ]
    for cov in COVARIANCE_TYPES:
        out.append(case(f"blobs_stretched_{cov}_kmeans_ninit10", "blobs_stretched",
                        f"Notebook 001's stretched blobs, K=3, n_init=10, random_state=42, "
                        f"{cov} covariance.",
                        n_components=3, n_init=10, random_state=42, covariance_type=cov))
    return out


def loop_control_cases():
    return [
        case("two_gaussians_full_random_ninit4", "two_gaussians",
             "Two Gaussians, K=2, full covariance, random init, best of n_init=4.",
             n_components=2, init_params="random", n_init=4),
        case("two_gaussians_diag_random_ninit4", "two_gaussians",
             "Two Gaussians, K=2, diag covariance, random init, best of n_init=4.",
             n_components=2, covariance_type="diag", init_params="random", n_init=4),
        case("blobs_full_random_warm", "blobs",
             "Blobs, K=5, full, random init, warm_start with max_iter=3 and tol=1e-6, fitted "
             "twice: neither call converges, the second continues where the first stopped.",
             n_fits=2, n_components=5, init_params="random", max_iter=3, tol=1e-6,
             warm_start=True),
        case("blobs_tied_random_warm", "blobs",
             "Blobs, K=5, tied, random init, warm_start with max_iter=3, fitted twice: the "
             "second call converges at once against the stored lower bound.",
             n_fits=2, n_components=5, covariance_type="tied", init_params="random",
             max_iter=3, warm_start=True),
        case("blobs_full_random_maxiter0", "blobs",
             "Blobs, K=5, full, random init, max_iter=0: initialisation only.",
             n_components=5, init_params="random", max_iter=0),
        case("blobs_diag_random_maxiter0", "blobs",
             "Blobs, K=5, diag, random init, max_iter=0: initialisation only.",
             n_components=5, covariance_type="diag", init_params="random", max_iter=0),
        case("blobs_full_random_noconv", "blobs",
             "Blobs, K=5, full, random init, max_iter=2 and tol=1e-12: does not converge.",
             n_components=5, init_params="random", max_iter=2, tol=1e-12),
    ]


USER_PRECISIONS = {
    "full": [[[1.1, 0.05], [0.05, 0.9]], [[0.1, -0.18], [-0.18, 1.3]]],
    "tied": [[0.5, -0.1], [-0.1, 1.2]],
    "diag": [[1.0, 1.0], [0.08, 1.1]],
    "spherical": [1.0, 0.2],
}


def user_init_cases():
    out = []
    for cov in COVARIANCE_TYPES:
        out.append(case(f"two_gaussians_{cov}_userinit", "two_gaussians",
                        f"Two Gaussians, K=2, {cov} covariance, user weights, means and "
                        f"precisions overriding a random init.",
                        n_components=2, covariance_type=cov, init_params="random",
                        weights_init=[0.4, 0.6],
                        means_init=[[19.9, 20.1], [0.1, -0.1]],
                        precisions_init=USER_PRECISIONS[cov]))
    return out


def edge_cases():
    out = [
        case("high_dim_full_kmeans", "high_dim",
             "Four 30-D blobs, K=4, full covariance, k-means init.", n_components=4),
        case("high_dim_diag_kmeans", "high_dim",
             "Four 30-D blobs, K=4, diag covariance, k-means init.",
             n_components=4, covariance_type="diag"),
        case("collapsed_full_kmeans", "collapsed",
             "Blobs plus 40 identical points, K=6, full: one component collapses on the "
             "copies and only reg_covar keeps its covariance positive definite.",
             n_components=6),
        case("collapsed_full_noreg", "collapsed",
             "As collapsed_full_kmeans but reg_covar=0: the collapsed component's covariance "
             "is exactly zero and fit raises ValueError.",
             expect_error=True, n_components=6, reg_covar=0.0),
    ]
    for cov in COVARIANCE_TYPES:
        out.append(case(f"arm_lengths_{cov}_random", "arm_lengths",
                        f"1-D arm lengths, K=2, {cov} covariance, random init.",
                        n_components=2, covariance_type=cov, init_params="random"))
    return out


def all_cases():
    return (blobs_grid_cases() + seed_cases() + loop_control_cases()
            + user_init_cases() + edge_cases())


# ----------------------------------------------------------------------------
# Fitting and recording
# ----------------------------------------------------------------------------

class RecordingGaussianMixture(GaussianMixture):
    """GaussianMixture that records initial responsibilities and lower bounds.

    Every override calls super, so the fit is exactly sklearn's.
    """

    def start_call(self, continuing):
        self.recorded_resps = []
        self.recorded_traces = [[]] if continuing else []

    def _initialize(self, X, resp):
        self.recorded_resps.append(np.array(resp, dtype=np.float64, copy=True))
        self.recorded_traces.append([])
        super()._initialize(X, resp)

    def _compute_lower_bound(self, log_resp, log_prob_norm):
        value = super()._compute_lower_bound(log_resp, log_prob_norm)
        self.recorded_traces[-1].append(float(value))
        return value


def make_model(params):
    kwargs = dict(params)
    for key in USER_INIT_KEYS:
        if key in kwargs:
            kwargs[key] = np.array(kwargs[key], dtype=np.float64)
    return RecordingGaussianMixture(**kwargs)


def fit_once(model, x):
    """One fit_predict call; returns (labels, warning messages)."""
    continuing = model.warm_start and hasattr(model, "converged_")
    model.start_call(continuing)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        labels = model.fit_predict(x)
    return labels, caught


def result_of(model, x, labels):
    return {
        "init_resps": [r.tolist() for r in model.recorded_resps],
        "lower_bound_traces": [list(t) for t in model.recorded_traces],
        "weights": model.weights_.tolist(),
        "means": model.means_.tolist(),
        "covariances": model.covariances_.tolist(),
        "precisions": model.precisions_.tolist(),
        "precisions_cholesky": model.precisions_cholesky_.tolist(),
        "converged": bool(model.converged_),
        "n_iter": int(model.n_iter_),
        "lower_bound": float(model.lower_bound_),
        "labels_fit": labels.tolist(),
        "score_samples": model.score_samples(x).tolist(),
        "predict_proba": model.predict_proba(x).tolist(),
        "predict": model.predict(x).tolist(),
        "score": float(model.score(x)),
        "bic": float(model.bic(x)),
        "aic": float(model.aic(x)),
    }


def describe_warnings(caught):
    kinds = []
    for w in caught:
        if not issubclass(w.category, ConvergenceWarning):
            raise AssertionError(f"unexpected warning {w.category.__name__}: {w.message}")
        kinds.append(w.category.__name__)
    return kinds


def run_case(spec, x):
    """Fit the case; returns (fits, error, notes)."""
    model = make_model(spec["params"])
    fits, notes = [], []
    for _ in range(spec["n_fits"]):
        try:
            labels, caught = fit_once(model, x)
        except ValueError as exc:
            if not spec["expect_error"]:
                raise
            return fits, {"type": type(exc).__name__, "message": str(exc)}, notes
        notes.extend(describe_warnings(caught))
        fits.append(result_of(model, x, labels))
    if spec["expect_error"]:
        raise AssertionError(f"{spec['name']}: expected ValueError, fit succeeded")
    return fits, None, notes


def check_result(name, params, res):
    """Sanity checks on one recorded result; raises on anything odd."""
    k = params["n_components"]
    if abs(sum(res["weights"]) - 1.0) > 1e-9:
        raise AssertionError(f"{name}: weights sum {sum(res['weights'])}")
    if res["labels_fit"] != res["predict"]:
        raise AssertionError(f"{name}: fit_predict labels differ from predict")
    if any(len(r[0]) != k for r in res["init_resps"]):
        raise AssertionError(f"{name}: init_resps width != K")
    if params["max_iter"] == 0:
        ok = (not res["converged"] and res["n_iter"] == 0
              and res["lower_bound"] == float("-inf"))
        if not ok:
            raise AssertionError(f"{name}: max_iter=0 result not as documented")
    elif not res["converged"] and res["n_iter"] != params["max_iter"]:
        raise AssertionError(f"{name}: not converged but n_iter < max_iter")
    elif len(res["lower_bound_traces"]) == 1:
        check_single_trace(name, res)


def check_single_trace(name, res):
    """With one init, the trace has n_iter entries and ends at lower_bound."""
    trace = res["lower_bound_traces"][0]
    if len(trace) != res["n_iter"] or trace[-1] != res["lower_bound"]:
        raise AssertionError(f"{name}: trace does not match n_iter/lower_bound")


def case_document(spec, fits, error):
    return {"name": spec["name"], "dataset": spec["dataset"],
            "description": spec["description"], "params": spec["params"],
            "fits": fits, "error": error}


def summary_line(spec, fits, error, notes):
    if error is not None:
        return f"  {spec['name']}: {error['type']}: {error['message']}"
    parts = [f"n_iter={f['n_iter']} converged={f['converged']} "
             f"lower_bound={f['lower_bound']!r}" for f in fits]
    warn = f" [{len(notes)} ConvergenceWarning]" if notes else ""
    return f"  {spec['name']}: " + " | ".join(parts) + warn


# ----------------------------------------------------------------------------
# Optional random-stream fixture
# ----------------------------------------------------------------------------

def write_module_fixture(writer, module_name, function_name, file_name):
    """Writes file_name from function_name() of the generator module module_name."""
    spec = importlib.util.spec_from_file_location(
        module_name, GENERATOR_DIR / f"{module_name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    writer.write_json(file_name, getattr(module, function_name)())


def write_numpy_references(writer):
    write_module_fixture(writer, "random_streams", "random_stream_fixture",
                         "random_streams.json")
    write_module_fixture(writer, "numpy_reductions", "numpy_reduction_fixture",
                         "numpy_reductions.json")
    write_module_fixture(writer, "metrics_reference", "metrics_fixture",
                         "metrics.json")
    return True


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------

def write_datasets(writer, datasets):
    entries = []
    for name, (x, cols, source) in datasets.items():
        writer.write_text(f"data/{name}.csv", csv_text(cols, float_rows(x)))
        entries.append({"name": name, "file": f"data/{name}.csv",
                        "n_samples": int(x.shape[0]), "n_features": int(x.shape[1]),
                        "columns": cols, "source": source})
    writer.write_text("data/iris_labeled.csv",
                      csv_text(IRIS_COLUMNS + ["species"], iris_labeled_rows()))
    entries.append({"name": "iris_labeled", "file": "data/iris_labeled.csv",
                    "n_samples": 150, "n_features": 4,
                    "columns": IRIS_COLUMNS + ["species"],
                    "source": "sklearn.datasets.load_iris() with target_names",
                    "note": "not used by any case: iris's four features plus a species "
                            "string column (setosa/versicolor/virginica), for the "
                            "command-line examples"})
    return entries


def write_cases(writer, datasets, specs):
    lines = []
    for spec in specs:
        x = datasets[spec["dataset"]][0]
        fits, error, notes = run_case(spec, x)
        for res in fits:
            check_result(spec["name"], spec["params"], res)
        writer.write_json(f"cases/{spec['name']}.json", case_document(spec, fits, error))
        lines.append(summary_line(spec, fits, error, notes))
    return lines


def meta_document(dataset_entries, specs):
    return {
        "generator": GENERATOR,
        "python_version": platform.python_version(),
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "conventions": CONVENTIONS,
        "datasets": dataset_entries,
        "cases": [s["name"] for s in specs],
    }


def main():
    writer = Writer(OUT_DIR)
    datasets = dataset_specs()
    specs = all_cases()
    names = [s["name"] for s in specs]
    if len(set(names)) != len(names):
        raise AssertionError("duplicate case names")
    clean_stale(OUT_DIR / "cases", ".json", {n + ".json" for n in names})
    clean_stale(OUT_DIR / "data", ".csv",
                {n + ".csv" for n in datasets} | {"iris_labeled.csv"})
    entries = write_datasets(writer, datasets)
    lines = write_cases(writer, datasets, specs)
    writer.write_json("meta.json", meta_document(entries, specs), indent=2)
    write_numpy_references(writer)
    print("cases:")
    print("\n".join(lines))
    print(f"summary: {len(specs)} cases, {len(datasets) + 1} data files "
          f"({len(datasets)} data sets + iris_labeled), {writer.count} files, "
          f"{writer.total_bytes} bytes total")


if __name__ == "__main__":
    main()
