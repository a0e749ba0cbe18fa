// SPDX-License-Identifier: GPL-2.0
/*
 * Reverse-path filtering and accept_local: seed 003's table, checked on a
 * real kernel (tests/realnet/README.md), and fib_validate_source() alone.
 */
#include "inet_helpers.h"

struct rp_case {
	const char	*rp_all;
	const char	*al_veth0, *al_veth1;
	bool		lo_up;
	int		replies;
	u8		nud;		/* veth0's entry for 192.168.1.2 */
};

/* tests/realnet/README.md, "Seed 003" table, row by row */
static const struct rp_case rp_cases[] = {
	{ "0", "0", "0", true,  0, NUD_INCOMPLETE },
	{ "0", "1", "0", true,  0, NUD_INCOMPLETE },
	{ "0", "0", "1", true,  1, NUD_REACHABLE },
	{ "1", "1", "1", true,  0, NUD_INCOMPLETE },
	{ "2", "1", "1", true,  1, NUD_REACHABLE },
	{ "0", "1", "1", false, 0, NUD_REACHABLE },
};

START_TEST(test_seed003_table)
{
	const struct rp_case *c = &rp_cases[_i];
	struct net *net = &init_net;
	struct neighbour *n;

	if (c->lo_up)
		up(net, "lo");
	add_pair(net, "veth0", "veth1");
	ck_assert_int_eq(addr_add(net, "veth0", "192.168.1.1", 24), 0);
	ck_assert_int_eq(addr_add(net, "veth1", "192.168.1.2", 24), 0);
	up(net, "veth0");
	up(net, "veth1");
	sysctl_set(net, "net.ipv4.conf.all.rp_filter", c->rp_all);
	sysctl_set(net, "net.ipv4.conf.veth0.accept_local", c->al_veth0);
	sysctl_set(net, "net.ipv4.conf.veth1.accept_local", c->al_veth1);
	ck_assert_int_eq(ping1(net, "veth0", "192.168.1.2", NSEC_PER_SEC),
			 c->replies);
	n = neigh_of(net, "veth0", "192.168.1.2");
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, c->nud);
	if (!c->lo_up) {
		struct rtnl_link_stats64 st;

		/* replies dropped by lo's noop_qdisc: not counted in 6.1 */
		dev_get_stats(net->loopback_dev, &st);
		ck_assert_uint_eq(st.rx_packets, 0);
		ck_assert_uint_eq(st.tx_packets, 0);
	}
	neigh_flush_dev(&arp_tbl, net, D(net, "veth0"));
}
END_TEST

/*
 * fib_validate_source() on its own: veth0 has 10.1.1.1/24, veth1
 * 10.2.2.1/24 (both up, carrier on). A packet from 10.2.2.7 arriving
 * on veth0 has its reverse path through veth1.
 */
static struct in_device *rp_setup(void)
{
	add_pair(&init_net, "veth0", "veth1");
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.1.1.1", 24), 0);
	ck_assert_int_eq(addr_add(&init_net, "veth1", "10.2.2.1", 24), 0);
	up(&init_net, "veth0");
	up(&init_net, "veth1");
	return __in_dev_get_rtnl(D(&init_net, "veth0"));
}

static int validate(const char *src, const char *dst)
{
	struct net_device *dev = D(&init_net, "veth0");
	u32 itag = 0;

	return fib_validate_source(NULL, A(src), A(dst), 0, 0, dev,
				   __in_dev_get_rtnl(dev), &itag);
}

START_TEST(test_validate_modes)
{
	rp_setup();
	/* off: only local sources are refused */
	ck_assert_int_ge(validate("10.2.2.7", "10.1.1.1"), 0);
	ck_assert_int_ge(validate("8.8.8.8", "10.1.1.1"), 0);
	ck_assert_int_eq(validate("10.2.2.1", "10.1.1.1"), -EINVAL);
	/* strict: the way back must be the way in */
	sysctl_set(&init_net, "net.ipv4.conf.veth0.rp_filter", "1");
	ck_assert_int_ge(validate("10.1.1.7", "10.1.1.1"), 0);
	ck_assert_int_eq(validate("10.2.2.7", "10.1.1.1"), -EXDEV);
	ck_assert_int_eq(validate("8.8.8.8", "10.1.1.1"), -EXDEV);
	/* loose: any way back will do; no way back is still refused */
	sysctl_set(&init_net, "net.ipv4.conf.veth0.rp_filter", "2");
	ck_assert_int_ge(validate("10.2.2.7", "10.1.1.1"), 0);
	ck_assert_int_eq(validate("8.8.8.8", "10.1.1.1"), -EXDEV);
	/* conf/all wins when larger (max), whatever the device says */
	sysctl_set(&init_net, "net.ipv4.conf.veth0.rp_filter", "0");
	sysctl_set(&init_net, "net.ipv4.conf.all.rp_filter", "1");
	ck_assert_int_eq(validate("10.2.2.7", "10.1.1.1"), -EXDEV);
}
END_TEST

START_TEST(test_accept_local_or)
{
	rp_setup();
	ck_assert_int_eq(validate("10.2.2.1", "10.1.1.1"), -EINVAL);
	/* accept_local is OR'ed with conf/all */
	sysctl_set(&init_net, "net.ipv4.conf.all.accept_local", "1");
	ck_assert_int_ge(validate("10.2.2.1", "10.1.1.1"), 0);
	sysctl_set(&init_net, "net.ipv4.conf.all.accept_local", "0");
	sysctl_set(&init_net, "net.ipv4.conf.veth0.accept_local", "1");
	ck_assert_int_ge(validate("10.2.2.1", "10.1.1.1"), 0);
	/* with strict rp_filter a local source fails the way back */
	sysctl_set(&init_net, "net.ipv4.conf.veth0.rp_filter", "1");
	ck_assert_int_eq(validate("10.2.2.1", "10.1.1.1"), -EXDEV);
	/* ... unless it is local on the incoming device itself */
	ck_assert_int_ge(validate("10.1.1.1", "10.1.1.1"), 0);
}
END_TEST

/* A strict-mode drop on the receive path is counted as IPRPFILTER. */
START_TEST(test_rpfilter_drop_counted)
{
	u8 buf[256];
	unsigned int len;
	u64 before = skb_drop_count(SKB_DROP_REASON_IP_RPFILTER);

	rp_setup();
	sysctl_set(&init_net, "net.ipv4.conf.all.rp_filter", "1");
	len = make_ip_echo(buf, "10.2.2.7", "10.1.1.1", 1);
	inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(init_net.ipv4->linux_mib[LINUX_MIB_IPRPFILTER], 1);
	ck_assert_uint_eq(skb_drop_count(SKB_DROP_REASON_IP_RPFILTER),
			  before + 1);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_INMSGS], 0);
	/* loose mode lets it in: the echo is answered */
	sysctl_set(&init_net, "net.ipv4.conf.all.rp_filter", "2");
	inject(D(&init_net, "veth0"), peer_mac, NULL, ETH_P_IP, buf, len);
	ck_assert_uint_eq(init_net.ipv4->icmp_mib[ICMP_MIB_INMSGS], 1);
	neigh_flush_dev(&arp_tbl, &init_net, NULL);
}
END_TEST

Suite *rpfilter_suite(void);

Suite *rpfilter_suite(void)
{
	Suite *s = suite_create("rpfilter");
	TCase *tc = inet_tcase(s, "rpfilter");

	tcase_add_loop_test(tc, test_seed003_table, 0,
			    (int)ARRAY_SIZE(rp_cases));
	tcase_add_test(tc, test_validate_modes);
	tcase_add_test(tc, test_accept_local_or);
	tcase_add_test(tc, test_rpfilter_drop_counted);
	return s;
}

UNIT_MAIN(rpfilter_suite)
