// SPDX-License-Identifier: GPL-2.0
/*
 * The loopback device "lo": one per namespace, ifindex 1, and what it
 * sends it receives.
 * 6.1: drivers/net/loopback.c. Its counters are plain fields in the
 * private area instead of per-CPU lstats; no blackhole device.
 */
#include <stdio.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/ftrace.h>
#include <net/net_namespace.h>

struct pcpu_lstats {
	u64	packets;
	u64	bytes;
};

/*
 * The packet turns around: eth_type_trans() classifies it as received on
 * lo and __netif_rx() puts it on the backlog (bottom halves are already
 * off: we are inside __dev_queue_xmit()).
 * 6.1: also skb_tx_timestamp(), skb_clear_tstamp(), skb_orphan() and
 * skb_dst_force() first, none of which has an effect here (no TX stamps,
 * no socket memory accounting, no dst refcounts); per-CPU dev_lstats_add().
 */
static netdev_tx_t loopback_xmit(struct sk_buff *skb, struct net_device *dev)
{
	FTRACE_ENTRY();
	struct pcpu_lstats *lb_stats = netdev_priv(dev);
	unsigned int len;

	skb->protocol = eth_type_trans(skb, dev);
	len = skb->len;
	if (likely(__netif_rx(skb) == NET_RX_SUCCESS)) {
		lb_stats->packets++;
		lb_stats->bytes += len;
	}
	return NETDEV_TX_OK;
}

/* 6.1: same: what lo sent is what it received. */
static void loopback_get_stats64(struct net_device *dev,
				 struct rtnl_link_stats64 *stats)
{
	const struct pcpu_lstats *lb_stats = netdev_priv(dev);

	stats->rx_packets = lb_stats->packets;
	stats->tx_packets = lb_stats->packets;
	stats->rx_bytes = lb_stats->bytes;
	stats->tx_bytes = lb_stats->bytes;
}

/* 6.1: same: the link is always there (`ethtool lo`: Link detected: yes). */
static u32 always_on(struct net_device *dev)
{
	return 1;
}

/* 6.1: also .get_ts_info; no get_drvinfo, so `ethtool -i lo` fails. */
static const struct ethtool_ops loopback_ethtool_ops = {
	.get_link	= always_on,
};

static const struct net_device_ops loopback_ops = {
	.ndo_start_xmit		= loopback_xmit,
	.ndo_get_stats64	= loopback_get_stats64,
	.ndo_set_mac_address	= eth_mac_addr,
};

/*
 * 6.1: gen_lo_setup(): mtu 64 KiB, no min/max (0: any), LOOPBACK flag,
 * tx_queue_len 0 so alloc_netdev makes it IFF_NO_QUEUE with "qlen 1000",
 * address 00:00:00:00:00:00, and it may not leave its namespace.
 */
static void loopback_setup(struct net_device *dev)
{
	dev->mtu = 64 * 1024;
	dev->hard_header_len = ETH_HLEN;
	dev->min_header_len = ETH_HLEN;
	dev->addr_len = ETH_ALEN;
	dev->type = ARPHRD_LOOPBACK;
	dev->flags = IFF_LOOPBACK;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->features = NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
	dev->ethtool_ops = &loopback_ethtool_ops;
	dev->header_ops = &eth_header_ops;
	dev->netdev_ops = &loopback_ops;
	dev->needs_free_netdev = true;
}

/*
 * 6.1: same: every namespace gets its lo, always ifindex 1 (setup_net()
 * runs it through ops_init()).
 */
static int loopback_net_init(struct net *net)
{
	FTRACE_ENTRY_FROM("ops_init");
	struct net_device *dev;
	int err;

	dev = alloc_netdev(sizeof(struct pcpu_lstats), "lo", NET_NAME_PREDICTABLE,
			   loopback_setup);
	if (!dev)
		return -ENOMEM;
	dev_net_set(dev, net);
	err = register_netdev(dev);
	if (err) {
		free_netdev(dev);
		return err;
	}
	net->loopback_dev = dev;
	return 0;
}

/* 6.1: lo has no exit: default_device_exit_batch() unregisters it last. */
struct pernet_operations loopback_net_ops = {
	.init = loopback_net_init,
};
