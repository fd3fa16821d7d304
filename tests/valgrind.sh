#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The end-to-end commands under valgrind memcheck: no invalid access, no
# uninitialised value, no definite leak. Run by scripts/test on the zlib
# build (valgrind does not know every instruction ISA-L's inflate uses).
set -uo pipefail
flowpath=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind: not installed (scripts/setup)"; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
vg() { # name, then flowpath arguments
  local name=$1; shift
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --log-file="$tmp/vg.log" "$flowpath" "$@" >/dev/null 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -eq 99 ] || [ -s "$tmp/vg.log" ]; then
    fail=$((fail + 1)); echo "valgrind: $name:"; head -30 "$tmp/vg.log"
  else
    pass=$((pass + 1))
  fi
}
model=(--topology samples/topology --ip-ranges samples/ip-ranges.json)
vg "analyze, every report" analyze "${model[@]}" -j 2 --report summary,paths,recommendations,talkers,timeline,inputs --format json samples/logs
vg "analyze, partial" analyze "${model[@]}" --emit partial -o "$tmp/p" samples/logs
vg "merge" merge "${model[@]}" --report recommendations --format table "$tmp/p" "$tmp/p"
vg "parse" parse --format jsonl samples/logs
vg "parse --stats" parse --stats samples/logs
vg "explain" explain "${model[@]}" --account 111111111111 10.10.12.7 52.216.8.9
vg "topology check" topology check samples/topology
head -c 3000 "$(find samples/logs -name '*.gz' | head -1)" >"$tmp/trunc.gz"
vg "a truncated gzip" analyze "${model[@]}" "$tmp/trunc.gz"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
