#!/usr/bin/env python3
"""Generates drift_golden.json: samples and the PSI, KS D and p-value numpy + scipy compute for them.

Run once (python3 with numpy and scipy) from this folder; the Java tests only read the JSON and never need Python:

    python3 make_drift_golden.py > drift_golden.json

Definitions are those of docs/drift.md: PSI on the reference's deciles (numpy.quantile, method "linear" = Hyndman-Fan
type 7), duplicate edges collapsed, a value v in bin i when e(i-1) < v <= e(i) (searchsorted side="left"), shares
count / n with 0 replaced by 1e-4, no renormalisation; KS = scipy.stats.ks_2samp(method="auto"). NaN and +-inf are
dropped first.

Large samples are not stored: "synthetic" cases name a generator (SplitMix64 uniforms and +,-,*,/,floor only) that
com.modelsteward.drift.SyntheticSamples reproduces bit for bit.
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats

EPS = 1e-4
MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def splitmix_uniforms(seed, ks):
    """The k-th uniform of SplitMix64 for each k in ks (uint64), as SyntheticSamples.uniform."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed & 0xFFFFFFFFFFFFFFFF) + np.uint64(0x9E3779B97F4A7C15) * ks
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def synthetic(kind, seed, n, scale, shift, quantum):
    k = np.arange(n, dtype=np.uint64) * np.uint64(4)
    u = [splitmix_uniforms(seed, k + np.uint64(j)) for j in (1, 2, 3, 4)]
    if kind == "bell":
        base = ((u[0] + u[1]) + (u[2] + u[3])) - 2.0
    elif kind == "heavy":
        base = (u[0] - 0.5) / (u[1] + 0.001)
    elif kind == "int":
        base = np.floor(u[0] * 10.0)
    else:
        raise ValueError(kind)
    value = base * scale + shift
    return np.floor(value * quantum) / quantum if quantum > 0 else value


def psi(reference, current, bins=10):
    edges = np.unique(np.quantile(reference, np.arange(1, bins) / bins))
    ref_counts = np.bincount(np.searchsorted(edges, reference, side="left"), minlength=len(edges) + 1)
    cur_counts = np.bincount(np.searchsorted(edges, current, side="left"), minlength=len(edges) + 1)
    ref = ref_counts / len(reference)
    cur = cur_counts / len(current)
    ref = np.where(ref == 0, EPS, ref)
    cur = np.where(cur == 0, EPS, cur)
    return float(np.sum((cur - ref) * np.log(cur / ref))), edges


def expected(reference, current, bins=10):
    reference = reference[np.isfinite(reference)]
    current = current[np.isfinite(current)]
    value, edges = psi(reference, current, bins)
    ks = stats.ks_2samp(reference, current, method="auto")
    return {"psi": value, "edges": [float(e) for e in edges], "ks_statistic": float(ks.statistic),
            "ks_pvalue": float(ks.pvalue), "n_reference": int(len(reference)), "n_current": int(len(current))}


def explicit(name, reference, current, bins=10):
    case = {"name": name, "bins": bins, "reference": [float(v) for v in reference], "current": [float(v) for v in current]}
    case.update(expected(np.asarray(reference, dtype=float), np.asarray(current, dtype=float), bins))
    return case


def generated(name, ref_spec, cur_spec, bins=10):
    case = {"name": name, "bins": bins, "reference_generator": ref_spec, "current_generator": cur_spec}
    case.update(expected(synthetic(**ref_spec), synthetic(**cur_spec), bins))
    return case


def spec(kind, seed, n, scale=1.0, shift=0.0, quantum=0.0):
    return {"kind": kind, "seed": seed, "n": n, "scale": scale, "shift": shift, "quantum": quantum}


def main():
    rng = np.random.default_rng(20261122)
    cases = [
        explicit("normal", rng.normal(0, 1, 2000), rng.normal(0, 1, 1500)),
        explicit("shifted", rng.normal(0, 1, 3000), rng.normal(0.25, 1.1, 2500)),
        explicit("heavy_tailed", rng.standard_t(2, 2500), rng.standard_t(2, 2000) * 1.5),
        explicit("discrete_tied", rng.integers(0, 10, 1200), rng.integers(0, 12, 900)),
        explicit("mostly_one_value", rng.choice([0.0, 1.0, 2.0], 800, p=[0.85, 0.1, 0.05]),
                 rng.choice([0.0, 1.0, 2.0, 3.0], 700, p=[0.6, 0.2, 0.1, 0.1])),
        explicit("with_nan_and_inf", list(rng.normal(0, 1, 300)) + [np.nan, np.inf], list(rng.normal(0.5, 1, 250)) + [-np.inf, np.nan, np.nan]),
        explicit("tiny_1_1", [0.5], [1.5]),
        explicit("tiny_1_2", [1.0], [2.0, 3.0]),
        explicit("tiny_2_1", [1.0, 4.0], [2.0]),
        explicit("tiny_2_2", [1.0, 2.0], [1.5, 3.0]),
        explicit("tiny_5_5", rng.normal(0, 1, 5), rng.normal(1, 1, 5)),
        explicit("tiny_5_3_bins4", [1.0, 2.0, 2.0, 3.0, 5.0], [2.0, 6.0, 7.0], bins=4),
        explicit("equal_sizes_exact", rng.normal(0, 1, 4000), rng.normal(0.05, 1, 4000)),
        generated("synthetic_bell_asymptotic", spec("bell", 11, 30000), spec("bell", 12, 20000, 1.0, 0.03)),
        generated("synthetic_heavy", spec("heavy", 21, 12000), spec("heavy", 22, 15000, 1.2, 0.0)),
        generated("synthetic_int_ties", spec("int", 31, 20000), spec("int", 32, 25000, 1.0, 1.0)),
        generated("large_1e6", spec("bell", 41, 1000000), spec("bell", 42, 1000000, 1.05, 0.02, 1024.0)),
    ]
    json.dump({"generated_by": "make_drift_golden.py", "numpy": np.__version__, "scipy": scipy.__version__,
               "epsilon": EPS, "cases": cases}, sys.stdout, indent=1, allow_nan=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
