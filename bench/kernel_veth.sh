#!/bin/sh
# Packets per second through the kernel's veth driver (bench/kernel_veth_pps.c).
#
# Usage: bench/kernel_veth.sh [--count N] [--seconds S] [--size BYTES]
#        (defaults: 2000000 frames or 3 s, whichever first; 64-byte frames)
#
# Makes two network namespaces ns0 and ns1 joined by a veth pair (veth0 in
# ns0, veth1 in ns1, both up, IPv6 off so nothing else is on the wire) and
# sends AF_PACKET frames from veth0 to veth1.  Everything happens inside
#   unshare --mount --net --propagation private
# with a private tmpfs on /run/netns: the host's namespaces are never
# touched and all of it disappears when the script ends.
# Prints "kernel veth: N packets in T s = X Mpps" and a machine-readable
# "bench: kernel_veth ..." line.  Exit 0 ok, 1 error, 77 skipped.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

if [ "${VETHLAB_BENCH_INSIDE:-}" != 1 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "skipped: kernel_veth.sh: needs root for network namespaces" >&2
		exit 77
	fi
	if ! timeout 10 unshare --mount --net --propagation private true 2>/dev/null; then
		echo "skipped: kernel_veth.sh: unshare --mount --net not permitted" >&2
		exit 77
	fi
	bin=${KERNEL_VETH_PPS:-$top/build/bench/kernel_veth_pps}
	mkdir -p "$(dirname "$bin")"
	if [ ! -x "$bin" ] || [ "$here/kernel_veth_pps.c" -nt "$bin" ]; then
		${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -pthread \
			-o "$bin" "$here/kernel_veth_pps.c"
	fi
	export VETHLAB_BENCH_INSIDE=1 KERNEL_VETH_PPS="$bin"
	exec timeout -s KILL 120 unshare --mount --net --propagation private \
		-- sh "$0" "$@"
fi

# Inside the private mount + network namespaces from here on.
mkdir -p /run/netns
mount -t tmpfs -o mode=0755 vethlab-bench /run/netns
for ns in ns0 ns1; do
	ip netns add $ns
	ip netns exec $ns sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
	ip netns exec $ns sysctl -q -w net.ipv6.conf.default.disable_ipv6=1
done
ip -n ns0 link add veth0 type veth peer name veth1 netns ns1
ip -n ns0 link set veth0 up
ip -n ns1 link set veth1 up
timeout 90 "$KERNEL_VETH_PPS" --tx-netns /run/netns/ns0 --tx-if veth0 \
	--rx-netns /run/netns/ns1 --rx-if veth1 "$@"
