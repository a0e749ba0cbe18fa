// SPDX-License-Identifier: GPL-2.0
/*
 * veth: pairing and teardown (lab 2), transmit (lab 3), carrier coupling,
 * stats, iflink, ethtool.
 */
#include <string.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/ftrace.h>
#include <linux/interrupt.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <linux/ktime.h>
#include <linux/start_kernel.h>
#include "unit.h"

static int add_pair(struct net *net, const char *a, const char *b)
{
	struct rtnl_newlink_req req;
	struct netlink_ext_ack ext = { 0 };

	memset(&req, 0, sizeof(req));
	req.kind = "veth";
	if (a)
		strcpy(req.tb.ifname, a);
	if (b) {
		req.has_peer = true;
		strcpy(req.peer.ifname, b);
	}
	return rtnl_newlink(net, &req, &ext);
}

static struct net_device *dev(const char *name)
{
	return __dev_get_by_name(&init_net, name);
}

static void up(const char *name)
{
	ck_assert_int_eq(dev_open(dev(name), NULL), 0);
}

/* A handler for a made-up EtherType, counting what it receives. */
#define ETH_P_TEST	0x88b5
static int rx_count;
static struct net_device *rx_dev;
static u8 rx_pkt_type;

static int test_rcv(struct sk_buff *skb, struct net_device *d,
		    struct packet_type *pt, struct net_device *orig)
{
	rx_count++;
	rx_dev = d;
	rx_pkt_type = skb->pkt_type;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type test_pt = {
	.type = 0,	/* set at run time: htons() is not constant here */
	.func = test_rcv,
};

static struct sk_buff *frame(struct net_device *from, const u8 *dst,
			     unsigned int payload)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN + payload + 32, GFP_KERNEL);
	struct ethhdr *eth;

	skb_reserve(skb, 32);
	eth = skb_put(skb, ETH_HLEN);
	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, from->dev_addr, ETH_ALEN);
	eth->h_proto = htons(ETH_P_TEST);
	memset(skb_put(skb, payload), 0x5a, payload);
	skb->dev = from;
	return skb;
}

static void setup_handler(void)
{
	rx_count = 0;
	rx_dev = NULL;
	test_pt.type = htons(ETH_P_TEST);
	dev_add_pack(&test_pt);
}

/* ---- lab 2: newlink and dellink ---- */

START_TEST(test_pair_created_peer_first)
{
	struct net_device *v0, *v1;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	ck_assert_ptr_nonnull(v0);
	ck_assert_ptr_nonnull(v1);
	/* The peer is registered first: lower ifindex (seed000: 4 and 5). */
	ck_assert_int_eq(v1->ifindex, 2);
	ck_assert_int_eq(v0->ifindex, 3);
	ck_assert_int_eq(dev_get_iflink(v0), v1->ifindex);
	ck_assert_int_eq(dev_get_iflink(v1), v0->ifindex);
	ck_assert_ptr_eq(v0->netdev_ops->ndo_get_peer_dev(v0), v1);
	ck_assert_ptr_eq(v1->netdev_ops->ndo_get_peer_dev(v1), v0);
	ck_assert_str_eq(v0->rtnl_link_ops->kind, "veth");
	ck_assert_int_eq(v0->rtnl_link_state, RTNL_LINK_INITIALIZED);
	ck_assert_int_eq(v1->rtnl_link_state, RTNL_LINK_INITIALIZED);
}
END_TEST

START_TEST(test_pair_random_macs_and_defaults)
{
	struct net_device *v0, *v1;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	ck_assert(is_valid_ether_addr(v0->dev_addr));
	ck_assert(is_valid_ether_addr(v1->dev_addr));
	ck_assert(v0->dev_addr[0] & 0x02);	/* locally administered */
	ck_assert(!ether_addr_equal(v0->dev_addr, v1->dev_addr));
	ck_assert_int_eq(v0->addr_assign_type, NET_ADDR_RANDOM);
	ck_assert_uint_eq(v0->mtu, 1500);
	ck_assert_uint_eq(v0->max_mtu, 65535);
	ck_assert(v0->priv_flags & IFF_NO_QUEUE);
	ck_assert_uint_eq(dev_get_flags(v0), IFF_BROADCAST | IFF_MULTICAST);
	ck_assert(!netif_carrier_ok(v0));
	ck_assert(!netif_carrier_ok(v1));
}
END_TEST

START_TEST(test_pair_default_names)
{
	ck_assert_int_eq(add_pair(&init_net, NULL, NULL), 0);
	/* Peer first: it takes veth0, the device veth1. */
	ck_assert_ptr_nonnull(dev("veth0"));
	ck_assert_ptr_nonnull(dev("veth1"));
	ck_assert_int_eq(dev("veth0")->ifindex, 2);
	ck_assert_int_eq(add_pair(&init_net, "a", NULL), 0);
	ck_assert_ptr_nonnull(dev("a"));
	ck_assert_ptr_nonnull(dev("veth2"));
}
END_TEST

START_TEST(test_pair_name_clash_unwinds)
{
	long live = skb_live_count();

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	/* Peer name taken: nothing is created. */
	ck_assert_int_eq(add_pair(&init_net, "x0", "veth1"), -EEXIST);
	ck_assert_ptr_null(dev("x0"));
	/* Device name equal to its own peer: the peer is taken back. */
	ck_assert_int_eq(add_pair(&init_net, "same", "same"), -EEXIST);
	ck_assert_ptr_null(dev("same"));
	ck_assert_int_eq(skb_live_count(), live);
	/* The failed attempts used no index... except the unwound peer. */
	ck_assert_int_eq(add_pair(&init_net, "p", "q"), 0);
	ck_assert_int_eq(dev("q")->ifindex, 5);
}
END_TEST

START_TEST(test_dellink_removes_both)
{
	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	up("veth0");
	up("veth1");
	ck_assert_int_eq(rtnl_dellink(&init_net, "veth1", NULL), 0);
	ck_assert_ptr_null(dev("veth0"));
	ck_assert_ptr_null(dev("veth1"));
	ck_assert_ptr_eq(dev("lo"), init_net.loopback_dev);
	ck_assert_int_eq(rtnl_dellink(&init_net, "veth0", NULL), -ENODEV);
}
END_TEST

START_TEST(test_open_without_peer_fails)
{
	struct net_device *v0;
	LIST_HEAD(kill);

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	/* Delete only one end by hand: the other loses its peer. */
	v0->rtnl_link_ops->dellink(dev("veth1"), &kill);
	ck_assert_ptr_null(v0->netdev_ops->ndo_get_peer_dev(v0));
	list_del_init(&v0->unreg_list);
	unregister_netdevice_many(&kill);
	ck_assert_ptr_null(dev("veth1"));
	ck_assert_int_eq(dev_open(v0, NULL), -ENOTCONN);
	ck_assert(!(v0->flags & IFF_UP));
	ck_assert_int_eq(dev_get_iflink(v0), 0);
}
END_TEST

START_TEST(test_carrier_coupling)
{
	struct net_device *v0, *v1;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	up("veth0");
	/* One end up: no carrier, LOWERLAYERDOWN (its link is the peer). */
	ck_assert(!netif_carrier_ok(v0));
	ck_assert_int_eq(v0->operstate, IF_OPER_LOWERLAYERDOWN);
	ck_assert_uint_eq(dev_get_flags(v0),
			  IFF_BROADCAST | IFF_MULTICAST | IFF_UP);
	up("veth1");
	ck_assert(netif_carrier_ok(v0));
	ck_assert(netif_carrier_ok(v1));
	ck_assert_int_eq(v0->operstate, IF_OPER_UP);
	ck_assert_int_eq(v1->operstate, IF_OPER_UP);
	ck_assert_uint_eq(dev_get_flags(v1), IFF_BROADCAST | IFF_MULTICAST |
			  IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
	dev_close(v0);
	ck_assert(!netif_carrier_ok(v0));
	ck_assert(!netif_carrier_ok(v1));
	ck_assert_int_eq(v1->operstate, IF_OPER_LOWERLAYERDOWN);
	ck_assert_uint_eq(dev_get_flags(v1) & IFF_RUNNING, 0);
}
END_TEST

/* ---- lab 3: transmit ---- */

START_TEST(test_xmit_reaches_peer)
{
	struct net_device *v0, *v1;
	struct rtnl_link_stats64 s0, s1;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	up("veth0");
	up("veth1");
	setup_handler();
	ck_assert_int_eq(dev_queue_xmit(frame(v0, v1->dev_addr, 86)),
			 NETDEV_TX_OK);
	/* Received before dev_queue_xmit() returned: softirq on bh enable. */
	ck_assert_int_eq(rx_count, 1);
	ck_assert_ptr_eq(rx_dev, v1);
	ck_assert_int_eq(rx_pkt_type, PACKET_HOST);
	dev_get_stats(v0, &s0);
	dev_get_stats(v1, &s1);
	ck_assert_uint_eq(s0.tx_packets, 1);
	ck_assert_uint_eq(s0.tx_bytes, 100);
	ck_assert_uint_eq(s1.rx_packets, 1);
	ck_assert_uint_eq(s1.rx_bytes, 100);
	ck_assert_uint_eq(s1.tx_packets, 0);
	ck_assert_uint_eq(s0.rx_packets, 0);
	dev_remove_pack(&test_pt);
}
END_TEST

START_TEST(test_xmit_pkt_types)
{
	static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const u8 mcast[6] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
	static const u8 other[6] = { 0x02, 0, 0, 0, 0, 9 };
	struct net_device *v0, *v1;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	up("veth0");
	up("veth1");
	setup_handler();
	dev_queue_xmit(frame(v0, bcast, 10));
	ck_assert_int_eq(rx_pkt_type, PACKET_BROADCAST);
	dev_queue_xmit(frame(v0, mcast, 10));
	ck_assert_int_eq(rx_pkt_type, PACKET_MULTICAST);
	dev_queue_xmit(frame(v0, other, 10));
	ck_assert_int_eq(rx_pkt_type, PACKET_OTHERHOST);
	dev_queue_xmit(frame(v0, v1->dev_addr, 10));
	ck_assert_int_eq(rx_pkt_type, PACKET_HOST);
	ck_assert_int_eq(rx_count, 4);
	dev_remove_pack(&test_pt);
}
END_TEST

START_TEST(test_xmit_forwards_and_accounts)
{
	static char buf[1 << 16];
	struct net_device *v0, *v1;
	struct rtnl_link_stats64 s0;
	const char *x, *e, *q;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	up("veth0");
	up("veth1");
	ftrace_set_tracer(TRACER_FUNCTION);
	softirq_set_stepping(true);	/* keep it on the backlog */
	dev_queue_xmit(frame(v0, v1->dev_addr, 86));
	ftrace_print(buf, sizeof(buf));
	ftrace_set_tracer(TRACER_NOP);
	/* veth_xmit made the frame arrive on the peer and queued it. */
	x = strstr(buf, ": veth_xmit <-dev_hard_start_xmit");
	e = strstr(buf, ": eth_type_trans <-");
	q = strstr(buf, ": enqueue_to_backlog <-netif_rx_internal");
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(q);
	ck_assert(x < e && e < q);
	/* Counted by the backlog's answer: sent, or dropped. */
	dev_get_stats(v0, &s0);
	if (skb_queue_len(&softnet_data[0].input_pkt_queue) == 1) {
		ck_assert_uint_eq(s0.tx_packets, 1);
		ck_assert_uint_eq(s0.tx_bytes, 100);
		ck_assert_uint_eq(s0.tx_dropped, 0);
	} else {
		ck_assert_uint_eq(s0.tx_packets, 0);
		ck_assert_uint_eq(s0.tx_dropped, 1);
	}
	softirq_set_stepping(false);
}
END_TEST

START_TEST(test_xmit_peer_down_drops_both_sides)
{
	struct net_device *v0, *v1;
	struct rtnl_link_stats64 s0, s1;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	up("veth0");
	setup_handler();
	/* veth0 has no carrier, so the stack sends into noop_qdisc, which
	 * drops it before the driver, counted nowhere (6.1) */
	ck_assert_int_eq(dev_queue_xmit(frame(v0, v1->dev_addr, 10)),
			 NET_XMIT_CN);
	dev_get_stats(v0, &s0);
	ck_assert_uint_eq(s0.tx_dropped, 0);
	/* veth_xmit's own check: reached in 6.1 when the peer goes down
	 * before linkwatch has taken veth0's carrier away */
	ck_assert_int_eq(v0->netdev_ops->ndo_start_xmit(frame(v0, v1->dev_addr,
							      10), v0),
			 NET_XMIT_DROP);
	ck_assert_int_eq(rx_count, 0);
	dev_get_stats(v0, &s0);
	dev_get_stats(v1, &s1);
	ck_assert_uint_eq(s0.tx_dropped, 1);	/* priv->dropped */
	ck_assert_uint_eq(s0.tx_packets, 0);
	ck_assert_uint_eq(s1.rx_dropped, 1);	/* core rx_dropped */
	dev_remove_pack(&test_pt);
}
END_TEST

START_TEST(test_xmit_too_big_and_too_short)
{
	struct net_device *v0, *v1;
	struct rtnl_link_stats64 s0, s1;
	struct sk_buff *skb;
	u64 before;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	up("veth0");
	up("veth1");
	setup_handler();	/* else the receiver drops for "no handler" */
	/* mtu 1500 + 14 + 4 (VLAN) fits, one more byte does not: the
	 * receiver counts that drop (in __dev_forward_skb). */
	dev_queue_xmit(frame(v0, v1->dev_addr, 1504));
	dev_get_stats(v1, &s1);
	ck_assert_uint_eq(s1.rx_dropped, 0);
	dev_queue_xmit(frame(v0, v1->dev_addr, 1505));
	dev_get_stats(v1, &s1);
	ck_assert_uint_eq(s1.rx_dropped, 1);
	/* Shorter than an Ethernet header: dropped by veth_xmit itself. */
	dev_get_stats(v0, &s0);
	before = s0.tx_dropped;
	skb = alloc_skb(64, GFP_KERNEL);
	skb_put(skb, 10);
	skb->dev = v0;
	dev_queue_xmit(skb);
	dev_get_stats(v0, &s0);
	dev_get_stats(v1, &s1);
	ck_assert_uint_eq(s0.tx_dropped, before + 1);
	ck_assert_uint_eq(s1.rx_dropped, 1);
	dev_remove_pack(&test_pt);
}
END_TEST

START_TEST(test_xmit_after_peer_gone_drops)
{
	struct net_device *v0;
	LIST_HEAD(kill);
	struct rtnl_link_stats64 s0;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	up("veth0");
	up("veth1");
	v0->rtnl_link_ops->dellink(dev("veth1"), &kill);
	list_del_init(&v0->unreg_list);
	unregister_netdevice_many(&kill);
	setup_handler();
	/* Still up (closing the peer took the carrier only). */
	ck_assert(v0->flags & IFF_UP);
	dev_queue_xmit(frame(v0, v0->dev_addr, 10));
	ck_assert_int_eq(rx_count, 0);
	dev_get_stats(v0, &s0);
	ck_assert_uint_eq(s0.tx_dropped, 1);
	ck_assert_uint_eq(s0.rx_packets, 0);
	dev_remove_pack(&test_pt);
}
END_TEST

/* ---- ethtool ---- */

START_TEST(test_ethtool)
{
	struct net_device *v0, *v1;
	struct ethtool_drvinfo info;
	u8 strings[16 * ETH_GSTRING_LEN];
	u64 data[16];
	int n;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	memset(&info, 0, sizeof(info));
	v0->ethtool_ops->get_drvinfo(v0, &info);
	ck_assert_str_eq(info.driver, "veth");
	ck_assert_str_eq(info.version, "1.0");
	n = v0->ethtool_ops->get_sset_count(v0, ETH_SS_STATS);
	ck_assert_int_eq(n, 10);
	v0->ethtool_ops->get_strings(v0, ETH_SS_STATS, strings);
	ck_assert_str_eq((char *)strings, "peer_ifindex");
	ck_assert_str_eq((char *)strings + 3 * ETH_GSTRING_LEN,
			 "rx_queue_0_drops");
	ck_assert_str_eq((char *)strings + 9 * ETH_GSTRING_LEN,
			 "tx_queue_0_xdp_xmit_errors");
	v0->ethtool_ops->get_ethtool_stats(v0, NULL, data);
	ck_assert_uint_eq(data[0], (u64)v1->ifindex);
}
END_TEST

/* ethtool's view: only through the SIOCETHTOOL ioctl (dev_ethtool()). */
START_TEST(test_ethtool_ioctl)
{
	struct ethtool_drvinfo info;
	struct {
		struct ethtool_sset_info hdr;
		u32 buf[1];
	} sset;
	struct {
		struct ethtool_stats hdr;
		u64 buf[16];
	} stats;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	memset(&info, 0, sizeof(info));
	info.cmd = ETHTOOL_GDRVINFO;
	ck_assert_int_eq(dev_ethtool(&init_net, "veth0", &info), 0);
	ck_assert_str_eq(info.driver, "veth");
	ck_assert_uint_eq(info.n_stats, 10);	/* "supports-statistics: yes" */
	ck_assert_uint_eq(info.testinfo_len, 0);
	memset(&sset, 0, sizeof(sset));
	sset.hdr.cmd = ETHTOOL_GSSET_INFO;
	sset.hdr.sset_mask = 1ULL << ETH_SS_STATS;
	ck_assert_int_eq(dev_ethtool(&init_net, "veth0", &sset), 0);
	ck_assert_uint_eq(sset.hdr.sset_mask, 1ULL << ETH_SS_STATS);
	ck_assert_uint_eq(sset.hdr.data[0], 10);
	memset(&stats, 0, sizeof(stats));
	stats.hdr.cmd = ETHTOOL_GSTATS;
	ck_assert_int_eq(dev_ethtool(&init_net, "veth0", &stats), 0);
	ck_assert_uint_eq(stats.hdr.n_stats, 10);
	ck_assert_uint_eq(stats.hdr.data[0], (u64)dev("veth1")->ifindex);
	/* lo: no get_drvinfo and no link kind, so EOPNOTSUPP; no stats */
	info.cmd = ETHTOOL_GDRVINFO;
	ck_assert_int_eq(dev_ethtool(&init_net, "lo", &info), -EOPNOTSUPP);
	memset(&sset, 0, sizeof(sset));
	sset.hdr.cmd = ETHTOOL_GSSET_INFO;
	sset.hdr.sset_mask = 1ULL << ETH_SS_STATS;
	ck_assert_int_eq(dev_ethtool(&init_net, "lo", &sset), 0);
	ck_assert_uint_eq(sset.hdr.sset_mask, 0);
	ck_assert_int_eq(dev_ethtool(&init_net, "nosuch", &info), -ENODEV);
}
END_TEST

START_TEST(test_validate_attrs)
{
	struct rtnl_newlink_req req;

	memset(&req, 0, sizeof(req));
	req.kind = "veth";
	strcpy(req.tb.ifname, "veth0");
	req.has_peer = true;
	strcpy(req.peer.ifname, "veth1");
	req.peer.mtu = 67;
	ck_assert_int_eq(rtnl_newlink(&init_net, &req, NULL), -EINVAL);
	req.peer.mtu = 0;
	req.peer.has_address = true;
	req.peer.address[0] = 0x01;	/* multicast */
	ck_assert_int_eq(rtnl_newlink(&init_net, &req, NULL), -EADDRNOTAVAIL);
	req.peer.address[0] = 0x02;
	req.peer.mtu = 9000;
	ck_assert_int_eq(rtnl_newlink(&init_net, &req, NULL), 0);
	ck_assert_uint_eq(dev("veth1")->mtu, 9000);
	ck_assert_uint_eq(dev("veth0")->mtu, 1500);
	ck_assert_int_eq(dev("veth1")->addr_assign_type, NET_ADDR_SET);
	ck_assert_uint_eq(dev("veth1")->dev_addr[0], 0x02);
	ck_assert_int_eq(dev_set_mtu(dev("veth0"), 65535, NULL), 0);
	ck_assert_int_eq(dev_set_mtu(dev("veth0"), 65536, NULL), -EINVAL);
}
END_TEST

/* Taps (tcpdump's packet sockets): ETH_P_ALL handlers. */
struct tap_seen {
	int n;
	struct net_device *dev[4];
	u8 type[4];
	bool cloned[4];
};

static struct tap_seen seen_all, seen_in, seen_dev, seen_other;

static int tap_rcv(struct sk_buff *skb, struct net_device *d,
		   struct packet_type *pt, struct net_device *orig)
{
	struct tap_seen *t = pt->af_packet_priv;

	if (t->n < 4) {
		t->dev[t->n] = d;
		t->type[t->n] = skb->pkt_type;
		t->cloned[t->n] = skb_cloned(skb);
		t->n++;
	}
	kfree_skb(skb);
	return 0;
}

START_TEST(test_taps_see_both_directions)
{
	struct packet_type all = { .func = tap_rcv, .af_packet_priv = &seen_all };
	struct packet_type in = { .func = tap_rcv, .af_packet_priv = &seen_in,
				  .ignore_outgoing = true };
	struct packet_type on1 = { .func = tap_rcv, .af_packet_priv = &seen_dev };
	struct packet_type other = { .func = tap_rcv,
				     .af_packet_priv = &seen_other };
	struct net_device *v0, *v1;
	struct net *ns = copy_net_ns();

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	up("veth0");
	up("veth1");
	setup_handler();
	all.type = in.type = on1.type = other.type = htons(ETH_P_ALL);
	all.af_packet_net = &init_net;
	on1.dev = v1;
	other.af_packet_net = ns;
	dev_add_pack(&all);
	dev_add_pack(&in);
	dev_add_pack(&on1);
	dev_add_pack(&other);
	dev_queue_xmit(frame(v0, v1->dev_addr, 50));
	/* Out on veth0 (a clone, PACKET_OUTGOING), then in on veth1. */
	ck_assert_int_eq(seen_all.n, 2);
	ck_assert_ptr_eq(seen_all.dev[0], v0);
	ck_assert_int_eq(seen_all.type[0], PACKET_OUTGOING);
	ck_assert(seen_all.cloned[0]);
	ck_assert_ptr_eq(seen_all.dev[1], v1);
	ck_assert_int_eq(seen_all.type[1], PACKET_HOST);
	ck_assert_int_eq(seen_in.n, 1);
	ck_assert_ptr_eq(seen_in.dev[0], v1);
	ck_assert_int_eq(seen_dev.n, 1);
	ck_assert_ptr_eq(seen_dev.dev[0], v1);
	ck_assert_int_eq(seen_other.n, 0);
	ck_assert_int_eq(rx_count, 1);	/* the handler still got it */
	dev_remove_pack(&all);
	dev_remove_pack(&in);
	dev_remove_pack(&on1);
	dev_remove_pack(&other);
	dev_remove_pack(&test_pt);
	put_net(ns);
}
END_TEST

START_TEST(test_no_handler_counts_rx_dropped)
{
	struct net_device *v0, *v1;
	struct rtnl_link_stats64 s1;
	u64 before = skb_drop_count(SKB_DROP_REASON_UNHANDLED_PROTO);

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	v1 = dev("veth1");
	up("veth0");
	up("veth1");
	dev_queue_xmit(frame(v0, v1->dev_addr, 50));
	dev_get_stats(v1, &s1);
	/* 6.1: rx_dropped, not rx_nohandler (that is for exact delivery). */
	ck_assert_uint_eq(s1.rx_dropped, 1);
	ck_assert_uint_eq(s1.rx_nohandler, 0);
	ck_assert_uint_eq(s1.rx_packets, 1);
	ck_assert_uint_eq(skb_drop_count(SKB_DROP_REASON_UNHANDLED_PROTO),
			  before + 1);
}
END_TEST

/* What RTM_GETLINK reports for @name (IFLA_QDISC, IFLA_OPERSTATE). */
static struct rtnl_link_msg getlink(const char *name)
{
	struct rtnl_link_msg m;

	ck_assert_int_eq(rtnl_getlink(&init_net, 0, name, &m), 0);
	return m;
}

START_TEST(test_qdisc_and_operstate_shown)
{
	struct net_device *v0;

	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	v0 = dev("veth0");
	/* seed000: "qdisc noop state DOWN" before the first up. */
	ck_assert_str_eq(getlink("veth0").qdisc, "noop");
	ck_assert_int_eq(getlink("veth0").operstate, IF_OPER_DOWN);
	up("veth0");
	ck_assert_str_eq(getlink("veth0").qdisc, "noqueue");
	ck_assert_int_eq(getlink("veth0").operstate, IF_OPER_LOWERLAYERDOWN);
	up("veth1");
	ck_assert_int_eq(getlink("veth0").operstate, IF_OPER_UP);
	ck_assert_uint_eq(getlink("veth0").ifi.ifi_flags & (IFF_UP | IFF_RUNNING |
							    IFF_LOWER_UP),
			  IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
	ck_assert(getlink("veth0").has_link);
	ck_assert_int_eq(getlink("veth0").link, dev("veth1")->ifindex);
	ck_assert_str_eq(getlink("veth0").kind, "veth");
	dev_close(v0);
	ck_assert_str_eq(getlink("veth0").qdisc, "noqueue");	/* kept when down */
	/* the operstate field stays; IFLA_OPERSTATE says DOWN when not running */
	ck_assert_int_eq(getlink("veth0").operstate, IF_OPER_DOWN);
	ck_assert_int_eq(rtnl_getlink(&init_net, 0, "nosuch", NULL), -ENODEV);
}
END_TEST

START_TEST(test_deterministic_macs_repeat)
{
	u8 first[6], second[6];

	sim_clock_set_deterministic(true);
	sim_start_kernel();
	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	memcpy(first, dev("veth0")->dev_addr, 6);
	sim_start_kernel();	/* reboots: same seed, same addresses */
	ck_assert_int_eq(add_pair(&init_net, "veth0", "veth1"), 0);
	memcpy(second, dev("veth0")->dev_addr, 6);
	ck_assert_mem_eq(first, second, 6);
	sim_clock_set_deterministic(false);
}
END_TEST

static Suite *veth_suite(void)
{
	Suite *s = suite_create("veth");
	TCase *tc;

	tc = unit_tcase(s, "pairing", "lab2");
	tcase_add_test(tc, test_pair_created_peer_first);
	tcase_add_test(tc, test_pair_random_macs_and_defaults);
	tcase_add_test(tc, test_pair_default_names);
	tcase_add_test(tc, test_pair_name_clash_unwinds);
	tcase_add_test(tc, test_dellink_removes_both);
	tcase_add_test(tc, test_open_without_peer_fails);
	tcase_add_test(tc, test_carrier_coupling);
	tcase_add_test(tc, test_validate_attrs);

	tc = unit_tcase(s, "xmit", "lab3");
	tcase_add_test(tc, test_xmit_forwards_and_accounts);
	tcase_add_test(tc, test_xmit_peer_down_drops_both_sides);
	tcase_add_test(tc, test_xmit_too_big_and_too_short);
	tcase_add_test(tc, test_xmit_after_peer_gone_drops);

	/* End to end: needs the backlog and its softirq (labs 4 and 5). */
	tc = unit_tcase(s, "deliver", "lab5");
	tcase_add_test(tc, test_xmit_reaches_peer);
	tcase_add_test(tc, test_xmit_pkt_types);

	tc = unit_tcase(s, "taps", NULL);
	tcase_add_test(tc, test_taps_see_both_directions);
	tcase_add_test(tc, test_no_handler_counts_rx_dropped);

	tc = unit_tcase(s, "ethtool", NULL);
	tcase_add_test(tc, test_ethtool);
	tcase_add_test(tc, test_ethtool_ioctl);
	tcase_add_test(tc, test_qdisc_and_operstate_shown);
	tcase_add_test(tc, test_deterministic_macs_repeat);
	return s;
}

UNIT_MAIN(veth_suite)
