#!/usr/bin/env bash
# `request` and `approve` from the command line on a small and a large registry, this build (A) against another jar (B),
# whole processes, interleaved A B per step so that load hits both alike, with `help` beside as the floor (start-up
# alone). Each round asks to retire the ACTIVE version of one name (ACTIVE -> RETIRED needs one RISK_OFFICER) as
# scale.analyst, then approves it as scale.officer, which executes it.
#
# Usage: bench/startup/decide.sh [ROUNDS] SMALL.db LARGE.db   (registries made by `demo --versions 1000` and
# `--versions 100000`; they are copied, never written). A=JAR (default target/model-steward.jar), B=JAR (default
# /tmp/console-B/model-steward.jar: copy another build's jar there with its lib/ folder beside it, which its manifest
# names). AOT=train gives each jar an AOT cache trained on one
# request + approve of a scratch copy, as the packaged launcher has one.
# The small registry is copied afresh for every round (it has one ACTIVE version); the large one once per side, each
# round retiring the ACTIVE version of another name. The user's trust store is pinned once per copy first, so each
# command checks only the audit entries written since, as for a returning user (a first use walks the chain once).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
small="$2"
large="$3"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar_a="${A:-target/model-steward.jar}"
jar_b="${B:-/tmp/console-B/model-steward.jar}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A cmd
for side in a b; do
  jar=$([ $side = a ] && echo "$jar_a" || echo "$jar_b")
  cmd[$side]="$java --enable-native-access=ALL-UNNAMED -jar $jar"
  if [ "${AOT:-}" = train ]; then
    cp "$small" "$work/train.db"
    MODEL_STEWARD_HOME="$work/train-home-$side" $java --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput="$work/$side.aot" -jar "$jar" \
      request --model "$(sqlite3 "$work/train.db" "SELECT model_id FROM model_registry WHERE state = 'ACTIVE' LIMIT 1")" --to RETIRED \
      --reason training --as scale.analyst --db "$work/train.db" >/dev/null 2>&1
    cmd[$side]="$java --enable-native-access=ALL-UNNAMED -XX:AOTCache=$work/$side.aot -jar $jar"
  fi
  # The trust store pinned on the small registry as it is, copied for every round.
  cp "$small" "$work/small-$side.db"
  MODEL_STEWARD_HOME="$work/small-home-$side" ${cmd[$side]} status --db "$work/small-$side.db" >/dev/null
  cp "$large" "$work/large-$side.db"
  MODEL_STEWARD_HOME="$work/large-home-$side" ${cmd[$side]} status --db "$work/large-$side.db" >/dev/null
done
mapfile -t names < <(sqlite3 "$large" "SELECT model_name FROM model_registry WHERE state = 'ACTIVE' ORDER BY model_name")
[ "${#names[@]}" -ge "$rounds" ] || { echo "$large has ${#names[@]} ACTIVE versions, fewer than $rounds rounds" >&2; exit 1; }

# Prints the elapsed seconds of one command; stops the benchmark if it fails.
timed() {
  /usr/bin/time -f "%e" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}

for i in $(seq "$rounds"); do
  for size in small large; do
    for side in a b; do
      if [ $size = small ]; then
        cp "$small" "$work/small-$side.db"
        rm -rf "$work/home-$side"; cp -r "$work/small-home-$side" "$work/home-$side"
        name=$(sqlite3 "$small" "SELECT model_name FROM model_registry WHERE state = 'ACTIVE' LIMIT 1")
      else
        rm -rf "$work/home-$side"; cp -r "$work/large-home-$side" "$work/home-$side"
        name=${names[$((i - 1))]}
      fi
      db="$work/$size-$side.db"
      model=$(sqlite3 "$db" "SELECT model_id FROM model_registry WHERE model_name = '$name' AND state = 'ACTIVE'")
      export MODEL_STEWARD_HOME="$work/home-$side"
      t_help=$(timed ${cmd[$side]} help)
      t_request=$(timed ${cmd[$side]} request --model "$model" --to RETIRED --reason bench --as scale.analyst --db "$db")
      request=$(sed -n 's/^\(REQ-[0-9]*\): .*/\1/p' "$work/out")
      t_approve=$(timed ${cmd[$side]} approve --request "$request" --comment bench --as scale.officer --db "$db")
      [ $size = large ] && { rm -rf "$work/large-home-$side"; cp -r "$work/home-$side" "$work/large-home-$side"; }
      for what in help request approve; do
        v="t_$what"; echo "${!v}" >>"$work/$size-$side-$what.txt"
      done
      echo "round $i $size $side: help $t_help s, request $t_request s, approve $t_approve s (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    done
  done
done

stats() { sort -n "$work/$1.txt" | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.2f (%.2f-%.2f)", m, v[1], v[NR]}'; }
median() { sort -n "$work/$1.txt" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
echo "median (min-max) of $rounds rounds, seconds per whole process; A = $jar_a, B = $jar_b${AOT:+, each with its trained AOT cache}"
printf "%-8s %-24s %-24s %-24s %-24s %-10s %-10s\n" command "A $(basename "$small")" "A $(basename "$large")" "B $(basename "$small")" \
  "B $(basename "$large")" "A large/small" "A/B large"
for what in help request approve; do
  printf "%-8s %-24s %-24s %-24s %-24s %-10s %-10s\n" "$what" "$(stats small-a-$what)" "$(stats large-a-$what)" "$(stats small-b-$what)" \
    "$(stats large-b-$what)" "$(awk -v l="$(median large-a-$what)" -v s="$(median small-a-$what)" 'BEGIN {printf "%.2f", l / s}')" \
    "$(awk -v a="$(median large-a-$what)" -v b="$(median large-b-$what)" 'BEGIN {printf "%.2f", a / b}')"
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
