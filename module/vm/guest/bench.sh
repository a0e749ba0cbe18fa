#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# pktgen benchmark of one veth driver, run in the guest by module/vm/bench:
#   sh /vm/bench.sh MODULE.ko COUNT [INSMOD-ARGS...]
# Loads the module, sends COUNT 60-byte frames from pga to its peer pgb
# with pktgen and prints "pps N". The frames reach pgb's IP layer and are
# dropped there (no route), so the receive path is measured too.

ko=$1
count=$2
shift 2
PG=/proc/net/pktgen

die() {
	echo "bench: $*"
	exit 1
}

pgset() {
	echo "$2" >"$PG/$1" || die "pktgen refused '$2' on $1: $(grep Result $PG/$1)"
}

[ -d $PG ] || insmod /lib/modules/pktgen.ko || die "insmod pktgen.ko failed"
insmod "$ko" "$@" || die "insmod $ko failed: $(dmesg | tail -1)"
ip link add pga type veth peer name pgb || die "ip link add failed"
ip link set pga up && ip link set pgb up
mac=$(cat /sys/class/net/pgb/address)

pgset kpktgend_0 rem_device_all
pgset kpktgend_0 "add_device pga"
pgset pga "count $count"
pgset pga "clone_skb 0"
pgset pga "pkt_size 60"
pgset pga "delay 0"
pgset pga "dst 10.9.9.2"
pgset pga "dst_mac $mac"
echo start >$PG/pgctrl
result=$(grep -A2 '^Result' $PG/pga)
pps=$(echo "$result" | sed -n -E 's/.* ([0-9]+)pps.*/\1/p')
rx=$(cat /sys/class/net/pgb/statistics/rx_packets)
pgset kpktgend_0 rem_device_all
ip link del pga
rmmod "$(basename "$ko" .ko)"
[ -n "$pps" ] || die "no pps in pktgen's result: $result"
[ "$rx" -ge "$count" ] || die "pgb received $rx of $count frames"
echo "pps $pps"
