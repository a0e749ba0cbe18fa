// SPDX-License-Identifier: GPL-2.0
/*
 * Addresses and routes: what `ip addr add` puts in the local and main
 * tables, what link up/down does to them, `ip route add/del`, and route
 * lookups (the oif rule behind `ping -I veth0` to an address of veth1).
 */
#include "inet_helpers.h"

struct found {
	int	n;
	u8	type[16];
	__be32	dst[16];
	u8	len[16];
	u8	scope[16];
	__be32	src[16];
	int	oif[16];
	bool	linkdown[16];
};

static int collect(const void *msg, void *arg)
{
	const struct rtnl_route_msg *r = msg;
	struct found *f = arg;

	if (f->n < 16) {
		f->type[f->n] = r->rtm.rtm_type;
		f->dst[f->n] = r->dst;
		f->len[f->n] = r->rtm.rtm_dst_len;
		f->scope[f->n] = r->rtm.rtm_scope;
		f->src[f->n] = r->prefsrc;
		f->oif[f->n] = r->oif;
		f->linkdown[f->n] = r->rtm.rtm_flags & RTNH_F_LINKDOWN;
	}
	f->n++;
	return 0;
}

static struct found dump(u32 table)
{
	struct found f;

	memset(&f, 0, sizeof(f));
	inet_dump_fib(&init_net, table, collect, &f);
	return f;
}

START_TEST(test_addr_routes_down_then_up)
{
	struct found f;
	int v0;

	add_pair(&init_net, "veth0", "veth1");
	v0 = D(&init_net, "veth0")->ifindex;
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.1.1.1", 24), 0);
	/* down: only the local route */
	f = dump(RT_TABLE_LOCAL);
	ck_assert_int_eq(f.n, 1);
	ck_assert_int_eq(f.type[0], RTN_LOCAL);
	ck_assert_uint_eq(f.dst[0], A("10.1.1.1"));
	ck_assert_int_eq(f.scope[0], RT_SCOPE_HOST);
	ck_assert_int_eq(dump(RT_TABLE_MAIN).n, 0);
	/* up (peer down, so no carrier): prefix route, linkdown */
	up(&init_net, "veth0");
	f = dump(RT_TABLE_MAIN);
	ck_assert_int_eq(f.n, 1);
	ck_assert_uint_eq(f.dst[0], A("10.1.1.0"));
	ck_assert_int_eq(f.len[0], 24);
	ck_assert_int_eq(f.scope[0], RT_SCOPE_LINK);
	ck_assert_uint_eq(f.src[0], A("10.1.1.1"));
	ck_assert_int_eq(f.oif[0], v0);
	ck_assert(f.linkdown[0]);
	up(&init_net, "veth1");
	ck_assert(!dump(RT_TABLE_MAIN).linkdown[0]);
	/* local table in trie order: local .1 then broadcast .255 */
	f = dump(RT_TABLE_LOCAL);
	ck_assert_int_eq(f.n, 2);
	ck_assert_int_eq(f.type[0], RTN_LOCAL);
	ck_assert_int_eq(f.type[1], RTN_BROADCAST);
	ck_assert_uint_eq(f.dst[1], A("10.1.1.255"));
	/* down again: the prefix and broadcast routes go, local stays */
	dev_close(D(&init_net, "veth0"));
	ck_assert_int_eq(dump(RT_TABLE_MAIN).n, 0);
	ck_assert_int_eq(dump(RT_TABLE_LOCAL).n, 1);
}
END_TEST

START_TEST(test_addr_dup_and_missing)
{
	struct inet_addr_req del = { .scope = -1, .has_prefixlen = true,
				     .prefixlen = 24 };

	add_pair(&init_net, "veth0", "veth1");
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.0.0.1", 24), 0);
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.0.0.1", 24),
			 -EEXIST);
	del.dev = D(&init_net, "veth0");
	del.local = A("10.0.0.9");
	ck_assert_int_eq(inet_rtm_deladdr(&init_net, &del, NULL),
			 -EADDRNOTAVAIL);
	del.local = A("10.0.0.1");
	ck_assert_int_eq(inet_rtm_deladdr(&init_net, &del, NULL), 0);
	ck_assert_ptr_null(__in_dev_get_rtnl(D(&init_net, "veth0"))->ifa_list);
	ck_assert_int_eq(dump(RT_TABLE_LOCAL).n, 0);
}
END_TEST

/* A second address in the subnet is secondary and goes with the primary. */
START_TEST(test_secondary)
{
	struct in_device *in_dev;
	struct inet_addr_req del = { .scope = -1 };

	add_pair(&init_net, "veth0", "veth1");
	up(&init_net, "veth0");
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.0.0.1", 24), 0);
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.0.0.2", 24), 0);
	in_dev = __in_dev_get_rtnl(D(&init_net, "veth0"));
	ck_assert(!(in_dev->ifa_list->ifa_flags & IFA_F_SECONDARY));
	ck_assert(in_dev->ifa_list->ifa_next->ifa_flags & IFA_F_SECONDARY);
	ck_assert_int_eq(dump(RT_TABLE_MAIN).n, 1);
	del.dev = D(&init_net, "veth0");
	del.local = A("10.0.0.1");
	ck_assert_int_eq(inet_rtm_deladdr(&init_net, &del, NULL), 0);
	ck_assert_ptr_null(in_dev->ifa_list);
	ck_assert_int_eq(dump(RT_TABLE_UNSPEC).n, 0);
}
END_TEST

/* Checked on a real kernel: 10.1.1.1/24, 10.1.1.5/24 (secondary) and
 * 10.1.1.1/16 (another primary); deleting the /24 takes .5 with it and
 * leaves one local route, for 10.1.1.1, which the /16 still needs. */
START_TEST(test_del_primary_keeps_shared_local)
{
	struct inet_addr_req del = { .scope = -1, .has_prefixlen = true,
				     .prefixlen = 24 };
	struct in_device *in_dev;
	struct found f;

	add_pair(&init_net, "veth0", "veth1");
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.1.1.1", 24), 0);
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.1.1.5", 24), 0);
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.1.1.1", 16), 0);
	in_dev = __in_dev_get_rtnl(D(&init_net, "veth0"));
	/* list order: /24, /16, then the secondary */
	ck_assert_int_eq(in_dev->ifa_list->ifa_prefixlen, 24);
	ck_assert_int_eq(in_dev->ifa_list->ifa_next->ifa_prefixlen, 16);
	ck_assert_uint_eq(in_dev->ifa_list->ifa_next->ifa_next->ifa_local,
			  A("10.1.1.5"));
	f = dump(RT_TABLE_LOCAL);
	ck_assert_int_eq(f.n, 2);
	ck_assert_uint_eq(f.src[1], A("10.1.1.1"));	/* .5's: primary's */
	del.dev = D(&init_net, "veth0");
	del.local = A("10.1.1.1");
	ck_assert_int_eq(inet_rtm_deladdr(&init_net, &del, NULL), 0);
	ck_assert_int_eq(in_dev->ifa_list->ifa_prefixlen, 16);
	ck_assert_ptr_null(in_dev->ifa_list->ifa_next);
	f = dump(RT_TABLE_LOCAL);
	ck_assert_int_eq(f.n, 1);
	ck_assert_uint_eq(f.dst[0], A("10.1.1.1"));
	ck_assert_int_eq(addr_add(&init_net, "veth0", "10.1.1.1", 16),
			 -EEXIST);
}
END_TEST

START_TEST(test_lo_up_gets_127)
{
	struct found f;

	up(&init_net, "lo");
	ck_assert_uint_eq(__in_dev_get_rtnl(init_net.loopback_dev)->ifa_list
			  ->ifa_local, A("127.0.0.1"));
	f = dump(RT_TABLE_LOCAL);
	/* local 127.0.0.0/8, local 127.0.0.1, broadcast 127.255.255.255 */
	ck_assert_int_eq(f.n, 3);
	ck_assert_int_eq(f.len[0], 8);
	ck_assert_int_eq(f.type[0], RTN_LOCAL);
	ck_assert_int_eq(f.len[1], 32);
	ck_assert_int_eq(f.type[2], RTN_BROADCAST);
}
END_TEST

/* The oif rule: with oif=veth0 the local route of veth1 is skipped. */
START_TEST(test_output_oif_skips_local)
{
	struct flowi4 fl4 = { .daddr = 0 };
	struct rtable *rt;
	int err;

	seed003_setup(&init_net);
	fl4.daddr = A("192.168.1.2");
	rt = ip_route_output_key(&init_net, &fl4, &err);
	ck_assert_ptr_nonnull(rt);
	ck_assert_int_eq(rt->rt_type, RTN_LOCAL);
	ck_assert_ptr_eq(rt->dst.dev, init_net.loopback_dev);
	/* and it counts as arriving on veth1, which owns the address */
	ck_assert_int_eq(rt->rt_iif, D(&init_net, "veth1")->ifindex);
	ck_assert_uint_eq(fl4.saddr, A("192.168.1.2"));

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("192.168.1.2");
	fl4.flowi4_oif = D(&init_net, "veth0")->ifindex;
	rt = ip_route_output_key(&init_net, &fl4, &err);
	ck_assert_ptr_nonnull(rt);
	ck_assert_int_eq(rt->rt_type, RTN_UNICAST);
	ck_assert_ptr_eq(rt->dst.dev, D(&init_net, "veth0"));
	ck_assert_uint_eq(fl4.saddr, A("192.168.1.1"));
}
END_TEST

START_TEST(test_output_errors)
{
	struct flowi4 fl4 = { .daddr = 0 };
	int err = 0;

	fl4.daddr = A("10.9.9.9");
	ck_assert_ptr_null(ip_route_output_key(&init_net, &fl4, &err));
	ck_assert_int_eq(err, -ENETUNREACH);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("10.9.9.9");
	fl4.flowi4_oif = 99;
	ck_assert_ptr_null(ip_route_output_key(&init_net, &fl4, &err));
	ck_assert_int_eq(err, -ENODEV);
	/* a source that is not ours: 6.1 says ENETUNREACH (the real
	 * kernel's "ip route get ... from 10.9.9.9", route-selectors.sh);
	 * a source no host may send from (multicast, broadcast, 0/8) EINVAL */
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("127.0.0.1");
	fl4.saddr = A("10.9.9.9");
	ck_assert_ptr_null(ip_route_output_key(&init_net, &fl4, &err));
	ck_assert_int_eq(err, -ENETUNREACH);
	fl4.saddr = A("224.0.0.1");
	ck_assert_ptr_null(ip_route_output_key(&init_net, &fl4, &err));
	ck_assert_int_eq(err, -EINVAL);
}
END_TEST

START_TEST(test_route_add_del)
{
	struct fib_config cfg = {
		.fc_protocol = RTPROT_BOOT, .fc_type = RTN_UNICAST,
		.fc_scope = RT_SCOPE_UNIVERSE, .fc_nlflags = NLM_F_CREATE |
		NLM_F_EXCL,
	};
	struct netlink_ext_ack ext = { 0 };
	struct flowi4 fl4 = { .daddr = 0 };
	struct rtable *rt;
	int err;

	seed003_setup(&init_net);
	/* unreachable gateway */
	cfg.fc_dst = A("10.5.0.0");
	cfg.fc_dst_len = 16;
	cfg.fc_gw4 = A("10.9.9.9");
	ck_assert_int_eq(inet_rtm_newroute(&init_net, &cfg, &ext),
			 -ENETUNREACH);
	ck_assert_str_eq(ext._msg, "Nexthop has invalid gateway");
	/* via a neighbour on veth0 */
	cfg.fc_gw4 = A("192.168.1.254");
	cfg.fc_oif = 0;
	ck_assert_int_eq(inet_rtm_newroute(&init_net, &cfg, &ext), 0);
	ck_assert_int_eq(inet_rtm_newroute(&init_net, &cfg, &ext), -EEXIST);
	fl4.daddr = A("10.5.3.4");
	rt = ip_route_output_key(&init_net, &fl4, &err);
	ck_assert_ptr_nonnull(rt);
	ck_assert(rt->rt_uses_gateway);
	ck_assert_uint_eq(rt->rt_gw4, A("192.168.1.254"));
	/* delete with wildcards as iproute2 sends them */
	memset(&cfg, 0, sizeof(cfg));
	cfg.fc_dst = A("10.5.0.0");
	cfg.fc_dst_len = 16;
	cfg.fc_scope = RT_SCOPE_NOWHERE;
	ck_assert_int_eq(inet_rtm_delroute(&init_net, &cfg, NULL), 0);
	ck_assert_int_eq(inet_rtm_delroute(&init_net, &cfg, NULL), -ESRCH);
	/* bad prefix */
	cfg.fc_dst = A("10.5.0.1");
	ck_assert_int_eq(inet_rtm_newroute(&init_net, &cfg, NULL), -EINVAL);
}
END_TEST

/* An rtable handed out survives its device: re-pointed, discarding. */
START_TEST(test_rt_flush_dev)
{
	struct flowi4 fl4 = { .daddr = 0 };
	struct rtable *rt;
	struct rtnl_newlink_req unused;
	int err;

	(void)unused;
	seed003_setup(&init_net);
	fl4.daddr = A("192.168.1.7");
	rt = ip_route_output_key(&init_net, &fl4, &err);
	ck_assert_ptr_nonnull(rt);
	ck_assert_ptr_eq(rt->dst.dev, D(&init_net, "veth0"));
	ck_assert_int_eq(rtnl_dellink(&init_net, "veth0", NULL), 0);
	ck_assert_ptr_eq(rt->dst.dev, init_net.loopback_dev);
	ck_assert_int_eq(rt->dst.obsolete, DST_OBSOLETE_DEAD);
	ck_assert_int_eq(dump(RT_TABLE_UNSPEC).n, 3);	/* lo's only */
}
END_TEST

Suite *route_suite(void);

Suite *route_suite(void)
{
	Suite *s = suite_create("route");
	TCase *tc = inet_tcase(s, "route");

	tcase_add_test(tc, test_addr_routes_down_then_up);
	tcase_add_test(tc, test_addr_dup_and_missing);
	tcase_add_test(tc, test_secondary);
	tcase_add_test(tc, test_del_primary_keeps_shared_local);
	tcase_add_test(tc, test_lo_up_gets_127);
	tcase_add_test(tc, test_output_oif_skips_local);
	tcase_add_test(tc, test_output_errors);
	tcase_add_test(tc, test_route_add_del);
	tcase_add_test(tc, test_rt_flush_dev);
	return s;
}

UNIT_MAIN(route_suite)
