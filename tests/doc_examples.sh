#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every example in the docs runs: lines of README.md and docs/*.md that
# start with "$ flowpath" (inside code blocks) are run in a scratch folder
# holding links to samples/, with the built binary first on PATH; each must exit 0, or N when the line
# ends with "# exit N". Also checks that docs/flowpath.1 is what
# `flowpath --man` prints (regenerate: build/flowpath --man > docs/flowpath.1).
set -uo pipefail
bindir=$(cd "$(dirname "$1")" && pwd)
cd "$(dirname "$0")/.."
export PATH="$bindir:$PATH"
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ln -s "$PWD/samples" "$tmp/samples"

while IFS= read -r entry; do
  file=${entry%%:*}; rest=${entry#*:}; line=${rest%%:*}; cmd=${rest#*:}
  cmd=${cmd#*\$ }
  want=0
  if [[ $cmd =~ \#\ exit\ ([0-9]+)[[:space:]]*$ ]]; then
    want=${BASH_REMATCH[1]}
  fi
  (cd "$tmp" && bash -c "$cmd") >/dev/null 2>"$tmp/err" </dev/null
  got=$?
  if [ "$got" -eq "$want" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "doc example $file:$line exited $got, want $want: $cmd"
    head -5 "$tmp/err"
  fi
done < <(grep -n '^ *\$ flowpath' README.md docs/*.md | sed 's/^\([^:]*\):\([0-9]*\): */\1:\2:/')

if "$bindir/flowpath" --man | cmp -s - docs/flowpath.1; then
  pass=$((pass + 1))
else
  fail=$((fail + 1))
  echo "docs/flowpath.1 is stale: run build/flowpath --man > docs/flowpath.1"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 1 ]
