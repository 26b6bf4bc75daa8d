#!/usr/bin/env bash
# Sourced: sets JAVA_HOME/PATH to a JDK >= 25 (JAVA_HOME if it is one, else the newest under /usr/lib/jvm), or fails clearly.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p' | head -1; }
pick=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
  pick="$JAVA_HOME"
else
  best=0
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/javac" ] || continue
    v=$(java_major "$home"); [ -n "$v" ] || continue
    if [ "${v%%.*}" -ge 25 ] 2>/dev/null && [ "${v%%.*}" -gt "$best" ]; then best=${v%%.*}; pick=$home; fi
  done
fi
if [ -z "$pick" ]; then
  echo "error: no JDK 25 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm has none); install Temurin 25 and set JAVA_HOME" >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$pick"
export PATH="$JAVA_HOME/bin:$PATH"
echo "Using JDK at $JAVA_HOME"
