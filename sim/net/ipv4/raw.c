// SPDX-License-Identifier: GPL-2.0
/*
 * Raw IPv4 sockets: what `ping` (iputils, as root) uses to send echo
 * requests and to receive every ICMP message the host gets.
 * 6.1: net/ipv4/raw.c. The socket calls are functions here (see
 * net/sock.h for the mapping to system calls). Left out: IP_HDRINCL,
 * connect(), poll/blocking (the tool drives time itself), the error queue
 * (IP_RECVERR sets sk_err only), cmsgs, and sk_wmem accounting.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <linux/icmp.h>
#include <net/ip.h>
#include <net/sock.h>
#include <net/route.h>
#include "pernet.h"

#define SK_RMEM_MAX	212992	/* net.core.rmem_default */

/* 6.1: raw_v4_match() + inet_bound_dev_eq(): protocol, addresses, and the
 * bound device against the device the packet counts as arriving on. */
static bool raw_v4_match(struct net *net, struct sock *sk, int num,
			 __be32 raddr, __be32 laddr, int dif)
{
	if (sk->sk_net != net || sk->sk_protocol != num)
		return false;
	if (sk->inet_rcv_saddr && sk->inet_rcv_saddr != laddr)
		return false;
	(void)raddr;	/* no connect(): inet_daddr is always 0 */
	return !sk->sk_bound_dev_if || sk->sk_bound_dev_if == dif;
}

/*
 * ICMP_FILTER: true means this socket does not want the type.
 * 6.1: same.
 */
static bool icmp_filter(const struct sock *sk, const struct sk_buff *skb)
{
	u8 type;

	if (skb->len < sizeof(struct icmphdr))	/* skb_header_pointer() fails */
		return true;
	type = skb->data[0];
	return type < 32 && ((1u << type) & sk->icmp_filter);
}

/*
 * Queue @skb on @sk.
 * 6.1: raw_rcv() -> sock_queue_rcv_skb().
 */
static void raw_rcv(struct sock *sk, struct sk_buff *skb)
{
	FTRACE_ENTRY();
	/* Raw sockets see the IP header too. */
	skb_push(skb, (unsigned int)(skb->data - skb_network_header(skb)));
	if (sk->sk_rmem_alloc >= (unsigned int)sk->sk_rcvbuf) {
		sk->sk_drops++;
		kfree_skb(skb);
		return;
	}
	sk->sk_rmem_alloc += skb->truesize;
	skb->sk = sk;
	__skb_queue_tail(&sk->sk_receive_queue, skb);
}

/*
 * Give every matching raw socket a clone.
 * 6.1: raw_local_deliver() ->
 * raw_v4_input(). The device compared with SO_BINDTODEVICE is inet_iif():
 * for a packet that came back over lo it is the oif its route was asked
 * for, so `ping -I veth0` still hears replies that travelled over lo.
 */
bool raw_local_deliver(struct sk_buff *skb, int protocol)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph = ip_hdr(skb);
	int dif = inet_iif(skb);
	bool delivered = false;
	struct sock *sk;

	if (!net->ipv4)
		return false;
	list_for_each_entry(sk, &net->ipv4->raw_sockets, raw_node) {
		struct sk_buff *clone;

		if (!raw_v4_match(net, sk, protocol, iph->saddr, iph->daddr,
				  dif))
			continue;
		delivered = true;
		if (protocol == IPPROTO_ICMP && icmp_filter(sk, skb))
			continue;
		clone = skb_clone(skb, GFP_ATOMIC);
		if (clone)
			raw_rcv(sk, clone);
	}
	return delivered;
}

/*
 * An ICMP error quoting a packet one of our raw sockets sent.
 * 6.1:
 * raw_icmp_error() -> raw_err() -> ip_icmp_error(): matched against the
 * quoted header and the device the error arrived on (not inet_iif: an
 * error about our own packet comes over lo, so a socket bound to veth0
 * never hears it this way). With IP_RECVERR the error is queued and
 * sk_err set (SO_ERROR; raw sendmsg does not report it: 6.1 builds raw
 * datagrams without sock_alloc_send_skb(), which is where sock_error()
 * would be checked).
 */
void raw_icmp_error(struct sk_buff *skb, int protocol, u32 info)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	int dif = skb->dev->ifindex;
	struct sock *sk;

	list_for_each_entry(sk, &net->ipv4->raw_sockets, raw_node) {
		struct sk_buff *clone;

		if (!raw_v4_match(net, sk, iph->protocol, iph->daddr,
				  iph->saddr, dif))
			continue;
		if (!sk->recverr)
			continue;
		sk->sk_err = EHOSTUNREACH;
		if (skb_queue_len(&sk->sk_error_queue) >= 64)
			continue;	/* 6.1: bounded by sk_rcvbuf */
		clone = skb_clone(skb, GFP_ATOMIC);
		if (!clone)
			continue;
		skb_push(clone, (unsigned int)(clone->data -
					       skb_network_header(clone)));
		__skb_queue_tail(&sk->sk_error_queue, clone);
	}
}

/*
 * socket(AF_INET, SOCK_RAW, @protocol).
 * sim: 6.1's inet_create() (net/ipv4/af_inet.c) and raw_sk_init().
 */
struct sock *raw_sock_create(struct net *net, int protocol)
{
	struct sock *sk;

	if (!net || !net->ipv4)
		return NULL;
	sk = calloc(1, sizeof(*sk));
	if (!sk)
		return NULL;
	sk->sk_net = net;
	sk->sk_protocol = protocol;
	sk->uc_ttl = -1;
	sk->pmtudisc = IP_PMTUDISC_WANT;
	sk->sk_rcvbuf = SK_RMEM_MAX;
	skb_queue_head_init(&sk->sk_receive_queue);
	skb_queue_head_init(&sk->sk_error_queue);
	list_add_tail(&sk->raw_node, &net->ipv4->raw_sockets);
	return sk;
}

/*
 * setsockopt() on a raw IPv4 socket: SOL_SOCKET SO_BROADCAST, SOL_RAW
 * ICMP_FILTER, SOL_IP IP_TTL and IP_RECVERR, each with an int value. 0, -EINVAL (a TTL outside
 * 1..255; -1 restores the default), -EOPNOTSUPP (ICMP_FILTER on a
 * non-ICMP socket) or -ENOPROTOOPT.
 * 6.1: raw_setsockopt() -> do_raw_setsockopt() or ip_setsockopt() ->
 * do_ip_setsockopt() in net/ipv4/ip_sockglue.c, for these four options.
 */
int raw_setsockopt(struct sock *sk, int level, int optname, int val)
{
	if (level == SOL_SOCKET) {
		/* 6.1: sk_setsockopt() in net/core/sock.c */
		if (optname != SO_BROADCAST)
			return -ENOPROTOOPT;
		sk->broadcast = !!val;
		return 0;
	}
	if (level == SOL_RAW) {
		if (optname != ICMP_FILTER)
			return -ENOPROTOOPT;
		if (sk->sk_protocol != IPPROTO_ICMP)
			return -EOPNOTSUPP;
		sk->icmp_filter = (u32)val;
		return 0;
	}
	if (level != SOL_IP)
		return -ENOPROTOOPT;
	switch (optname) {
	case IP_TTL:
		if (val != -1 && (val < 1 || val > 255))
			return -EINVAL;
		sk->uc_ttl = val;
		return 0;
	case IP_RECVERR:
		sk->recverr = !!val;
		if (!val)
			__skb_queue_purge(&sk->sk_error_queue);
		return 0;
	case IP_MTU_DISCOVER:
		if (val < IP_PMTUDISC_DONT || val > 5)	/* IP_PMTUDISC_OMIT */
			return -EINVAL;
		sk->pmtudisc = (u8)val;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

/*
 * SO_BINDTODEVICE.
 * sim: 6.1's sock_bindtoindex() in net/core/sock.c, by name.
 */
int raw_sock_bind_dev(struct sock *sk, const char *ifname)
{
	struct net_device *dev;

	if (!sk->sk_net)
		return -ENODEV;
	if (!ifname || !*ifname) {
		sk->sk_bound_dev_if = 0;
		return 0;
	}
	dev = __dev_get_by_name(sk->sk_net, ifname);
	if (!dev)
		return -ENODEV;
	sk->sk_bound_dev_if = dev->ifindex;
	return 0;
}

/*
 * bind().
 * sim: 6.1's raw_bind(): the address must be ours (or 0).
 */
int raw_sock_bind_addr(struct sock *sk, __be32 addr)
{
	unsigned int type;

	if (!sk->sk_net)
		return -EADDRNOTAVAIL;
	type = inet_addr_type(sk->sk_net, addr);
	if (addr && type != RTN_LOCAL && type != RTN_MULTICAST &&
	    type != RTN_BROADCAST)
		return -EADDRNOTAVAIL;
	sk->inet_rcv_saddr = sk->inet_saddr = addr;
	if (type == RTN_MULTICAST || type == RTN_BROADCAST)
		sk->inet_saddr = 0;
	return 0;
}

/* Route to @daddr as a send from @sk would. */
static struct rtable *raw_route(struct sock *sk, struct flowi4 *fl4,
				__be32 daddr, __be32 saddr, int *err)
{
	memset(fl4, 0, sizeof(*fl4));
	fl4->flowi4_oif = sk->sk_bound_dev_if;
	fl4->flowi4_tos = sk->tos;
	fl4->flowi4_proto = (u8)sk->sk_protocol;
	fl4->daddr = daddr;
	fl4->saddr = saddr ? saddr : sk->inet_saddr;
	return ip_route_output_key(sk->sk_net, fl4, err);
}

/*
 * What ping's UDP probe connect()+getsockname() finds.
 * sim: stands for ping's UDP probe socket (6.1: udp connect + getsockname;
 * __ip4_datagram_connect() refuses a broadcast route with -EACCES unless
 * the socket has SO_BROADCAST).
 */
int raw_sock_connect_probe(struct sock *sk, __be32 daddr, __be32 *saddr)
{
	struct flowi4 fl4;
	struct rtable *rt;
	int err = -ENETUNREACH;

	if (!sk->sk_net)
		return -ENETDOWN;
	rt = raw_route(sk, &fl4, daddr, 0, &err);
	if (!rt)
		return err;
	if ((rt->rt_flags & RTCF_BROADCAST) && !sk->broadcast)
		return -EACCES;
	if (saddr)
		*saddr = fl4.saddr;
	return 0;
}

/*
 * sendto().
 * 6.1: raw_sendmsg() without IP_HDRINCL: route, refuse
 * broadcast (no SO_BROADCAST), build the datagram, send. -ENOBUFS from
 * the device is hidden unless IP_RECVERR, as in 6.1. The system call
 * reaches it through __sock_sendmsg(), and inet_sendmsg() only jumps
 * here, so ftrace names __sock_sendmsg as the caller.
 */
int raw_sendmsg(struct sock *sk, __be32 daddr, __be32 saddr,
		const void *icmp, size_t len)
{
	FTRACE_ENTRY_FROM("__sock_sendmsg");
	struct sk_buff *skb;
	struct flowi4 fl4;
	struct rtable *rt;
	int err = -EINVAL;

	if (!sk->sk_net || !sk->sk_net->ipv4)
		return -ENETDOWN;
	if (len > 0xFFFF)
		return -EMSGSIZE;
	rt = raw_route(sk, &fl4, daddr, saddr, &err);
	if (!rt) {
		if (err == -ENETUNREACH)
			__IP_INC_STATS(sk->sk_net, IPSTATS_MIB_OUTNOROUTES);
		return err;
	}
	if ((rt->rt_flags & RTCF_BROADCAST) && !sk->broadcast)
		return -EACCES;
	if (rt->dst.dev) {
		/*
		 * 6.1 __ip_append_data(): a datagram may be as big as the MTU
		 * when DF is forced (IP_PMTUDISC_DO, PROBE), else as big as an
		 * IP datagram can be (ip_sk_ignore_df(): it will be
		 * fragmented); past that, a local error carrying the MTU
		 * (ip_local_error()).
		 */
		unsigned int mtu = rt->dst.dev->mtu < 0xFFFF ?
				   rt->dst.dev->mtu : 0xFFFF;	/* IP_MAX_MTU */
		unsigned int maxnonfragsize =
			sk->pmtudisc >= IP_PMTUDISC_DO ? mtu : 0xFFFF;

		if (len > maxnonfragsize - sizeof(struct iphdr)) {
			sk->local_err_mtu = mtu;
			return -EMSGSIZE;
		}
	}
	skb = ip_make_skb(sk, &fl4, icmp, len, (u8)sk->sk_protocol,
			  sk->uc_ttl > 0 ? (u8)sk->uc_ttl : 0, sk->tos, rt);
	if (!skb)
		return -ENOBUFS;
	err = ip_push_pending_frames(sk->sk_net, skb);
	if (err == -ENOBUFS && !sk->recverr)
		err = 0;
	return err < 0 ? err : (int)len;
}

/*
 * recvmsg(MSG_DONTWAIT).
 * 6.1: raw_recvmsg() -> skb_recv_datagram(MSG_DONTWAIT), no copy.
 */
struct sk_buff *raw_recv(struct sock *sk)
{
	struct sk_buff *skb = __skb_dequeue(&sk->sk_receive_queue);

	if (skb) {
		sk->sk_rmem_alloc -= skb->truesize;
		skb->sk = NULL;
	}
	return skb;
}

/*
 * recvmsg(MSG_ERRQUEUE).
 * 6.1: ip_recv_error() in net/ipv4/ip_sockglue.c; the sock_extended_err is
 * left to the caller.
 */
struct sk_buff *raw_recv_error(struct sock *sk)
{
	return __skb_dequeue(&sk->sk_error_queue);
}

/*
 * recvmsg(MSG_ERRQUEUE) of a local error: its MTU, or 0 if none; reading
 * it clears it.
 * sim: 6.1's ip_recv_error() (net/ipv4/ip_sockglue.c) on the skb that
 * ip_local_error() queued, whose sock_extended_err (SO_EE_ORIGIN_LOCAL,
 * EMSGSIZE) carries the MTU in ee_info; only that number is kept here.
 */
u32 raw_recv_local_error(struct sock *sk)
{
	u32 mtu = sk->local_err_mtu;

	sk->local_err_mtu = 0;
	return mtu;
}

/*
 * recvmsg() into a buffer.
 * 6.1: raw_recvmsg() without cmsgs or MSG_TRUNC.
 */
int raw_recvmsg(struct sock *sk, void *buf, size_t len, __be32 *from)
{
	struct sk_buff *skb = raw_recv(sk);
	size_t n;

	if (!skb)
		return -EAGAIN;
	n = min((size_t)skb->len, len);
	memcpy(buf, skb->data, n);
	if (from)
		*from = ip_hdr(skb)->saddr;
	consume_skb(skb);
	return (int)n;
}

/* sim: drop whatever both queues hold (6.1: in sk_destruct). */
static void raw_sock_purge(struct sock *sk)
{
	struct sk_buff *skb;

	while ((skb = raw_recv(sk)) != NULL)
		kfree_skb(skb);
	__skb_queue_purge(&sk->sk_error_queue);
}

/*
 * close().
 * 6.1: inet_release() -> raw_close() -> sk_free().
 */
void raw_sock_release(struct sock *sk)
{
	if (!sk)
		return;
	raw_sock_purge(sk);
	if (sk->sk_net)
		list_del(&sk->raw_node);
	free(sk);
}

/* The namespace goes while sockets are open: they keep working as
 * closed-network sockets (sends fail) until released.
 * sim: 6.1 sockets pin their namespace, so it cannot go first.
 */
void raw_exit_net(struct net *net)
{
	struct sock *sk, *n;

	list_for_each_entry_safe(sk, n, &net->ipv4->raw_sockets, raw_node) {
		raw_sock_purge(sk);
		list_del(&sk->raw_node);
		sk->sk_net = NULL;
	}
}
