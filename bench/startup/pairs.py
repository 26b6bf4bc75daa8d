#!/usr/bin/env python3
"""Whole-process timing of two command lines, A and B, in interleaved pairs.

The pairs alternate their order (A B, then B A, ...) so that a change in the machine's load hits both sides alike. One
uncounted pair runs first, then N pairs. Prints every run (wall time, user + system CPU of the process and its
children, peak RSS, the 1-minute load), then each side's median wall time and CPU with min-max, and the median of the
per-pair ratio A/B with min-max. The commands' output is discarded; a command that fails stops the run.

Usage: bench/startup/pairs.py N 'A command' 'B command'
  e.g. bench/startup/pairs.py 5 'target/app-image/model-steward/bin/model-steward-cli help' \\
                                '/tmp/before/bin/model-steward-cli help'
Commands are split like a shell would split them (no globbing, no variables).
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"FAIL: {shlex.join(command)} exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.getloadavg()[0]


def summary(values):
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    pairs = int(sys.argv[1])
    sides = {"A": shlex.split(sys.argv[2]), "B": shlex.split(sys.argv[3])}
    results = {"A": [], "B": []}
    loads = []
    print("side pair wall_s cpu_s rss_MiB load1")
    for pair in range(pairs + 1):
        for side in ("A", "B") if pair % 2 == 0 else ("B", "A"):
            wall, cpu, rss, load = run(sides[side])
            print(f"{side} {pair} {wall:.3f} {cpu:.2f} {rss:.0f} {load:.2f}", flush=True)
            if pair > 0:
                results[side].append((wall, cpu))
                loads.append(load)
    for side in ("A", "B"):
        print(f"{side} wall {summary([w for w, _ in results[side]])} s, "
              f"cpu {summary([c for _, c in results[side]])} s")
    ratios = [a[0] / b[0] for a, b in zip(results["A"], results["B"])]
    print(f"A/B per pair {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}), "
          f"{pairs} pairs, load {min(loads):.1f}-{max(loads):.1f}")


if __name__ == "__main__":
    main()
