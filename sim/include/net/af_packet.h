/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packet sockets: what tcpdump (libpcap) opens to see every frame of a
 * device. 6.1: net/packet/af_packet.c, net/packet/internal.h,
 * include/uapi/linux/if_packet.h. Kept: socket(AF_PACKET, SOCK_RAW,
 * htons(ETH_P_ALL)), bind() to one ifindex, SO_ATTACH_FILTER (classic BPF,
 * run by libpcap's bpf_filter() as the kernel runs sk_filter), the receive
 * queue with its byte limit, and PACKET_STATISTICS. Left out: SOCK_DGRAM,
 * the mmap rings (TPACKET_V3: libpcap's default), fanout, sending.
 *
 * The calls stand for system calls; tcpdump uses them as:
 *
 *	po = packet_create(net, htons(ETH_P_ALL));	// socket()
 *	packet_bind(po, ifindex);			// bind(sockaddr_ll)
 *	packet_attach_filter(po, prog.bf_insns, prog.bf_len);
 *	sim_run_until(...);				// packets arrive
 *	while ((skb = packet_recv(po)))			// recvmsg()
 *		... PACKET_SKB_CB(skb), skb->data, skb->len; consume_skb(skb);
 *	packet_getstats(po, &st);			// PACKET_STATISTICS
 *	packet_release(po);				// close()
 */
#ifndef _SIM_NET_AF_PACKET_H
#define _SIM_NET_AF_PACKET_H

#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

struct bpf_insn;

/* include/uapi/linux/if_packet.h */
struct tpacket_stats {
	unsigned int	tp_packets;
	unsigned int	tp_drops;
};

/* What recvmsg() returns in its sockaddr_ll, kept in skb->cb. */
struct packet_skb_cb {
	int		sll_ifindex;
	u8		sll_pkttype;	/* PACKET_HOST, PACKET_OUTGOING, ... */
	__be16		sll_protocol;
	unsigned int	origlen;	/* length on the wire before snaplen */
};

#define PACKET_SKB_CB(skb)	((struct packet_skb_cb *)((skb)->cb))

/* net/packet/internal.h struct packet_sock, with the struct sock parts */
struct packet_sock {
	struct packet_type	prot_hook;	/* our tap in ptype_all */
	struct net		*net;		/* sock_net(sk) */
	int			ifindex;	/* bound device, 0: all */
	bool			running;	/* prot_hook registered */
	int			sk_err;		/* ENETDOWN once the device goes */
	struct sk_buff_head	sk_receive_queue;
	unsigned int		sk_rcvbuf;	/* bytes (truesize) the queue holds */
	unsigned int		sk_rmem_alloc;
	struct bpf_insn		*filter;	/* SO_ATTACH_FILTER, a copy */
	unsigned int		filter_len;
	unsigned int		tp_packets;	/* po->stats.stats1.tp_packets */
	unsigned int		tp_drops;	/* po->tp_drops */
	int			promisc_ifindex; /* PACKET_MR_PROMISC member of, 0 */
	struct list_head	list;		/* all packet sockets */
};

struct packet_sock *packet_create(struct net *net, __be16 protocol);
int packet_bind(struct packet_sock *po, int ifindex);
int packet_attach_filter(struct packet_sock *po, const struct bpf_insn *insns,
			 unsigned int len);
struct sk_buff *packet_recv(struct packet_sock *po);
void packet_getstats(struct packet_sock *po, struct tpacket_stats *st);
void packet_release(struct packet_sock *po);
/*
 * setsockopt(PACKET_ADD_MEMBERSHIP, PACKET_MR_PROMISC) on @ifindex, as
 * libpcap asks unless tcpdump -p: the device's promiscuity goes up by
 * one until the socket closes. 6.1: packet_mc_add(), one entry here.
 */
int packet_mc_add_promisc(struct packet_sock *po, int ifindex);
/* The receive hook, prot_hook.func. */
int packet_rcv(struct sk_buff *skb, struct net_device *dev,
	       struct packet_type *pt, struct net_device *orig_dev);

#endif
