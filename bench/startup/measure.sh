#!/usr/bin/env bash
# Start-up of the packaged console next to a bare JavaFX window (a Stage with one Label), on the same runtime, in the
# same run, interleaved so that both see the same machine load. Prints the median of N runs for each:
#   bare            BareWindow on the app-image's runtime (its default CDS archive, as any `java` would run it)
#   console         the app-image launcher: first frame (window, navigation, "Opening …")
#   console+registry the app-image launcher: first frame with the demo registry's Overview on it
#   console-no-aot  the same launcher with the AOT cache switched off (-XX:AOTMode=off), to show what it buys
# Needs `mvn -B -Ppackage package -Dinstaller.skip=true` first. Usage: bench/startup/measure.sh [N] (default 10).
# Runs on the X display in $DISPLAY, else starts Xvfb on :99 (or uses one already there).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10}"
app=target/app-image/model-steward
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$app/bin/model-steward" ] || { echo "no app-image: run mvn -B -Ppackage package -Dinstaller.skip=true" >&2; exit 1; }

if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:99
  if ! xdpyinfo >/dev/null 2>&1 && ! pgrep -x Xvfb >/dev/null; then
    Xvfb :99 -screen 0 1400x900x24 >/dev/null 2>&1 &
    xvfb_pid=$!
    sleep 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" || true' EXIT
"$java_home/bin/javac" -d "$work/bare" --module-path target/package/javafx-modules --add-modules javafx.controls \
  bench/startup/BareWindow.java
export MODEL_STEWARD_HOME="$work/home"
"$app/bin/model-steward" demo --db "$work/demo.db" >/dev/null

# Prints "<first-frame-ms> <first-frame-cpu-ms> <registry-frame-ms or ->" for one run of the command.
measure() {
  local log="$work/run.log"
  JAVA_TOOL_OPTIONS="-Dsteward.startup.log=true ${EXTRA_OPTIONS:-}" "$@" >/dev/null 2>"$log"
  local first cpu registry
  first=$(sed -n 's/^steward.startup first-frame-ms=\([0-9]*\) .*/\1/p' "$log")
  cpu=$(sed -n 's/^steward.startup first-frame-ms=.* cpu-ms=\([0-9]*\)/\1/p' "$log")
  registry=$(sed -n 's/^steward.startup registry-frame-ms=\([0-9]*\) .*/\1/p' "$log")
  [ -n "$first" ] || { echo "no start-up line from: $*" >&2; cat "$log" >&2; exit 1; }
  echo "$first $cpu ${registry:--}"
}

for series in bare bare-cpu console console-cpu registry noaot noaot-cpu; do : >"$work/$series.txt"; done
for i in $(seq "$runs"); do
  read -r first cpu _ < <(measure "$app/lib/runtime/bin/java" -cp "$work/bare" BareWindow)
  echo "$first" >>"$work/bare.txt"; echo "$cpu" >>"$work/bare-cpu.txt"
  read -r first cpu registry < <(measure "$app/bin/model-steward" --smoke --db "$work/demo.db")
  echo "$first" >>"$work/console.txt"; echo "$cpu" >>"$work/console-cpu.txt"; echo "$registry" >>"$work/registry.txt"
  read -r first cpu _ < <(EXTRA_OPTIONS=-XX:AOTMode=off measure "$app/bin/model-steward" --smoke --db "$work/demo.db")
  echo "$first" >>"$work/noaot.txt"; echo "$cpu" >>"$work/noaot-cpu.txt"
  echo "run $i/$runs: bare $(tail -1 "$work/bare.txt") ms, console $(tail -1 "$work/console.txt") ms," \
    "with registry $(tail -1 "$work/registry.txt") ms, console without AOT cache $first ms" >&2
done

median() { sort -n "$work/$1.txt" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}'; }
bare=$(median bare); console=$(median console)
echo "median of $runs runs, ms from process start (elapsed / CPU time of the process):"
echo "bare JavaFX window, first frame:     $bare / $(median bare-cpu)"
echo "console, first frame:                $console / $(median console-cpu)"
echo "console, first frame with registry:  $(median registry)"
echo "console without AOT cache:           $(median noaot) / $(median noaot-cpu)"
echo "console / bare (elapsed):            $(awk -v c="$console" -v b="$bare" 'BEGIN {printf "%.2f", c / b}') (target <= 1.50)"
echo "machine:                             $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
