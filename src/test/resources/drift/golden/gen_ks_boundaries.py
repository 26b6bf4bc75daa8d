"""Golden KS boundary cases (issue 23, "exact at every boundary"), generated once with scipy; never run by the tests.

    python3 gen_ks_boundaries.py > ks_boundaries.json      (numpy 2.4.6, scipy 1.17.1 when committed)

Each sample is a list of parts {count, start, stop}: count values start + floor(i * (stop - start) / count), i = 0 ..
count - 1 (integer arithmetic, so Java rebuilds them bit for bit; start == stop is a constant). The cases sit where the
engine and scipy used to part ways:

- D exactly 1/10 (D is h / lcm(n, m) rounded once; the old float walk gave 0.1 - 1 ulp and missed D >= 0.1);
- n = m odd above 10 000, where n*m/(n+m) = k + 1/2 and n_eff = round half to even (numpy), not half up;
- the exact/asymptotic switch of ks_2samp(method="auto"): exact when max(n, m) <= 10 000, else kstwo.sf(D, n_eff) —
  also for a single value against more than 10 000.

Severity is docs/drift.md's rule under the default policy (PSI 0.1 / 0.2; KS p < 0.05 and D >= 0.1), with D the
lattice value h / lcm rounded once; the script checks it equals scipy's statistic to 1e-12 relative.
"""
import json
import math
import sys
from fractions import Fraction

import numpy as np
import scipy
from scipy import stats

EPS = 1e-4
MAX_AUTO_N = 10000


def build(parts):
    values = []
    for count, start, stop in parts:
        values.extend(start + (i * (stop - start)) // count for i in range(count))
    return np.array(values, dtype=np.float64)


def psi(reference, current, bins=10):
    edges = np.unique(np.quantile(reference, np.arange(1, bins) / bins))
    ref = np.bincount(np.searchsorted(edges, reference, side="left"), minlength=len(edges) + 1) / len(reference)
    cur = np.bincount(np.searchsorted(edges, current, side="left"), minlength=len(edges) + 1) / len(current)
    ref = np.where(ref == 0, EPS, ref)
    cur = np.where(cur == 0, EPS, cur)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def lattice_d(reference, current):
    a, b = np.sort(reference), np.sort(current)
    pooled = np.concatenate([a, b])
    i = np.searchsorted(a, pooled, side="right").astype(object)
    j = np.searchsorted(b, pooled, side="right").astype(object)
    n, m = len(a), len(b)
    return max(abs(Fraction(int(x), n) - Fraction(int(y), m)) for x, y in zip(i, j))


def severity(psi_value, d, p):
    level = "SEVERE" if psi_value >= 0.20 else "MODERATE" if psi_value >= 0.10 else "NORMAL"
    if level == "NORMAL" and p < 0.05 and d >= 0.10:
        level = "MODERATE"
    return level


def case(name, reference_parts, current_parts):
    reference, current = build(reference_parts), build(current_parts)
    n, m = len(reference), len(current)
    result = stats.ks_2samp(reference, current, method="auto")
    exact = Fraction(lattice_d(reference, current))
    d = float(exact)  # correctly rounded
    assert abs(d - float(result.statistic)) <= 1e-12 * d, (name, d, result.statistic)
    psi_value = psi(reference, current)
    big, small = max(n, m), min(n, m)
    return {
        "name": name,
        "reference": [list(p) for p in reference_parts],
        "current": [list(p) for p in current_parts],
        "n_reference": n,
        "n_current": m,
        "method": "exact" if big <= MAX_AUTO_N else "asymp",
        "n_eff": None if big <= MAX_AUTO_N else float(np.round(float(big) * float(small) / (float(big) + float(small)))),
        "ks_numerator": exact.numerator * (n * m // math.gcd(n, m) // exact.denominator) if exact else 0,
        "ks_denominator": n * m // math.gcd(n, m),
        "ks_statistic": d,
        "ks_pvalue": float(result.pvalue),
        "psi": psi_value,
        "severity": severity(psi_value, d, float(result.pvalue)),
    }


def main():
    uniform = lambda n, start=0: [(n, start, start + n)]
    cases = [
        # D = 1/10 exactly: PSI alone is NORMAL, KS makes it MODERATE
        case("tenth_1000x1000", [(1000, 0, 1000)], [(900, 0, 1000), (100, 1005, 1005)]),
        case("tenth_500x2000", [(500, 1, 1001)], [(1800, 0, 1000), (200, 1005, 1005)]),
        case("tenth_1000x2000", [(1000, 0, 1000)], [(1800, 0, 1000), (200, 1005, 1005)]),
        case("tenth_2000x500", [(1800, 0, 1000), (200, 1005, 1005)], [(500, 1, 1001)]),
        # n = m odd above 10 000: n_eff = k + 1/2, numpy rounds half to even
        case("half_even_10001_pelz_good", uniform(10001), uniform(10001, 100)),
        case("half_even_10001_shift_150", uniform(10001), uniform(10001, 150)),
        case("half_even_20001", uniform(20001), uniform(20001, 200)),
        case("half_even_20001_tail", uniform(20001), uniform(20001, 400)),
        case("half_up_agrees_10003", uniform(10003), uniform(10003, 120)),
        # the switch: exact up to 10 000 in the larger sample, asymptotic above
        case("switch_10000x10000_exact", uniform(10000), uniform(10000, 150)),
        case("switch_10001x9000_asymp", uniform(10001), uniform(9000, 150)),
        case("switch_10000x9000_exact", uniform(10000), uniform(9000, 150)),
        # one value against many
        case("one_vs_10000_exact", [(1, 9000, 9000)], uniform(10000)),
        case("one_vs_10001_asymp", [(1, 9000, 9000)], uniform(10001)),
        case("one_vs_20000_asymp", [(1, 19000, 19000)], uniform(20000)),
        case("20000_vs_one_asymp", uniform(20000), [(1, 15000, 15000)]),
        case("one_above_20000_asymp", [(1, 30000, 30000)], uniform(20000)),
        case("one_near_top_of_10001_asymp", [(1, 9995, 9995)], uniform(10001)),
        case("one_vs_two", [(1, 5, 5)], [(2, 0, 10)]),
        case("one_vs_one", [(1, 5, 5)], [(1, 7, 7)]),
        # heavy ties
        case("ties_small", [(6, 0, 3)], [(5, 1, 4), (3, 2, 2)]),
        case("ties_3000x4000", [(3000, 0, 5)], [(4000, 0, 6)]),
        case("ties_20001x15000_asymp", [(20001, 0, 40)], [(15000, 0, 41)]),
        case("ties_20001x20001_asymp", [(20001, 0, 40)], [(20001, 0, 40)]),
    ]
    json.dump({"generator": "gen_ks_boundaries.py", "numpy": np.__version__, "scipy": scipy.__version__,
               "policy": "default", "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
