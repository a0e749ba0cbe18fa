// SPDX-License-Identifier: GPL-2.0
/*
 * The raw ICMP socket the ping tool uses: binding, the source address the
 * connect probe finds, sendmsg errors, ICMP_FILTER, the receive queue
 * limit, and sockets that outlive their namespace.
 */
#include "inet_helpers.h"

START_TEST(test_bind_and_probe)
{
	struct sock *sk;
	__be32 src = 0;

	seed003_setup(&init_net);
	sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	ck_assert_int_eq(raw_sock_bind_dev(sk, "veth9"), -ENODEV);
	ck_assert_int_eq(raw_sock_connect_probe(sk, A("10.9.9.9"), &src),
			 -ENETUNREACH);
	ck_assert_int_eq(raw_sock_connect_probe(sk, A("192.168.1.2"), &src),
			 0);
	ck_assert_uint_eq(src, A("192.168.1.2"));	/* local: itself */
	ck_assert_int_eq(raw_sock_bind_dev(sk, "veth0"), 0);
	ck_assert_int_eq(raw_sock_connect_probe(sk, A("192.168.1.2"), &src),
			 0);
	ck_assert_uint_eq(src, A("192.168.1.1"));	/* "from 192.168.1.1" */
	/* bound to a device, an off-link destination is assumed on link */
	ck_assert_int_eq(raw_sock_connect_probe(sk, A("10.9.9.9"), &src), 0);
	ck_assert_int_eq(raw_sock_bind_addr(sk, A("10.9.9.9")),
			 -EADDRNOTAVAIL);
	ck_assert_int_eq(raw_sock_bind_addr(sk, A("192.168.1.1")), 0);
	raw_sock_release(sk);
}
END_TEST

START_TEST(test_send_errors)
{
	struct sock *sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	static u8 big[70000];
	u8 buf[128];
	size_t len = make_echo(buf, 1, 1);

	ck_assert_int_eq(raw_sendmsg(sk, A("10.9.9.9"), 0, buf, len),
			 -ENETUNREACH);
	ck_assert_uint_eq(init_net.ipv4->ip_mib[IPSTATS_MIB_OUTNOROUTES], 1);
	ck_assert_int_eq(raw_sendmsg(sk, A("10.9.9.9"), 0, big, sizeof(big)),
			 -EMSGSIZE);
	up(&init_net, "lo");
	/* over lo's MTU (65536) is fine; so is one IP datagram's worth,
	 * but no more: a local error names the MTU (IP_MAX_MTU for lo) */
	ck_assert_int_eq(raw_sendmsg(sk, A("127.0.0.1"), 0, big, 3000), 3000);
	ck_assert_int_eq(raw_sendmsg(sk, A("127.0.0.1"), 0, big, 65515),
			 65515);
	ck_assert_int_eq(raw_sendmsg(sk, A("127.0.0.1"), 0, big, 65516),
			 -EMSGSIZE);
	ck_assert_uint_eq(raw_recv_local_error(sk), 65535);
	seed003_setup(&init_net);
	ck_assert_int_eq(raw_sock_bind_dev(sk, "veth0"), 0);
	/* over a veth's 1500: fragmented (IP_PMTUDISC_WANT), 1480 + 1480
	 * + 40 bytes of payload; with DF forced, a local error */
	ck_assert_int_eq(raw_sendmsg(sk, A("192.168.1.2"), 0, big, 3000),
			 3000);
	ck_assert_uint_eq(init_net.ipv4->ip_mib[IPSTATS_MIB_FRAGCREATES], 3);
	ck_assert_uint_eq(init_net.ipv4->ip_mib[IPSTATS_MIB_FRAGOKS], 1);
	ck_assert_int_eq(raw_setsockopt(sk, SOL_IP, IP_MTU_DISCOVER,
					IP_PMTUDISC_DO), 0);
	ck_assert_int_eq(raw_sendmsg(sk, A("192.168.1.2"), 0, big, 3000),
			 -EMSGSIZE);
	ck_assert_uint_eq(raw_recv_local_error(sk), 1500);
	raw_sock_release(sk);
	neigh_flush_dev(&arp_tbl, &init_net, NULL);
}
END_TEST

/* Pinging our own 127.0.0.1: the socket hears the request (its own
 * packet, delivered locally) and the reply, unless filtered as iputils
 * does. */
START_TEST(test_icmp_filter)
{
	struct sock *sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	u8 buf[128];
	size_t len = make_echo(buf, 9, 1);
	struct sk_buff *skb;
	int n = 0, replies = 0;

	up(&init_net, "lo");
	ck_assert_int_eq(raw_sendmsg(sk, A("127.0.0.1"), 0, buf, len),
			 (int)len);
	run_for(NSEC_PER_MSEC);
	while ((skb = raw_recv(sk)) != NULL) {
		n++;
		ck_assert_int_eq(ip_hdr(skb)->version, 4);
		consume_skb(skb);
	}
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(raw_setsockopt(sk, SOL_RAW, ICMP_FILTER,
				       (int)~((1u << ICMP_ECHOREPLY) |
					      (1u << ICMP_DEST_UNREACH))), 0);
	ck_assert_int_eq(raw_sendmsg(sk, A("127.0.0.1"), 0, buf, len),
			 (int)len);
	run_for(NSEC_PER_MSEC);
	drain(sk, 9, &replies, NULL);
	ck_assert_int_eq(replies, 1);
	ck_assert_int_eq(skb_queue_len(&sk->sk_receive_queue), 0);
	raw_sock_release(sk);
}
END_TEST

/* The options ping sets, as setsockopt() answers them. */
START_TEST(test_setsockopt)
{
	struct sock *sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	struct sock *udp = raw_sock_create(&init_net, 17);

	ck_assert_int_eq(raw_setsockopt(sk, SOL_IP, IP_TTL, 0), -EINVAL);
	ck_assert_int_eq(raw_setsockopt(sk, SOL_IP, IP_TTL, 256), -EINVAL);
	ck_assert_int_eq(raw_setsockopt(sk, SOL_IP, IP_TTL, 7), 0);
	ck_assert_int_eq(sk->uc_ttl, 7);
	ck_assert_int_eq(raw_setsockopt(sk, SOL_IP, IP_TTL, -1), 0);
	ck_assert_int_eq(sk->uc_ttl, -1);
	ck_assert_int_eq(raw_setsockopt(sk, SOL_IP, IP_RECVERR, 1), 0);
	ck_assert(sk->recverr);
	ck_assert_int_eq(raw_setsockopt(sk, SOL_IP, 9999, 1), -ENOPROTOOPT);
	ck_assert_int_eq(raw_setsockopt(udp, SOL_RAW, ICMP_FILTER, 0), -EOPNOTSUPP);
	raw_sock_release(udp);
	raw_sock_release(sk);
}
END_TEST

START_TEST(test_rcvbuf_limit)
{
	struct sock *sk = raw_sock_create(&init_net, IPPROTO_ICMP);
	u8 buf[128];
	size_t len = make_echo(buf, 9, 1);
	int i;

	up(&init_net, "lo");
	sk->sk_rcvbuf = 2000;
	for (i = 0; i < 10; i++)
		raw_sendmsg(sk, A("127.0.0.1"), 0, buf, len);
	run_for(NSEC_PER_MSEC);
	ck_assert_uint_gt(sk->sk_drops, 0);
	ck_assert_uint_lt(skb_queue_len(&sk->sk_receive_queue), 20);
	/* release frees what is still queued (the fixture counts skbs) */
	raw_sock_release(sk);
}
END_TEST

START_TEST(test_outlives_netns)
{
	struct net *ns = copy_net_ns();
	struct sock *sk = raw_sock_create(ns, IPPROTO_ICMP);
	u8 buf[128];
	size_t len = make_echo(buf, 9, 1);

	up(ns, "lo");
	ck_assert_int_eq(raw_sendmsg(sk, A("127.0.0.1"), 0, buf, len),
			 (int)len);
	run_for(NSEC_PER_MSEC);
	ck_assert_uint_gt(skb_queue_len(&sk->sk_receive_queue), 0);
	put_net(ns);
	ck_assert_ptr_null(sk->sk_net);
	ck_assert_uint_eq(skb_queue_len(&sk->sk_receive_queue), 0);
	ck_assert_int_eq(raw_sendmsg(sk, A("127.0.0.1"), 0, buf, len),
			 -ENETDOWN);
	raw_sock_release(sk);
}
END_TEST

Suite *raw_suite(void);

Suite *raw_suite(void)
{
	Suite *s = suite_create("raw");
	TCase *tc = inet_tcase(s, "raw");

	tcase_add_test(tc, test_bind_and_probe);
	tcase_add_test(tc, test_send_errors);
	tcase_add_test(tc, test_icmp_filter);
	tcase_add_test(tc, test_setsockopt);
	tcase_add_test(tc, test_rcvbuf_limit);
	tcase_add_test(tc, test_outlives_netns);
	return s;
}

UNIT_MAIN(raw_suite)
