// SPDX-License-Identifier: GPL-2.0
/*
 * Network namespaces: lo per namespace, moving devices, netnsid allocation
 * order (seed 000's link-netnsid numbers), destruction taking veth peers
 * along, pernet hooks.
 */
#include <string.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include "unit.h"

static int add_pair(struct net *net, const char *a, const char *b)
{
	struct rtnl_newlink_req req;

	memset(&req, 0, sizeof(req));
	req.kind = "veth";
	strcpy(req.tb.ifname, a);
	req.has_peer = true;
	strcpy(req.peer.ifname, b);
	return rtnl_newlink(net, &req, NULL);
}

static int set_netns(struct net *from, const char *name, struct net *to)
{
	struct rtnl_setlink_req req;

	memset(&req, 0, sizeof(req));
	req.netns_given = true;
	req.net = to;
	return rtnl_setlink(from, name, &req, NULL);
}

static int set_up(struct net *net, const char *name)
{
	struct rtnl_setlink_req req;

	memset(&req, 0, sizeof(req));
	req.set_up = true;
	return rtnl_setlink(net, name, &req, NULL);
}

START_TEST(test_new_ns_has_own_lo)
{
	struct net *ns = copy_net_ns();
	struct net_device *lo;

	ck_assert_ptr_nonnull(ns);
	ck_assert_int_eq(net_ns_count(), 2);
	lo = __dev_get_by_name(ns, "lo");
	ck_assert_ptr_nonnull(lo);
	ck_assert_ptr_ne(lo, init_net.loopback_dev);
	ck_assert_int_eq(lo->ifindex, 1);
	ck_assert_ptr_eq(dev_net(lo), ns);
	ck_assert(!(lo->flags & IFF_UP));
	ck_assert_uint_ne(ns->inum, init_net.inum);
	put_net(ns);
	ck_assert_int_eq(net_ns_count(), 1);
}
END_TEST

START_TEST(test_move_keeps_index_and_closes)
{
	struct net *ns = copy_net_ns();
	struct net_device *v0;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	ck_assert_int_eq(set_up(&init_net, "veth0"), 0);
	v0 = __dev_get_by_name(&init_net, "veth0");
	ck_assert_int_eq(set_netns(&init_net, "veth0", ns), 0);
	ck_assert_ptr_null(__dev_get_by_name(&init_net, "veth0"));
	ck_assert_ptr_eq(__dev_get_by_name(ns, "veth0"), v0);
	ck_assert_ptr_eq(dev_net(v0), ns);
	ck_assert_int_eq(v0->ifindex, 3);	/* free in ns: kept */
	ck_assert(!(v0->flags & IFF_UP));	/* moved devices go down */
	/* Still paired: iflink is the peer's index in the other netns. */
	ck_assert_int_eq(dev_get_iflink(v0), 2);
	put_net(ns);
}
END_TEST

START_TEST(test_move_index_clash_renumbers)
{
	struct net *ns = copy_net_ns();
	struct net_device *v;

	/* In ns, make ifindex 2 and 3 taken. */
	ck_assert_int_eq(add_pair(ns, "a0", "a1"), 0);
	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v = __dev_get_by_name(&init_net, "veth1");
	ck_assert_int_eq(v->ifindex, 2);
	ck_assert_int_eq(set_netns(&init_net, "veth1", ns), 0);
	/* 2 is taken in ns: the next index there (4). */
	ck_assert_int_eq(v->ifindex, 4);
	put_net(ns);
}
END_TEST

START_TEST(test_move_name_clash)
{
	struct net *ns = copy_net_ns();

	ck_assert_int_eq(add_pair(ns, "veth0", "x1"), 0);
	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	ck_assert_int_eq(set_netns(&init_net, "veth0", ns), -EEXIST);
	ck_assert_ptr_nonnull(__dev_get_by_name(&init_net, "veth0"));
	/* lo may not move. */
	ck_assert_int_eq(set_netns(&init_net, "lo", ns), -EINVAL);
	put_net(ns);
}
END_TEST

/* seed000: the `link-netnsid` numbers of the article's transcript. */
START_TEST(test_netnsid_order_seed000)
{
	struct net *ns0 = copy_net_ns(), *ns1 = copy_net_ns();
	struct net_device *v0, *v1;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = __dev_get_by_name(&init_net, "veth0");
	v1 = __dev_get_by_name(&init_net, "veth1");
	/* Same namespace: no link-netnsid. */
	ck_assert_int_eq(rtnl_link_netnsid(&init_net, v0), -1);

	ck_assert_int_eq(set_netns(&init_net, "veth0", ns0), 0);
	/* RTM_DELLINK in the old netns gave ns0 an id; RTM_NEWLINK in ns0
	 * gave the old netns one. */
	ck_assert_int_eq(peernet2id(&init_net, ns0), 0);
	ck_assert_int_eq(peernet2id(ns0, &init_net), 0);
	ck_assert_int_eq(rtnl_link_netnsid(&init_net, v1), 0);

	ck_assert_int_eq(set_netns(&init_net, "veth1", ns1), 0);
	ck_assert_int_eq(peernet2id(&init_net, ns1), 1);
	ck_assert_int_eq(peernet2id(ns1, ns0), 0);
	/* ns0 has not heard of ns1 until something reports veth0 there. */
	ck_assert_int_eq(peernet2id(ns0, ns1), -1);
	/* `ip netns exec ns0 ip link list` dumps veth0: ns1 gets id 1. */
	ck_assert_int_eq(rtnl_link_netnsid(ns0, v0), 1);
	ck_assert_int_eq(rtnl_link_netnsid(ns1, v1), 0);
	ck_assert_ptr_eq(get_net_ns_by_id(ns0, 1), ns1);
	ck_assert_ptr_eq(get_net_ns_by_id(ns0, 0), &init_net);
	ck_assert_ptr_null(get_net_ns_by_id(ns0, 7));
	ck_assert_ptr_null(get_net_ns_by_id(ns0, -1));
	put_net(ns0);
	put_net(ns1);
}
END_TEST

START_TEST(test_netns_delete_takes_peer)
{
	struct net *ns0 = copy_net_ns(), *ns1 = copy_net_ns();

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	ck_assert_int_eq(set_netns(&init_net, "veth0", ns0), 0);
	ck_assert_int_eq(set_netns(&init_net, "veth1", ns1), 0);
	ck_assert_int_eq(set_up(ns0, "veth0"), 0);
	ck_assert_int_eq(set_up(ns1, "veth1"), 0);
	ck_assert(netif_carrier_ok(__dev_get_by_name(ns1, "veth1")));
	/* `ip netns del ns0`: veth0 goes, and dellink takes veth1 too. */
	put_net(ns0);
	ck_assert_ptr_null(__dev_get_by_name(ns1, "veth1"));
	ck_assert_ptr_nonnull(__dev_get_by_name(ns1, "lo"));
	/* ns1 forgot ns0's id. */
	ck_assert_int_eq(peernet2id(&init_net, ns1), 1);
	ck_assert_ptr_null(get_net_ns_by_id(ns1, 0));
	ck_assert_ptr_null(get_net_ns_by_id(&init_net, 0));
	put_net(ns1);
	ck_assert_int_eq(net_ns_count(), 1);
}
END_TEST

START_TEST(test_refcount_keeps_ns)
{
	struct net *ns = copy_net_ns();

	get_net(ns);
	put_net(ns);
	ck_assert_int_eq(net_ns_count(), 2);
	ck_assert_ptr_nonnull(__dev_get_by_name(ns, "lo"));
	put_net(ns);
	ck_assert_int_eq(net_ns_count(), 1);
}
END_TEST

static int inits, exits;

static int count_init(struct net *net)
{
	inits++;
	return 0;
}

static void count_exit(struct net *net)
{
	exits++;
}

static struct pernet_operations counting_ops = {
	.init = count_init,
	.exit = count_exit,
};

static int fail_init(struct net *net)
{
	return net == &init_net ? 0 : -ENOMEM;
}

static struct pernet_operations failing_ops = { .init = fail_init };

START_TEST(test_pernet_ops)
{
	struct net *ns = copy_net_ns();

	inits = exits = 0;
	ck_assert_int_eq(register_pernet_subsys(&counting_ops), 0);
	ck_assert_int_eq(inits, 2);	/* init_net and ns */
	put_net(ns);
	ck_assert_int_eq(exits, 1);
	ns = copy_net_ns();
	ck_assert_int_eq(inits, 3);
	unregister_pernet_subsys(&counting_ops);
	ck_assert_int_eq(exits, 3);
	put_net(ns);
	ck_assert_int_eq(exits, 3);
	/* A failing init makes copy_net_ns() fail, and undoes the rest. */
	ck_assert_int_eq(register_pernet_subsys(&failing_ops), 0);
	ck_assert_ptr_null(copy_net_ns());
	ck_assert_int_eq(net_ns_count(), 1);
	unregister_pernet_subsys(&failing_ops);
}
END_TEST

/* `ip -n ns0 link add veth0 type veth peer name veth1 netns ns1` */
START_TEST(test_pair_made_across_namespaces)
{
	struct net *ns0 = copy_net_ns(), *ns1 = copy_net_ns();
	struct rtnl_newlink_req req;
	struct net_device *v0, *v1;

	memset(&req, 0, sizeof(req));
	req.kind = "veth";
	strcpy(req.tb.ifname, "veth0");
	req.has_peer = true;
	strcpy(req.peer.ifname, "veth1");
	req.peer.netns_given = true;
	req.peer.net = ns1;
	ck_assert_int_eq(rtnl_newlink(ns0, &req, NULL), 0);
	v0 = __dev_get_by_name(ns0, "veth0");
	v1 = __dev_get_by_name(ns1, "veth1");
	ck_assert_ptr_nonnull(v0);
	ck_assert_ptr_nonnull(v1);
	/* ifindexes are per namespace: both are 2 (veth0@if2, veth1@if2). */
	ck_assert_int_eq(v0->ifindex, 2);
	ck_assert_int_eq(v1->ifindex, 2);
	ck_assert_int_eq(dev_get_iflink(v0), 2);
	/* Announcing veth0 in ns0 gave ns1 an id there; the top netns has
	 * none (`ip netns list` shows bare names). */
	ck_assert_int_eq(peernet2id(ns0, ns1), 0);
	ck_assert_int_eq(peernet2id(&init_net, ns0), -1);
	ck_assert_int_eq(peernet2id(&init_net, ns1), -1);
	/* iflink == ifindex: without carrier a plain DOWN, no LOWERLAYERDOWN. */
	ck_assert_int_eq(set_up(ns0, "veth0"), 0);
	ck_assert_int_eq(v0->operstate, IF_OPER_DOWN);
	ck_assert_int_eq(set_up(ns1, "veth1"), 0);
	ck_assert_int_eq(v0->operstate, IF_OPER_UP);
	/* A missing namespace for the peer is refused. */
	req.peer.net = NULL;
	strcpy(req.tb.ifname, "x0");
	strcpy(req.peer.ifname, "x1");
	ck_assert_int_eq(rtnl_newlink(ns0, &req, NULL), -EINVAL);
	ck_assert_ptr_null(__dev_get_by_name(ns0, "x0"));
	put_net(ns1);
	ck_assert_ptr_null(__dev_get_by_name(ns0, "veth0"));
	put_net(ns0);
}
END_TEST

static Suite *netns_suite(void)
{
	Suite *s = suite_create("netns");
	TCase *tc = unit_tcase(s, "netns", NULL);

	tcase_add_test(tc, test_new_ns_has_own_lo);
	tcase_add_test(tc, test_move_keeps_index_and_closes);
	tcase_add_test(tc, test_move_index_clash_renumbers);
	tcase_add_test(tc, test_move_name_clash);
	tcase_add_test(tc, test_netnsid_order_seed000);
	tcase_add_test(tc, test_netns_delete_takes_peer);
	tcase_add_test(tc, test_refcount_keeps_ns);
	tcase_add_test(tc, test_pernet_ops);
	tcase_add_test(tc, test_pair_made_across_namespaces);
	return s;
}

UNIT_MAIN(netns_suite)
