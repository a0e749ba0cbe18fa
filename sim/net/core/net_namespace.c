// SPDX-License-Identifier: GPL-2.0
/*
 * Network namespaces: creation, the pernet hooks that fill a new one, the
 * netnsid table, and cleanup when the last reference goes.
 * 6.1: net/core/net_namespace.c. Cleanup runs at once instead of from the
 * netns workqueue; no user namespaces.
 */
#include <linux/ftrace.h>
#include <stdlib.h>
#include <string.h>
#include <net/net_namespace.h>
#include <linux/netdevice.h>
#include <linux/err.h>

/* 6.1: the first inode number proc hands to a namespace (PROC_NET_INIT_INO). */
#define PROC_NET_INIT_INO	0xEFFFFFF8U

struct net init_net;
LIST_HEAD(net_namespace_list);

/*
 * pernet_list holds subsys ops, then device ops: first_device marks where
 * device ops begin, so subsystems init before and exit after devices.
 */
static LIST_HEAD(pernet_list);
static struct list_head *first_device = &pernet_list;
static unsigned int next_inum = PROC_NET_INIT_INO;

/*
 * 6.1: same, minus the per-net generic data (ops->id/size). Not recorded
 * by the tracer: 6.1 runs it for some 85 pernet operations, the simulator
 * for its few, but it is the parent ftrace shows for each init
 * (loopback_net_init <-ops_init).
 */
static int ops_init(const struct pernet_operations *ops, struct net *net)
{
	FTRACE_FRAME_AS("ops_init");

	return ops->init ? ops->init(net) : 0;
}

/* 6.1: ops_exit_list() for one namespace. */
static void ops_exit(const struct pernet_operations *ops, struct net *net)
{
	if (ops->exit)
		ops->exit(net);
}

/*
 * 6.1: same: run every init in order; on failure run the exits of those
 * that succeeded, in reverse.
 */
static int setup_net(struct net *net)
{
	FTRACE_ENTRY();
	const struct pernet_operations *ops;
	struct list_head *pos;
	int error = 0;

	list_for_each_entry(ops, &pernet_list, list) {
		error = ops_init(ops, net);
		if (error < 0)
			goto out_undo;
	}
	list_add_tail(&net->list, &net_namespace_list);
	return 0;

out_undo:
	for (pos = ops->list.prev; pos != &pernet_list; pos = pos->prev)
		ops_exit(list_entry(pos, struct pernet_operations, list), net);
	return error;
}

static void net_init_fields(struct net *net)
{
	memset(net, 0, sizeof(*net));
	net->refcount = 1;
	net->inum = next_inum++;
	INIT_LIST_HEAD(&net->list);
	INIT_LIST_HEAD(&net->dev_base_head);
}

/*
 * 6.1: copy_net_ns() with CLONE_NEWNET: a new namespace, set up by every
 * pernet init (loopback, IPv4, ...). NULL if one of them fails. Not
 * recorded by the tracer: 6.1 also runs it, without CLONE_NEWNET, for
 * every setns() and unshare() of another namespace (`ip -n`, `ip netns
 * exec`), which the simulator does not make; it is setup_net()'s parent.
 */
struct net *copy_net_ns(void)
{
	FTRACE_FRAME_AS("copy_net_ns");
	struct net *net = malloc(sizeof(*net));

	if (!net)
		return NULL;
	net_init_fields(net);
	if (setup_net(net) < 0) {
		free(net);
		return NULL;
	}
	return net;
}

/* 6.1: include/net/net_namespace.h: same. */
struct net *get_net(struct net *net)
{
	net->refcount++;
	return net;
}

/* 6.1: same idea: forget @net's id in every namespace that gave it one. */
static void unhash_nsid(struct net *net)
{
	struct net *tmp;
	int id;

	for_each_net(tmp)
		for (id = 0; id < MAX_NETNSIDS; id++)
			if (tmp->netns_ids[id] == net)
				tmp->netns_ids[id] = NULL;
	memset(net->netns_ids, 0, sizeof(net->netns_ids));
}

/* Exits in reverse order of registration: devices first, then subsystems. */
static void ops_exit_all(struct net *net)
{
	const struct pernet_operations *ops;

	list_for_each_entry_reverse(ops, &pernet_list, list)
		ops_exit(ops, net);
}

/*
 * 6.1: cleanup_net() from a workqueue: unlink the namespace, drop its ids,
 * run the exits (default_device_exit_batch() deletes every device: a veth
 * through its dellink, which takes the peer along wherever it lives).
 */
static void cleanup_net(struct net *net)
{
	list_del(&net->list);
	unhash_nsid(net);
	ops_exit_all(net);
	if (net != &init_net)
		free(net);
}

/* 6.1: same: the last reference runs cleanup_net(). */
void put_net(struct net *net)
{
	if (!net)
		return;
	if (--net->refcount == 0)
		cleanup_net(net);
}

/* 6.1: __peernet2id(): the id @peer has in @net, or -1. */
static int __peernet2id(const struct net *net, const struct net *peer)
{
	int id;

	for (id = 0; id < MAX_NETNSIDS; id++)
		if (net->netns_ids[id] == peer)
			return id;
	return NETNSA_NSID_NOT_ASSIGNED;
}

/*
 * 6.1: same: the id @peer has in @net, allocating the lowest free one if it
 * has none (idr_alloc from 0). This is why `link-netnsid` numbers follow
 * the order in which rtnetlink first mentioned each namespace.
 */
int peernet2id_alloc(struct net *net, struct net *peer, gfp_t gfp)
{
	int id;

	if (!net || !peer || net->refcount == 0 || peer->refcount == 0)
		return NETNSA_NSID_NOT_ASSIGNED;
	id = __peernet2id(net, peer);
	if (id >= 0)
		return id;
	for (id = 0; id < MAX_NETNSIDS; id++) {
		if (!net->netns_ids[id]) {
			net->netns_ids[id] = peer;
			return id;
		}
	}
	return NETNSA_NSID_NOT_ASSIGNED;
}

/* 6.1: same: look up without allocating. */
int peernet2id(const struct net *net, struct net *peer)
{
	return __peernet2id(net, peer);
}

/*
 * 6.1: same answer for a pid no task has: ERR_PTR(-ESRCH). The simulated
 * kernel runs no tasks of its own (ping and tcpdump belong to the tools),
 * so every pid is such a pid.
 */
struct net *get_net_ns_by_pid(int pid)
{
	(void)pid;
	return ERR_PTR(-ESRCH);
}

/* 6.1: same, but returns no reference (callers here do not put it). */
struct net *get_net_ns_by_id(const struct net *net, int id)
{
	if (id < 0 || id >= MAX_NETNSIDS)
		return NULL;
	return net->netns_ids[id];
}

/* 6.1: __register_pernet_operations(): run init for every namespace. */
static int register_pernet_operations(struct list_head *list,
				      struct pernet_operations *ops)
{
	struct net *net, *undo;
	int error;

	list_add_tail(&ops->list, list);
	for_each_net(net) {
		error = ops_init(ops, net);
		if (error < 0)
			goto out_undo;
	}
	return 0;

out_undo:
	for_each_net(undo) {
		if (undo == net)
			break;
		ops_exit(ops, undo);
	}
	list_del(&ops->list);
	return error;
}

/* 6.1: same: subsystems go before the first device op. */
int register_pernet_subsys(struct pernet_operations *ops)
{
	return register_pernet_operations(first_device, ops);
}

/* 6.1: same: device ops go at the end. */
int register_pernet_device(struct pernet_operations *ops)
{
	int error = register_pernet_operations(&pernet_list, ops);

	if (!error && first_device == &pernet_list)
		first_device = &ops->list;
	return error;
}

/*
 * 6.1: __unregister_pernet_operations() with unregister_pernet_device()'s
 * first_device step; no rcu_barrier() or net_generic id to free.
 */
static void unregister_pernet_operations(struct pernet_operations *ops)
{
	struct net *net;

	if (ops->list.next == NULL || list_empty(&ops->list))
		return;
	if (first_device == &ops->list)
		first_device = ops->list.next;
	list_del(&ops->list);
	for_each_net(net)
		ops_exit(ops, net);
}

/* 6.1: same: exit runs for every namespace. */
void unregister_pernet_subsys(struct pernet_operations *ops)
{
	unregister_pernet_operations(ops);
}

/* 6.1: same. */
void unregister_pernet_device(struct pernet_operations *ops)
{
	unregister_pernet_operations(ops);
}

/* Not in 6.1. */
int net_ns_count(void)
{
	struct net *net;
	int n = 0;

	for_each_net(net)
		n++;
	return n;
}

/* 6.1: net_ns_init(): init_net exists before any pernet op registers. */
int net_ns_init(void)
{
	INIT_LIST_HEAD(&net_namespace_list);
	INIT_LIST_HEAD(&pernet_list);
	first_device = &pernet_list;
	next_inum = PROC_NET_INIT_INO;
	net_init_fields(&init_net);
	return setup_net(&init_net);
}

/*
 * Not in 6.1 (a kernel never tears init_net down): destroy every other
 * namespace whatever its references, then init_net's contents, then forget
 * the pernet ops, so the next boot starts from nothing.
 */
void net_ns_exit(void)
{
	struct net *net, *tmp;

	list_for_each_entry_safe_reverse(net, tmp, &net_namespace_list, list) {
		if (net == &init_net)
			continue;
		net->refcount = 0;
		cleanup_net(net);
	}
	init_net.refcount = 0;
	if (!list_empty(&init_net.list))
		cleanup_net(&init_net);
	while (!list_empty(&pernet_list))
		list_del(pernet_list.next);
	first_device = &pernet_list;
}
