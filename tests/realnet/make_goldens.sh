#!/bin/sh
# Regenerate tests/golden/<scenario>.out from the real kernel.
# Usage: tests/realnet/make_goldens.sh [SCENARIO.sh ...]   (default: all)
# Each scenario runs twice; the golden is written only when both normalized
# transcripts are identical.  Exit 77 when the real kernel is not usable.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
[ $# -gt 0 ] || set -- "$top"/tests/scenarios/*.sh
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
for s in "$@"; do
	name=$(basename "$s" .sh)
	for i in 1 2; do
		python3 "$here/run_script.py" "$s" >"$tmp/raw.$i"
		rc=$?
		[ $rc -eq 77 ] && exit 77
		if [ $rc -ne 0 ]; then
			echo "$name: run_script.py failed (rc=$rc)" >&2
			status=1
			continue 2
		fi
		python3 "$here/../../vethlab/normalize.py" "$tmp/raw.$i" >"$tmp/norm.$i"
	done
	if cmp -s "$tmp/norm.1" "$tmp/norm.2"; then
		cp "$tmp/norm.1" "$top/tests/golden/$name.out"
		echo "$name: ok"
	else
		echo "$name: UNSTABLE, golden not written:" >&2
		diff -u "$tmp/norm.1" "$tmp/norm.2" >&2
		status=1
	fi
done
exit $status
