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
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <net/rtnetlink.h>
#include <net/net_namespace.h>

static LIST_HEAD(link_ops);
static int rtnl_depth;

/* 6.1: a mutex; here a depth count so nested locking by one thread works. */
void rtnl_lock(void)
{
	rtnl_depth++;
}

/*
 * 6.1: same: the last unlock finishes pending unregistrations; the
 * linkwatch work that was waiting for the lock runs first.
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
 * 6.1: rtnl_fill_link_netnsid(): a device whose link (a veth's peer) lives
 * in another namespace is reported with that namespace's id as seen from
 * @src_net, and reporting it allocates the id if it had none.
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

/* 6.1: the IFLA_OPERSTATE line of rtnl_fill_ifinfo(). */
unsigned char rtnl_link_operstate(const struct net_device *dev)
{
	return netif_running(dev) ? dev->operstate : IF_OPER_DOWN;
}

/* 6.1: rtmsg_ifinfo_build_skb(): what filling the message does here. */
static void rtnl_fill_ifinfo(struct net_device *dev, struct net *src_net)
{
	rtnl_link_netnsid(src_net, dev);
}

/* 6.1: rtmsg_ifinfo_event(): only registered devices are announced. */
void rtmsg_ifinfo(int type, struct net_device *dev, unsigned int change,
		  gfp_t flags)
{
	if (type == RTM_NEWLINK && dev->reg_state != NETREG_REGISTERED)
		return;
	rtnl_fill_ifinfo(dev, dev_net(dev));
}

/* 6.1: same: RTM_DELLINK in the old namespace carries IFLA_NEW_NETNSID. */
void rtmsg_ifinfo_newnet(int type, struct net_device *dev, unsigned int change,
			 gfp_t flags, int *new_nsid, int new_ifindex)
{
	rtnl_fill_ifinfo(dev, dev_net(dev));
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
 * 6.1: same: allocate a device of kind @ops in @net and apply the IFLA_*
 * attributes of @tb (MTU checked like dev_set_mtu(), address marked
 * NET_ADDR_SET). Returns ERR_PTR-like NULL with *err in 6.1's ERR_PTR;
 * here an ERR_PTR encoded as (struct net_device *)-errno.
 */
struct net_device *rtnl_create_link(struct net *net, const char *ifname,
				    unsigned char name_assign_type,
				    const struct rtnl_link_ops *ops,
				    struct rtnl_link_attrs *tb,
				    struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	if (!ifname || strnlen(ifname, IFNAMSIZ) == IFNAMSIZ)
		return ERR_PTR(-EINVAL);
	dev = alloc_netdev_mqs((int)ops->priv_size, ifname, name_assign_type,
			       ops->setup, 1, 1);
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
	return dev;
}

/*
 * 6.1: same: the device is ready; announce it (NETDEV_UP/DOWN as
 * __dev_notify_flags() does with every flag "changed").
 */
int rtnl_configure_link(struct net_device *dev)
{
	if (dev->rtnl_link_state == RTNL_LINK_INITIALIZED)
		return 0;
	dev->rtnl_link_state = RTNL_LINK_INITIALIZED;
	rtmsg_ifinfo(RTM_NEWLINK, dev, ~0U, GFP_KERNEL);
	call_netdevice_notifiers(dev->flags & IFF_UP ? NETDEV_UP : NETDEV_DOWN,
				 dev);
	return 0;
}

/*
 * 6.1: ifla_policy gives IFLA_IFNAME a maximum length of IFNAMSIZ - 1;
 * nla_parse() refuses a longer one before any handler runs. Callers pass
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

/* 6.1: rtnl_newlink_create(): create, newlink, configure; unwind on error. */
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

/*
 * 6.1: __rtnl_newlink() for `ip link add` (NLM_F_CREATE|NLM_F_EXCL): an
 * existing name is -EEXIST, an unknown kind -EOPNOTSUPP "Unknown device
 * type", then the kind validates its attributes and creates the device.
 */
int rtnl_newlink(struct net *net, struct rtnl_newlink_req *req,
		 struct netlink_ext_ack *extack)
{
	const struct rtnl_link_ops *ops;
	int err;

	if (!net || !req)
		return -EINVAL;
	err = rtnl_check_ifname(req->tb.ifname, extack);
	if (!err && req->has_peer)	/* VETH_INFO_PEER, same policy */
		err = rtnl_check_ifname(req->peer.ifname, extack);
	if (err)
		return err;
	rtnl_lock();
	err = -EEXIST;
	if (req->tb.ifname[0] && __dev_get_by_name(net, req->tb.ifname))
		goto out;
	ops = rtnl_link_ops_get(req->kind);
	if (!ops) {
		NL_SET_ERR_MSG(extack, "Unknown device type");
		err = -EOPNOTSUPP;
		goto out;
	}
	if (ops->validate) {
		err = ops->validate(req, extack);
		if (err < 0)
			goto out;
	}
	err = rtnl_newlink_create(net, req, ops, extack);
out:
	rtnl_unlock();
	return err;
}

/* 6.1: rtnl_delete_link(): the kind deletes (veth: both ends). */
static int rtnl_delete_link(struct net_device *dev)
{
	const struct rtnl_link_ops *ops = dev->rtnl_link_ops;
	LIST_HEAD(list_kill);

	if (!ops || !ops->dellink)
		return -EOPNOTSUPP;
	ops->dellink(dev, &list_kill);
	unregister_netdevice_many(&list_kill);
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
	struct net_device *dev;
	int err;

	rtnl_lock();
	dev = __dev_get_by_name(net, ifname);
	err = dev ? rtnl_delete_link(dev) : -ENODEV;
	rtnl_unlock();
	return err;
}

/*
 * 6.1: do_setlink(), in its order: namespace, address, MTU, name, flags,
 * txqlen. A failure stops there; what came before stays done.
 */
static int do_setlink(struct net_device *dev, struct rtnl_setlink_req *req,
		      struct netlink_ext_ack *extack)
{
	int err;

	if (req->netns_given) {
		if (!req->net)
			return -EINVAL;
		err = dev_change_net_namespace(dev, req->net, req->newname);
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
	if (req->newname) {
		err = dev_change_name(dev, req->newname);
		if (err)
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
		dev->tx_queue_len = req->txqlen;
	return 0;
}

/* 6.1: rtnl_setlink(): find the device, then do_setlink(). */
int rtnl_setlink(struct net *net, const char *ifname,
		 struct rtnl_setlink_req *req, struct netlink_ext_ack *extack)
{
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
