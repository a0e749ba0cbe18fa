/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sockets, reduced to the one kind the kit's tools need: a raw IPv4 socket,
 * socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), which is what iputils ping opens.
 * 6.1: include/net/sock.h, include/net/raw.h, net/ipv4/raw.c.
 *
 * The calls below stand for system calls; the ping tool uses them as:
 *
 *	sk = raw_sock_create(net, IPPROTO_ICMP);	// socket()
 *	raw_sock_bind_dev(sk, "veth0");		// SO_BINDTODEVICE (-I veth0)
 *	raw_sock_connect_probe(sk, dst, &src);	// UDP connect()+getsockname
 *						//  -> "from SRC veth0" or
 *						//  "connect: Network is unreachable"
 *	raw_sendmsg(sk, dst, 0, icmp, len);	// sendto(); -errno on error
 *	sim_run_until(...);			// time passes, softirqs run
 *	while ((skb = raw_recv(sk)))		// recvmsg(MSG_DONTWAIT)
 *		... parse ip_hdr(skb) + ICMP, consume_skb(skb);
 *	raw_sock_release(sk);			// close()
 *
 * Like Linux, a raw ICMP socket receives a copy of EVERY ICMP packet the
 * host delivers locally that matches its binding: echo replies and errors
 * ("Destination Host Unreachable" is an ICMP type 3 code 1 packet quoting
 * the original echo request, so its id/seq are at offset 20+8+20+4 of what
 * raw_recv() returns). Set sk->icmp_filter as ICMP_FILTER would (iputils
 * filters out everything but replies and errors).
 *
 * ICMP errors about packets the socket sent ALSO go to sk_error_queue
 * when sk->recverr is set (IP_RECVERR, which iputils sets), matched on
 * the device the error arrived on (raw_icmp_error: skb->dev, i.e. lo for
 * errors about our own packets). iputils prints "From X icmp_seq=N
 * Destination Host Unreachable" only from the error queue and silently
 * counts the raw copy; so `ping -I veth0` to a silent neighbour prints
 * no such lines (its socket is bound to veth0, the error came over lo)
 * while plain `ping` does: checked on a real kernel. sk_err is set too
 * (what SO_ERROR would read); sendmsg does not return it, as in 6.1.
 */
#ifndef _SIM_NET_SOCK_H
#define _SIM_NET_SOCK_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/skbuff.h>

struct net;

struct sock {
	struct net		*sk_net;
	int			sk_protocol;	/* IPPROTO_ICMP */
	int			sk_bound_dev_if; /* SO_BINDTODEVICE, 0: none */
	__be32			inet_rcv_saddr;	/* bind() address, 0: any */
	__be32			inet_saddr;	/* source to use, 0: route's */
	int			uc_ttl;		/* IP_TTL, -1: default */
	u8			tos;		/* IP_TOS */
	bool			recverr;	/* IP_RECVERR */
	bool			broadcast;	/* SO_BROADCAST (SOCK_BROADCAST) */
	u8			pmtudisc;	/* IP_MTU_DISCOVER */
	/* ee_info of the last local error (6.1: ip_local_error() queues an
	 * skb on sk_error_queue; the only one here is EMSGSIZE's MTU) */
	u32			local_err_mtu;
	u32			icmp_filter;	/* ICMP_FILTER: bit N drops type N */
	int			sk_err;		/* pending error, positive errno */
	int			sk_rcvbuf;	/* bytes the queue may hold */
	unsigned int		sk_rmem_alloc;	/* truesize queued now */
	unsigned long		sk_drops;	/* dropped: queue full */
	struct sk_buff_head	sk_receive_queue;
	struct sk_buff_head	sk_error_queue;	/* IP_RECVERR: ICMP errors */
	struct list_head	raw_node;	/* in net->ipv4->raw_sockets */
};

/* IP_MTU_DISCOVER values; sockets start at WANT (ip_no_pmtu_disc = 0) */
#define IP_PMTUDISC_DONT	0
#define IP_PMTUDISC_WANT	1
#define IP_PMTUDISC_DO		2
#define IP_PMTUDISC_PROBE	3

static inline struct net *sock_net(const struct sock *sk)
{
	return sk->sk_net;
}

/* socket(AF_INET, SOCK_RAW, @protocol): NULL if out of memory. */
struct sock *raw_sock_create(struct net *net, int protocol);
/* setsockopt() levels and options (include/uapi/linux/in.h, icmp.h) */
#define SOL_IP		0
#define SOL_RAW		255
#ifndef SOL_SOCKET
#define SOL_SOCKET	1
#endif
#ifndef SO_BROADCAST
#define SO_BROADCAST	6
#endif
#ifndef IP_TTL
#define IP_TTL		2
#endif
#ifndef IP_MTU_DISCOVER
#define IP_MTU_DISCOVER	10
#endif
#ifndef IP_RECVERR
#define IP_RECVERR	11
#endif
#define ICMP_FILTER	1
/* setsockopt(@level, @optname) with an int: 0 or -errno. */
int raw_setsockopt(struct sock *sk, int level, int optname, int val);
/* setsockopt(SO_BINDTODEVICE): 0, or -ENODEV ("ping: SO_BINDTODEVICE
 * veth9: No such device"). NULL or "" unbinds. */
int raw_sock_bind_dev(struct sock *sk, const char *ifname);
/* bind() to a local address (ping -I 10.1.1.1): -EADDRNOTAVAIL if it is
 * not one of the namespace's addresses. */
int raw_sock_bind_addr(struct sock *sk, __be32 addr);
/*
 * What ping learns by connect()ing a UDP probe socket to @daddr: the source
 * address the route picks (honouring the bound device and address).
 * 0 or -errno: -ENETUNREACH "connect: Network is unreachable", -ENODEV,
 * -EACCES (a broadcast route and no SO_BROADCAST).
 */
int raw_sock_connect_probe(struct sock *sk, __be32 daddr, __be32 *saddr);
/*
 * sendto(): send @len bytes of @icmp (header + payload, checksum already
 * filled in by the caller, as ping does) to @daddr; @saddr 0 lets the route
 * pick. Returns @len, or -errno as sendto() would: -ENETUNREACH, -EINVAL,
 * -EMSGSIZE (> 65515 bytes, or over the route's MTU: no fragmentation),
 * -EACCES (broadcast), -ENOBUFS (only with recverr), -ENETDOWN (the
 * namespace is gone).
 */
int raw_sendmsg(struct sock *sk, __be32 daddr, __be32 saddr,
		const void *icmp, size_t len);
/* recvmsg(MSG_DONTWAIT): the next packet (data at the IPv4 header, network
 * and transport headers set) or NULL. The caller frees it (consume_skb). */
struct sk_buff *raw_recv(struct sock *sk);
/* recvmsg(MSG_ERRQUEUE|MSG_DONTWAIT): the next queued ICMP error, in the
 * same form as raw_recv() (data at the error's own IPv4 header; the sender
 * of the error, "From X", is ip_hdr(skb)->saddr = ee_offender), or NULL. */
struct sk_buff *raw_recv_error(struct sock *sk);
/* recvmsg(MSG_ERRQUEUE) of a local EMSGSIZE: the MTU it names, or 0 */
u32 raw_recv_local_error(struct sock *sk);
/* The same, copying up to @len bytes into @buf: bytes copied or -EAGAIN.
 * @from gets the sender (may be NULL). */
int raw_recvmsg(struct sock *sk, void *buf, size_t len, __be32 *from);
/* close(): frees the socket and what it still has queued. */
void raw_sock_release(struct sock *sk);

#endif
