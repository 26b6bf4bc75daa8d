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
# java, unlike jpackage's launcher, would add the options of JDK_JAVA_OPTIONS (meant for a developer's JDK), print a
# note about them on stderr, and could make the JVM reject the AOT cache; JAVA_TOOL_OPTIONS reaches the JVM either way.
unset JDK_JAVA_OPTIONS
IFS=:
exec "$root/lib/runtime/bin/java" -classpath "${classpath[*]}" "${options[@]}" -Djpackage.app-path="$self" \
  "$mainclass" "$@"
