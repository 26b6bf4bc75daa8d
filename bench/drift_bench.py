#!/usr/bin/env python3
"""numpy + scipy side of bench/DriftBenchmark.java: the same drift (docs/drift.md) from the same two CSV files.

    python3 bench/drift_bench.py e2e REF.csv CUR.csv      load both files with numpy, compute, print the results (JSON);
                                                          timed from outside as a whole process, as a user runs it
    python3 bench/drift_bench.py worker REF.csv CUR.csv   load both files once, then answer on stdin, one JSON line each:
                                                          "compute" (every feature, samples in memory, timed inside),
                                                          "sort" (np.sort of 10^6 doubles), "quit"

The work per feature is what the engine does: drop NaN and +-inf, edges = numpy.quantile of the reference at k/10
(type 7) with duplicates collapsed, counts by searchsorted(side="left") + bincount, shares with 1e-4 for an empty bin,
PSI = sum (cur - ref) ln(cur / ref), and scipy.stats.ks_2samp(method="auto") for D and p.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy import stats

EPS = 1e-4
BINS = 10


def load(path):
    with open(path, encoding="utf-8") as f:
        names = f.readline().strip().split(",")
    # numpy's own CSV reader (C since numpy 1.23); ndmin=2 keeps a one-column file two-dimensional
    return names, np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2, dtype=np.float64)


def drift(reference, current, bins=BINS):
    reference = reference[np.isfinite(reference)]
    current = current[np.isfinite(current)]
    edges = np.unique(np.quantile(reference, np.arange(1, bins) / bins))
    ref_counts = np.bincount(np.searchsorted(edges, reference, side="left"), minlength=len(edges) + 1)
    cur_counts = np.bincount(np.searchsorted(edges, current, side="left"), minlength=len(edges) + 1)
    ref = ref_counts / len(reference)
    cur = cur_counts / len(current)
    ref = np.where(ref == 0, EPS, ref)
    cur = np.where(cur == 0, EPS, cur)
    psi = float(np.sum((cur - ref) * np.log(cur / ref)))
    ks = stats.ks_2samp(reference, current, method="auto")
    return {"psi": psi, "ks_statistic": float(ks.statistic), "ks_pvalue": float(ks.pvalue)}


def compute(names, reference, current):
    return [dict(feature=name, **drift(reference[:, c], current[:, c])) for c, name in enumerate(names)]


def main():
    mode, ref_path, cur_path = sys.argv[1:4]
    names, reference = load(ref_path)
    _, current = load(cur_path)
    if mode == "e2e":
        json.dump({"features": compute(names, reference, current)}, sys.stdout)
        return
    print(json.dumps({"numpy": np.__version__, "scipy": scipy.__version__}), flush=True)
    for command in sys.stdin:
        command = command.strip()
        if command == "compute":
            start = time.perf_counter()
            results = compute(names, reference, current)
            print(json.dumps({"seconds": time.perf_counter() - start, "features": results}), flush=True)
        elif command == "sort":
            sample = np.ascontiguousarray(reference[:, 0])
            times = []
            for _ in range(7):
                copy = sample.copy()
                start = time.perf_counter()
                copy.sort()
                times.append(time.perf_counter() - start)
            print(json.dumps({"seconds": sorted(times)[len(times) // 2]}), flush=True)
        elif command == "quit":
            return


if __name__ == "__main__":
    main()
