// SPDX-License-Identifier: GPL-2.0
/*
 * ARP: resolution and its retransmits, failure and the ICMP error it
 * causes, the queue of packets waiting, answering requests (arp_ignore),
 * and dropping malformed ARP packets.
 */
#include "inet_helpers.h"

/* A tap on one device counting ARP requests and replies (like tcpdump). */
static int arp_req, arp_rep;
static struct net_device *tap_dev;

static int tap_rcv(struct sk_buff *skb, struct net_device *d,
		   struct packet_type *pt, struct net_device *orig)
{
	if (d == tap_dev && skb->protocol == htons(ETH_P_ARP) &&
	    skb->len >= sizeof(struct arphdr)) {
		struct arphdr *arp = (struct arphdr *)skb->data;

		if (arp->ar_op == htons(ARPOP_REQUEST))
			arp_req++;
		else if (arp->ar_op == htons(ARPOP_REPLY))
			arp_rep++;
	}
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type tap = { .func = tap_rcv };

static void tap_on(struct net_device *d)
{
	arp_req = arp_rep = 0;
	tap_dev = d;
	tap.type = htons(ETH_P_ALL);
	tap.dev = d;
	dev_add_pack(&tap);
}

/* The pair is up but veth1 has no address: nobody answers. */
static void silent_peer(void)
{
	up(&init_net, "lo");
	add_pair(&init_net, "veth0", "veth1");
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.0.0.1", 24), 0);
	up(&init_net, "veth0");
	up(&init_net, "veth1");
}

START_TEST(test_three_probes_then_failed)
{
	struct sock *sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	u8 buf[128];
	size_t len = make_echo(buf, 7, 1);
	struct neighbour *n;
	int unreach = 0;

	silent_peer();
	tap_on(D(&init_net, "veth1"));
	ck_assert_int_eq(raw_sendmsg(sk, A("10.0.0.2"), 0, buf, len),
			 (int)len);
	run_for(NSEC_PER_MSEC);
	n = neigh_of(&init_net, "veth0", "10.0.0.2");
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	ck_assert_int_eq(arp_req, 1);
	ck_assert_uint_eq(skb_queue_len(&n->arp_queue), 1);
	/* retransmits 1 s apart: 3 in all (mcast_solicit); the timer wheel
	 * fires a 1 s timer up to 36 ms late, never early */
	run_for(NSEC_PER_SEC - NSEC_PER_MSEC);
	ck_assert_int_eq(arp_req, 1);
	run_for(40 * NSEC_PER_MSEC);
	ck_assert_int_eq(arp_req, 2);
	run_for(NSEC_PER_SEC + 40 * NSEC_PER_MSEC);
	ck_assert_int_eq(arp_req, 3);
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	drain(sk, 7, NULL, &unreach);
	ck_assert_int_eq(unreach, 0);
	run_for(NSEC_PER_SEC + 40 * NSEC_PER_MSEC);
	ck_assert_int_eq(arp_req, 3);
	ck_assert_int_eq(n->nud_state, NUD_FAILED);
	ck_assert_uint_eq(skb_queue_len(&n->arp_queue), 0);
	/* the queued echo became "Destination Host Unreachable" from us */
	{
		struct sk_buff *skb = raw_recv(sk);
		struct iphdr *iph;
		struct icmphdr *h, *inner;

		ck_assert_ptr_nonnull(skb);
		iph = (struct iphdr *)skb->data;
		h = (struct icmphdr *)(skb->data + iph->ihl * 4);
		ck_assert_uint_eq(iph->saddr, A("10.0.0.1"));
		ck_assert_int_eq(h->type, ICMP_DEST_UNREACH);
		ck_assert_int_eq(h->code, ICMP_HOST_UNREACH);
		/* quoting our echo request: id 7, seq 1 */
		inner = (struct icmphdr *)((u8 *)(h + 1) + 20);
		ck_assert_int_eq(ntohs(inner->un.echo.id), 7);
		ck_assert_int_eq(ntohs(inner->un.echo.sequence), 1);
		consume_skb(skb);
	}
	ck_assert_uint_eq(arp_tbl.stats.res_failed, 1);
	raw_sock_release(sk);
	dev_remove_pack(&tap);
}
END_TEST

/*
 * What iputils prints comes from the error queue (IP_RECVERR). Checked on
 * a real kernel: plain `ping` to a silent neighbour prints "From 10.0.0.1
 * icmp_seq=N Destination Host Unreachable"; `ping -I veth0` prints none,
 * because the error arrives over lo and the socket is bound to veth0.
 */
static int errq_after_failure(const char *bind)
{
	struct sock *sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	u8 buf[128];
	size_t len = make_echo(buf, 7, 1);
	struct sk_buff *skb;
	int n = 0;

	silent_peer();
	sk->recverr = true;
	if (bind)
		ck_assert_int_eq(raw_sock_bind_dev(sk, bind), 0);
	ck_assert_int_eq(raw_sendmsg(sk, A("10.0.0.2"), 0, buf, len),
			 (int)len);
	run_for(4 * NSEC_PER_SEC);
	ck_assert_int_eq(neigh_of(&init_net, "veth0", "10.0.0.2")->nud_state,
			 NUD_FAILED);
	while ((skb = raw_recv_error(sk)) != NULL) {
		ck_assert_uint_eq(ip_hdr(skb)->saddr, A("10.0.0.1"));
		n++;
		consume_skb(skb);
	}
	if (n)	/* SO_ERROR would read it; sendmsg does not return it */
		ck_assert_int_eq(sk->sk_err, EHOSTUNREACH);
	raw_sock_release(sk);
	neigh_flush_dev(&arp_tbl, &init_net, NULL);
	return n;
}

START_TEST(test_errqueue_unbound)
{
	ck_assert_int_eq(errq_after_failure(NULL), 1);
}
END_TEST

START_TEST(test_errqueue_bound_silent)
{
	ck_assert_int_eq(errq_after_failure("veth0"), 0);
}
END_TEST

START_TEST(test_queue_limit)
{
	struct sock *sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	u8 buf[128];
	size_t len = make_echo(buf, 7, 1);
	struct neighbour *n;
	int i;

	silent_peer();
	sysctl_set(&init_net, "net.ipv4.neigh.default.unres_qlen_bytes",
		   "2000");
	for (i = 0; i < 20; i++)
		ck_assert_int_eq(raw_sendmsg(sk, A("10.0.0.2"), 0, buf, len),
				 (int)len);
	n = neigh_of(&init_net, "veth0", "10.0.0.2");
	ck_assert_ptr_nonnull(n);
	ck_assert_uint_le(n->arp_queue_len_bytes, 2000);
	ck_assert_uint_gt(skb_queue_len(&n->arp_queue), 0);
	ck_assert_uint_lt(skb_queue_len(&n->arp_queue), 20);
	ck_assert_uint_eq(arp_tbl.stats.unres_discards,
			  20 - skb_queue_len(&n->arp_queue));
	/* flushing drops the rest (no leak: the fixture checks) */
	ck_assert_int_eq(neigh_flush_dev(&arp_tbl, &init_net, NULL), 1);
	raw_sock_release(sk);
}
END_TEST

static unsigned int make_arp(u8 *p, u16 op, const u8 *sha, const char *sip,
			     const char *tip)
{
	struct arphdr *arp = (struct arphdr *)p;
	__be32 s = A(sip), t = A(tip);

	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = 6;
	arp->ar_pln = 4;
	arp->ar_op = htons(op);
	memcpy(p + 8, sha, 6);
	memcpy(p + 14, &s, 4);
	memset(p + 18, 0, 6);
	memcpy(p + 24, &t, 4);
	return 28;
}

START_TEST(test_request_answered_and_learnt)
{
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff,
					    0xff };
	struct net_device *v0;
	struct neighbour *n;
	u8 buf[64];
	unsigned int len;

	silent_peer();
	v0 = D(&init_net, "veth0");
	tap_on(D(&init_net, "veth1"));
	len = make_arp(buf, ARPOP_REQUEST, peer_mac, "10.0.0.5", "10.0.0.1");
	inject(v0, peer_mac, bcast, ETH_P_ARP, buf, len);
	ck_assert_int_eq(arp_rep, 1);
	n = neigh_of(&init_net, "veth0", "10.0.0.5");
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_STALE);
	ck_assert(ether_addr_equal(n->ha, peer_mac));
	/* not ours: no reply, nothing learnt */
	len = make_arp(buf, ARPOP_REQUEST, peer_mac, "10.0.0.6", "10.0.0.77");
	inject(v0, peer_mac, bcast, ETH_P_ARP, buf, len);
	ck_assert_int_eq(arp_rep, 1);
	ck_assert_ptr_null(neigh_of(&init_net, "veth0", "10.0.0.6"));
	/* arp_ignore=8: never answer */
	sysctl_set(&init_net, "net.ipv4.conf.veth0.arp_ignore", "8");
	len = make_arp(buf, ARPOP_REQUEST, peer_mac, "10.0.0.5", "10.0.0.1");
	inject(v0, peer_mac, bcast, ETH_P_ARP, buf, len);
	ck_assert_int_eq(arp_rep, 1);
	/* an unsolicited reply is not learnt (arp_accept=0) */
	len = make_arp(buf, ARPOP_REPLY, peer_mac, "10.0.0.8", "10.0.0.1");
	inject(v0, peer_mac, NULL, ETH_P_ARP, buf, len);
	ck_assert_ptr_null(neigh_of(&init_net, "veth0", "10.0.0.8"));
	dev_remove_pack(&tap);
}
END_TEST

START_TEST(test_malformed_dropped)
{
	struct net_device *v0;
	u8 buf[64];
	unsigned int len;
	u64 small = skb_drop_count(SKB_DROP_REASON_PKT_TOO_SMALL);

	silent_peer();
	v0 = D(&init_net, "veth0");
	tap_on(D(&init_net, "veth1"));
	len = make_arp(buf, ARPOP_REQUEST, peer_mac, "10.0.0.5", "10.0.0.1");
	/* short: 27 of 28 bytes */
	inject(v0, peer_mac, NULL, ETH_P_ARP, buf, len - 1);
	ck_assert_uint_eq(init_net.ipv4->arp_stat.short_hdr, 1);
	ck_assert_uint_eq(skb_drop_count(SKB_DROP_REASON_PKT_TOO_SMALL),
			  small + 1);
	/* empty */
	inject(v0, peer_mac, NULL, ETH_P_ARP, buf, 0);
	ck_assert_uint_eq(init_net.ipv4->arp_stat.short_hdr, 2);
	/* bad hln */
	buf[4] = 8;
	inject(v0, peer_mac, NULL, ETH_P_ARP, buf, len + 4);
	ck_assert_uint_eq(init_net.ipv4->arp_stat.bad_hdr, 1);
	buf[4] = 6;
	/* wrong protocol type, unknown op, request for 127.0.0.1 */
	buf[2] = 0x86;
	inject(v0, peer_mac, NULL, ETH_P_ARP, buf, len);
	buf[2] = 0x08;
	buf[7] = 9;
	inject(v0, peer_mac, NULL, ETH_P_ARP, buf, len);
	len = make_arp(buf, ARPOP_REQUEST, peer_mac, "10.0.0.5", "127.0.0.1");
	inject(v0, peer_mac, NULL, ETH_P_ARP, buf, len);
	ck_assert_uint_eq(init_net.ipv4->arp_stat.martian, 1);
	ck_assert_int_eq(arp_rep, 0);
	ck_assert_ptr_null(neigh_of(&init_net, "veth0", "10.0.0.5"));
	dev_remove_pack(&tap);
}
END_TEST

/* arp_announce=2 picks the primary address even when the packet's
 * source is another local address. */
START_TEST(test_solicit_source)
{
	struct sock *sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	u8 buf[128];
	size_t len = make_echo(buf, 7, 1);

	silent_peer();
	up(&init_net, "lo");
	ck_assert_int_eq(raw_sendmsg(sk, A("10.0.0.2"), A("127.0.0.1"), buf,
				     len), -EINVAL);	/* loopback src out veth */
	ck_assert_int_eq(raw_sendmsg(sk, A("10.0.0.2"), 0, buf, len),
			 (int)len);
	raw_sock_release(sk);
	neigh_flush_dev(&arp_tbl, &init_net, NULL);
}
END_TEST

Suite *arp_suite(void);

Suite *arp_suite(void)
{
	Suite *s = suite_create("arp");
	TCase *tc = inet_tcase(s, "arp");

	tcase_add_test(tc, test_three_probes_then_failed);
	tcase_add_test(tc, test_errqueue_unbound);
	tcase_add_test(tc, test_errqueue_bound_silent);
	tcase_add_test(tc, test_queue_limit);
	tcase_add_test(tc, test_request_answered_and_learnt);
	tcase_add_test(tc, test_malformed_dropped);
	tcase_add_test(tc, test_solicit_source);
	return s;
}

UNIT_MAIN(arp_suite)
