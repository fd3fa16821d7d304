#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/cluster.md's GNU parallel recipe, run locally: list the sample logs,
# analyze 4 shards in parallel into partials, merge them, and compare every
# report with one run over the whole input. Also merges the shards in
# another order and as a tree (partials of partials).
set -euo pipefail
flowpath=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
command -v parallel >/dev/null || { echo "cluster: GNU parallel is not installed (scripts/setup)"; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
model=(--topology samples/topology --ip-ranges samples/ip-ranges.json)
reports=(--report summary,paths,recommendations,talkers,timeline,inputs,nat-talkers --format json)
pass=0 fail=0
check() { # name, file a, file b
  if cmp -s "$2" "$3"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "cluster: $1 differs"; diff <(tr ',' '\n' <"$2") <(tr ',' '\n' <"$3") | head -10; fi
}

"$flowpath" analyze "${model[@]}" "${reports[@]}" -q samples/logs >"$tmp/whole.json"

find samples/logs -type f | sort >"$tmp/files.txt"
mkdir "$tmp/parts"
export flowpath tmp
seq 0 3 | parallel --will-cite --halt now,fail=1 \
  '"$flowpath" analyze --topology samples/topology --ip-ranges samples/ip-ranges.json --files-from "$tmp/files.txt" --shard {}/4 -q --emit partial -o "$tmp/parts/{}.partial"'
"$flowpath" merge "${model[@]}" "${reports[@]}" -q "$tmp"/parts/*.partial >"$tmp/merged.json"
check "merge of 4 shards" "$tmp/whole.json" "$tmp/merged.json"

"$flowpath" merge "${model[@]}" "${reports[@]}" -q "$tmp/parts/3.partial" "$tmp/parts/1.partial" \
  "$tmp/parts/0.partial" "$tmp/parts/2.partial" >"$tmp/reordered.json"
check "merge in another order" "$tmp/whole.json" "$tmp/reordered.json"

"$flowpath" merge -q --emit partial "$tmp/parts/0.partial" "$tmp/parts/3.partial" >"$tmp/left.partial"
"$flowpath" merge -q --emit partial "$tmp/parts/2.partial" "$tmp/parts/1.partial" >"$tmp/right.partial"
"$flowpath" merge "${model[@]}" "${reports[@]}" -q "$tmp/right.partial" "$tmp/left.partial" >"$tmp/tree.json"
check "tree of merges" "$tmp/whole.json" "$tmp/tree.json"

for j in 1 3; do
  "$flowpath" analyze "${model[@]}" "${reports[@]}" -q -j $j samples/logs >"$tmp/j$j.json"
  check "-j $j" "$tmp/whole.json" "$tmp/j$j.json"
done
# day partials merged: days that follow each other say nothing; a day
# missing between them is warned about (the projection spans the gap)
for day in 2026-11-25 2026-11-26 2026-11-27; do
  "$flowpath" analyze "${model[@]}" -q --day $day --emit partial -o "$tmp/$day.partial" samples/logs 2>/dev/null
done
"$flowpath" merge -q --report summary --format csv "$tmp/2026-11-26.partial" "$tmp/2026-11-25.partial" \
  >/dev/null 2>"$tmp/err.days"
# (the samples hold one day: the merged two days' window is more than half
# empty, which the span warning says; no warning about a gap)
grep -v "the flows counted span only" "$tmp/err.days" >"$tmp/err.days.gap" || true
if [ -s "$tmp/err.days.gap" ]; then fail=$((fail + 1)); echo "cluster: next days warned: $(cat "$tmp/err.days.gap")"; else pass=$((pass + 1)); fi
if grep -q "the flows counted span only 22.2 h (2026-11-25T00:06:52Z to 2026-11-25T22:19:57Z) of the window's 48.0 h" "$tmp/err.days"; then
  pass=$((pass + 1))
else
  fail=$((fail + 1)); echo "cluster: the merge of two days, one of them empty, did not warn of the span: $(cat "$tmp/err.days")"
fi
"$flowpath" merge -q --report summary --format csv "$tmp/2026-11-27.partial" "$tmp/2026-11-25.partial" \
  >/dev/null 2>"$tmp/err.gap"
if grep -q "leave 24.0 hours uncovered" "$tmp/err.gap"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "cluster: a gap between days was not warned about: $(cat "$tmp/err.gap")"; fi
# the merged inputs report lists a file skipped by every partial once, and
# leaves out the skipped rows of a file another partial read
"$flowpath" merge -q --report inputs --format csv "$tmp"/2026-11-2[567].partial >"$tmp/inputs.days"
awk -F, 'NR > 1 { n[$1 FS $2]++; st[$1] = st[$1] " " $2 }
  END { for (k in n) if (k ~ /,skipped$/ && n[k] > 1) bad++
        for (p in st) if (st[p] ~ /skipped/ && st[p] ~ /ok|partial|error/) bad++
        exit bad > 0 }' "$tmp/inputs.days" && pass=$((pass + 1)) ||
  { fail=$((fail + 1)); echo "cluster: merged day partials list files skipped twice or skipped and read"; }
# a merge without the topology says what its recommendations lack; with
# it, or without recommendations, it says nothing of it
note_of() { "$flowpath" merge "$@" --format csv "$tmp/parts/0.partial" 2>&1 >/dev/null | grep -c 'no --topology' || true; }
if [ "$(note_of --report recommendations)" = 1 ] && [ "$(note_of "${model[@]}" --report recommendations)" = 0 ] &&
  [ "$(note_of --report summary)" = 1 ] && [ "$(note_of --report paths)" = 0 ]; then pass=$((pass + 1)); else
  fail=$((fail + 1)); echo "cluster: merge without --topology: no note, or one where none is due"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
