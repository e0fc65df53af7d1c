"""Reference values of scikit-learn's clustering metrics, for the metrics core implements.

Run by generate_fixtures.py; numpy and scikit-learn only. Small label arrays are written out
in full; the large case is written as its size, and the Java test builds its labels by the
rule given in the fixture.
"""
import numpy as np
from sklearn.metrics import adjusted_rand_score


def _ari_case(name, true, pred):
    true = [int(v) for v in true]
    pred = [int(v) for v in pred]
    return {"name": name, "labels_true": true, "labels_pred": pred,
            "adjusted_rand_score": float(adjusted_rand_score(true, pred))}


def metrics_fixture() -> dict:
    rs = np.random.RandomState(0)
    t = rs.randint(0, 3, 50)
    p = rs.randint(-2, 2, 50)
    n = 200_000
    # Pair counts reach 4e10 and their products 1e21, past a 64-bit integer.
    alternating = [i % 2 for i in range(n)]
    halves = [0 if i < n // 2 else 1 for i in range(n)]
    return {
        "description": "scikit-learn's adjusted_rand_score(labels_true, labels_pred) on fixed labels",
        "generator": "verify/generator/metrics_reference.py",
        "adjusted_rand_score": [
            _ari_case("random labels, RandomState(0): randint(0, 3, 50) and randint(-2, 2, 50)", t, p),
        ],
        "adjusted_rand_score_alternating_against_halves": {
            "n": n,
            "rule": "labels_true[i] = i % 2; labels_pred[i] = 0 if i < n // 2 else 1",
            "adjusted_rand_score": float(adjusted_rand_score(alternating, halves)),
        },
    }
