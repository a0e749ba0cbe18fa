// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP: the echo reply's contents, icmp_echo_ignore_all, bad checksums,
 * "protocol unreachable", and never an error about an error.
 */
#include <net/icmp.h>
#include "inet_helpers.h"

/* veth0 10.0.0.1/24 with a permanent neighbour 10.0.0.2 = peer_mac, so
 * replies leave at once; a tap on veth1 keeps what veth0 sends. */
static struct sk_buff_head sent;
static struct net_device *tap_dev;

static int tap_rcv(struct sk_buff *skb, struct net_device *d,
		   struct packet_type *pt, struct net_device *orig)
{
	if (d == tap_dev && skb->protocol == htons(ETH_P_IP))
		__skb_queue_tail(&sent, skb);
	else
		consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type tap = { .func = tap_rcv };

static void setup(void)
{
	__be32 key;

	add_pair(&init_net, "veth0", "veth1");
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.0.0.1", 24), 0);
	up(&init_net, "veth0");
	up(&init_net, "veth1");
	key = A("10.0.0.2");
	ck_assert_int_eq(neigh_add(&arp_tbl, D(&init_net, "veth0"), &key,
				   peer_mac, NUD_PERMANENT, false, NULL), 0);
	skb_queue_head_init(&sent);
	tap_dev = D(&init_net, "veth1");
	tap.type = htons(ETH_P_ALL);
	tap.dev = tap_dev;
	dev_add_pack(&tap);
}

static void done(void)
{
	dev_remove_pack(&tap);
	__skb_queue_purge(&sent);
}

START_TEST(test_echo_reply_contents)
{
	u8 buf[256];
	unsigned int len = make_ip_echo(buf, "10.0.0.2", "10.0.0.1", 5);
	struct sk_buff *skb;
	struct iphdr *iph;
	struct icmphdr *h;

	setup();
	inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(skb_queue_len(&sent), 1);
	skb = __skb_dequeue(&sent);
	iph = (struct iphdr *)skb->data;
	ck_assert_int_eq(iph->version, 4);
	ck_assert_int_eq(iph->ttl, 64);
	ck_assert_uint_eq(iph->saddr, A("10.0.0.1"));
	ck_assert_uint_eq(iph->daddr, A("10.0.0.2"));
	ck_assert_int_eq(ntohs(iph->tot_len), len);
	ck_assert_int_eq(ip_fast_csum(iph, iph->ihl), 0);
	h = (struct icmphdr *)(iph + 1);
	ck_assert_int_eq(h->type, ICMP_ECHOREPLY);
	ck_assert_int_eq(ntohs(h->un.echo.id), 0x4242);
	ck_assert_int_eq(ntohs(h->un.echo.sequence), 5);
	ck_assert_int_eq(ip_compute_csum(h, (int)(len - 20)), 0);
	/* the payload comes back unchanged */
	ck_assert_int_eq(memcmp(h + 1, buf + 28, len - 28), 0);
	ck_assert_uint_eq(init_net.ipv4->icmpmsg_out[ICMP_ECHOREPLY], 1);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_OUTMSGS], 1);
	consume_skb(skb);
	done();
}
END_TEST

START_TEST(test_echo_ignore_all)
{
	u8 buf[256];
	unsigned int len = make_ip_echo(buf, "10.0.0.2", "10.0.0.1", 5);

	setup();
	sysctl_set(&init_net, "net.ipv4.icmp_echo_ignore_all", "1");
	inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(skb_queue_len(&sent), 0);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_INMSGS], 1);
	done();
}
END_TEST

START_TEST(test_icmp_bad_csum)
{
	u8 buf[256];
	unsigned int len = make_ip_echo(buf, "10.0.0.2", "10.0.0.1", 5);

	setup();
	buf[30] ^= 0xff;	/* inside the ICMP payload: IP csum still fine */
	inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(skb_queue_len(&sent), 0);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_CSUMERRORS], 1);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_INERRORS], 1);
	done();
}
END_TEST

START_TEST(test_proto_unreachable)
{
	u8 buf[256];
	unsigned int len = make_ip_echo(buf, "10.0.0.2", "10.0.0.1", 5);
	struct iphdr *iph = (struct iphdr *)buf;
	struct sk_buff *skb;
	struct icmphdr *h;

	setup();
	iph->protocol = IPPROTO_UDP;
	ip_send_check(iph);
	inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(init_net.ipv4->ip_mib[IPSTATS_MIB_INUNKNOWNPROTOS],
			  1);
	ck_assert_uint_eq(skb_queue_len(&sent), 1);
	skb = __skb_dequeue(&sent);
	h = (struct icmphdr *)(skb->data + 20);
	ck_assert_int_eq(h->type, ICMP_DEST_UNREACH);
	ck_assert_int_eq(h->code, ICMP_PROT_UNREACH);
	/* precedence "internetwork control" on errors */
	ck_assert_int_eq(((struct iphdr *)skb->data)->tos, 0xc0);
	/* the quote starts with the offending header */
	ck_assert_int_eq(memcmp(h + 1, buf, 20), 0);
	consume_skb(skb);
	done();
}
END_TEST

/* Errors to a peer: a burst of 6, then one per icmp_ratelimit (1 s). */
START_TEST(test_error_ratelimit)
{
	u8 buf[256];
	unsigned int len = make_ip_echo(buf, "10.0.0.2", "10.0.0.1", 5);
	struct iphdr *iph = (struct iphdr *)buf;
	int i;

	setup();
	iph->protocol = IPPROTO_UDP;
	ip_send_check(iph);
	for (i = 0; i < 10; i++)
		inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf,
		       len);
	ck_assert_uint_eq(skb_queue_len(&sent), 6);
	run_for(NSEC_PER_SEC);
	inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf, len);
	inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(skb_queue_len(&sent), 7);
	/* icmp_ratelimit=0: no limit */
	sysctl_set(&init_net, "net.ipv4.icmp_ratelimit", "0");
	for (i = 0; i < 10; i++)
		inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf,
		       len);
	ck_assert_uint_eq(skb_queue_len(&sent), 17);
	done();
}
END_TEST

/* @buf as if received on veth0 and routed to us. */
static struct sk_buff *fake_rx(const u8 *buf, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len + 64, GFP_KERNEL);
	const struct iphdr *iph = (const struct iphdr *)buf;

	skb_reserve(skb, 32);
	skb_reset_network_header(skb);
	skb_put_data(skb, buf, len);
	skb->dev = D(&init_net, "veth0");
	skb->protocol = htons(ETH_P_IP);
	ck_assert_int_eq(ip_route_input_noref(skb, iph->daddr, iph->saddr, 0,
					      skb->dev), 0);
	ck_assert_int_eq(skb_rtable(skb)->rt_type, RTN_LOCAL);
	return skb;
}

/* An unknown protocol inside an ICMP error: no error about an error. */
START_TEST(test_no_error_about_error)
{
	u8 buf[256];
	unsigned int len = make_ip_echo(buf, "10.0.0.2", "10.0.0.1", 5);
	struct icmphdr *h = (struct icmphdr *)(buf + 20);
	u8 echo[256];
	unsigned int elen = make_ip_echo(echo, "10.0.0.2", "10.0.0.1", 6);
	struct sk_buff *fake;

	setup();
	h->type = ICMP_DEST_UNREACH;
	h->checksum = 0;
	h->checksum = ip_compute_csum(h, (int)(len - 20));
	/* __icmp_send() about it directly: refused; about an echo: sent */
	fake = fake_rx(buf, len);
	icmp_send(fake, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	ck_assert_uint_eq(skb_queue_len(&sent), 0);
	kfree_skb(fake);
	fake = fake_rx(echo, elen);
	icmp_send(fake, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	ck_assert_uint_eq(skb_queue_len(&sent), 1);
	kfree_skb(fake);
	__skb_queue_purge(&sent);
	/* and received, it is validated and consumed, not answered */
	inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(skb_queue_len(&sent), 0);
	ck_assert_uint_eq(init_net.ipv4->icmpmsg_in[ICMP_DEST_UNREACH], 1);
	done();
}
END_TEST

Suite *icmp_suite(void);

Suite *icmp_suite(void)
{
	Suite *s = suite_create("icmp");
	TCase *tc = inet_tcase(s, "icmp");

	tcase_add_test(tc, test_echo_reply_contents);
	tcase_add_test(tc, test_echo_ignore_all);
	tcase_add_test(tc, test_icmp_bad_csum);
	tcase_add_test(tc, test_proto_unreachable);
	tcase_add_test(tc, test_no_error_about_error);
	tcase_add_test(tc, test_error_ratelimit);
	return s;
}

UNIT_MAIN(icmp_suite)
