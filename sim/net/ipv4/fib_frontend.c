// SPDX-License-Identifier: GPL-2.0
/*
 * The FIB's front door: the two tables of a namespace, the lookup that
 * tries them in order, reverse-path validation, `ip route add/del`, and the
 * routes that addresses and device events add and remove.
 * 6.1: net/ipv4/fib_frontend.c, built without CONFIG_IP_MULTIPLE_TABLES'
 * custom rules: the lookup is "local table, then main", which is what the
 * default rules 0 and 32766 do.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <net/ip_fib.h>
#include <net/route.h>
#include <net/arp.h>
#include <net/ip.h>
#include "fib_lookup.h"
#include "pernet.h"

/* 6.1: same, for the two tables that exist. */
struct fib_table *fib_get_table(struct net *net, u32 id)
{
	if (!net->ipv4)
		return NULL;
	if (id == RT_TABLE_LOCAL)
		return net->ipv4->fib_local;
	if (id == RT_TABLE_MAIN || id == RT_TABLE_UNSPEC)
		return net->ipv4->fib_main;
	return NULL;
}

/*
 * 6.1: creates any table id on demand; only main and local exist here,
 * local counting as made from its first route on.
 */
struct fib_table *fib_new_table(struct net *net, u32 id)
{
	if (id == RT_TABLE_LOCAL && net->ipv4)
		net->ipv4->fib_local_made = true;
	return fib_get_table(net, id);
}

/* 6.1: fib_lookup() (include/net/ip_fib.h, no custom rules). */
int fib_lookup(struct net *net, const struct flowi4 *flp,
	       struct fib_result *res, unsigned int flags)
{
	int err;

	if (!net->ipv4)
		return -ENETUNREACH;
	err = fib_table_lookup(net->ipv4->fib_main, flp, res, (int)flags);
	if (err == -EAGAIN)
		err = -ENETUNREACH;
	return err;
}

/*
 * The address to answer from (icmp_reply()).
 * 6.1: fib_compute_spec_dst(), without
 * VRFs and marks: a packet to one of our addresses is answered from it;
 * one to a broadcast address from the source the route back would use.
 */
__be32 fib_compute_spec_dst(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct rtable *rt = skb_rtable(skb);
	struct net *net = dev_net(dev);
	struct fib_result res;
	int scope = RT_SCOPE_UNIVERSE;

	if ((rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST | RTCF_LOCAL)) ==
	    RTCF_LOCAL)
		return ip_hdr(skb)->daddr;
	if (!ipv4_is_zeronet(ip_hdr(skb)->saddr)) {
		struct flowi4 fl4 = {
			.flowi4_iif = LOOPBACK_IFINDEX,
			.daddr = ip_hdr(skb)->saddr,
			.flowi4_tos = ip_hdr(skb)->tos & 0x1E,
			.flowi4_scope = (u8)scope,
		};

		if (!fib_lookup(net, &fl4, &res, 0))
			return FIB_RES_PREFSRC(net, res);
	} else {
		scope = RT_SCOPE_LINK;
	}
	return inet_select_addr(dev, ip_hdr(skb)->saddr, scope);
}

/*
 * The slow reverse-path check.
 * 6.1: __fib_validate_source(). Route the
 * reply (to @src) and see where it would go:
 *  - nowhere, or not unicast (and not local with accept_local): -EINVAL;
 *  - out the device the packet came in on: fine;
 *  - out another device: strict mode (rpf == 1) says -EXDEV, loose mode
 *    (2) only wanted some route to exist.
 * Seed 003: an ARP request from 192.168.1.1 arrives on veth1; the route
 * back to 192.168.1.1 is the LOCAL route of veth0. Without accept_local
 * that is -EINVAL; with it, strict mode still says -EXDEV (veth0 is not
 * veth1) and loose mode lets it through.
 */
static int __fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst,
				 u8 tos, int oif, struct net_device *dev,
				 int rpf, struct in_device *idev, u32 *itag)
{
	struct net *net = dev_net(dev);
	struct flowi4 fl4 = {
		.flowi4_iif = oif ? oif : LOOPBACK_IFINDEX,
		.daddr = src,
		.saddr = dst,
		.flowi4_tos = tos,
		.flowi4_scope = RT_SCOPE_UNIVERSE,
	};
	struct fib_result res;
	bool no_addr = idev->ifa_list == NULL;
	bool dev_match;
	int ret;

	if (fib_lookup(net, &fl4, &res, 0))
		goto last_resort;
	if (res.type != RTN_UNICAST &&
	    (res.type != RTN_LOCAL || !IN_DEV_ACCEPT_LOCAL(idev)))
		return -EINVAL;
	*itag = 0;
	dev_match = fib_info_nh_uses_dev(res.fi, dev);
	/* loopback packets keep their dst and rarely come this way */
	dev_match = dev_match ||
		    (res.type == RTN_LOCAL && dev == net->loopback_dev);
	if (dev_match)
		return FIB_RES_NH(res).fib_nh_scope >= RT_SCOPE_HOST;
	if (no_addr)
		goto last_resort;
	if (rpf == 1)
		return -EXDEV;
	fl4.flowi4_oif = dev->ifindex;
	ret = 0;
	if (fib_lookup(net, &fl4, &res, FIB_LOOKUP_IGNORE_LINKSTATE) == 0) {
		if (res.type == RTN_UNICAST)
			ret = FIB_RES_NH(res).fib_nh_scope >= RT_SCOPE_HOST;
	}
	return ret;

last_resort:
	if (rpf)
		return -EXDEV;
	*itag = 0;
	return 0;
}

/*
 * May a packet from @src arrive on @dev?
 * 6.1: fib_validate_source(). With
 * rp_filter off (max of conf/all and conf/DEV is 0) the only question is
 * whether @src is one of our own addresses, which is refused unless
 * accept_local (conf/all OR conf/DEV) is set. With rp_filter on, the
 * full check above runs. Returns < 0 to refuse.
 */
int fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst, u8 tos,
			int oif, struct net_device *dev, struct in_device *idev,
			u32 *itag)
{
	FTRACE_ENTRY();
	int r = IN_DEV_RPFILTER(idev);
	struct net *net = dev_net(dev);

	if (!r && (dev->ifindex != oif || !IN_DEV_TX_REDIRECTS(idev))) {
		if (IN_DEV_ACCEPT_LOCAL(idev))
			goto ok;
		if (net->ipv4->fib_has_custom_local_routes)
			goto full_check;
		if (inet_lookup_ifaddr_rcu(net, src))
			return -EINVAL;
ok:
		*itag = 0;
		return 0;
	}
full_check:
	return __fib_validate_source(skb, src, dst, tos, oif, dev, r, idev,
				     itag);
}

/*
 * The type of @addr as seen from @dev (NULL: any device).
 * 6.1:
 * __inet_dev_addr_type(), asking the local table. Not recorded by the
 * tracer, but the parent ftrace shows for its fib_table_lookup().
 */
static unsigned int __inet_dev_addr_type(struct net *net,
					 const struct net_device *dev,
					 __be32 addr)
{
	FTRACE_FRAME_AS("__inet_dev_addr_type");
	struct flowi4 fl4 = { .daddr = addr };
	struct fib_result res;
	unsigned int ret = RTN_BROADCAST;

	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	ret = RTN_UNICAST;
	if (net->ipv4 && !fib_table_lookup(net->ipv4->fib_local, &fl4, &res,
					   FIB_LOOKUP_NOREF)) {
		if (!dev || dev == res.nhc->fib_nh_dev)
			ret = res.type;
	}
	return ret;
}

/* 6.1: same. */
unsigned int inet_addr_type(struct net *net, __be32 addr)
{
	return __inet_dev_addr_type(net, NULL, addr);
}

/* 6.1: same. */
unsigned int inet_addr_type_dev_table(struct net *net,
				      const struct net_device *dev,
				      __be32 addr)
{
	return __inet_dev_addr_type(net, dev, addr);
}

/* 6.1: inet_rtm_newroute() after rtm_to_fib_config(). */
int inet_rtm_newroute(struct net *net, struct fib_config *cfg,
		      struct netlink_ext_ack *extack)
{
	struct fib_table *tb;
	struct fib_info *fi;
	int err;

	cfg->fc_nlinfo_net = net;
	if (cfg->fc_dst_len > 32 ||
	    (cfg->fc_dst & ~inet_make_mask(cfg->fc_dst_len))) {
		NL_SET_ERR_MSG(extack,
			       "Invalid prefix for given prefix length");
		return -EINVAL;
	}
	tb = fib_new_table(net, cfg->fc_table);
	if (!tb) {
		NL_SET_ERR_MSG(extack, "sim: only tables main and local exist");
		return -ENOBUFS;
	}
	if (cfg->fc_table == 0)
		cfg->fc_table = RT_TABLE_MAIN;
	fi = fib_create_info(cfg, extack, &err);
	if (!fi)
		return err;
	err = fib_table_insert_info(tb, fi, cfg->fc_nlflags);
	if (err) {
		free(fi);
		return err;
	}
	if (cfg->fc_type == RTN_LOCAL && cfg->fc_protocol != RTPROT_KERNEL)
		net->ipv4->fib_has_custom_local_routes = true;
	rt_cache_flush(net);
	return 0;
}

/* 6.1: inet_rtm_delroute(); -ESRCH ("No such process") when not found. */
int inet_rtm_delroute(struct net *net, struct fib_config *cfg,
		      struct netlink_ext_ack *extack)
{
	struct fib_table *tb = fib_get_table(net, cfg->fc_table);
	int err;

	cfg->fc_nlinfo_net = net;
	if (!tb) {
		NL_SET_ERR_MSG(extack, "FIB table does not exist");
		return -ESRCH;
	}
	err = fib_table_delete(net, tb, cfg, extack);
	if (!err)
		rt_cache_flush(net);
	return err;
}

/* 6.1: fib_flush(). */
void fib_flush(struct net *net)
{
	int flushed = 0;

	if (!net->ipv4)
		return;
	flushed += fib_table_flush(net, net->ipv4->fib_local, false);
	flushed += fib_table_flush(net, net->ipv4->fib_main, false);
	if (flushed)
		rt_cache_flush(net);
}

/*
 * Add or delete a kernel route for an address.
 * 6.1: fib_magic(): local
 * and broadcast routes go to the local table (scope host / link), the
 * prefix route to main (scope link), all "proto kernel src LOCAL".
 */
static void fib_magic(bool add, int type, __be32 dst, int dst_len,
		      struct in_ifaddr *ifa, u32 rt_priority)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(ifa->ifa_dev->dev);
	struct fib_config cfg = {
		.fc_protocol = RTPROT_KERNEL,
		.fc_type = (u8)type,
		.fc_dst = dst,
		.fc_dst_len = (u8)dst_len,
		.fc_priority = rt_priority,
		.fc_prefsrc = ifa->ifa_local,
		.fc_oif = ifa->ifa_dev->dev->ifindex,
		.fc_nlflags = NLM_F_CREATE | NLM_F_APPEND,
		.fc_nlinfo_net = net,
	};
	u32 tb_id = (type == RTN_UNICAST) ? RT_TABLE_MAIN : RT_TABLE_LOCAL;
	struct fib_table *tb = fib_new_table(net, tb_id);

	if (!tb)
		return;
	cfg.fc_table = tb_id;
	cfg.fc_scope = (type != RTN_LOCAL) ? RT_SCOPE_LINK : RT_SCOPE_HOST;
	if (add) {
		int err;
		struct fib_info *fi = fib_create_info(&cfg, NULL, &err);

		if (fi && fib_table_insert_info(tb, fi, cfg.fc_nlflags))
			free(fi);
	} else {
		fib_table_delete(net, tb, &cfg, NULL);
	}
}

/* 6.1: same, without the secondary-address bug check message. */
void fib_add_ifaddr(struct in_ifaddr *ifa)
{
	FTRACE_ENTRY();
	struct in_device *in_dev = ifa->ifa_dev;
	struct net_device *dev = in_dev->dev;
	struct in_ifaddr *prim = ifa;
	__be32 mask = ifa->ifa_mask;
	__be32 addr = ifa->ifa_local;
	__be32 prefix = ifa->ifa_address & mask;

	if (ifa->ifa_flags & IFA_F_SECONDARY) {
		prim = inet_ifa_byprefix(in_dev, prefix, mask);
		if (!prim)
			return;
	}
	fib_magic(true, RTN_LOCAL, addr, 32, prim, 0);
	if (!(dev->flags & IFF_UP))
		return;
	if (ifa->ifa_broadcast && ifa->ifa_broadcast != htonl(0xFFFFFFFF))
		fib_magic(true, RTN_BROADCAST, ifa->ifa_broadcast, 32, prim, 0);
	if (!ipv4_is_zeronet(prefix) && !(ifa->ifa_flags & IFA_F_SECONDARY) &&
	    (prefix != addr || ifa->ifa_prefixlen < 32)) {
		if (!(ifa->ifa_flags & IFA_F_NOPREFIXROUTE))
			fib_magic(true, dev->flags & IFF_LOOPBACK ?
				  RTN_LOCAL : RTN_UNICAST, prefix,
				  ifa->ifa_prefixlen, prim,
				  ifa->ifa_rt_priority);
		if (ifa->ifa_prefixlen < 31)
			fib_magic(true, RTN_BROADCAST, prefix | ~mask, 32,
				  prim, 0);
	}
	rt_cache_flush(dev_net(dev));
}

/* Does another address of @in_dev (not @skip) still have local @addr? */
static bool fib_local_still_used(struct in_device *in_dev,
				 struct in_ifaddr *skip, __be32 addr)
{
	struct in_ifaddr *ifa;

	in_dev_for_each_ifa_rtnl(ifa, in_dev) {
		if (ifa != skip && ifa->ifa_local == addr)
			return true;
	}
	return false;
}

/*
 * Remove the routes @ifa added.
 * 6.1: fib_del_ifaddr() also keeps a route
 * that another address needs, by a bitmask of what is still "ok"; this
 * keeps the two cases the kit meets: the same local address twice on one
 * device, and secondaries (which own no prefix route). @iprim: the primary
 * a secondary is going with (its routes carry the primary's src).
 */
void fib_del_ifaddr(struct in_ifaddr *ifa, struct in_ifaddr *iprim)
{
	struct in_device *in_dev = ifa->ifa_dev;
	struct in_ifaddr *prim = ifa;
	__be32 mask = ifa->ifa_mask;
	__be32 prefix = ifa->ifa_address & mask;

	if (ifa->ifa_flags & IFA_F_SECONDARY) {
		prim = iprim ? iprim : inet_ifa_byprefix(in_dev, prefix, mask);
		if (!prim)
			return;
	} else if (!ipv4_is_zeronet(prefix) &&
		   (prefix != ifa->ifa_local || ifa->ifa_prefixlen < 32)) {
		if (!(ifa->ifa_flags & IFA_F_NOPREFIXROUTE))
			fib_magic(false, in_dev->dev->flags & IFF_LOOPBACK ?
				  RTN_LOCAL : RTN_UNICAST, prefix,
				  ifa->ifa_prefixlen, prim,
				  ifa->ifa_rt_priority);
		if (ifa->ifa_prefixlen < 31)
			fib_magic(false, RTN_BROADCAST, prefix | ~mask, 32,
				  prim, 0);
	}
	if (ifa->ifa_broadcast && ifa->ifa_broadcast != htonl(0xFFFFFFFF))
		fib_magic(false, RTN_BROADCAST, ifa->ifa_broadcast, 32, prim,
			  0);
	if (!fib_local_still_used(in_dev, ifa, ifa->ifa_local))
		fib_magic(false, RTN_LOCAL, ifa->ifa_local, 32, prim, 0);
	/* 6.1: fib_sync_down_addr + arp for the address; the cache: */
	rt_cache_flush(dev_net(in_dev->dev));
}

/* 6.1: same. */
static void fib_disable_ip(struct net_device *dev, unsigned long event,
			   bool force)
{
	if (fib_sync_down_dev(dev, event, force))
		fib_flush(dev_net(dev));
	else
		rt_cache_flush(dev_net(dev));
	arp_ifdown(dev);
}

/*
 * An address came (NETDEV_UP on the inetaddr chain).
 * 6.1: fib_inetaddr_event(), its NETDEV_UP case only (devinet tells the FIB
 * of a deleted address with fib_del_ifaddr() directly); fib_sync_up()
 * has nothing to revive here, and fib_add_ifaddr() flushes the cache.
 */
int fib_inetaddr_event(struct notifier_block *this, unsigned long event,
		       void *ptr)
{
	FTRACE_ENTRY();
	struct in_ifaddr *ifa = ptr;

	if (event == NETDEV_UP)
		fib_add_ifaddr(ifa);
	return NOTIFY_DONE;
}

/*
 * Follow devices.
 * 6.1: fib_netdev_event(). Not recorded by the tracer (6.1 runs it for
 * every netdev event, the simulator calls it for the ones it has), but the
 * parent ftrace shows for fib_add_ifaddr() when a device comes up.
 */
static int fib_netdev_event(struct notifier_block *this, unsigned long event,
			    void *ptr)
{
	FTRACE_FRAME_AS("fib_netdev_event");
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct in_ifaddr *ifa;

	if (!dev_net(dev)->ipv4)
		return NOTIFY_DONE;
	if (event == NETDEV_UNREGISTER) {
		fib_disable_ip(dev, event, true);
		rt_flush_dev(dev);
		return NOTIFY_DONE;
	}
	if (!in_dev)
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_UP:
		in_dev_for_each_ifa_rtnl(ifa, in_dev)
			fib_add_ifaddr(ifa);
		fib_sync_linkdown(dev, !netif_carrier_ok(dev));
		rt_cache_flush(dev_net(dev));
		break;
	case NETDEV_DOWN:
		fib_disable_ip(dev, event, false);
		break;
	case NETDEV_CHANGE:
		if (dev->flags & IFF_UP)
			fib_sync_linkdown(dev, !netif_carrier_ok(dev));
		rt_cache_flush(dev_net(dev));
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block fib_netdev_notifier = {
	.notifier_call = fib_netdev_event,
};

/* 6.1: ip_fib_net_init() + fib4_rules_init(): the local and main tables. */
int ip_fib_net_init(struct net *net)
{
	net->ipv4->fib_local = fib_trie_table(RT_TABLE_LOCAL);
	net->ipv4->fib_main = fib_trie_table(RT_TABLE_MAIN);
	if (!net->ipv4->fib_local || !net->ipv4->fib_main)
		return -ENOMEM;
	net->ipv4->fib_main->tb_merged = net->ipv4->fib_local;
	return 0;
}

/* 6.1: ip_fib_net_exit(). */
void ip_fib_net_exit(struct net *net)
{
	if (net->ipv4->fib_local)
		fib_free_table(net->ipv4->fib_local);
	if (net->ipv4->fib_main)
		fib_free_table(net->ipv4->fib_main);
	net->ipv4->fib_local = NULL;
	net->ipv4->fib_main = NULL;
}

/* 6.1: ip_fib_init() also registers the rtnetlink handlers. */
void ip_fib_init(void)
{
	register_netdevice_notifier(&fib_netdev_notifier);
}

struct fib_dump_ctx {
	rtnl_dump_cb	cb;
	void		*arg;
};

/* sim: fib_table_dump() hands out a fib_info; fill its record here. */
static int fib_dump_one(const struct fib_info *fi, void *arg)
{
	struct fib_dump_ctx *ctx = arg;
	struct rtnl_route_msg m;

	fib_dump_info(&m, fi);
	return ctx->cb(&m, ctx->arg);
}

/*
 * 6.1: inet_dump_fib() for `ip route show`: @cb gets a const struct
 * rtnl_route_msg * per route; `table all` (RT_TABLE_UNSPEC) dumps main
 * first, then local, as the table hash does for these ids.
 */
int inet_dump_fib(struct net *net, u32 tb_id, rtnl_dump_cb cb, void *arg)
{
	struct fib_dump_ctx ctx = { cb, arg };
	int ret;

	if (!net->ipv4)
		return 0;
	if (tb_id == RT_TABLE_MAIN)
		return fib_table_dump(net->ipv4->fib_main, fib_dump_one, &ctx);
	if (tb_id == RT_TABLE_LOCAL && net->ipv4->fib_local_made)
		return fib_table_dump(net->ipv4->fib_local, fib_dump_one, &ctx);
	if (tb_id != RT_TABLE_UNSPEC)
		return -ENOENT;		/* not made (yet) */
	ret = fib_table_dump(net->ipv4->fib_main, fib_dump_one, &ctx);
	if (!ret)
		ret = fib_table_dump(net->ipv4->fib_local, fib_dump_one, &ctx);
	return ret;
}
