#!/usr/bin/python3
"""Writes the .npy fixtures that NpyFileTest reads, with numpy.save, and a meta file.

Run with Debian's numpy (apt-get install -y python3-numpy):

    /usr/bin/python3 bench/io/generator/npy_fixtures.py bench/io/src/test/resources/npy

The tests need no Python: they read the files this script wrote, and never edit them by hand. Every
array is a function of its row i and column j, x[i, j] = i + j / 8 (+ 0.25 for the floats), so a
test can check any element without a copy of the data.
"""
import json
import os
import sys

import numpy as np


def grid(n, d, dtype):
    i, j = np.meshgrid(np.arange(n), np.arange(d), indexing="ij")
    x = i + j / 8.0
    if np.dtype(dtype).kind == "f":
        x = x + 0.25
    else:
        x = i * 10 + j
    return x.astype(dtype)


def main(out):
    os.makedirs(out, exist_ok=True)
    files = {}

    def save(name, array, what):
        np.save(os.path.join(out, name), array)
        files[name] = {"what": what, "dtype": array.dtype.str, "shape": list(array.shape),
                       "fortran_order": bool(array.flags.f_contiguous and not array.flags.c_contiguous)}

    save("f8_c.npy", grid(5, 3, "<f8"), "float64, C order")
    save("f8_fortran.npy", np.asfortranarray(grid(5, 3, "<f8")), "float64, Fortran order")
    save("f8_big_endian.npy", grid(5, 3, ">f8"), "float64, big-endian")
    save("f4_c.npy", grid(5, 3, "<f4"), "float32")
    save("i8_c.npy", grid(5, 3, "<i8"), "int64, x[i, j] = 10 i + j")
    save("i4_fortran.npy", np.asfortranarray(grid(5, 3, "<i4")), "int32, Fortran order, x[i, j] = 10 i + j")
    save("f8_1d.npy", grid(5, 1, "<f8").ravel(), "float64, shape (N,)")
    save("f8_3d.npy", np.zeros((2, 3, 4)), "3-D: refused")
    save("object.npy", np.array([[1, "a"], [2, "b"]], dtype=object), "object array: refused")
    save("structured.npy", np.zeros(3, dtype=[("x", "<f8"), ("y", "<f8")]), "structured: refused")
    save("text.npy", np.array(["a", "bc"]), "unicode text: refused")

    meta = {
        "generator": "/usr/bin/python3 bench/io/generator/npy_fixtures.py bench/io/src/test/resources/npy",
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "values": "x[i, j] = i + j / 8 + 0.25 for floats, 10 i + j for integers",
        "files": files,
    }
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/io/src/test/resources/npy")
