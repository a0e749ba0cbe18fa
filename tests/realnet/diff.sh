#!/bin/sh
# Compare vethsim with the real kernel on one scenario.
#
# Usage: tests/realnet/diff.sh [--golden] SCENARIO VETHSIM
#
# Runs SCENARIO on the real kernel (tests/realnet/run_script.py, in private
# namespaces) and on the simulator ("$VETHSIM -x -f SCENARIO"), normalizes
# both transcripts (vethlab/normalize.py) and prints a unified diff
# (real kernel first, vethsim second).  The real side goes through
# tests/realnet/as61.sh: the documented differences between the test box's
# kernel and Linux 6.1 (docs/differences.md) become what 6.1 prints.
# With --golden the real-kernel side is tests/golden/<name>.out instead
# (no root needed).
#
# Exit status: 0 equal, 1 different (or vethsim could not be run),
# 77 real-kernel run skipped (no root / unshare not permitted),
# 2 usage error.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

golden=0
if [ "${1:-}" = "--golden" ]; then
	golden=1
	shift
fi
if [ $# -ne 2 ]; then
	echo "usage: $0 [--golden] SCENARIO VETHSIM" >&2
	exit 2
fi
scenario=$1
vethsim=$2
name=$(basename "$scenario" .sh)
if [ ! -r "$scenario" ]; then
	echo "$0: cannot read scenario $scenario" >&2
	exit 2
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# Real kernel (or golden) side.
if [ $golden -eq 1 ]; then
	ref="$top/tests/golden/$name.out"
	if [ ! -r "$ref" ]; then
		echo "$0: no golden file $ref" >&2
		exit 2
	fi
	cp "$ref" "$tmp/real.host"
else
	python3 "$here/run_script.py" "$scenario" >"$tmp/real.raw" 2>"$tmp/real.err"
	rc=$?
	if [ $rc -eq 77 ]; then
		echo "SKIP: $name: $(cat "$tmp/real.err")"
		exit 77
	fi
	if [ $rc -ne 0 ]; then
		echo "$0: run_script.py failed (rc=$rc):" >&2
		cat "$tmp/real.err" >&2
		exit 1
	fi
fi

# Simulator side.  Its stdout is the transcript; its own stderr is only
# shown when it fails.
timeout 120 "$vethsim" -x -f "$scenario" >"$tmp/sim.raw" 2>"$tmp/sim.err"
rc=$?
if [ $rc -ne 0 ]; then
	echo "$0: warning: '$vethsim -x -f $scenario' exited with $rc" >&2
	cat "$tmp/sim.err" >&2
fi
# both sides normalized by one Python (a start costs more than the work)
if [ $golden -eq 1 ]; then
	python3 "$here/../../vethlab/normalize.py" --to "$tmp/sim.raw" "$tmp/sim" || exit 1
else
	python3 "$here/../../vethlab/normalize.py" --to "$tmp/real.raw" "$tmp/real.host" \
		"$tmp/sim.raw" "$tmp/sim" || exit 1
fi
# What this newer kernel does differently from 6.1, documented (as61.sh).
sh "$here/as61.sh" "$name" <"$tmp/real.host" >"$tmp/real" || exit 1

if diff -u --label "real kernel: $name" --label "vethsim: $name" \
	"$tmp/real" "$tmp/sim"; then
	[ $rc -eq 0 ] || exit 1
	echo "PASS: $name"
	exit 0
fi
echo "FAIL: $name"
exit 1
