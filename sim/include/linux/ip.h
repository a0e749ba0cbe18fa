/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv4 header. 6.1: include/uapi/linux/ip.h and include/linux/ip.h.
 * Little-endian bitfield order only (the simulator runs on x86-64).
 */
#ifndef _SIM_LINUX_IP_H
#define _SIM_LINUX_IP_H

#include <linux/types.h>
#include <linux/skbuff.h>

#define IPVERSION	4
#define MAXTTL		255
#define IPDEFTTL	64

/* iphdr->frag_off bits (host order before htons) */
#define IP_CE		0x8000
#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFSET	0x1FFF

struct iphdr {
	u8	ihl:4,
		version:4;
	u8	tos;
	__be16	tot_len;
	__be16	id;
	__be16	frag_off;
	u8	ttl;
	u8	protocol;
	__sum16	check;
	__be32	saddr;
	__be32	daddr;
} __attribute__((packed));

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)skb_network_header(skb);
}

#endif
