#!/usr/bin/env bash
# `audit verify` of this build (A, target/) against another (B_DIR with model-steward.jar and lib/) on tampered copies
# of a registry: for each tampering, with an empty data folder and with the head of the untampered copy pinned first,
# in text and JSON, prints whether standard output, error output with the exit code, and the pins left in the settings
# (timestamp line aside) are the same. Usage: bench/audit-verify-same.sh B_DIR REGISTRY
set -euo pipefail
cd "$(dirname "$0")/.."
b_dir="$1"; src="$2"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
declare -A jar=([A]="${A_DIR:-$PWD/target}/model-steward.jar" [B]="$b_dir/model-steward.jar")
for v in clean tail_edit middle_delete resigned_head resigned_head_other_signer gap_insert chained_append front_insert \
         prev_hash_edit rehashed_middle rechained_tail head_hash_edit head_delete head_off_log row_edit truncate_tail; do
  for mode in pinned fresh; do
    for side in A B; do
      rm -rf "$work/home"; mkdir "$work/home"; export MODEL_STEWARD_HOME="$work/home"
      cp "$src" "$work/r.db"
      if [ $mode = pinned ]; then "$java" -jar "${jar[$side]}" audit verify --db "$work/r.db" >/dev/null 2>&1 || true; fi
      python3 bench/audit_verify_tamper.py "$work/r.db" $v
      for fmt in text json; do
        rc=0
        "$java" -jar "${jar[$side]}" audit verify --db "$work/r.db" $([ $fmt = json ] && echo --json) \
          >"$work/$fmt.$side.out" 2>"$work/$fmt.$side.err" || rc=$?
        echo "rc=$rc" >>"$work/$fmt.$side.err"
      done
      grep -v '^#' "$work/home/settings.properties" >"$work/$side.settings" 2>/dev/null || true
    done
    for fmt in text json; do
      same=same
      cmp -s "$work/$fmt.A.out" "$work/$fmt.B.out" && cmp -s "$work/$fmt.A.err" "$work/$fmt.B.err" || same=DIFFERENT
      echo "$v $mode $fmt $same $(tail -1 "$work/$fmt.A.err") $(head -1 "$work/$fmt.A.err" | cut -c1-120)"
    done
    cmp -s "$work/A.settings" "$work/B.settings" && echo "$v $mode pins same" || echo "$v $mode pins DIFFERENT"
  done
done
