// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP for IPv4: answer echo requests, pass replies and errors to the raw
 * sockets that wait for them, and send errors about packets we could not
 * deliver. 6.1: net/ipv4/icmp.c. Left out: the global limit
 * (icmp_msgs_per_sec), timestamps, redirects, extended echo (RFC 8335),
 * and the per-protocol err_handlers (only raw sockets hear of errors).
 */
#include <stdlib.h>
#include <string.h>
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <linux/ktime.h>
#include <net/ip.h>
#include <net/icmp.h>
#include <net/route.h>
#include <net/ip_fib.h>

#define IPTOS_TOS_MASK			0x1E
#define IPTOS_PREC_INTERNETCONTROL	0xC0
/* an error quotes as much as fits in 576 bytes (RFC 1812) */
#define ICMP_MAX_QUOTE \
	(576 - sizeof(struct iphdr) - sizeof(struct icmphdr))

/* Is @type an error message? 6.1: icmp_pointers[type].error. */
static bool icmp_is_error(unsigned int type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	default:
		return false;
	}
}

/* 6.1: same: OutMsgs and OutType<N>. */
void icmp_out_count(struct net *net, unsigned char type)
{
	net->ipv4->icmpmsg_out[type]++;
	__ICMP_INC_STATS(net, ICMP_MIB_OUTMSGS);
}

/*
 * May we send an error of @type to @daddr now?
 * 6.1: icmpv4_xrlim_allow()
 * -> inet_peer_xrlim_allow(): types in icmp_ratemask (unreachable,
 * source quench, time exceeded, parameter problem) get a token bucket per
 * peer, one token per icmp_ratelimit ms, a burst of 6; never limited
 * toward ourselves (out through lo), nor "fragmentation needed".
 */
static bool icmpv4_xrlim_allow(struct net *net, __be32 daddr, int type,
			       int code)
{
	u64 timeout = (u64)net->ipv4->sysctl_icmp_ratelimit * NSEC_PER_MSEC;
	struct icmp_peer *p, *victim = NULL;
	u64 now = ktime_get_ns(), token;
	struct flowi4 fl4 = { .daddr = daddr };
	struct rtable *rt;
	int i, err;

	if (type > NR_ICMP_TYPES ||
	    !((1 << type) & net->ipv4->sysctl_icmp_ratemask))
		return true;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		return true;
	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt || (rt->dst.dev && (rt->dst.dev->flags & IFF_LOOPBACK)))
		return true;
	for (i = 0; i < ICMP_PEERS; i++) {
		p = &net->ipv4->icmp_peers[i];
		if (p->daddr == daddr)
			break;
		if (!victim || p->rate_last < victim->rate_last)
			victim = p;
	}
	if (i == ICMP_PEERS) {	/* 6.1: a new inet_peer starts full */
		p = victim;
		p->daddr = daddr;
		p->rate_tokens = 0;
		p->rate_last = now - 60 * NSEC_PER_SEC;
	}
	token = p->rate_tokens + (now - p->rate_last);
	p->rate_last = now;
	if (token > 6 * timeout)
		token = 6 * timeout;
	if (token >= timeout) {
		p->rate_tokens = token - timeout;
		return true;
	}
	p->rate_tokens = token;
	return false;
}

/* Checksum and send one ICMP message (@icmp is header + body). */
static void icmp_push(struct sk_buff *in, __be32 daddr, __be32 saddr, u8 tos,
		      u8 *icmp, size_t len)
{
	struct net *net = dev_net(in->dev);
	struct icmphdr *h = (struct icmphdr *)icmp;

	h->checksum = 0;
	h->checksum = ip_compute_csum(icmp, (int)len);
	if (ip_push_reply(in, daddr, saddr, tos, icmp, len) == 0)
		icmp_out_count(net, h->type);
	else
		__ICMP_INC_STATS(net, ICMP_MIB_OUTERRORS);
}

/*
 * Send an error about @skb_in to its sender.
 * 6.1: __icmp_send(), with its
 * rules: only about packets to this host (PACKET_HOST) that are not
 * broadcast/multicast, not non-first fragments, and never about an ICMP
 * error. The source is the address the offending packet was sent to if
 * it was ours, else whatever the route back picks. The quote is the
 * offending IP header and as much of its payload as fits in 576 bytes.
 */
void __icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info)
{
	FTRACE_ENTRY();
	struct rtable *rt = skb_rtable(skb_in);
	u8 buf[sizeof(struct icmphdr) + ICMP_MAX_QUOTE];
	struct icmphdr *icmph = (struct icmphdr *)buf;
	const struct iphdr *iph;
	unsigned int quote;
	__be32 saddr;
	u8 tos;

	if (!rt || !skb_in->dev || !dev_net(skb_in->dev)->ipv4)
		return;
	iph = ip_hdr(skb_in);
	if (skb_network_header(skb_in) < skb_in->head ||
	    skb_network_header(skb_in) + sizeof(*iph) > skb_in->tail)
		return;
	if (skb_in->pkt_type != PACKET_HOST)
		return;
	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))
		return;
	if (iph->frag_off & htons(IP_OFFSET))
		return;
	if (icmp_is_error((unsigned int)type) &&
	    iph->protocol == IPPROTO_ICMP) {
		const u8 *inner = (const u8 *)iph + iph->ihl * 4;

		if (inner + 1 > skb_in->tail)
			return;
		if (*inner > NR_ICMP_TYPES || icmp_is_error(*inner))
			return;
	}
	saddr = iph->daddr;
	if (!(rt->rt_flags & RTCF_LOCAL))
		saddr = 0;
	tos = (iph->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL;

	if (!icmpv4_xrlim_allow(dev_net(skb_in->dev), iph->saddr, type, code))
		return;

	quote = (unsigned int)(skb_in->tail - skb_network_header(skb_in));
	if (quote > ICMP_MAX_QUOTE)
		quote = ICMP_MAX_QUOTE;
	memset(icmph, 0, sizeof(*icmph));
	icmph->type = (u8)type;
	icmph->code = (u8)code;
	icmph->un.gateway = info;
	memcpy(buf + sizeof(*icmph), skb_network_header(skb_in), quote);
	icmp_push(skb_in, iph->saddr, saddr, tos, buf,
		  sizeof(*icmph) + quote);
}

/*
 * Send the reply @buf (header + body) to @skb's sender.
 * 6.1: icmp_reply(): route
 * back, then icmp_push_reply() -> ip_push_pending_frames(), which is
 * icmp_push_reply's last call (ftrace shows ip_push_pending_frames
 * <-icmp_reply). No rate limit for replies, no IP options.
 */
static void icmp_reply(struct sk_buff *skb, u8 *buf, size_t len)
{
	FTRACE_ENTRY();
	const struct iphdr *iph = ip_hdr(skb);

	icmp_push(skb, iph->saddr, fib_compute_spec_dst(skb), iph->tos, buf,
		  len);
}

/*
 * Answer an echo request.
 * 6.1: icmp_echo() + icmp_reply(): the reply
 * copies id, sequence and data; its source is the address the request
 * was sent to, or ours towards the sender for a broadcast one
 * (fib_compute_spec_dst); it is routed like any packet, so
 * a reply to one of our own addresses goes out through lo.
 */
static bool icmp_echo(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(skb->dev);
	struct icmphdr *req = icmp_hdr(skb);
	size_t len = sizeof(struct icmphdr) + skb->len;
	u8 *buf;

	if (net->ipv4->sysctl_icmp_echo_ignore_all)
		return true;
	buf = malloc(len);	/* 6.1: ip_append_data copies from the skb */
	if (!buf)
		return false;
	memcpy(buf, req, sizeof(*req));
	((struct icmphdr *)buf)->type = ICMP_ECHOREPLY;
	memcpy(buf + sizeof(*req), skb->data, skb->len);
	icmp_reply(skb, buf, len);
	free(buf);
	return true;
}

/* Errors: check the quoted header, then tell the raw sockets.
 * 6.1: icmp_unreach() -> icmp_socket_deliver(). */
static bool icmp_unreach(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph;

	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		goto out_err;
	iph = (const struct iphdr *)skb->data;
	if (iph->ihl < 5)
		goto out_err;
	if (!pskb_may_pull(skb, iph->ihl * 4u + 8)) {
		__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
		return true;
	}
	raw_icmp_error(skb, iph->protocol, ntohl(icmp_hdr(skb)->un.gateway));
	return true;
out_err:
	__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
	return false;
}

/*
 * The ICMP protocol handler.
 * 6.1: icmp_rcv(). The raw sockets already got
 * their copy (ip_protocol_deliver_rcu); here the kernel's own part: echo
 * requests are answered, errors validated. An echo reply has no kernel
 * consumer (6.1's ping_rcv finds no ping socket: iputils uses a raw one)
 * and is freed as a drop, as in 6.1.
 */
int icmp_rcv(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(skb->dev);
	struct rtable *rt = skb_rtable(skb);
	struct icmphdr *icmph;
	bool success;

	__ICMP_INC_STATS(net, ICMP_MIB_INMSGS);
	if (skb->len < sizeof(struct icmphdr))
		goto error;
	if (ip_compute_csum(skb->data, (int)skb->len))
		goto csum_error;
	icmph = (struct icmphdr *)skb->data;
	skb_reset_transport_header(skb);
	skb_pull(skb, sizeof(*icmph));
	net->ipv4->icmpmsg_in[icmph->type]++;
	if (icmph->type > NR_ICMP_TYPES)
		goto error;
	if (rt && (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))) {
		if ((icmph->type == ICMP_ECHO ||
		     icmph->type == ICMP_TIMESTAMP) &&
		    net->ipv4->sysctl_icmp_echo_ignore_broadcasts)
			goto drop;
		if (icmph->type != ICMP_ECHO && icmph->type != ICMP_TIMESTAMP)
			goto drop;
	}
	switch (icmph->type) {
	case ICMP_ECHO:
		success = icmp_echo(skb);
		break;
	case ICMP_DEST_UNREACH:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
	case ICMP_SOURCE_QUENCH:
		success = icmp_unreach(skb);
		break;
	default:
		success = false;	/* 6.1: ping_rcv / icmp_discard */
		break;
	}
	if (success) {
		consume_skb(skb);
		return NET_RX_SUCCESS;
	}
drop:
	kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
	return NET_RX_DROP;
csum_error:
	__ICMP_INC_STATS(net, ICMP_MIB_CSUMERRORS);
error:
	__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
	goto drop;
}

/* 6.1: icmp_init() makes the per-CPU control sockets. */
int icmp_init(void)
{
	return 0;
}
