// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 device state: struct in_device, its addresses, its conf.
 * 6.1: net/ipv4/devinet.c. Every device gets an in_device when it registers
 * (inetdev_event NETDEV_REGISTER) holding its net.ipv4.conf.DEV.* values,
 * copied from conf/default of its namespace. `ip addr add` inserts a
 * struct in_ifaddr and asks the FIB for the routes that make the address
 * work (fib_add_ifaddr: the local route always, the prefix route when up).
 * 6.1 tells the FIB through the inetaddr notifier chain; here devinet calls
 * fib_inetaddr_event() (a new address) and fib_del_ifaddr() directly, in
 * the same places.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <linux/sysctl.h>
#include <net/ip_fib.h>
#include <net/route.h>
#include <net/arp.h>
#include <net/ip.h>
#include "pernet.h"

/* Compiled-in values of conf/all and conf/default (6.1: same non-zeros). */
static const struct ipv4_devconf ipv4_devconf_init = {
	.data = {
		[IPV4_DEVCONF_ACCEPT_REDIRECTS - 1] = 1,
		[IPV4_DEVCONF_SEND_REDIRECTS - 1] = 1,
		[IPV4_DEVCONF_SHARED_MEDIA - 1] = 1,
	},
};

/* 6.1: same, without the refcount and RCU head. */
static struct in_ifaddr *inet_alloc_ifa(void)
{
	return calloc(1, sizeof(struct in_ifaddr));
}

/* 6.1: frees after an RCU grace period. */
static void inet_free_ifa(struct in_ifaddr *ifa)
{
	free(ifa);
}

/*
 * Make @dev's in_device.
 * 6.1: inetdev_init(); also sets up the per-device
 * neigh_parms and sysctl directory, which the simulator keeps elsewhere.
 */
static struct in_device *inetdev_init(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct in_device *in_dev;

	if (!net->ipv4)
		return NULL;
	in_dev = calloc(1, sizeof(*in_dev));
	if (!in_dev)
		return NULL;
	in_dev->dev = dev;
	in_dev->refcnt = 1;
	/*
	 * The whole of conf/default, its `state` bitmap too: a key written
	 * on default before the device existed counts as written on the
	 * device, so later writes to default no longer reach it
	 * (devinet_copy_dflt_conf()), as in 6.1.
	 */
	in_dev->cnf = *net->ipv4->devconf_dflt;
	rcu_assign_pointer(dev->ip_ptr, in_dev);
	return in_dev;
}

/*
 * Unlink @ifa (at @ifap) and drop its routes.
 * 6.1: __inet_del_ifa().
 */
static void __inet_del_ifa(struct in_device *in_dev, struct in_ifaddr **ifap,
			   int destroy)
{
	struct in_ifaddr *ifa1 = *ifap;
	struct in_ifaddr **ifap1 = &ifa1->ifa_next;
	struct in_ifaddr *ifa, *prim = NULL;

	/* A primary takes its secondaries with it, unless they may be
	 * promoted (net.ipv4.conf.DEV.promote_secondaries). */
	if (!(ifa1->ifa_flags & IFA_F_SECONDARY)) {
		bool promote = IN_DEV_PROMOTE_SECONDARIES(in_dev);

		while ((ifa = *ifap1) != NULL) {
			if (!(ifa->ifa_flags & IFA_F_SECONDARY) ||
			    ifa1->ifa_mask != ifa->ifa_mask ||
			    !inet_ifa_match(ifa1->ifa_address, ifa)) {
				ifap1 = &ifa->ifa_next;
				continue;
			}
			if (promote) {
				ifa->ifa_flags &= ~IFA_F_SECONDARY;
				promote = false;
				prim = ifa;
				ifap1 = &ifa->ifa_next;
				continue;
			}
			*ifap1 = ifa->ifa_next;
			fib_del_ifaddr(ifa, ifa1);
			inet_free_ifa(ifa);
		}
	}
	*ifap = ifa1->ifa_next;
	fib_del_ifaddr(ifa1, NULL);
	if (prim)
		fib_add_ifaddr(prim);
	if (destroy)
		inet_free_ifa(ifa1);
}

/* 6.1: inetdev_destroy(); called at NETDEV_UNREGISTER. */
static void inetdev_destroy(struct in_device *in_dev)
{
	struct net_device *dev = in_dev->dev;

	in_dev->dead = true;
	while (in_dev->ifa_list)
		__inet_del_ifa(in_dev, &in_dev->ifa_list, 1);
	RCU_INIT_POINTER(dev->ip_ptr, NULL);
	arp_ifdown(dev);
	free(in_dev);
}

/* sim: inetdev_destroy() for a device that may have no in_device. */
void inetdev_destroy_dev(struct net_device *dev)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	if (in_dev)
		inetdev_destroy(in_dev);
}

/*
 * sim: 6.1's blocking_notifier_call_chain(&inetaddr_chain, event, ifa),
 * whose one listener here is the FIB's; not recorded by the tracer, but
 * the parent ftrace shows for fib_inetaddr_event().
 */
static void inetaddr_chain_notify(unsigned long event, struct in_ifaddr *ifa)
{
	FTRACE_FRAME_AS("blocking_notifier_call_chain");

	fib_inetaddr_event(NULL, event, ifa);
}

/*
 * Put @ifa on its device's list.
 * 6.1: __inet_insert_ifa. A second address
 * in a subnet the device already has becomes "secondary" and goes last;
 * a primary goes after the last primary of no wider scope.
 */
static int __inet_insert_ifa(struct in_ifaddr *ifa,
			     struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY();
	struct in_device *in_dev = ifa->ifa_dev;
	struct in_ifaddr **ifap, **last_primary, *ifa1;

	ifa->ifa_flags &= ~IFA_F_SECONDARY;
	last_primary = &in_dev->ifa_list;
	for (ifap = &in_dev->ifa_list; (ifa1 = *ifap) != NULL;
	     ifap = &ifa1->ifa_next) {
		if (!(ifa1->ifa_flags & IFA_F_SECONDARY) &&
		    ifa->ifa_scope <= ifa1->ifa_scope)
			last_primary = &ifa1->ifa_next;
		if (ifa1->ifa_mask == ifa->ifa_mask &&
		    inet_ifa_match(ifa1->ifa_address, ifa)) {
			if (ifa1->ifa_local == ifa->ifa_local) {
				inet_free_ifa(ifa);
				return -EEXIST;
			}
			if (ifa1->ifa_scope != ifa->ifa_scope) {
				inet_free_ifa(ifa);
				return -EINVAL;
			}
			ifa->ifa_flags |= IFA_F_SECONDARY;
		}
	}
	if (!(ifa->ifa_flags & IFA_F_SECONDARY))
		ifap = last_primary;
	ifa->ifa_next = *ifap;
	*ifap = ifa;
	/* 6.1: rtmsg_ifa(RTM_NEWADDR) + the inetaddr chain (NETDEV_UP) */
	inetaddr_chain_notify(NETDEV_UP, ifa);
	return 0;
}

/* 6.1: same. */
static int inet_insert_ifa(struct in_ifaddr *ifa)
{
	return __inet_insert_ifa(ifa, NULL);
}

/*
 * 6.1: inet_rtm_newaddr() with rtm_to_ifaddr(), which Debian's build
 * inlines; no set_ifa_lifetime() (the simulator's addresses live forever).
 * The last call, to __inet_insert_ifa(), is a jump: ftrace shows it with
 * rtnetlink_rcv_msg as parent. 6.1 returns a bare -EEXIST for
 * a duplicate (iproute2: "RTNETLINK answers: File exists"); newer kernels
 * add the extack "ipv4: Address already assigned".
 */
int inet_rtm_newaddr(struct net *net, const struct inet_addr_req *req,
		     struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY_FROM("rtnetlink_rcv_msg");
	struct in_device *in_dev;
	struct in_ifaddr *ifa;

	if (!req->dev || req->prefixlen > 32)
		return -EINVAL;
	in_dev = __in_dev_get_rtnl(req->dev);
	if (!in_dev)
		return -ENOBUFS;
	ifa = inet_alloc_ifa();
	if (!ifa)
		return -ENOBUFS;
	ifa->ifa_dev = in_dev;
	ifa->ifa_prefixlen = req->prefixlen;
	ifa->ifa_mask = inet_make_mask(req->prefixlen);
	ifa->ifa_local = req->local;
	ifa->ifa_address = req->address ? req->address : req->local;
	ifa->ifa_broadcast = req->broadcast;
	ifa->ifa_scope = req->scope >= 0 ? (unsigned char)req->scope :
					     RT_SCOPE_UNIVERSE;
	ifa->ifa_rt_priority = req->metric;
	ifa->ifa_flags = IFA_F_PERMANENT;
	if (req->noprefixroute)
		ifa->ifa_flags |= IFA_F_NOPREFIXROUTE;
	ifa->ifa_valid_lft = INFINITY_LIFE_TIME;
	ifa->ifa_preferred_lft = INFINITY_LIFE_TIME;
	snprintf(ifa->ifa_label, IFNAMSIZ, "%s",
		 req->label ? req->label : req->dev->name);
	FTRACE_TAIL_CALL();
	return __inet_insert_ifa(ifa, extack);
}

/*
 * 6.1: inet_rtm_deladdr(). The match rules are 6.1's: local address,
 * label, and (when given) prefix. Nothing matched: -EADDRNOTAVAIL, which
 * iproute2 prints as "RTNETLINK answers: Cannot assign requested address"
 * (newer kernels add the extack "ipv4: Address not found").
 */
int inet_rtm_deladdr(struct net *net, const struct inet_addr_req *req,
		     struct netlink_ext_ack *extack)
{
	struct in_device *in_dev;
	struct in_ifaddr **ifap, *ifa;

	if (!req->dev)
		return -ENODEV;
	in_dev = __in_dev_get_rtnl(req->dev);
	if (!in_dev)
		return -EADDRNOTAVAIL;
	for (ifap = &in_dev->ifa_list; (ifa = *ifap) != NULL;
	     ifap = &ifa->ifa_next) {
		if (req->local && ifa->ifa_local != req->local)
			continue;
		if (req->label && strcmp(req->label, ifa->ifa_label))
			continue;
		if (req->has_prefixlen &&
		    (req->prefixlen != ifa->ifa_prefixlen ||
		     !inet_ifa_match(req->address ? req->address : req->local,
				     ifa)))
			continue;
		__inet_del_ifa(in_dev, ifap, 1);
		return 0;
	}
	return -EADDRNOTAVAIL;
}

/*
 * A write to net.ipv4.conf.{all,default,DEV}.KEY, KEY one of those whose
 * handler this is (not forwarding, not the flushing ones).
 * 6.1: devinet_conf_proc() writes with proc_dointvec() and then marks the
 * key written, copies default's and flushes the route cache; the simulator
 * does those after it returns, in kernel/sysctl.c's devinet_conf_written().
 */
int devinet_conf_proc(int *data, const char *value, int min, int max)
{
	FTRACE_ENTRY_FROM("proc_sys_call_handler");

	return proc_dointvec(data, value, min, max);
}

/* 6.1: same. */
struct in_device *inetdev_by_index(struct net *net, int ifindex)
{
	struct net_device *dev = __dev_get_by_index(net, ifindex);

	return dev ? __in_dev_get_rcu(dev) : NULL;
}

/*
 * The primary address of @in_dev on subnet @prefix/@mask.
 * 6.1: same.
 */
struct in_ifaddr *inet_ifa_byprefix(struct in_device *in_dev, __be32 prefix,
				    __be32 mask)
{
	struct in_ifaddr *ifa;

	in_dev_for_each_ifa_rtnl(ifa, in_dev) {
		if (ifa->ifa_mask == mask && inet_ifa_match(prefix, ifa))
			return ifa;
	}
	return NULL;
}

/* 6.1: inet_lookup_ifaddr_rcu() walks a hash of all addresses; a scan here. */
struct in_ifaddr *inet_lookup_ifaddr_rcu(struct net *net, __be32 addr)
{
	struct net_device *dev;
	struct in_ifaddr *ifa;

	for_each_netdev(net, dev) {
		struct in_device *in_dev = __in_dev_get_rcu(dev);

		if (!in_dev)
			continue;
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (ifa->ifa_local == addr)
				return ifa;
		}
	}
	return NULL;
}

/*
 * The device owning local address @addr.
 * 6.1: __ip_dev_find() asks the
 * address hash, then the local table ("so that communication over
 * loopback subnets work": all of 127/8 is a local route on lo).
 */
struct net_device *__ip_dev_find(struct net *net, __be32 addr, bool devref)
{
	struct in_ifaddr *ifa = inet_lookup_ifaddr_rcu(net, addr);
	struct flowi4 fl4 = { .daddr = addr };
	struct fib_result res = { 0 };
	struct fib_table *local;

	if (ifa)
		return ifa->ifa_dev->dev;
	local = net->ipv4 ? fib_get_table(net, RT_TABLE_LOCAL) : NULL;
	if (local && !fib_table_lookup(local, &fl4, &res, FIB_LOOKUP_NOREF) &&
	    res.type == RTN_LOCAL)
		return FIB_RES_DEV(res);
	return NULL;
}

/*
 * Pick a source address on @dev for talking to @dst within @scope.
 * 6.1: inet_select_addr(); without VRFs. Prefers a primary in @dst's subnet,
 * else the first primary of narrow enough scope, else any address of the
 * namespace that is not link-scoped.
 */
__be32 inet_select_addr(const struct net_device *dev, __be32 dst, int scope)
{
	struct in_device *in_dev = __in_dev_get_rcu(dev);
	struct net *net = dev_net(dev);
	struct net_device *d;
	struct in_ifaddr *ifa;
	__be32 addr = 0;

	if (in_dev) {
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (ifa->ifa_flags & IFA_F_SECONDARY)
				continue;
			if (ifa->ifa_scope > scope)
				continue;
			if (!dst || inet_ifa_match(dst, ifa))
				return ifa->ifa_local;
			if (!addr)
				addr = ifa->ifa_local;
		}
	}
	if (addr)
		return addr;
	for_each_netdev(net, d) {
		in_dev = __in_dev_get_rcu(d);
		if (!in_dev)
			continue;
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (!(ifa->ifa_flags & IFA_F_SECONDARY) &&
			    ifa->ifa_scope != RT_SCOPE_LINK &&
			    ifa->ifa_scope <= scope)
				return ifa->ifa_local;
		}
	}
	return 0;
}

/* 6.1: same idea; the default applies where the device set nothing. */
void devinet_copy_dflt_conf(struct net *net, int i)
{
	struct net_device *dev;

	for_each_netdev(net, dev) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (in_dev && !(in_dev->cnf.state & (1ul << i)))
			in_dev->cnf.data[i] = net->ipv4->devconf_dflt->data[i];
	}
}

/* 6.1: writing all.forwarding sets it on default and every device too. */
void inet_forward_change(struct net *net)
{
	int on = IPV4_DEVCONF_ALL(net, FORWARDING);
	struct net_device *dev;

	IPV4_DEVCONF(*net->ipv4->devconf_dflt, FORWARDING) = on;
	for_each_netdev(net, dev) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (in_dev)
			IN_DEV_CONF_SET(in_dev, FORWARDING, on);
	}
	rt_cache_flush(net);
}

/* lo gets 127.0.0.1/8 when it comes up. 6.1: inetdev_event, NETDEV_UP. */
static void inetdev_loopback_up(struct in_device *in_dev)
{
	struct in_ifaddr *ifa = inet_alloc_ifa();

	if (!ifa)
		return;
	ifa->ifa_local = ifa->ifa_address = htonl(INADDR_LOOPBACK);
	ifa->ifa_prefixlen = 8;
	ifa->ifa_mask = inet_make_mask(8);
	ifa->ifa_dev = in_dev;
	ifa->ifa_scope = RT_SCOPE_HOST;
	ifa->ifa_flags = IFA_F_PERMANENT;
	ifa->ifa_valid_lft = ifa->ifa_preferred_lft = INFINITY_LIFE_TIME;
	memcpy(ifa->ifa_label, in_dev->dev->name, IFNAMSIZ);
	inet_insert_ifa(ifa);	/* -EEXIST on a second up: already there */
}

/*
 * Follow devices.
 * 6.1: inetdev_event(). REGISTER makes the in_device,
 * UNREGISTER frees it with every address; UP gives lo its address;
 * CHANGENAME renames the labels that were the old name.
 */
static int inetdev_event(struct notifier_block *nb, unsigned long event,
			 void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct in_ifaddr *ifa;

	if (!in_dev) {
		if (event == NETDEV_REGISTER)
			inetdev_init(dev);
		return NOTIFY_DONE;
	}
	switch (event) {
	case NETDEV_UP:
		if (dev->flags & IFF_LOOPBACK)
			inetdev_loopback_up(in_dev);
		break;
	case NETDEV_UNREGISTER:
		inetdev_destroy(in_dev);
		break;
	case NETDEV_CHANGENAME:
		in_dev_for_each_ifa_rtnl(ifa, in_dev)
			memcpy(ifa->ifa_label, dev->name, IFNAMSIZ);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block ip_netdev_notifier = {
	.notifier_call = inetdev_event,
};

/*
 * Per-namespace setup.
 * 6.1: devinet_init_net(); a new namespace copies
 * conf/all and conf/default from init_net (devconf_inherit_init_net=0).
 * Devices that exist already (lo, made before IPv4 came up) get their
 * in_device here.
 */
int devinet_init_net(struct net *net)
{
	struct netns_ipv4 *ipv4 = net->ipv4;
	struct net_device *dev;

	ipv4->devconf_all = malloc(sizeof(struct ipv4_devconf));
	ipv4->devconf_dflt = malloc(sizeof(struct ipv4_devconf));
	if (!ipv4->devconf_all || !ipv4->devconf_dflt)
		return -ENOMEM;
	if (net != &init_net && init_net.ipv4 && init_net.ipv4->devconf_all) {
		*ipv4->devconf_all = *init_net.ipv4->devconf_all;
		*ipv4->devconf_dflt = *init_net.ipv4->devconf_dflt;
	} else {
		*ipv4->devconf_all = ipv4_devconf_init;
		*ipv4->devconf_dflt = ipv4_devconf_init;
	}
	for_each_netdev(net, dev) {
		if (!__in_dev_get_rtnl(dev))
			inetdev_init(dev);
	}
	return 0;
}

/* 6.1: devinet_exit_net(); frees what devices left behind too. */
void devinet_exit_net(struct net *net)
{
	struct net_device *dev;

	for_each_netdev(net, dev)
		inetdev_destroy_dev(dev);
	free(net->ipv4->devconf_all);
	free(net->ipv4->devconf_dflt);
	net->ipv4->devconf_all = NULL;
	net->ipv4->devconf_dflt = NULL;
}

/* 6.1: devinet_init() also registers the rtnetlink handlers. */
void devinet_init(void)
{
	register_netdevice_notifier(&ip_netdev_notifier);
}

/*
 * 6.1: inet_fill_ifaddr() into a decoded record: IFA_ADDRESS, IFA_LOCAL,
 * IFA_BROADCAST and IFA_LABEL only when set; lifetimes as stored (the sim
 * does not age addresses).
 */
static void inet_fill_ifaddr(struct rtnl_addr_msg *m, struct in_ifaddr *ifa)
{
	memset(m, 0, sizeof(*m));
	m->ifa.ifa_family = AF_INET;
	m->ifa.ifa_prefixlen = ifa->ifa_prefixlen;
	m->ifa.ifa_flags = (u8)ifa->ifa_flags;
	m->ifa.ifa_scope = ifa->ifa_scope;
	m->ifa.ifa_index = (u32)ifa->ifa_dev->dev->ifindex;
	if (ifa->ifa_address) {
		m->has_address = true;
		memcpy(m->address, &ifa->ifa_address, 4);
	}
	if (ifa->ifa_local) {
		m->has_local = true;
		memcpy(m->local, &ifa->ifa_local, 4);
	}
	if (ifa->ifa_broadcast) {
		m->has_broadcast = true;
		memcpy(m->broadcast, &ifa->ifa_broadcast, 4);
	}
	if (ifa->ifa_label[0])
		snprintf(m->label, sizeof(m->label), "%s", ifa->ifa_label);
	m->flags = ifa->ifa_flags;
	m->valid_lft = ifa->ifa_valid_lft;
	m->preferred_lft = ifa->ifa_preferred_lft;
}

/*
 * 6.1: inet_dump_ifaddr(): every IPv4 address of @net, device by device;
 * with @ifindex not 0 only that device's (the strict-check filter).
 */
int inet_dump_ifaddr(struct net *net, int ifindex, rtnl_dump_cb cb, void *arg)
{
	struct rtnl_addr_msg m;
	struct net_device *dev;
	struct in_device *in_dev;
	struct in_ifaddr *ifa;
	int ret = 0;

	for_each_netdev(net, dev) {
		if (ifindex && dev->ifindex != ifindex)
			continue;
		in_dev = __in_dev_get_rtnl(dev);
		if (!in_dev)
			continue;
		in_dev_for_each_ifa_rtnl(ifa, in_dev) {
			inet_fill_ifaddr(&m, ifa);
			ret = cb(&m, arg);
			if (ret)
				return ret;
		}
	}
	return ret;
}
