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

/* A device the test made and needs: NULL means lab 2 did not make it. */
static struct net_device *need(const char *name)
{
	struct net_device *d = dev(name);

	ck_assert_msg(d != NULL, "setup: no device \"%s\" after creating the "
		      "pair: lab 2's veth_newlink must register both ends "
		      "under the names asked for", name);
	return d;
}

static void up(const char *name)
{
	SETUP_OK(dev_open(need(name), NULL));
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

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = dev("veth0");
	v1 = dev("veth1");
	EXPECT_NONNULL(v0, "`ip link add veth0 type veth peer name veth1` "
		       "makes veth0: veth_newlink registers dev under the name "
		       "asked for (lab 2, TODO 2.1)");
	EXPECT_NONNULL(v1, "... and veth1, the peer, named after the peer's "
		       "attributes (lab 2, TODO 2.1)");
	/* The peer is registered first: lower ifindex (seed000: 4 and 5). */
	EXPECT_EQ(v1->ifindex, 2, "6.1 registers the peer first, so the peer "
		  "gets the lower ifindex (lo has 1; veth_newlink, lab 2)");
	EXPECT_EQ(v0->ifindex, 3, "the device itself is registered after its "
		  "peer (veth_newlink, lab 2)");
	EXPECT_EQ(dev_get_iflink(v0), v1->ifindex, "`ip link` shows "
		  "veth0@veth1: veth0's priv->peer must point at veth1 "
		  "(rcu_assign_pointer in veth_newlink, lab 2)");
	EXPECT_EQ(dev_get_iflink(v1), v0->ifindex, "the peer must point back "
		  "at the device: each end's priv->peer is the other (lab 2)");
	EXPECT_PTR_EQ(v0->netdev_ops->ndo_get_peer_dev(v0), v1,
		      "veth0's peer is veth1 (priv->peer, lab 2)");
	EXPECT_PTR_EQ(v1->netdev_ops->ndo_get_peer_dev(v1), v0,
		      "veth1's peer is veth0 (priv->peer, lab 2)");
	EXPECT_STR_EQ(v0->rtnl_link_ops->kind, "veth", "the device is made "
		      "by the veth link ops");
	EXPECT_EQ(v0->rtnl_link_state, RTNL_LINK_INITIALIZED,
		  "rtnl_newlink() configures the device once newlink returns 0");
	EXPECT_EQ(v1->rtnl_link_state, RTNL_LINK_INITIALIZED,
		  "veth_newlink must rtnl_configure_link() the peer itself: "
		  "nobody else knows about it (lab 2, TODO 2.1)");
}
END_TEST

START_TEST(test_pair_random_macs_and_defaults)
{
	struct net_device *v0, *v1;

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = need("veth0");
	v1 = need("veth1");
	EXPECT_TRUE(is_valid_ether_addr(v0->dev_addr), "a veth without an "
		    "address given gets a random one (veth_newlink, lab 2, TODO "
		    "2.1)");
	EXPECT_TRUE(is_valid_ether_addr(v1->dev_addr), "the peer gets a "
		    "random address too when none was given (lab 2)");
	EXPECT_TRUE(v0->dev_addr[0] & 0x02, "random addresses are locally "
		    "administered (lab 2)");
	EXPECT_TRUE(!ether_addr_equal(v0->dev_addr, v1->dev_addr), "each end "
		    "gets its own random address (lab 2)");
	EXPECT_EQ(v0->addr_assign_type, NET_ADDR_RANDOM, "`ip -d link` shows "
		  "the address as random (NET_ADDR_RANDOM): a generated "
		  "random address, not one written in by hand (lab 2)");
	EXPECT_UEQ(v0->mtu, 1500, "veth_setup's Ethernet default");
	EXPECT_UEQ(v0->max_mtu, 65535, "veth_setup allows MTUs up to 65535");
	EXPECT_TRUE(v0->priv_flags & IFF_NO_QUEUE, "veth is queueless "
		    "(veth_setup)");
	EXPECT_UEQ(dev_get_flags(v0), IFF_BROADCAST | IFF_MULTICAST,
		   "a new pair is down: no IFF_UP until `ip link set up`");
	EXPECT_TRUE(!netif_carrier_ok(v0), "a new veth has no carrier until "
		    "both ends are up: turn the device's carrier off once it is "
		    "registered (lab 2, TODO 2.1)");
	EXPECT_TRUE(!netif_carrier_ok(v1), "the peer starts without carrier "
		    "too: turn its carrier off once it is registered (lab 2)");
}
END_TEST

START_TEST(test_pair_default_names)
{
	SETUP_OK(add_pair(&init_net, NULL, NULL));
	/* Peer first: it takes veth0, the device veth1. */
	EXPECT_NONNULL(dev("veth0"), "`ip link add type veth` names the "
		       "peer \"veth%d\" and registers it first, so it is veth0 "
		       "(lab 2)");
	EXPECT_NONNULL(dev("veth1"), "... and the device, named \"veth%d\" "
		       "after it, is veth1 (lab 2)");
	EXPECT_EQ(dev("veth0")->ifindex, 2, "the peer, registered first, is "
		  "veth0 with the lower ifindex (lab 2)");
	SETUP_OK(add_pair(&init_net, "a", NULL));
	EXPECT_NONNULL(dev("a"), "a device name given without a peer name: "
		       "the device is called that (lab 2)");
	EXPECT_NONNULL(dev("veth2"), "... and its peer takes the next free "
		       "\"veth%d\" name (lab 2)");
}
END_TEST

START_TEST(test_pair_name_clash_unwinds)
{
	long live = skb_live_count();

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	/* Peer name taken: nothing is created. */
	EXPECT_EQ(add_pair(&init_net, "x0", "veth1"), -EEXIST, "the peer's "
		  "name is taken: registering the peer fails, and veth_newlink "
		  "returns that error (lab 2)");
	EXPECT_NULL(dev("x0"), "a failed `ip link add` leaves nothing behind: "
		    "the device is not registered when its peer failed (lab 2)");
	/* Device name equal to its own peer: the peer is taken back. */
	EXPECT_EQ(add_pair(&init_net, "same", "same"), -EEXIST, "the device's "
		  "name is its own peer's: registering dev fails (lab 2)");
	EXPECT_NULL(dev("same"), "when dev cannot be registered, veth_newlink "
		    "must unregister the peer it already made (unwind on "
		    "error, lab 2, TODO 2.1)");
	EXPECT_EQ(skb_live_count(), live, "no packet is allocated by a failed "
		  "`ip link add`");
	/* The failed attempts used no index... except the unwound peer. */
	SETUP_OK(add_pair(&init_net, "p", "q"));
	EXPECT_EQ(dev("q")->ifindex, 5, "ifindexes are never reused: the "
		  "unwound peer used 4, so the next peer gets 5 (lab 2)");
}
END_TEST

START_TEST(test_pair_peer_in_other_netns)
{
	struct net *ns = copy_net_ns();
	struct rtnl_newlink_req req;
	struct net_device *v1;

	/* ip link add veth0 type veth peer name veth1 netns NS */
	memset(&req, 0, sizeof(req));
	req.kind = "veth";
	strcpy(req.tb.ifname, "veth0");
	req.has_peer = true;
	strcpy(req.peer.ifname, "veth1");
	req.peer.netns_given = true;
	req.peer.net = ns;
	SETUP_OK(rtnl_newlink(&init_net, &req, NULL));
	v1 = __dev_get_by_name(ns, "veth1");
	EXPECT_NONNULL(v1, "`peer name veth1 netns NS` makes the peer in NS: "
		       "create it with rtnl_create_link() in the peer's "
		       "namespace, not the caller's (veth_newlink, lab 2)");
	EXPECT_PTR_EQ(dev_net(v1), ns, "the peer lives in the namespace named "
		      "for it (lab 2)");
	EXPECT_NULL(dev("veth1"), "the peer must not be in the caller's "
		    "namespace when another was named (lab 2)");
	EXPECT_NONNULL(dev("veth0"), "the device itself stays in the caller's "
		       "namespace (lab 2)");
	EXPECT_PTR_EQ(need("veth0")->netdev_ops->ndo_get_peer_dev(dev("veth0")),
		      v1, "the two ends are tied across namespaces (lab 2)");
	put_net(ns);
}
END_TEST

START_TEST(test_dellink_removes_both)
{
	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	up("veth0");
	up("veth1");
	SETUP_OK(rtnl_dellink(&init_net, "veth1", NULL));
	EXPECT_NULL(dev("veth0"), "deleting either end deletes both: "
		    "veth_dellink queues the peer too (lab 2, TODO 2.2)");
	EXPECT_NULL(dev("veth1"), "the end named in `ip link del` is gone "
		    "(veth_dellink queues dev on head, lab 2)");
	EXPECT_PTR_EQ(dev("lo"), init_net.loopback_dev, "deleting a veth pair "
		      "leaves lo alone");
	EXPECT_EQ(rtnl_dellink(&init_net, "veth0", NULL), -ENODEV,
		  "the second end is already gone with the first (lab 2)");
}
END_TEST

START_TEST(test_open_without_peer_fails)
{
	struct net_device *v0;
	LIST_HEAD(kill);

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = need("veth0");
	/* Delete only one end by hand: the other loses its peer. */
	v0->rtnl_link_ops->dellink(need("veth1"), &kill);
	EXPECT_NULL(v0->netdev_ops->ndo_get_peer_dev(v0), "veth_dellink "
		    "clears the surviving end's priv->peer too, so nothing "
		    "follows a pointer to a dying device (lab 2, TODO 2.2)");
	list_del_init(&v0->unreg_list);
	unregister_netdevice_many(&kill);
	EXPECT_NULL(dev("veth1"), "the end given to veth_dellink is queued "
		    "for unregistering (lab 2)");
	EXPECT_EQ(dev_open(v0, NULL), -ENOTCONN, "a veth without a peer "
		  "cannot go up (veth_open): its priv->peer must be NULL after "
		  "veth_dellink (lab 2)");
	EXPECT_TRUE(!(v0->flags & IFF_UP), "a failed open leaves it down");
	EXPECT_EQ(dev_get_iflink(v0), 0, "no peer, no iflink: veth_dellink "
		  "clears priv->peer (lab 2)");
}
END_TEST

START_TEST(test_carrier_coupling)
{
	struct net_device *v0, *v1;

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = need("veth0");
	v1 = need("veth1");
	up("veth0");
	/* One end up: no carrier, LOWERLAYERDOWN (its link is the peer). */
	EXPECT_TRUE(!netif_carrier_ok(v0), "with only one end up there is no "
		    "carrier: veth_newlink turns both carriers off (lab 2)");
	EXPECT_EQ(v0->operstate, IF_OPER_LOWERLAYERDOWN, "up without carrier "
		  "is LOWERLAYERDOWN, as `ip link` shows (lab 2: carrier off "
		  "at creation)");
	EXPECT_UEQ(dev_get_flags(v0), IFF_BROADCAST | IFF_MULTICAST | IFF_UP,
		   "up, but not RUNNING nor LOWER_UP without carrier (lab 2)");
	up("veth1");
	EXPECT_TRUE(netif_carrier_ok(v0), "both ends up: veth_open turns the "
		    "carrier on for both, which needs priv->peer (lab 2)");
	EXPECT_TRUE(netif_carrier_ok(v1), "both ends up: carrier on the "
		    "second end too (lab 2)");
	EXPECT_EQ(v0->operstate, IF_OPER_UP, "both ends up: operstate UP");
	EXPECT_EQ(v1->operstate, IF_OPER_UP, "both ends up: operstate UP");
	EXPECT_UEQ(dev_get_flags(v1), IFF_BROADCAST | IFF_MULTICAST |
		   IFF_UP | IFF_RUNNING | IFF_LOWER_UP, "both ends up: "
		   "UP, RUNNING and LOWER_UP");
	dev_close(v0);
	EXPECT_TRUE(!netif_carrier_ok(v0), "one end down takes the carrier "
		    "from both (veth_close)");
	EXPECT_TRUE(!netif_carrier_ok(v1), "veth_close also takes the peer's "
		    "carrier, found through priv->peer (lab 2)");
	EXPECT_EQ(v1->operstate, IF_OPER_LOWERLAYERDOWN, "the peer of a "
		  "downed end is LOWERLAYERDOWN");
	EXPECT_UEQ(dev_get_flags(v1) & IFF_RUNNING, 0, "no carrier, not "
		   "RUNNING");
}
END_TEST

/* ---- lab 3: transmit ---- */

START_TEST(test_xmit_reaches_peer)
{
	struct net_device *v0, *v1;
	struct rtnl_link_stats64 s0, s1;

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = need("veth0");
	v1 = need("veth1");
	up("veth0");
	up("veth1");
	setup_handler();
	EXPECT_EQ(dev_queue_xmit(frame(v0, v1->dev_addr, 86)), NETDEV_TX_OK,
		  "a frame sent on veth0 with both ends up is accepted "
		  "(veth_xmit returns NETDEV_TX_OK, lab 3)");
	/* Received before dev_queue_xmit() returned: softirq on bh enable. */
	EXPECT_EQ(rx_count, 1, "the frame reaches the protocol handler on the "
		  "peer before dev_queue_xmit() returns: veth_xmit queues it on "
		  "the backlog (lab 3, lab 4) and NET_RX_SOFTIRQ delivers it "
		  "when bottom halves are enabled again (lab 5)");
	EXPECT_PTR_EQ(rx_dev, v1, "what veth0 sends, veth1 receives: "
		      "veth_xmit forwards to priv->peer (lab 3)");
	EXPECT_EQ(rx_pkt_type, PACKET_HOST, "addressed to veth1's MAC, so "
		  "PACKET_HOST (eth_type_trans in __dev_forward_skb)");
	dev_get_stats(v0, &s0);
	dev_get_stats(v1, &s1);
	EXPECT_UEQ(s0.tx_packets, 1, "the sender counts one packet sent "
		   "on its own stats, not the peer's (lab 3)");
	EXPECT_UEQ(s0.tx_bytes, 100, "tx_bytes counts the whole frame, 14 + "
		   "86 bytes, as it was before it was handed on (lab 3)");
	EXPECT_UEQ(s1.rx_packets, 1, "the peer reports what veth0 sent as "
		   "received (veth_get_stats64)");
	EXPECT_UEQ(s1.rx_bytes, 100, "the peer's rx_bytes are the sender's "
		   "tx_bytes");
	EXPECT_UEQ(s1.tx_packets, 0, "the receiving end sent nothing: count "
		   "on the sending device, not the peer (lab 3)");
	EXPECT_UEQ(s0.rx_packets, 0, "the sending end received nothing "
		   "(lab 3: count on dev, not on the peer)");
	dev_remove_pack(&test_pt);
}
END_TEST

START_TEST(test_xmit_pkt_types)
{
	static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const u8 mcast[6] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
	static const u8 other[6] = { 0x02, 0, 0, 0, 0, 9 };
	struct net_device *v0, *v1;

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = need("veth0");
	v1 = need("veth1");
	up("veth0");
	up("veth1");
	setup_handler();
	dev_queue_xmit(frame(v0, bcast, 10));
	EXPECT_EQ(rx_count, 1, "each frame sent is delivered on the peer "
		  "before dev_queue_xmit() returns (labs 3, 4 and 5)");
	EXPECT_EQ(rx_pkt_type, PACKET_BROADCAST, "ff:ff:ff:ff:ff:ff arrives "
		  "as PACKET_BROADCAST");
	dev_queue_xmit(frame(v0, mcast, 10));
	EXPECT_EQ(rx_pkt_type, PACKET_MULTICAST, "a group address arrives as "
		  "PACKET_MULTICAST");
	dev_queue_xmit(frame(v0, other, 10));
	EXPECT_EQ(rx_pkt_type, PACKET_OTHERHOST, "someone else's unicast "
		  "address arrives as PACKET_OTHERHOST");
	dev_queue_xmit(frame(v0, v1->dev_addr, 10));
	EXPECT_EQ(rx_pkt_type, PACKET_HOST, "veth1's own address arrives as "
		  "PACKET_HOST");
	EXPECT_EQ(rx_count, 4, "four frames sent, four delivered: each one "
		  "goes through the backlog and NET_RX_SOFTIRQ (labs 4, 5)");
	dev_remove_pack(&test_pt);
}
END_TEST

START_TEST(test_xmit_forwards_and_accounts)
{
	static char buf[1 << 16];
	struct net_device *v0, *v1;
	struct rtnl_link_stats64 s0;
	const char *x, *e, *q;

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = need("veth0");
	v1 = need("veth1");
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
	EXPECT_NONNULL(x, "the stack calls veth_xmit for a frame sent on a "
		       "veth");
	EXPECT_NONNULL(e, "veth_xmit makes the frame arrive on the peer: "
		       "veth_forward_skb() runs __dev_forward_skb, which calls "
		       "eth_type_trans (lab 3, TODO 3.1)");
	EXPECT_NONNULL(q, "the frame is queued on the backlog: "
		       "veth_forward_skb() hands it to __netif_rx (lab 3)");
	EXPECT_TRUE(x < e && e < q, "the order of the transmit path: "
		    "veth_xmit, then eth_type_trans, then enqueue_to_backlog");
	/* Counted by the backlog's answer: sent, or dropped. */
	dev_get_stats(v0, &s0);
	if (skb_queue_len(&softnet_data[0].input_pkt_queue) == 1) {
		EXPECT_UEQ(s0.tx_packets, 1, "the backlog took the frame "
			   "(NET_RX_SUCCESS): count one packet sent on this "
			   "device, not on the peer (lab 3)");
		EXPECT_UEQ(s0.tx_bytes, 100, "tx_bytes is the frame's length "
			   "before it was handed on, 14 + 86: skb->len "
			   "shrinks by the Ethernet header on arrival, so read "
			   "it first (lab 3)");
		EXPECT_UEQ(s0.tx_dropped, 0, "a frame the peer took is not a "
			   "drop (lab 3)");
	} else {
		EXPECT_UEQ(s0.tx_packets, 0, "the backlog refused the frame: "
			   "a dropped frame is not a transmitted one (lab 3)");
		EXPECT_UEQ(s0.tx_dropped, 1, "the backlog refused the frame: "
			   "count it in priv->dropped (lab 3)");
	}
	softirq_set_stepping(false);
}
END_TEST

START_TEST(test_xmit_peer_down_drops_both_sides)
{
	struct net_device *v0, *v1;
	struct rtnl_link_stats64 s0, s1;

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = need("veth0");
	v1 = need("veth1");
	up("veth0");
	setup_handler();
	/* veth0 has no carrier, so the stack sends into noop_qdisc, which
	 * drops it before the driver, counted nowhere (6.1) */
	EXPECT_EQ(dev_queue_xmit(frame(v0, v1->dev_addr, 10)), NET_XMIT_CN,
		  "without carrier the stack drops the frame in noop_qdisc, "
		  "before veth_xmit (carrier off at creation: lab 2)");
	dev_get_stats(v0, &s0);
	EXPECT_UEQ(s0.tx_dropped, 0, "noop_qdisc's drop is counted nowhere in "
		   "6.1; veth_xmit was not even called");
	/* veth_xmit's own check: reached in 6.1 when the peer goes down
	 * before linkwatch has taken veth0's carrier away */
	EXPECT_EQ(v0->netdev_ops->ndo_start_xmit(frame(v0, v1->dev_addr, 10),
						 v0), NET_XMIT_DROP,
		  "the peer is down, so it refuses the frame: veth_xmit "
		  "returns NET_XMIT_DROP when the peer does not take it "
		  "(lab 3, TODO 3.1)");
	EXPECT_EQ(rx_count, 0, "a peer that is down receives nothing");
	dev_get_stats(v0, &s0);
	dev_get_stats(v1, &s1);
	EXPECT_UEQ(s0.tx_dropped, 1, "the refused frame is veth0's drop: "
		   "count it in priv->dropped, which `ip -s link` shows as "
		   "tx_dropped (lab 3)");
	EXPECT_UEQ(s0.tx_packets, 0, "a dropped frame is not a transmitted "
		   "one: count it in tx_dropped, not tx_packets (veth_xmit, "
		   "lab 3)");
	EXPECT_UEQ(s1.rx_dropped, 1, "the peer counts the frame it refused "
		   "in its own rx_dropped (the core does this in "
		   "enqueue_to_backlog, lab 4)");
	dev_remove_pack(&test_pt);
}
END_TEST

START_TEST(test_xmit_too_big_and_too_short)
{
	struct net_device *v0, *v1;
	struct rtnl_link_stats64 s0, s1;
	struct sk_buff *skb;
	u64 before, sent;

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = need("veth0");
	v1 = need("veth1");
	up("veth0");
	up("veth1");
	setup_handler();	/* else the receiver drops for "no handler" */
	/* mtu 1500 + 14 + 4 (VLAN) fits, one more byte does not: the
	 * receiver counts that drop (in __dev_forward_skb). */
	dev_queue_xmit(frame(v0, v1->dev_addr, 1504));
	dev_get_stats(v1, &s1);
	EXPECT_UEQ(s1.rx_dropped, 0, "a frame of MTU + 14 + 4 (VLAN) bytes "
		   "fits the peer (veth_xmit forwards it, lab 3)");
	/* (counted relative to here: until lab 4 the backlog drops all) */
	dev_get_stats(v0, &s0);
	before = s0.tx_dropped;
	sent = s0.tx_packets;
	dev_queue_xmit(frame(v0, v1->dev_addr, 1505));
	dev_get_stats(v0, &s0);
	dev_get_stats(v1, &s1);
	EXPECT_UEQ(s1.rx_dropped, 1, "one byte more is too big for the peer: "
		   "__dev_forward_skb drops it and the peer counts it");
	EXPECT_UEQ(s0.tx_dropped, before + 1, "the peer refused the frame "
		   "(NET_RX_DROP), so it is also the sender's drop: only "
		   "NET_RX_SUCCESS counts as sent (veth_xmit, lab 3)");
	EXPECT_UEQ(s0.tx_packets, sent, "a frame the peer refused is not a "
		   "transmitted one: tx_packets stays (veth_xmit, lab 3)");
	/* Shorter than an Ethernet header: dropped by veth_xmit itself. */
	before = s0.tx_dropped;
	skb = alloc_skb(64, GFP_KERNEL);
	skb_put(skb, 10);
	skb->dev = v0;
	dev_queue_xmit(skb);
	dev_get_stats(v0, &s0);
	dev_get_stats(v1, &s1);
	EXPECT_UEQ(s0.tx_dropped, before + 1, "a 10-byte frame has no room "
		   "for an Ethernet header: veth_xmit frees it and counts a "
		   "drop: check there is a whole Ethernet header before "
		   "forwarding (lab 3)");
	EXPECT_UEQ(s1.rx_dropped, 1, "the runt never reaches the peer, so the "
		   "peer counts no new drop: veth_xmit checks the length "
		   "before forwarding (lab 3)");
	dev_remove_pack(&test_pt);
}
END_TEST

START_TEST(test_xmit_after_peer_gone_drops)
{
	struct net_device *v0;
	LIST_HEAD(kill);
	struct rtnl_link_stats64 s0;

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	v0 = need("veth0");
	up("veth0");
	up("veth1");
	v0->rtnl_link_ops->dellink(need("veth1"), &kill);
	list_del_init(&v0->unreg_list);
	unregister_netdevice_many(&kill);
	setup_handler();
	/* Still up (closing the peer took the carrier only). */
	EXPECT_TRUE(v0->flags & IFF_UP, "deleting the peer closes the peer, "
		    "not this end");
	dev_queue_xmit(frame(v0, v0->dev_addr, 10));
	EXPECT_EQ(rx_count, 0, "with no peer nothing is delivered anywhere: "
		  "veth_xmit must not send the frame back to itself (lab 3)");
	dev_get_stats(v0, &s0);
	EXPECT_UEQ(s0.tx_dropped, 1, "no peer (priv->peer is NULL): veth_xmit "
		   "frees the frame and counts a drop (lab 3, TODO 3.1)");
	EXPECT_UEQ(s0.rx_packets, 0, "nothing was received");
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

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
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

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
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
	EXPECT_EQ(rtnl_newlink(&init_net, &req, NULL), -EINVAL, "`peer mtu "
		  "67` is below ETH_MIN_MTU: veth_newlink validates the peer's "
		  "attributes (veth_validate_attrs) before creating anything "
		  "(lab 2)");
	req.peer.mtu = 0;
	req.peer.has_address = true;
	req.peer.address[0] = 0x01;	/* multicast */
	EXPECT_EQ(rtnl_newlink(&init_net, &req, NULL), -EADDRNOTAVAIL, "a "
		  "multicast peer address is refused: validate the peer's "
		  "attributes (lab 2)");
	req.peer.address[0] = 0x02;
	req.peer.mtu = 9000;
	SETUP_OK(rtnl_newlink(&init_net, &req, NULL));
	EXPECT_UEQ(need("veth1")->mtu, 9000, "`peer ... mtu 9000` applies to "
		   "the peer: create it from the peer's attributes, req->peer "
		   "(lab 2)");
	EXPECT_UEQ(need("veth0")->mtu, 1500, "the device keeps its own MTU");
	EXPECT_EQ(dev("veth1")->addr_assign_type, NET_ADDR_SET, "an address "
		  "given for the peer is used, not replaced by a random one "
		  "(lab 2)");
	EXPECT_UEQ(dev("veth1")->dev_addr[0], 0x02, "the peer has the "
		   "address asked for (lab 2)");
	EXPECT_EQ(dev_set_mtu(dev("veth0"), 65535, NULL), 0, "veth allows "
		  "MTUs up to 65535");
	EXPECT_EQ(dev_set_mtu(dev("veth0"), 65536, NULL), -EINVAL, "65536 is "
		  "above veth's max_mtu");
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

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
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

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
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

	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
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
	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
	memcpy(first, dev("veth0")->dev_addr, 6);
	sim_start_kernel();	/* reboots: same seed, same addresses */
	SETUP_OK(add_pair(&init_net, "veth0", "veth1"));
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
	tcase_add_test(tc, test_pair_peer_in_other_netns);
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
