#!/bin/sh
# Every scenario on the real kernel and on vethsim, compared (tests/realnet/diff.sh).
# Prints "NAME: OK|FAIL|SKIP" per scenario and "N passed, N failed, N skipped";
# exits 77 when the real kernel could not be used at all (not root, no unshare).
# Usage: tests/realnet/diff_all.sh [VETHSIM]
# Scenarios run JOBS at a time (VETHLAB_DIFF_JOBS, default 4): they mostly
# sleep (pings, timers), each in namespaces of its own.
set -u
cd "$(dirname "$0")/../.."
vethsim=${1:-build/solutions/vethsim}
jobs=${VETHLAB_DIFF_JOBS:-4}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# Longest first, so the slow ones do not start last.
for s in tests/scenarios/*.sh; do
	printf '%s %s\n' "$(grep -c '^ping\|^ip netns exec .* ping\|^sleep' "$s")" "$s"
done | sort -rn | cut -d' ' -f2 |
	xargs -P "$jobs" -I{} sh -c \
	'n=$(basename "$1" .sh); sh tests/realnet/diff.sh "$1" "$2" >"$3/$n.out" 2>&1; echo $? >"$3/$n.rc"' \
	sh {} "$vethsim" "$tmp"
pass=0 fail=0 skip=0
for s in tests/scenarios/*.sh; do
	name=$(basename "$s" .sh)
	rc=$(cat "$tmp/$name.rc" 2>/dev/null || echo 1)
	case $rc in
	0) pass=$((pass + 1)); echo "$name: OK" ;;
	77) skip=$((skip + 1)); echo "$name: SKIP ($(tail -n 1 "$tmp/$name.out"))" ;;
	*) fail=$((fail + 1)); echo "$name: FAIL"; head -n 60 "$tmp/$name.out" ;;
	esac
done
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -gt 0 ] && exit 1
[ $pass -eq 0 ] && [ $skip -gt 0 ] && exit 77
exit 0
