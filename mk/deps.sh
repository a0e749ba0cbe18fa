#!/bin/sh
# Make sure the Debian packages a target needs are installed.
#
#   mk/deps.sh demo|grade|test|bench|docs|vm
#
# As root, missing packages are installed (and named first). Otherwise the
# one apt-get line that would install them is printed and we stop, status 1.
set -eu

demo="gcc libc6-dev make pkg-config libpcap-dev python3 iproute2 iputils-ping tcpdump ethtool"
vm="python3-pexpect qemu-system-x86 linux-image-amd64 linux-headers-amd64 busybox-static cpio kmod"
# the grader boxes each submission with bubblewrap (vethlab/box/sandbox.py)
# and confines each process that runs student code with seccomp (confine.c)
grade="$demo check bubblewrap binutils util-linux libseccomp-dev"
test="$grade python3-pexpect clang libclang-rt-14-dev $vm"
bench="$demo $vm"
# make docs (and the figure check in make test) render with Graphviz's dot
docs="$demo graphviz"
test="$test graphviz"
# tests/scenarios/neigh-listing.sh runs net-tools' arp on the real kernel
test="$test net-tools"

case "${1:-}" in
demo) want=$demo ;;
grade) want=$grade ;;
test) want=$test ;;
bench) want=$bench ;;
docs) want=$docs ;;
vm) want=$vm ;;
*) echo "usage: mk/deps.sh demo|grade|test|bench|docs|vm" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$s" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "vethlab: missing Debian packages. Install them with:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi

echo "vethlab: installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has empty package lists: update once, quietly.
if ! apt-get install -y -q --no-install-recommends $missing >/tmp/vethlab-apt.log 2>&1; then
	apt-get update -q >>/tmp/vethlab-apt.log 2>&1 || true
	if ! apt-get install -y -q --no-install-recommends $missing >>/tmp/vethlab-apt.log 2>&1; then
		tail -n 20 /tmp/vethlab-apt.log >&2
		echo "vethlab: apt-get install failed (log: /tmp/vethlab-apt.log); try 'apt-get update' and run again" >&2
		exit 1
	fi
fi
echo "vethlab: installed:$missing"
