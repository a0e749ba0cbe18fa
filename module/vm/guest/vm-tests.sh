#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The in-VM test suite of vethlab.ko (module/README.md). Runs as root in
# the guest started by module/vm/vethvm.py; every network change happens
# in the guest. Prints one "name: OK" or "name: FAIL (reason)" line per
# test and "N passed, N failed" at the end; exits 1 if anything failed.
#
# Usage in the guest: sh /vm/vm-tests.sh; the work files stay in /tmp/vmt.

MODS=/lib/modules
OURS=$MODS/vethlab.ko
STOCK=$MODS/veth.ko
W=/tmp/vmt
PASS=0
FAIL=0
rm -rf $W
mkdir -p $W/ours $W/stock

# With VMT_TOKEN (vethvm.py test sets a fresh one per run), every verdict
# line starts with it: the harness passes on only those, so a line that a
# module under test prints to the console cannot pass for a verdict.
VT=${VMT_TOKEN:+$VMT_TOKEN }

ok() {
	echo "$1" >>$W/names
	echo "$VT$1: OK"
	PASS=$((PASS + 1))
}

fail() {
	echo "$1" >>$W/names
	echo "$VT$1: FAIL ($2)"
	FAIL=$((FAIL + 1))
}

# check NAME REASON-IF-FALSE COMMAND...: OK when COMMAND succeeds
check() {
	local n=$1 r=$2
	shift 2
	if "$@"; then ok "$n"; else fail "$n" "$r"; fi
}

# bad kernel messages since the last "dmesg -c"
BADMSG='BUG:|BUG at|WARNING:|Oops|unregister_netdevice: waiting|refcount_t|list_del corruption'

dmesg_clear() {
	dmesg -c >/dev/null
}

# dmesg_check NAME: a test of its own that the kernel log stayed clean
dmesg_check() {
	if dmesg | grep -E "$BADMSG" >$W/dmesg.bad; then
		fail "$1_dmesg" "kernel said: $(head -1 $W/dmesg.bad)"
	else
		ok "$1_dmesg"
	fi
	dmesg_clear
}

# t CMD...: run a command line, print it, its stdout, its stderr, [rc=N]
t() {
	echo "\$ $*"
	eval "$*" >$W/o 2>$W/e
	rc=$?
	cat $W/o $W/e
	echo "[rc=$rc]"
	return $rc
}

# map what differs between runs and drivers to stable tokens
normalize() {
	sed -E \
	    -e 's/([0-9a-f]{2}:){5}[0-9a-f]{2}/MAC/g' \
	    -e 's/^[0-9]+: /N: /' \
	    -e 's/@if[0-9]+/@ifN/g' \
	    -e 's/link-netnsid [0-9]+/link-netnsid ID/' \
	    -e 's/time=[0-9.]+ ms/time=T ms/' \
	    -e 's/, time [0-9]+ms/, time Tms/' \
	    -e 's/^rtt .*/rtt STATS/' \
	    -e 's/^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]+ /TS /' \
	    -e 's/, id [0-9]+,/, id ID,/' \
	    -e '/packets received by filter/d' \
	    -e '/packets dropped by kernel/d'
}

cleanup() {
	local d
	ip -all netns delete 2>/dev/null
	for d in veth0 veth1 veth2 veth3 pa p0 ca m0; do
		ip link del $d 2>/dev/null
	done
	# netns teardown is asynchronous; let it finish
	sleep 0.3
}

# wait_gone NETNS DEV: up to 10 s for DEV to disappear
wait_gone() {
	local i=0
	while ip -n "$1" link show "$2" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.1
	done
	return 0
}

# twons: veth0 (10.1.1.1/24) in ns1, veth1 (10.1.1.2/24) in ns2, no IPv6
# (its router solicitations would move the counters at random times)
twons() {
	ip netns add ns1 && ip netns add ns2 &&
	ip netns exec ns1 sysctl -qw net.ipv6.conf.default.disable_ipv6=1 &&
	ip netns exec ns2 sysctl -qw net.ipv6.conf.default.disable_ipv6=1 &&
	ip link add veth0 netns ns1 type veth peer name veth1 netns ns2 &&
	ip -n ns1 addr add 10.1.1.1/24 dev veth0 &&
	ip -n ns2 addr add 10.1.1.2/24 dev veth1 &&
	ip -n ns1 link set veth0 up && ip -n ns2 link set veth1 up
}

# sysval NETNS DEV COUNTER
sysval() {
	ip netns exec "$1" cat "/sys/class/net/$2/$3"
}

# ---- the seed scenarios, run on whichever driver is loaded ----
# scenarios DIR: transcripts DIR/{pair,twons,onens,tcpdump}.txt
scenarios() {
	local d=$1 c i tdpid
	cleanup
	{
		t ip link add veth0 type veth peer name veth1
		t ip link list
		t ip link del veth0
		t ip link list
	} >$d/pair.txt

	{
		t ip netns add ns1
		t ip netns add ns2
		t ip link add veth0 netns ns1 type veth peer name veth1 netns ns2
		t ip -n ns1 addr add 10.1.1.1/24 dev veth0
		t ip -n ns2 addr add 10.1.1.2/24 dev veth1
		t ip -n ns1 link set veth0 up
		t ip -n ns2 link set veth1 up
		t ip -n ns1 link list veth0
		t ip netns exec ns1 ping -c 2 -i 0.2 10.1.1.2
		t ip netns exec ns2 ping -c 2 -i 0.2 10.1.1.1
	} >$d/twons.txt
	cleanup

	{
		t ip netns add ns3
		t ip -n ns3 link set lo up
		t ip -n ns3 link add veth0 type veth peer name veth1
		t ip -n ns3 addr add 10.1.1.1/24 dev veth0
		t ip -n ns3 addr add 10.1.1.2/24 dev veth1
		t ip -n ns3 link set veth0 up
		t ip -n ns3 link set veth1 up
		for c in all veth0 veth1; do
			t ip netns exec ns3 sysctl -w net.ipv4.conf.$c.rp_filter=0
			t ip netns exec ns3 sysctl -w net.ipv4.conf.$c.accept_local=1
		done
		t ip netns exec ns3 ping -c 2 -i 0.2 -I veth0 10.1.1.2
	} >$d/onens.txt
	# proof that the pings crossed the pair and not lo
	sysval ns3 veth1 statistics/rx_packets >$d/onens.rx
	cleanup

	twons
	# ARP requests from 10.1.1.1, ARP replies from 10.1.1.2 (arp[6:2] is
	# the opcode, arp[14:4] the sender's address), ICMP. Under heavy
	# load a reverse ARP exchange (ns2 probing 10.1.1.1) was once seen
	# first; it is not what this scenario is about.
	# --immediate-mode: libpcap's TPACKET_V3 ring otherwise holds frames
	# until a block fills or times out; twice in ~20 runs under load
	# tcpdump then reported the first frames late or not at all
	ip netns exec ns2 tcpdump --immediate-mode -l -n -i veth1 -c 3 \
		'(arp[6:2] = 1 and arp[14:4] = 0x0a010101) or
		 (arp[6:2] = 2 and arp[14:4] = 0x0a010102) or icmp' \
		>$W/td.out 2>$W/td.err &
	tdpid=$!
	i=0
	until grep -q 'listening on' $W/td.err; do
		i=$((i + 1))
		[ $i -gt 300 ] && echo "tcpdump did not start in 30 s" >>$W/td.err && break
		sleep 0.1
	done
	sleep 0.5
	ip netns exec ns1 ping -c 1 10.1.1.2 >/dev/null 2>&1
	i=0
	while kill -0 $tdpid 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && kill $tdpid
		sleep 0.1
	done
	wait $tdpid
	cat $W/td.out $W/td.err >$d/tcpdump.txt
	cleanup
}

# ---- a: the seed scenarios on vethlab ----
seed_checks() {
	local d=$W/ours
	check seed_pair_list "no 'veth1@veth0: <BROADCAST,MULTICAST,M-DOWN>' line" \
		grep -q 'veth1@veth0: <BROADCAST,MULTICAST,M-DOWN>' $d/pair.txt
	check seed_pair_list_peer "no 'veth0@veth1: <BROADCAST,MULTICAST,M-DOWN>' line" \
		grep -q 'veth0@veth1: <BROADCAST,MULTICAST,M-DOWN>' $d/pair.txt
	check seed_twons_ping "ping between ns1 and ns2 lost packets, see $d/twons.txt" \
		test "$(grep -c ' 0% packet loss' $d/twons.txt)" = 2
	check seed_onens_ping "ping -I veth0 in one namespace failed, see $d/onens.txt" \
		grep -q ' 0% packet loss' $d/onens.txt
	check seed_onens_via_veth "veth1 received $(cat $d/onens.rx) packets, want >= 2" \
		test "$(cat $d/onens.rx)" -ge 2
	check seed_tcpdump_arp_request "first packet is not an ARP request: $(sed -n 1p $d/tcpdump.txt)" \
		eval "sed -n 1p $d/tcpdump.txt | grep -q 'ARP, Request who-has 10.1.1.2 tell 10.1.1.1'"
	check seed_tcpdump_arp_reply "second packet is not an ARP reply: $(sed -n 2p $d/tcpdump.txt)" \
		eval "sed -n 2p $d/tcpdump.txt | grep -q 'ARP, Reply 10.1.1.2 is-at'"
	check seed_tcpdump_echo_request "third packet is not an echo request: $(sed -n 3p $d/tcpdump.txt)" \
		eval "sed -n 3p $d/tcpdump.txt | grep -q 'IP 10.1.1.1 > 10.1.1.2: ICMP echo request'"
}

# ---- c: the transmit path, traced with ftrace ----
TRACED='veth_xmit dev_forward_skb __dev_forward_skb __dev_forward_skb2
netif_rx __netif_rx netif_rx_internal enqueue_to_backlog __napi_schedule
__raise_softirq_irqoff do_softirq __do_softirq net_rx_action __napi_poll
process_backlog __netif_receive_skb __netif_receive_skb_one_core
__netif_receive_skb_core.constprop.0 ip_rcv icmp_rcv icmp_echo'
# what must appear, in this order, for one frame (__netif_rx or netif_rx
# may come between __dev_forward_skb and netif_rx_internal, or nothing when
# the driver calls dev_forward_skb)
WANT='veth_xmit __dev_forward_skb netif_rx_internal
enqueue_to_backlog net_rx_action process_backlog __netif_receive_skb
__netif_receive_skb_core.constprop.0 ip_rcv'

trace_test() {
	T=/sys/kernel/tracing
	if [ ! -w $T/current_tracer ]; then
		fail trace_xmit_path "no tracefs at $T; the kernel needs CONFIG_FUNCTION_TRACER"
		return
	fi
	cleanup
	twons
	# resolve ARP first so that the trace holds one echo request
	ip netns exec ns1 ping -c 1 10.1.1.2 >/dev/null 2>&1
	echo 0 >$T/tracing_on
	echo nop >$T/current_tracer
	: >$T/set_ftrace_filter
	for f in $TRACED; do
		echo "$f" >>$T/set_ftrace_filter 2>/dev/null
	done
	echo function >$T/current_tracer
	echo >$T/trace
	echo 1 >$T/tracing_on
	ip netns exec ns1 ping -c 1 10.1.1.2 >/dev/null 2>&1
	echo 0 >$T/tracing_on
	grep -v '^#' $T/trace >$W/trace.txt
	echo nop >$T/current_tracer
	: >$T/set_ftrace_filter
	sed -E -n 's/.*: ([^ ]+) <-([^ ]+).*/\1 \2/p' $W/trace.txt >$W/trace.fn
	# is WANT a subsequence of the traced functions?
	got=$(awk -v want="$(echo $WANT)" '
		BEGIN { n = split(want, w, " "); i = 1 }
		i <= n && $1 == w[i] { i++ }
		END { print (i > n) ? "all" : w[i] }' $W/trace.fn)
	if [ "$got" = all ]; then
		ok trace_xmit_path
	else
		fail trace_xmit_path "missing or out of order: $got; trace in $W/trace.txt"
	fi
	cleanup
}

# ---- d: counters and peer_ifindex ----
counters_test() {
	cleanup
	twons
	ip netns exec ns1 ping -c 5 -i 0.2 10.1.1.2 >/dev/null 2>&1
	# read until two rounds agree, in case an ARP probe is in flight
	local prev= cur= i=0
	while [ $i -lt 20 ]; do
		a_tx=$(sysval ns1 veth0 statistics/tx_packets)
		a_rx=$(sysval ns1 veth0 statistics/rx_packets)
		b_tx=$(sysval ns2 veth1 statistics/tx_packets)
		b_rx=$(sysval ns2 veth1 statistics/rx_packets)
		a_txb=$(sysval ns1 veth0 statistics/tx_bytes)
		b_rxb=$(sysval ns2 veth1 statistics/rx_bytes)
		cur="$a_tx $a_rx $b_tx $b_rx $a_txb $b_rxb"
		[ "$cur" = "$prev" ] && break
		prev=$cur
		i=$((i + 1))
		sleep 0.2
	done
	check counters_tx_rx "veth0 tx_packets $a_tx != veth1 rx_packets $b_rx" \
		test "$a_tx" = "$b_rx"
	check counters_rx_tx "veth0 rx_packets $a_rx != veth1 tx_packets $b_tx" \
		test "$a_rx" = "$b_tx"
	check counters_bytes "veth0 tx_bytes $a_txb != veth1 rx_bytes $b_rxb" \
		test "$a_txb" = "$b_rxb"
	check counters_count "veth0 sent $a_tx packets for 5 pings, want >= 5" \
		test "$a_tx" -ge 5
	cleanup

	# move one end into a namespace where its ifindex is taken, so
	# that the move changes it
	ip netns add ns2
	ip link add pa type veth peer name pb
	old=$(cat /sys/class/net/pb/ifindex)
	ip -n ns2 link add x0 index "$old" type veth peer name x1
	ip link set pb netns ns2
	new=$(sysval ns2 pb ifindex)
	pa_idx=$(cat /sys/class/net/pa/ifindex)
	s_pa=$(ethtool -S pa | awk '/peer_ifindex/ { print $2 }')
	s_pb=$(ip netns exec ns2 ethtool -S pb | awk '/peer_ifindex/ { print $2 }')
	check peer_ifindex_moved "pb kept ifindex $old in ns2; the test set-up failed" \
		test "$new" != "$old"
	check peer_ifindex_after_move "ethtool -S pa says peer_ifindex $s_pa, pb is $new" \
		test "$s_pa" = "$new"
	check peer_ifindex_back "ethtool -S pb says peer_ifindex $s_pb, pa is $pa_idx" \
		test "$s_pb" = "$pa_idx"
	cleanup
}

# ---- e: robustness ----
CYCLES=1000
robust_tests() {
	local i s e rc fpid sent m
	cleanup
	dmesg_clear
	: >$W/batch
	i=0
	while [ $i -lt $CYCLES ]; do
		echo "link add ca type veth peer name cb" >>$W/batch
		echo "link del ca" >>$W/batch
		i=$((i + 1))
	done
	s=$(cut -d. -f1 /proc/uptime)
	timeout 120 /usr/sbin/ip -batch $W/batch >$W/batch.out 2>&1
	rc=$?
	e=$(cut -d. -f1 /proc/uptime)
	echo "# $CYCLES add/del cycles took $((e - s)) s"
	check robust_add_del_cycles "ip -batch of $CYCLES add/del cycles: rc=$rc: $(tail -1 $W/batch.out)" \
		test $rc = 0
	check robust_add_del_leftover "cb still exists after the cycles" \
		eval "! ip link show cb >/dev/null 2>&1"
	dmesg_check robust_add_del

	twons
	ip netns exec ns1 ping -f -w 4 10.1.1.2 >$W/flood.out 2>&1 &
	fpid=$!
	sleep 1.5
	timeout 30 /usr/sbin/ip -n ns2 link del veth1
	rc=$?
	wait $fpid
	sent=$(sed -n -E 's/^([0-9]+) packets transmitted.*/\1/p' $W/flood.out)
	echo "# flood sent ${sent:-0} packets before and after the delete"
	check robust_del_during_flood "ip link del veth1 during a ping flood: rc=$rc" \
		test $rc = 0
	check robust_del_during_flood_peer "veth0 survived the delete of veth1" \
		wait_gone ns1 veth0
	check robust_del_during_flood_sent "the flood sent ${sent:-0} packets" \
		test "${sent:-0}" -gt 10
	dmesg_check robust_del_during_flood
	cleanup

	twons
	ip netns del ns2
	check robust_netns_del "veth0 in ns1 survived the deletion of ns2" \
		wait_gone ns1 veth0
	dmesg_check robust_netns_del
	cleanup

	twons
	ip link add p0 type veth peer name p1
	ip -n ns1 link add q0 type veth peer name q1 netns ns2
	timeout 60 rmmod vethlab
	rc=$?
	check robust_rmmod_live "rmmod vethlab with 3 live pairs: rc=$rc" \
		test $rc = 0
	check robust_rmmod_gone "pairs survived rmmod: $(ip -n ns1 -o link | grep -c veth) left in ns1" \
		eval "! ip link show p0 >/dev/null 2>&1 &&
		      ! ip -n ns1 link show veth0 >/dev/null 2>&1 &&
		      ! ip -n ns2 link show q1 >/dev/null 2>&1"
	dmesg_check robust_rmmod_live
	cleanup
	insmod $OURS || fail robust_reload "insmod after rmmod failed"

	ip link add veth0 type veth peer name veth1
	for m in 67 65536; do
		check robust_mtu_add_$m "ip link add with mtu $m succeeded" \
			eval "! ip link add m0 mtu $m type veth peer name m1 2>/dev/null"
		check robust_mtu_peer_$m "ip link add with peer mtu $m succeeded" \
			eval "! ip link add m0 type veth peer name m1 mtu $m 2>/dev/null"
		check robust_mtu_set_$m "ip link set veth0 mtu $m succeeded" \
			eval "! ip link set veth0 mtu $m 2>/dev/null"
	done
	check robust_mtu_leftover "a rejected add left m0 or m1 behind" \
		eval "! ip link show m0 >/dev/null 2>&1 && ! ip link show m1 >/dev/null 2>&1"
	check robust_mtu_limits "mtu 68 or 65535 was refused" \
		eval "ip link set veth0 mtu 68 && ip link set veth0 mtu 65535"
	dmesg_check robust_mtu
	cleanup
}

# ---- f: bad netlink input, recorded for both drivers ----
BAD_CASES='dup_dev dup_peer same_name mcast_mac zero_peer_mac mtu20 peer_mtu20 peer_netns_missing peer_netns_pid'

badinput() {
	local d=$1
	mkdir -p $d/bad
	cleanup
	ip link add veth0 type veth peer name veth1
	t ip link add veth0 type veth peer name veth2 >$d/bad/dup_dev
	t ip link add veth2 type veth peer name veth1 >$d/bad/dup_peer
	t ip link add veth3 type veth peer name veth3 >$d/bad/same_name
	t ip link add veth3 address 01:00:5e:00:00:01 type veth peer name veth4 \
		>$d/bad/mcast_mac
	t ip link add veth3 type veth peer name veth4 address 00:00:00:00:00:00 \
		>$d/bad/zero_peer_mac
	t ip link add veth3 mtu 20 type veth peer name veth4 >$d/bad/mtu20
	t ip link add veth3 type veth peer name veth4 mtu 20 >$d/bad/peer_mtu20
	t ip link add veth3 type veth peer name veth4 netns nosuchns \
		>$d/bad/peer_netns_missing
	t ip link add veth3 type veth peer name veth4 netns 65000 \
		>$d/bad/peer_netns_pid
	ip -o link | sed -E 's/^[0-9]+: ([^:@]+).*/\1/' >$d/bad/links
	cleanup
}

badinput_checks() {
	local c o s
	for c in $BAD_CASES; do
		o=$W/ours/bad/$c
		s=$W/stock/bad/$c
		if grep -q '^\[rc=0\]' $o; then
			fail badinput_$c "vethlab accepted it: $(head -1 $o)"
		elif ! normalize <$o | diff - $s.norm >$W/diff 2>&1; then
			fail badinput_$c "vethlab and veth.ko differ: $(grep '^[-+][^-+]' $W/diff | head -2 | tr '\n' ' ')"
		else
			ok badinput_$c
		fi
	done
	check badinput_no_leftover "a rejected add left a device: $(tr '\n' ' ' <$W/ours/bad/links)" \
		diff -q $W/ours/bad/links $W/stock/bad/links
}

# ---- b: the same scenarios on the stock veth.ko ----
stock_checks() {
	local s
	for s in pair twons onens tcpdump; do
		normalize <$W/ours/$s.txt >$W/ours/$s.norm
		normalize <$W/stock/$s.txt >$W/stock/$s.norm
		if diff $W/stock/$s.norm $W/ours/$s.norm >$W/diff; then
			ok stock_same_$s
		else
			fail stock_same_$s "normalized transcripts differ, - is veth.ko, + is vethlab.ko:"
			grep '^[-+][^-+]' $W/diff | head -8 | sed 's/^/#   /'
		fi
	done
}

# ---- the kind clash with the stock driver ----
# iproute2 only knows the "peer" syntax for kind veth, so the vethlab
# pair gets its peer's default name (veth%d).
kind_tests() {
	dmesg_clear
	check kind_clash_refused "insmod vethlab.ko succeeded with veth.ko loaded" \
		eval "! insmod $OURS 2>/dev/null"
	check kind_clash_message "no pr_err telling to 'rmmod veth': $(dmesg | tail -1)" \
		eval "dmesg | grep -q \"rmmod veth' or load with kind=vethlab\""
	insmod $OURS kind=vethlab
	check kind_vethlab "a vethlab pair next to veth.ko could not be made" \
		eval "ip link add k0 type vethlab &&
		      ip -d link show k0 | grep -q 'vethlab' &&
		      ip link del k0"
	rmmod vethlab
	dmesg_check kind
}

# section NAME: say which part starts and how long the last one took,
# so that a slow run shows where its time went
SECTION=
SECTION_T0=
section() {
	local now
	now=$(cut -d' ' -f1 /proc/uptime)
	[ -n "$SECTION" ] && echo "# $SECTION took $(echo "$now $SECTION_T0" |
		awk '{ printf "%.1f", $1 - $2 }') s"
	SECTION=$1
	SECTION_T0=$now
}

# Every test of this file, in order. When the module cannot even make a
# pair that points at its peer, they all fail at once with that cause
# instead of each waiting out its own time limit (150 s for a stub).
# A full run checks that this list names exactly the tests that ran.
ALL_TESTS="
	seed_pair_list seed_pair_list_peer seed_twons_ping seed_onens_ping
	seed_onens_via_veth seed_tcpdump_arp_request seed_tcpdump_arp_reply
	seed_tcpdump_echo_request seed_dmesg trace_xmit_path counters_tx_rx
	counters_rx_tx counters_bytes counters_count peer_ifindex_moved
	peer_ifindex_after_move peer_ifindex_back counters_dmesg
	robust_add_del_cycles robust_add_del_leftover robust_add_del_dmesg
	robust_del_during_flood robust_del_during_flood_peer
	robust_del_during_flood_sent robust_del_during_flood_dmesg
	robust_netns_del robust_netns_del_dmesg robust_rmmod_live
	robust_rmmod_gone robust_rmmod_live_dmesg robust_mtu_add_67
	robust_mtu_peer_67 robust_mtu_set_67 robust_mtu_add_65536
	robust_mtu_peer_65536 robust_mtu_set_65536 robust_mtu_leftover
	robust_mtu_limits robust_mtu_dmesg stock_same_pair stock_same_twons
	stock_same_onens stock_same_tcpdump badinput_dup_dev badinput_dup_peer
	badinput_same_name badinput_mcast_mac badinput_zero_peer_mac
	badinput_mtu20 badinput_peer_mtu20 badinput_peer_netns_missing
	badinput_peer_netns_pid badinput_no_leftover kind_clash_refused
	kind_clash_message kind_vethlab kind_dmesg
"

# pair_gate: can vethlab.ko make a pair whose ends point at each other?
pair_gate() {
	local ok=1
	ip link add gate0 type veth peer name gate1 2>$W/gate.err || ok=0
	[ $ok = 1 ] && { ip -o link show gate0 | grep -q 'gate0@gate1:' || ok=0; }
	ip link del gate0 2>/dev/null
	[ $ok = 1 ]
}

fail_all() {
	for n in $ALL_TESTS; do
		fail "$n" "not run: $1"
	done
	echo "$VT$PASS passed, $FAIL failed"
	exit 1
}

# ---- main ----
dmesg_clear
if ! insmod $OURS; then
	echo "vm-tests: insmod $OURS failed; see dmesg below"
	dmesg | tail -5
	fail_all "insmod vethlab.ko failed: $(dmesg | tail -1)"
fi
if ! pair_gate; then
	echo "vm-tests: 'ip link add gate0 type veth peer name gate1' did not make" \
		"a pair that points at its peer: $(cat $W/gate.err)"
	ip -o link show 2>/dev/null | sed 's/^/#   /'
	fail_all "vethlab.ko makes no working pair (veth_newlink, TODO 6.1)"
fi
section "seed scenarios on vethlab.ko"
scenarios $W/ours
seed_checks
dmesg_check seed
section "ftrace of the transmit path"
trace_test
section "counters"
counters_test
dmesg_check counters
section "bad input on vethlab.ko"
badinput $W/ours
section "robustness"
robust_tests
rmmod vethlab

if ! insmod $STOCK; then
	fail stock_insmod "insmod $STOCK failed: $(dmesg | tail -1)"
else
	section "seed scenarios and bad input on veth.ko"
	scenarios $W/stock
	badinput $W/stock
	for c in $BAD_CASES; do
		normalize <$W/stock/bad/$c >$W/stock/bad/$c.norm
	done
	stock_checks
	badinput_checks
	section "kind clash"
	kind_tests
	rmmod veth
fi
section end

# the list that fail_all uses must name exactly the tests that ran
echo $ALL_TESTS | tr ' ' '\n' >$W/listed
if ! cmp -s $W/listed $W/names; then
	FAIL=$((FAIL + 1))
	echo "vm-tests: ALL_TESTS is out of date; update it:" \
		"$(diff $W/listed $W/names | grep '^[-+][a-z]' | tr '\n' ' ')"
fi

echo "$VT$PASS passed, $FAIL failed"
[ $FAIL = 0 ]
