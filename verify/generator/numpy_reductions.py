"""Reference sums from numpy, for checking that Java reproduces numpy's summation order.

numpy sums contiguous float64 data in buffers of 8192 values, each summed pairwise
(8-way unrolled below 128 values); column sums of a C-ordered matrix run row by row.
scipy's logsumexp is log(sum(exp(a - max))) + max. The inputs span 40 binary orders
of magnitude so that different orders of addition give different bits.
Run by generate_fixtures.py; numpy and scipy only.
"""
import numpy as np
from scipy.special import logsumexp

PREFIX_LENGTHS = [1, 7, 8, 9, 127, 128, 129, 1000, 8192, 8193, 20000]
BLOCK_WIDTHS = [20, 150]


def inputs():
    rs = np.random.RandomState(2024)
    return rs.standard_normal(20000) * np.exp2(rs.randint(-20, 21, size=20000))


def numpy_reduction_fixture():
    a = inputs()
    c = a[:1200].reshape(4, 300)
    block_sums = {}
    for width in BLOCK_WIDTHS:
        blocks = [np.sum(np.square(np.ascontiguousarray(c[:, k * width:(k + 1) * width])), axis=1)
                  for k in range(300 // width)]
        block_sums[str(width)] = np.stack(blocks, axis=1).tolist()
    lse_input = (np.random.RandomState(7).standard_normal((5, 40)) * 300.0)
    return {
        "description": "numpy 1.24 / scipy 1.10 reductions of fixed inputs, for bit-for-bit checks",
        "values": a.tolist(),
        "prefix_sums": {str(n): float(np.sum(a[:n])) for n in PREFIX_LENGTHS},
        "column_sums_2000x10": a.reshape(2000, 10).sum(axis=0).tolist(),
        "block_matrix_4x300": "the first 1200 values as a C-ordered 4x300 matrix",
        "block_row_sums_of_squares": block_sums,
        "logsumexp_input_5x40": lse_input.tolist(),
        "logsumexp_rows": logsumexp(lse_input, axis=1).tolist(),
    }
