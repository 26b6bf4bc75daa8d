#!/usr/bin/env bash
# `audit verify` of this build (A) against another build (B), whole processes, pairs interleaved A B so that both see
# the same load, after one uncounted pair. Each run starts with an empty data folder (no pinned head: the first verify
# a user makes of a registry). Prints one line per run and, per side and size, the median and min-max of wall time, CPU
# (user + system) and peak RSS, with entries/s as entries / wall and entries / (wall - median `help` wall of that side).
# Usage: bench/audit-verify-pairs.sh B_DIR PAIRS REGISTRY...   (B_DIR holds model-steward.jar and lib/, e.g. a copy of
# another checkout's target/; each REGISTRY is copied, never written; A is this checkout's target/).
set -euo pipefail
cd "$(dirname "$0")/.."
b_dir="$1"; pairs="$2"; shift 2
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
declare -A jar=([A]="${A_DIR:-$PWD/target}/model-steward.jar" [B]="$b_dir/model-steward.jar")
run() { # side label args... -> "label side wall_s cpu_s rss_kb rc load"
  local side="$1" label="$2"; shift 2
  rm -rf "$work/home"; mkdir "$work/home"
  local rc=0
  MODEL_STEWARD_HOME="$work/home" /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$java" -jar "${jar[$side]}" "$@" >"$work/out" 2>"$work/err" || rc=$?
  read -r wall user sys rss <"$work/t"
  echo "$label $side $wall $(echo "$user + $sys" | bc) $rss $rc $(cut -d' ' -f1 /proc/loadavg)"
}
{
  for i in $(seq 0 "$pairs"); do for side in A B; do run $side help help | sed "s/^/$i /"; done; done
  for db in "$@"; do
    cp "$db" "$work/r.db"
    entries=$(sqlite3 "$work/r.db" "SELECT count(*) FROM audit_log")
    for i in $(seq 0 "$pairs"); do for side in A B; do
      run $side "verify:$entries" audit verify --db "$work/r.db" | sed "s/^/$i /"
    done; done
  done
} | tee "$work/runs"
python3 - "$work/runs" <<'EOF'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
runs = {}
for i, label, side, wall, cpu, rss, rc, load in rows:
    if i != "0":
        runs.setdefault((label, side), []).append((float(wall), float(cpu), int(rss) / 1024, rc, float(load)))
help_wall = {side: st.median(r[0] for r in runs[("help", side)]) for side in "AB"}
fmt = lambda xs, u: f"{st.median(xs):.2f}{u} ({min(xs):.2f}-{max(xs):.2f})"
for (label, side), rs in sorted(runs.items()):
    walls, cpus, rsss, loads = [r[0] for r in rs], [r[1] for r in rs], [r[2] for r in rs], [r[4] for r in rs]
    line = f"{label:14} {side} wall {fmt(walls, 's')} cpu {fmt(cpus, 's')} rss {st.median(rsss):.0f} MiB ({min(rsss):.0f}-{max(rsss):.0f}) rc {set(r[3] for r in rs)} load {min(loads):.1f}-{max(loads):.1f}"
    if label.startswith("verify:"):
        n = int(label.split(":")[1]); w = st.median(walls)
        line += f"  entries/s {n / w:,.0f} (over wall), {n / max(w - help_wall[side], 1e-3):,.0f} (over wall - help {help_wall[side]:.2f}s)"
    print(line)
for label in sorted({l for l, _ in runs}):
    a, b = runs.get((label, "A")), runs.get((label, "B"))
    if a and b:
        ratios = [x[0] / y[0] for x, y in zip(a, b)]
        print(f"{label:14} A/B wall per pair {st.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})")
EOF
