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
for report in summary paths recommendations talkers timeline inputs nat-talkers; do
  for format in table csv tsv jsonl json; do
    run "analyze-$report.$format" analyze "${model[@]}" --report "$report" --format "$format" samples/logs
  done
done
run analyze-all.json analyze "${model[@]}" --report summary,paths,recommendations,talkers,timeline,inputs,nat-talkers --format json samples/logs
run analyze-all.html analyze "${model[@]}" --report summary,paths,recommendations,talkers,timeline,inputs --format html samples/logs
run analyze-no-ranges.csv analyze --topology samples/topology --report recommendations --format csv samples/logs
run parse-stats.csv parse --stats samples/logs
run topology-check.txt topology check samples/topology
# The money rules case by case (tests/money/CASE: topo.json, flows.log, and
# ranges.json or prices.csv when the case needs them), each a small estate
# on which breaking one rule of docs/reports.md or docs/prices.md changes
# the summary or a recommendation.
for d in tests/money/*/; do
  c=$(basename "$d")
  extra=()
  [ -f "$d/ranges.json" ] && extra+=(--ip-ranges "$d/ranges.json")
  [ -f "$d/prices.csv" ] && extra+=(--pricing "$d/prices.csv")
  run "money-$c.csv" analyze -q --topology "$d/topo.json" "${extra[@]}" --report summary,recommendations \
    --format csv "$d/flows.log"
done

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
# The totals rule (docs/reports.md), recomputed from the paths report:
# local, peering and transit-gateway from egress records only, and the NAT
# gateway's internet side only (its vpc side is the same bytes again), and
# no flow a Gateway Load Balancer forwarded (reason forwarded) nor a NAT
# ENI's record of neither of its addresses (not-nat-traffic); an
# endpoint-eni row counts its ingress too. The
# summary's bytes.VANTAGE.PATH and the timeline's sums must equal it.
rule_sums() {
  awk -F, 'NR > 1 && $7 != "vpc" && $16 != "forwarded" && $16 != "not-nat-traffic" && ($8 == "egress" || ($7 == "endpoint-eni" && $8 == "ingress") || ($10 != "local" && $10 != "peering" && $10 != "transit-gateway")) {
    s[$6 "." $10] += $19 } END { for (k in s) if (s[k]) printf "%s %.0f\n", k, s[k] }' "$1" | sort
}
rule_sums "$tmp/analyze-paths.csv.out" >"$tmp.rule"
awk -F, '$1 ~ /^bytes\./ { sub(/^bytes\./, "", $1); print $1, $2 }' "$tmp/analyze-summary.csv.out" | sort >"$tmp.summary"
awk -F, 'NR > 1 { s[$2 "." $3] += $6 } END { for (k in s) if (s[k]) printf "%s %.0f\n", k, s[k] }' \
  "$tmp/analyze-timeline.csv.out" | sort >"$tmp.timeline"
total=$(ls "$tmp" | wc -l)
for what in summary timeline; do
  total=$((total + 1))
  if ! grep -q '^nat-gateway\.' "$tmp.rule" || ! cmp -s "$tmp.rule" "$tmp.$what"; then
    echo "golden: the $what's bytes by vantage and path break the totals rule:"
    diff -u "$tmp.rule" "$tmp.$what" | head -20 || true
    fail=$((fail + 1))
  fi
done
rm -f "$tmp.rule" "$tmp.summary" "$tmp.timeline"
# nat-talkers: each NAT gateway's rows sum to its vpc side in paths (but
# REJECT), and its shares to 1
total=$((total + 1))
awk -F, 'NR > 1 && $6 == "nat-gateway" && $7 == "vpc" && $9 != "REJECT" { s[$13] += $19 }
  END { for (k in s) printf "%s %.0f\n", k, s[k] }' "$tmp/analyze-paths.csv.out" | sort >"$tmp.natvpc"
awk -F, 'NR > 1 { s[$1] += $14; sh[$1] += $15 }
  END { for (k in s) { if (sh[k] < 0.999 || sh[k] > 1.001) print "share", k, sh[k]; printf "%s %.0f\n", k, s[k] } }' \
  "$tmp/analyze-nat-talkers.csv.out" | sort >"$tmp.nattalk"
if [ ! -s "$tmp.natvpc" ] || ! cmp -s "$tmp.natvpc" "$tmp.nattalk"; then
  echo "golden: nat-talkers do not sum to the NAT gateways' vpc side in paths:"
  diff -u "$tmp.natvpc" "$tmp.nattalk" | head -20 || true
  fail=$((fail + 1))
fi
rm -f "$tmp.natvpc" "$tmp.nattalk"
# a cut list (--max-talkers, and --max-rows cutting the core too): the
# shares of each NAT gateway's kept rows sum to more than 0, at most 1
total=$((total + 1))
if ! "$flowpath" analyze -q "${model[@]}" --max-talkers 5 --max-rows 3 --report nat-talkers --format csv samples/logs |
  awk -F, 'NR > 1 && $1 != "(other)" { n++; sh[$1] += $15 } END { for (k in sh) if (sh[k] <= 0 || sh[k] > 1.000001) bad++; exit !(n > 0 && !bad) }'; then
  echo "golden: a cut nat-talkers list has shares of 0 or over 1"
  fail=$((fail + 1))
fi
# every line and text byte of each input in exactly one category
total=$((total + 1))
if ! awk -F, 'NR > 1 { n++
    if ($4 != $5 + $16 + $6 + $7 + $8 + $9 || $12 != $17 + $18 + $19 + $20 + $21 + $22) bad++ }
    END { exit !(n > 0 && !bad) }' "$tmp/analyze-inputs.csv.out"; then
  echo "golden: the inputs report's lines or text bytes do not add up"
  fail=$((fail + 1))
fi
# a saving that is not the whole current cost nor nil is current - new as
# printed, to the last digit (a reader's own subtraction must agree)
total=$((total + 1))
for d in tests/money/*/ samples; do
  if [ "$d" = samples ]; then args=("${model[@]}" samples/logs)
  else
    args=(--topology "$d/topo.json" "$d/flows.log")
    [ -f "$d/ranges.json" ] && args+=(--ip-ranges "$d/ranges.json")
    [ -f "$d/prices.csv" ] && args+=(--pricing "$d/prices.csv")
  fi
  "$flowpath" analyze -q --report recommendations --format tsv "${args[@]}" 2>/dev/null || true
done | awk -F'\t' '$1 == "vpc" { next } { n++; c = $9; w = $10; s = $11
    if (s != 0 && s != c && (s - (c - w) > 0.00005 || (c - w) - s > 0.00005)) { bad++; print "golden: saving", s, "is not", c, "-", w, "in:", $0 } }
    END { exit !(n > 0 && !bad) }' || { echo "golden: a recommendation's saving is not its current - new cost"; fail=$((fail + 1)); }
# no recommendation's reason was cut at its buffer's end (a cut one ends
# in " [...]"); the longest seen is about 1,100 bytes
total=$((total + 1))
if grep -l ' \[\.\.\.\]"' "$tmp"/*.out; then
  echo "golden: a recommendation's reason was cut short (the files above)"
  fail=$((fail + 1))
fi
echo "$((total - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
