/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Routing results: struct dst_entry / struct rtable and the flow key.
 * 6.1: include/net/dst.h, include/net/route.h, include/net/flow.h,
 * include/uapi/linux/rtnetlink.h (RTN_*, RT_SCOPE_*, RTPROT_*).
 *
 * Lifetime, the one big difference from 6.1: there a dst is refcounted and
 * freed by RCU after the last skb drops it. Here skb->_skb_refdst is a plain
 * pointer, and every rtable the route code hands out stays on its
 * namespace's net->ipv4->rt_cache list (one per distinct result, reused)
 * until the namespace is torn down. So an skb may point at a dst for as
 * long as it lives; nothing frees a dst behind its back. When a device goes
 * away its rtables are re-pointed at lo and made to discard (rt_flush_dev,
 * as 6.1 does).
 */
#ifndef _SIM_NET_ROUTE_H
#define _SIM_NET_ROUTE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>

struct net;
struct sock;

/* rtm_type */
enum {
	RTN_UNSPEC,
	RTN_UNICAST,		/* gateway or direct route */
	RTN_LOCAL,		/* accept locally */
	RTN_BROADCAST,		/* accept locally as broadcast, send as bcast */
	RTN_ANYCAST,
	RTN_MULTICAST,
	RTN_BLACKHOLE,		/* drop */
	RTN_UNREACHABLE,	/* destination is unreachable */
	RTN_PROHIBIT,		/* administratively prohibited */
	RTN_THROW,
	RTN_NAT,
	RTN_XRESOLVE,
	__RTN_MAX
};

/* rtm_scope: the distance to the destination */
enum rt_scope_t {
	RT_SCOPE_UNIVERSE = 0,
	RT_SCOPE_SITE = 200,
	RT_SCOPE_LINK = 253,
	RT_SCOPE_HOST = 254,
	RT_SCOPE_NOWHERE = 255
};

/* rtm_protocol: who installed the route */
#define RTPROT_UNSPEC	0
#define RTPROT_REDIRECT	1
#define RTPROT_KERNEL	2	/* "proto kernel": from an address */
#define RTPROT_BOOT	3	/* "proto boot": `ip route add` default */
#define RTPROT_STATIC	4

/* the tables (RT_TABLE_*) */
#define RT_TABLE_UNSPEC		0
#define RT_TABLE_DEFAULT	253
#define RT_TABLE_MAIN		254
#define RT_TABLE_LOCAL		255

/* rt_flags (RTCF_*) */
#define RTCF_NOTIFY		0x00010000
#define RTCF_REDIRECTED		0x00040000
#define RTCF_DOREDIRECT		0x01000000
#define RTCF_BROADCAST		0x10000000
#define RTCF_MULTICAST		0x20000000
#define RTCF_LOCAL		0x80000000

#define LOOPBACK_IFINDEX	1

/* A flow to route (6.1: struct flowi4, flowi_common folded in). */
struct flowi4 {
	int	flowi4_oif;	/* out device: SO_BINDTODEVICE, -I */
	int	flowi4_iif;	/* in device, for input routes */
	u32	flowi4_mark;
	u8	flowi4_tos;
	u8	flowi4_scope;	/* RT_SCOPE_*: widest acceptable */
	u8	flowi4_proto;
	u8	flowi4_flags;
	__be32	saddr;
	__be32	daddr;
};

#define FLOWI_FLAG_ANYSRC	0x01

struct dst_entry {
	struct net_device	*dev;
	int			(*input)(struct sk_buff *skb);
	int			(*output)(struct net *net, struct sock *sk,
					  struct sk_buff *skb);
	unsigned short		flags;
	short			obsolete;	/* DST_OBSOLETE_DEAD once flushed */
	int			error;		/* -EHOSTUNREACH ... */
	unsigned long		__use;		/* lookups that returned it */
};

#define DST_OBSOLETE_NONE	0
#define DST_OBSOLETE_DEAD	2

struct rtable {
	struct dst_entry	dst;		/* must be first (6.1: same) */
	struct net		*rt_net;	/* sim: which rt_cache owns it */
	struct list_head	rt_cache_list;	/* sim: in net->ipv4->rt_cache */
	int			rt_genid;
	unsigned int		rt_flags;	/* RTCF_* */
	u16			rt_type;	/* RTN_* */
	u8			rt_is_input;
	u8			rt_uses_gateway;
	int			rt_iif;		/* for output routes: the oif */
	__be32			rt_gw4;
	u32			rt_pmtu;
	/* sim: what the route was made from, for reuse and `ip route get` */
	__be32			rt_dst_key;
	__be32			rt_src_key;	/* preferred source, 0: none */
};

static inline struct dst_entry *skb_dst(const struct sk_buff *skb)
{
	return skb->_skb_refdst;
}

static inline struct rtable *skb_rtable(const struct sk_buff *skb)
{
	return (struct rtable *)skb_dst(skb);
}

/* 6.1: takes over a reference; here the rtable is owned by rt_cache. */
static inline void skb_dst_set(struct sk_buff *skb, struct dst_entry *dst)
{
	skb->_skb_refdst = dst;
}

static inline void skb_dst_drop(struct sk_buff *skb)
{
	skb->_skb_refdst = NULL;
}

static inline bool skb_valid_dst(const struct sk_buff *skb)
{
	return skb_dst(skb) != NULL;
}

/* The interface an input skb counts as arriving on (raw socket binding). */
static inline int inet_iif(const struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);

	if (rt && rt->rt_iif)
		return rt->rt_iif;
	return skb->skb_iif;
}

static inline int dst_input(struct sk_buff *skb)
{
	return skb_dst(skb)->input(skb);
}

int dst_output(struct net *net, struct sock *sk, struct sk_buff *skb);

/*
 * net/ipv4/route.c.
 * ip_route_output_key(): route a locally generated packet. Fills fl4->saddr
 * when it was 0. Returns the rtable or an ERR_PTR-style NULL with *err set:
 * -ENETUNREACH ("Network is unreachable"), -ENODEV (bad oif), -EINVAL.
 * RTN_LOCAL results go out the loopback device, as in 6.1.
 */
struct rtable *ip_route_output_key(struct net *net, struct flowi4 *fl4,
				   int *err);
/* RTM_GETROUTE (`ip route get`): the route ip_route_output_key() gives, as
 * rt_fill_info() reports it in @m; or, when @fl4->flowi4_iif is set, the
 * route a packet arriving on that device gets. 0 or -errno. */
struct rtnl_route_msg;
int inet_rtm_getroute(struct net *net, struct flowi4 *fl4,
		      struct rtnl_route_msg *m, struct netlink_ext_ack *extack);
/* Route a received packet; sets skb's dst. 0 or -errno (-EINVAL martian
 * source, -EXDEV rp_filter, -EHOSTUNREACH/-ENETUNREACH no route). */
int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			 u8 tos, struct net_device *dev);
/* 6.1: in fib_frontend.c; 0 if @src may arrive on @dev, else -EINVAL
 * (local/martian) or -EXDEV (reverse path fails rp_filter). */
struct in_device;
int fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst, u8 tos,
			int oif, struct net_device *dev, struct in_device *idev,
			u32 *itag);
/* Re-point @dev's rtables at lo and make them discard (6.1: same idea). */
void rt_flush_dev(struct net_device *dev);
/* Routes changed: cached results may be stale (6.1: bumps rt_genid). */
void rt_cache_flush(struct net *net);
/* Free every rtable of @net (pernet exit; sim only). */
void ip_rt_free_cache(struct net *net);
unsigned int inet_addr_type(struct net *net, __be32 addr);
unsigned int inet_addr_type_dev_table(struct net *net,
				      const struct net_device *dev,
				      __be32 addr);
int ip_rt_init(void);

/* address classes, include/linux/in.h */
static inline bool ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}

static inline bool ipv4_is_lbcast(__be32 addr)
{
	return addr == htonl(0xffffffff);
}

static inline bool ipv4_is_zeronet(__be32 addr)
{
	return (addr == 0) || (addr & htonl(0xff000000)) == htonl(0x00000000);
}

#endif
