// SPDX-License-Identifier: GPL-2.0
/*
 * What a route means: building one from a request and checking its
 * nexthop, its preferred source, and what device events do to it.
 * 6.1: net/ipv4/fib_semantics.c. One nexthop per route (no multipath, no
 * nexthop objects), and fib_info is not shared between routes.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/inetdevice.h>
#include <net/ip_fib.h>
#include <net/route.h>
#include "fib_lookup.h"

/*
 * A nexthop through a gateway: the gateway must itself be reachable by a
 * route of narrower scope, which gives the device.
 * 6.1: fib_check_nh_v4_gw.
 */
static int fib_check_nh_v4_gw(struct net *net, struct fib_nh *nh, u32 table,
			      u8 scope, struct netlink_ext_ack *extack)
{
	struct flowi4 fl4 = {
		.daddr = nh->fib_nh_gw4,
		.flowi4_scope = (u8)(scope + 1),
		.flowi4_oif = nh->fib_nh_oif,
		.flowi4_iif = LOOPBACK_IFINDEX,
	};
	struct fib_result res;
	struct net_device *dev;

	if (fl4.flowi4_scope < RT_SCOPE_LINK)
		fl4.flowi4_scope = RT_SCOPE_LINK;
	if (nh->fib_nh_flags & RTNH_F_ONLINK) {
		dev = __dev_get_by_index(net, nh->fib_nh_oif);
		if (!dev)
			return -ENODEV;
		if (!(dev->flags & IFF_UP)) {
			NL_SET_ERR_MSG(extack, "Nexthop device is not up");
			return -ENETDOWN;
		}
		nh->fib_nh_dev = dev;
		nh->fib_nh_scope = RT_SCOPE_LINK;
		return 0;
	}
	if (fib_lookup(net, &fl4, &res, FIB_LOOKUP_IGNORE_LINKSTATE)) {
		NL_SET_ERR_MSG(extack, "Nexthop has invalid gateway");
		return -ENETUNREACH;
	}
	if (res.type != RTN_UNICAST && res.type != RTN_LOCAL) {
		NL_SET_ERR_MSG(extack, "Nexthop has invalid gateway");
		return -EINVAL;
	}
	nh->fib_nh_scope = res.scope;
	nh->fib_nh_oif = FIB_RES_NH(res).fib_nh_oif;
	nh->fib_nh_dev = dev = FIB_RES_DEV(res);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "No egress device for nexthop gateway");
		return -EINVAL;
	}
	return (dev->flags & IFF_UP) ? 0 : -ENETDOWN;
}

/*
 * A directly connected nexthop.
 * 6.1: fib_check_nh_nongw().
 */
static int fib_check_nh_nongw(struct net *net, struct fib_nh *nh,
			      struct netlink_ext_ack *extack)
{
	struct in_device *in_dev = inetdev_by_index(net, nh->fib_nh_oif);

	if (!in_dev)
		return -ENODEV;
	if (!(in_dev->dev->flags & IFF_UP)) {
		NL_SET_ERR_MSG(extack, "Device for nexthop is not up");
		return -ENETDOWN;
	}
	nh->fib_nh_dev = in_dev->dev;
	nh->fib_nh_scope = RT_SCOPE_HOST;
	if (!netif_carrier_ok(nh->fib_nh_dev))
		nh->fib_nh_flags |= RTNH_F_LINKDOWN;
	return 0;
}

/*
 * Is @prefsrc one of ours (or the route's own local address)?
 * 6.1: same for the main and local tables, the only ones here.
 */
static bool fib_valid_prefsrc(struct fib_config *cfg, __be32 fib_prefsrc)
{
	if (cfg->fc_type != RTN_LOCAL || !cfg->fc_dst ||
	    fib_prefsrc != cfg->fc_dst) {
		if (inet_addr_type(cfg->fc_nlinfo_net, fib_prefsrc) !=
		    RTN_LOCAL)
			return false;
	}
	return true;
}

/*
 * Build the route @cfg asks for.
 * 6.1: fib_create_info(); returns NULL with
 * *err set (and extack) when the request is invalid.
 */
struct fib_info *fib_create_info(struct fib_config *cfg,
				 struct netlink_ext_ack *extack, int *err)
{
	struct net *net = cfg->fc_nlinfo_net;
	struct fib_info *fi;
	struct fib_nh *nh;

	*err = -EINVAL;
	if (cfg->fc_type >= __RTN_MAX || cfg->fc_type == RTN_UNSPEC)
		return NULL;
	if (fib_type_scope(cfg->fc_type) > cfg->fc_scope) {
		NL_SET_ERR_MSG(extack, "Invalid scope");
		return NULL;
	}
	fi = calloc(1, sizeof(*fi));
	if (!fi) {
		*err = -ENOBUFS;
		return NULL;
	}
	INIT_LIST_HEAD(&fi->fib_list);
	fi->tb_id = cfg->fc_table;
	fi->fib_dst = cfg->fc_dst;
	fi->fib_dst_len = cfg->fc_dst_len;
	fi->fib_tos = cfg->fc_tos;
	fi->fib_type = cfg->fc_type;
	fi->fib_scope = cfg->fc_scope;
	fi->fib_protocol = cfg->fc_protocol;
	fi->fib_prefsrc = cfg->fc_prefsrc;
	fi->fib_priority = cfg->fc_priority;
	nh = &fi->fib_nh[0];
	nh->fib_nh_oif = cfg->fc_oif;
	nh->fib_nh_gw4 = cfg->fc_gw4;
	nh->fib_nh_flags = cfg->fc_flags & RTNH_F_ONLINK;

	if (fib_type_error(cfg->fc_type)) {
		/* unreachable, prohibit, blackhole: no nexthop at all */
		nh->fib_nh_oif = 0;
		nh->fib_nh_gw4 = 0;
		*err = 0;
		return fi;
	}
	if (cfg->fc_scope == RT_SCOPE_HOST) {
		/* a local address: the device need not be up (6.1: same) */
		if (nh->fib_nh_gw4)
			goto failure;
		nh->fib_nh_scope = RT_SCOPE_NOWHERE;
		nh->fib_nh_dev = __dev_get_by_index(net, nh->fib_nh_oif);
		*err = -ENODEV;
		if (!nh->fib_nh_dev)
			goto failure;
	} else {
		if (nh->fib_nh_gw4)
			*err = fib_check_nh_v4_gw(net, nh, cfg->fc_table,
						  cfg->fc_scope, extack);
		else if (nh->fib_nh_oif)
			*err = fib_check_nh_nongw(net, nh, extack);
		else
			*err = -EINVAL;	/* neither gateway nor device */
		if (*err)
			goto failure;
	}
	if (fi->fib_prefsrc && !fib_valid_prefsrc(cfg, fi->fib_prefsrc)) {
		NL_SET_ERR_MSG(extack, "Invalid prefsrc address");
		*err = -EINVAL;
		goto failure;
	}
	*err = 0;
	return fi;
failure:
	free(fi);
	return NULL;
}

/* 6.1: fib_info_nh_uses_dev() in net/ipv4/fib_frontend.c. */
bool fib_info_nh_uses_dev(const struct fib_info *fi,
			  const struct net_device *dev)
{
	return fi->fib_nh[0].fib_nh_dev == dev;
}

/*
 * The source address for a route without "src".
 * 6.1: fib_result_prefsrc() (the sim keeps the older name); 6.1 caches
 * it in the nexthop (nh_saddr), computed each time here.
 */
__be32 __fib_res_prefsrc(struct fib_result *res)
{
	struct fib_nh *nh = &FIB_RES_NH(*res);

	if (!nh->fib_nh_dev)
		return 0;
	return inet_select_addr(nh->fib_nh_dev, nh->fib_nh_gw4,
				res->fi->fib_scope);
}

static int fib_sync_down_table(struct fib_table *tb, struct net_device *dev,
			       unsigned long event, int scope)
{
	struct fib_info *fi;
	int ret = 0;

	if (!tb)
		return 0;
	list_for_each_entry(fi, &tb->tb_routes, fib_list) {
		struct fib_nh *nh = &fi->fib_nh[0];

		if (nh->fib_nh_dev != dev || (nh->fib_nh_flags & RTNH_F_DEAD))
			continue;
		if (nh->fib_nh_scope == scope)
			continue;
		if (event == NETDEV_DOWN || event == NETDEV_UNREGISTER) {
			nh->fib_nh_flags |= RTNH_F_DEAD;
			fi->fib_flags |= RTNH_F_DEAD;
		}
		nh->fib_nh_flags |= RTNH_F_LINKDOWN;
		fi->fib_flags |= RTNH_F_LINKDOWN;
		ret++;
	}
	return ret;
}

/*
 * Mark the nexthops through @dev.
 * 6.1: fib_sync_down_dev(): on DOWN the
 * local routes (nexthop scope NOWHERE) survive, which is why a local
 * address still answers while its device is down; @force (UNREGISTER)
 * kills them too. NETDEV_CHANGE only marks LINKDOWN.
 */
int fib_sync_down_dev(struct net_device *dev, unsigned long event, bool force)
{
	struct net *net = dev_net(dev);
	int scope = force ? -1 : RT_SCOPE_NOWHERE;

	if (!net->ipv4)
		return 0;
	return fib_sync_down_table(net->ipv4->fib_local, dev, event, scope) +
	       fib_sync_down_table(net->ipv4->fib_main, dev, event, scope);
}

/* 6.1: the RTNH_F_LINKDOWN half of fib_sync_up(). */
static void fib_sync_up_table(struct fib_table *tb, struct net_device *dev)
{
	struct fib_info *fi;

	if (!tb)
		return;
	list_for_each_entry(fi, &tb->tb_routes, fib_list) {
		if (fi->fib_nh[0].fib_nh_dev != dev)
			continue;
		fi->fib_nh[0].fib_nh_flags &= ~RTNH_F_LINKDOWN;
		fi->fib_flags &= ~RTNH_F_LINKDOWN;
	}
}

/*
 * Carrier changed.
 * sim: 6.1 calls fib_sync_up(dev, RTNH_F_LINKDOWN) or fib_sync_down_dev()
 * from fib_netdev_event().
 */
void fib_sync_linkdown(struct net_device *dev, bool down)
{
	struct net *net = dev_net(dev);

	if (!net->ipv4)
		return;
	if (down) {
		fib_sync_down_dev(dev, NETDEV_CHANGE, false);
		return;
	}
	fib_sync_up_table(net->ipv4->fib_local, dev);
	fib_sync_up_table(net->ipv4->fib_main, dev);
}

/*
 * 6.1: fib_dump_info() into a decoded record, one nexthop: rtm_flags are
 * the route's flags and the nexthop's (fib_nexthop_info(): DEAD,
 * LINKDOWN, ONLINK); RTA_OIF is the nexthop device's ifindex.
 */
void fib_dump_info(struct rtnl_route_msg *m, const struct fib_info *fi)
{
	const struct fib_nh *nh = &fi->fib_nh[0];

	memset(m, 0, sizeof(*m));
	m->rtm.rtm_family = AF_INET;
	m->rtm.rtm_dst_len = fi->fib_dst_len;
	m->rtm.rtm_tos = fi->fib_tos;
	m->rtm.rtm_table = fi->tb_id < 256 ? (u8)fi->tb_id : 252 /* RT_TABLE_COMPAT */;
	m->rtm.rtm_protocol = fi->fib_protocol;
	m->rtm.rtm_scope = fi->fib_scope;
	m->rtm.rtm_type = fi->fib_type;
	m->rtm.rtm_flags = fi->fib_flags;
	m->rtm.rtm_flags |= nh->fib_nh_flags &
		(RTNH_F_DEAD | RTNH_F_LINKDOWN | RTNH_F_ONLINK);
	m->table = fi->tb_id;
	if (fi->fib_dst_len)
		m->dst = fi->fib_dst;
	m->gateway = nh->fib_nh_gw4;
	if (nh->fib_nh_dev)
		m->oif = nh->fib_nh_dev->ifindex;
	m->prefsrc = fi->fib_prefsrc;
	m->priority = fi->fib_priority;
}
