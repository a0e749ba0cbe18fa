/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the IPv4 unit tests (check_arp, check_ipv4, ...): make a
 * veth pair, address it, ping over a raw socket as iputils does, build
 * hand-made frames. Static functions so each test binary takes what it uses.
 */
#ifndef VETHLAB_INET_HELPERS_H
#define VETHLAB_INET_HELPERS_H

#include <stdio.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/inetdevice.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/ktime.h>
#include <linux/sysctl.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <net/ip.h>
#include <net/sock.h>
#include <net/neighbour.h>
#include <net/arp.h>
#include <net/route.h>
#include <net/ip_fib.h>
#include "unit.h"

/* Deterministic clock from before boot: simulated seconds cost nothing. */
static inline void det_clock(void)
{
	sim_clock_set_deterministic(true);
}

/* unit_tcase() with the deterministic clock. */
static inline TCase *inet_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, det_clock, NULL);
	tcase_add_checked_fixture(tc, unit_kernel_setup, unit_kernel_teardown);
	suite_add_tcase(s, tc);
	return tc;
}

static inline __be32 A(const char *s)
{
	unsigned int b[4];

	ck_assert_int_eq(sscanf(s, "%u.%u.%u.%u", &b[0], &b[1], &b[2], &b[3]),
			 4);
	return htonl((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]);
}

static inline struct net_device *D(struct net *net, const char *name)
{
	struct net_device *d = __dev_get_by_name(net, name);

	ck_assert_msg(d != NULL, "no device %s", name);
	return d;
}

static inline void add_pair(struct net *net, const char *a, const char *b)
{
	struct rtnl_newlink_req req;
	struct netlink_ext_ack ext = { 0 };

	memset(&req, 0, sizeof(req));
	req.kind = "veth";
	strcpy(req.tb.ifname, a);
	req.has_peer = true;
	strcpy(req.peer.ifname, b);
	ck_assert_int_eq(rtnl_newlink(net, &req, &ext), 0);
}

static inline void up(struct net *net, const char *name)
{
	ck_assert_int_eq(dev_open(D(net, name), NULL), 0);
}

static inline int addr_add(struct net *net, const char *dev,
			   const char *addr, int plen)
{
	struct inet_addr_req req = {
		.dev = D(net, dev),
		.local = A(addr),
		.prefixlen = (unsigned char)plen,
		.has_prefixlen = true,
		.scope = -1,
	};

	return inet_rtm_newaddr(net, &req, NULL);
}

static inline void move_dev(struct net *from, const char *name, struct net *to)
{
	struct rtnl_setlink_req req = { 0 };

	req.net = to;
	req.netns_given = true;
	ck_assert_int_eq(rtnl_setlink(from, name, &req, NULL), 0);
}

static inline void sysctl_set(struct net *net, const char *name,
			      const char *val)
{
	ck_assert_int_eq(sysctl_write(net, name, val), 0);
}

/* An echo request as ping builds it: id, seq, 56 bytes of data. */
static inline size_t make_echo(u8 *buf, u16 id, u16 seq)
{
	struct icmphdr *h = (struct icmphdr *)buf;
	size_t len = sizeof(*h) + 56;

	memset(buf, 0, len);
	h->type = ICMP_ECHO;
	h->un.echo.id = htons(id);
	h->un.echo.sequence = htons(seq);
	for (size_t i = sizeof(*h); i < len; i++)
		buf[i] = (u8)i;
	h->checksum = ip_compute_csum(buf, (int)len);
	return len;
}

/* Let @ns of simulated time pass (timers, softirqs). */
static inline void run_for(u64 ns)
{
	sim_run_until(ktime_get_ns() + ns);
}

/* Count what @sk has queued: echo replies for @id, and unreachables. */
static inline void drain(struct sock *sk, u16 id, int *replies, int *unreach)
{
	struct sk_buff *skb;

	while ((skb = raw_recv(sk)) != NULL) {
		struct iphdr *iph = (struct iphdr *)skb->data;
		struct icmphdr *h = (struct icmphdr *)(skb->data +
						       iph->ihl * 4);

		if (h->type == ICMP_ECHOREPLY && ntohs(h->un.echo.id) == id &&
		    replies)
			(*replies)++;
		if (h->type == ICMP_DEST_UNREACH && unreach)
			(*unreach)++;
		consume_skb(skb);
	}
}

/* ping -c 1 -W @wait [-I @ifname] @dst from @net: replies received. */
static inline int ping1(struct net *net, const char *ifname,
			const char *dst, u64 wait)
{
	struct sock *sk = raw_sock_create(net, IPPROTO_ICMP);
	u8 buf[128];
	size_t len = make_echo(buf, 0x1234, 1);
	int replies = 0;

	ck_assert_ptr_nonnull(sk);
	if (ifname)
		ck_assert_int_eq(raw_sock_bind_dev(sk, ifname), 0);
	ck_assert_int_eq(raw_sendmsg(sk, A(dst), 0, buf, len), (int)len);
	run_for(wait);
	drain(sk, 0x1234, &replies, NULL);
	raw_sock_release(sk);
	return replies;
}

/* Seed 003's setup: both ends in @net, 192.168.1.1/.2, lo up. */
static inline void seed003_setup(struct net *net)
{
	up(net, "lo");
	add_pair(net, "veth0", "veth1");
	ck_assert_int_eq(addr_add(net, "veth0", "192.168.1.1", 24), 0);
	ck_assert_int_eq(addr_add(net, "veth1", "192.168.1.2", 24), 0);
	up(net, "veth0");
	up(net, "veth1");
}

static inline void seed003_sysctls(struct net *net)
{
	sysctl_set(net, "/proc/sys/net/ipv4/conf/all/rp_filter", "0");
	sysctl_set(net, "/proc/sys/net/ipv4/conf/veth0/rp_filter", "0");
	sysctl_set(net, "/proc/sys/net/ipv4/conf/veth1/rp_filter", "0");
	sysctl_set(net, "/proc/sys/net/ipv4/conf/veth1/accept_local", "1");
	sysctl_set(net, "/proc/sys/net/ipv4/conf/veth0/accept_local", "1");
}

static inline struct neighbour *neigh_of(struct net *net, const char *dev,
					 const char *addr)
{
	__be32 key = A(addr);

	return neigh_lookup(&arp_tbl, &key, D(net, dev));
}

/*
 * Hand @len bytes of @payload to @dev as if its wire delivered an Ethernet
 * frame from @src (to @dst, NULL: dev's own MAC), and let softirqs run.
 */
static inline void inject(struct net_device *dev, const u8 *src, const u8 *dst,
			  u16 proto, const void *payload, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN + len + 64, GFP_KERNEL);
	struct ethhdr *eth;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 32);
	eth = skb_put(skb, ETH_HLEN);
	memcpy(eth->h_dest, dst ? dst : dev->dev_addr, ETH_ALEN);
	memcpy(eth->h_source, src, ETH_ALEN);
	eth->h_proto = htons(proto);
	if (len)
		skb_put_data(skb, payload, len);
	skb->dev = dev;
	skb->protocol = eth_type_trans(skb, dev);
	netif_rx(skb);
	run_for(NSEC_PER_MSEC);
}

/* A valid IPv4 header + ICMP echo into @buf; returns the length. */
static inline unsigned int make_ip_echo(u8 *buf, const char *src,
					const char *dst, u16 seq)
{
	struct iphdr *iph = (struct iphdr *)buf;
	size_t ilen = make_echo(buf + sizeof(*iph), 0x4242, seq);

	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->tot_len = htons((u16)(sizeof(*iph) + ilen));
	iph->saddr = A(src);
	iph->daddr = A(dst);
	ip_send_check(iph);
	return (unsigned int)(sizeof(*iph) + ilen);
}

static const u8 __attribute__((unused)) peer_mac[ETH_ALEN] = {
	0x02, 0, 0, 0, 0, 0x99 };

#endif
