#!/usr/bin/env bash
# The command-line table of issue 23: every command a user waits on, from the installed launcher, on a small and a
# large registry, whole processes, the two sizes interleaved in every round (small large, then large small) so that
# load hits both alike, with the floors beside: the runtime's `java -version` and `help`. Each round's request asks to
# retire the ACTIVE version of one name (ACTIVE -> RETIRED needs one RISK_OFFICER) as scale.analyst, then approves it
# as scale.officer, which executes it (the small registry is copied afresh for every round: it has one ACTIVE version).
#
# Usage: bench/startup/commands.sh [ROUNDS] SMALL.db LARGE.db   (registries made by `demo --versions 1000` and
# `--versions 100000`; copied, never written). LAUNCHER=PATH (default: the app-image's model-steward-cli, built by
# `mvn -B -Ppackage package -DskipTests -Dinstaller.skip=true`). The user's trust store is pinned once per copy first,
# as for a returning user (a first use walks the chain once).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
small="$2"
large="$3"
launcher="${LAUNCHER:-target/app-image/model-steward/bin/model-steward-cli}"
runtime_java="$(dirname "$(readlink -f "$launcher")")/../lib/runtime/bin/java"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for size in small large; do
  cp "${!size}" "$work/$size.db"
  MODEL_STEWARD_HOME="$work/home-$size" "$launcher" status --db "$work/$size.db" >/dev/null
done
# The small registry has one ACTIVE version: every round starts from this pinned copy of it.
cp "$work/small.db" "$work/small-pinned.db"
cp -r "$work/home-small" "$work/home-small-pinned"
mapfile -t names < <(sqlite3 "$large" "SELECT model_name FROM model_registry WHERE state = 'ACTIVE' ORDER BY model_name")
[ "${#names[@]}" -ge "$rounds" ] || { echo "$large has ${#names[@]} ACTIVE versions, fewer than $rounds rounds" >&2; exit 1; }

# Appends the elapsed seconds of one command to $work/<size>-<what>.txt; stops the benchmark if it fails.
timed() {
  local key=$1
  shift
  /usr/bin/time -f "%e" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  cat "$work/time" >>"$work/$key.txt"
}

whats="java-version help status history lineage model-card audit-verify request approve"
for i in $(seq "$rounds"); do
  order=$([ $((i % 2)) = 1 ] && echo "small large" || echo "large small")
  for size in $order; do
    db="$work/$size.db"
    if [ $size = small ]; then
      cp "$work/small-pinned.db" "$db"
      rm -rf "$work/home-small"
      cp -r "$work/home-small-pinned" "$work/home-small"
    fi
    export MODEL_STEWARD_HOME="$work/home-$size"
    # A version with a long line: the second newest of the name with the most versions (the demo leaves the newest
    # one's lineage incomplete on purpose, which `lineage` reports with exit 1).
    name=$(sqlite3 "$db" "SELECT model_name FROM model_registry GROUP BY model_name ORDER BY count(*) DESC, model_name LIMIT 1")
    model=$(sqlite3 "$db" "SELECT model_id FROM model_registry WHERE model_name = '$name' ORDER BY created_at DESC, model_id DESC LIMIT 1 OFFSET 1")
    timed "$size-java-version" "$runtime_java" -version
    timed "$size-help" "$launcher" help
    timed "$size-status" "$launcher" status --db "$db"
    timed "$size-history" "$launcher" history --db "$db" --model-name "$name"
    timed "$size-lineage" "$launcher" lineage --db "$db" --model "$model"
    timed "$size-model-card" "$launcher" model-card --db "$db" --model "$model" --out "$work/card.html"
    timed "$size-audit-verify" "$launcher" audit verify --db "$db"
    retire=$([ $size = small ] && sqlite3 "$db" "SELECT model_name FROM model_registry WHERE state = 'ACTIVE' ORDER BY model_name LIMIT 1" \
      || echo "${names[$((i - 1))]}")
    active=$(sqlite3 "$db" "SELECT model_id FROM model_registry WHERE model_name = '$retire' AND state = 'ACTIVE'")
    [ -n "$active" ] || { echo "no ACTIVE version left to retire in $db" >&2; exit 1; }
    timed "$size-request" "$launcher" request --model "$active" --to RETIRED --reason bench --as scale.analyst --db "$db"
    request=$(sed -n 's/^\(REQ-[0-9]*\): .*/\1/p' "$work/out")
    timed "$size-approve" "$launcher" approve --request "$request" --comment bench --as scale.officer --db "$db"
    echo "round $i $size done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  done
done

stats() { sort -n "$work/$1.txt" | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.2f (%.2f-%.2f)", m, v[1], v[NR]}'; }
median() { sort -n "$work/$1.txt" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
echo "median (min-max) of $rounds rounds, seconds per whole process; $launcher"
printf "%-13s %-20s %-20s %-12s\n" command "$(basename "$small")" "$(basename "$large")" "large/small"
for what in $whats; do
  printf "%-13s %-20s %-20s %-12s\n" "$what" "$(stats small-$what)" "$(stats large-$what)" \
    "$(awk -v l="$(median large-$what)" -v s="$(median small-$what)" 'BEGIN {printf "%.2f", l / s}')"
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
