#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/flowpath-nightly (docs/cron.md) on the samples: its report equals
# `flowpath analyze --day` on the same input, and a run while the lock is
# held exits 75 and leaves the report alone.
set -uo pipefail
flowpath=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "cron: $*"; }

export FLOWPATH="$flowpath" FLOWPATH_LOGS=samples/logs FLOWPATH_TOPOLOGY=samples/topology
export FLOWPATH_IP_RANGES=samples/ip-ranges.json FLOWPATH_OUT="$tmp/out" FLOWPATH_DAY=2026-11-25
scripts/flowpath-nightly 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && ok || ko "nightly exited $rc: $(cat "$tmp/err")"
"$flowpath" analyze --topology samples/topology --ip-ranges samples/ip-ranges.json --day 2026-11-25 -q \
  --report summary,paths,recommendations,inputs --format json samples/logs >"$tmp/direct.json"
cmp -s "$tmp/out/2026-11-25.json" "$tmp/direct.json" && ok || ko "the nightly report differs from analyze --day"
grep -q '"flows","value":"3004"' "$tmp/out/2026-11-25.json" && ok || ko "the day's flows are not all counted"

# the day before has no logs: nothing counted, every file skipped by name
FLOWPATH_DAY=2026-11-24 scripts/flowpath-nightly 2>/dev/null
grep -q '"flows","value":"0"' "$tmp/out/2026-11-24.json" && ok || ko "2026-11-24 counted flows"
grep -q '"status":"skipped"' "$tmp/out/2026-11-24.json" && ok || ko "no file skipped by its S3 name"

# overlapping runs: hold the lock, the script refuses
cp "$tmp/out/2026-11-25.json" "$tmp/before.json"
exec 9>"$tmp/out/.flowpath.lock"
flock -n 9
scripts/flowpath-nightly 2>"$tmp/err2"
rc=$?
exec 9>&-
[ "$rc" -eq 75 ] && ok || ko "a second run exited $rc, want 75"
grep -q "another run holds" "$tmp/err2" && ok || ko "no message for the held lock"
cmp -s "$tmp/out/2026-11-25.json" "$tmp/before.json" && ok || ko "the locked-out run touched the report"

# a configuration error exits 2 and writes nothing
FLOWPATH_TOPOLOGY="$tmp/missing" FLOWPATH_DAY=2026-11-23 scripts/flowpath-nightly 2>/dev/null
rc=$?
[ "$rc" -eq 2 ] && [ ! -e "$tmp/out/2026-11-23.json" ] && ok || ko "a missing topology exited $rc"
# reports inside the log tree would be read as logs the next night: refused
mkdir -p "$tmp/logs" && cp -r samples/logs "$tmp/logs/"
FLOWPATH_LOGS="$tmp/logs" FLOWPATH_OUT="$tmp/logs/reports" scripts/flowpath-nightly 2>"$tmp/err3"
rc=$?
[ "$rc" -eq 2 ] && [ ! -e "$tmp/logs/reports" ] && ok || ko "reports inside the logs exited $rc (or made the folder)"
grep -q "is inside FLOWPATH_LOGS" "$tmp/err3" && ok || ko "no message for reports inside the logs"
# a lock file that cannot be opened: exit 3, said so
FLOWPATH_LOCK="$tmp/no-such-dir/lock" scripts/flowpath-nightly 2>"$tmp/err4"
rc=$?
[ "$rc" -eq 3 ] && grep -q "cannot open the lock file" "$tmp/err4" && ok || ko "an unopenable lock exited $rc"
# no input could be read (the log folder not mounted): exit 1, the old
# report left as it was, and said so
cp "$tmp/out/2026-11-25.json" "$tmp/before.json"
FLOWPATH_LOGS="$tmp/not-mounted" scripts/flowpath-nightly 2>"$tmp/err5"
rc=$?
[ "$rc" -eq 1 ] && cmp -s "$tmp/out/2026-11-25.json" "$tmp/before.json" && ok || ko "an absent log folder exited $rc (or touched the report)"
grep -q "no input could be read.*no report written" "$tmp/err5" && ok || ko "an absent log folder: $(cat "$tmp/err5")"
# a bad file beside good ones: exit 1, the report written, said so
mkdir -p "$tmp/partial" && cp -r samples/logs "$tmp/partial/" && printf 'not gzip' >"$tmp/partial/bad.log.gz"
FLOWPATH_LOGS="$tmp/partial" scripts/flowpath-nightly 2>"$tmp/err6"
rc=$?
[ "$rc" -eq 1 ] && ! cmp -s "$tmp/out/2026-11-25.json" "$tmp/before.json" && ok || ko "a partial day exited $rc (or wrote no report)"
grep -q "the report covers the rest" "$tmp/err6" && ok || ko "a partial day: $(cat "$tmp/err6")"
# the report a symbolic link: its file is replaced, and that is seen
mkdir -p "$tmp/lout" && ln -s "$tmp/out/2026-11-25.json" "$tmp/lout/2026-11-25.json"
FLOWPATH_LOGS="$tmp/partial" FLOWPATH_OUT="$tmp/lout" scripts/flowpath-nightly 2>"$tmp/err8"
rc=$?
[ "$rc" -eq 1 ] && [ -L "$tmp/lout/2026-11-25.json" ] && grep -q "the report covers the rest" "$tmp/err8" && ok ||
  ko "a partial day through a symbolic link: exit $rc: $(cat "$tmp/err8")"
# cron's short PATH: the flowpath beside the script serves
mkdir -p "$tmp/bin" && cp scripts/flowpath-nightly "$tmp/bin/" && ln -s "$flowpath" "$tmp/bin/flowpath"
env -u FLOWPATH PATH=/usr/bin:/bin FLOWPATH_DAY=2026-11-22 "$tmp/bin/flowpath-nightly" 2>/dev/null
rc=$?
[ "$rc" -eq 0 ] && [ -e "$tmp/out/2026-11-22.json" ] && ok || ko "the flowpath beside the script: exit $rc"
env -u FLOWPATH PATH=/usr/bin:/bin FLOWPATH_DAY=2026-11-22 sh scripts/flowpath-nightly 2>"$tmp/err7"
rc=$?
[ "$rc" -eq 2 ] && grep -q "set FLOWPATH" "$tmp/err7" && ok || ko "no flowpath found exited $rc"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
