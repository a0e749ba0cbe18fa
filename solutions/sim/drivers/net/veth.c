// SPDX-License-Identifier: GPL-2.0
/*
 * veth: a pair of Ethernet devices joined back to back. What one end sends
 * the other receives, through the same backlog a real NIC's packets use.
 * 6.1: drivers/net/veth.c without XDP, NAPI mode and GRO (6.1 uses those
 * only when an XDP program is attached or GRO is turned on), with one queue.
 * Students write the pairing (lab 2) and the transmit (lab 3).
 */
#include <stdio.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/ftrace.h>
#include <linux/rcupdate.h>
#include <net/rtnetlink.h>
#include <net/net_namespace.h>

#define DRV_NAME	"veth"
#define DRV_VERSION	"1.0"

struct veth_priv {
	struct net_device __rcu	*peer;		/* the other end */
	atomic64_t		dropped;	/* sent, but peer did not take */
};

static struct rtnl_link_ops veth_link_ops;

/* ---- transmit ---- */

/*
 * 6.1: veth_forward_skb() with xdp false: make the packet arrive on @dev
 * (__dev_forward_skb) and queue it on the backlog. Bottom halves are off
 * (we are under __dev_queue_xmit()), hence __netif_rx(). (__maybe_unused:
 * until lab 3 is done, nothing calls it.)
 */
static int __maybe_unused veth_forward_skb(struct net_device *dev, struct sk_buff *skb)
{
	int ret = __dev_forward_skb(dev, skb);

	return ret ? ret : __netif_rx(skb);
}

/*
 * 6.1: same minus XDP/NAPI: hand the skb to the peer. Success counts as
 * sent on this end (the peer reports it as received, see
 * veth_get_stats64()); failure counts in priv->dropped (tx_dropped).
 */
static netdev_tx_t veth_xmit(struct sk_buff *skb, struct net_device *dev)
{
	FTRACE_ENTRY();
	struct veth_priv *priv = netdev_priv(dev);
	netdev_tx_t ret = NETDEV_TX_OK;
	unsigned int length = skb->len;
	struct net_device *rcv;

	/* TODO 3.1: find the peer with rcu_dereference(); without a peer (or
	 * a frame shorter than an Ethernet header) free the skb and count a
	 * drop. Otherwise veth_forward_skb() it: on NET_RX_SUCCESS add one
	 * packet of `length` bytes to this device's tstats
	 * (dev_sw_netstats_tx_add), else count a drop. A drop is
	 * atomic64_inc(&priv->dropped) and ret = NET_XMIT_DROP.
	 */
	/* >>> SOLUTION lab3 */
	rcu_read_lock();
	rcv = rcu_dereference(priv->peer);
	if (unlikely(!rcv) || !pskb_may_pull(skb, ETH_HLEN)) {
		kfree_skb(skb);
		goto drop;
	}

	if (likely(veth_forward_skb(rcv, skb) == NET_RX_SUCCESS)) {
		dev_sw_netstats_tx_add(dev, 1, length);
	} else {
drop:
		atomic64_inc(&priv->dropped);
		ret = NET_XMIT_DROP;
	}
	rcu_read_unlock();
	return ret;
	/* <<< SOLUTION, STUB:
	rcv = NULL;
	(void)rcv;
	(void)priv;
	(void)length;
	kfree_skb(skb);
	return ret;
	*/
}

/* ---- up, down, stats ---- */

/*
 * A veth has carrier only when both ends are up, so opening the second
 * end turns the carrier on for both.
 * 6.1: same, without enabling XDP or GRO's NAPI.
 */
static int veth_open(struct net_device *dev)
{
	FTRACE_ENTRY();
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	if (!peer)
		return -ENOTCONN;
	if (peer->flags & IFF_UP) {
		netif_carrier_on(dev);
		netif_carrier_on(peer);
	}
	return 0;
}

/*
 * Either end going down takes the carrier from both.
 * 6.1: same, without disabling XDP or GRO's NAPI.
 */
static int veth_close(struct net_device *dev)
{
	FTRACE_ENTRY();
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	netif_carrier_off(dev);
	if (peer)
		netif_carrier_off(peer);
	return 0;
}

/* 6.1: same, for an unsigned MTU (ETH_MAX_MTU is unsigned: -Wsign-compare). */
static bool is_valid_veth_mtu(unsigned int mtu)
{
	return mtu >= ETH_MIN_MTU && mtu <= ETH_MAX_MTU;
}

/*
 * 6.1: same minus XDP counters: tx is this end's own count, rx is what
 * the peer sent, tx_dropped what this end could not deliver.
 */
static void veth_get_stats64(struct net_device *dev,
			     struct rtnl_link_stats64 *tot)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer;

	tot->tx_dropped = (u64)atomic64_read(&priv->dropped);
	tot->tx_bytes = dev->tstats->tx_bytes;
	tot->tx_packets = dev->tstats->tx_packets;
	tot->rx_bytes = dev->tstats->rx_bytes;
	tot->rx_packets = dev->tstats->rx_packets;

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	if (peer) {
		tot->rx_bytes += peer->tstats->tx_bytes;
		tot->rx_packets += peer->tstats->tx_packets;
	}
	rcu_read_unlock();
}

/* 6.1: same: `ip link` shows it as veth0@veth1 or veth0@if5. */
static int veth_get_iflink(const struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer;
	int iflink;

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	iflink = peer ? peer->ifindex : 0;
	rcu_read_unlock();
	return iflink;
}

/* 6.1: same. */
static struct net_device *veth_peer_dev(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);

	return rcu_dereference(priv->peer);
}

/* 6.1: same: the namespace IFLA_LINK_NETNSID refers to. */
static struct net *veth_get_link_net(const struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	return peer ? dev_net(peer) : dev_net(dev);
}

/* 6.1: veth_dev_init() allocates tstats and queues; nothing to do here. */
static int veth_dev_init(struct net_device *dev)
{
	return 0;
}

/* ---- ethtool ---- */

static const char ethtool_stats_keys[][ETH_GSTRING_LEN] = {
	"peer_ifindex",
};

static const char *const veth_rq_stats_desc[] = {
	"xdp_packets", "xdp_bytes", "drops", "xdp_redirect", "xdp_drops",
	"xdp_tx", "xdp_tx_errors",
};

static const char *const veth_tq_stats_desc[] = {
	"xdp_xmit", "xdp_xmit_errors",
};

#define VETH_RQ_STATS_LEN	ARRAY_SIZE(veth_rq_stats_desc)
#define VETH_TQ_STATS_LEN	ARRAY_SIZE(veth_tq_stats_desc)

/* 6.1: same. */
static void veth_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	snprintf(info->driver, sizeof(info->driver), "%s", DRV_NAME);
	snprintf(info->version, sizeof(info->version), "%s", DRV_VERSION);
}

/* 6.1: same: what `ethtool veth0` and /sys/class/net/veth0/speed show. */
static int veth_get_link_ksettings(struct net_device *dev,
				   struct ethtool_link_ksettings *cmd)
{
	cmd->base.speed		= SPEED_10000;
	cmd->base.duplex	= DUPLEX_FULL;
	cmd->base.port		= PORT_TP;
	cmd->base.autoneg	= AUTONEG_DISABLE;
	return 0;
}

/*
 * One ETH_GSTRING_LEN string, cut to fit, as 6.1's ethtool_sprintf()
 * (net/ethtool/ioctl.c) writes it, without moving the caller's pointer.
 */
static void veth_gstring(char *data, const char *fmt, unsigned int i,
			 const char *desc)
{
	char tmp[64] = "";

	snprintf(tmp, sizeof(tmp), fmt, i, desc);
	memcpy(data, tmp, ETH_GSTRING_LEN - 1);
	data[ETH_GSTRING_LEN - 1] = '\0';
}

/* 6.1: same names: the peer, then each RX queue's, then each TX queue's. */
static void veth_get_strings(struct net_device *dev, u32 stringset, u8 *buf)
{
	char *p = (char *)buf;
	unsigned int i;
	size_t j;

	if (stringset != ETH_SS_STATS)
		return;
	memcpy(p, ethtool_stats_keys, sizeof(ethtool_stats_keys));
	p += sizeof(ethtool_stats_keys);
	for (i = 0; i < dev->real_num_rx_queues; i++)
		for (j = 0; j < VETH_RQ_STATS_LEN; j++, p += ETH_GSTRING_LEN)
			veth_gstring(p, "rx_queue_%u_%.18s", i,
				     veth_rq_stats_desc[j]);
	for (i = 0; i < dev->real_num_tx_queues; i++)
		for (j = 0; j < VETH_TQ_STATS_LEN; j++, p += ETH_GSTRING_LEN)
			veth_gstring(p, "tx_queue_%u_%.18s", i,
				     veth_tq_stats_desc[j]);
}

/* 6.1: same. */
static int veth_get_sset_count(struct net_device *dev, int sset)
{
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return (int)(ARRAY_SIZE(ethtool_stats_keys) +
		     VETH_RQ_STATS_LEN * dev->real_num_rx_queues +
		     VETH_TQ_STATS_LEN * dev->real_num_tx_queues);
}

/* 6.1: same: `ethtool -l`. */
static void veth_get_channels(struct net_device *dev,
			      struct ethtool_channels *channels)
{
	channels->tx_count = dev->real_num_tx_queues;
	channels->rx_count = dev->real_num_rx_queues;
	channels->max_tx = dev->num_tx_queues;
	channels->max_rx = dev->num_rx_queues;
}

/* 6.1: same layout; the XDP counters are always 0 without XDP. */
static void veth_get_ethtool_stats(struct net_device *dev, void *stats,
				   u64 *data)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);
	size_t i, n = (size_t)veth_get_sset_count(dev, ETH_SS_STATS);

	for (i = 0; i < n; i++)
		data[i] = 0;
	data[0] = peer ? (u64)peer->ifindex : 0;
}

static const struct ethtool_ops veth_ethtool_ops = {
	.get_drvinfo		= veth_get_drvinfo,
	.get_strings		= veth_get_strings,
	.get_sset_count		= veth_get_sset_count,
	.get_ethtool_stats	= veth_get_ethtool_stats,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= veth_get_link_ksettings,
	.get_channels		= veth_get_channels,
};

static const struct net_device_ops veth_netdev_ops = {
	.ndo_init		= veth_dev_init,
	.ndo_open		= veth_open,
	.ndo_stop		= veth_close,
	.ndo_start_xmit		= veth_xmit,
	.ndo_get_stats64	= veth_get_stats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_get_iflink		= veth_get_iflink,
	.ndo_get_peer_dev	= veth_peer_dev,
};

/*
 * 6.1: same settings that matter here: Ethernet defaults, queueless,
 * address changes while up allowed, MTU up to 65535, freed by the core.
 */
static void veth_setup(struct net_device *dev)
{
	ether_setup(dev);

	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	dev->priv_flags |= IFF_NO_QUEUE;

	dev->netdev_ops = &veth_netdev_ops;
	dev->ethtool_ops = &veth_ethtool_ops;
	dev->features |= NETIF_F_LLTX;
	dev->needs_free_netdev = true;
	dev->max_mtu = ETH_MAX_MTU;
}

/* ---- rtnetlink: creating and deleting pairs ---- */

/* 6.1: veth_validate() for one set of attributes. */
static int veth_validate_attrs(const struct rtnl_link_attrs *tb)
{
	if (tb->has_address && !is_valid_ether_addr(tb->address))
		return -EADDRNOTAVAIL;
	if (tb->mtu && !is_valid_veth_mtu(tb->mtu))
		return -EINVAL;
	return 0;
}

/* 6.1: same: checks the device's own attributes (the peer's in newlink). */
static int veth_validate(struct rtnl_newlink_req *req,
			 struct netlink_ext_ack *extack)
{
	return veth_validate_attrs(&req->tb);
}

/*
 * 6.1: same order: the peer is created and registered first (so it gets
 * the lower ifindex), its carrier is turned off, then @dev is registered,
 * and only then do the two learn of each other. Any failure unwinds what
 * was done.
 */
static int veth_newlink(struct net *src_net, struct net_device *dev,
			struct rtnl_newlink_req *req,
			struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY();
	struct rtnl_link_attrs *tbp = &req->tb;
	unsigned char name_assign_type;
	struct net_device *peer;
	struct veth_priv *priv;
	char ifname[IFNAMSIZ];
	struct net *net;
	int err;

	/* TODO 2.1: with a peer in the request, validate its attributes and
	 * use them (tbp = &req->peer). Name the peer after tbp->ifname if a
	 * peer was given with a name, else "veth%d"; create it with
	 * rtnl_create_link() in tbp's namespace (or src_net), give it a
	 * random address unless one was given, register it, turn its
	 * carrier off and rtnl_configure_link() it. Then the same for dev
	 * (random address, name "veth%d" if none), and finally point each
	 * priv->peer at the other with rcu_assign_pointer(). Unwind on error.
	 */
	/* >>> SOLUTION lab2 */
	if (req->has_peer) {
		err = veth_validate_attrs(&req->peer);
		if (err < 0)
			return err;
		tbp = &req->peer;
	}

	if (req->has_peer && tbp->ifname[0]) {
		snprintf(ifname, IFNAMSIZ, "%s", tbp->ifname);
		name_assign_type = NET_NAME_USER;
	} else {
		snprintf(ifname, IFNAMSIZ, DRV_NAME "%%d");
		name_assign_type = NET_NAME_ENUM;
	}

	net = src_net;
	if (tbp->netns_given) {
		if (!tbp->net)
			return -EINVAL;
		net = tbp->net;
	}

	peer = rtnl_create_link(net, ifname, name_assign_type,
				&veth_link_ops, tbp, extack);
	if (IS_ERR(peer))
		return (int)PTR_ERR(peer);

	if (!req->has_peer || !tbp->has_address)
		eth_hw_addr_random(peer);

	err = register_netdevice(peer);
	if (err < 0)
		goto err_register_peer;

	netif_carrier_off(peer);

	err = rtnl_configure_link(peer);
	if (err < 0)
		goto err_configure_peer;

	/* register dev last: its name may need allocating after the peer's */
	if (!req->tb.has_address)
		eth_hw_addr_random(dev);

	if (req->tb.ifname[0])
		snprintf(dev->name, IFNAMSIZ, "%s", req->tb.ifname);
	else
		snprintf(dev->name, IFNAMSIZ, DRV_NAME "%%d");

	err = register_netdevice(dev);
	if (err < 0)
		goto err_register_dev;

	netif_carrier_off(dev);

	/* tie the devices together */
	priv = netdev_priv(dev);
	rcu_assign_pointer(priv->peer, peer);

	priv = netdev_priv(peer);
	rcu_assign_pointer(priv->peer, dev);
	return 0;

err_register_dev:
	/* nothing to do */
err_configure_peer:
	unregister_netdevice(peer);
	return err;

err_register_peer:
	free_netdev(peer);
	return err;
	/* <<< SOLUTION, STUB:
	(void)tbp;
	(void)name_assign_type;
	(void)peer;
	(void)priv;
	(void)ifname;
	(void)net;
	err = -EOPNOTSUPP;
	return err;
	*/
}

/*
 * 6.1: same: deleting either end deletes both. Each end forgets the other
 * first (veth_xmit() then drops instead of following a dying pointer) and
 * both are queued on @head for unregister_netdevice_many().
 */
static void veth_dellink(struct net_device *dev, struct list_head *head)
{
	/* 6.1's compiled veth_dellink() jumps to its second (last) call */
	FTRACE_ENTRY_TAIL_AT(2);
	struct veth_priv *priv;
	struct net_device *peer;

	/* TODO 2.2: clear this end's peer pointer and queue dev on head with
	 * unregister_netdevice_queue(); then, if there was a peer, clear its
	 * pointer and queue it too.
	 */
	/* >>> SOLUTION lab2 */
	priv = netdev_priv(dev);
	peer = rtnl_dereference(priv->peer);

	RCU_INIT_POINTER(priv->peer, NULL);
	unregister_netdevice_queue(dev, head);

	if (peer) {
		priv = netdev_priv(peer);
		RCU_INIT_POINTER(priv->peer, NULL);
		unregister_netdevice_queue(peer, head);
	}
	/* <<< SOLUTION, STUB:
	priv = NULL;
	peer = NULL;
	(void)priv;
	(void)peer;
	unregister_netdevice_queue(dev, head);
	*/
}

/*
 * 6.1: same: one queue each way per possible CPU (the simulator has one).
 * 6.1's veth_newlink() then calls veth_init_queues(), which keeps one
 * queue in use when the request gave no count; here every allocated queue
 * is in use, which differs only for a peer given counts its device was not.
 */
static unsigned int veth_get_num_queues(void)
{
	int queues = NR_CPUS;

	if (queues > 4096)
		queues = 4096;
	return (unsigned int)queues;
}

static struct rtnl_link_ops veth_link_ops = {
	.kind		= DRV_NAME,
	.priv_size	= sizeof(struct veth_priv),
	.setup		= veth_setup,
	.validate	= veth_validate,
	.newlink	= veth_newlink,
	.dellink	= veth_dellink,
	.get_link_net	= veth_get_link_net,
	.get_num_tx_queues = veth_get_num_queues,
	.get_num_rx_queues = veth_get_num_queues,
};

/* 6.1: module_init(veth_init). */
int veth_init(void)
{
	return rtnl_link_register(&veth_link_ops);
}

/* 6.1: module_exit(veth_exit). */
void veth_exit(void)
{
	rtnl_link_unregister(&veth_link_ops);
}
