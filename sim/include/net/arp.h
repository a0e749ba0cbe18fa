/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ARP: IPv4 over Ethernet address resolution.
 * 6.1: include/net/arp.h, include/uapi/linux/if_arp.h.
 */
#ifndef _SIM_NET_ARP_H
#define _SIM_NET_ARP_H

#include <linux/types.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <net/neighbour.h>

#define ARPOP_REQUEST	1
#define ARPOP_REPLY	2

/* ARP header as it is on the wire for Ethernet/IPv4 (6.1: struct arphdr
 * plus the four addresses that follow it) */
struct arphdr {
	__be16		ar_hrd;		/* ARPHRD_ETHER */
	__be16		ar_pro;		/* ETH_P_IP */
	unsigned char	ar_hln;		/* 6 */
	unsigned char	ar_pln;		/* 4 */
	__be16		ar_op;		/* ARPOP_* */
} __attribute__((packed));

static inline struct arphdr *arp_hdr(const struct sk_buff *skb)
{
	return (struct arphdr *)skb_network_header(skb);
}

static inline unsigned int arp_hdr_len(const struct net_device *dev)
{
	/* ARP header, plus 2 device addresses, plus 2 IP addresses. */
	return sizeof(struct arphdr) + (dev->addr_len + sizeof(u32)) * 2;
}

extern struct neigh_table arp_tbl;

/* net/ipv4/arp.c */
void arp_init(void);
int arp_rcv(struct sk_buff *skb, struct net_device *dev,
	    struct packet_type *pt, struct net_device *orig_dev);
void arp_send(int type, int ptype, __be32 dest_ip, struct net_device *dev,
	      __be32 src_ip, const unsigned char *dest_hw,
	      const unsigned char *src_hw, const unsigned char *th);
struct sk_buff *arp_create(int type, int ptype, __be32 dest_ip,
			   struct net_device *dev, __be32 src_ip,
			   const unsigned char *dest_hw,
			   const unsigned char *src_hw,
			   const unsigned char *target_hw);
void arp_xmit(struct sk_buff *skb);
int arp_mc_map(__be32 addr, u8 *haddr, struct net_device *dev, int dir);
void arp_ifdown(struct net_device *dev);
int arp_invalidate(struct net_device *dev, __be32 ip, bool force);
/* The text of /proc/net/arp for @net into @buf (NUL-terminated when
 * @size allows); returns its length, as snprintf() does. */
size_t arp_seq_show(struct net *net, char *buf, size_t size);

/* 6.1: __ipv4_neigh_lookup_noref and friends, include/net/arp.h */
static inline struct neighbour *__ipv4_neigh_lookup_noref(
	struct net_device *dev, u32 key)
{
	if (dev->flags & (IFF_LOOPBACK | IFF_POINTOPOINT))
		key = 0;
	return neigh_lookup(&arp_tbl, &key, dev);
}

#endif
