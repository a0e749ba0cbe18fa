// SPDX-License-Identifier: GPL-2.0-only
/*
 * vethlab.c - a teaching copy of the Linux virtual Ethernet pair.
 *
 * This is a reading of drivers/net/veth.c from Linux 6.1 with XDP, NAPI,
 * GRO and multi-queue support left out: a frame sent on one end is handed
 * to the receive path of the other end and nothing else happens to it.
 * Every function that plays a veth.c function keeps its name and has a
 * "6.1:" line saying how it differs from the original.
 *
 * The link kind is the module parameter "kind" ("veth" by default), so
 * "ip link add veth0 type veth peer name veth1" creates a vethlab pair
 * when the stock veth.ko is not loaded. Load with kind=vethlab to use
 * both drivers side by side.
 */

#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/u64_stats_sync.h>
#include <linux/veth.h>
#include <net/rtnetlink.h>

#define DRV_NAME	"vethlab"
#define DRV_VERSION	"1.0"

static char *kind = "veth";
module_param(kind, charp, 0444);
MODULE_PARM_DESC(kind, "rtnetlink link kind to register (default \"veth\")");

/* One end of the pair. The peer pointer is written under RTNL and read
 * under RCU in the transmit path, so both ends always see either a live
 * peer or NULL.
 */
struct veth_priv {
	struct net_device __rcu	*peer;
	atomic64_t		dropped;
};

/*
 * ethtool interface
 */

static const char ethtool_stats_keys[][ETH_GSTRING_LEN] = {
	"peer_ifindex",
};

/* 6.1: same. */
static int veth_get_link_ksettings(struct net_device *dev,
				   struct ethtool_link_ksettings *cmd)
{
	cmd->base.speed		= SPEED_10000;
	cmd->base.duplex	= DUPLEX_FULL;
	cmd->base.port		= PORT_TP;
	cmd->base.autoneg	= AUTONEG_DISABLE;
	return 0;
}

/* 6.1: reports driver "vethlab" instead of "veth". */
static void veth_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, DRV_NAME, sizeof(info->driver));
	strscpy(info->version, DRV_VERSION, sizeof(info->version));
}

/* 6.1: only the peer_ifindex string; there are no per-queue XDP stats. */
static void veth_get_strings(struct net_device *dev, u32 stringset, u8 *buf)
{
	if (stringset == ETH_SS_STATS)
		memcpy(buf, ethtool_stats_keys, sizeof(ethtool_stats_keys));
}

/* 6.1: only peer_ifindex. */
static int veth_get_sset_count(struct net_device *dev, int sset)
{
	if (sset == ETH_SS_STATS)
		return ARRAY_SIZE(ethtool_stats_keys);
	return -EOPNOTSUPP;
}

/* 6.1: only peer_ifindex. */
static void veth_get_ethtool_stats(struct net_device *dev,
				   struct ethtool_stats *stats, u64 *data)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	data[0] = peer ? peer->ifindex : 0;
}

/* 6.1: no channels, no timestamping info. */
static const struct ethtool_ops veth_ethtool_ops = {
	.get_drvinfo		= veth_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_strings		= veth_get_strings,
	.get_sset_count		= veth_get_sset_count,
	.get_ethtool_stats	= veth_get_ethtool_stats,
	.get_link_ksettings	= veth_get_link_ksettings,
};

/*
 * the data path
 */

/* 6.1: same as veth_xmit() when no XDP program is attached and GRO is off:
 * the frame always goes to the peer's backlog through __netif_rx().
 */
static netdev_tx_t veth_xmit(struct sk_buff *skb, struct net_device *dev)
{
	/* TODO 6.3: under rcu_read_lock(), find the peer with rcu_dereference().
	 * Without a peer, or if the frame is shorter than an Ethernet header,
	 * free it and count a drop in priv->dropped. Otherwise hand it to
	 * the peer with __dev_forward_skb() and __netif_rx(); on success
	 * add one packet of skb->len bytes to dev's tx counters with
	 * dev_sw_netstats_tx_add(), on failure count a drop.
	 */
	/* >>> SOLUTION lab6 */
	struct veth_priv *priv = netdev_priv(dev);
	netdev_tx_t ret = NETDEV_TX_OK;
	unsigned int length = skb->len;
	struct net_device *rcv;

	rcu_read_lock();
	rcv = rcu_dereference(priv->peer);
	if (unlikely(!rcv) || !pskb_may_pull(skb, ETH_HLEN)) {
		kfree_skb(skb);
		goto drop;
	}

	skb_tx_timestamp(skb);
	/* __dev_forward_skb() scrubs the skb and sets skb->dev = rcv and
	 * skb->protocol; it frees the skb itself when it fails.
	 */
	if (likely((__dev_forward_skb(rcv, skb) ?: __netif_rx(skb)) ==
		   NET_RX_SUCCESS)) {
		dev_sw_netstats_tx_add(dev, 1, length);
	} else {
drop:
		atomic64_inc(&priv->dropped);
		ret = NET_XMIT_DROP;
	}
	rcu_read_unlock();
	return ret;
	/* <<< SOLUTION, STUB:
	kfree_skb(skb);
	return NETDEV_TX_OK;
	*/
}

/* 6.1: no XDP counters; rx is read from the peer's tx counters. */
static void veth_get_stats64(struct net_device *dev,
			     struct rtnl_link_stats64 *tot)
{
	/* TODO 6.4: report dev's own tx counters (dev_fetch_sw_netstats()) and
	 * tx_dropped from priv->dropped. A veth end never counts what it
	 * receives: take rx_packets and rx_bytes from the peer's tx counters,
	 * reading the peer pointer under RCU.
	 */
	/* >>> SOLUTION lab6 */
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer;

	tot->tx_dropped = atomic64_read(&priv->dropped);
	dev_fetch_sw_netstats(tot, dev->tstats);

	rcu_read_lock();
	peer = rcu_dereference(priv->peer);
	if (peer) {
		struct rtnl_link_stats64 tot_peer = {};

		dev_fetch_sw_netstats(&tot_peer, peer->tstats);
		tot->rx_bytes = tot_peer.tx_bytes;
		tot->rx_packets = tot_peer.tx_packets;
	}
	rcu_read_unlock();
	/* <<< SOLUTION, STUB:
	dev_fetch_sw_netstats(tot, dev->tstats);
	*/
}

/* 6.1: same (fake multicast ability). */
static void veth_set_multicast_list(struct net_device *dev)
{
}

/* 6.1: same, without enabling XDP or NAPI. */
static int veth_open(struct net_device *dev)
{
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

/* 6.1: same, without disabling XDP or NAPI. */
static int veth_close(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	netif_carrier_off(dev);
	if (peer)
		netif_carrier_off(peer);
	return 0;
}

/* 6.1: same. */
static bool is_valid_veth_mtu(int mtu)
{
	return mtu >= ETH_MIN_MTU && mtu <= ETH_MAX_MTU;
}

/* 6.1: same; this is what makes "ip link" print "veth0@veth1". */
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

	/* Callers must be under RCU read side. */
	return rcu_dereference(priv->peer);
}

/* 6.1: no ndo_init (no queues to allocate), no XDP, no feature hooks. */
static const struct net_device_ops veth_netdev_ops = {
	.ndo_open		= veth_open,
	.ndo_stop		= veth_close,
	.ndo_start_xmit		= veth_xmit,
	.ndo_get_stats64	= veth_get_stats64,
	.ndo_set_rx_mode	= veth_set_multicast_list,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_get_iflink		= veth_get_iflink,
	.ndo_features_check	= passthru_features_check,
	.ndo_get_peer_dev	= veth_peer_dev,
};

#define VETH_FEATURES (NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HW_CSUM | \
		       NETIF_F_RXCSUM | NETIF_F_SCTP_CRC | NETIF_F_HIGHDMA | \
		       NETIF_F_GSO_SOFTWARE | NETIF_F_GSO_ENCAP_ALL | \
		       NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_CTAG_RX | \
		       NETIF_F_HW_VLAN_STAG_TX | NETIF_F_HW_VLAN_STAG_RX)

/* 6.1: same, without the XDP headroom flag and the queue destructor. */
static void veth_setup(struct net_device *dev)
{
	ether_setup(dev);

	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	dev->priv_flags |= IFF_NO_QUEUE;

	dev->netdev_ops = &veth_netdev_ops;
	dev->ethtool_ops = &veth_ethtool_ops;
	dev->features |= NETIF_F_LLTX;
	dev->features |= VETH_FEATURES;
	dev->vlan_features = dev->features &
			     ~(NETIF_F_HW_VLAN_CTAG_TX |
			       NETIF_F_HW_VLAN_STAG_TX |
			       NETIF_F_HW_VLAN_CTAG_RX |
			       NETIF_F_HW_VLAN_STAG_RX);
	dev->needs_free_netdev = true;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->max_mtu = ETH_MAX_MTU;

	dev->hw_features = VETH_FEATURES;
	dev->hw_enc_features = VETH_FEATURES;
	dev->mpls_features = NETIF_F_HW_CSUM | NETIF_F_GSO_SOFTWARE;
	netif_set_tso_max_size(dev, GSO_MAX_SIZE);
}

/*
 * netlink interface
 */

/* 6.1: same. */
static int veth_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN)
			return -EINVAL;
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS])))
			return -EADDRNOTAVAIL;
	}
	if (tb[IFLA_MTU]) {
		if (!is_valid_veth_mtu(nla_get_u32(tb[IFLA_MTU])))
			return -EINVAL;
	}
	return 0;
}

static struct rtnl_link_ops veth_link_ops;

/* 6.1: same. GRO stays off so that "ethtool -k" matches the stock veth. */
static void veth_disable_gro(struct net_device *dev)
{
	dev->features &= ~NETIF_F_GRO;
	dev->wanted_features &= ~NETIF_F_GRO;
	netdev_update_features(dev);
}

/* 6.1: same, without the queue set-up. */
static int veth_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct nlattr *peer_tb[IFLA_MAX + 1], **tbp;
	unsigned char name_assign_type;
	struct ifinfomsg *ifmp;
	struct net_device *peer;
	struct veth_priv *priv;
	char ifname[IFNAMSIZ];
	struct net *net;
	int err;

	/* The peer's attributes come nested in IFLA_INFO_DATA as
	 * VETH_INFO_PEER: an ifinfomsg followed by IFLA_* attributes.
	 */
	if (data && data[VETH_INFO_PEER]) {
		struct nlattr *nla_peer = data[VETH_INFO_PEER];

		ifmp = nla_data(nla_peer);
		err = rtnl_nla_parse_ifinfomsg(peer_tb, nla_peer, extack);
		if (err < 0)
			return err;

		err = veth_validate(peer_tb, NULL, extack);
		if (err < 0)
			return err;

		tbp = peer_tb;
	} else {
		ifmp = NULL;
		tbp = tb;
	}

	if (ifmp && tbp[IFLA_IFNAME]) {
		nla_strscpy(ifname, tbp[IFLA_IFNAME], IFNAMSIZ);
		name_assign_type = NET_NAME_USER;
	} else {
		snprintf(ifname, IFNAMSIZ, "veth%%d");
		name_assign_type = NET_NAME_ENUM;
	}

	/* "peer netns NAME" arrives as IFLA_NET_NS_FD (or _PID) */
	net = rtnl_link_get_net(src_net, tbp);
	if (IS_ERR(net))
		return PTR_ERR(net);

	/* create and register the peer first */
	peer = rtnl_create_link(net, ifname, name_assign_type,
				&veth_link_ops, tbp, extack);
	if (IS_ERR(peer)) {
		put_net(net);
		return PTR_ERR(peer);
	}

	if (!ifmp || !tbp[IFLA_ADDRESS])
		eth_hw_addr_random(peer);

	if (ifmp && dev->ifindex != 0)
		peer->ifindex = ifmp->ifi_index;

	netif_inherit_tso_max(peer, dev);

	err = register_netdevice(peer);
	put_net(net);
	net = NULL;
	if (err < 0)
		goto err_register_peer;

	veth_disable_gro(peer);
	netif_carrier_off(peer);

	err = rtnl_configure_link(peer, ifmp, 0, NULL);
	if (err < 0)
		goto err_configure_peer;

	/* then register dev; rtnl_newlink() filled in its name */
	if (!tb[IFLA_ADDRESS])
		eth_hw_addr_random(dev);

	if (tb[IFLA_IFNAME])
		nla_strscpy(dev->name, tb[IFLA_IFNAME], IFNAMSIZ);
	else
		snprintf(dev->name, IFNAMSIZ, "veth%%d");

	err = register_netdevice(dev);
	if (err < 0)
		goto err_register_dev;

	netif_carrier_off(dev);

	/* TODO 6.1: tie the two devices together: each end's priv->peer must
	 * point at the other end. Readers use rcu_dereference(), so publish
	 * the pointers with rcu_assign_pointer().
	 */
	/* >>> SOLUTION lab6 */
	priv = netdev_priv(dev);
	rcu_assign_pointer(priv->peer, peer);

	priv = netdev_priv(peer);
	rcu_assign_pointer(priv->peer, dev);
	/* <<< SOLUTION, STUB:
	priv = netdev_priv(dev);
	RCU_INIT_POINTER(priv->peer, NULL);
	*/

	veth_disable_gro(dev);
	return 0;

err_register_dev:
	/* nothing to do */
err_configure_peer:
	unregister_netdevice(peer);
	return err;

err_register_peer:
	free_netdev(peer);
	return err;
}

/* 6.1: same. */
static void veth_dellink(struct net_device *dev, struct list_head *head)
{
	/* TODO 6.2: deleting one end deletes both. Clear both peer pointers
	 * with RCU_INIT_POINTER() and queue both devices with
	 * unregister_netdevice_queue(). A device is freed only after an RCU
	 * grace period, so a veth_xmit() still running on the other end
	 * stays safe.
	 */
	/* >>> SOLUTION lab6 */
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	RCU_INIT_POINTER(priv->peer, NULL);
	unregister_netdevice_queue(dev, head);

	if (peer) {
		priv = netdev_priv(peer);
		RCU_INIT_POINTER(priv->peer, NULL);
		unregister_netdevice_queue(peer, head);
	}
	/* <<< SOLUTION, STUB:
	unregister_netdevice_queue(dev, head);
	*/
}

static const struct nla_policy veth_policy[VETH_INFO_MAX + 1] = {
	[VETH_INFO_PEER]	= { .len = sizeof(struct ifinfomsg) },
};

/* 6.1: same. */
static struct net *veth_get_link_net(const struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = rtnl_dereference(priv->peer);

	return peer ? dev_net(peer) : dev_net(dev);
}

/* 6.1: .kind comes from the module parameter; single queue. */
static struct rtnl_link_ops veth_link_ops = {
	.priv_size	= sizeof(struct veth_priv),
	.setup		= veth_setup,
	.validate	= veth_validate,
	.newlink	= veth_newlink,
	.dellink	= veth_dellink,
	.policy		= veth_policy,
	.maxtype	= VETH_INFO_MAX,
	.get_link_net	= veth_get_link_net,
};

/*
 * init/fini
 */

/* 6.1: explains the clash with the stock driver. */
static __init int veth_init(void)
{
	int err;

	if (!kind || !*kind || strlen(kind) >= IFNAMSIZ) {
		pr_err("vethlab: kind=\"%s\" is not a usable link kind; load with kind=vethlab\n",
		       kind ? kind : "");
		return -EINVAL;
	}
	veth_link_ops.kind = kind;

	err = rtnl_link_register(&veth_link_ops);
	if (err == -EEXIST)
		pr_err("vethlab: link kind \"%s\" is already registered (stock veth.ko loaded?): run 'rmmod veth' or load with kind=vethlab\n",
		       kind);
	return err;
}

/* 6.1: same. Deletes every pair that is still there. */
static __exit void veth_exit(void)
{
	rtnl_link_unregister(&veth_link_ops);
}

module_init(veth_init);
module_exit(veth_exit);

MODULE_DESCRIPTION("vethlab: a teaching copy of the virtual Ethernet pair");
MODULE_LICENSE("GPL");
MODULE_ALIAS_RTNL_LINK(DRV_NAME);
