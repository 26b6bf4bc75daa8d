#!/usr/bin/env python3
"""numpy + scipy side of bench/DriftBenchmark.java: the same 20 features (regenerated bit for bit from the same
SplitMix64 specs), the same definitions (docs/drift.md), timed cold and warm. Prints one JSON object on stdout.

    python3 bench/drift_bench.py '<json list of feature specs>' <repeats>
"""
import json
import os
import sys
import time

import numpy as np
import scipy
from scipy import stats

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden"))
from make_drift_golden import synthetic  # noqa: E402  (the generator the Java side reproduces)

EPS = 1e-4


def edges_of(reference, bins):
    return np.unique(np.quantile(reference, np.arange(1, bins) / bins))


def psi_with(edges, ref_counts, n_ref, current):
    cur_counts = np.bincount(np.searchsorted(edges, current, side="left"), minlength=len(edges) + 1)
    ref = ref_counts / n_ref
    cur = cur_counts / len(current)
    ref = np.where(ref == 0, EPS, ref)
    cur = np.where(cur == 0, EPS, cur)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def cold(reference, current, bins):
    reference = reference[np.isfinite(reference)]
    current = current[np.isfinite(current)]
    edges = edges_of(reference, bins)
    ref_counts = np.bincount(np.searchsorted(edges, reference, side="left"), minlength=len(edges) + 1)
    psi = psi_with(edges, ref_counts, len(reference), current)
    ks = stats.ks_2samp(reference, current, method="auto")
    return psi, float(ks.statistic), float(ks.pvalue)


def main():
    specs = json.loads(sys.argv[1])
    repeats = int(sys.argv[2])
    bins = 10
    data = [(synthetic(**s["reference"]), synthetic(**s["current"])) for s in specs]
    results = [cold(r, c, bins) for r, c in data]  # also warms caches and imports
    cold_times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for r, c in data:
            cold(r, c, bins)
        cold_times.append(time.perf_counter() - start)
    # warm: each reference already sorted and binned (what numpy allows caching); ks_2samp still sorts internally
    prepared = []
    for r, _ in data:
        s = np.sort(r)
        e = edges_of(s, bins)
        prepared.append((s, e, np.bincount(np.searchsorted(e, s, side="left"), minlength=len(e) + 1)))
    warm_times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for (s, e, counts), (_, c) in zip(prepared, data):
            psi_with(e, counts, len(s), c)
            stats.ks_2samp(s, c, method="auto")
        warm_times.append(time.perf_counter() - start)
    json.dump({"numpy": np.__version__, "scipy": scipy.__version__, "cold_seconds": cold_times, "warm_seconds": warm_times,
               "results": [{"psi": p, "ks_statistic": d, "ks_pvalue": pv} for p, d, pv in results]}, sys.stdout)


if __name__ == "__main__":
    main()
