/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv4: receive, local delivery, output, and the checksum helpers.
 * 6.1: include/net/ip.h, include/net/checksum.h, include/uapi/linux/in.h.
 * Packets over the MTU are fragmented unless DF is set (then ICMP "frag
 * needed"), and reassembled for local delivery. No IP options (IHL > 5
 * is accepted and skipped), no netfilter hooks (the NF_HOOK() calls of
 * 6.1 are direct calls here). A packet not for us is
 * forwarded when net.ipv4.ip_forward is 1 (0 in a new namespace).
 *
 * The API for the tools (ping, ip) is in net/sock.h (raw sockets),
 * net/route.h (routing), linux/inetdevice.h (addresses), net/ip_fib.h
 * (routes), net/neighbour.h (neighbours) and linux/sysctl.h (sysctls).
 */
#ifndef _SIM_NET_IP_H
#define _SIM_NET_IP_H

#include <linux/types.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <linux/ip.h>
#include <net/route.h>

struct sock;
struct net;

/* include/uapi/linux/in.h */
#define IPPROTO_IP	0
#define IPPROTO_ICMP	1
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17
#define IPPROTO_RAW	255

#define INADDR_ANY		((u32)0x00000000)
#define INADDR_BROADCAST	((u32)0xffffffff)
#define INADDR_LOOPBACK		((u32)0x7f000001)

/* What the IPv4 layer keeps in skb->cb (6.1: same name, more fields). */
struct inet_skb_parm {
	int	iif;
	u16	flags;
};
#define IPCB(skb) ((struct inet_skb_parm *)((skb)->cb))
#define IPSKB_FORWARDED		1
#define IPSKB_XFRM_TRANSFORMED	4
#define IPSKB_DOREDIRECT	32

/* checksums, include/net/checksum.h and arch/x86/include/asm/checksum.h */
__wsum csum_partial(const void *buff, int len, __wsum sum);
__sum16 csum_fold(__wsum sum);
/* The Internet checksum of @len bytes (the ICMP checksum). */
__sum16 ip_compute_csum(const void *buff, int len);
/* The IPv4 header checksum; 0 when @iph (ihl words) is intact. */
__sum16 ip_fast_csum(const void *iph, unsigned int ihl);
static inline void ip_send_check(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
}

/* net/ipv4/ip_input.c */
int ip_rcv(struct sk_buff *skb, struct net_device *dev,
	   struct packet_type *pt, struct net_device *orig_dev);
int ip_local_deliver(struct sk_buff *skb);
int ip_rcv_finish(struct net *net, struct sock *sk, struct sk_buff *skb);
/* 6.1: the handler of an unrouted local destination / bad route */
int ip_error(struct sk_buff *skb);

/* 6.1: same: one hop less, the checksum patched rather than recomputed. */
static inline int ip_decrease_ttl(struct iphdr *iph)
{
	u32 check = (u32)iph->check;

	check += (u32)htons(0x0100);
	iph->check = (__sum16)(check + (check >= 0xFFFF));
	return --iph->ttl;
}

/* 6.1: same: a fragment (MF set, or an offset)? */
static inline bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

/* net/ipv4/ip_fragment.c: 0 when @skb became the whole datagram */
#define IP_DEFRAG_LOCAL_DELIVER	0
int ip_defrag(struct net *net, struct sk_buff *skb, u32 user);
/* net/ipv4/ip_output.c: split @skb to fit the route's MTU, @output each */
int ip_do_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		   int (*output)(struct net *, struct sock *,
				 struct sk_buff *));

/* net/ipv4/ip_forward.c: dst->input of a route that forwards */
int ip_forward(struct sk_buff *skb);

/* net/ipv4/ip_output.c */
int ip_output(struct net *net, struct sock *sk, struct sk_buff *skb);
int ip_mc_output(struct net *net, struct sock *sk, struct sk_buff *skb);
int ip_finish_output2(struct net *net, struct sock *sk, struct sk_buff *skb);
int ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb);
int __ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb);
/*
 * Build one IPv4 datagram around @len bytes of @data (an ICMP message)
 * with protocol @proto, TTL @ttl (0: net.ipv4.ip_default_ttl), DF set,
 * a fresh id, and the header checksum; route @rt attached. 6.1: what
 * ip_append_data() + __ip_make_skb() do for one small datagram.
 */
struct sk_buff *ip_make_skb(struct sock *sk, struct flowi4 *fl4,
			    const void *data, size_t len, u8 proto, u8 ttl,
			    u8 tos, struct rtable *rt);
/* Send what ip_make_skb() built; 0 or -errno. */
int ip_send_skb(struct net *net, struct sk_buff *skb);
/* The same, as sockets do it (traced as 6.1's ip_push_pending_frames) */
int ip_push_pending_frames(struct net *net, struct sk_buff *skb);
/* Route and send an ICMP message from @saddr (0: the route's) to @daddr
 * about/in answer to @in; used by icmp_reply and __icmp_send. */
int ip_push_reply(struct sk_buff *in, __be32 daddr, __be32 saddr, u8 tos,
		  const void *data, size_t len);
void ip_init(void);
/* net.ipv4.ip_default_ttl, for sockets that set none */
int ip4_dst_hoplimit(const struct dst_entry *dst);

/* net/ipv4/af_inet.c: boot-time registration (called from start_kernel) */
int inet_init(void);

/* net/ipv4/raw.c: hand a locally delivered packet to matching raw sockets;
 * returns true if at least one socket took a copy. */
bool raw_local_deliver(struct sk_buff *skb, int protocol);
void raw_icmp_error(struct sk_buff *skb, int protocol, u32 info);

#endif
