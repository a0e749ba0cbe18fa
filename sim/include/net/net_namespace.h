/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct net: one network namespace.
 * 6.1: include/net/net_namespace.h. Kept: the device list and ifindex
 * counter, the loopback device, the netnsid table that `link-netnsid`
 * prints, and the IPv4 per-namespace state. Namespace *names* (ns0, ns1) are
 * not kernel state: iproute2 keeps them as files in /run/netns, and so the
 * simulator keeps them in the tools (sim/tools/ip/ipnetns.c).
 */
#ifndef _SIM_NET_NET_NAMESPACE_H
#define _SIM_NET_NET_NAMESPACE_H

#include <linux/types.h>
#include <linux/list.h>

struct net_device;
struct netns_ipv4;

#define NETNSA_NSID_NOT_ASSIGNED	-1
#define MAX_NETNSIDS			64

struct net {
	int			refcount;	/* refcount_t passive+count in 6.1 */
	unsigned int		inum;		/* proc inode number, for logs */
	struct list_head	list;		/* in net_namespace_list */
	struct list_head	dev_base_head;	/* all devices, ifindex order */
	int			ifindex;	/* last ifindex handed out */
	unsigned int		dev_unreg_count;
	struct net_device	*loopback_dev;	/* "lo", ifindex 1 */

	/* netns_ids: the idr of peer namespaces, ids in allocation order */
	struct net		*netns_ids[MAX_NETNSIDS];

	struct netns_ipv4	*ipv4;		/* embedded struct in 6.1 */
	void			*ipv6_conf;	/* disable_ipv6 and friends */
};

extern struct net init_net;
extern struct list_head net_namespace_list;

#define for_each_net(VAR) \
	list_for_each_entry(VAR, &net_namespace_list, list)

static inline bool net_eq(const struct net *a, const struct net *b)
{
	return a == b;
}

/* net/core/net_namespace.c */
struct net *copy_net_ns(void);		/* `ip netns add`: a new, empty netns */
struct net *get_net(struct net *net);
void put_net(struct net *net);		/* the last put runs cleanup_net() */
int peernet2id_alloc(struct net *net, struct net *peer, gfp_t gfp);
int peernet2id(const struct net *net, struct net *peer);
struct net *get_net_ns_by_id(const struct net *net, int id);
struct net *get_net_ns_by_pid(int pid);	/* ERR_PTR(-ESRCH): no such task */

/*
 * Per-namespace init and exit hooks, run for every namespace that exists
 * and every namespace made later (loopback, IPv4, ARP register one each).
 */
struct pernet_operations {
	struct list_head list;
	int (*init)(struct net *net);
	void (*exit)(struct net *net);
	/* 6.1: also exit_batch and an id/size pair; not needed here */
};

int register_pernet_subsys(struct pernet_operations *ops);
int register_pernet_device(struct pernet_operations *ops);

/* Added by the core. */
extern struct pernet_operations loopback_net_ops;	/* drivers/net/loopback.c */
void unregister_pernet_subsys(struct pernet_operations *ops);
void unregister_pernet_device(struct pernet_operations *ops);
int net_ns_init(void);		/* boot: set up init_net */
void net_ns_exit(void);		/* sim shutdown: destroy every namespace */
/* How many namespaces exist, init_net included. */
int net_ns_count(void);

#endif
