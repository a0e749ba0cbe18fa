/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The forwarding information base: the route tables `ip route` shows.
 * 6.1: include/net/ip_fib.h. 6.1 splits a route into fib_alias (type, tos,
 * table) -> fib_info (protocol, prefsrc, priority) -> fib_nh (device,
 * gateway, scope) and files them in an LC-trie; the simulator keeps one
 * struct fib_info per route with its one nexthop inside, in a list sorted
 * longest prefix first (net/ipv4/fib_trie.c says more).
 */
#ifndef _SIM_NET_IP_FIB_H
#define _SIM_NET_IP_FIB_H

#include <linux/types.h>
#include <uapi/linux/rtnetlink.h>
#include <linux/list.h>
#include <linux/netlink.h>
#include <net/route.h>

struct net;
struct net_device;
struct in_ifaddr;

/* nexthop flags (RTNH_F_*) */
#define RTNH_F_DEAD		1	/* nexthop is dead (device down) */
#define RTNH_F_ONLINK		4	/* gateway is forced on link */
#define RTNH_F_LINKDOWN		16	/* carrier is down: "linkdown" */

struct fib_nh {
	struct net_device	*fib_nh_dev;
	int			fib_nh_oif;
	unsigned int		fib_nh_flags;	/* RTNH_F_* */
	unsigned char		fib_nh_scope;
	__be32			fib_nh_gw4;	/* 0: directly connected */
};

struct fib_info {
	struct list_head	fib_list;	/* in fib_table->tb_routes */
	u32			tb_id;		/* which table */
	__be32			fib_dst;	/* the prefix (fib_alias key) */
	unsigned char		fib_dst_len;
	u8			fib_tos;
	u8			fib_type;	/* RTN_* (fa_type) */
	unsigned char		fib_scope;	/* RT_SCOPE_* */
	unsigned char		fib_protocol;	/* RTPROT_* */
	__be32			fib_prefsrc;	/* "src X" */
	u32			fib_priority;	/* "metric N" */
	unsigned int		fib_flags;	/* RTNH_F_DEAD when flushed */
	struct fib_nh		fib_nh[1];	/* one path, no multipath */
};

struct fib_table {
	u32			tb_id;
	struct list_head	tb_routes;	/* longest prefix first */
	/* 6.1: without custom rules the local table is an alias of main
	 * (fib_trie_table(id, alias)): one trie, so a lookup in main sees
	 * the local routes too; here main points at local, searched first */
	struct fib_table	*tb_merged;
};

struct fib_result {
	__be32			prefix;
	unsigned char		prefixlen;
	unsigned char		nh_sel;
	unsigned char		type;
	unsigned char		scope;
	struct fib_info		*fi;
	struct fib_table	*table;
	struct fib_nh		*nhc;
};

#define FIB_RES_NH(res)		((res).fi->fib_nh[(res).nh_sel])
#define FIB_RES_DEV(res)	(FIB_RES_NH(res).fib_nh_dev)
#define FIB_RES_GW(res)		(FIB_RES_NH(res).fib_nh_gw4)
#define FIB_RES_PREFSRC(net, res) \
	((res).fi->fib_prefsrc ? (res).fi->fib_prefsrc : \
				 __fib_res_prefsrc(&(res)))

#define FIB_LOOKUP_NOREF		1
#define FIB_LOOKUP_IGNORE_LINKSTATE	2

/*
 * What RTM_NEWROUTE / RTM_DELROUTE carry (`ip route add|del|replace`).
 * 6.1: struct fib_config, filled from RTA_* attributes.
 */
struct fib_config {
	u8		fc_dst_len;
	u8		fc_tos;
	u8		fc_protocol;	/* default RTPROT_BOOT for `ip route add` */
	u8		fc_scope;	/* the tool picks as iproute2 does */
	u8		fc_type;	/* RTN_UNICAST unless "local", ... */
	u32		fc_table;	/* 0: main */
	__be32		fc_dst;
	__be32		fc_gw4;
	int		fc_oif;		/* 0: not given */
	u32		fc_flags;	/* RTNH_F_ONLINK */
	u32		fc_priority;	/* metric */
	__be32		fc_prefsrc;
	u32		fc_nlflags;	/* NLM_F_* */
	struct net	*fc_nlinfo_net;
};

/* fc_nlflags that matter (include/uapi/linux/netlink.h) */
#define NLM_F_REPLACE	0x100
#define NLM_F_EXCL	0x200
#define NLM_F_CREATE	0x400
#define NLM_F_APPEND	0x800

/* net/ipv4/fib_trie.c: one table */
struct fib_table *fib_trie_table(u32 id);
void fib_free_table(struct fib_table *tb);
int fib_table_insert(struct net *net, struct fib_table *tb,
		     struct fib_config *cfg, struct netlink_ext_ack *extack);
int fib_table_delete(struct net *net, struct fib_table *tb,
		     struct fib_config *cfg, struct netlink_ext_ack *extack);
int fib_table_lookup(struct fib_table *tb, const struct flowi4 *flp,
		     struct fib_result *res, int fib_flags);
/* Drop routes marked dead; returns how many went. */
int fib_table_flush(struct net *net, struct fib_table *tb, bool flush_all);

/* net/ipv4/fib_frontend.c */
struct fib_table *fib_get_table(struct net *net, u32 id);
struct fib_table *fib_new_table(struct net *net, u32 id);
/* local table first, then main (the default rules 0 and 32766) */
int fib_lookup(struct net *net, const struct flowi4 *flp,
	       struct fib_result *res, unsigned int flags);
/* The source of a reply to @skb: its destination, or for a broadcast
 * one our address towards its sender. */
__be32 fib_compute_spec_dst(struct sk_buff *skb);
/* `ip route add|del`: RTM_NEWROUTE / RTM_DELROUTE. 0 or -errno:
 * -EEXIST "RTNETLINK answers: File exists", -ESRCH "RTNETLINK answers: No
 * such process", -ENETUNREACH "Nexthop has invalid gateway." ... */
int inet_rtm_newroute(struct net *net, struct fib_config *cfg,
		      struct netlink_ext_ack *extack);
int inet_rtm_delroute(struct net *net, struct fib_config *cfg,
		      struct netlink_ext_ack *extack);
void fib_add_ifaddr(struct in_ifaddr *ifa);
int fib_inetaddr_event(struct notifier_block *this, unsigned long event,
		       void *ptr);
void fib_del_ifaddr(struct in_ifaddr *ifa, struct in_ifaddr *iprim);
void ip_fib_init(void);

/* net/ipv4/fib_semantics.c */
__be32 __fib_res_prefsrc(struct fib_result *res);
/* Mark routes through @dev dead (NETDEV_DOWN/UNREGISTER); returns count. */
int fib_sync_down_dev(struct net_device *dev, unsigned long event, bool force);
/* Carrier changes: set or clear RTNH_F_LINKDOWN on @dev's nexthops. */
void fib_sync_linkdown(struct net_device *dev, bool down);
void fib_flush(struct net *net);

/*
 * RTM_GETROUTE dump for `ip route show [table main|local|all]`: @cb gets a
 * const struct rtnl_route_msg * per route of table @tb_id (RT_TABLE_UNSPEC:
 * main first, then local, as `table all` prints), in the order 6.1's dump
 * gives (ascending prefix, as the trie walks). Stops early when @cb
 * returns non-zero. -ENOENT when the table does not exist ("ipv4: FIB
 * table does not exist").
 */
int inet_dump_fib(struct net *net, u32 tb_id, rtnl_dump_cb cb, void *arg);
/* One route's record (net/ipv4/fib_semantics.c). */
void fib_dump_info(struct rtnl_route_msg *m, const struct fib_info *fi);

#endif
