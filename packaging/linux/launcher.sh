#!/bin/bash
# The Linux app-image's launchers, bin/model-steward and bin/model-steward-cli, are both this script: it starts the
# bundled runtime's java with what jpackage wrote for the launcher of the same name into lib/app/<name>.cfg (class path,
# main class, Java options, default arguments), as jpackage's own launcher does and as the .msi's and .dmg's still do.
# jpackage's Linux launcher first asks rpm and dpkg, twice, which package owns it, and every start waits for the
# package database to answer; this script asks nothing (packaging/README.md, "The launchers are a script").
self=$(readlink -f -- "$0") || exit 1
root=${self%/bin/*}
appdir=$root/lib/app
cfg=$appdir/${self##*/}.cfg
# `model-steward COMMAND …` is the command line (com.modelsteward.Main.opensConsole: no arguments, or a first argument
# that is an option other than --help and --version, open the console): it gets the command line's options and AOT
# cache, made for a command's start, not the console's (ADR 23).
if [[ ${self##*/} == model-steward && $# -gt 0 && ( $1 != --* || $1 == --help || $1 == --version ) ]]; then
  cfg=$appdir/model-steward-cli.cfg
fi
if [[ ! -r $cfg ]]; then
  echo "E_LAUNCHER_CONFIG: $cfg is missing: reinstall Model Steward" >&2
  exit 1
fi

classpath=() options=() defaults=() mainclass=
while IFS= read -r line || [[ -n $line ]]; do
  # The substitutions jpackage's launchers make in a .cfg.
  line=${line//'$APPDIR'/$appdir}
  line=${line//'$BINDIR'/$root/bin}
  line=${line//'$ROOTDIR'/$root}
  case $line in
    app.classpath=*) classpath+=("${line#*=}") ;;
    app.mainclass=*) mainclass=${line#*=} ;;
    java-options=*) options+=("${line#*=}") ;;
    arguments=*) defaults+=("${line#*=}") ;;
  esac
done <"$cfg"

# The cfg's arguments apply only when the launcher is given none.
(($#)) || set -- "${defaults[@]}"
# A command a user waits on at the prompt runs on C1 alone: it is over in about a second, and C2's compilations took a
# core from it for code that came when it was nearly done. Its young generation is fixed and small: a read of the whole
# registry (`audit verify`, `lineage --json`) makes garbage fast, and the collector would grow the heap to hundreds of
# MB of fresh pages, each zeroed by the kernel on first touch, where a small one is reused. The commands that work
# through bulk input keep C2, which their loops pay back, and the collector's own sizing. Figures in ADR 23 and
# docs/performance.md; every command is in one list or the other (LauncherCommandsTest).
if [[ $cfg == */model-steward-cli.cfg ]]; then
  case $1 in
    approve | audit | help | history | init | lineage | model-card | policy | principal | register | reject | request \
      | rollback | rules | status | -h | --help | -V | --version)
      options+=(-XX:TieredStopAtLevel=1)
      # A heap the user bounded (JAVA_TOOL_OPTIONS) is theirs to divide: 32 MB of young generation in a heap not much
      # larger would leave no room for the AOT cache's objects, and the JVM would refuse to start.
      [[ $JAVA_TOOL_OPTIONS =~ -Xm[xn]|MaxHeapSize|MaxRAM|NewSize|NewRatio ]] || options+=(-Xmn32m)
      ;;
    demo | drift | drift-samples | migrate | scorecards) ;;
  esac
  # A drift has an AOT cache of its own (the pom's training runs): the command line's also holds the registry's,
  # Jackson's and the card's classes, and a cache loads and links every class it holds at each start.
  if [[ $1 == drift && -r $appdir/model-steward-drift.aot ]]; then
    options=("${options[@]/#-XX:AOTCache=*/-XX:AOTCache=$appdir/model-steward-drift.aot}")
  fi
  # The cfg's transparent huge pages are kept on Intel's CPUs only (ADR 25): there a drift's fresh columns in 4 KB pages
  # cost more in page walks than the 2 MB pages cost to fault in; on AMD's they cost nothing more, while a 2 MB page the
  # kernel had handed back to the hypervisor is faulted in again from the host, at several times a small page's cost.
  vendor=
  if [[ -r /proc/cpuinfo ]]; then
    # The first processor's lines only: they end at the first empty line.
    while IFS= read -r line && [[ -n $line ]]; do
      if [[ $line == vendor_id* ]]; then
        vendor=${line##*: }
        break
      fi
    done </proc/cpuinfo
  fi
  if [[ $vendor != GenuineIntel ]]; then
    kept=()
    for option in "${options[@]}"; do
      [[ $option == -XX:+UseTransparentHugePages ]] || kept+=("$option")
    done
    options=("${kept[@]}")
  fi
fi
# java, unlike jpackage's launcher, would add the options of JDK_JAVA_OPTIONS (meant for a developer's JDK), print a
# note about them on stderr, and could make the JVM reject the AOT cache; JAVA_TOOL_OPTIONS reaches the JVM either way.
unset JDK_JAVA_OPTIONS
IFS=:
exec "$root/lib/runtime/bin/java" -classpath "${classpath[*]}" "${options[@]}" -Djpackage.app-path="$self" \
  "$mainclass" "$@"
