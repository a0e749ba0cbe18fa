#!/bin/sh
# The real kernel's normalized transcript of SCENARIO, as Linux 6.1 would
# print it: stdin to stdout through tests/realnet/host-vs-6.1/SCENARIO.sed
# when that file exists (unchanged otherwise).
#
# Usage: tests/realnet/as61.sh SCENARIO-NAME <real.out >as61.out
#
# The test box runs a newer kernel than the 6.1 the kit follows; each sed
# line rewrites one documented difference (docs/differences.md says which
# 6.1 source line makes it).  A sed script that changes nothing means the
# difference is gone: that is an error (exit 1), so a stale entry cannot
# hide anything.
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 SCENARIO-NAME" >&2; exit 2; }
sed_file=$here/host-vs-6.1/$1.sed
if [ ! -f "$sed_file" ]; then
	exec cat
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/in"
sed -f "$sed_file" "$tmp/in" >"$tmp/out" || exit 1
if cmp -s "$tmp/in" "$tmp/out"; then
	echo "as61.sh: $sed_file changes nothing: the difference it documents" \
	     "is gone; delete it and its docs/differences.md entry" >&2
	exit 1
fi
cat "$tmp/out"
