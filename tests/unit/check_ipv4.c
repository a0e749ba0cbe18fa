// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 end to end: addresses and their routes, ping over a veth pair in
 * one namespace (seed 003) and across two, the echo reply's way back
 * over lo, header checks on received packets.
 */
#include <linux/ftrace.h>
#include "inet_helpers.h"

static u64 lo_tx_packets(struct net *net)
{
	struct rtnl_link_stats64 st;

	dev_get_stats(net->loopback_dev, &st);
	return st.tx_packets;
}

/* Seed 003, default sysctls: the ARP request is refused by veth1
 * (sender address is local), so no reply ever comes. */
START_TEST(test_seed003_default_fails)
{
	struct neighbour *n;

	seed003_setup(&init_net);
	ck_assert_int_eq(ping1(&init_net, "veth0", "192.168.1.2",
			       NSEC_PER_SEC), 0);
	n = neigh_of(&init_net, "veth0", "192.168.1.2");
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	/* veth1 learnt nothing from a request it refused */
	ck_assert_ptr_null(neigh_of(&init_net, "veth1", "192.168.1.1"));
	ck_assert_uint_ge(init_net.ipv4->rt_stat.in_martian_src, 1);
	neigh_flush_dev(&arp_tbl, &init_net, D(&init_net, "veth0"));
}
END_TEST

/* After the article's five writes: replies, and they come back over lo. */
START_TEST(test_seed003_sysctls_work)
{
	struct neighbour *n;
	u64 lo_before;

	seed003_setup(&init_net);
	seed003_sysctls(&init_net);
	lo_before = lo_tx_packets(&init_net);
	ck_assert_int_eq(ping1(&init_net, "veth0", "192.168.1.2",
			       NSEC_PER_SEC), 1);
	ck_assert_uint_eq(lo_tx_packets(&init_net), lo_before + 1);
	n = neigh_of(&init_net, "veth0", "192.168.1.2");
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert(ether_addr_equal(n->ha, D(&init_net, "veth1")->dev_addr));
	n = neigh_of(&init_net, "veth1", "192.168.1.1");
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_STALE);
}
END_TEST

/* tests/golden/lo-carries-the-replies.out: lo down, the replies die
 * there; the counters are the real kernel's, but for lo's TX dropped,
 * which 6.1 does not count (docs/differences.md). */
START_TEST(test_lo_down_counters)
{
	struct rtnl_link_stats64 st;
	struct sock *sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	u8 buf[128];
	size_t len;
	int seq, replies = 0;

	add_pair(&init_net, "veth0", "veth1");
	ck_assert_int_eq(addr_add(&init_net, "veth0", "192.168.1.1", 24), 0);
	ck_assert_int_eq(addr_add(&init_net, "veth1", "192.168.1.2", 24), 0);
	up(&init_net, "veth0");
	up(&init_net, "veth1");
	seed003_sysctls(&init_net);
	ck_assert_int_eq(raw_sock_bind_dev(sk, "veth0"), 0);
	for (seq = 1; seq <= 2; seq++) {
		len = make_echo(buf, 0x77, (u16)seq);
		ck_assert_int_eq(raw_sendmsg(sk, A("192.168.1.2"), 0, buf,
					     len), (int)len);
		run_for(NSEC_PER_SEC);
	}
	drain(sk, 0x77, &replies, NULL);
	ck_assert_int_eq(replies, 0);
	dev_get_stats(D(&init_net, "veth0"), &st);
	ck_assert_uint_eq(st.tx_packets, 3);
	ck_assert_uint_eq(st.tx_bytes, 238);
	ck_assert_uint_eq(st.rx_packets, 1);
	ck_assert_uint_eq(st.rx_bytes, 42);
	/* the replies went into lo's noop_qdisc: counted nowhere in 6.1 */
	dev_get_stats(init_net.loopback_dev, &st);
	ck_assert_uint_eq(st.tx_dropped, 0);
	ck_assert_uint_eq(st.tx_packets, 0);
	ck_assert_uint_eq(st.rx_packets, 0);
	raw_sock_release(sk);
}
END_TEST

/* Seed 000: two namespaces, default sysctls, ping both ways. */
START_TEST(test_two_namespaces)
{
	struct net *ns0 = copy_net_ns(), *ns1 = copy_net_ns();

	ck_assert_ptr_nonnull(ns0);
	ck_assert_ptr_nonnull(ns1);
	add_pair(&init_net, "veth0", "veth1");
	move_dev(&init_net, "veth0", ns0);
	move_dev(&init_net, "veth1", ns1);
	ck_assert_int_eq(addr_add(ns0, "veth0", "10.1.1.1", 24), 0);
	up(ns0, "veth0");
	ck_assert_int_eq(addr_add(ns1, "veth1", "10.1.1.2", 24), 0);
	up(ns1, "veth1");
	ck_assert_int_eq(ping1(ns1, "veth1", "10.1.1.1", NSEC_PER_SEC), 1);
	ck_assert_int_eq(ping1(ns0, "veth0", "10.1.1.2", NSEC_PER_SEC), 1);
	ck_assert_int_eq(ping1(ns0, NULL, "10.1.1.2", NSEC_PER_SEC), 1);
	put_net(ns0);
	put_net(ns1);
}
END_TEST

/* ip_rcv_core(): each malformed header is dropped, counted, with a reason */
struct bad_case {
	const char	*what;
	int		off;		/* byte to change, -1: length only */
	u8		val;
	int		trim;		/* bytes cut from the end */
	bool		fix_csum;
	int		mib;		/* IPSTATS_MIB_* that counts it */
	enum skb_drop_reason reason;
};

static const struct bad_case bad_cases[] = {
	{ "version 6", 0, 0x65, 0, true, IPSTATS_MIB_INHDRERRORS,
	  SKB_DROP_REASON_IP_INHDR },
	{ "ihl 4", 0, 0x44, 0, true, IPSTATS_MIB_INHDRERRORS,
	  SKB_DROP_REASON_IP_INHDR },
	{ "ihl 15 > packet", 0, 0x4f, 70, false, IPSTATS_MIB_INHDRERRORS,
	  SKB_DROP_REASON_IP_INHDR },
	{ "bad checksum", 10, 0x00, 0, false, IPSTATS_MIB_CSUMERRORS,
	  SKB_DROP_REASON_IP_CSUM },
	{ "tot_len > packet", 2, 0x7f, 0, true, IPSTATS_MIB_INTRUNCATEDPKTS,
	  SKB_DROP_REASON_PKT_TOO_SMALL },
	{ "tot_len < ihl", 3, 0x10, 0, true, IPSTATS_MIB_INHDRERRORS,
	  SKB_DROP_REASON_IP_INHDR },
	{ "19 bytes", -1, 0, 65, false, IPSTATS_MIB_INHDRERRORS,
	  SKB_DROP_REASON_IP_INHDR },
};

START_TEST(test_malformed_ip)
{
	const struct bad_case *c = &bad_cases[_i];
	u8 buf[256];
	unsigned int len;
	struct iphdr *iph = (struct iphdr *)buf;
	u64 before = skb_drop_count(c->reason);

	seed003_setup(&init_net);
	len = make_ip_echo(buf, "192.168.1.9", "192.168.1.2", 1);
	if (c->off == 10)		/* the checksum itself */
		buf[10] ^= 0x55;
	else if (c->off >= 0)
		buf[c->off] = c->val;
	if (c->fix_csum)
		ip_send_check(iph);
	len -= (unsigned int)c->trim;
	inject(D(&init_net, "veth1"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_msg(init_net.ipv4->ip_mib[c->mib] == 1, "%s not counted",
		      c->what);
	ck_assert_uint_eq(skb_drop_count(c->reason), before + 1);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_INMSGS], 0);
	/* the same packet, intact, is answered */
	len = make_ip_echo(buf, "192.168.1.9", "192.168.1.2", 1);
	inject(D(&init_net, "veth1"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_INMSGS], 1);
	neigh_flush_dev(&arp_tbl, &init_net, NULL);
}
END_TEST

/* Padding after tot_len (short frames are padded on the wire) is cut off. */
START_TEST(test_padding_trimmed)
{
	u8 buf[256];
	unsigned int len;

	seed003_setup(&init_net);
	len = make_ip_echo(buf, "192.168.1.9", "192.168.1.2", 1);
	memset(buf + len, 0xee, 10);
	inject(D(&init_net, "veth1"), peer_mac, NULL, ETH_P_IP, buf, len + 10);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_INMSGS], 1);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_INERRORS], 0);
	neigh_flush_dev(&arp_tbl, &init_net, NULL);
}
END_TEST

/* Not for us: a host (ip_forward=0) drops and counts InAddrErrors. */
START_TEST(test_not_for_us)
{
	u8 buf[256];
	unsigned int len;

	seed003_setup(&init_net);
	len = make_ip_echo(buf, "192.168.1.9", "192.168.1.77", 1);
	inject(D(&init_net, "veth1"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(init_net.ipv4->ip_mib[IPSTATS_MIB_INADDRERRORS], 1);
	/* another host's MAC: dropped before IP looks (PACKET_OTHERHOST) */
	len = make_ip_echo(buf, "192.168.1.9", "192.168.1.2", 1);
	inject(D(&init_net, "veth1"), peer_mac, peer_mac, ETH_P_IP, buf, len);
	ck_assert_uint_eq(init_net.ipv4->ip_mib[IPSTATS_MIB_INRECEIVES], 1);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_INMSGS], 0);
}
END_TEST

/* Cut @pkt (a whole datagram) at payload byte @from..@to into @out. */
static unsigned int make_fragment(u8 *out, const u8 *pkt, unsigned int len,
				  unsigned int from, unsigned int to, u16 id)
{
	struct iphdr *h = (struct iphdr *)out;
	unsigned int hl = sizeof(*h);

	memcpy(out, pkt, hl);
	memcpy(out + hl, pkt + hl + from, to - from);
	h->id = htons(id);
	h->frag_off = htons((u16)(from / 8));
	if (hl + to < len)
		h->frag_off |= htons(IP_MF);
	h->tot_len = htons((u16)(hl + to - from));
	ip_send_check(h);
	return hl + to - from;
}

/*
 * Fragments for us are put back together (last piece first here), and
 * the echo inside is answered; a first piece alone times out after
 * ipfrag_time (30 s) and its sender hears ICMP time exceeded.
 */
START_TEST(test_fragments_reassembled_or_expire)
{
	struct netns_ipv4 *v4 = init_net.ipv4;
	struct net_device *v1;
	u8 pkt[256], f[256];
	unsigned int len, n;

	seed003_setup(&init_net);
	v1 = D(&init_net, "veth1");
	len = make_ip_echo(pkt, "192.168.1.9", "192.168.1.2", 1);
	n = make_fragment(f, pkt, len, 16, len - 20, 7);
	inject(v1, peer_mac, NULL, ETH_P_IP, f, n);
	ck_assert_uint_eq(v4->ip_mib[IPSTATS_MIB_REASMREQDS], 1);
	ck_assert_uint_eq(v4->icmp_mib[ICMP_MIB_INMSGS], 0);
	n = make_fragment(f, pkt, len, 0, 16, 7);
	inject(v1, peer_mac, NULL, ETH_P_IP, f, n);
	ck_assert_uint_eq(v4->ip_mib[IPSTATS_MIB_REASMOKS], 1);
	ck_assert_uint_eq(v4->icmp_mib[ICMP_MIB_INMSGS], 1);
	ck_assert_uint_eq(v4->icmp_mib[ICMP_MIB_INERRORS], 0);
	ck_assert_uint_eq(v4->icmpmsg_out[ICMP_ECHOREPLY], 1);

	n = make_fragment(f, pkt, len, 0, 16, 8);
	inject(v1, peer_mac, NULL, ETH_P_IP, f, n);
	run_for(29 * NSEC_PER_SEC);
	ck_assert_uint_eq(v4->ip_mib[IPSTATS_MIB_REASMTIMEOUT], 0);
	/* the wheel rounds a 30 s timer up to its 2 s granularity */
	run_for(4 * NSEC_PER_SEC);
	ck_assert_uint_eq(v4->ip_mib[IPSTATS_MIB_REASMTIMEOUT], 1);
	ck_assert_uint_eq(v4->ip_mib[IPSTATS_MIB_REASMFAILS], 1);
	ck_assert_uint_eq(v4->icmpmsg_out[ICMP_TIME_EXCEEDED], 1);
	neigh_flush_dev(&arp_tbl, &init_net, NULL);
}
END_TEST

/*
 * Mutated ARP and IPv4/ICMP frames: whatever arrives, nothing crashes,
 * hangs or leaks (ASan/LSan in SAN=1 builds; the fixture counts skbs).
 * Half get their IP checksum fixed so the mutations reach ICMP.
 */
static u32 rnd_state = 12345;

static u32 rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

START_TEST(test_mutated_frames)
{
	struct net_device *v1;
	u8 buf[256];
	int i;

	seed003_setup(&init_net);
	seed003_sysctls(&init_net);
	v1 = D(&init_net, "veth1");
	for (i = 0; i < 3000; i++) {
		unsigned int len = make_ip_echo(buf, "192.168.1.9",
						"192.168.1.2", (u16)i);
		u16 proto = ETH_P_IP;
		int flips = 1 + (int)(rnd() % 4), k;

		if (rnd() % 3 == 0) {
			static const u8 req[28] = {
				0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 0x99,
				192, 168, 1, 9, 0, 0, 0, 0, 0, 0,
				192, 168, 1, 2 };

			memcpy(buf, req, sizeof(req));
			len = sizeof(req);
			proto = ETH_P_ARP;
		}
		for (k = 0; k < flips; k++)
			buf[rnd() % len] ^= (u8)(1u << (rnd() % 8));
		if (proto == ETH_P_IP && (rnd() & 1)) {
			if (buf[0] >> 4 == 4 && (buf[0] & 15) >= 5)
				ip_send_check((struct iphdr *)buf);
		}
		len = len - rnd() % 8 * (rnd() % 4 == 0);
		inject(v1, peer_mac, (rnd() % 8) ? NULL : peer_mac, proto,
		       buf, len);
	}
	run_for(10 * NSEC_PER_SEC);
	/* the stack still works afterwards */
	ck_assert_int_eq(ping1(&init_net, "veth0", "192.168.1.2",
			       NSEC_PER_SEC), 1);
}
END_TEST

/* The function tracer sees the path seed 003's lesson is about. */
static char trace[1 << 20];

START_TEST(test_trace_seed003)
{
	seed003_setup(&init_net);
	ck_assert_int_eq(ftrace_set_tracer(TRACER_FUNCTION), 0);
	ck_assert_int_eq(ping1(&init_net, "veth0", "192.168.1.2",
			       NSEC_PER_SEC / 10), 0);
	ftrace_print(trace, sizeof(trace));
	/* the request reached ARP on veth1 and was judged a martian */
	ck_assert_ptr_nonnull(strstr(trace, "arp_rcv"));
	ck_assert_ptr_nonnull(strstr(trace, "fib_validate_source"));
	ck_assert_ptr_null(strstr(trace, "icmp_rcv"));
	neigh_flush_dev(&arp_tbl, &init_net, NULL);

	seed003_sysctls(&init_net);
	ftrace_reset();
	ck_assert_int_eq(ping1(&init_net, "veth0", "192.168.1.2",
			       NSEC_PER_SEC / 10), 1);
	ftrace_print(trace, sizeof(trace));
	ck_assert_ptr_nonnull(strstr(trace, "neigh_resolve_output"));
	ck_assert_ptr_nonnull(strstr(trace, "arp_solicit"));
	ck_assert_ptr_nonnull(strstr(trace, "icmp_rcv"));
	ck_assert_ptr_nonnull(strstr(trace, "raw_local_deliver"));
	/* the request is sent before the reply is delivered */
	ck_assert(strstr(trace, "raw_sendmsg") <
		  strstr(trace, "raw_local_deliver"));
	ftrace_set_tracer(TRACER_NOP);
}
END_TEST

Suite *ipv4_suite(void);

Suite *ipv4_suite(void)
{
	Suite *s = suite_create("ipv4");
	TCase *tc = inet_tcase(s, "ping");

	tcase_add_test(tc, test_seed003_default_fails);
	tcase_add_test(tc, test_seed003_sysctls_work);
	tcase_add_test(tc, test_lo_down_counters);
	tcase_add_test(tc, test_two_namespaces);
	tcase_add_loop_test(tc, test_malformed_ip, 0,
			    (int)ARRAY_SIZE(bad_cases));
	tcase_add_test(tc, test_padding_trimmed);
	tcase_add_test(tc, test_not_for_us);
	tcase_add_test(tc, test_fragments_reassembled_or_expire);
	tcase_add_test(tc, test_trace_seed003);
	tcase_add_test(tc, test_mutated_frames);
	return s;
}

UNIT_MAIN(ipv4_suite)
