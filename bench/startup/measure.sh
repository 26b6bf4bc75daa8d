#!/usr/bin/env bash
# Start-up of the packaged console next to a bare JavaFX window (a Stage with one Label), on the same runtime, in the
# same run, interleaved so that both see the same machine load. Prints the median of N runs for each:
#   bare            BareWindow on the app-image's runtime (its default CDS archive, as any `java` would run it)
#   console         the app-image launcher: first frame (window, navigation, "Opening …")
#   console+registry the app-image launcher: first frame with the demo registry's Overview on it
#   console-no-aot  the same launcher with the AOT cache switched off (-XX:AOTMode=off), to show what it buys
# Needs `mvn -B -Ppackage package -Dinstaller.skip=true` first. Usage: bench/startup/measure.sh [N] (default 10).
# Runs on the X display in $DISPLAY, else starts Xvfb on :99 (or uses one already there).
# REGISTRY=FILE opens that registry instead of the demo (e.g. one made by `demo --versions 100000`; it is copied).
# FROM=classes runs the console from target/classes (after `mvn package`) and the bare window on the same JDK, without
# the app-image (no AOT cache: both sides pay the same class loading, the comparison stays like with like).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10}"
app=target/app-image/model-steward
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
from="${FROM:-app-image}"
if [ "$from" = classes ]; then
  [ -d target/classes ] && [ -d target/lib ] || { echo "no target/classes or target/lib: run mvn -B package -DskipTests" >&2; exit 1; }
else
  [ -x "$app/bin/model-steward" ] || { echo "no app-image: run mvn -B -Ppackage package -Dinstaller.skip=true (or FROM=classes)" >&2; exit 1; }
fi

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
if [ "$from" = classes ]; then
  mkdir -p "$work/fx"
  ln -s "$PWD"/target/lib/javafx-{base,graphics,controls}-*.jar "$work/fx/"
  fx_modules="$work/fx"
  bare_java=("$java_home/bin/java" --module-path "$fx_modules" --add-modules javafx.controls --enable-native-access=javafx.graphics)
  console=("$java_home/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/classes:target/lib/*" com.modelsteward.Main)
else
  fx_modules=target/package/javafx-modules
  bare_java=("$app/lib/runtime/bin/java")
  console=("$app/bin/model-steward")
fi
"$java_home/bin/javac" -d "$work/bare" --module-path "$fx_modules" --add-modules javafx.controls bench/startup/BareWindow.java
export MODEL_STEWARD_HOME="$work/home"
if [ -n "${REGISTRY:-}" ]; then
  cp "$REGISTRY" "$work/demo.db"
  # The first open applies pending migrations; every measured run then opens a current registry.
  "${console[@]}" status --db "$work/demo.db" >/dev/null
else
  "${console[@]}" demo --db "$work/demo.db" >/dev/null
fi

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
  read -r first cpu _ < <(measure "${bare_java[@]}" -cp "$work/bare" BareWindow)
  echo "$first" >>"$work/bare.txt"; echo "$cpu" >>"$work/bare-cpu.txt"
  read -r first cpu registry < <(measure "${console[@]}" --smoke --db "$work/demo.db")
  echo "$first" >>"$work/console.txt"; echo "$cpu" >>"$work/console-cpu.txt"; echo "$registry" >>"$work/registry.txt"
  if [ "$from" = classes ]; then
    first=0; cpu=0  # no AOT cache to switch off
  else
    read -r first cpu _ < <(EXTRA_OPTIONS=-XX:AOTMode=off measure "${console[@]}" --smoke --db "$work/demo.db")
  fi
  echo "$first" >>"$work/noaot.txt"; echo "$cpu" >>"$work/noaot-cpu.txt"
  echo "run $i/$runs: bare $(tail -1 "$work/bare.txt") ms, console $(tail -1 "$work/console.txt") ms," \
    "with registry $(tail -1 "$work/registry.txt") ms, console without AOT cache $first ms" >&2
done

median() { sort -n "$work/$1.txt" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}'; }
bare=$(median bare); console=$(median console)
echo "median of $runs runs, ms from process start (elapsed / CPU time of the process):"
echo "bare JavaFX window, first frame:     $bare / $(median bare-cpu)"
echo "console, first frame:                $console / $(median console-cpu)"
echo "console, first frame with registry:  $(median registry) (${REGISTRY:-the demo registry})"
echo "console with registry / bare:         $(awk -v c="$(median registry)" -v b="$bare" 'BEGIN {printf "%.2f", c / b}')"
echo "console without AOT cache:           $(median noaot) / $(median noaot-cpu)"
echo "console / bare (elapsed):            $(awk -v c="$console" -v b="$bare" 'BEGIN {printf "%.2f", c / b}') (target <= 1.50)"
echo "machine:                             $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
