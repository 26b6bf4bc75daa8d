#!/usr/bin/env bash
# Exercises what `mvn -B -Ppackage package` built, the way a workstation uses it, without a display:
#   the app-image's GUI launcher opens a registry headless, paints it and exits 0 (--smoke); with no arguments it
#   creates and opens the demo registry in the user's data directory; a file that is not a registry, and a shell with
#   no display, each exit 1 with one line; the command-line launcher runs `status --db` on a demo registry and prints
#   a command's help and the version; the app's jar is first on both launchers' class path; `model-steward COMMAND`
#   gets the command line's settings; the bash completion completes commands and option values; the launchers start
#   the JVM without asking the package manager (rpm, dpkg) anything; SQLite's library is loaded from the app-image,
#   with no temporary folder; nothing is written inside the app-image; and, when there is one, the .deb lists the
#   launchers, the AOT caches, SQLite's library and the completion, links the completion for bash-completion, depends
#   on GTK 3, and, compressed with xz as a release is, weighs at most 80 MB.
# Usage: packaging/linux/check-package.sh   (from CI after the package build; exits non-zero on the first failure)
set -euo pipefail
cd "$(dirname "$0")/../.."
app=target/app-image/model-steward
[ -x "$app/bin/model-steward" ] || { echo "FAIL: no app-image at $app (run mvn -B -Ppackage package)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MODEL_STEWARD_HOME="$work/home"
# JavaFX's own headless platform: no X server needed.
headless="-Dglass.platform=Headless -Dprism.order=sw -Dsteward.startup.log=true"
touch "$work/marker"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$app/bin/model-steward-cli" demo --db "$work/demo.db" >"$work/demo.out" || fail "model-steward-cli demo"
"$app/bin/model-steward-cli" status --db "$work/demo.db" >"$work/status.out" 2>"$work/status.err" || fail "model-steward-cli status"
# The launcher logs JVM warnings to stderr: a cache the JVM rejects (made with other options) would say so there.
[ ! -s "$work/status.err" ] || fail "model-steward-cli status wrote to stderr: $(cat "$work/status.err")"
grep -q "ACTIVE versions:" "$work/status.out" || fail "status printed no ACTIVE versions: $(cat "$work/status.out")"
echo "ok: model-steward-cli status --db on a demo registry"
# The app's jar comes first on each launcher's class path: its JfrSupport takes the place of Jdbi's (ADR 27).
for cfg in "$app"/lib/app/model-steward*.cfg; do
  first=$(grep -m1 '^app.classpath=' "$cfg")
  [ "$first" = 'app.classpath=$APPDIR/model-steward.jar' ] || fail "$(basename "$cfg") puts $first first, not the app's jar"
done
echo "ok: the app's jar is first on the launchers' class path"
# `model-steward COMMAND` runs with the command line's settings (launcher.sh): its AOT cache, and C1 alone in a 32 MB
# young generation for a command a user waits on; a drift keeps C2 and the collector's own sizing.
JAVA_TOOL_OPTIONS=-XX:+PrintFlagsFinal "$app/bin/model-steward" status --db "$work/demo.db" >"$work/flags.out" 2>/dev/null \
  || fail "model-steward status --db exited $?"
grep -Eq "AOTCache += .*/model-steward-cli\.aot" "$work/flags.out" || fail "model-steward status did not use the command line's AOT cache"
grep -Eq "TieredStopAtLevel += 1 " "$work/flags.out" || fail "model-steward status did not run on C1 alone"
grep -Eq "MaxNewSize += 33554432 " "$work/flags.out" || fail "model-steward status did not run in a 32 MB young generation"
JAVA_TOOL_OPTIONS=-XX:+PrintFlagsFinal "$app/bin/model-steward-cli" drift --help >"$work/flags.out" 2>/dev/null || fail "drift --help exited $?"
grep -Eq "TieredStopAtLevel += 4 " "$work/flags.out" || fail "model-steward-cli drift did not keep C2"
grep -Eq "AOTCache += .*/model-steward-drift\.aot" "$work/flags.out" || fail "model-steward-cli drift did not use the drift's AOT cache"
! grep -Eq "MaxNewSize += 33554432 " "$work/flags.out" || fail "model-steward-cli drift ran in the quick commands' young generation"
# A heap the user bounds is left to the collector to divide: with the 32 MB young generation a 32 MB heap would not start.
JAVA_TOOL_OPTIONS=-Xmx32m "$app/bin/model-steward-cli" status --db "$work/demo.db" >/dev/null 2>"$work/small-heap.err" \
  || fail "model-steward-cli status under -Xmx32m exited $?: $(cat "$work/small-heap.err")"
echo "ok: model-steward status runs with the command line's settings, and in a 32 MB heap; drift keeps C2 and the collector's sizing"

"$app/bin/model-steward-cli" request --help >"$work/help.out" || fail "model-steward-cli request --help exited $?"
grep -q "^Usage: model-steward request " "$work/help.out" || fail "request --help printed no usage: $(cat "$work/help.out")"
"$app/bin/model-steward" --version >"$work/version.out" || fail "model-steward --version exited $?"
grep -q "^Model Steward [0-9]" "$work/version.out" || fail "--version printed no version: $(cat "$work/version.out")"
echo "ok: request --help and --version ($(head -1 "$work/version.out"))"

# jpackage's own Linux launcher runs `rpm -qf` and `dpkg -S` on itself before every start; packaging/linux/launcher.sh
# replaces it. Stand-ins for both on the PATH record any call.
mkdir -p "$work/stub-bin"
for tool in rpm dpkg; do
  printf '#!/bin/sh\necho "$0 $*" >>"%s"\nexit 1\n' "$work/package-manager-calls" >"$work/stub-bin/$tool"
  chmod +x "$work/stub-bin/$tool"
done
PATH="$work/stub-bin:$PATH" "$app/bin/model-steward-cli" --version >/dev/null || fail "model-steward-cli --version exited $?"
PATH="$work/stub-bin:$PATH" "$app/bin/model-steward" --version >/dev/null || fail "model-steward --version exited $?"
[ ! -s "$work/package-manager-calls" ] || fail "a launcher asked the package manager: $(cat "$work/package-manager-calls")"
# Through a symbolic link, as /usr/bin/model-steward-cli is one.
ln -s "$PWD/$app/bin/model-steward-cli" "$work/model-steward-cli"
"$work/model-steward-cli" --version | grep -q "^Model Steward [0-9]" || fail "model-steward-cli through a link printed no version"
echo "ok: the launchers start without asking rpm or dpkg, also through a link"

# SQLite's library comes from lib/app/native: a temporary folder that does not exist leaves `status` working (the
# driver would otherwise extract its library there and fail).
JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$work/no-such-folder" "$app/bin/model-steward-cli" status --db "$work/demo.db" \
  >"$work/status-no-tmp.out" 2>"$work/status-no-tmp.err" || fail "status with no temporary folder: $(cat "$work/status-no-tmp.err")"
grep -q "ACTIVE versions:" "$work/status-no-tmp.out" || fail "status with no temporary folder printed no ACTIVE versions"
echo "ok: SQLite's library loaded from the app-image (status runs with no temporary folder)"

# What bash-completion does on Tab: load the script, then call its function with the words typed so far.
completion="$app/lib/app/model-steward.bash"
[ -f "$completion" ] || fail "no bash completion at $completion"
complete_words() {
  bash -c 'source "$1" 2>/dev/null; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _complete_model-steward 2>/dev/null; echo "${COMPREPLY[*]}"' _ "$completion" "$@"
}
[ "$(complete_words model-steward-cli req)" = "request" ] || fail "completion of 'req': $(complete_words model-steward-cli req)"
[ "$(complete_words model-steward principal add --role "")" = "ANALYST RISK_OFFICER ADMIN" ] \
  || fail "completion of --role: $(complete_words model-steward principal add --role "")"
echo "ok: bash completion of commands and of --role's values"

JAVA_TOOL_OPTIONS="$headless" "$app/bin/model-steward" --smoke --db "$work/demo.db" 2>"$work/smoke.err" \
  || fail "--smoke on the demo registry exited $?: $(cat "$work/smoke.err")"
grep -q "^steward.startup registry-frame-ms=" "$work/smoke.err" || fail "--smoke never painted the registry: $(cat "$work/smoke.err")"
echo "ok: model-steward --smoke --db (headless): $(grep '^steward.startup' "$work/smoke.err" | tr '\n' ' ')"

# A first run on a fresh account (the run above made $MODEL_STEWARD_HOME remember the last registry).
MODEL_STEWARD_HOME="$work/fresh-home" JAVA_TOOL_OPTIONS="$headless" "$app/bin/model-steward" --smoke 2>"$work/first-run.err" \
  || fail "--smoke with no registry exited $?: $(cat "$work/first-run.err")"
[ -f "$work/fresh-home/demo.db" ] || fail "the first run did not create the demo registry in the data directory"
echo "ok: model-steward --smoke with no --db on a fresh account created and opened its demo.db"

echo "not a database" >"$work/notes.db"
set +e
JAVA_TOOL_OPTIONS="$headless" "$app/bin/model-steward" --smoke --db "$work/notes.db" 2>"$work/bad.err"
status=$?
set -e
[ "$status" = 1 ] || fail "--smoke on a non-registry exited $status, expected 1: $(cat "$work/bad.err")"
grep -q "^E_REGISTRY_NOT_SQLITE: .*notes.db" "$work/bad.err" || fail "no one-line reason: $(cat "$work/bad.err")"
echo "ok: --smoke on a file that is not a registry exits 1: $(grep '^E_' "$work/bad.err")"

# A shell with no display (SSH, a service): GTK cannot start; the launcher says so in one line, no stack trace.
set +e
env -u DISPLAY -u WAYLAND_DISPLAY -u JAVA_TOOL_OPTIONS "$app/bin/model-steward" --db "$work/demo.db" 2>"$work/nodisplay.err"
status=$?
set -e
[ "$status" = 1 ] || fail "the console with no display exited $status, expected 1: $(cat "$work/nodisplay.err")"
grep -q "^E_NO_DISPLAY: " "$work/nodisplay.err" || fail "no one-line reason without a display: $(cat "$work/nodisplay.err")"
! grep -q "$(printf '\tat ')" "$work/nodisplay.err" || fail "a stack trace without a display: $(cat "$work/nodisplay.err")"
echo "ok: the console with no display exits 1: $(grep '^E_' "$work/nodisplay.err")"

written=$(find "$app" -newer "$work/marker" -type f | head -5)
[ -z "$written" ] || fail "the app wrote inside its installation directory: $written"
echo "ok: nothing written inside $app"

for deb in target/model-steward_*.deb; do
  [ -f "$deb" ] || continue
  dpkg-deb -c "$deb" >"$work/contents.txt"
  for path in ./opt/model-steward/bin/model-steward ./opt/model-steward/bin/model-steward-cli \
      ./opt/model-steward/lib/app/model-steward.aot ./opt/model-steward/lib/app/model-steward-cli.aot \
      ./opt/model-steward/lib/app/native/libsqlitejdbc.so \
      ./opt/model-steward/lib/runtime/lib/libglassgtk3.so \
      ./opt/model-steward/lib/model-steward-model-steward.desktop ./opt/model-steward/lib/app/model-steward.bash; do
    grep -q " $path\$" "$work/contents.txt" || fail "$deb lacks $path"
  done
  dpkg-deb -f "$deb" Depends | grep -q "libgtk-3-0" || fail "$deb does not depend on libgtk-3-0"
  dpkg-deb -I "$deb" postinst | grep -q "ln -sf /opt/model-steward/lib/app/model-steward.bash /usr/share/bash-completion/completions/model-steward-cli" \
    || fail "$deb's postinst does not link the bash completion"
  # The installer's weight bound (ADR 6) holds for a release, which dpkg-deb compresses with xz; CI's gzip is larger.
  size=$(stat -c %s "$deb")
  compression=$(grep -a -m1 -o 'data\.tar\.[a-z0-9]*' "$deb" | sed -n 1p)
  if [ "$compression" = data.tar.xz ]; then
    [ "$size" -le 80000000 ] || fail "$deb weighs $size bytes, more than 80 MB"
  else
    echo "note: $deb has $compression, not data.tar.xz: its size ($size bytes) is not a release's and is not checked"
  fi
  echo "ok: $deb ($size bytes, $compression, $(wc -l <"$work/contents.txt") entries; Depends has libgtk-3-0)"
  sed -n '1,12p;$p' "$work/contents.txt"
done
