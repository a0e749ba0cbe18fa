// SPDX-License-Identifier: GPL-2.0
/*
 * Routing decisions for packets: where a locally made packet goes
 * (ip_route_output_key) and what to do with a received one
 * (ip_route_input_noref). The FIB answers "which route"; this file turns
 * the answer into an rtable with input/output handlers and hangs it on
 * the skb. 6.1: net/ipv4/route.c, without multicast routing, PMTU and
 * redirect exceptions, and the per-nexthop rtable caches (see net/route.h
 * for how rtables live here instead).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <linux/if_ether.h>
#include <net/route.h>
#include <net/ip_fib.h>
#include <net/ip.h>
#include <net/icmp.h>
#include "pernet.h"

/* A dead route's handlers. 6.1: dst_discard / dst_discard_out. */
static int dst_discard(struct sk_buff *skb)
{
	kfree_skb(skb);
	return 0;
}

static int dst_discard_out(struct net *net, struct sock *sk,
			   struct sk_buff *skb)
{
	kfree_skb(skb);
	return 0;
}

/*
 * An input route used for output: a bug.
 * 6.1: ip_rt_bug() warns too.
 */
static int ip_rt_bug(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	kfree_skb(skb);
	return 0;
}

/* 6.1: dst_output(), an inline in include/net/dst.h. */
int dst_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	return skb_dst(skb)->output(net, sk, skb);
}

/* sim: may two results share one rtable? */
static bool rt_same(const struct rtable *a, const struct rtable *b)
{
	return a->dst.dev == b->dst.dev && a->dst.input == b->dst.input &&
	       a->dst.output == b->dst.output &&
	       a->dst.error == b->dst.error &&
	       a->dst.obsolete == b->dst.obsolete &&
	       a->rt_flags == b->rt_flags && a->rt_type == b->rt_type &&
	       a->rt_is_input == b->rt_is_input &&
	       a->rt_uses_gateway == b->rt_uses_gateway &&
	       a->rt_iif == b->rt_iif && a->rt_gw4 == b->rt_gw4;
}

/*
 * Hand out an rtable equal to @tmpl.
 * 6.1: rt_dst_alloc() makes a new one
 * (or the caller reuses the nexthop's cached one); here equal results
 * share one rtable owned by the namespace, so memory stays bounded by the
 * number of distinct routes and no skb ever holds a freed dst.
 */
static struct rtable *rt_dst_alloc(struct net *net, const struct rtable *tmpl)
{
	struct rtable *rt;

	list_for_each_entry(rt, &net->ipv4->rt_cache, rt_cache_list) {
		if (rt_same(rt, tmpl)) {
			rt->dst.__use++;
			return rt;
		}
	}
	rt = malloc(sizeof(*rt));
	if (!rt)
		return NULL;
	*rt = *tmpl;
	rt->rt_net = net;
	rt->rt_genid = net->ipv4->rt_genid;
	rt->dst.__use = 1;
	list_add_tail(&rt->rt_cache_list, &net->ipv4->rt_cache);
	return rt;
}

/* 6.1: rt_flush_dev(): routes through a vanishing device now discard. */
void rt_flush_dev(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct rtable *rt;

	if (!net->ipv4)
		return;
	list_for_each_entry(rt, &net->ipv4->rt_cache, rt_cache_list) {
		if (rt->dst.dev != dev)
			continue;
		rt->dst.dev = (dev == net->loopback_dev) ? NULL :
							    net->loopback_dev;
		rt->dst.input = dst_discard;
		rt->dst.output = dst_discard_out;
		rt->dst.obsolete = DST_OBSOLETE_DEAD;
	}
}

/* 6.1: bumps the generation so cached routes are looked up again. */
void rt_cache_flush(struct net *net)
{
	if (net->ipv4)
		net->ipv4->rt_genid++;
}

/* sim: the namespace is going; so is every rtable it handed out. */
void ip_rt_free_cache(struct net *net)
{
	struct rtable *rt, *n;

	list_for_each_entry_safe(rt, n, &net->ipv4->rt_cache, rt_cache_list) {
		list_del(&rt->rt_cache_list);
		free(rt);
	}
}

/* sim: 6.1's rt_genid_init() (and ipv4_inetpeer_init()), per namespace. */
void ip_rt_init_net(struct net *net)
{
	INIT_LIST_HEAD(&net->ipv4->rt_cache);
}

/*
 * Received packet with no usable route: count it, and when this device
 * forwards, tell the sender (ICMP net or host unreachable).
 * 6.1: ip_error(),
 * except that its own per-peer bucket (ip_rt_error_cost) is not modelled:
 * icmp_send()'s limiter still applies; and a packet refused because the
 * device does not forward is dropped as IP_INADDRERRORS there, OTHERHOST
 * here.
 */
int ip_error(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct rtable *rt = skb_rtable(skb);
	struct net *net = dev_net(skb->dev);
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct in_device *in_dev = __in_dev_get_rcu(skb->dev);
	int code;

	if (!in_dev)
		goto out;
	if (!IN_DEV_FORWARD(in_dev)) {
		if (rt->dst.error == EHOSTUNREACH) {
			reason = SKB_DROP_REASON_OTHERHOST;
			__IP_INC_STATS(net, IPSTATS_MIB_INADDRERRORS);
		} else if (rt->dst.error == ENETUNREACH) {
			__IP_INC_STATS(net, IPSTATS_MIB_INNOROUTES);
		}
		goto out;
	}
	switch (rt->dst.error) {
	case EHOSTUNREACH:
		code = ICMP_HOST_UNREACH;
		break;
	case ENETUNREACH:
		code = ICMP_NET_UNREACH;
		reason = SKB_DROP_REASON_IP_NOROUTE;
		__IP_INC_STATS(net, IPSTATS_MIB_INNOROUTES);
		break;
	case EACCES:
		code = ICMP_PKT_FILTERED;
		break;
	default:
		goto out;
	}
	icmp_send(skb, ICMP_DEST_UNREACH, code, 0);
out:
	kfree_skb_reason(skb, reason);
	return 0;
}

/* 6.1: ip_handle_martian_source(): counted, logged if log_martians. */
static void ip_handle_martian_source(struct net_device *dev,
				     struct in_device *in_dev,
				     __be32 daddr, __be32 saddr)
{
	RT_CACHE_STAT_INC(dev_net(dev), in_martian_src);
}

/* The input route handed to skbs for us. 6.1: local_input label. */
static int ip_mk_local_input(struct sk_buff *skb, struct net_device *dev,
			     unsigned int type, unsigned int flags, int error)
{
	struct net *net = dev_net(dev);
	struct rtable tmpl, *rth;

	memset(&tmpl, 0, sizeof(tmpl));
	tmpl.dst.dev = net->loopback_dev;
	tmpl.dst.output = ip_rt_bug;
	tmpl.dst.input = ip_local_deliver;
	tmpl.rt_flags = flags | RTCF_LOCAL;
	tmpl.rt_type = (u16)type;
	tmpl.rt_is_input = 1;
	RT_CACHE_STAT_INC(net, in_slow_tot);
	if (type == RTN_UNREACHABLE) {
		tmpl.dst.input = ip_error;
		tmpl.dst.error = -error;
		tmpl.rt_flags &= ~RTCF_LOCAL;
	}
	rth = rt_dst_alloc(net, &tmpl);
	if (!rth)
		return -ENOBUFS;
	skb_dst_set(skb, &rth->dst);
	return 0;
}

/*
 * The route of a packet to forward: out the nexthop's device, in through
 * ip_forward(), out through ip_output().
 * 6.1: __mkroute_input(), without
 * redirects (IPSKB_DOREDIRECT is never set: a packet that leaves by the
 * device it came in on is forwarded without telling the sender), the
 * ARP proxy case and the nexthop's rtable cache.
 */
static int __mkroute_input(struct sk_buff *skb, const struct fib_result *res,
			   struct in_device *in_dev, __be32 daddr,
			   __be32 saddr, u32 tos)
{
	struct net_device *dev_out = FIB_RES_DEV(*res);
	struct in_device *out_dev = dev_out ? __in_dev_get_rcu(dev_out) : NULL;
	struct net *net = dev_net(in_dev->dev);
	struct rtable tmpl, *rth;
	u32 itag = 0;
	int err;

	if (!out_dev)
		return -EINVAL;
	err = fib_validate_source(skb, saddr, daddr, (u8)tos,
				  FIB_RES_NH(*res).fib_nh_oif, in_dev->dev,
				  in_dev, &itag);
	if (err < 0) {
		ip_handle_martian_source(in_dev->dev, in_dev, daddr, saddr);
		return err;
	}
	memset(&tmpl, 0, sizeof(tmpl));
	tmpl.dst.dev = dev_out;
	tmpl.dst.output = ip_output;
	tmpl.dst.input = ip_forward;
	tmpl.rt_type = RTN_UNICAST;
	tmpl.rt_is_input = 1;
	RT_CACHE_STAT_INC(net, in_slow_tot);
	/* 6.1: rt_set_nexthop(): a gateway in the way (scope link) */
	if (FIB_RES_NH(*res).fib_nh_gw4 &&
	    FIB_RES_NH(*res).fib_nh_scope == RT_SCOPE_LINK) {
		tmpl.rt_gw4 = FIB_RES_NH(*res).fib_nh_gw4;
		tmpl.rt_uses_gateway = 1;
	}
	rth = rt_dst_alloc(net, &tmpl);
	if (!rth)
		return -ENOBUFS;
	skb_dst_set(skb, &rth->dst);
	return 0;
}

/* 6.1: ip_mkroute_input(), without multipath hashing. */
static int ip_mkroute_input(struct sk_buff *skb, struct fib_result *res,
			    struct in_device *in_dev, __be32 daddr,
			    __be32 saddr, u32 tos)
{
	return __mkroute_input(skb, res, in_dev, daddr, saddr, tos);
}

/*
 * 6.1: ip_route_input_slow(). Martian checks on the addresses, then the
 * FIB: local destinations pass fib_validate_source() (rp_filter,
 * accept_local) and get ip_local_deliver; the rest are forwarded
 * (ip_mkroute_input) when the device forwards, else get an "unreachable"
 * route that ip_error() drops and counts.
 */
static int ip_route_input_slow(struct sk_buff *skb, __be32 daddr,
			       __be32 saddr, u8 tos, struct net_device *dev)
{
	FTRACE_ENTRY();
	struct in_device *in_dev = __in_dev_get_rcu(dev);
	struct net *net = dev_net(dev);
	struct flowi4 fl4 = { 0 };
	struct fib_result res;
	unsigned int flags = 0;
	u32 itag = 0;
	int err = -EINVAL;

	if (!in_dev)
		return -EINVAL;
	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr))
		goto martian_source;
	if (ipv4_is_lbcast(daddr) || (saddr == 0 && daddr == 0))
		goto brd_input;
	if (ipv4_is_zeronet(saddr))
		goto martian_source;
	if (ipv4_is_zeronet(daddr))
		goto martian_destination;
	if (ipv4_is_loopback(daddr)) {
		if (!IN_DEV_ROUTE_LOCALNET(in_dev))
			goto martian_destination;
	} else if (ipv4_is_loopback(saddr)) {
		if (!IN_DEV_ROUTE_LOCALNET(in_dev))
			goto martian_source;
	}
	if (ipv4_is_multicast(daddr))
		goto martian_destination;	/* sim: no multicast input */

	fl4.flowi4_iif = dev->ifindex;
	fl4.flowi4_tos = tos;
	fl4.flowi4_scope = RT_SCOPE_UNIVERSE;
	fl4.daddr = daddr;
	fl4.saddr = saddr;
	err = fib_lookup(net, &fl4, &res, 0);
	if (err != 0) {
		if (!IN_DEV_FORWARD(in_dev))
			err = -EHOSTUNREACH;
		goto no_route;
	}
	if (res.type == RTN_BROADCAST)
		goto brd_input;
	if (res.type == RTN_LOCAL) {
		err = fib_validate_source(skb, saddr, daddr, tos, 0, dev,
					  in_dev, &itag);
		if (err < 0)
			goto martian_source;
		return ip_mk_local_input(skb, dev, RTN_LOCAL, flags, 0);
	}
	if (!IN_DEV_FORWARD(in_dev)) {
		err = -EHOSTUNREACH;
		goto no_route;
	}
	if (res.type != RTN_UNICAST)
		goto martian_destination;
	return ip_mkroute_input(skb, &res, in_dev, daddr, saddr, tos);

brd_input:
	if (skb->protocol != htons(ETH_P_IP))
		return -EINVAL;
	if (!ipv4_is_zeronet(saddr)) {
		err = fib_validate_source(skb, saddr, 0, tos, 0, dev, in_dev,
					  &itag);
		if (err < 0)
			goto martian_source;
	}
	RT_CACHE_STAT_INC(net, in_brd);
	return ip_mk_local_input(skb, dev, RTN_BROADCAST,
				 flags | RTCF_BROADCAST, 0);

no_route:
	RT_CACHE_STAT_INC(net, in_no_route);
	return ip_mk_local_input(skb, dev, RTN_UNREACHABLE, 0, err);

martian_destination:
	RT_CACHE_STAT_INC(net, in_martian_dst);
	return -EINVAL;

martian_source:
	ip_handle_martian_source(dev, in_dev, daddr, saddr);
	return err;
}

/* 6.1: ip_route_input_noref() -> ip_route_input_rcu() (no multicast). */
int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			 u8 tos, struct net_device *dev)
{
	FTRACE_ENTRY();
	if (!dev_net(dev)->ipv4)
		return -EINVAL;
	return ip_route_input_slow(skb, daddr, saddr, tos, dev);
}

/*
 * Make the output rtable.
 * 6.1: __mkroute_output(). Whatever goes out a
 * loopback device is local; rt_iif remembers the oif the caller asked for,
 * which is how a reply to a socket bound with SO_BINDTODEVICE (ping -I
 * veth0) still matches that socket after travelling over lo.
 */
static struct rtable *__mkroute_output(struct net *net,
				       const struct fib_result *res,
				       const struct flowi4 *fl4, int orig_oif,
				       struct net_device *dev_out,
				       unsigned int flags, int *err)
{
	unsigned int type = res->type;
	struct rtable tmpl, *rth;

	*err = -EINVAL;
	if (ipv4_is_loopback(fl4->saddr) && !(dev_out->flags & IFF_LOOPBACK))
		return NULL;
	if (ipv4_is_lbcast(fl4->daddr))
		type = RTN_BROADCAST;
	else if (ipv4_is_multicast(fl4->daddr))
		type = RTN_MULTICAST;
	else if (ipv4_is_zeronet(fl4->daddr))
		return NULL;
	if (dev_out->flags & IFF_LOOPBACK)
		flags |= RTCF_LOCAL;
	if (type == RTN_BROADCAST)
		flags |= RTCF_BROADCAST | RTCF_LOCAL;

	memset(&tmpl, 0, sizeof(tmpl));
	tmpl.dst.dev = dev_out;
	tmpl.dst.output = ip_output;
	tmpl.dst.input = (flags & RTCF_LOCAL) ? ip_local_deliver : dst_discard;
	if ((flags & RTCF_BROADCAST) && (flags & RTCF_LOCAL) &&
	    !(dev_out->flags & IFF_LOOPBACK))
		tmpl.dst.output = ip_mc_output;	/* the host's copy too */
	tmpl.rt_flags = flags;
	tmpl.rt_type = (u16)type;
	tmpl.rt_iif = orig_oif;
	/* 6.1: rt_set_nexthop(): a gateway in the way (scope link) */
	if (res->fi && FIB_RES_NH(*res).fib_nh_gw4 &&
	    FIB_RES_NH(*res).fib_nh_scope == RT_SCOPE_LINK) {
		tmpl.rt_gw4 = FIB_RES_NH(*res).fib_nh_gw4;
		tmpl.rt_uses_gateway = 1;
	}
	rth = rt_dst_alloc(net, &tmpl);
	*err = rth ? 0 : -ENOBUFS;
	return rth;
}

/*
 * Route a locally generated packet.
 * 6.1: ip_route_output_key_hash_rcu(). The steps, in 6.1's order: check a given source, honour a given oif
 * (SO_BINDTODEVICE), handle "no destination" (to ourselves), ask the FIB,
 * and send local destinations through the loopback device.
 */
struct rtable *ip_route_output_key(struct net *net, struct flowi4 *fl4,
				   int *err)
{
	FTRACE_ENTRY();
	struct net_device *dev_out = NULL;
	int orig_oif = fl4->flowi4_oif;
	struct fib_result res = { 0 };
	unsigned int flags = 0;
	int e;

	if (!err)
		err = &e;
	if (!net->ipv4 || !net->loopback_dev) {
		*err = -ENETUNREACH;
		return NULL;
	}
	fl4->flowi4_iif = LOOPBACK_IFINDEX;
	if (fl4->saddr) {
		*err = -EINVAL;
		if (ipv4_is_multicast(fl4->saddr) ||
		    ipv4_is_lbcast(fl4->saddr) || ipv4_is_zeronet(fl4->saddr))
			return NULL;
		/* 6.1: a source that is not ours: "Network is unreachable" */
		*err = -ENETUNREACH;
		if (!(fl4->flowi4_flags & FLOWI_FLAG_ANYSRC) &&
		    !__ip_dev_find(net, fl4->saddr, false))
			return NULL;
	}
	if (fl4->flowi4_oif) {
		dev_out = __dev_get_by_index(net, fl4->flowi4_oif);
		*err = -ENODEV;
		if (!dev_out)
			return NULL;
		/* 6.1: RT_SCOPE_LINK addresses of a down device are not used */
		if (!(dev_out->flags & IFF_UP) || !__in_dev_get_rcu(dev_out)) {
			*err = -ENETUNREACH;
			return NULL;
		}
		if (ipv4_is_lbcast(fl4->daddr) ||
		    ipv4_is_multicast(fl4->daddr)) {
			if (!fl4->saddr)
				fl4->saddr = inet_select_addr(dev_out, 0,
							      RT_SCOPE_LINK);
			res.type = RTN_BROADCAST;
			goto make_route;
		}
		if (!fl4->saddr && !fl4->daddr)
			fl4->saddr = inet_select_addr(dev_out, 0,
						      RT_SCOPE_HOST);
	}
	if (!fl4->daddr) {
		fl4->daddr = fl4->saddr;
		if (!fl4->daddr)
			fl4->daddr = fl4->saddr = htonl(INADDR_LOOPBACK);
		dev_out = net->loopback_dev;
		fl4->flowi4_oif = LOOPBACK_IFINDEX;
		res.type = RTN_LOCAL;
		flags |= RTCF_LOCAL;
		goto make_route;
	}

	*err = fib_lookup(net, fl4, &res, 0);
	if (*err) {
		res.fi = NULL;
		res.table = NULL;
		if (fl4->flowi4_oif) {
			/* "Apparently, routing tables are wrong. Assume
			 * that the destination is on link." (6.1) */
			if (!fl4->saddr)
				fl4->saddr = inet_select_addr(dev_out, 0,
							      RT_SCOPE_LINK);
			res.type = RTN_UNICAST;
			goto make_route;
		}
		return NULL;
	}
	if (res.type == RTN_LOCAL) {
		if (!fl4->saddr)
			fl4->saddr = res.fi->fib_prefsrc ?
				     res.fi->fib_prefsrc : fl4->daddr;
		dev_out = net->loopback_dev;
		/* The packet travels over lo, but counts as arriving on the
		 * device that owns the address (rt_iif): that is how the
		 * echo reply to 192.168.1.1 (local on veth0) reaches a
		 * socket bound to veth0 in seed 003. */
		orig_oif = FIB_RES_NH(res).fib_nh_oif;
		fl4->flowi4_oif = dev_out->ifindex;
		flags |= RTCF_LOCAL;
		goto make_route;
	}
	if (!fl4->saddr)
		fl4->saddr = FIB_RES_PREFSRC(net, res);
	dev_out = FIB_RES_DEV(res);

make_route:
	return __mkroute_output(net, &res, fl4, orig_oif, dev_out, flags, err);
}

/*
 * 6.1: rt_fill_info() into a decoded record: the route's type and flags,
 * RTA_DST, RTA_SRC when the request gave one, RTA_OIF, RTA_PREFSRC (an
 * output route's chosen source, when it is not RTA_SRC), RTA_GATEWAY when
 * the route uses one, RTA_IIF for an input route.
 */
static void rt_fill_info(struct rtnl_route_msg *m, const struct flowi4 *fl4,
			 __be32 src, const struct rtable *rt)
{
	memset(m, 0, sizeof(*m));
	m->rtm.rtm_family = AF_INET;
	m->rtm.rtm_dst_len = 32;
	m->rtm.rtm_table = RT_TABLE_MAIN;
	m->rtm.rtm_type = (u8)rt->rt_type;
	m->rtm.rtm_scope = RT_SCOPE_UNIVERSE;
	m->rtm.rtm_protocol = RTPROT_UNSPEC;
	m->rtm.rtm_flags = (rt->rt_flags & ~0xFFFFu) | RTM_F_CLONED;
	m->table = RT_TABLE_MAIN;
	m->dst = fl4->daddr;
	if (src) {
		m->rtm.rtm_src_len = 32;
		m->src = src;
	}
	if (rt->dst.dev)
		m->oif = rt->dst.dev->ifindex;
	if (!rt->rt_is_input && fl4->saddr != src)
		m->prefsrc = fl4->saddr;
	if (rt->rt_uses_gateway)
		m->gateway = rt->rt_gw4;
	if (rt->rt_is_input)
		m->iif = fl4->flowi4_iif;
}

/*
 * 6.1: inet_rtm_getroute(): with iif, a made-up packet from that device
 * goes through ip_route_input_rcu() (its route's error is the answer);
 * without, @fl4 is routed as a locally generated packet. 0 or -errno.
 */
int inet_rtm_getroute(struct net *net, struct flowi4 *fl4,
		      struct rtnl_route_msg *m, struct netlink_ext_ack *extack)
{
	__be32 src = fl4->saddr;
	struct sk_buff *skb;
	struct rtable *rt;
	int err = 0;

	if (fl4->flowi4_iif) {
		struct net_device *dev = __dev_get_by_index(net,
							     fl4->flowi4_iif);

		if (!dev)
			return -ENODEV;
		skb = alloc_skb(0, GFP_KERNEL);
		if (!skb)
			return -ENOBUFS;
		skb->protocol = htons(ETH_P_IP);
		skb->dev = dev;
		err = ip_route_input_noref(skb, fl4->daddr, fl4->saddr,
					   fl4->flowi4_tos, dev);
		rt = skb_rtable(skb);
		if (err == 0 && rt->dst.error)
			err = -rt->dst.error;
		if (err == 0)
			rt_fill_info(m, fl4, src, rt);
		consume_skb(skb);	/* 6.1: it becomes the reply */
		return err;
	}
	rt = ip_route_output_key(net, fl4, &err);
	if (!rt)
		return err ? err : -ENETUNREACH;
	rt_fill_info(m, fl4, src, rt);
	return 0;
}

/* 6.1: ip_rt_init() sets up the dst cache and /proc files. */
int ip_rt_init(void)
{
	return 0;
}
