"""scikit-learn's GaussianMixture from a given start for a fixed number of iterations: the answer the
peers comparison holds every JVM implementation to.

Run by org.gmmharness.bench.peers.SklearnSameStart as
``/usr/bin/python3 sklearn_same_start.py <request folder> <reg_covar> [<reg_covar> ...]`` on the
request folder the peer drivers read (org.gmmharness.peers.protocol.PeerRequest):
request.properties (n, d, k, covariance_type, iterations), x.f64 (N*D little-endian float64,
row-major) and start.f64 (K weights, K*D means, K*D*D covariances, the same layout).

For each reg_covar it fits GaussianMixture(K, covariance_type, weights_init, means_init,
precisions_init = the start's inverse covariances (diag: inverse variances), max_iter = iterations,
tol = 0, reg_covar) -- tol 0 so that exactly max_iter iterations run -- and answers on stdout with
one JSON object: {"sklearn_version":.., "fits":[{"reg_covar":r, "n_iter":i, "score":s,
"weights":[..], "means":[[..]], "covariances":[[[..]]]}]}, covariances always as full D*D
matrices (diagonal ones with zeros off the diagonal); score is GaussianMixture.score(X), the mean
log-likelihood per sample.
"""

import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture


def read_properties(path):
    props = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#!":
                continue
            key, _, value = line.partition("=")
            props[key.strip()] = value.strip()
    return props


def main(argv):
    if len(argv) < 3:
        print("usage: sklearn_same_start.py <request folder> <reg_covar> [<reg_covar> ...]", file=sys.stderr)
        return 2
    folder = argv[1]
    props = read_properties(folder + "/request.properties")
    n, d, k = int(props["n"]), int(props["d"]), int(props["k"])
    cov_type = props["covariance_type"]
    iterations = int(props["iterations"])
    x = np.fromfile(folder + "/x.f64", dtype="<f8")
    if x.size != n * d:
        raise ValueError("x.f64 holds %d values, expected %d" % (x.size, n * d))
    x = np.ascontiguousarray(x.reshape(n, d), dtype=np.float64)
    start = np.fromfile(folder + "/start.f64", dtype="<f8")
    weights = start[:k]
    means = start[k:k + k * d].reshape(k, d)
    covs = start[k + k * d:].reshape(k, d, d)
    if cov_type == "full":
        precisions = np.linalg.inv(covs)
    elif cov_type == "diag":
        precisions = 1.0 / np.array([np.diag(c) for c in covs])
    else:
        raise ValueError("covariance type must be full or diag, got " + cov_type)

    fits = []
    for reg in argv[2:]:
        gm = GaussianMixture(n_components=k, covariance_type=cov_type, weights_init=weights,
                             means_init=means, precisions_init=precisions, max_iter=iterations, tol=0.0,
                             reg_covar=float(reg))
        # A fixed number of iterations never "converges"; the warning says so and is expected.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=ConvergenceWarning)
            gm.fit(x)
        cov = gm.covariances_ if cov_type == "full" else np.array([np.diag(v) for v in gm.covariances_])
        fits.append({
            "reg_covar": float(reg),
            "n_iter": int(gm.n_iter_),
            "score": float(gm.score(x)),
            "weights": gm.weights_.tolist(),
            "means": gm.means_.tolist(),
            "covariances": cov.tolist(),
        })
    json.dump({"sklearn_version": sklearn.__version__, "fits": fits}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
