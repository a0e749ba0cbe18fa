#!/bin/sh
# Run every tests/scenarios/*.sh through `vethsim -x -f`, normalize the
# transcript with vethlab/normalize.py and compare it with
# tests/golden/NAME.out as Linux 6.1 would print it (tests/realnet/as61.sh). Prints "NAME: OK" or "NAME: FAIL" and the diff per
# scenario, then "N passed, N failed"; exits 1 if any failed.
#
# Usage: tests/golden_test.sh [-q] [VETHSIM] [SCENARIO...]
#   VETHSIM defaults to build/solutions/vethsim (or $VETHSIM);
#   -q leaves the diffs out.
set -u
cd "$(dirname "$0")/.." || exit 2

quiet=0
if [ "${1:-}" = "-q" ]; then
	quiet=1
	shift
fi
vethsim=${VETHSIM:-build/solutions/vethsim}
case "${1:-}" in
*vethsim*) vethsim=$1; shift ;;
esac
if [ ! -x "$vethsim" ]; then
	echo "golden_test.sh: $vethsim not found; build it with" \
	     "'make -f mk/build.mk $vethsim'" >&2
	exit 2
fi
if [ $# -eq 0 ]; then
	set -- tests/scenarios/*.sh
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass=0
fail=0
# first every transcript, then one Python normalizes them all (a Python
# start per scenario cost more than the scenarios)
pairs=""
for script in "$@"; do
	name=$(basename "$script" .sh)
	[ -f "tests/golden/$name.out" ] || continue
	timeout 120 "$vethsim" -x -f "$script" >"$tmp/$name.raw" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
	pairs="$pairs $tmp/$name.raw $tmp/$name.out"
done
[ -z "$pairs" ] || python3 vethlab/normalize.py --to $pairs || exit 2
for script in "$@"; do
	name=$(basename "$script" .sh)
	golden=tests/golden/$name.out
	if [ ! -f "$golden" ]; then
		echo "$name: FAIL (no golden file $golden)"
		fail=$((fail + 1))
		continue
	fi
	rc=$(cat "$tmp/$name.rc")
	# the golden is the test box's kernel; 6.1 differs where documented
	if ! sh tests/realnet/as61.sh "$name" <"$golden" >"$tmp/$name.want"; then
		echo "$name: FAIL"
		fail=$((fail + 1))
		continue
	fi
	if [ "$rc" -eq 0 ] && cmp -s "$tmp/$name.want" "$tmp/$name.out"; then
		echo "$name: OK"
		pass=$((pass + 1))
	else
		echo "$name: FAIL"
		fail=$((fail + 1))
		if [ $quiet -eq 0 ]; then
			[ "$rc" -ne 0 ] && echo "  vethsim exited with status $rc"
			[ -s "$tmp/$name.err" ] && sed 's/^/  stderr: /' "$tmp/$name.err" | head -20
			diff -u "$tmp/$name.want" "$tmp/$name.out" | head -200
		fi
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
