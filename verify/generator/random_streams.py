"""Reference draws from numpy's legacy ``numpy.random.RandomState`` (MT19937).

Used by generate_fixtures.py, which writes the value of random_stream_fixture() to
verify/src/test/resources/fixtures/random_streams.json; RandomStateParityTest checks
org.gmmharness.random.RandomState against it bit for bit. Standalone use:

    /usr/bin/python3 verify/generator/random_streams.py verify/src/test/resources/fixtures/random_streams.json

Needs numpy only (Debian's numpy 1.24.2 under /usr/bin/python3). The output is
deterministic. Every stream of a seed starts from a fresh RandomState(seed), except
"interleaved", which is one RandomState used by a fixed sequence of calls. Floats are
Python floats, which json writes with repr (shortest round-trip, so exact); integers
are Python ints.

Raw 32-bit outputs come from MT19937.random_raw() on a bit generator seeded with
MT19937._legacy_seeding(seed), which is exactly what RandomState(seed) builds
(RandomState.__init__ calls _MT19937() then _legacy_seeding(seed)); for MT19937,
random_raw returns mt19937_next, the tempered 32-bit output itself. RandomState.tomaxint
is not raw (it is a 64-bit output shifted right by one), so it is not used.

The Gaussian and multinomial draws call the C library's log/exp; see the javadoc of
RandomState for which libm this has to be.
"""

import json
import sys

import numpy as np

SEEDS = (0, 1, 42, 5489, 2**31 - 1, 2**32 - 1)
RANDINT_HIGHS = (1, 2, 7, 1000, 2**31 + 5, 2**32, 2**32 + 1, 2**40, 2**62 + 12345)
RANDINT_LOW_HIGH = ((-5, 5), (10, 11), (-2**62, 2**62), (-2**63, 2**63 - 1))
CHOICES = ((150, 3), (5, 5), (1000, 10), (1, 1), (7, 0))
MULTINOMIALS = (
    (1000, (0.2, 0.3, 0.5), 3),          # BTPE, then BTPE on the remainder
    (20, (0.1, 0.2, 0.7), 3),            # inversion (p * n <= 30)
    (50, (0.9, 0.1), 3),                 # p > 0.5: n - inversion(n, 1 - p)
    (10000, (0.6, 0.4), 3),              # p > 0.5: n - BTPE(n, 1 - p)
    (0, (0.5, 0.5), 1),                  # n == 0: no draws
    (100, (0.0, 0.25, 0.75), 2),         # p == 0: no draw for that category
    (500, (0.25, 0.25, 0.25, 0.25), 2),  # the remainder shrinks, p rises to 1
    (1000000, (0.001, 0.5, 0.499), 2),   # large n, BTPE with large k (Step52)
    (100, (1.0, 0.0), 1),                # p == 1: n - inversion(n, 0)
)


def _floats(values):
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def _ints(values):
    return [int(v) for v in np.asarray(values).ravel()]


def _matrix(values):
    return [_floats(row) for row in np.asarray(values, dtype=np.float64)]


def _raw_uint32(seed, count):
    bitgen = np.random.MT19937()
    bitgen._legacy_seeding(seed)
    return _ints(bitgen.random_raw(count))


def _seed_streams(seed):
    rs = np.random.RandomState
    state = rs(seed).get_state()
    out = {
        "seed": seed,
        "state_key_head": _ints(state[1][:8]),
        "state_key_tail": _ints(state[1][-4:]),
        "state_pos": int(state[2]),
        "raw_uint32": _raw_uint32(seed, 20),
        "raw_uint32_from_700": _raw_uint32(seed, 720)[700:],
        "random_sample": _floats(rs(seed).random_sample(20)),
        "uniform_5x3": _matrix(rs(seed).uniform(size=(5, 3))),
        "uniform_low_high": {"low": -2.5, "high": 7.25, "rows": 4, "cols": 2,
                             "values": _matrix(rs(seed).uniform(-2.5, 7.25, size=(4, 2)))},
        "randint": [{"high": high, "values": _ints(rs(seed).randint(high, size=20))}
                    for high in RANDINT_HIGHS],
        "randint_low_high": [{"low": low, "high": high,
                              "values": _ints(rs(seed).randint(low, high, size=10))}
                             for low, high in RANDINT_LOW_HIGH],
        "permutation_10": _ints(rs(seed).permutation(10)),
        "permutation_1000_head20": _ints(rs(seed).permutation(1000)[:20]),
        "permutation_1000_after_head20": _ints(_after(seed, lambda r: r.permutation(1000), 20)),
        "choice_without_replacement": [
            {"n": n, "size": size, "values": _ints(rs(seed).choice(n, size, replace=False))}
            for n, size in CHOICES],
        "standard_normal": _floats(rs(seed).standard_normal(20)),
        "standard_normal_3x4": _matrix(rs(seed).standard_normal(size=(3, 4))),
        "multinomial": [
            {"n": n, "pvals": list(pvals), "size": size,
             "values": [_ints(row) for row in rs(seed).multinomial(n, list(pvals), size=size)]}
            for n, pvals, size in MULTINOMIALS],
        "interleaved": _interleaved(seed),
    }
    return out


def _after(seed, first_call, count):
    """The first `count` raw outputs after first_call(RandomState(seed))."""
    r = np.random.RandomState(seed)
    first_call(r)
    return r._bit_generator.random_raw(count)


def _interleaved(seed):
    """One RandomState through a fixed mix of calls: shared stream and gaussian cache."""
    r = np.random.RandomState(seed)
    calls = []

    def record(op, args, value):
        calls.append({"op": op, "args": args, "value": value})

    record("standardNormal", [], float(r.standard_normal()))  # caches its pair
    record("randomSample", [], float(r.random_sample()))
    record("standardNormal", [], float(r.standard_normal()))  # the cached value
    record("randint", [10], int(r.randint(10)))
    record("standardNormal", [], float(r.standard_normal()))
    record("multinomial", [200, [0.3, 0.7]], _ints(r.multinomial(200, [0.3, 0.7])))
    record("standardNormal", [], float(r.standard_normal()))  # cache survives other calls
    record("permutation", [6], _ints(r.permutation(6)))
    record("uniform", [1.0, 3.0, 2, 2], _matrix(r.uniform(1.0, 3.0, size=(2, 2))))
    record("choiceWithoutReplacement", [20, 4], _ints(r.choice(20, 4, replace=False)))
    record("randint", [2**40], int(r.randint(2**40)))
    record("standardNormal", [], float(r.standard_normal()))
    record("randomSample", [], float(r.random_sample()))
    return calls


def _long_gaussian_check(seed, count):
    """Many gaussians: exact digests of a long stream, its last values and extrema.

    bits_sum and bits_xor are the wrapping int64 sum and the xor of the IEEE-754 bit
    patterns of all draws, so a difference in the last bit of any draw shows.
    """
    z = np.random.RandomState(seed).standard_normal(count)
    bits = z.view(np.int64)
    return {"seed": seed, "count": count, "last10": _floats(z[-10:]),
            "min": float(z.min()), "max": float(z.max()),
            "bits_sum": int(np.sum(bits, dtype=np.int64)),
            "bits_xor": int(np.bitwise_xor.reduce(bits))}


def _long_multinomial_check(seed, n, pvals, size):
    m = np.random.RandomState(seed).multinomial(n, list(pvals), size=size)
    return {"seed": seed, "n": n, "pvals": list(pvals), "size": size,
            "column_sums": _ints(m.sum(axis=0)), "last_row": _ints(m[-1]),
            "after_raw": _ints(_after(seed, lambda r: r.multinomial(n, list(pvals), size=size), 4))}


def random_stream_fixture() -> dict:
    """Reference draws from numpy.random.RandomState, JSON-serialisable."""
    return {
        "description": "Reference draws from numpy's legacy numpy.random.RandomState "
                       "(MT19937). Each per-seed stream starts from a fresh "
                       "RandomState(seed); 'interleaved' is one RandomState through the "
                       "listed calls. randint entries are randint(high, size=N) / "
                       "randint(low, high, size=N) with the default int64 dtype; "
                       "multinomial entries are multinomial(n, pvals, size=size).",
        "generator": "verify/generator/random_streams.py",
        "numpy_version": np.__version__,
        "seeds": [_seed_streams(seed) for seed in SEEDS],
        "long_gaussian": [_long_gaussian_check(seed, 200000) for seed in (0, 42)],
        "long_multinomial": [
            _long_multinomial_check(0, 1000, (0.2, 0.3, 0.5), 2000),
            _long_multinomial_check(7, 25, (0.05, 0.15, 0.3, 0.5), 2000),
            _long_multinomial_check(11, 300, (0.02, 0.08, 0.9), 2000),
            # n beyond int: numpy's multinomial takes a 64-bit n.
            _long_multinomial_check(0, 3_000_000_000, (0.2, 0.3, 0.5), 1),
            _long_multinomial_check(5, 1 << 62, (0.25, 0.25, 0.5), 1),
            _long_multinomial_check(9, (1 << 63) - 1, (0.5, 0.5), 1),
        ],
    }


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} OUTPUT.json", file=sys.stderr)
        return 2
    text = json.dumps(random_stream_fixture(), separators=(",", ":"), allow_nan=False)
    with open(argv[1], "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"wrote {argv[1]} ({len(text) + 1} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
