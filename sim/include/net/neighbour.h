/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The neighbour layer: who has which link-layer address (`ip neigh`).
 * 6.1: include/net/neighbour.h, include/uapi/linux/neighbour.h. Kept: the
 * NUD state machine, the per-entry queue of packets waiting for resolution,
 * the timer that drives retransmits and aging, neigh_resolve_output and
 * neigh_update. Left out: the hash table (a list per table here), proxy
 * entries, per-device parms (one set per namespace: net->ipv4->neigh_*),
 * the gc thresholds (gc_thresh1..3) and random reachable time (base value).
 */
#ifndef _SIM_NET_NEIGHBOUR_H
#define _SIM_NET_NEIGHBOUR_H

#include <linux/types.h>
#include <uapi/linux/rtnetlink.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/ktime.h>

/* Neighbour Unreachability Detection states (what `ip neigh` prints) */
#define NUD_INCOMPLETE	0x01
#define NUD_REACHABLE	0x02
#define NUD_STALE	0x04
#define NUD_DELAY	0x08
#define NUD_PROBE	0x10
#define NUD_FAILED	0x20
#define NUD_NOARP	0x40
#define NUD_PERMANENT	0x80
#define NUD_NONE	0x00

#define NUD_IN_TIMER	(NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE)
#define NUD_VALID	(NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | \
			 NUD_PROBE | NUD_STALE | NUD_DELAY)
#define NUD_CONNECTED	(NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE)

/* neigh_update() flags */
#define NEIGH_UPDATE_F_OVERRIDE			0x00000001
#define NEIGH_UPDATE_F_WEAK_OVERRIDE		0x00000002
#define NEIGH_UPDATE_F_OVERRIDE_ISROUTER	0x00000004
#define NEIGH_UPDATE_F_ADMIN			0x80000000

struct neighbour;
struct neigh_table;

struct neigh_ops {
	int	family;
	void	(*solicit)(struct neighbour *n, struct sk_buff *skb);
	void	(*error_report)(struct neighbour *n, struct sk_buff *skb);
	int	(*output)(struct neighbour *n, struct sk_buff *skb);
	int	(*connected_output)(struct neighbour *n, struct sk_buff *skb);
};

struct neighbour {
	struct list_head	list;		/* in tbl->entries (6.1: hash) */
	struct neigh_table	*tbl;
	struct net_device	*dev;
	int			refcnt;		/* the table holds one */
	u8			nud_state;
	u8			type;		/* RTN_UNICAST, RTN_LOCAL ... */
	u8			dead;
	u8			flags;		/* NTF_* */
	int			probes;		/* solicitations sent */
	u64			confirmed;	/* ns: last proof of reachability */
	u64			updated;	/* ns: last state change */
	u64			used;		/* ns: last packet sent through */
	struct timer_list	timer;
	struct sk_buff_head	arp_queue;	/* waiting for resolution */
	unsigned int		arp_queue_len_bytes;
	unsigned char		ha[ALIGN(MAX_ADDR_LEN, sizeof(unsigned long))];
	int			(*output)(struct neighbour *, struct sk_buff *);
	const struct neigh_ops	*ops;
	u32			primary_key[1];	/* the IPv4 address */
};

struct neigh_statistics {
	unsigned long allocs, destroys, lookups, hits;
	unsigned long res_failed;	/* resolutions that failed */
	unsigned long rcv_probes_mcast, rcv_probes_ucast;
	unsigned long unres_discards;	/* queue full drops */
};

struct neigh_table {
	int			family;
	unsigned int		entry_size;
	unsigned int		key_len;
	const char		*id;		/* "arp_cache" */
	int			(*constructor)(struct neighbour *);
	struct list_head	entries;	/* every namespace's entries */
	int			entries_count;
	struct neigh_statistics	stats;		/* 6.1: per CPU */
};

/* net/core/neighbour.c */
void neigh_table_init(int index, struct neigh_table *tbl);
int neigh_table_clear(int index, struct neigh_table *tbl);
struct neighbour *neigh_lookup(struct neigh_table *tbl, const void *pkey,
			       struct net_device *dev);
/* Find or make an entry; takes a reference the caller must release. */
struct neighbour *__neigh_create(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev, bool want_ref);
struct neighbour *__neigh_lookup(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev, int creat);
void neigh_release(struct neighbour *neigh);
static inline struct neighbour *neigh_clone(struct neighbour *neigh)
{
	if (neigh)
		neigh->refcnt++;
	return neigh;
}

int neigh_update(struct neighbour *neigh, const u8 *lladdr, u8 new,
		 u32 flags, u32 nlmsg_pid);
struct neighbour *neigh_event_ns(struct neigh_table *tbl, u8 *lladdr,
				 void *saddr, struct net_device *dev);
/* 0: send now; 1: queued (or dropped) while resolving. */
int __neigh_event_send(struct neighbour *neigh, struct sk_buff *skb);
static inline int neigh_event_send(struct neighbour *neigh, struct sk_buff *skb)
{
	neigh->used = ktime_get_ns();
	if (!(neigh->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)))
		return __neigh_event_send(neigh, skb);
	return 0;
}

int neigh_resolve_output(struct neighbour *neigh, struct sk_buff *skb);
int neigh_connected_output(struct neighbour *neigh, struct sk_buff *skb);
int neigh_direct_output(struct neighbour *neigh, struct sk_buff *skb);
/* 6.1: picks the fast path when NUD_CONNECTED and the header is cached. */
int neigh_output(struct neighbour *n, struct sk_buff *skb, bool skip_cache);
/* Device down or gone: drop its entries (queued packets freed). */
int neigh_ifdown(struct neigh_table *tbl, struct net_device *dev);
/* The device's own address changed (NETDEV_CHANGEADDR). */
void neigh_changeaddr(struct neigh_table *tbl, struct net_device *dev);
/* Carrier lost: like neigh_ifdown but keeps PERMANENT entries. */
void neigh_carrier_down(struct neigh_table *tbl, struct net_device *dev);
/* Namespace teardown: free every entry of @net. */
void neigh_flush_net(struct neigh_table *tbl, struct net *net);

/*
 * RTM_GETNEIGH dump (`ip neigh show`): @cb gets a const struct
 * rtnl_neigh_msg * per entry of @net, only @ifindex's if not 0, in table
 * order (oldest first); stops when @cb returns non-zero. NOARP entries
 * (lo, broadcast) are included: `ip neigh show` hides them itself.
 */
int neigh_dump_table(struct neigh_table *tbl, struct net *net, int ifindex,
		     rtnl_dump_cb cb, void *arg);
/* 6.1: neigh_remove_one(): take @ndel out of @tbl (arp_invalidate()) */
bool neigh_remove_one(struct neighbour *ndel, struct neigh_table *tbl);
int neigh_dump_info(struct neigh_table *tbl, struct net *net, int ifindex,
		    rtnl_dump_cb cb, void *arg, long *pos);
/* `ip neigh flush dev D` (6.1: RTM_DELNEIGH per entry, for every entry
 * not PERMANENT/NOARP). Returns how many went. */
int neigh_flush_dev(struct neigh_table *tbl, struct net *net,
		    struct net_device *dev);
/* `ip neigh add|replace ADDR lladdr MAC dev D nud STATE` (RTM_NEWNEIGH):
 * @lladdr NULL keeps it. -EEXIST if present and !@replace. */
int neigh_add(struct neigh_table *tbl, struct net_device *dev,
	      const void *pkey, const u8 *lladdr, u8 nud_state, bool replace,
	      struct netlink_ext_ack *extack);
/* `ip neigh get ADDR dev D` (RTM_GETNEIGH): the entry in @m, or -ENOENT
 * ("Neighbour entry not found"). */
struct rtnl_neigh_msg;
int neigh_get(struct neigh_table *tbl, struct net_device *dev,
	      const void *pkey, struct rtnl_neigh_msg *m,
	      struct netlink_ext_ack *extack);
/* `ip neigh del ADDR dev D` (RTM_DELNEIGH): -ENOENT if absent. */
int neigh_delete(struct neigh_table *tbl, struct net_device *dev,
		 const void *pkey, struct netlink_ext_ack *extack);

#endif
