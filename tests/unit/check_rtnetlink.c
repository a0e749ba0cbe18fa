// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink: what each `ip link` request returns, and the message iproute2
 * prints for it. iproute2 prints "Error: <extack>." when the kernel sent a
 * message, else "RTNETLINK answers: <strerror(-err)>".
 *
 *   request                                      err          extack / iproute2 line
 *   ip link add veth0 ... (veth0 exists)         -EEXIST      RTNETLINK answers: File exists
 *   ip link add ... peer name X (X exists)       -EEXIST      RTNETLINK answers: File exists
 *   ip link add x type nosuch                    -EOPNOTSUPP  Error: Unknown device type.
 *   ip link add ... mtu 67 / 65536 (veth)        -EINVAL      RTNETLINK answers: Invalid argument
 *   ip link add ... address 01:..(multicast)     -EADDRNOTAVAIL RTNETLINK answers: Cannot assign requested address
 *   ip link add name "a/b" ...                   -EINVAL      (iproute2 refuses first: not a valid ifname)
 *   ip link add <16+ chars> type veth ...        -ERANGE      Error: Attribute failed policy validation.
 *     (the caller passes the first IFNAMSIZ bytes with no NUL; also peer names, `set name`)
 *   ip link del lo                               -EOPNOTSUPP  RTNETLINK answers: Operation not supported
 *   ip link del nosuch                           -ENODEV      (iproute2 first: Cannot find device "nosuch")
 *   ip link set veth0 mtu 67                     -EINVAL      Error: mtu less than device minimum.
 *   ip link set veth0 mtu 65536                  -EINVAL      Error: mtu greater than device maximum.
 *   ip link set lo mtu -1 (not via iproute2)     -EINVAL      Error: mtu less than device minimum.
 *   ip link set veth0 address 01:00:5e:..        -EADDRNOTAVAIL RTNETLINK answers: Cannot assign requested address
 *   ip link set veth0 up (peer gone)             -ENOTCONN    RTNETLINK answers: Transport endpoint is not connected
 *   ip link set veth0 name x (while up)          -EBUSY       RTNETLINK answers: Device or resource busy
 *   ip link set veth0 name veth1 (taken)         -EEXIST      RTNETLINK answers: File exists
 *   ip link set lo netns ns0                     -EINVAL      RTNETLINK answers: Invalid argument
 *   ip link set veth0 netns ns0 (name in ns0)    -EEXIST      RTNETLINK answers: File exists
 */
#include <stdio.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include "unit.h"

static struct netlink_ext_ack ext;

static int add(const char *kind, const char *a, const char *b,
	       unsigned int mtu, const u8 *addr)
{
	struct rtnl_newlink_req req;

	memset(&req, 0, sizeof(req));
	memset(&ext, 0, sizeof(ext));
	req.kind = kind;
	if (a)
		snprintf(req.tb.ifname, sizeof(req.tb.ifname), "%s", a);
	req.tb.mtu = mtu;
	if (addr) {
		req.tb.has_address = true;
		memcpy(req.tb.address, addr, 6);
	}
	if (b) {
		req.has_peer = true;
		snprintf(req.peer.ifname, sizeof(req.peer.ifname), "%s", b);
	}
	return rtnl_newlink(&init_net, &req, &ext);
}

static struct rtnl_setlink_req sreq;

static int set(const char *name)
{
	memset(&ext, 0, sizeof(ext));
	return rtnl_setlink(&init_net, name, &sreq, &ext);
}

static void clear_req(void)
{
	memset(&sreq, 0, sizeof(sreq));
}

START_TEST(test_newlink_errors)
{
	static const u8 mcast[6] = { 0x01, 0, 0x5e, 0, 0, 1 };

	ck_assert_int_eq(add("veth", "veth0", "veth1", 0, NULL), 0);
	ck_assert_int_eq(add("veth", "veth0", "p", 0, NULL), -EEXIST);
	ck_assert_ptr_null(ext._msg);
	ck_assert_int_eq(add("veth", "n", "veth1", 0, NULL), -EEXIST);
	ck_assert_ptr_null(__dev_get_by_name(&init_net, "n"));
	ck_assert_int_eq(add("nosuch", "x", NULL, 0, NULL), -EOPNOTSUPP);
	ck_assert_str_eq(ext._msg, "Unknown device type");
	ck_assert_int_eq(add(NULL, "x", NULL, 0, NULL), -EOPNOTSUPP);
	ck_assert_int_eq(add("veth", "m", "mp", 67, NULL), -EINVAL);
	ck_assert_int_eq(add("veth", "m", "mp", 65536, NULL), -EINVAL);
	ck_assert_int_eq(add("veth", "m", "mp", 0, mcast), -EADDRNOTAVAIL);
	ck_assert_int_eq(add("veth", "a/b", "mp", 0, NULL), -EINVAL);
	ck_assert_ptr_null(__dev_get_by_name(&init_net, "mp"));
	ck_assert_int_eq(add("veth", "m", "mp", 68, NULL), 0);
	ck_assert_uint_eq(__dev_get_by_name(&init_net, "m")->mtu, 68);
}
END_TEST

START_TEST(test_name_too_long)
{
	struct rtnl_newlink_req req;

	memset(&req, 0, sizeof(req));
	memset(&ext, 0, sizeof(ext));
	req.kind = "veth";
	memcpy(req.tb.ifname, "veth-with-a-very", IFNAMSIZ);	/* no NUL */
	req.has_peer = true;
	strcpy(req.peer.ifname, "veth3");
	ck_assert_int_eq(rtnl_newlink(&init_net, &req, &ext), -ERANGE);
	ck_assert_str_eq(ext._msg, "Attribute failed policy validation");
	ck_assert_ptr_null(__dev_get_by_name(&init_net, "veth3"));
	strcpy(req.tb.ifname, "veth0");
	memcpy(req.peer.ifname, "0123456789abcdef", IFNAMSIZ);
	ck_assert_int_eq(rtnl_newlink(&init_net, &req, &ext), -ERANGE);
	strcpy(req.peer.ifname, "123456789012345");	/* 15: fine */
	ck_assert_int_eq(rtnl_newlink(&init_net, &req, &ext), 0);
	clear_req();
	sreq.newname = "0123456789abcdef";
	ck_assert_int_eq(set("veth0"), -ERANGE);
}
END_TEST

START_TEST(test_dellink_errors)
{
	ck_assert_int_eq(rtnl_dellink(&init_net, "nosuch", &ext), -ENODEV);
	ck_assert_int_eq(rtnl_dellink(&init_net, "lo", &ext), -EOPNOTSUPP);
	ck_assert_ptr_nonnull(init_net.loopback_dev);
}
END_TEST

START_TEST(test_setlink_mtu_messages)
{
	ck_assert_int_eq(add("veth", "veth0", "veth1", 0, NULL), 0);
	clear_req();
	sreq.mtu = 67;
	ck_assert_int_eq(set("veth0"), -EINVAL);
	ck_assert_str_eq(ext._msg, "mtu less than device minimum");
	sreq.mtu = 65536;
	ck_assert_int_eq(set("veth0"), -EINVAL);
	ck_assert_str_eq(ext._msg, "mtu greater than device maximum");
	sreq.mtu = 9000;
	ck_assert_int_eq(set("veth0"), 0);
	ck_assert_uint_eq(__dev_get_by_name(&init_net, "veth0")->mtu, 9000);
	/* lo: no limits but the sign. */
	sreq.mtu = 100000;
	ck_assert_int_eq(set("lo"), 0);
	ck_assert_int_eq(set("nosuch"), -ENODEV);
}
END_TEST

START_TEST(test_setlink_address_name_flags)
{
	static const u8 mcast[6] = { 0x01, 0, 0x5e, 0, 0, 1 };
	static const u8 good[6] = { 0x02, 0, 0, 0, 0, 1 };
	struct net_device *v0;

	ck_assert_int_eq(add("veth", "veth0", "veth1", 0, NULL), 0);
	v0 = __dev_get_by_name(&init_net, "veth0");
	clear_req();
	sreq.has_address = true;
	memcpy(sreq.address, mcast, 6);
	ck_assert_int_eq(set("veth0"), -EADDRNOTAVAIL);
	memcpy(sreq.address, good, 6);
	ck_assert_int_eq(set("veth0"), 0);
	ck_assert_mem_eq(v0->dev_addr, good, 6);

	clear_req();
	sreq.newname = "veth1";
	ck_assert_int_eq(set("veth0"), -EEXIST);
	sreq.newname = "green";
	ck_assert_int_eq(set("veth0"), 0);
	ck_assert_ptr_eq(__dev_get_by_name(&init_net, "green"), v0);

	clear_req();
	sreq.set_up = true;
	ck_assert_int_eq(set("green"), 0);
	ck_assert(v0->flags & IFF_UP);
	clear_req();
	sreq.newname = "blue";
	ck_assert_int_eq(set("green"), -EBUSY);
	/* Address changes while up are fine on veth (LIVE_ADDR_CHANGE). */
	clear_req();
	sreq.has_address = true;
	memcpy(sreq.address, good, 6);
	sreq.address[5] = 2;
	ck_assert_int_eq(set("green"), 0);
	clear_req();
	sreq.set_down = true;
	ck_assert_int_eq(set("green"), 0);
	ck_assert(!(v0->flags & IFF_UP));
	clear_req();
	sreq.txqlen = 500;
	ck_assert_int_eq(set("green"), 0);
	ck_assert_uint_eq(v0->tx_queue_len, 500);
}
END_TEST

START_TEST(test_setlink_up_without_peer)
{
	struct net_device *v0;
	LIST_HEAD(kill);

	ck_assert_int_eq(add("veth", "veth0", "veth1", 0, NULL), 0);
	v0 = __dev_get_by_name(&init_net, "veth0");
	v0->rtnl_link_ops->dellink(__dev_get_by_name(&init_net, "veth1"),
				   &kill);
	list_del_init(&v0->unreg_list);
	unregister_netdevice_many(&kill);
	clear_req();
	sreq.set_up = true;
	ck_assert_int_eq(set("veth0"), -ENOTCONN);
}
END_TEST

START_TEST(test_setlink_netns_errors)
{
	struct net *ns = copy_net_ns();

	ck_assert_int_eq(add("veth", "veth0", "veth1", 0, NULL), 0);
	clear_req();
	sreq.netns_given = true;
	sreq.net = ns;
	ck_assert_int_eq(set("lo"), -EINVAL);
	sreq.net = NULL;
	ck_assert_int_eq(set("veth0"), -EINVAL);
	sreq.net = ns;
	ck_assert_int_eq(set("veth0"), 0);
	ck_assert_int_eq(add("veth", "veth0", "x", 0, NULL), 0);
	ck_assert_int_eq(set("veth0"), -EEXIST);
	/* With a new name in the same request, the move succeeds. */
	sreq.newname = "veth9";
	ck_assert_int_eq(set("veth0"), 0);
	ck_assert_ptr_nonnull(__dev_get_by_name(ns, "veth9"));
	put_net(ns);
}
END_TEST

START_TEST(test_kind_registry)
{
	static struct rtnl_link_ops dup = { .kind = "veth" };

	ck_assert_ptr_nonnull(rtnl_link_ops_get("veth"));
	ck_assert_ptr_null(rtnl_link_ops_get("bridge"));
	ck_assert_int_eq(rtnl_link_register(&dup), -EEXIST);
}
END_TEST

/*
 * Random requests, as a user typing at the shell might send them: any mix
 * must leave a consistent kernel (the fixture checks no skb leaks; ASan
 * builds check memory). Fixed seed, so a failure repeats.
 */
static unsigned int rnd_state = 12345;

static unsigned int rnd(unsigned int n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) % n;
}

START_TEST(test_random_requests)
{
	static const char *const names[] = { "veth0", "veth1", "a", "b", "lo",
					     "veth%d", "" };
	struct net *ns[3] = { &init_net, NULL, NULL };
	struct rtnl_newlink_req req;
	int i, made = 0, moved = 0;

	for (i = 0; i < 4000; i++) {
		struct net *net = ns[rnd(3)];
		struct net *other = ns[rnd(3)];
		const char *a = names[rnd(ARRAY_SIZE(names))];
		const char *b = names[rnd(ARRAY_SIZE(names))];
		struct net_device *d;

		if (!net)
			net = &init_net;
		switch (rnd(9)) {
		case 0:
			memset(&req, 0, sizeof(req));
			req.kind = rnd(8) ? "veth" : "nosuch";
			snprintf(req.tb.ifname, IFNAMSIZ, "%s", a);
			req.has_peer = rnd(2);
			snprintf(req.peer.ifname, IFNAMSIZ, "%s", b);
			req.peer.netns_given = rnd(3) == 0;
			req.peer.net = other;
			req.tb.mtu = rnd(4) ? 0 : rnd(70000);
			made += rtnl_newlink(net, &req, &ext) == 0;
			break;
		case 1:
			rtnl_dellink(net, a, &ext);
			break;
		case 2:
			clear_req();
			sreq.set_up = rnd(2);
			sreq.set_down = !sreq.set_up;
			rtnl_setlink(net, a, &sreq, &ext);
			break;
		case 3:
			clear_req();
			sreq.netns_given = true;
			sreq.net = other;
			sreq.newname = rnd(3) ? NULL : b;
			moved += rtnl_setlink(net, a, &sreq, &ext) == 0 &&
				 other && other != net;
			break;
		case 4:
			clear_req();
			sreq.mtu = rnd(70000) + 1;
			sreq.newname = rnd(2) ? b : NULL;
			rtnl_setlink(net, a, &sreq, &ext);
			break;
		case 5: {
			int k = 1 + (int)rnd(2);

			if (ns[k]) {
				put_net(ns[k]);
				ns[k] = NULL;
			} else {
				ns[k] = copy_net_ns();
			}
			break;
		}
		case 6:
			d = __dev_get_by_name(net, a);
			if (d && d->netdev_ops->ndo_start_xmit) {
				struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);

				memset(skb_put(skb, 60), 0xff, 60);
				skb->dev = d;
				dev_queue_xmit(skb);
			}
			break;
		case 7:
			d = __dev_get_by_name(net, a);
			if (d)
				rtnl_link_netnsid(net, d);
			break;
		default:
			clear_req();
			sreq.has_address = true;
			sreq.address[0] = (u8)rnd(4);
			sreq.address[5] = 1;
			rtnl_setlink(net, a, &sreq, &ext);
			break;
		}
	}
	if (ns[1])
		put_net(ns[1]);
	if (ns[2])
		put_net(ns[2]);
	ck_assert_int_eq(net_ns_count(), 1);
	ck_assert_ptr_nonnull(init_net.loopback_dev);
	/* The mix did reach the interesting paths. */
	ck_assert_int_gt(made, 50);
	ck_assert_int_gt(moved, 10);
}
END_TEST

static Suite *rtnetlink_suite(void)
{
	Suite *s = suite_create("rtnetlink");
	TCase *tc = unit_tcase(s, "rtnetlink", NULL);

	tcase_add_test(tc, test_newlink_errors);
	tcase_add_test(tc, test_dellink_errors);
	tcase_add_test(tc, test_name_too_long);
	tcase_add_test(tc, test_setlink_mtu_messages);
	tcase_add_test(tc, test_setlink_address_name_flags);
	tcase_add_test(tc, test_setlink_up_without_peer);
	tcase_add_test(tc, test_setlink_netns_errors);
	tcase_add_test(tc, test_kind_registry);
	tcase_add_test(tc, test_random_requests);
	return s;
}

UNIT_MAIN(rtnetlink_suite)
