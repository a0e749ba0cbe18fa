/* SPDX-License-Identifier: GPL-2.0 */
/* ICMP for IPv4. 6.1: include/net/icmp.h. */
#ifndef _SIM_NET_ICMP_H
#define _SIM_NET_ICMP_H

#include <linux/types.h>
#include <linux/skbuff.h>
#include <linux/icmp.h>

struct net;

/* net/ipv4/icmp.c */
int icmp_rcv(struct sk_buff *skb);
/*
 * Send an ICMP error about @skb_in (whose network header is set) to its
 * sender; 6.1's rules apply: never about an ICMP error, a fragment past the
 * first, or a broadcast/multicast packet. @info: gateway or MTU.
 */
void __icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info);
static inline void icmp_send(struct sk_buff *skb_in, int type, int code,
			     __be32 info)
{
	__icmp_send(skb_in, type, code, info);
}
void icmp_out_count(struct net *net, unsigned char type);
int icmp_init(void);

#endif
