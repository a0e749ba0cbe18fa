// SPDX-License-Identifier: GPL-2.0
/*
 * Sending IPv4: build the header, find the next hop's neighbour entry,
 * hand the packet to the device layer.
 * 6.1: net/ipv4/ip_output.c. The path a ping takes on the sending side:
 *   raw_sendmsg -> ip_make_skb -> ip_send_skb -> ip_local_out
 *     -> dst_output = ip_output -> ip_finish_output2
 *     -> neigh_output -> neigh_resolve_output (ARP) -> dev_queue_xmit
 * A datagram over the MTU is fragmented here (ip_do_fragment's slow path)
 * unless it has DF (ICMP frag needed); no GSO, no netfilter, no
 * cork/append machinery: one skb per datagram.
 */
#include <string.h>
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <linux/if_ether.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/icmp.h>
#include <net/sock.h>
#include <net/route.h>

/* Space for the link-layer header. 6.1: LL_RESERVED_SPACE(dev). */
static unsigned int ll_reserved_space(const struct net_device *dev)
{
	return ALIGN((unsigned int)dev->hard_header_len + dev->needed_headroom,
		     16u) + 16u;
}

/*
 * Find (or make) the neighbour for the next hop and send through it.
 * 6.1: ip_finish_output2() + ip_neigh_for_gw(): the next hop is the
 * gateway when the route has one, else the destination itself.
 */
int ip_finish_output2(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = rt->dst.dev;
	struct neighbour *neigh;
	__be32 nexthop;

	if (!dev) {
		kfree_skb(skb);
		return -EINVAL;
	}
	nexthop = rt->rt_uses_gateway ? rt->rt_gw4 : ip_hdr(skb)->daddr;
	neigh = __ipv4_neigh_lookup_noref(dev, nexthop);
	if (!neigh) {
		u32 key = (dev->flags & (IFF_LOOPBACK | IFF_POINTOPOINT)) ?
			  0 : nexthop;

		neigh = __neigh_create(&arp_tbl, &key, dev, false);
	}
	if (neigh)
		return neigh_output(neigh, skb, false);
	kfree_skb(skb);
	return -EINVAL;
}

/*
 * Cut @skb into pieces that fit the route's MTU and send each.
 * 6.1: ip_do_fragment(), its slow path (a linear skb, no frag_list): the
 * payload in runs of a multiple of 8 bytes, each behind a copy of the
 * header with its offset and MF; the first send that fails stops it
 * (FragFails), else FragOKs and one FragCreates per piece.
 */
int ip_do_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		   int (*output)(struct net *, struct sock *, struct sk_buff *))
{
	struct rtable *rt = skb_rtable(skb);
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int hlen = iph->ihl * 4u;
	unsigned int mtu = rt->dst.dev->mtu - hlen;
	unsigned int ll_rs = ll_reserved_space(rt->dst.dev);
	unsigned int left = skb->len - hlen, ptr = hlen;
	unsigned int offset = (ntohs(iph->frag_off) & IP_OFFSET) << 3;
	bool not_last_frag = iph->frag_off & htons(IP_MF);
	bool df = iph->frag_off & htons(IP_DF);
	int err = 0;

	while (left > 0) {
		unsigned int len = left > mtu ? mtu : left;
		struct sk_buff *skb2;
		struct iphdr *iph2;

		if (len < left)
			len &= ~7u;
		skb2 = alloc_skb(len + hlen + ll_rs, GFP_ATOMIC);
		if (!skb2) {
			err = -ENOMEM;
			goto fail;
		}
		/* 6.1: ip_copy_metadata() */
		skb2->dev = skb->dev;
		skb2->protocol = skb->protocol;
		skb2->pkt_type = skb->pkt_type;
		skb2->mark = skb->mark;
		skb_dst_set(skb2, skb_dst(skb));
		memcpy(skb2->cb, skb->cb, sizeof(skb2->cb));
		skb_reserve(skb2, (int)ll_rs);
		skb_put(skb2, len + hlen);
		skb_reset_network_header(skb2);
		skb2->transport_header = (u16)(skb2->network_header + hlen);
		memcpy(skb2->data, skb->data, hlen);
		memcpy(skb2->data + hlen, skb->data + ptr, len);
		iph2 = ip_hdr(skb2);
		iph2->frag_off = htons((u16)(offset >> 3));
		if (df)
			iph2->frag_off |= htons(IP_DF);
		if (left > len || not_last_frag)
			iph2->frag_off |= htons(IP_MF);
		ptr += len;
		offset += len;
		left -= len;
		iph2->tot_len = htons((u16)(len + hlen));
		ip_send_check(iph2);
		err = output(net, sk, skb2);
		if (err)
			goto fail;
		__IP_INC_STATS(net, IPSTATS_MIB_FRAGCREATES);
	}
	consume_skb(skb);
	__IP_INC_STATS(net, IPSTATS_MIB_FRAGOKS);
	return err;

fail:
	kfree_skb(skb);
	__IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
	return err;
}

/*
 * Too big for the MTU: fragment it, unless it says "don't fragment".
 * 6.1: ip_fragment(): DF (and no ignore_df) means FragFails, ICMP frag
 * needed to the sender and a drop.
 */
static int ip_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		       unsigned int mtu,
		       int (*output)(struct net *, struct sock *,
				     struct sk_buff *))
{
	if (!(ip_hdr(skb)->frag_off & htons(IP_DF)))
		return ip_do_fragment(net, sk, skb, output);
	__IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
	kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
	return -EMSGSIZE;
}

/*
 * 6.1: ip_finish_output() -> __ip_finish_output(): too big for the
 * device's MTU goes through ip_fragment(). Both jump to what they call
 * last, so ftrace shows ip_finish_output2 called from ip_output.
 */
static int ip_finish_output(struct net *net, struct sock *sk,
			    struct sk_buff *skb)
{
	FTRACE_ENTRY();
	unsigned int mtu = skb_dst(skb)->dev->mtu;

	FTRACE_TAIL_CALL();
	if (skb->len > mtu)
		return ip_fragment(net, sk, skb, mtu, ip_finish_output2);
	return ip_finish_output2(net, sk, skb);
}

/*
 * dst->output of a broadcast route: the host gets a copy too.
 * 6.1: ip_mc_output() for RTCF_BROADCAST (no multicast routing, no
 * POST_ROUTING hook): the clone goes through ip_mc_finish_output() ->
 * dev_loopback_xmit(), the packet itself through ip_finish_output().
 */
int ip_mc_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = rt->dst.dev;

	__IP_INC_STATS(net, IPSTATS_MIB_OUTREQUESTS);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	if (rt->rt_flags & RTCF_BROADCAST) {
		struct sk_buff *newskb = skb_copy(skb, GFP_ATOMIC);

		if (newskb)
			dev_loopback_xmit(net, sk, newskb);
	}
	return ip_finish_output(net, sk, skb);
}

/*
 * dst->output of output routes.
 * 6.1: ip_output(), no POST_ROUTING hook.
 */
int ip_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct net_device *dev = skb_dst(skb)->dev;

	if (!dev) {
		kfree_skb(skb);
		return -EINVAL;
	}
	__IP_INC_STATS(net, IPSTATS_MIB_OUTREQUESTS);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	return ip_finish_output(net, sk, skb);
}

/* 6.1: __ip_local_out(): final length and checksum; 1 means "go on". */
int __ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct iphdr *iph = ip_hdr(skb);

	iph->tot_len = htons((u16)skb->len);
	ip_send_check(iph);
	skb->protocol = htons(ETH_P_IP);
	return 1;
}

/*
 * 6.1: same; inlined into ip_send_skb() (itself inlined into
 * ip_push_pending_frames()) in Debian's build: ftrace shows __ip_local_out
 * and ip_output called from ip_push_pending_frames.
 */
int ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	FTRACE_ENTRY_INLINED();
	int err = __ip_local_out(net, sk, skb);

	if (likely(err == 1))
		err = dst_output(net, sk, skb);
	return err;
}

/*
 * 6.1: ip4_dst_hoplimit() in include/net/route.h: the route's hoplimit metric
 * or the sysctl.
 */
int ip4_dst_hoplimit(const struct dst_entry *dst)
{
	struct net *net = dst && dst->dev ? dev_net(dst->dev) : NULL;

	return (net && net->ipv4) ? net->ipv4->sysctl_ip_default_ttl : IPDEFTTL;
}

/*
 * Build a datagram.
 * 6.1: ip_append_data() copies the user's bytes into
 * skbs on the socket's write queue and __ip_make_skb() puts the header in
 * front. The id: 6.1 leaves it 0 on DF packets of unconnected sockets
 * (ping's echo requests) and hashes one otherwise; here a per-namespace
 * counter stands in for the hash.
 */
struct sk_buff *ip_make_skb(struct sock *sk, struct flowi4 *fl4,
			    const void *data, size_t len, u8 proto, u8 ttl,
			    u8 tos, struct rtable *rt)
{
	struct net_device *dev = rt->dst.dev;
	struct net *net = rt->rt_net;
	unsigned int hh = dev ? ll_reserved_space(dev) : 32;
	struct sk_buff *skb;
	struct iphdr *iph;
	unsigned int mtu = dev ? dev->mtu : 0xFFFF;
	bool df = false;	/* icmp replies and errors: IP_PMTUDISC_DONT */

	skb = alloc_skb(hh + sizeof(struct iphdr) + (unsigned int)len,
			GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, (int)hh);
	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(struct iphdr));
	skb_set_transport_header(skb, sizeof(struct iphdr));
	skb_put_data(skb, data, (unsigned int)len);
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = tos;
	iph->tot_len = htons((u16)skb->len);
	/* 6.1 __ip_make_skb(): DO and PROBE always set DF, WANT when the
	 * datagram fits the route's MTU (else it is fragmented) */
	if (sk)
		df = sk->pmtudisc == IP_PMTUDISC_DO ||
		     sk->pmtudisc == IP_PMTUDISC_PROBE ||
		     (sk->pmtudisc == IP_PMTUDISC_WANT && skb->len <= mtu);
	iph->frag_off = df ? htons(IP_DF) : 0;
	iph->id = df ? 0 : htons((u16)net->ipv4->ip_id++);
	iph->ttl = ttl ? ttl : (u8)ip4_dst_hoplimit(&rt->dst);
	iph->protocol = proto;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	ip_send_check(iph);
	skb->sk = NULL;	/* 6.1: owned by sk, for wmem accounting */
	skb->protocol = htons(ETH_P_IP);
	skb->pkt_type = PACKET_HOST;
	skb_dst_set(skb, &rt->dst);
	return skb;
}

/* 6.1: ip_send_skb(): local out, count a discard on failure. */
int ip_send_skb(struct net *net, struct sk_buff *skb)
{
	int err = ip_local_out(net, NULL, skb);

	if (err > 0)
		err = (err == NET_XMIT_DROP) ? -ENOBUFS : 0;
	if (err)
		__IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
	return err;
}

/*
 * Send the datagram a socket built.
 * 6.1: ip_push_pending_frames(sk, fl4) makes
 * one skb of the socket's queue (__ip_make_skb) and sends it with
 * ip_send_skb(); here ip_make_skb() made the skb already.
 */
int ip_push_pending_frames(struct net *net, struct sk_buff *skb)
{
	FTRACE_ENTRY();

	return ip_send_skb(net, skb);
}

/*
 * Send a reply datagram (ICMP) from @saddr to @daddr. 0 or -errno.
 * sim: the tail of 6.1's icmp_reply() and icmp_push_reply()
 * (net/ipv4/icmp.c): route, build, send.
 */
int ip_push_reply(struct sk_buff *in, __be32 daddr, __be32 saddr, u8 tos,
		  const void *data, size_t len)
{
	struct net *net = dev_net(in->dev);
	struct flowi4 fl4 = {
		.daddr = daddr,
		.saddr = saddr,
		.flowi4_tos = tos,
		.flowi4_proto = IPPROTO_ICMP,
	};
	struct rtable *rt;
	struct sk_buff *skb;
	int err;

	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt)
		return err;
	skb = ip_make_skb(NULL, &fl4, data, len, IPPROTO_ICMP, 0, tos, rt);
	if (!skb)
		return -ENOBUFS;
	return ip_push_pending_frames(net, skb);
}

/* 6.1: ip_init() sets up the route cache and inet peers. */
void ip_init(void)
{
	ip_rt_init();
}
