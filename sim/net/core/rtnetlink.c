// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink: the requests `ip link` sends (RTM_NEWLINK, RTM_DELLINK,
 * RTM_SETLINK) and the link kinds that can be created.
 * 6.1: net/core/rtnetlink.c. Requests arrive as plain structs instead of
 * netlink messages; notifications are built only as far as they have an
 * effect: allocating netnsids (rtnl_fill_link_netnsid()).
 *
 * What each failure looks like to the user (iproute2 prints
 * "Error: <extack>." when there is a message, else
 * "RTNETLINK answers: <strerror>") is tabulated in tests/unit/check_rtnetlink.c.
 */
#include <stdio.h>
#include <string.h>
#include <linux/ftrace.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <net/rtnetlink.h>
#include <net/net_namespace.h>
#include <sys/socket.h>

static LIST_HEAD(link_ops);
static int rtnl_depth;

/* 6.1: a mutex; here a depth count so nested locking by one thread works. */
void rtnl_lock(void)
{
	rtnl_depth++;
}

/*
 * The last unlock runs the linkwatch work, then finishes pending
 * unregistrations.
 * 6.1: rtnl_unlock() is netdev_run_todo() only; linkwatch_event() is work
 * that takes the RTNL itself, so it runs right after (at once for the
 * urgent events a veth raises: linkwatch_urgent_event()).
 */
void rtnl_unlock(void)
{
	if (rtnl_depth > 0 && --rtnl_depth == 0) {
		linkwatch_run_queue();	/* the linkwatch work, run now */
		netdev_run_todo();
	}
}

/* 6.1: same. */
bool rtnl_is_locked(void)
{
	return rtnl_depth > 0;
}

/* 6.1: rtnl_link_ops_get(): find a kind by name. */
const struct rtnl_link_ops *rtnl_link_ops_get(const char *kind)
{
	const struct rtnl_link_ops *ops;

	if (!kind)
		return NULL;
	list_for_each_entry(ops, &link_ops, list)
		if (!strcmp(ops->kind, kind))
			return ops;
	return NULL;
}

/* 6.1: same: -EEXIST if the kind is taken. */
int rtnl_link_register(struct rtnl_link_ops *ops)
{
	if (rtnl_link_ops_get(ops->kind))
		return -EEXIST;
	list_add_tail(&ops->list, &link_ops);
	return 0;
}

/* 6.1: also deletes every device of this kind; here only the kind goes. */
void rtnl_link_unregister(struct rtnl_link_ops *ops)
{
	const struct rtnl_link_ops *p;

	list_for_each_entry(p, &link_ops, list) {
		if (p == ops) {
			list_del(&ops->list);
			return;
		}
	}
}

/* Not in 6.1: shutdown forgets every kind. */
void rtnl_link_reset(void)
{
	while (!list_empty(&link_ops))
		list_del(link_ops.next);
	rtnl_depth = 0;
}

/*
 * Not in 6.1: the IFLA_LINK_NETNSID value rtnl_fill_link_netnsid() puts:
 * a device whose link (a veth's peer) lives in another namespace is
 * reported with that namespace's id as seen from @src_net, and reporting
 * it allocates the id if it had none.
 */
int rtnl_link_netnsid(struct net *src_net, struct net_device *dev)
{
	struct net *link_net;

	if (!dev->rtnl_link_ops || !dev->rtnl_link_ops->get_link_net)
		return NETNSA_NSID_NOT_ASSIGNED;
	link_net = dev->rtnl_link_ops->get_link_net(dev);
	if (!link_net || net_eq(dev_net(dev), link_net))
		return NETNSA_NSID_NOT_ASSIGNED;
	return peernet2id_alloc(src_net, link_net, GFP_KERNEL);
}

/*
 * 6.1: same: IFLA_LINK_NETNSID when the link is in another namespace,
 * then IFLA_LINK (nla_put_iflink()), forced when the netnsid was put.
 */
static void rtnl_fill_link_netnsid(struct rtnl_link_msg *m,
				   const struct net_device *dev,
				   struct net *src_net)
{
	int iflink = dev_get_iflink(dev);

	m->link_netnsid = rtnl_link_netnsid(src_net, (struct net_device *)dev);
	if (m->link_netnsid != NETNSA_NSID_NOT_ASSIGNED ||
	    dev->ifindex != iflink) {
		m->has_link = true;
		m->link = iflink;
	}
}

/*
 * 6.1: rtnl_fill_ifinfo() into a decoded record instead of an skb: the
 * attributes iproute2 prints, no VF/XDP/port/proto_down ones. The sim
 * keeps no GSO/TSO limits or queue counts in net_device: the values are
 * what 6.1 reports for veth and lo with one queue per direction.
 */
static void rtnl_fill_ifinfo(struct rtnl_link_msg *m, struct net_device *dev,
			     struct net *src_net)
{
	unsigned int flags = dev_get_flags(dev);

	memset(m, 0, sizeof(*m));
	m->ifi.ifi_family = AF_UNSPEC;
	m->ifi.ifi_type = dev->type;
	m->ifi.ifi_index = dev->ifindex;
	m->ifi.ifi_flags = flags;
	snprintf(m->ifname, sizeof(m->ifname), "%s", dev->name);
	m->txqlen = dev->tx_queue_len;
	m->operstate = netif_running(dev) ? dev->operstate : IF_OPER_DOWN;
	m->linkmode = dev->link_mode;
	m->mtu = dev->mtu;
	m->min_mtu = dev->min_mtu;
	m->max_mtu = dev->max_mtu;
	m->group = (u32)dev->group;
	m->promiscuity = dev->promiscuity;
	m->num_tx_queues = dev->num_tx_queues;
	m->num_rx_queues = dev->num_rx_queues;
	m->gso_max_segs = 65535;
	m->gso_max_size = 65536;
	m->gro_max_size = 65536;
	m->tso_max_size = 524280;
	m->tso_max_segs = 65535;
	m->carrier = netif_carrier_ok(dev);
	if (dev->qdisc)
		snprintf(m->qdisc, sizeof(m->qdisc), "%s", dev->qdisc);
	m->carrier_up_count = dev->carrier_up_count;
	m->carrier_down_count = dev->carrier_down_count;
	m->carrier_changes = dev->carrier_up_count + dev->carrier_down_count;
	if (dev->addr_len) {
		m->addr_len = dev->addr_len;
		memcpy(m->address, dev->dev_addr, dev->addr_len);
		memcpy(m->broadcast, dev->broadcast, dev->addr_len);
	}
	dev_get_stats(dev, &m->stats64);
	if (dev->rtnl_link_ops && dev->rtnl_link_ops->kind)
		snprintf(m->kind, sizeof(m->kind), "%s",
			 dev->rtnl_link_ops->kind);
	rtnl_fill_link_netnsid(m, dev, src_net);
	m->inet6_addr_gen_mode = 0;	/* IN6_ADDR_GEN_MODE_EUI64 */
	dev_get_alias(dev, m->ifalias, sizeof(m->ifalias));	/* nla_put_ifalias() */
}

/*
 * 6.1: rtnl_dump_ifinfo(): every device of @net in ifindex order (the
 * name hash order there), skipping those link_dump_filtered() drops: a
 * @kind filter (IFLA_LINKINFO/IFLA_INFO_KIND) the device's is not. 6.1
 * holds the RTNL; here taking it would run linkwatch at the unlock.
 */
int rtnl_dump_ifinfo(struct net *net, const char *kind, rtnl_dump_cb cb,
		     void *arg)
{
	struct rtnl_link_msg m;
	struct net_device *dev;
	int ret = 0;

	for_each_netdev(net, dev) {
		if (kind && (!dev->rtnl_link_ops ||
			     strcmp(dev->rtnl_link_ops->kind, kind)))
			continue;
		rtnl_fill_ifinfo(&m, dev, net);
		ret = cb(&m, arg);
		if (ret)
			break;
	}
	return ret;
}

/*
 * 6.1: rtnl_getlink(): one device, by ifi_index when it is not 0, else by
 * IFLA_IFNAME; -ENODEV if there is none. No RTNL, as for the dump.
 */
int rtnl_getlink(struct net *net, int ifindex, const char *ifname,
		 struct rtnl_link_msg *m)
{
	struct net_device *dev = NULL;

	if (ifindex)
		dev = __dev_get_by_index(net, ifindex);
	else if (ifname)
		dev = __dev_get_by_name(net, ifname);
	if (dev)
		rtnl_fill_ifinfo(m, dev, net);
	return dev ? 0 : -ENODEV;
}

/*
 * 6.1: rtmsg_ifinfo_build_skb(): building the message allocates the
 * link netnsid; there is no listener to send it to.
 */
static void rtmsg_ifinfo_build_skb(struct net_device *dev)
{
	struct rtnl_link_msg m;

	rtnl_fill_ifinfo(&m, dev, dev_net(dev));
}

/* 6.1: rtmsg_ifinfo_event(): only registered devices are announced. */
void rtmsg_ifinfo(int type, struct net_device *dev, unsigned int change,
		  gfp_t flags)
{
	if (type == RTM_NEWLINK && dev->reg_state != NETREG_REGISTERED)
		return;
	rtmsg_ifinfo_build_skb(dev);
}

/*
 * 6.1: builds RTM_DELLINK for the old namespace with IFLA_NEW_NETNSID;
 * here building it only allocates the link netnsid, as in rtmsg_ifinfo().
 */
void rtmsg_ifinfo_newnet(int type, struct net_device *dev, unsigned int change,
			 gfp_t flags, int *new_nsid, int new_ifindex)
{
	rtmsg_ifinfo_build_skb(dev);
}

/* 6.1: rtnetlink_event(): device changes that userspace hears about. */
static int rtnetlink_event(struct notifier_block *this, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_REBOOT:
	case NETDEV_CHANGEMTU:
	case NETDEV_CHANGEADDR:
	case NETDEV_CHANGENAME:
		rtmsg_ifinfo(RTM_NEWLINK, dev, 0, GFP_KERNEL);
		break;
	default:
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block rtnetlink_dev_notifier = {
	.notifier_call = rtnetlink_event,
};

/* 6.1: rtnetlink_init(): registers the handlers and the notifier. */
void rtnetlink_init(void)
{
	INIT_LIST_HEAD(&link_ops);
	rtnl_depth = 0;
	register_netdevice_notifier(&rtnetlink_dev_notifier);
}

/*
 * 6.1: same for the attributes kept: IFLA_NUM_TX/RX_QUEUES (else the
 * kind's default, else 1; 1..4096), then allocate a device of kind @ops in
 * @net and apply IFLA_MTU (checked by dev_validate_mtu()), IFLA_ADDRESS
 * (marked NET_ADDR_SET) and IFLA_TXQLEN of @tb.
 * Returns the device or ERR_PTR(-errno).
 */
struct net_device *rtnl_create_link(struct net *net, const char *ifname,
				    unsigned char name_assign_type,
				    const struct rtnl_link_ops *ops,
				    struct rtnl_link_attrs *tb,
				    struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY();
	unsigned int num_tx_queues = 1;
	unsigned int num_rx_queues = 1;
	struct net_device *dev;
	int err;

	if (!ifname || strnlen(ifname, IFNAMSIZ) == IFNAMSIZ)
		return ERR_PTR(-EINVAL);
	if (tb && tb->has_num_tx_queues)
		num_tx_queues = tb->num_tx_queues;
	else if (ops->get_num_tx_queues)
		num_tx_queues = ops->get_num_tx_queues();
	if (tb && tb->has_num_rx_queues)
		num_rx_queues = tb->num_rx_queues;
	else if (ops->get_num_rx_queues)
		num_rx_queues = ops->get_num_rx_queues();
	if (num_tx_queues < 1 || num_tx_queues > 4096) {
		NL_SET_ERR_MSG(extack, "Invalid number of transmit queues");
		return ERR_PTR(-EINVAL);
	}
	if (num_rx_queues < 1 || num_rx_queues > 4096) {
		NL_SET_ERR_MSG(extack, "Invalid number of receive queues");
		return ERR_PTR(-EINVAL);
	}
	dev = alloc_netdev_mqs((int)ops->priv_size, ifname, name_assign_type,
			       ops->setup, num_tx_queues, num_rx_queues);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	dev->rtnl_link_ops = ops;
	dev->rtnl_link_state = RTNL_LINK_INITIALIZING;

	if (tb && tb->mtu) {
		err = dev_validate_mtu(dev, (int)tb->mtu, extack);
		if (err) {
			free_netdev(dev);
			return ERR_PTR(err);
		}
		dev->mtu = tb->mtu;
	}
	if (tb && tb->has_address) {
		memcpy(dev->dev_addr, tb->address, ETH_ALEN);
		dev->addr_assign_type = NET_ADDR_SET;
	}
	if (tb && tb->txqlen)
		dev->tx_queue_len = tb->txqlen;
	if (tb && tb->has_group)
		dev_set_group(dev, (int)tb->group);
	return dev;
}

/*
 * The device is ready: announce it with every flag "changed".
 * 6.1: same, minus applying the request's ifi_flags first (`ip link add
 * ... up` sends its own RTM_NEWLINK here).
 */
int rtnl_configure_link(struct net_device *dev)
{
	FTRACE_ENTRY();
	unsigned int old_flags = dev->flags;

	if (dev->rtnl_link_state == RTNL_LINK_INITIALIZED) {
		__dev_notify_flags(dev, old_flags, old_flags ^ dev->flags);
	} else {
		dev->rtnl_link_state = RTNL_LINK_INITIALIZED;
		__dev_notify_flags(dev, old_flags, ~0U);
	}
	return 0;
}

/*
 * 6.1: validate_nla() in lib/nlattr.c: ifla_policy gives IFLA_IFNAME a
 * maximum length of IFNAMSIZ - 1, so nla_parse() refuses a longer one
 * before any handler runs. Callers pass
 * an over-long name as IFNAMSIZ bytes with no NUL.
 */
static int rtnl_check_ifname(const char *name, struct netlink_ext_ack *extack)
{
	if (name && strnlen(name, IFNAMSIZ) == IFNAMSIZ) {
		NL_SET_ERR_MSG(extack, "Attribute failed policy validation");
		return -ERANGE;
	}
	return 0;
}

/*
 * 6.1: rtnl_newlink_create(): create, newlink, configure; unwind on error.
 * Debian's build inlines it into __rtnl_newlink(): ftrace never shows it.
 */
static int rtnl_newlink_create(struct net *net, struct rtnl_newlink_req *req,
			       const struct rtnl_link_ops *ops,
			       struct netlink_ext_ack *extack)
{
	unsigned char name_assign_type = NET_NAME_USER;
	char ifname[IFNAMSIZ];
	struct net *dest_net = net;
	struct net_device *dev;
	int err;

	if (req->tb.ifname[0]) {
		snprintf(ifname, IFNAMSIZ, "%s", req->tb.ifname);
	} else {
		snprintf(ifname, IFNAMSIZ, "%s%%d", ops->kind);
		name_assign_type = NET_NAME_ENUM;
	}
	if (req->tb.has_pid) {
		dest_net = get_net_ns_by_pid(req->tb.pid);
		if (IS_ERR(dest_net))
			return (int)PTR_ERR(dest_net);
	}
	if (req->tb.netns_given) {
		if (!req->tb.net)
			return -EINVAL;
		dest_net = req->tb.net;
	}
	dev = rtnl_create_link(dest_net, ifname, name_assign_type, ops,
			       &req->tb, extack);
	if (IS_ERR(dev))
		return (int)PTR_ERR(dev);
	if (ops->newlink)
		err = ops->newlink(net, dev, req, extack);
	else
		err = register_netdevice(dev);
	if (err < 0) {
		free_netdev(dev);
		return err;
	}
	err = rtnl_configure_link(dev);
	if (err < 0) {
		LIST_HEAD(list_kill);

		if (ops->dellink) {
			ops->dellink(dev, &list_kill);
			unregister_netdevice_many(&list_kill);
		} else {
			unregister_netdevice(dev);
		}
	}
	return err;
}

static int do_setlink(struct net_device *dev, struct rtnl_setlink_req *req,
		      struct netlink_ext_ack *extack);

/*
 * 6.1: same order for what is kept: the names' policy, the device named,
 * the kind and its validate(); then an existing device is changed
 * (do_setlink(); -EEXIST for `ip link add`'s NLM_F_EXCL), a missing one
 * is -ENODEV without NLM_F_CREATE, and otherwise an unknown kind is
 * -EOPNOTSUPP "Unknown device type" and a known one creates the device.
 * A request with @req->set is one without NLM_F_CREATE (`ip link set`).
 */
static int __rtnl_newlink(struct net *net, struct rtnl_newlink_req *req,
			  struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY();
	const struct rtnl_link_ops *ops = NULL;
	struct net_device *dev = NULL;
	int err;

	err = rtnl_check_ifname(req->tb.ifname, extack);
	if (!err && req->has_peer)	/* VETH_INFO_PEER, same policy */
		err = rtnl_check_ifname(req->peer.ifname, extack);
	if (!err && req->set)
		err = rtnl_check_ifname(req->set->newname, extack);
	if (err)
		return err;
	if (req->tb.ifname[0])
		dev = __dev_get_by_name(net, req->tb.ifname);
	if (req->kind)
		ops = rtnl_link_ops_get(req->kind);
	if (ops && ops->validate) {
		err = ops->validate(req, extack);
		if (err < 0)
			return err;
	}
	if (dev) {
		if (!req->set)
			return -EEXIST;
		return do_setlink(dev, req->set, extack);
	}
	if (req->set)
		return -ENODEV;
	if (!ops) {
		NL_SET_ERR_MSG(extack, "Unknown device type");
		return -EOPNOTSUPP;
	}
	return rtnl_newlink_create(net, req, ops, extack);
}

/*
 * RTM_NEWLINK: `ip link add`, and `ip link set` (iproute2 sends a
 * NEWLINK without NLM_F_CREATE, and an empty one first to learn that
 * the kernel has NEWLINK).
 * 6.1: same; the rtnl lock is taken here instead of in
 * rtnetlink_rcv_msg(), which calls it.
 */
int rtnl_newlink(struct net *net, struct rtnl_newlink_req *req,
		 struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY_FROM("rtnetlink_rcv_msg");
	int err;

	if (!net || !req)
		return -EINVAL;
	rtnl_lock();
	err = __rtnl_newlink(net, req, extack);
	rtnl_unlock();
	return err;
}

/*
 * 6.1: rtnl_delete_link(): the kind deletes (veth: both ends). Debian's
 * build inlines it into rtnl_dellink(): ftrace never shows it.
 */
static int rtnl_delete_link(struct net_device *dev)
{
	const struct rtnl_link_ops *ops = dev->rtnl_link_ops;
	LIST_HEAD(list_kill);

	if (!ops || !ops->dellink)
		return -EOPNOTSUPP;
	ops->dellink(dev, &list_kill);
	unregister_netdevice_many_notify(&list_kill);
	return 0;
}

/*
 * 6.1: same: -ENODEV for an unknown name (iproute2 itself says
 * `Cannot find device "x"` first), -EOPNOTSUPP for a device no kind
 * created (lo).
 */
int rtnl_dellink(struct net *net, const char *ifname,
		 struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY_FROM("rtnetlink_rcv_msg");
	struct net_device *dev;
	int err;

	rtnl_lock();
	dev = __dev_get_by_name(net, ifname);
	err = dev ? rtnl_delete_link(dev) : -ENODEV;
	rtnl_unlock();
	return err;
}

/*
 * 6.1: do_setlink(), in its order: namespace, address, MTU, group, name,
 * alias,
 * flags, txqlen. A failure stops there; what came before stays done.
 */
static int do_setlink(struct net_device *dev, struct rtnl_setlink_req *req,
		      struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY();
	int err;

	if (req->has_pid) {
		struct net *net = get_net_ns_by_pid(req->pid);

		if (IS_ERR(net))
			return (int)PTR_ERR(net);
		req->net = net;
		req->netns_given = true;
	}
	if (req->netns_given) {
		if (!req->net)
			return -EINVAL;
		err = __dev_change_net_namespace(dev, req->net, req->newname);
		if (err)
			return err;
	}
	if (req->has_address) {
		err = dev_set_mac_address(dev, req->address, extack);
		if (err)
			return err;
	}
	if (req->mtu) {
		err = dev_set_mtu(dev, (int)req->mtu, extack);
		if (err)
			return err;
	}
	if (req->has_group)
		dev_set_group(dev, (int)req->group);
	if (req->newname) {
		err = dev_change_name(dev, req->newname);
		if (err)
			return err;
	}
	if (req->ifalias) {
		err = dev_set_alias(dev, req->ifalias, strlen(req->ifalias));
		if (err < 0)
			return err;
	}
	if (req->set_up || req->set_down || req->set_promisc ||
	    req->clear_promisc) {
		/* rtnl_dev_combine_flags(): the bits not changed as
		 * dev_get_flags() reports them */
		unsigned int flags = dev_get_flags(dev);

		if (req->set_up)
			flags |= IFF_UP;
		if (req->set_down)
			flags &= ~IFF_UP;
		if (req->set_promisc)
			flags |= IFF_PROMISC;
		if (req->clear_promisc)
			flags &= ~IFF_PROMISC;
		err = dev_change_flags(dev, flags, extack);
		if (err)
			return err;
	}
	if (req->txqlen && req->txqlen != dev->tx_queue_len)
		return dev_change_tx_queue_len(dev, req->txqlen);
	return 0;
}

/*
 * 6.1: rtnl_setlink(): find the device, then do_setlink(). (iproute2's
 * `ip link set` sends RTM_NEWLINK, see rtnl_newlink().)
 */
int rtnl_setlink(struct net *net, const char *ifname,
		 struct rtnl_setlink_req *req, struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY_FROM("rtnetlink_rcv_msg");
	struct net_device *dev;
	int err;

	if (!net || !ifname || !req)
		return -EINVAL;
	err = rtnl_check_ifname(req->newname, extack);
	if (err)
		return err;
	rtnl_lock();
	dev = __dev_get_by_name(net, ifname);
	err = dev ? do_setlink(dev, req, extack) : -ENODEV;
	rtnl_unlock();
	return err;
}
