// SPDX-License-Identifier: GPL-2.0
/*
 * Ethernet: the 14-byte header, its addresses and the device defaults.
 * 6.1: net/ethernet/eth.c (and eth_random_addr() from etherdevice.h).
 */
#include <string.h>
#include <linux/etherdevice.h>
#include <linux/ftrace.h>
#include <linux/random.h>

/*
 * 6.1: same: build the header in front of the data; a missing daddr means
 * "not resolved yet" (returns -ETH_HLEN), as ARP is still to run.
 */
int eth_header(struct sk_buff *skb, struct net_device *dev,
	       unsigned short type, const void *daddr, const void *saddr,
	       unsigned int len)
{
	struct ethhdr *eth = skb_push(skb, ETH_HLEN);

	if (type != ETH_P_802_3 && type != ETH_P_802_2)
		eth->h_proto = htons(type);
	else
		eth->h_proto = htons(len);
	if (!saddr)
		saddr = dev->dev_addr;
	memcpy(eth->h_source, saddr, ETH_ALEN);
	if (daddr) {
		memcpy(eth->h_dest, daddr, ETH_ALEN);
		return ETH_HLEN;
	}
	/* Anyway, the loopback device should never use this function... */
	if (dev->flags & (IFF_LOOPBACK | IFF_NOARP)) {
		memset(eth->h_dest, 0, ETH_ALEN);
		return ETH_HLEN;
	}
	return -ETH_HLEN;
}

/* 6.1: same: copy the source address out of the mac header. */
static int eth_header_parse(const struct sk_buff *skb, unsigned char *haddr)
{
	const struct ethhdr *eth = eth_hdr(skb);

	memcpy(haddr, eth->h_source, ETH_ALEN);
	return ETH_ALEN;
}

const struct header_ops eth_header_ops = {
	.create	= eth_header,
	.parse	= eth_header_parse,
};

/*
 * 6.1: same: set skb->dev and pkt_type from the destination address, pull
 * the header and return the protocol for skb->protocol. A frame shorter
 * than a header (the kernel's callers rule that out) is pulled to nothing
 * and returns 0, so no byte past the data is read.
 */
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	FTRACE_ENTRY();
	const struct ethhdr *eth;

	skb->dev = dev;
	skb_reset_mac_header(skb);
	if (unlikely(skb->len < ETH_HLEN)) {
		skb_pull(skb, skb->len);
		skb->pkt_type = PACKET_OTHERHOST;
		return 0;
	}
	eth = (const struct ethhdr *)skb->data;
	skb_pull(skb, ETH_HLEN);

	if (unlikely(!ether_addr_equal(eth->h_dest, dev->dev_addr))) {
		if (unlikely(is_multicast_ether_addr(eth->h_dest))) {
			if (ether_addr_equal(eth->h_dest, dev->broadcast))
				skb->pkt_type = PACKET_BROADCAST;
			else
				skb->pkt_type = PACKET_MULTICAST;
		} else {
			skb->pkt_type = PACKET_OTHERHOST;
		}
	}

	if (likely(ntohs(eth->h_proto) >= ETH_P_802_3_MIN))
		return eth->h_proto;
	/* 802.3 frames: a raw IPX frame starts with 0xFFFF, else 802.2 LLC. */
	if (skb->len >= 2 && skb->data[0] == 0xff && skb->data[1] == 0xff)
		return htons(ETH_P_802_3);
	return htons(ETH_P_802_2);
}

/* 6.1: same defaults: mtu 1500 (68..1500), broadcast ff:..., qlen 1000. */
void ether_setup(struct net_device *dev)
{
	dev->header_ops = &eth_header_ops;
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->min_header_len = ETH_HLEN;
	dev->mtu = ETH_DATA_LEN;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_DATA_LEN;
	dev->addr_len = ETH_ALEN;
	dev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
	eth_broadcast_addr(dev->broadcast);
}

/*
 * 6.1: eth_mac_addr() gets a struct sockaddr; here @p points at the
 * ETH_ALEN address bytes. A running device may change only with
 * IFF_LIVE_ADDR_CHANGE (veth and lo have it).
 */
int eth_mac_addr(struct net_device *dev, void *p)
{
	const u8 *addr = p;

	if (!(dev->priv_flags & IFF_LIVE_ADDR_CHANGE) && netif_running(dev))
		return -EBUSY;
	if (!is_valid_ether_addr(addr))
		return -EADDRNOTAVAIL;
	eth_hw_addr_set(dev, addr);
	return 0;
}

/* 6.1: same. */
int eth_validate_addr(struct net_device *dev)
{
	if (!is_valid_ether_addr(dev->dev_addr))
		return -EADDRNOTAVAIL;
	return 0;
}

/*
 * 6.1: include/linux/etherdevice.h: same rule (random bytes, multicast bit
 * cleared, locally administered bit set); the bytes come from the
 * simulator's generator.
 */
void eth_random_addr(u8 *addr)
{
	get_random_bytes(addr, ETH_ALEN);
	addr[0] &= 0xfe;	/* clear multicast bit */
	addr[0] |= 0x02;	/* set local assignment bit (IEEE802) */
}

/*
 * 6.1: include/linux/etherdevice.h: same: a random address, and
 * `addr_assign_type` says so.
 */
void eth_hw_addr_random(struct net_device *dev)
{
	u8 addr[ETH_ALEN];

	dev->addr_assign_type = NET_ADDR_RANDOM;
	eth_random_addr(addr);
	eth_hw_addr_set(dev, addr);
}
