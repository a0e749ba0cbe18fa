// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving IPv4: check the header, route the packet, deliver it.
 * 6.1: net/ipv4/ip_input.c. The path a ping takes on the receiving side:
 *   __netif_receive_skb_core -> ip_rcv -> ip_rcv_finish
 *     -> (route input: fib lookup, rp_filter) -> dst_input
 *     -> ip_local_deliver -> raw sockets + icmp_rcv
 * No netfilter (NF_HOOK calls are direct), no IP options processing, no
 * early demux, no list receive (ip_list_rcv). Fragments are reassembled
 * in ip_fragment.c.
 */
#include <string.h>
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <linux/if_ether.h>
#include <net/ip.h>
#include <net/icmp.h>
#include <net/route.h>

/*
 * Hand the payload to its protocol.
 * 6.1: ip_protocol_deliver_rcu():
 * raw sockets get a copy first; then the protocol handler (only ICMP
 * here); nobody at all means ICMP "protocol unreachable".
 */
static void ip_protocol_deliver_rcu(struct net *net, struct sk_buff *skb,
				    int protocol)
{
	FTRACE_ENTRY();
	bool raw = raw_local_deliver(skb, protocol);

	if (protocol == IPPROTO_ICMP) {
		icmp_rcv(skb);
		__IP_INC_STATS(net, IPSTATS_MIB_INDELIVERS);
		return;
	}
	if (!raw) {
		__IP_INC_STATS(net, IPSTATS_MIB_INUNKNOWNPROTOS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_NOPROTO);
	} else {
		__IP_INC_STATS(net, IPSTATS_MIB_INDELIVERS);
		consume_skb(skb);
	}
}

/* 6.1: ip_local_deliver_finish(): step over the IP header. */
static int ip_local_deliver_finish(struct net *net, struct sock *sk,
				   struct sk_buff *skb)
{
	FTRACE_ENTRY();
	skb_pull(skb, (unsigned int)(skb_transport_header(skb) - skb->data));
	ip_protocol_deliver_rcu(net, skb, ip_hdr(skb)->protocol);
	return 0;
}

/*
 * The packet is for this host.
 * 6.1: ip_local_deliver(): fragments are
 * reassembled first (ip_defrag); the last one in carries the whole
 * datagram on. NF_HOOK's call of ip_local_deliver_finish() is a tail
 * call: ftrace shows it called from ip_local_deliver's caller.
 */
int ip_local_deliver(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(skb->dev);

	if (ip_is_fragment(ip_hdr(skb))) {
		if (ip_defrag(net, skb, IP_DEFRAG_LOCAL_DELIVER))
			return 0;
	}
	FTRACE_TAIL_CALL();
	return ip_local_deliver_finish(net, NULL, skb);
}

/*
 * Route the packet unless it already carries a route (packets looped
 * back through lo keep the one they were sent with).
 * 6.1:
 * ip_rcv_finish_core() (ftrace: ip_rcv_finish_core.constprop.0, a
 * gcc clone); the drop reasons are 6.1's except that a martian
 * (-EINVAL) is reported as IP_INVALID_SOURCE here, NOT_SPECIFIED there.
 */
static int ip_rcv_finish_core(struct net *net, struct sock *sk,
			      struct sk_buff *skb, struct net_device *dev)
{
	FTRACE_ENTRY();
	const struct iphdr *iph = ip_hdr(skb);
	int err;

	if (!skb_valid_dst(skb)) {
		err = ip_route_input_noref(skb, iph->daddr, iph->saddr,
					   iph->tos, dev);
		if (unlikely(err)) {
			enum skb_drop_reason reason =
				SKB_DROP_REASON_IP_INVALID_SOURCE;

			if (err == -EXDEV) {
				reason = SKB_DROP_REASON_IP_RPFILTER;
				__NET_INC_STATS(net, LINUX_MIB_IPRPFILTER);
			}
			kfree_skb_reason(skb, reason);
			return NET_RX_DROP;
		}
	}
	return NET_RX_SUCCESS;
}

/*
 * 6.1: same, inlined into ip_rcv() in Debian's build, whose last act is
 * then dst_input(): a jump, so ftrace shows ip_local_deliver called from
 * ip_rcv's caller (__netif_receive_skb_one_core).
 */
int ip_rcv_finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	FTRACE_ENTRY_INLINED();
	int ret;

	ret = ip_rcv_finish_core(net, sk, skb, skb->dev);
	if (ret == NET_RX_DROP)
		return ret;
	FTRACE_TAIL_CALL();
	return dst_input(skb);
}

/*
 * Cut link-layer padding off: the IP length is the truth.
 * 6.1: pskb_trim_rcsum() in include/linux/skbuff.h, linear skbs only.
 */
static void ip_trim(struct sk_buff *skb, unsigned int len)
{
	skb->len = len;
	skb->tail = skb->data + len;
}

/*
 * Validate the header.
 * 6.1: ip_rcv_core(), same checks in the same order,
 * each counted where 6.1 counts it (InHdrErrors, InCsumErrors,
 * InTruncatedPkts). Returns NULL when the skb was dropped.
 */
static struct sk_buff *ip_rcv_core(struct sk_buff *skb, struct net *net)
{
	FTRACE_ENTRY();
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	const struct iphdr *iph;
	unsigned int len;

	if (skb->pkt_type == PACKET_OTHERHOST) {
		reason = SKB_DROP_REASON_OTHERHOST;
		goto drop;
	}
	__IP_INC_STATS(net, IPSTATS_MIB_INRECEIVES);
	skb_reset_network_header(skb);
	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		goto inhdr_error;
	iph = ip_hdr(skb);
	if (iph->ihl < 5 || iph->version != 4)
		goto inhdr_error;
	if (!pskb_may_pull(skb, iph->ihl * 4u))
		goto inhdr_error;
	if (unlikely(ip_fast_csum(iph, iph->ihl)))
		goto csum_error;
	len = ntohs(iph->tot_len);
	if (skb->len < len) {
		reason = SKB_DROP_REASON_PKT_TOO_SMALL;
		__IP_INC_STATS(net, IPSTATS_MIB_INTRUNCATEDPKTS);
		goto drop;
	} else if (len < iph->ihl * 4u) {
		goto inhdr_error;
	}
	ip_trim(skb, len);
	skb->transport_header = (u16)(skb->network_header + iph->ihl * 4);
	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
	IPCB(skb)->iif = skb->skb_iif;
	return skb;

csum_error:
	reason = SKB_DROP_REASON_IP_CSUM;
	__IP_INC_STATS(net, IPSTATS_MIB_CSUMERRORS);
inhdr_error:
	if (reason == SKB_DROP_REASON_NOT_SPECIFIED)
		reason = SKB_DROP_REASON_IP_INHDR;
	__IP_INC_STATS(net, IPSTATS_MIB_INHDRERRORS);
drop:
	kfree_skb_reason(skb, reason);
	return NULL;
}

/*
 * The ETH_P_IP packet handler.
 * 6.1: ip_rcv() (NF_INET_PRE_ROUTING skipped).
 */
int ip_rcv(struct sk_buff *skb, struct net_device *dev,
	   struct packet_type *pt, struct net_device *orig_dev)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(dev);

	if (!net->ipv4 || !__in_dev_get_rcu(dev)) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		return NET_RX_DROP;
	}
	skb = ip_rcv_core(skb, net);
	if (!skb)
		return NET_RX_DROP;
	return ip_rcv_finish(net, NULL, skb);
}
