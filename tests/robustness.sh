#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Corrupt archives and failing outputs, end to end (issue: nothing lost).
# Each corrupt input is analyzed beside the good samples: the run must name
# the input and its error on stderr, exit 1 (or 0 where the input is not
# wrong), and count every record of every good input exactly as a clean
# run does. Then the output failures: a full disk, a closed stdout, a pipe
# whose reader quits, an unwritable -o directory.
set -uo pipefail
flowpath=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "robustness: $*"; }

good=samples/logs/AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/11/25
one=$(ls "$good"/*.log.gz | head -1)
model=(--topology samples/topology --ip-ranges samples/ip-ranges.json)
# flows counted for the good inputs, per file, from the inputs report
good_flows() { grep "^$good" | awk -F, '{print $1, $6}' | sort; }
"$flowpath" analyze "${model[@]}" --report inputs --format csv -q "$good" >"$tmp/clean.csv" 2>/dev/null
good_flows <"$tmp/clean.csv" >"$tmp/clean.flows"
[ -s "$tmp/clean.flows" ] && ok || ko "no clean run"

# case NAME WANT_STATUS STDERR_PATTERN FILE...: analyze the good logs plus FILE...
case_() {
  local name=$1 want=$2 pattern=$3; shift 3
  "$flowpath" analyze "${model[@]}" --report inputs --format csv -q "$good" "$@" >"$tmp/out.csv" 2>"$tmp/err"
  local rc=$?
  [ "$rc" -eq "$want" ] && ok || ko "$name: exit $rc, want $want: $(head -3 "$tmp/err")"
  if [ -n "$pattern" ]; then
    grep -q -- "$pattern" "$tmp/err" && ok || ko "$name: stderr lacks '$pattern': $(head -3 "$tmp/err")"
  fi
  good_flows <"$tmp/out.csv" | cmp -s - "$tmp/clean.flows" && ok || ko "$name: the good inputs' flows changed"
  grep -q "internal accounting" "$tmp/err" && ko "$name: accounting identity broken" || ok
  # every line and text byte of each input, in the inputs report, in one category
  awk -F, 'NR > 1 && ($4 != $5 + $16 + $6 + $7 + $8 + $9 || $12 != $17 + $18 + $19 + $20 + $21 + $22) { bad = 1 }
    END { exit bad }' "$tmp/out.csv" && ok || ko "$name: the inputs report's lines or text bytes do not add up"
}

size=$(stat -c %s "$one")
for cut in 5 20 $((size / 3)) $((size / 2)) $((size - 9)) $((size - 1)); do
  head -c "$cut" "$one" >"$tmp/trunc-$cut.log.gz"
  case_ "truncated at $cut" 1 "trunc-$cut.log.gz: truncated gzip" "$tmp/trunc-$cut.log.gz"
done
cp "$one" "$tmp/crc.log.gz"
printf '\xff' | dd of="$tmp/crc.log.gz" bs=1 seek=$((size - 6)) conv=notrunc status=none
case_ "CRC error" 1 "crc.log.gz: gzip CRC error" "$tmp/crc.log.gz"
zcat "$one" >"$tmp/plain-named.log.gz"
case_ ".gz that is plain text" 1 "plain-named.log.gz: not gzip" "$tmp/plain-named.log.gz"
cp "$one" "$tmp/gzip-named.log"
case_ "text name, gzip data (read as gzip)" 0 "" "$tmp/gzip-named.log"
: >"$tmp/empty.log"
case_ "empty file" 1 "empty.log: empty input" "$tmp/empty.log"
zcat "$one" | head -1 >"$tmp/header-only.log"
case_ "header-only file (no records, not an error)" 0 "" "$tmp/header-only.log"
{ zcat "$one" | head -1 | sed 's/$/ next-hop-type/'; zcat "$one" | sed -n '2,4p' | sed 's/$/ igw/'; } >"$tmp/unknown-field.log"
case_ "header with an unknown field (kept as an ignored column)" 0 "" "$tmp/unknown-field.log"
head -c 10485760 /dev/zero | tr '\0' 'x' >"$tmp/long.log"
case_ "a 10 MB line" 1 "long.log:1: line too long" "$tmp/long.log"
head -c 65536 /dev/urandom >"$tmp/junk.bin"
case_ "binary junk" 1 "junk.bin:" "$tmp/junk.bin"
{ zcat "$one" | head -3; printf '2 111111111111 eni-0 10.0.0.1 10.0.0.2 1 2 6 1 40 1 2 ACC\0EPT OK\n'; } >"$tmp/nul.log"
case_ "a NUL byte" 1 "nul.log:4:13: control character (byte 0x00) in field 'action'" "$tmp/nul.log"
zcat "$one" | sed 's/$/\r/' >"$tmp/crlf.log"
case_ "CRLF line ends" 0 "" "$tmp/crlf.log"
mkdir "$tmp/mixed"
zcat "$one" >"$tmp/mixed/v5-with-header.log"
printf '2 111111111111 eni-0a 10.10.10.20 52.216.1.1 443 40000 6 10 1000 1795570000 1795570060 ACCEPT OK\n' >"$tmp/mixed/v2-no-header.log"
printf '{"message":"2 111111111111 eni-0a 10.10.10.20 52.216.1.1 443 40000 6 10 1000 1795570000 1795570060 ACCEPT OK"}\n' >"$tmp/mixed/cloudwatch.json"
gzip -c "$tmp/mixed/v2-no-header.log" >"$tmp/mixed/v2.log.gz"
case_ "mixed formats in one directory" 0 "" "$tmp/mixed"
echo "$tmp/vanished.log.gz" >"$tmp/list.txt"
"$flowpath" analyze "${model[@]}" --report inputs --format csv -q --files-from "$tmp/list.txt" "$good" >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "vanished.log.gz" "$tmp/err" && ok || ko "a listed file that is gone: exit $rc"
good_flows <"$tmp/out.csv" | cmp -s - "$tmp/clean.flows" && ok || ko "vanished: the good inputs' flows changed"
mkdir -p "$tmp/loop/a"
ln -s .. "$tmp/loop/a/up"
# a loop loses nothing (its folder is walked where it is): a warning, exit 0
case_ "a directory symlink loop" 0 "warning: .*directory loop" "$tmp/loop"
# a path that cannot be listed has an inputs row, status error
"$flowpath" analyze "${model[@]}" --report inputs --format csv -q "$good" "$tmp/no-such-dir" >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "^$tmp/no-such-dir,error,No such file or directory," "$tmp/out.csv" && ok ||
  ko "a missing path: exit $rc, or no error row: $(cat "$tmp/out.csv")"
# named twice: one row, one input error; alone: "no input file was found" (its
# error says why; not "the reports are empty", as -o would be left as it was)
"$flowpath" analyze "${model[@]}" --report summary,inputs --format csv -q "$tmp/no-such-dir" "$tmp/no-such-dir" >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && [ "$(grep -c "^$tmp/no-such-dir,error," "$tmp/out.csv")" -eq 1 ] &&
  grep -q "^input_errors,1,files" "$tmp/out.csv" && grep -q "no input file was found$" "$tmp/err" && ok ||
  ko "a missing path named twice: exit $rc: $(cat "$tmp/out.csv" "$tmp/err")"
# a file list that cannot be read from the standard input: an input error (exit 1), not a usage error
"$flowpath" analyze "${model[@]}" --report inputs --format csv -q --files-from - </ >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "cannot read the file list" "$tmp/err" && ok || ko "--files-from - of a folder: exit $rc: $(cat "$tmp/err")"
# two windows' partials naming the same missing path merge to one row and one input error
"$flowpath" analyze "${model[@]}" -q --since 2026-11-25T00:00:00Z --until 2026-11-25T12:00:00Z --emit partial -o "$tmp/h1.part" "$good" "$tmp/no-such-dir" 2>/dev/null
"$flowpath" analyze "${model[@]}" -q --since 2026-11-25T12:00:00Z --until 2026-11-26T00:00:00Z --emit partial -o "$tmp/h2.part" "$good" "$tmp/no-such-dir" 2>/dev/null
"$flowpath" merge "${model[@]}" -q --report summary,inputs --format csv "$tmp/h1.part" "$tmp/h2.part" >"$tmp/out.csv" 2>"$tmp/err"
[ "$(grep -c "^$tmp/no-such-dir,error," "$tmp/out.csv")" -eq 1 ] && grep -q "^input_errors,1,files" "$tmp/out.csv" &&
  grep -qF "warning: the partials hold 1 input error of their runs, such as $tmp/no-such-dir: No such file or directory" "$tmp/err" && ok ||
  ko "merged windows with a missing path: $(grep -E 'input_errors|no-such' "$tmp/out.csv"; cat "$tmp/err")"
# one path that failed otherwise in two windows' runs (not gzip, then cut
# short): the merge's inputs report and stderr do not follow the partials' order
printf 'garbage\n' >"$tmp/x.log.gz"
"$flowpath" analyze "${model[@]}" -q --since 2026-11-25T00:00:00Z --until 2026-11-25T12:00:00Z --emit partial -o "$tmp/w1.part" "$one" "$tmp/x.log.gz" 2>/dev/null
head -c 300 "$one" >"$tmp/x.log.gz"
"$flowpath" analyze "${model[@]}" -q --since 2026-11-25T12:00:00Z --until 2026-11-26T00:00:00Z --emit partial -o "$tmp/w2.part" "$one" "$tmp/x.log.gz" 2>/dev/null
"$flowpath" merge "${model[@]}" -q --report inputs --format csv "$tmp/w1.part" "$tmp/w2.part" >"$tmp/m12.csv" 2>"$tmp/m12.err"
"$flowpath" merge "${model[@]}" -q --report inputs --format csv "$tmp/w2.part" "$tmp/w1.part" >"$tmp/m21.csv" 2>"$tmp/m21.err"
[ "$(grep -c "^$tmp/x.log.gz,error," "$tmp/m12.csv")" -eq 2 ] && cmp -s "$tmp/m12.csv" "$tmp/m21.csv" &&
  cmp -s "$tmp/m12.err" "$tmp/m21.err" && ok ||
  ko "merge of one path's two errors depends on the order: $(diff "$tmp/m12.csv" "$tmp/m21.csv" | head -4; diff "$tmp/m12.err" "$tmp/m21.err")"
# a shard holding the missing path alone still writes its partial: the merge
# then says what one run says (error row, input_errors, exit 1)
one=$(ls "$good"/*.gz | head -1)
"$flowpath" analyze "${model[@]}" --report summary,inputs --format csv -q "$one" "$tmp/no-such-dir" >"$tmp/whole.csv" 2>/dev/null
for i in 0 1; do
  rm -f "$tmp/s$i.part"
  "$flowpath" analyze "${model[@]}" -q --shard $i/2 --emit partial -o "$tmp/s$i.part" "$one" "$tmp/no-such-dir" 2>/dev/null
done
"$flowpath" merge "${model[@]}" -q --report summary,inputs --format csv "$tmp/s0.part" "$tmp/s1.part" >"$tmp/merged.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && cmp -s "$tmp/whole.csv" "$tmp/merged.csv" && ok ||
  ko "a shard of a missing path alone: merge exit $rc: $(diff "$tmp/whole.csv" "$tmp/merged.csv" | head -5; cat "$tmp/err")"
# permissions do not stop root: run as nobody
if command -v setpriv >/dev/null; then
  cp "$one" "$tmp/secret.log.gz"
  chmod 000 "$tmp/secret.log.gz"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$flowpath" parse --format null -q "$tmp/secret.log.gz" "$one" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 1 ] && grep -q "secret.log.gz: cannot open: Permission denied" "$tmp/err" && ok || ko "unreadable file: exit $rc: $(cat "$tmp/err")"
fi

# outputs
# a file size limit fails the write: exit 3, no temporary file left
( ulimit -f 1; exec "$flowpath" analyze "${model[@]}" --report paths --format csv -q -o "$tmp/big.csv" "$good" ) 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] && grep -q "big.csv: cannot write output: File too large" "$tmp/err" &&
  ! ls "$tmp"/big.csv* >/dev/null 2>&1 && ok || ko "ulimit -f: exit $rc: $(cat "$tmp/err"; ls "$tmp")"
"$flowpath" analyze "${model[@]}" --report paths --format csv -q "$good" >/dev/full 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] && ok || ko "/dev/full: exit $rc"
"$flowpath" analyze "${model[@]}" --report paths --format csv -q "$good" >&- 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] && grep -q "standard output is closed" "$tmp/err" && ok || ko "closed stdout: exit $rc"
# so for every command whose output only stdout would get
for args in "--help" "--version" "--man" "topology check ${model[1]}" \
	"explain ${model[*]} 10.10.12.7 8.8.8.8" \
	"analyze ${model[*]} -q -o /proc/self/fd/1 $good"; do
	# shellcheck disable=SC2086
	"$flowpath" $args >&- 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 3 ] && grep -q "standard output is closed" "$tmp/err" && ok || ko "closed stdout, $args: exit $rc"
done
# -o through a symbolic link replaces the file it names and keeps the
# link; -o naming something other than a regular file (here a FIFO) writes
# to it and never replaces it
echo old >"$tmp/real.csv"
ln -s real.csv "$tmp/link.csv"
"$flowpath" analyze "${model[@]}" --report paths --format csv -q -o "$tmp/link.csv" "$good" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && [ -L "$tmp/link.csv" ] && head -1 "$tmp/real.csv" | grep -q '^account,' && ok ||
  ko "-o symlink: exit $rc: $(cat "$tmp/err")"
mkfifo "$tmp/fifo"
timeout 60 cat "$tmp/fifo" >"$tmp/fifo.out" &
"$flowpath" analyze "${model[@]}" --report paths --format csv -q -o "$tmp/fifo" "$good" 2>"$tmp/err"
rc=$?
wait
[ "$rc" -eq 0 ] && [ -p "$tmp/fifo" ] && head -1 "$tmp/fifo.out" | grep -q '^account,' && ok ||
  ko "-o FIFO: exit $rc: $(cat "$tmp/err")"
# a link whose target does not exist yet: the target is created, the link
# stays; -o /dev/stdout writes to the standard output as it is (appending
# here); -o with the standard output closed writes the file and succeeds
ln -s sub/made.csv "$tmp/dangling.csv"
mkdir "$tmp/sub"
"$flowpath" analyze "${model[@]}" --report paths --format csv -q -o "$tmp/dangling.csv" "$good" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && [ -L "$tmp/dangling.csv" ] && head -1 "$tmp/sub/made.csv" | grep -q '^account,' && ok ||
  ko "-o dangling symlink: exit $rc: $(cat "$tmp/err")"
echo keep >"$tmp/append.csv"
"$flowpath" analyze "${model[@]}" --report paths --format csv -q -o /dev/stdout "$good" >>"$tmp/append.csv"
[ "$(head -1 "$tmp/append.csv")" = keep ] && sed -n 2p "$tmp/append.csv" | grep -q '^account,' && ok ||
  ko "-o /dev/stdout lost what was appended to"
"$flowpath" analyze "${model[@]}" --report paths --format csv -q -o "$tmp/closed.csv" "$good" >&- 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && head -1 "$tmp/closed.csv" | grep -q '^account,' && ok ||
  ko "-o with stdout closed: exit $rc: $(cat "$tmp/err")"
# a run ended by SIGTERM while it writes -o leaves no temporary file: here
# it waits on a standard input that a writer holds open
mkfifo "$tmp/slow"
sleep 30 >"$tmp/slow" &
writer=$!
"$flowpath" analyze "${model[@]}" -q --report paths -o "$tmp/sig.csv" - <"$tmp/slow" 2>/dev/null &
pid=$!
for _ in $(seq 100); do ls "$tmp" | grep -q '^sig\.csv\.tmp' && break; sleep 0.05; done
seen=$(ls "$tmp" | grep -c '^sig\.csv\.tmp')
kill -TERM "$pid"
wait "$pid"
rc=$?
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
[ "$seen" -eq 1 ] && [ "$rc" -eq 143 ] && [ "$(ls "$tmp" | grep -c '^sig\.csv')" -eq 0 ] && ok ||
  ko "SIGTERM during -o: exit $rc, left: $(ls "$tmp" | grep '^sig' | tr '\n' ' ')"
# ... and so does one ended by SIGPIPE on stderr (2>&1 | head): here
# 20,000 malformed lines' messages, the reader gone after one byte
yes "not a flow log line" | head -20000 >"$tmp/noise.log"
"$flowpath" analyze "${model[@]}" -q --max-errors 100000 -o "$tmp/pipe.csv" "$tmp/noise.log" 2>&1 >/dev/null |
  head -c 1 >/dev/null
rc=${PIPESTATUS[0]}
[ "$rc" -eq 141 ] && [ "$(ls "$tmp" | grep -c '^pipe\.csv')" -eq 0 ] && ok ||
  ko "SIGPIPE on stderr during -o: exit $rc, left: $(ls "$tmp" | grep '^pipe' | tr '\n' ' ')"
# ... but a signal the caller ignores (nohup) stays ignored: the run goes on
# and reads what comes a moment later
one_gz=$(find "$good" -name '*.log.gz' | sort | head -1)
( sleep 1; cat "$one_gz" ) >"$tmp/slow" &
writer=$!
( trap '' HUP
  exec "$flowpath" analyze "${model[@]}" -q --report paths -o "$tmp/hup.csv" - <"$tmp/slow" 2>/dev/null ) &
pid=$!
for _ in $(seq 100); do ls "$tmp" | grep -q '^hup\.csv\.tmp' && break; sleep 0.05; done
kill -HUP "$pid"
wait "$pid"
rc=$?
wait "$writer" 2>/dev/null
[ "$rc" -eq 0 ] && [ -s "$tmp/hup.csv" ] && ok || ko "an ignored SIGHUP ended the run: exit $rc"
# a reader that quits early: flowpath ends quietly on SIGPIPE like other filters
"$flowpath" parse --format csv samples/logs 2>"$tmp/err" | head -1 >/dev/null
rc=${PIPESTATUS[0]}
{ [ "$rc" -eq 141 ] || [ "$rc" -eq 0 ]; } && [ ! -s "$tmp/err" ] && ok || ko "SIGPIPE: exit $rc, stderr: $(head -2 "$tmp/err")"
mkdir "$tmp/ro"
chmod 555 "$tmp/ro"
if command -v setpriv >/dev/null; then
  setpriv --reuid=65534 --regid=65534 --clear-groups "$flowpath" analyze "${model[@]}" -q -o "$tmp/ro/out.csv" "$good" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 3 ] && grep -q "out.csv: cannot create a temporary file beside it" "$tmp/err" && [ -z "$(ls "$tmp/ro")" ] && ok || ko "read-only -o directory: exit $rc: $(cat "$tmp/err")"
fi
# a failed run leaves no file behind and keeps the old one
echo old >"$tmp/keep.csv"
"$flowpath" analyze --topology "$tmp/missing" -o "$tmp/keep.csv" "$good" 2>/dev/null
[ "$(cat "$tmp/keep.csv")" = old ] && [ "$(ls "$tmp" | grep -c keep)" -eq 1 ] && ok || ko "a failed run touched -o"
"$flowpath" analyze "${model[@]}" --files-from "$tmp/no-list.txt" -o "$tmp/keep.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && [ "$(cat "$tmp/keep.csv")" = old ] && grep -q "no-list.txt: cannot open the file list" "$tmp/err" &&
  ok || ko "--files-from a missing list: exit $rc, $(cat "$tmp/err")"
"$flowpath" analyze "${model[@]}" --files-from "$tmp" -o "$tmp/keep.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && [ "$(cat "$tmp/keep.csv")" = old ] && grep -q "cannot open the file list: Is a directory" "$tmp/err" &&
  ok || ko "--files-from a directory: exit $rc, $(cat "$tmp/err")"
# a window that cuts the day, over a file whose name tells no time (so it
# is read whole): the flows left out are reported apart, and the summary's
# flows and bytes are those of the rows
find "$good" -name '*.log.gz' | sort | xargs cat >"$tmp/flat.log.gz"
"$flowpath" analyze "${model[@]}" -q --since 2026-11-25T12:00Z --until 2026-11-25T18:00Z \
  --report summary,paths --format csv "$tmp/flat.log.gz" >"$tmp/win.csv"
awk -F, '/^metric,/ { m = 1; next } /^account,/ { m = 0; next } NF == 0 { next }
  m && $1 == "flows" { flows = $2 } m && $1 == "flow_bytes" { bytes = $2 }
  m && $1 == "flows_outside_window" { oflows = $2 } m && $1 == "flow_bytes_outside_window" { obytes = $2 }
  !m { rows += $17; rbytes += $19 }
  END { exit !(oflows > 0 && obytes > 0 && rows > 0 && flows == rows && bytes == rbytes) }' "$tmp/win.csv" &&
  ok || ko "--since/--until: the flows left out are not accounted for in the summary"
# files read, but not one flow inside the window (only a file that reaches
# over midnight, say): a warning that -q does not silence, exit 0
"$flowpath" analyze "${model[@]}" -q --since 2026-11-20T00:00Z --until 2026-11-21T00:00Z \
  --report summary --format csv "$tmp/flat.log.gz" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && grep -Eq "warning: [0-9]+ files? (was|were) read \([0-9]+ flows?, none inside the window\): no flow was counted" "$tmp/err" &&
  ok || ko "no flow inside the window: exit $rc, $(cat "$tmp/err")"
# a day whose logs never arrived: empty reports, exit 0, and a warning
# that -q does not silence
"$flowpath" analyze "${model[@]}" -q --day 2026-11-20 --report paths --format csv samples/logs >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q "warning: every input file lies outside the window" "$tmp/err" && ok ||
  ko "a day without logs: exit $rc, $(cat "$tmp/err")"
# limits: a counted, reported truncation or a clear error, never unbounded memory
"$flowpath" analyze "${model[@]}" --max-rows 5 --max-talkers 3 --report paths,talkers --format csv "$good" >"$tmp/lim.csv" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q '^(row limit),.*,row-limit,' "$tmp/lim.csv" && grep -q "flows counted in row-limit rows: more distinct rows than --max-rows (5)" "$tmp/err" && ok || ko "--max-rows: exit $rc"
grep -q '^(other),' "$tmp/lim.csv" && grep -q "talkers: more than 3 keys (workload, path, service, direction and action" "$tmp/err" && ok || ko "--max-talkers"
# --max-rows bounds the paths report, not the talkers: their accounts,
# VPCs and services are the records' own
"$flowpath" analyze "${model[@]}" -q --report talkers --format csv samples/logs >"$tmp/tk-all.csv"
"$flowpath" analyze "${model[@]}" -q --max-rows 10 --report talkers --format csv samples/logs >"$tmp/tk-rows.csv"
cmp -s "$tmp/tk-all.csv" "$tmp/tk-rows.csv" && ! grep -q 'row limit' "$tmp/tk-rows.csv" && ok ||
  ko "--max-rows changed the talkers"
# the note counts the records of the (other) row, whatever the threads did
"$flowpath" analyze "${model[@]}" -j 2 --max-talkers 3 --report talkers --format csv samples/logs >"$tmp/tk.csv" 2>"$tmp/err"
[ "$(sed -n 's/.*; \([0-9]*\) records counted in the (other) row.*/\1/p' "$tmp/err")" = \
  "$(grep '^(other),' "$tmp/tk.csv" | cut -d, -f8)" ] && ok || ko "--max-talkers: the note and the (other) row disagree"
# the talkers, (other) included, add up to the workload vantage's totals
"$flowpath" analyze "${model[@]}" -q --max-talkers 3 --report talkers --format csv "$good" |
  awk -F, 'NR > 1 { s += $10 } END { printf "%.0f\n", s }' >"$tmp/talk-sum"
"$flowpath" analyze "${model[@]}" -q --report summary --format csv "$good" |
  awk -F, '$1 ~ /^bytes\.workload\./ { s += $2 } END { printf "%.0f\n", s }' >"$tmp/wl-sum"
[ "$(cat "$tmp/wl-sum")" != 0 ] && cmp -s "$tmp/talk-sum" "$tmp/wl-sum" && ok ||
  ko "--max-talkers: talkers add up to $(cat "$tmp/talk-sum"), the workload totals to $(cat "$tmp/wl-sum")"
"$flowpath" analyze "${model[@]}" -q --max-rows 5 --report paths --format csv "$good" >"$tmp/lim-paths.csv"
[ "$(grep -vc '^(row limit),' "$tmp/lim-paths.csv")" -le 6 ] && ok || ko "--max-rows kept more rows"
# the row-limit rows keep vantage, side, direction, action and path: the
# summary's totals are those of the run without a limit
"$flowpath" analyze "${model[@]}" -q --max-rows 5 --report summary --format csv "$good" | grep '^bytes' >"$tmp/lim-sum"
"$flowpath" analyze "${model[@]}" -q --report summary --format csv "$good" | grep '^bytes' >"$tmp/all-sum"
[ -s "$tmp/all-sum" ] && cmp -s "$tmp/lim-sum" "$tmp/all-sum" && ok || ko "--max-rows changed the totals: $(diff "$tmp/all-sum" "$tmp/lim-sum" | head -4)"
"$flowpath" analyze --topology samples/topology --max-topology-bytes 1000 "$good" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && grep -q "larger than the limit of 1000" "$tmp/err" && ok || ko "--max-topology-bytes: exit $rc"
"$flowpath" analyze "${model[@]}" --max-ranges 3 "$good" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && grep -q "more than 3 prefixes (--max-ranges)" "$tmp/err" && ok || ko "--max-ranges: exit $rc"

# the progress line: on a terminal's stderr only, erased at the end, never with -q
if command -v script >/dev/null; then
  # a run long enough to show progress: the samples a hundred times over
  for i in $(seq 100); do find samples/logs -name '*.gz' -exec cat {} +; done >"$tmp/big.log.gz"
  script -qc "'$flowpath' analyze --topology samples/topology --report paths --format csv -j 1 '$tmp/big.log.gz' >/dev/null" "$tmp/tty.txt" >/dev/null 2>&1
  grep -q "files, .* MB read" "$tmp/tty.txt" && ok || ko "no progress line on a terminal"
  # erased: an erase sequence followed by something that is not progress
  tr '\r' '\n' <"$tmp/tty.txt" | grep -v "MB read" | grep -q $'^\033\[Kflowpath: ' && ok || ko "the progress line is not erased"
  script -qc "'$flowpath' analyze -q --topology samples/topology --report paths --format csv samples/logs >/dev/null" "$tmp/tty-q.txt" >/dev/null 2>&1
  grep -q "MB read" "$tmp/tty-q.txt" && ko "a progress line with -q" || ok
fi
"$flowpath" analyze --topology samples/topology --report paths --format csv samples/logs 2>"$tmp/err" >/dev/null
grep -q "MB read" "$tmp/err" && ko "a progress line when stderr is not a terminal" || ok
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
