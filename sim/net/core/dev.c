// SPDX-License-Identifier: GPL-2.0
/*
 * The device layer: registration, up/down, carrier, transmit, receive.
 * 6.1: net/core/dev.c. This is the half students read; the half they write
 * (alloc_netdev_mqs, netdev_priv, enqueue_to_backlog, ____napi_schedule,
 * net_rx_action, process_backlog) is solutions/sim/net/core/dev.c.
 *
 * One CPU, one TX queue and no qdiscs: every device transmits the way 6.1
 * transmits on an IFF_NO_QUEUE device (veth, lo), straight from
 * __dev_queue_xmit() to the driver. Locks are gone: one thread runs it all.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/ftrace.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <net/sch_generic.h>

/* Deterministic clock: what receiving one packet costs. */
#define RX_PACKET_COST_NS	2000

struct softnet_data softnet_data[NR_CPUS];

int netdev_max_backlog = 1000;
int netdev_budget = 300;
unsigned int netdev_budget_usecs = 2 * USEC_PER_SEC / HZ;
int dev_rx_weight = 64;
int dev_tx_weight = 64;
int weight_p = 64;

/* 6.1: ptype_all and a hash of ptype_base lists; one list each here. */
static LIST_HEAD(ptype_all);
static LIST_HEAD(ptype_base);
static struct notifier_block *netdev_chain;
static LIST_HEAD(net_todo_list);
static int xmit_recursion;
static int netstamp_needed;	/* netstamp_needed_key in 6.1 */

/* ---- protocol handlers ---- */

/*
 * 6.1: not the same list order: list_add_rcu() puts the handler first on
 * ptype_head()'s list (dev->ptype_all for a tap bound to a device,
 * ptype_all, or a ptype_base hash bucket); here it goes last on one of two
 * lists, so taps see packets oldest first. A tap (ETH_P_ALL) sees every
 * packet in and out; a handler sees packets of its EtherType.
 */
void dev_add_pack(struct packet_type *pt)
{
	if (pt->type == htons(ETH_P_ALL))
		list_add_tail(&pt->list, &ptype_all);
	else
		list_add_tail(&pt->list, &ptype_base);
}

/* 6.1: same (no synchronize_net() needed: one thread). */
void dev_remove_pack(struct packet_type *pt)
{
	struct packet_type *p;

	list_for_each_entry(p, &ptype_all, list)
		if (p == pt)
			goto found;
	list_for_each_entry(p, &ptype_base, list)
		if (p == pt)
			goto found;
	return;
found:
	list_del(&pt->list);
}

/* ---- the netdevice notifier chain ---- */

/* 6.1: call_netdevice_notifiers_info(): stops at the first veto. */
int call_netdevice_notifiers(unsigned long val, struct net_device *dev)
{
	struct notifier_block *nb, *next;
	int ret = NOTIFY_DONE;

	for (nb = netdev_chain; nb; nb = next) {
		next = nb->next;
		ret = nb->notifier_call(nb, val, dev);
		if (ret & NOTIFY_STOP_MASK)
			break;
	}
	return ret;
}

/*
 * 6.1: same: higher priority first; a new listener is told about every
 * device that exists (NETDEV_REGISTER, and NETDEV_UP if it is up).
 */
int register_netdevice_notifier(struct notifier_block *nb)
{
	struct notifier_block **pp;
	struct net_device *dev;
	struct net *net;

	for (pp = &netdev_chain; *pp; pp = &(*pp)->next)
		if ((*pp)->priority < nb->priority)
			break;
	nb->next = *pp;
	*pp = nb;
	for_each_net(net) {
		for_each_netdev(net, dev) {
			nb->notifier_call(nb, NETDEV_REGISTER, dev);
			if (dev->flags & IFF_UP)
				nb->notifier_call(nb, NETDEV_UP, dev);
		}
	}
	return 0;
}

/* 6.1: same, minus the replay of NETDEV_DOWN/UNREGISTER. */
int unregister_netdevice_notifier(struct notifier_block *nb)
{
	struct notifier_block **pp;

	for (pp = &netdev_chain; *pp; pp = &(*pp)->next) {
		if (*pp == nb) {
			*pp = nb->next;
			nb->next = NULL;
			return 0;
		}
	}
	return -ENOENT;
}

/* ---- names and indexes ---- */

/* 6.1: same (a hash of names there, a list walk here). */
struct net_device *__dev_get_by_name(struct net *net, const char *name)
{
	struct net_device *dev;

	if (!net || !name)
		return NULL;
	for_each_netdev(net, dev)
		if (!strncmp(dev->name, name, IFNAMSIZ))
			return dev;
	return NULL;
}

/* 6.1: same (a hash of indexes there). */
struct net_device *__dev_get_by_index(struct net *net, int ifindex)
{
	struct net_device *dev;

	if (!net)
		return NULL;
	for_each_netdev(net, dev)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

/* 6.1: same rule: not empty, shorter than IFNAMSIZ, no '/', ':' or space. */
int dev_valid_name(const char *name)
{
	if (!name || *name == '\0')
		return false;
	if (strnlen(name, IFNAMSIZ) == IFNAMSIZ)
		return false;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (; *name; name++)
		if (*name == '/' || *name == ':' || isspace((unsigned char)*name))
			return false;
	return true;
}

#define MAX_ALLOC_NAME	32768

/*
 * 6.1: __dev_alloc_name(): for a pattern like "veth%d", the lowest number
 * no device in @net uses (a bitmap of one page, 32768 names, in 6.1).
 */
static int __dev_alloc_name(struct net *net, const char *name, char *res)
{
	static unsigned char inuse[MAX_ALLOC_NAME / 8];
	const char *p = strchr(name, '%');
	struct net_device *d;
	char buf[IFNAMSIZ];
	int i;

	if (!dev_valid_name(name))
		return -EINVAL;
	if (!p)
		return -EINVAL;
	/* Exactly one %d, nothing else that printf would interpret. */
	if (p[1] != 'd' || strchr(p + 2, '%'))
		return -EINVAL;
	memset(inuse, 0, sizeof(inuse));
	for_each_netdev(net, d) {
		if (sscanf(d->name, name, &i) != 1 || i < 0 ||
		    i >= MAX_ALLOC_NAME)
			continue;
		/* avoid cases where sscanf is not exact inverse of printf */
		snprintf(buf, IFNAMSIZ, name, i);
		if (!strncmp(buf, d->name, IFNAMSIZ))
			inuse[i / 8] |= (unsigned char)(1u << (i % 8));
	}
	for (i = 0; i < MAX_ALLOC_NAME; i++)
		if (!(inuse[i / 8] & (1u << (i % 8))))
			break;
	if (i == MAX_ALLOC_NAME)
		return -ENFILE;
	snprintf(buf, IFNAMSIZ, name, i);
	if (__dev_get_by_name(net, buf))
		return -ENFILE;	/* the number did not fit in IFNAMSIZ */
	strcpy(res, buf);
	return i;
}

/* 6.1: same: returns the number used. */
int dev_alloc_name(struct net_device *dev, const char *name)
{
	char buf[IFNAMSIZ];
	int ret = __dev_alloc_name(dev_net(dev), name, buf);

	if (ret >= 0)
		strcpy(dev->name, buf);
	return ret;
}

/* 6.1: same: a pattern gets a number; a plain name must be free. */
int dev_get_valid_name(struct net *net, struct net_device *dev,
		       const char *name)
{
	char buf[IFNAMSIZ];
	int ret;

	if (!dev_valid_name(name))
		return -EINVAL;
	if (strchr(name, '%')) {
		ret = __dev_alloc_name(net, name, buf);
		if (ret < 0)
			return ret;
		strcpy(dev->name, buf);
		return 0;
	}
	if (__dev_get_by_name(net, name))
		return -EEXIST;
	if (dev->name != name)
		snprintf(dev->name, IFNAMSIZ, "%s", name);
	return 0;
}

/*
 * 6.1: same: the index after the last one handed out in this namespace,
 * skipping any in use. Deleting a device does not give its index back.
 */
static int dev_new_index(struct net *net)
{
	int ifindex = net->ifindex;

	for (;;) {
		if (++ifindex <= 0)
			ifindex = 1;
		if (!__dev_get_by_index(net, ifindex))
			return net->ifindex = ifindex;
	}
}

/*
 * 6.1: list_netdevice() appends and hashes by name and index; dumps walk
 * the index hash, so `ip link` lists by ifindex. Here the list is kept in
 * ifindex order directly.
 */
static void list_netdevice(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct net_device *d;

	list_for_each_entry(d, &net->dev_base_head, dev_list)
		if (d->ifindex > dev->ifindex)
			break;
	list_add_tail(&dev->dev_list, &d->dev_list);
}

/* 6.1: same, minus the name and index hashes. */
static void unlist_netdevice(struct net_device *dev)
{
	list_del(&dev->dev_list);
}

/* ---- registration ---- */

/*
 * 6.1: same order: name, ndo_init, ifindex, PRESENT, operstate, list,
 * NETDEV_REGISTER, RTM_NEWLINK. The caller keeps the device if this fails.
 */
int register_netdevice(struct net_device *dev)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(dev);
	int ret;

	if (!net || dev->reg_state != NETREG_UNINITIALIZED)
		return -EINVAL;
	ret = dev_get_valid_name(net, dev, dev->name);
	if (ret < 0)
		return ret;
	if (dev->netdev_ops && dev->netdev_ops->ndo_init) {
		ret = dev->netdev_ops->ndo_init(dev);
		if (ret)
			return ret > 0 ? -EIO : ret;
	}
	ret = -EBUSY;
	if (!dev->ifindex)
		dev->ifindex = dev_new_index(net);
	else if (__dev_get_by_index(net, dev->ifindex))
		goto err_uninit;

	dev->reg_state = NETREG_REGISTERED;
	dev->state |= 1ul << __LINK_STATE_PRESENT;
	linkwatch_init_dev(dev);
	list_netdevice(dev);

	ret = notifier_to_errno(call_netdevice_notifiers(NETDEV_REGISTER, dev));
	if (ret) {
		/* Expect explicit free_netdev() on failure */
		dev->needs_free_netdev = false;
		unregister_netdevice_queue(dev, NULL);
		return ret;
	}
	if (!dev->rtnl_link_ops ||
	    dev->rtnl_link_state == RTNL_LINK_INITIALIZED)
		rtmsg_ifinfo(RTM_NEWLINK, dev, ~0U, GFP_KERNEL);
	return 0;

err_uninit:
	if (dev->netdev_ops && dev->netdev_ops->ndo_uninit)
		dev->netdev_ops->ndo_uninit(dev);
	if (dev->priv_destructor)
		dev->priv_destructor(dev);
	return ret;
}

/* 6.1: same: register_netdevice() under the rtnl lock. */
int register_netdev(struct net_device *dev)
{
	FTRACE_ENTRY();
	int err;

	rtnl_lock();
	err = register_netdevice(dev);
	rtnl_unlock();
	return err;
}

/*
 * 6.1: free_netdev(): a device never registered (or fully unregistered)
 * goes back to the allocator, from the pointer alloc_netdev_mqs() got
 * before aligning.
 */
void free_netdev(struct net_device *dev)
{
	if (!dev)
		return;
	if (dev->reg_state == NETREG_REGISTERED ||
	    dev->reg_state == NETREG_UNREGISTERING) {
		fprintf(stderr, "BUG: free_netdev(%s) while registered\n",
			dev->name);
		abort();
	}
	dev->reg_state = NETREG_RELEASED;
	free(dev->ifalias);
	free((char *)dev - dev->padded);
}

/*
 * 6.1: netdev_run_todo(), run at rtnl_unlock(): the last step of
 * unregistering, once no one can hold the device: destructor, then free.
 */
void netdev_run_todo(void)
{
	struct net_device *dev, *tmp;
	LIST_HEAD(list);

	list_splice_init(&net_todo_list, &list);
	list_for_each_entry_safe(dev, tmp, &list, todo_list) {
		list_del(&dev->todo_list);
		linkwatch_forget_dev(dev);
		dev->reg_state = NETREG_UNREGISTERED;
		if (dev->priv_destructor)
			dev->priv_destructor(dev);
		if (dev->needs_free_netdev)
			free_netdev(dev);
	}
}

static void flush_queue(struct sk_buff_head *q, struct net_device *dev)
{
	struct sk_buff *skb, *tmp;

	skb_queue_walk_safe(q, skb, tmp) {
		if (dev ? skb->dev == dev :
			  skb->dev->reg_state == NETREG_UNREGISTERING) {
			__skb_unlink(skb, q);
			kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		}
	}
}

/*
 * 6.1: flush_backlog(), run on every CPU by flush_all_backlogs(): packets
 * queued for a device that is going away are dropped. NULL: every device
 * being unregistered.
 */
void flush_backlog(struct net_device *dev)
{
	struct softnet_data *sd = this_cpu_ptr(softnet_data);

	flush_queue(&sd->input_pkt_queue, dev);
	flush_queue(&sd->process_queue, dev);
}

static void dev_close_many(struct list_head *head, bool unlink);

/*
 * Close all, unlist all, drop their queued packets, tell the protocols
 * (NETDEV_UNREGISTER), then free them at netdev_run_todo().
 * 6.1: same, without the netlink port and message to answer (portid, nlh).
 */
void unregister_netdevice_many_notify(struct list_head *head)
{
	FTRACE_ENTRY();
	struct net_device *dev, *tmp;
	LIST_HEAD(close_head);

	if (list_empty(head))
		return;
	list_for_each_entry_safe(dev, tmp, head, unreg_list) {
		if (dev->reg_state != NETREG_REGISTERED) {
			list_del_init(&dev->unreg_list);
			continue;
		}
		dev->dismantle = true;
	}
	list_for_each_entry(dev, head, unreg_list)
		list_add_tail(&dev->close_list, &close_head);
	dev_close_many(&close_head, true);

	list_for_each_entry(dev, head, unreg_list) {
		unlist_netdevice(dev);
		dev->reg_state = NETREG_UNREGISTERING;
		linkwatch_forget_dev(dev);
	}
	flush_backlog(NULL);

	list_for_each_entry(dev, head, unreg_list) {
		call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
		if (!dev->rtnl_link_ops ||
		    dev->rtnl_link_state == RTNL_LINK_INITIALIZED)
			rtmsg_ifinfo(RTM_DELLINK, dev, ~0U, GFP_KERNEL);
		if (dev->netdev_ops && dev->netdev_ops->ndo_uninit)
			dev->netdev_ops->ndo_uninit(dev);
		dev_net(dev)->dev_unreg_count++;
	}
	list_for_each_entry_safe(dev, tmp, head, unreg_list) {
		list_del_init(&dev->unreg_list);
		dev_net(dev)->dev_unreg_count--;
		list_add_tail(&dev->todo_list, &net_todo_list);
	}
	INIT_LIST_HEAD(head);
	if (!rtnl_is_locked())
		netdev_run_todo();
}

/*
 * 6.1: same: unregister_netdevice_many_notify() with no port to answer,
 * a call in tail position (a jump in gcc -O2 code).
 */
void unregister_netdevice_many(struct list_head *head)
{
	FTRACE_ENTRY();

	FTRACE_TAIL_CALL();
	unregister_netdevice_many_notify(head);
}

/* 6.1: same: queue on @head, or unregister at once when @head is NULL. */
void unregister_netdevice_queue(struct net_device *dev, struct list_head *head)
{
	FTRACE_ENTRY();

	if (head) {
		list_move_tail(&dev->unreg_list, head);
	} else {
		LIST_HEAD(single);

		list_add(&dev->unreg_list, &single);
		unregister_netdevice_many(&single);
	}
}

/* ---- up and down ---- */

/*
 * Mark the device started, call ndo_open, and only then set IFF_UP; a
 * failing ndo_open (veth without a peer: -ENOTCONN) undoes it.
 * 6.1: same, less the NETDEV_PRE_UP notifier (nothing here vetoes),
 * ndo_validate_addr, netpoll and dev_set_rx_mode().
 */
static int __dev_open(struct net_device *dev, struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY();
	const struct net_device_ops *ops = dev->netdev_ops;
	int ret = 0;

	if (!netif_device_present(dev))
		return -ENODEV;
	dev->state |= 1ul << __LINK_STATE_START;
	if (ops && ops->ndo_open)
		ret = ops->ndo_open(dev);
	if (ret) {
		dev->state &= ~(1ul << __LINK_STATE_START);
	} else {
		dev->flags |= IFF_UP;
		dev_activate(dev);
	}
	return ret;
}

/* 6.1: same. */
int dev_open(struct net_device *dev, struct netlink_ext_ack *extack)
{
	int ret;

	if (dev->flags & IFF_UP)
		return 0;
	ret = __dev_open(dev, extack);
	if (ret < 0)
		return ret;
	rtmsg_ifinfo(RTM_NEWLINK, dev, IFF_UP | IFF_RUNNING, GFP_KERNEL);
	call_netdevice_notifiers(NETDEV_UP, dev);
	return ret;
}

/*
 * 6.1: __dev_close_many(): GOING_DOWN, transmit to noop_qdisc, stop the
 * device, clear IFF_UP.
 */
static void __dev_close_many(struct list_head *head)
{
	FTRACE_ENTRY();
	struct net_device *dev;

	list_for_each_entry(dev, head, close_list) {
		call_netdevice_notifiers(NETDEV_GOING_DOWN, dev);
		dev->state &= ~(1ul << __LINK_STATE_START);
	}
	list_for_each_entry(dev, head, close_list)
		dev_deactivate(dev);	/* dev_deactivate_many() */
	list_for_each_entry(dev, head, close_list) {
		const struct net_device_ops *ops = dev->netdev_ops;

		if (ops && ops->ndo_stop)
			ops->ndo_stop(dev);
		dev->flags &= ~IFF_UP;
	}
}

/* 6.1: same: closes those of @head that are up, then NETDEV_DOWN. */
static void dev_close_many(struct list_head *head, bool unlink)
{
	FTRACE_ENTRY();
	struct net_device *dev, *tmp;

	list_for_each_entry_safe(dev, tmp, head, close_list)
		if (!(dev->flags & IFF_UP))
			list_del_init(&dev->close_list);
	__dev_close_many(head);
	list_for_each_entry_safe(dev, tmp, head, close_list) {
		rtmsg_ifinfo(RTM_NEWLINK, dev, IFF_UP | IFF_RUNNING,
			     GFP_KERNEL);
		call_netdevice_notifiers(NETDEV_DOWN, dev);
		if (unlink)
			list_del_init(&dev->close_list);
	}
}

/* 6.1: same. */
void dev_close(struct net_device *dev)
{
	FTRACE_ENTRY();

	if (dev->flags & IFF_UP) {
		LIST_HEAD(single);

		list_add(&dev->close_list, &single);
		dev_close_many(&single, true);
	}
}

#define IFF_VOLATILE	(IFF_LOOPBACK | IFF_POINTOPOINT | IFF_BROADCAST | \
			 IFF_MASTER | IFF_SLAVE | IFF_RUNNING | \
			 IFF_LOWER_UP | IFF_DORMANT)

/*
 * 6.1: same, without the audit log and the kernel log line ("entered
 * promiscuous mode") and with no rx mode to program: IFF_PROMISC is on
 * while anyone (a packet socket, `ip link set promisc on`) wants it.
 */
static int __dev_set_promiscuity(struct net_device *dev, int inc)
{
	dev->flags |= IFF_PROMISC;
	dev->promiscuity += (unsigned int)inc;
	if (dev->promiscuity == 0) {
		if (inc < 0) {
			dev->flags &= ~IFF_PROMISC;
		} else {
			dev->promiscuity -= (unsigned int)inc;
			return -EOVERFLOW;
		}
	}
	return 0;
}

/* 6.1: same, but for dev_set_rx_mode() (nothing to program here). */
int dev_set_promiscuity(struct net_device *dev, int inc)
{
	return __dev_set_promiscuity(dev, inc);
}

/*
 * The user may change UP and a few plain flags; the rest are the
 * driver's. IFF_PROMISC is the user's wish (gflags), one more user of
 * promiscuity.
 * 6.1: same, with no rx mode to program and without IFF_ALLMULTI.
 */
static int __dev_change_flags(struct net_device *dev, unsigned int flags,
			      struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY();
	unsigned int old_flags = dev->flags;
	int ret = 0;

	dev->flags = (flags & (IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP |
			       IFF_MULTICAST)) |
		     (dev->flags & (IFF_UP | IFF_VOLATILE | IFF_PROMISC |
				    IFF_ALLMULTI));
	if ((old_flags ^ flags) & IFF_UP) {
		if (old_flags & IFF_UP) {
			/* __dev_close(), inlined in 6.1 */
			LIST_HEAD(single);

			list_add(&dev->close_list, &single);
			__dev_close_many(&single);
			list_del_init(&dev->close_list);
		} else {
			ret = __dev_open(dev, extack);
		}
	}
	if ((flags ^ dev->gflags) & IFF_PROMISC) {
		dev->gflags ^= IFF_PROMISC;
		__dev_set_promiscuity(dev, flags & IFF_PROMISC ? 1 : -1);
	}
	return ret;
}

/*
 * 6.1: same, without the netlink port and message to answer: the
 * RTM_NEWLINK, then NETDEV_UP/DOWN, NETDEV_CHANGE for the other flags.
 */
void __dev_notify_flags(struct net_device *dev, unsigned int old_flags,
			unsigned int gchanges)
{
	FTRACE_ENTRY();
	unsigned int changes = dev->flags ^ old_flags;

	if (gchanges)
		rtmsg_ifinfo(RTM_NEWLINK, dev, gchanges, GFP_KERNEL);
	if (changes & IFF_UP)
		call_netdevice_notifiers(dev->flags & IFF_UP ? NETDEV_UP :
					 NETDEV_DOWN, dev);
	if ((dev->flags & IFF_UP) &&
	    (changes & ~(IFF_UP | IFF_PROMISC | IFF_ALLMULTI | IFF_VOLATILE)))
		call_netdevice_notifiers(NETDEV_CHANGE, dev);
}

/* 6.1: same. */
int dev_change_flags(struct net_device *dev, unsigned int flags,
		     struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY();
	unsigned int old_flags = dev->flags, old_gflags = dev->gflags;
	unsigned int changes;
	int ret;

	ret = __dev_change_flags(dev, flags, extack);
	if (ret < 0)
		return ret;
	changes = (old_flags ^ dev->flags) | (old_gflags ^ dev->gflags);
	__dev_notify_flags(dev, old_flags, changes);
	return ret;
}

/*
 * 6.1: same: the flags `ip link` prints. PROMISC only if the user asked
 * for it (a packet socket's promiscuity does not show), RUNNING means
 * "operationally up" (UP or UNKNOWN), LOWER_UP means carrier; both only
 * while running.
 */
unsigned int dev_get_flags(const struct net_device *dev)
{
	unsigned int flags;

	flags = (dev->flags & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING |
				IFF_LOWER_UP | IFF_DORMANT)) |
		(dev->gflags & (IFF_PROMISC | IFF_ALLMULTI));
	if (netif_running(dev)) {
		if (netif_oper_up(dev))
			flags |= IFF_RUNNING;
		if (netif_carrier_ok(dev))
			flags |= IFF_LOWER_UP;
	}
	return flags;
}

/* 6.1: same messages, which iproute2 prints as "Error: <msg>.". */
int dev_validate_mtu(struct net_device *dev, int new_mtu,
		     struct netlink_ext_ack *extack)
{
	if (new_mtu < 0 || new_mtu < (int)dev->min_mtu) {
		NL_SET_ERR_MSG(extack, "mtu less than device minimum");
		return -EINVAL;
	}
	if (dev->max_mtu > 0 && new_mtu > (int)dev->max_mtu) {
		NL_SET_ERR_MSG(extack, "mtu greater than device maximum");
		return -EINVAL;
	}
	return 0;
}

/* 6.1: dev_set_mtu_ext(): validate, ndo_change_mtu, NETDEV_CHANGEMTU. */
int dev_set_mtu(struct net_device *dev, int new_mtu,
		struct netlink_ext_ack *extack)
{
	int err;

	if (new_mtu == (int)dev->mtu)
		return 0;
	err = dev_validate_mtu(dev, new_mtu, extack);
	if (err)
		return err;
	if (!netif_device_present(dev))
		return -ENODEV;
	if (dev->netdev_ops && dev->netdev_ops->ndo_change_mtu)
		err = dev->netdev_ops->ndo_change_mtu(dev, new_mtu);
	else
		dev->mtu = (unsigned int)new_mtu;
	if (err)
		return err;
	call_netdevice_notifiers(NETDEV_CHANGEMTU, dev);
	return 0;
}

/*
 * 6.1: dev_set_mac_address() takes a struct sockaddr; here the bytes.
 * The driver checks the address (eth_mac_addr: -EADDRNOTAVAIL if it is
 * multicast or zero).
 */
int dev_set_mac_address(struct net_device *dev, const u8 *addr,
			struct netlink_ext_ack *extack)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	u8 copy[MAX_ADDR_LEN];
	int err;

	if (!ops || !ops->ndo_set_mac_address)
		return -EOPNOTSUPP;
	if (!netif_device_present(dev))
		return -ENODEV;
	memcpy(copy, addr, dev->addr_len);
	err = ops->ndo_set_mac_address(dev, copy);
	if (err)
		return err;
	dev->addr_assign_type = NET_ADDR_SET;
	call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	return 0;
}

/* 6.1: same: only while down; NETDEV_CHANGENAME. */
int dev_change_name(struct net_device *dev, const char *newname)
{
	char oldname[IFNAMSIZ];
	int err;

	if (dev->flags & IFF_UP)
		return -EBUSY;
	if (!strncmp(newname, dev->name, IFNAMSIZ))
		return 0;
	memcpy(oldname, dev->name, IFNAMSIZ);
	err = dev_get_valid_name(dev_net(dev), dev, newname);
	if (err < 0)
		return err;
	dev->name_assign_type = NET_NAME_RENAMED;
	call_netdevice_notifiers(NETDEV_CHANGENAME, dev);
	return 0;
}

/*
 * 6.1: same with new_ifindex 0: close, unlist, tell
 * the old namespace the device is gone (NETDEV_UNREGISTER: IPv4 forgets
 * its addresses; RTM_DELLINK carries the new netnsid), move, keep the
 * ifindex unless the target uses it, tell the new namespace.
 */
int __dev_change_net_namespace(struct net_device *dev, struct net *net,
			       const char *pat)
{
	FTRACE_ENTRY();
	struct net *net_old = dev_net(dev);
	int new_nsid, new_ifindex, err;

	if (!net)
		return -EINVAL;
	if (dev->features & NETIF_F_NETNS_LOCAL)
		return -EINVAL;
	if (dev->reg_state != NETREG_REGISTERED)
		return -EINVAL;
	if (net_eq(net_old, net))
		return 0;
	if (__dev_get_by_name(net, dev->name)) {
		if (!pat)
			return -EEXIST;
		err = dev_get_valid_name(net, dev, pat);
		if (err < 0)
			return err;
	}
	if (__dev_get_by_index(net, dev->ifindex))
		new_ifindex = dev_new_index(net);
	else
		new_ifindex = dev->ifindex;

	dev_close(dev);
	unlist_netdevice(dev);
	flush_backlog(dev);
	dev->qdisc = "noop";		/* dev_shutdown() */
	call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
	new_nsid = peernet2id_alloc(net_old, net, GFP_KERNEL);
	rtmsg_ifinfo_newnet(RTM_DELLINK, dev, ~0U, GFP_KERNEL, &new_nsid,
			    new_ifindex);

	dev_net_set(dev, net);
	dev->ifindex = new_ifindex;
	list_netdevice(dev);
	call_netdevice_notifiers(NETDEV_REGISTER, dev);
	rtmsg_ifinfo(RTM_NEWLINK, dev, ~0U, GFP_KERNEL);
	return 0;
}

/* ---- carrier, operstate, stats ---- */

/* 6.1: same: NETDEV_CHANGE and an RTM_NEWLINK. */
void netdev_state_change(struct net_device *dev)
{
	if (dev->flags & IFF_UP) {
		call_netdevice_notifiers(NETDEV_CHANGE, dev);
		rtmsg_ifinfo(RTM_NEWLINK, dev, 0, GFP_KERNEL);
	}
}

/* 6.1: same (a field-by-field copy). */
static void netdev_stats_to_stats64(struct rtnl_link_stats64 *s,
				    const struct net_device_stats *n)
{
	memset(s, 0, sizeof(*s));
	s->rx_packets = n->rx_packets;
	s->tx_packets = n->tx_packets;
	s->rx_bytes = n->rx_bytes;
	s->tx_bytes = n->tx_bytes;
	s->rx_errors = n->rx_errors;
	s->tx_errors = n->tx_errors;
	s->rx_dropped = n->rx_dropped;
	s->tx_dropped = n->tx_dropped;
	s->multicast = n->multicast;
	s->collisions = n->collisions;
	s->rx_length_errors = n->rx_length_errors;
	s->rx_over_errors = n->rx_over_errors;
	s->rx_crc_errors = n->rx_crc_errors;
	s->rx_frame_errors = n->rx_frame_errors;
	s->rx_fifo_errors = n->rx_fifo_errors;
	s->rx_missed_errors = n->rx_missed_errors;
	s->tx_aborted_errors = n->tx_aborted_errors;
	s->tx_carrier_errors = n->tx_carrier_errors;
	s->tx_fifo_errors = n->tx_fifo_errors;
	s->tx_heartbeat_errors = n->tx_heartbeat_errors;
	s->tx_window_errors = n->tx_window_errors;
	s->rx_compressed = n->rx_compressed;
	s->tx_compressed = n->tx_compressed;
}

/*
 * 6.1: same: the driver's counters (ndo_get_stats64, else dev->stats) plus
 * the core's: packets the stack dropped for this device.
 */
void dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *storage)
{
	const struct net_device_ops *ops = dev->netdev_ops;

	if (ops && ops->ndo_get_stats64) {
		memset(storage, 0, sizeof(*storage));
		ops->ndo_get_stats64(dev, storage);
	} else {
		netdev_stats_to_stats64(storage, &dev->stats);
	}
	storage->rx_dropped += (u64)atomic64_read(&dev->rx_dropped);
	storage->tx_dropped += (u64)atomic64_read(&dev->tx_dropped);
	storage->rx_nohandler += (u64)atomic64_read(&dev->rx_nohandler);
}

/* 6.1: same: a veth's iflink is its peer's ifindex. */
int dev_get_iflink(const struct net_device *dev)
{
	if (dev->netdev_ops && dev->netdev_ops->ndo_get_iflink)
		return dev->netdev_ops->ndo_get_iflink(dev);
	return dev->ifindex;
}

/*
 * 6.1: same limit (S16_MAX: -ERANGE); no NETDEV_CHANGE_TX_QUEUE_LEN
 * notifier (there is no qdisc to resize).
 */
int dev_change_tx_queue_len(struct net_device *dev, unsigned long new_len)
{
	if (new_len > 32767)
		return -ERANGE;
	dev->tx_queue_len = (unsigned int)new_len;
	return 0;
}

/* 6.1: same. */
void dev_set_group(struct net_device *dev, int new_group)
{
	dev->group = new_group;
}

/* 6.1: same; the old alias is freed at once (no RCU readers here). */
int dev_set_alias(struct net_device *dev, const char *alias, size_t len)
{
	char *new_alias = NULL;

	if (len >= IFALIASZ)
		return -EINVAL;
	if (len) {
		new_alias = malloc(len + 1);
		if (!new_alias)
			return -ENOMEM;
		memcpy(new_alias, alias, len);
		new_alias[len] = '\0';
	}
	free(dev->ifalias);
	dev->ifalias = new_alias;
	return (int)len;
}

/* 6.1: same. */
int dev_get_alias(const struct net_device *dev, char *name, size_t len)
{
	if (!dev->ifalias)
		return 0;
	return snprintf(name, len, "%s", dev->ifalias);
}

/* Not in 6.1: iproute2's oper_states[] names. */
const char *netdev_operstate_name(unsigned char operstate)
{
	static const char *const names[] = {
		"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
		"TESTING", "DORMANT", "UP",
	};

	return operstate < ARRAY_SIZE(names) ? names[operstate] : "UNKNOWN";
}

/* ---- transmit ---- */

/*
 * Every tap (tcpdump) gets a clone of an outgoing packet, marked
 * PACKET_OUTGOING, before the driver sees it.
 * 6.1: walks ptype_all, then dev->ptype_all; here one list, filtered by
 * ptype->dev and by namespace (where 6.1's packet_rcv() drops packets of
 * another namespace). No skb_loop_sk() test (vethsim's packet sockets
 * never send), and the clone is stamped always, not per netstamp_needed.
 */
void dev_queue_xmit_nit(struct sk_buff *skb, struct net_device *dev)
{
	FTRACE_ENTRY();
	struct packet_type *ptype, *pt_prev = NULL;
	struct sk_buff *skb2 = NULL;

	list_for_each_entry(ptype, &ptype_all, list) {
		if (ptype->ignore_outgoing)
			continue;
		if (ptype->dev && ptype->dev != dev)
			continue;
		if (ptype->af_packet_net &&
		    !net_eq(ptype->af_packet_net, dev_net(dev)))
			continue;
		if (pt_prev) {
			deliver_skb(skb2, pt_prev, skb->dev);
			pt_prev = ptype;
			continue;
		}
		/* need to clone skb, done only once */
		skb2 = skb_clone(skb, GFP_ATOMIC);
		if (!skb2)
			return;
		skb2->tstamp = ktime_get_real_ns();
		skb_reset_mac_header(skb2);
		if (skb_network_header(skb2) < skb2->data ||
		    skb_network_header(skb2) > skb_tail_pointer(skb2))
			skb_reset_network_header(skb2);
		skb2->transport_header = skb2->network_header;
		skb2->pkt_type = PACKET_OUTGOING;
		pt_prev = ptype;
	}
	if (pt_prev)
		pt_prev->func(skb2, skb->dev, pt_prev, skb->dev);
}

/*
 * 6.1: include/linux/netdevice.h: same: the call into the driver. A
 * static inline there (with __netdev_start_xmit()), so ftrace shows the
 * driver called from dev_hard_start_xmit.
 */
int netdev_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	FTRACE_ENTRY_INLINED();

	return dev->netdev_ops->ndo_start_xmit(skb, dev);
}

/* 6.1: same, minus the per-device tap list. */
static bool dev_nit_active(const struct net_device *dev)
{
	return !list_empty(&ptype_all);
}

/*
 * 6.1: same: taps first, then the driver, then the net_dev_xmit event;
 * inlined into dev_hard_start_xmit() in Debian's build (not in
 * available_filter_functions). No net_dev_start_xmit event.
 */
static int xmit_one(struct sk_buff *skb, struct net_device *dev)
{
	FTRACE_ENTRY_INLINED();
	unsigned int len;
	int rc;

	if (dev_nit_active(dev))
		dev_queue_xmit_nit(skb, dev);
	len = skb->len;
	rc = netdev_start_xmit(skb, dev);
	trace_net_dev_xmit(skb, rc, dev, len);
	return rc;
}

/*
 * 6.1: include/linux/netdevice.h: same: anything below NET_XMIT_MASK means
 * the driver took the skb.
 */
static bool dev_xmit_complete(int rc)
{
	return rc < 0x0f;	/* NET_XMIT_MASK */
}

/*
 * 6.1: same loop over a list of skbs; @txq is unused (one queue). Returns
 * what the driver did not take.
 */
struct sk_buff *dev_hard_start_xmit(struct sk_buff *first,
				    struct net_device *dev, void *txq,
				    int *ret)
{
	FTRACE_ENTRY();
	struct sk_buff *skb = first;
	int rc = NETDEV_TX_OK;

	while (skb) {
		struct sk_buff *next = skb->next;

		skb->next = NULL;
		rc = xmit_one(skb, dev);
		if (unlikely(!dev_xmit_complete(rc))) {
			skb->next = next;
			goto out;
		}
		skb = next;
	}
out:
	*ret = rc;
	return skb;
}

/*
 * 6.1: noop_qdisc's branch of __dev_queue_xmit() (its enqueue drops), then
 * the no-qdisc branch, taken for every other device here; the recursion
 * count is a global, not softnet_data.xmit.recursion, and as in
 * dev_xmit_recursion() the limit trips above 8 nested calls. rcu_read_lock_bh() disables bottom halves, so what the driver
 * raises (veth: NET_RX_SOFTIRQ) runs at rcu_read_unlock_bh(), on the way
 * out of this function.
 */
int __dev_queue_xmit(struct sk_buff *skb, struct net_device *sb_dev)
{
	FTRACE_ENTRY();
	struct net_device *dev = skb->dev;
	int rc = -ENETDOWN;

	skb_reset_mac_header(skb);
	local_bh_disable();		/* rcu_read_lock_bh() */
	if (!dev->qdisc_active) {
		/*
		 * txq->qdisc is noop_qdisc (device down, or no carrier: a veth
		 * whose peer is down): noop_enqueue() frees the packet and says
		 * NET_XMIT_CN. 6.1 counts it on no device (later kernels
		 * count tx_dropped: docs/differences.md); taps never see it.
		 */
		local_bh_enable();
		kfree_skb_list(skb);
		return NET_XMIT_CN;
	}
	if (dev->flags & IFF_UP) {
		if (xmit_recursion > XMIT_RECURSION_LIMIT) {	/* dev_xmit_recursion() */
			fprintf(stderr,
				"Dead loop on virtual device %s, fix it urgently!\n",
				dev->name);
			goto drop;
		}
		xmit_recursion++;
		skb = dev_hard_start_xmit(skb, dev, NULL, &rc);
		xmit_recursion--;
		if (dev_xmit_complete(rc))
			goto out;
		fprintf(stderr, "Virtual device %s asks to queue packet!\n",
			dev->name);
	}
drop:
	rc = -ENETDOWN;
	local_bh_enable();		/* rcu_read_unlock_bh() */
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb_list(skb);
	return rc;
out:
	local_bh_enable();		/* rcu_read_unlock_bh(): softirqs run */
	return rc;
}

/*
 * 6.1: include/linux/netdevice.h: same, a static inline there: ftrace shows
 * __dev_queue_xmit called from dev_queue_xmit's caller (ip_finish_output2).
 */
int dev_queue_xmit(struct sk_buff *skb)
{
	FTRACE_ENTRY_INLINED();

	if (unlikely(!skb->dev)) {
		kfree_skb(skb);
		return -EINVAL;
	}
	return __dev_queue_xmit(skb, NULL);
}

/* ---- receive: forwarding between devices (veth) ---- */

/*
 * 6.1: __is_skb_forwardable(dev, skb, true): the receiver must be up and
 * the frame must fit its MTU plus link header (and a VLAN tag).
 */
bool is_skb_forwardable(const struct net_device *dev,
			const struct sk_buff *skb)
{
	unsigned int len;

	if (!(dev->flags & IFF_UP))
		return false;
	len = dev->mtu + dev->hard_header_len + 4 /* VLAN_HLEN */;
	return skb->len <= len;
}

/*
 * 6.1: same, with ____dev_forward_skb() (an __always_inline in
 * include/linux/netdevice.h) written out: a packet crosses from one
 * device to another. Dropped packets count on the receiver; the rest are
 * scrubbed (a new device, maybe a new namespace) and classified by
 * eth_type_trans() as if they had just arrived on a wire.
 */
static int __dev_forward_skb2(struct net_device *dev, struct sk_buff *skb,
			      bool check_mtu)
{
	FTRACE_ENTRY();

	if (unlikely(check_mtu && !is_skb_forwardable(dev, skb))) {
		dev_core_stats_rx_dropped_inc(dev);
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	skb_scrub_packet(skb, !net_eq(dev_net(dev), dev_net(skb->dev)));
	skb->protocol = eth_type_trans(skb, dev);
	return 0;
}

/*
 * 6.1: same: __dev_forward_skb2() with the MTU check. It only jumps there
 * (a tail call), so ftrace shows __dev_forward_skb2 called from
 * __dev_forward_skb's caller (veth_xmit).
 */
int __dev_forward_skb(struct net_device *dev, struct sk_buff *skb)
{
	FTRACE_ENTRY();

	FTRACE_TAIL_CALL();
	return __dev_forward_skb2(dev, skb, true);
}

/* 6.1: same: forward, then queue to the backlog. */
int dev_forward_skb(struct net_device *dev, struct sk_buff *skb)
{
	FTRACE_ENTRY();
	int ret = __dev_forward_skb(dev, skb);

	return ret ? ret : netif_rx_internal(skb);
}

/* ---- receive: the backlog ---- */

/* 6.1: same: a static key counted by sockets that want timestamps. */
void net_enable_timestamp(void)
{
	netstamp_needed++;
}

/* 6.1: same (no deferred work). */
void net_disable_timestamp(void)
{
	if (netstamp_needed > 0)
		netstamp_needed--;
}

/* 6.1: net_timestamp_check(): stamp on arrival if anyone will look. */
static void net_timestamp_check(struct sk_buff *skb)
{
	if (!skb->tstamp && (netstamp_needed || !list_empty(&ptype_all)))
		skb->tstamp = ktime_get_real_ns();
}

/*
 * 6.1: same without RPS: a packet for this CPU's backlog. Stamps it and
 * hands it to enqueue_to_backlog() (the student half).
 */
int netif_rx_internal(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	unsigned int qtail;

	net_timestamp_check(skb);
	return enqueue_to_backlog(skb, smp_processor_id(), &qtail);
}

/* 6.1: same: for callers already running with bottom halves off. */
int __netif_rx(struct sk_buff *skb)
{
	FTRACE_ENTRY();

	return netif_rx_internal(skb);
}

/*
 * 6.1: same: from process context it disables bottom halves itself, so
 * the NET_RX softirq it raises runs before it returns.
 */
int netif_rx(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	bool need_bh_off = !in_softirq();
	int ret;

	if (need_bh_off)
		local_bh_disable();
	ret = netif_rx_internal(skb);
	if (need_bh_off)
		local_bh_enable();
	return ret;
}

/*
 * 6.1: same: a copy of an outgoing broadcast or multicast packet for this
 * host, received as if it had come in on the same device; it keeps its
 * route, and packet sockets skip it (PACKET_LOOPBACK).
 */
int dev_loopback_xmit(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	skb_reset_mac_header(skb);
	skb_pull(skb, (unsigned int)skb_network_offset(skb));
	skb->pkt_type = PACKET_LOOPBACK;
	netif_rx(skb);
	return 0;
}

/* ---- receive: NAPI ---- */

/* 6.1: same: schedule @n on this CPU. */
void __napi_schedule(struct napi_struct *n)
{
	n->state |= 1ul << NAPI_STATE_SCHED;
	____napi_schedule(this_cpu_ptr(softnet_data), n);
}

/* 6.1: same minus GRO and busy polling: @n leaves the poll list. */
bool napi_complete_done(struct napi_struct *n, int work_done)
{
	if (!list_empty(&n->poll_list))
		list_del_init(&n->poll_list);
	n->state &= ~(1ul << NAPI_STATE_SCHED);
	return true;
}

/*
 * Poll once with the instance's weight. A poll that used its whole weight
 * still owns the instance: it goes back on the list (repoll).
 * 6.1: same minus the napi_disable_pending(), busy-poll and GRO-flush
 * branches (no NAPI is ever disabled, busy-polled or GRO'd here).
 */
static int __napi_poll(struct napi_struct *n, bool *repoll)
{
	FTRACE_ENTRY();
	int work = 0, weight = n->weight;

	if (n->state & (1ul << NAPI_STATE_SCHED))
		work = n->poll(n, weight);
	if (work > weight)
		fprintf(stderr, "NAPI poll function returned %d, exceeding its budget of %d.\n",
			work, weight);
	if (work < weight)
		return work;
	if (!list_empty(&n->poll_list))
		return work;
	*repoll = true;
	return work;
}

/* 6.1: same. */
int napi_poll(struct napi_struct *n, struct list_head *repoll)
{
	bool do_repoll = false;
	int work;

	list_del_init(&n->poll_list);
	work = __napi_poll(n, &do_repoll);
	if (do_repoll)
		list_add_tail(&n->poll_list, repoll);
	return work;
}

/* ---- receive: protocol delivery ---- */

/* 6.1: same: one more user for each handler that is handed the skb. */
int deliver_skb(struct sk_buff *skb, struct packet_type *pt_prev,
		struct net_device *orig_dev)
{
	FTRACE_ENTRY();

	skb->users++;
	return pt_prev->func(skb, skb->dev, pt_prev, orig_dev);
}

/* Not in 6.1: the device and namespace filters of the ptype lists. */
static bool ptype_wants(const struct packet_type *pt,
			const struct sk_buff *skb)
{
	if (pt->dev && pt->dev != skb->dev)
		return false;
	if (pt->af_packet_net && !net_eq(pt->af_packet_net, dev_net(skb->dev)))
		return false;
	return true;
}

/*
 * 6.1: same order: reset the header offsets, every tap (ptype_all), then
 * the handler of skb->protocol (ptype_base). The last match is not called
 * here but returned in *ppt_prev, so it gets the caller's reference
 * instead of a new one. No match: rx_dropped (6.1 counts rx_nohandler
 * only for exact-match delivery) and drop.
 */
static int __netif_receive_skb_core(struct sk_buff **pskb,
				    struct packet_type **ppt_prev)
{
	FTRACE_ENTRY();
	struct sk_buff *skb = *pskb;
	struct packet_type *ptype, *pt_prev = NULL;
	struct net_device *orig_dev = skb->dev;
	int ret = NET_RX_DROP;
	__be16 type;

	skb_reset_network_header(skb);
	if (skb->transport_header == (u16)~0u)
		skb_reset_transport_header(skb);
	skb->mac_len = (u16)(skb->network_header - skb->mac_header);
	skb->skb_iif = skb->dev->ifindex;
	this_cpu_ptr(softnet_data)->processed++;

	list_for_each_entry(ptype, &ptype_all, list) {
		if (!ptype_wants(ptype, skb))
			continue;
		if (pt_prev)
			ret = deliver_skb(skb, pt_prev, orig_dev);
		pt_prev = ptype;
	}

	type = skb->protocol;
	list_for_each_entry(ptype, &ptype_base, list) {
		if (ptype->type != type || !ptype_wants(ptype, skb))
			continue;
		if (pt_prev)
			ret = deliver_skb(skb, pt_prev, orig_dev);
		pt_prev = ptype;
	}

	if (pt_prev) {
		*ppt_prev = pt_prev;
	} else {
		dev_core_stats_rx_dropped_inc(skb->dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_UNHANDLED_PROTO);
		ret = NET_RX_DROP;
	}
	*pskb = skb;
	return ret;
}

/* 6.1: same: the core picks the handlers, the last one is called here. */
static int __netif_receive_skb_one_core(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct net_device *orig_dev = skb->dev;
	struct packet_type *pt_prev = NULL;
	int ret;

	ret = __netif_receive_skb_core(&skb, &pt_prev);
	if (pt_prev)
		ret = pt_prev->func(skb, skb->dev, pt_prev, orig_dev);
	return ret;
}

/*
 * 6.1: same minus pfmemalloc. The deterministic clock charges each
 * received packet a fixed cost, so RTTs and traces repeat. The call is
 * a tail call: ftrace shows __netif_receive_skb_one_core called from
 * process_backlog.
 */
int __netif_receive_skb(struct sk_buff *skb)
{
	FTRACE_ENTRY();

	sim_clock_advance(RX_PACKET_COST_NS);
	FTRACE_TAIL_CALL();
	return __netif_receive_skb_one_core(skb);
}

/* 6.1: same: receive now, without the backlog (NAPI drivers). */
int netif_receive_skb(struct sk_buff *skb)
{
	FTRACE_ENTRY();

	return __netif_receive_skb(skb);
}

/* ---- boot and shutdown ---- */

/*
 * 6.1: default_device_exit_batch(): a dying namespace deletes its devices,
 * newest first; a device with rtnl_link_ops goes through dellink (a veth
 * takes its peer along, whatever namespace the peer is in).
 */
static void default_device_exit(struct net *net)
{
	struct net_device *dev, *aux;
	LIST_HEAD(dev_kill_list);

	/* 6.1 runs it in a kworker (cleanup_net()): what it calls, the
	 * tracer shows called from default_device_exit_batch() */
	ftrace_set_root_parent("default_device_exit_batch");
	rtnl_lock();
	list_for_each_entry_safe_reverse(dev, aux, &net->dev_base_head,
					 dev_list) {
		if (dev->rtnl_link_ops && dev->rtnl_link_ops->dellink)
			dev->rtnl_link_ops->dellink(dev, &dev_kill_list);
		else
			unregister_netdevice_queue(dev, &dev_kill_list);
	}
	unregister_netdevice_many(&dev_kill_list);
	rtnl_unlock();
	ftrace_set_root_parent(NULL);
}

static struct pernet_operations default_device_ops = {
	.exit = default_device_exit,
};

/* 6.1: same: per-CPU backlogs, the NET_RX softirq, the device pernet ops. */
int net_dev_init(void)
{
	int i, err;

	INIT_LIST_HEAD(&ptype_all);
	INIT_LIST_HEAD(&ptype_base);
	INIT_LIST_HEAD(&net_todo_list);
	netdev_chain = NULL;
	xmit_recursion = 0;
	netstamp_needed = 0;
	for (i = 0; i < NR_CPUS; i++) {
		struct softnet_data *sd = &per_cpu(softnet_data, i);

		memset(sd, 0, sizeof(*sd));
		skb_queue_head_init(&sd->input_pkt_queue);
		skb_queue_head_init(&sd->process_queue);
		INIT_LIST_HEAD(&sd->poll_list);
		sd->cpu = (unsigned int)i;
		INIT_LIST_HEAD(&sd->backlog.poll_list);
		sd->backlog.poll = process_backlog;
		sd->backlog.weight = weight_p;
	}
	err = register_pernet_device(&loopback_net_ops);
	if (err)
		return err;
	err = register_pernet_device(&default_device_ops);
	if (err)
		return err;
	open_softirq(NET_TX_SOFTIRQ, NULL);
	open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	return 0;
}

/* Not in 6.1: drop every queued packet and forget handlers and listeners. */
void net_dev_exit(void)
{
	int i;

	for (i = 0; i < NR_CPUS; i++) {
		struct softnet_data *sd = &per_cpu(softnet_data, i);

		__skb_queue_purge(&sd->input_pkt_queue);
		__skb_queue_purge(&sd->process_queue);
		INIT_LIST_HEAD(&sd->poll_list);
		INIT_LIST_HEAD(&sd->backlog.poll_list);
		sd->backlog.state = 0;
	}
	netdev_run_todo();
	INIT_LIST_HEAD(&ptype_all);
	INIT_LIST_HEAD(&ptype_base);
	netdev_chain = NULL;
	netdev_max_backlog = 1000;
	netdev_budget = 300;
	netdev_budget_usecs = 2 * USEC_PER_SEC / HZ;
	dev_rx_weight = 64;
	dev_tx_weight = 64;
	weight_p = 64;
}
