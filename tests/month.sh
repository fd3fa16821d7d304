#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A month-long synthetic archive in the S3 layout (30 days of
# tests/estate_gen), run every way a nightly or cluster job would: one run,
# -j 2, --shard partials merged, and one --day run per day. Every route
# must give the same bytes: the whole-month reports are byte-identical, each
# --day run equals a run over that day's files alone and skips the other
# days' files by name, and the 30 days add up to the month.
set -uo pipefail
estate_gen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
flowpath=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "month: $*"; }

mkdir -p "$tmp/archive"
for d in $(seq 0 29); do
  "$estate_gen" -o "$tmp/d$d" -n 400 -s $((500 + d)) -w 12 -D "$d" >/dev/null 2>&1 || { ko "estate_gen day $d"; break; }
  cp -r "$tmp/d$d/logs/." "$tmp/archive/"
done
topo=("--topology" "$tmp/d0/topology" "--ip-ranges" "$tmp/d0/ip-ranges.json")
files=$(find "$tmp/archive" -name '*.log.gz' | wc -l)
[ "$files" -gt 300 ] && ok || ko "only $files files in the archive"

"$flowpath" analyze "${topo[@]}" -q -j 1 --report paths --format csv "$tmp/archive" >"$tmp/j1.csv" || ko "-j 1 failed"
"$flowpath" analyze "${topo[@]}" -q -j 2 --report paths --format csv "$tmp/archive" >"$tmp/j2.csv" || ko "-j 2 failed"
cmp -s "$tmp/j1.csv" "$tmp/j2.csv" && ok || ko "-j 1 and -j 2 differ"
for i in 0 1 2; do
  "$flowpath" analyze "${topo[@]}" -q --shard "$i/3" --emit partial -o "$tmp/part$i" "$tmp/archive" || ko "shard $i failed"
done
"$flowpath" merge "${topo[@]}" -q --report paths --format csv "$tmp/part2" "$tmp/part0" "$tmp/part1" >"$tmp/merged.csv" || ko "merge failed"
cmp -s "$tmp/j1.csv" "$tmp/merged.csv" && ok || ko "shards merged differ from one run"

bytes_of() { awk -F, 'NR > 1 {s += $19} END {printf "%.0f\n", s}' "$1"; }
month=$(bytes_of "$tmp/j1.csv")
total=0
for d in $(seq 0 29); do
  day=$(date -u -d "2026-11-25 + $d days" +%Y-%m-%d)
  "$flowpath" analyze "${topo[@]}" -q -j 2 --day "$day" --report paths --format csv "$tmp/archive" >"$tmp/day.csv" 2>"$tmp/day.err" || ko "--day $day failed"
  total=$((total + $(bytes_of "$tmp/day.csv")))
  if [ $((d % 7)) -eq 3 ]; then
    "$flowpath" analyze "${topo[@]}" -q --report paths --format csv "$tmp/d$d/logs" >"$tmp/alone.csv"
    cmp -s "$tmp/day.csv" "$tmp/alone.csv" && ok || ko "--day $day differs from that day's files alone"
    "$flowpath" analyze "${topo[@]}" -q --day "$day" --report inputs --format csv "$tmp/archive" >"$tmp/inputs.csv"
    skipped=$(grep -c ',skipped,' "$tmp/inputs.csv")
    read_=$(grep -c ',ok,' "$tmp/inputs.csv")
    [ "$skipped" -gt $((files * 8 / 10)) ] && [ "$read_" -lt $((files / 10)) ] && ok || ko "--day $day read $read_ files and skipped $skipped of $files"
  fi
done
[ "$total" = "$month" ] && ok || ko "the 30 days add up to $total bytes, the month has $month"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
