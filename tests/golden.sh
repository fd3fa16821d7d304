#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Golden-file tests: every report in every format on the shipped samples,
# compared byte for byte with tests/golden/, stdout, stderr and exit status.
#   tests/golden.sh FLOWPATH          check (ctest runs this)
#   tests/golden.sh FLOWPATH --regen  rewrite tests/golden/ after a deliberate change
set -euo pipefail
flowpath=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mode=${2:-check}
cd "$(dirname "$0")/.."
golden=tests/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # name, then flowpath arguments
  local name=$1; shift
  local rc=0
  "$flowpath" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
  echo "$rc" >"$tmp/$name.rc"
}

model=(--topology samples/topology --ip-ranges samples/ip-ranges.json)
for report in summary paths recommendations talkers timeline inputs; do
  for format in table csv tsv jsonl json; do
    run "analyze-$report.$format" analyze "${model[@]}" --report "$report" --format "$format" samples/logs
  done
done
run analyze-all.json analyze "${model[@]}" --report summary,paths,recommendations,talkers,timeline,inputs --format json samples/logs
run analyze-no-ranges.csv analyze --topology samples/topology --report recommendations --format csv samples/logs
run parse-stats.csv parse --stats samples/logs
run topology-check.txt topology check samples/topology

if [ "$mode" = "--regen" ]; then
  rm -rf "$golden"
  mkdir -p "$golden"
  cp "$tmp"/* "$golden"/
  echo "golden: $(ls "$golden" | wc -l) files written to $golden"
  exit 0
fi

fail=0
for f in "$tmp"/*; do
  name=$(basename "$f")
  if ! cmp -s "$f" "$golden/$name"; then
    echo "golden: $name differs from $golden/$name:"
    diff -u "$golden/$name" "$f" | head -20 || true
    fail=$((fail + 1))
  fi
done
for f in "$golden"/*; do
  [ -e "$tmp/$(basename "$f")" ] || { echo "golden: $f is no longer produced"; fail=$((fail + 1)); }
done
total=$(ls "$tmp" | wc -l)
echo "$((total - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
