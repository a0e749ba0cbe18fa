#!/bin/sh
# Self-test of the real-kernel tooling: diff.sh's plumbing with fake
# simulators (vethsim does not need to exist), normalize.py on fixed text.
# Usage: tests/realnet/selftest.sh [SCENARIO]   (default: seed001)
# Exit: 0 ok, 1 failure, 77 real kernel not usable here.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
scn=${1:-$top/tests/scenarios/seed001-pair-one-namespace.sh}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

# A "simulator" that is really the kernel: must compare equal.
cat >"$tmp/sim-real" <<EOS
#!/bin/sh
[ "\$1" = -x ] && [ "\$2" = -f ] || exit 2
exec python3 "$here/run_script.py" "\$3"
EOS
# A simulator that gets one MTU wrong: must differ.
cat >"$tmp/sim-wrong" <<EOS
#!/bin/sh
python3 "$here/run_script.py" "\$3" | sed 's/mtu 1500/mtu 1400/'
EOS
# A simulator that crashes: must fail.
printf '#!/bin/sh\necho "vethsim: boom" >&2\nexit 3\n' >"$tmp/sim-crash"
chmod +x "$tmp"/sim-*

check() {	# expected-rc description command...
	want=$1 what=$2
	shift 2
	"$@" >"$tmp/out" 2>&1
	got=$?
	if [ $got -eq 77 ]; then
		echo "SKIP: $what"
		exit 77
	fi
	if [ $got -eq "$want" ]; then
		echo "ok: $what (rc=$got)"
	else
		echo "FAILED: $what: rc=$got, want $want"
		cat "$tmp/out"
		fail=1
	fi
}

check 0 "kernel vs kernel is equal" "$here/diff.sh" "$scn" "$tmp/sim-real"
check 1 "wrong MTU is a difference" "$here/diff.sh" "$scn" "$tmp/sim-wrong"
grep -q '^+.*mtu 1400' "$tmp/out" || { echo "FAILED: no +mtu 1400 line"; fail=1; }
check 1 "crashing simulator fails" "$here/diff.sh" "$scn" "$tmp/sim-crash"
check 0 "golden vs kernel is equal" "$here/diff.sh" --golden "$scn" "$tmp/sim-real"
check 2 "usage error" "$here/diff.sh" "$scn"

# normalize.py on a fixed sample.
printf '%s\n' \
  '$ ip link set dev veth0 address 02:00:00:00:00:01' \
  '    link/ether 4a:85:61:e6:ae:ae brd ff:ff:ff:ff:ff:ff' \
  '    inet6 fe80::4885:61ff:fee6:aeae/64 scope link ' \
  '    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff' \
  '09:59:39.449262 IP 1.1.1.1 > 1.1.1.2: ICMP echo request, id 15841, seq 1, length 64' \
  '64 bytes from 10.1.1.1: icmp_seq=1 ttl=64 time=0.061 ms' \
  '4 packets transmitted, 4 received, 0% packet loss, time 3066ms' \
  'rtt min/avg/max/mdev = 0.053/0.071/0.088/0.017 ms' \
  '00000053 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000' \
  '    veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 ' \
  | python3 "$here/../../vethlab/normalize.py" >"$tmp/n.out"
printf '%s\n' \
  '$ ip link set dev veth0 address 02:00:00:00:00:01' \
  '    link/ether MAC1 brd ff:ff:ff:ff:ff:ff' \
  '    inet6 fe80::EUI(MAC1)/64 scope link ' \
  '    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff' \
  'TIME IP 1.1.1.1 > 1.1.1.2: ICMP echo request, id ID, seq 1, length 64' \
  '64 bytes from 10.1.1.1: icmp_seq=1 ttl=64 time=T ms' \
  '4 packets transmitted, 4 received, 0% packet loss, time Nms' \
  'rtt min/avg/max/mdev = T/T/T/T ms' \
  'SOFTNET 13' \
  '    veth addrgenmode eui64 numtxqueues NCPUS numrxqueues NCPUS gso_max_size 65536 ' \
  >"$tmp/n.want"
if diff -u "$tmp/n.want" "$tmp/n.out"; then
	echo "ok: normalize.py sample"
else
	echo "FAILED: normalize.py sample"
	fail=1
fi

# as61.sh: a documented difference is rewritten; a sed script that changes
# nothing (the difference is gone) is an error; no script: unchanged.
printf 'Error: The interface netns is immutable.\n' |
	sh "$here/as61.sh" errors-link >"$tmp/a.out" 2>&1
if grep -qx 'RTNETLINK answers: Invalid argument' "$tmp/a.out"; then
	echo "ok: as61.sh rewrites a documented difference"
else
	echo "FAILED: as61.sh did not rewrite:"; cat "$tmp/a.out"; fail=1
fi
if printf 'nothing to rewrite\n' | sh "$here/as61.sh" errors-link >/dev/null 2>&1; then
	echo "FAILED: as61.sh accepted a sed script that changes nothing"; fail=1
else
	echo "ok: as61.sh refuses a stale difference"
fi
if [ "$(printf 'x\n' | sh "$here/as61.sh" no-such-scenario)" = x ]; then
	echo "ok: as61.sh passes through without a sed script"
else
	echo "FAILED: as61.sh changed a scenario without a sed script"; fail=1
fi
exit $fail
