#!/bin/sh
# Every scenario on the real kernel and on vethsim, compared (tests/realnet/diff.sh).
# Prints "NAME: OK|FAIL|SKIP" per scenario and "N passed, N failed, N skipped";
# exits 77 when the real kernel could not be used at all (not root, no unshare).
set -u
cd "$(dirname "$0")/../.."
vethsim=${1:-build/solutions/vethsim}
pass=0 fail=0 skip=0
for s in tests/scenarios/*.sh; do
	name=$(basename "$s" .sh)
	out=$(sh tests/realnet/diff.sh "$s" "$vethsim" 2>&1)
	case $? in
	0) pass=$((pass + 1)); echo "$name: OK" ;;
	77) skip=$((skip + 1)); echo "$name: SKIP ($(echo "$out" | tail -n 1))" ;;
	*) fail=$((fail + 1)); echo "$name: FAIL"; echo "$out" | head -n 60 ;;
	esac
done
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -gt 0 ] && exit 1
[ $pass -eq 0 ] && [ $skip -gt 0 ] && exit 77
exit 0
