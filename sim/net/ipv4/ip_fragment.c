// SPDX-License-Identifier: GPL-2.0
/*
 * Reassembling IPv4 fragments addressed to this host. A queue per datagram
 * (source, destination, id, protocol) collects the pieces by offset; when
 * the first and the last are in and nothing is missing, the last piece to
 * arrive becomes the whole datagram and local delivery goes on with it. A
 * queue that is still incomplete after net.ipv4.ipfrag_time (30 s) is
 * dropped, and if it holds the first piece the sender hears ICMP time
 * exceeded ("Frag reassembly time exceeded").
 * 6.1: net/ipv4/ip_fragment.c with the generic half of
 * net/ipv4/inet_fragment.c folded in: a list instead of the rhashtable and
 * the rbtree of runs, local delivery only (no defrag for netfilter or
 * forwarding), no ECN merging, and the memory limit checked against
 * ipfrag_high_thresh alone (no low_thresh eviction).
 */
#include <stdlib.h>
#include <string.h>
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <linux/ktime.h>
#include <net/ip.h>
#include <net/icmp.h>
#include <net/route.h>
#include "pernet.h"

#define INET_FRAG_FIRST_IN	1
#define INET_FRAG_LAST_IN	2
#define INET_FRAG_COMPLETE	4

#define IPFRAG_OK	0
#define IPFRAG_DUP	1
#define IPFRAG_OVERLAP	2

/* 6.1: struct ipq around struct inet_frag_queue. */
struct ipq {
	struct list_head	list;
	struct net		*net;
	__be32			saddr, daddr;
	__be16			id;
	u8			protocol;
	u8			flags;		/* INET_FRAG_* */
	int			len;		/* payload bytes of the whole */
	int			meat;		/* payload bytes received */
	int			iif;
	unsigned int		max_size;	/* largest fragment, header too */
	struct sk_buff		*fragments;	/* by offset, through ->next */
	struct timer_list	timer;
};

/* Where a queued fragment's payload goes (6.1: same, plus run data). */
struct ipfrag_skb_cb {
	struct inet_skb_parm	h;
	int			offset, end;
};

/* 6.1: same: the queue's view of skb->cb. */
#define FRAG_CB(skb)	((struct ipfrag_skb_cb *)((skb)->cb))

/* 6.1: inet_frag_destroy(): free the pieces and the queue. */
static void ip_frag_destroy(struct ipq *qp)
{
	struct sk_buff *skb = qp->fragments;

	while (skb) {
		struct sk_buff *next = skb->next;

		skb->next = NULL;
		qp->net->ipv4->ipfrag_mem -= skb->truesize;
		kfree_skb(skb);
		skb = next;
	}
	list_del(&qp->list);
	free(qp);
}

/* 6.1: inet_frag_kill(): no more pieces; the timer is stopped. */
static void ip_frag_kill(struct ipq *qp)
{
	del_timer(&qp->timer);
	qp->flags |= INET_FRAG_COMPLETE;
}

/*
 * The queue timed out.
 * 6.1: ip_expire(): ReasmFails and ReasmTimeout; only
 * with the first fragment in can the sender be told, and the head keeps
 * the route it arrived with (6.1 looks it up again from qp->iif).
 */
static void ip_expire(struct timer_list *t)
{
	struct ipq *qp = container_of(t, struct ipq, timer);
	struct net *net = qp->net;
	struct sk_buff *head = qp->fragments;

	if (qp->flags & INET_FRAG_COMPLETE)
		goto out;
	qp->flags |= INET_FRAG_COMPLETE;
	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMTIMEOUT);
	if (!(qp->flags & INET_FRAG_FIRST_IN) || !head)
		goto out;
	head->dev = __dev_get_by_index(net, qp->iif);
	if (head->dev)
		icmp_send(head, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME, 0);
out:
	ip_frag_destroy(qp);
}

/*
 * Find the queue of @iph's datagram, or start one.
 * 6.1: ip_find() ->
 * inet_frag_find(), which refuses a new queue while the fragments held
 * use more than ipfrag_high_thresh bytes.
 */
static struct ipq *ip_find(struct net *net, const struct iphdr *iph)
{
	struct ipq *qp;

	list_for_each_entry(qp, &net->ipv4->ipq_list, list) {
		if (qp->saddr == iph->saddr && qp->daddr == iph->daddr &&
		    qp->id == iph->id && qp->protocol == iph->protocol)
			return qp;
	}
	if (net->ipv4->ipfrag_mem > net->ipv4->sysctl_ipfrag_high_thresh)
		return NULL;
	qp = calloc(1, sizeof(*qp));
	if (!qp)
		return NULL;
	qp->net = net;
	qp->saddr = iph->saddr;
	qp->daddr = iph->daddr;
	qp->id = iph->id;
	qp->protocol = iph->protocol;
	timer_setup(&qp->timer, ip_expire, 0);
	mod_timer_ns(&qp->timer, ktime_get_ns() +
		     (u64)net->ipv4->sysctl_ipfrag_time * NSEC_PER_SEC);
	list_add_tail(&qp->list, &net->ipv4->ipq_list);
	return qp;
}

/*
 * Put @skb among the pieces, by offset.
 * 6.1: inet_frag_queue_insert(): a
 * piece that overlaps another is an attack or a bug (RFC 5722) and ends
 * the whole datagram, except an exact duplicate, which is only dropped.
 */
static int ip_frag_queue_insert(struct ipq *qp, struct sk_buff *skb,
				int offset, int end)
{
	struct sk_buff **pp = &qp->fragments;

	while (*pp && FRAG_CB(*pp)->end <= offset)
		pp = &(*pp)->next;
	if (*pp && FRAG_CB(*pp)->offset < end) {
		if (FRAG_CB(*pp)->offset == offset && FRAG_CB(*pp)->end == end)
			return IPFRAG_DUP;
		return IPFRAG_OVERLAP;
	}
	FRAG_CB(skb)->offset = offset;
	FRAG_CB(skb)->end = end;
	skb->next = *pp;
	*pp = skb;
	return IPFRAG_OK;
}

/*
 * Build the datagram in @skb, the piece that completed it.
 * 6.1: ip_frag_reasm() with inet_frag_reasm_prepare()/_finish(): the
 * first piece's header, every payload at its offset, a header saying
 * "not a fragment" (DF only if every piece had it), ReasmOKs.
 */
static int ip_frag_reasm(struct ipq *qp, struct sk_buff *skb)
{
	struct net *net = qp->net;
	struct sk_buff *first = qp->fragments, **pp;
	unsigned int ihl = ip_hdr(first)->ihl * 4u;
	unsigned int len = ihl + (unsigned int)qp->len;
	unsigned char *buf = NULL;
	struct sk_buff *fp;
	struct iphdr *iph;
	bool df = true;

	if (len <= 65535)
		buf = malloc(len);
	if (buf) {
		memcpy(buf, skb_network_header(first), ihl);
		for (fp = first; fp; fp = fp->next) {
			const struct iphdr *fh = ip_hdr(fp);

			memcpy(buf + ihl + FRAG_CB(fp)->offset,
			       skb_network_header(fp) + fh->ihl * 4,
			       (size_t)(FRAG_CB(fp)->end -
					FRAG_CB(fp)->offset));
			if (!(fh->frag_off & htons(IP_DF)))
				df = false;
		}
	}
	/* @skb is queued too: take it out; it becomes the whole. */
	for (pp = &qp->fragments; *pp; pp = &(*pp)->next) {
		if (*pp == skb) {
			*pp = skb->next;
			break;
		}
	}
	skb->next = NULL;
	net->ipv4->ipfrag_mem -= skb->truesize;
	if (len > 65535) {
		__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
		return -E2BIG;	/* 6.1: "Oversized IP packet" */
	}
	if (!buf)
		return -ENOMEM;
	skb->data = skb_network_header(skb);
	if ((skb_cloned(skb) ||
	     (unsigned int)(skb->end - skb->data) < len) &&
	    pskb_expand_head(skb, 0, (int)len, GFP_ATOMIC)) {
		free(buf);
		return -ENOMEM;
	}
	memcpy(skb->data, buf, len);
	free(buf);
	skb->len = len;
	skb->tail = skb->data + len;
	skb_reset_network_header(skb);
	skb->transport_header = (u16)(skb->network_header + ihl);
	iph = ip_hdr(skb);
	iph->tot_len = htons((u16)len);
	iph->frag_off = df ? htons(IP_DF) : 0;
	ip_send_check(iph);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMOKS);
	return 0;
}

/*
 * Add @skb to its queue.
 * 6.1: ip_frag_queue(): the checks on where the piece
 * claims to be (past a known end, or a last piece that disagrees: the
 * datagram is dropped), the insert, and reassembly once complete.
 * 0: @skb is now the whole datagram; else it was queued or dropped.
 */
static int ip_frag_queue(struct ipq *qp, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	int offset = (ntohs(iph->frag_off) & IP_OFFSET) << 3;
	int flags = ntohs(iph->frag_off) & ~IP_OFFSET;
	int ihl = iph->ihl * 4;
	int end = offset + (int)skb->len - ihl;
	int err;

	if (qp->flags & INET_FRAG_COMPLETE)
		goto err;
	if (!(flags & IP_MF)) {
		if (end < qp->len ||
		    ((qp->flags & INET_FRAG_LAST_IN) && end != qp->len))
			goto discard_qp;
		qp->flags |= INET_FRAG_LAST_IN;
		qp->len = end;
	} else {
		if (end & 7)
			end &= ~7;
		if (end > qp->len) {
			if (qp->flags & INET_FRAG_LAST_IN)
				goto discard_qp;
			qp->len = end;
		}
	}
	if (end == offset)
		goto discard_qp;
	err = ip_frag_queue_insert(qp, skb, offset, end);
	if (err == IPFRAG_DUP) {
		kfree_skb_reason(skb, SKB_DROP_REASON_DUP_FRAG);
		return -EINVAL;
	}
	if (err)
		goto discard_qp;
	if (skb->dev)
		qp->iif = skb->dev->ifindex;
	qp->meat += end - offset;
	qp->net->ipv4->ipfrag_mem += skb->truesize;
	if (offset == 0)
		qp->flags |= INET_FRAG_FIRST_IN;
	if (skb->len > qp->max_size)
		qp->max_size = skb->len;
	if (qp->flags == (INET_FRAG_FIRST_IN | INET_FRAG_LAST_IN) &&
	    qp->meat == qp->len) {
		err = ip_frag_reasm(qp, skb);
		ip_frag_kill(qp);
		ip_frag_destroy(qp);
		if (err)
			kfree_skb(skb);
		return err;
	}
	return -EINPROGRESS;

discard_qp:
	ip_frag_kill(qp);
	ip_frag_destroy(qp);
err:
	kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
	return -EINVAL;
}

/*
 * One fragment for local delivery: 0 when @skb has become the complete
 * datagram (deliver it), else it is kept or dropped and the caller stops.
 * 6.1: ip_defrag(net, skb, IP_DEFRAG_LOCAL_DELIVER): ReasmReqds for each
 * piece, ReasmFails when no queue can be had.
 */
int ip_defrag(struct net *net, struct sk_buff *skb, u32 user)
{
	FTRACE_ENTRY();
	struct ipq *qp;

	__IP_INC_STATS(net, IPSTATS_MIB_REASMREQDS);
	qp = ip_find(net, ip_hdr(skb));
	if (qp)
		return ip_frag_queue(qp, skb);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	kfree_skb(skb);
	return -ENOMEM;
}

/* 6.1: ipv4_frags_init_net(): the namespace's queues and limits. */
void ipv4_frags_init_net(struct net *net)
{
	INIT_LIST_HEAD(&net->ipv4->ipq_list);
}

/* 6.1: ipv4_frags_exit_net() -> fqdir_exit(): every queue goes. */
void ipv4_frags_exit_net(struct net *net)
{
	struct ipq *qp, *n;

	list_for_each_entry_safe(qp, n, &net->ipv4->ipq_list, list) {
		del_timer(&qp->timer);
		ip_frag_destroy(qp);
	}
}
