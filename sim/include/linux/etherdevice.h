/* SPDX-License-Identifier: GPL-2.0 */
/* Ethernet device helpers. 6.1: include/linux/etherdevice.h, net/ethernet/eth.c. */
#ifndef _SIM_LINUX_ETHERDEVICE_H
#define _SIM_LINUX_ETHERDEVICE_H

#include <string.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>

/* net/ethernet/eth.c */
extern const struct header_ops eth_header_ops;
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev);
void ether_setup(struct net_device *dev);
int eth_mac_addr(struct net_device *dev, void *p);
int eth_validate_addr(struct net_device *dev);
int eth_header(struct sk_buff *skb, struct net_device *dev,
	       unsigned short type, const void *daddr, const void *saddr,
	       unsigned int len);
/*
 * 6.1: get_random_bytes(); the simulator draws from its own generator so
 * that deterministic mode gives the same MACs every run.
 */
void eth_random_addr(u8 *addr);
void eth_hw_addr_random(struct net_device *dev);

static inline bool is_zero_ether_addr(const u8 *addr)
{
	static const u8 zero[ETH_ALEN];

	return memcmp(addr, zero, ETH_ALEN) == 0;
}

static inline bool is_multicast_ether_addr(const u8 *addr)
{
	return addr[0] & 0x01;
}

static inline bool is_broadcast_ether_addr(const u8 *addr)
{
	return (addr[0] & addr[1] & addr[2] & addr[3] & addr[4] & addr[5]) == 0xff;
}

static inline bool is_valid_ether_addr(const u8 *addr)
{
	return !is_multicast_ether_addr(addr) && !is_zero_ether_addr(addr);
}

static inline void ether_addr_copy(u8 *dst, const u8 *src)
{
	memcpy(dst, src, ETH_ALEN);
}

static inline bool ether_addr_equal(const u8 *a, const u8 *b)
{
	return memcmp(a, b, ETH_ALEN) == 0;
}

static inline void eth_hw_addr_set(struct net_device *dev, const u8 *addr)
{
	memcpy(dev->dev_addr, addr, ETH_ALEN);
}

static inline void eth_broadcast_addr(u8 *addr)
{
	memset(addr, 0xff, ETH_ALEN);
}

#endif
