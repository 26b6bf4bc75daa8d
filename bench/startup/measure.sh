#!/usr/bin/env bash
# Start-up of the console next to a bare JavaFX window (a Stage with one Label), on the same runtime, in the same run,
# interleaved (bare, console on each registry, bare, …) so that all sides see the same machine load. Per round:
#   bare        BareWindow: its first frame
#   console     the console on each registry: its first frame (window, navigation, "Opening …"), and its first frame
#               with data — the pulse after the Overview's figures and inbox arrived: what a user waits for
# and, with the app-image, the console without its AOT cache (-XX:AOTMode=off), to show what the cache buys.
# Prints each round's figures and ratios to the bare window of the same round, then the median and min-max of the ratios.
#
# Usage: bench/startup/measure.sh [N] (default 10 rounds).
# REGISTRY="A.db B.db" opens those registries (each copied, e.g. made by `demo --versions 1000` and `--versions 100000`);
# by default one demo registry made for the run.
# FROM=app-image (default) runs target/app-image (needs `mvn -B -Ppackage package -Dinstaller.skip=true`); the bare
# window runs on the app-image's runtime (its default CDS archive, as any `java` would run it).
# FROM=classes runs the console from target/classes (after `mvn package`) and the bare window on the same JDK; with
# AOT=train it runs target/model-steward.jar instead, first training an AOT cache on one console run (as the package
# profile does for the app-image) and running the console with it.
# Runs on the X display in $DISPLAY, else starts Xvfb on :99 (or uses one already there); HEADLESS=1 uses JavaFX's
# headless platform and software rendering instead of a display, for both sides.
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

platform_options=""
if [ -n "${HEADLESS:-}" ]; then
  platform_options="-Dglass.platform=Headless -Dprism.order=sw"
elif [ -z "${DISPLAY:-}" ]; then
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
registries=()
if [ -n "${REGISTRY:-}" ]; then
  i=0
  for file in $REGISTRY; do
    i=$((i + 1))
    cp "$file" "$work/registry-$i.db"
    # The first open applies pending migrations and pins the audit trail's head (a first use walks the chain); every
    # measured run then opens a current registry as a returning user does.
    JAVA_TOOL_OPTIONS="$platform_options" "${console[@]}" --smoke --db "$work/registry-$i.db" >/dev/null 2>&1
    registries+=("$work/registry-$i.db")
  done
else
  "${console[@]}" demo --db "$work/registry-1.db" >/dev/null
  registries+=("$work/registry-1.db")
fi
if [ "$from" = classes ] && [ "${AOT:-}" = train ]; then
  # An AOT cache takes jars only, not a folder of classes: the console runs from the jar `mvn package` made.
  console=("$java_home/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/model-steward.jar:target/lib/*" com.modelsteward.Main)
  # Trained at ten times the JIT thresholds and run at four, as the package trains the app-image's cache and its
  # launcher runs the console (pom.xml, ADR 6).
  JAVA_TOOL_OPTIONS="$platform_options -XX:AOTCacheOutput=$work/console.aot -XX:CompileThresholdScaling=10" "${console[@]}" \
    --smoke --db "${registries[0]}" >/dev/null 2>"$work/aot.log" || { cat "$work/aot.log" >&2; exit 1; }
  console=("${console[0]}" "-XX:AOTCache=$work/console.aot" -XX:CompileThresholdScaling=4 "${console[@]:1}")
fi

# Prints "<first-frame-ms> <first-frame-cpu-ms> <first-data-frame-ms or -> <its cpu-ms or ->" for one run of the command.
measure() {
  local log="$work/run.log"
  JAVA_TOOL_OPTIONS="-Dsteward.startup.log=true $platform_options ${EXTRA_OPTIONS:-}" "$@" >/dev/null 2>"$log"
  local first cpu data data_cpu
  first=$(sed -n 's/^steward.startup first-frame-ms=\([0-9]*\) .*/\1/p' "$log")
  cpu=$(sed -n 's/^steward.startup first-frame-ms=.* cpu-ms=\([0-9]*\)/\1/p' "$log")
  data=$(sed -n 's/^steward.startup first-data-frame-ms=\([0-9]*\) .*/\1/p' "$log")
  data_cpu=$(sed -n 's/^steward.startup first-data-frame-ms=.* cpu-ms=\([0-9]*\)/\1/p' "$log")
  [ -n "$first" ] || { echo "no start-up line from: $*" >&2; cat "$log" >&2; exit 1; }
  echo "$first $cpu ${data:--} ${data_cpu:--}"
}

ratio() { awk -v c="$1" -v b="$2" 'BEGIN {printf "%.2f", c / b}'; }
for i in $(seq "$runs"); do
  read -r bare bare_cpu _ < <(measure "${bare_java[@]}" -cp "$work/bare" BareWindow)
  echo "$bare" >>"$work/bare.txt"
  line="run $i/$runs: bare $bare ms (cpu $bare_cpu)"
  r=0
  for db in "${registries[@]}"; do
    r=$((r + 1))
    read -r first cpu data data_cpu < <(measure "${console[@]}" --smoke --db "$db")
    echo "$first" >>"$work/first-$r.txt"; echo "$data" >>"$work/data-$r.txt"
    ratio "$first" "$bare" >>"$work/first-ratio-$r.txt"; echo >>"$work/first-ratio-$r.txt"
    ratio "$data" "$bare" >>"$work/data-ratio-$r.txt"; echo >>"$work/data-ratio-$r.txt"
    line="$line | registry $r: first frame $first ms ($(tail -1 "$work/first-ratio-$r.txt")x, cpu $cpu), with data $data ms ($(tail -1 "$work/data-ratio-$r.txt")x, cpu $data_cpu)"
  done
  if [ "$from" != classes ]; then
    read -r first _ data _ < <(EXTRA_OPTIONS=-XX:AOTMode=off measure "${console[@]}" --smoke --db "${registries[0]}")
    echo "$data" >>"$work/noaot.txt"
    line="$line | registry 1 without AOT cache: $first / $data ms"
  fi
  echo "$line ($(cut -d' ' -f1 /proc/loadavg))" >&2
done

stats() { sort -n "$work/$1.txt" | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%s (%s-%s)", m, v[1], v[NR]}'; }
echo "median (min-max) of $runs rounds, ms from process start; ratios are per round, to the bare window of that round:"
echo "bare JavaFX window, first frame:             $(stats bare)"
r=0
for db in "${registries[@]}"; do
  r=$((r + 1))
  versions=$(sqlite3 "$db" "SELECT count(*) FROM model_registry" 2>/dev/null || echo "?")
  echo "registry $r ($versions versions):"
  echo "  console, first frame:                      $(stats "first-$r") ms = $(stats "first-ratio-$r") x bare"
  echo "  console, first frame with the Overview:    $(stats "data-$r") ms = $(stats "data-ratio-$r") x bare (target <= 1.50)"
done
[ "$from" != classes ] && echo "console without AOT cache, with the Overview: $(stats noaot) ms (registry 1)"
echo "console: ${console[*]}"
echo "machine:                                     $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
