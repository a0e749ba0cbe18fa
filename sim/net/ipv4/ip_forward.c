// SPDX-License-Identifier: GPL-2.0
/*
 * Forwarding IPv4: a packet that came in for someone else, routed by
 * ip_route_input_slow() to ip_forward() because the device it arrived on
 * has net.ipv4.conf.DEV.forwarding set (net.ipv4.ip_forward sets it on
 * all of them). The hop limit goes down by one, and the packet leaves
 * through the route's dst_output() like any other.
 * 6.1: net/ipv4/ip_forward.c, without IP options (strict source routes,
 * router alert), IPsec policy checks, LRO, redirects and the
 * NF_INET_FORWARD hook (a direct call here).
 */
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <net/ip.h>
#include <net/icmp.h>
#include <net/route.h>

/*
 * Too big for the way out, and the sender said "don't fragment"?
 * 6.1: same, for a linear skb (no GSO, no reassembled frag_max_size).
 */
static bool ip_exceeds_mtu(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb->len <= mtu)
		return false;
	if (!(ip_hdr(skb)->frag_off & htons(IP_DF)))
		return false;
	return true;
}

/* 6.1: same: count, forget the arrival time, send. */
static int ip_forward_finish(struct net *net, struct sock *sk,
			     struct sk_buff *skb)
{
	FTRACE_ENTRY();
	__IP_INC_STATS(net, IPSTATS_MIB_OUTFORWDATAGRAMS);
	__IP_ADD_STATS(net, IPSTATS_MIB_OUTOCTETS, skb->len);
	skb->tstamp = 0;	/* 6.1: skb_clear_tstamp() */
	return dst_output(net, sk, skb);
}

/*
 * dst->input of a forwarding route.
 * 6.1: ip_forward(): TTL 1 or less gets ICMP
 * time exceeded, too big with DF gets ICMP frag needed (FragFails); the
 * header is made private before the TTL is decremented (skb_cow() grows
 * the head in place; here a shared skb, say one tcpdump holds a clone of,
 * is replaced by a private copy).
 */
int ip_forward(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct rtable *rt;
	struct net *net;
	unsigned int mtu;

	if (skb->pkt_type != PACKET_HOST)
		goto drop;
	if (unlikely(skb->sk))
		goto drop;
	net = dev_net(skb->dev);
	if (ip_hdr(skb)->ttl <= 1)
		goto too_many_hops;
	rt = skb_rtable(skb);
	IPCB(skb)->flags |= IPSKB_FORWARDED;
	mtu = rt->dst.dev->mtu;	/* 6.1: ip_dst_mtu_maybe_forward() */
	if (ip_exceeds_mtu(skb, mtu)) {
		__IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			  htonl(mtu));
		reason = SKB_DROP_REASON_PKT_TOO_BIG;
		goto drop;
	}
	if (skb_cloned(skb)) {
		struct sk_buff *copy = skb_copy(skb, GFP_ATOMIC);

		if (!copy)
			goto drop;
		consume_skb(skb);
		skb = copy;
	}
	ip_decrease_ttl(ip_hdr(skb));
	return ip_forward_finish(net, NULL, skb);

too_many_hops:
	/* Tell the sender its packet died... (6.1) */
	__IP_INC_STATS(net, IPSTATS_MIB_INHDRERRORS);
	icmp_send(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
	reason = SKB_DROP_REASON_IP_INHDR;
drop:
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}
