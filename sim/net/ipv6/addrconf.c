// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 link-local addresses, for display only.
 * 6.1: net/ipv6/addrconf.c. The simulator sends and accepts no IPv6 at
 * all (no DAD, router or neighbour solicitation, MLD; no IPv6 routes or
 * sockets); it only knows which address `ip addr` would list: fe80::/64
 * from the MAC (EUI-64) while a device is up with carrier, ::1/128 on lo
 * while up, and none where net.ipv6.conf.DEV.disable_ipv6 is 1. For about
 * a second after the address appears it is "tentative", as DAD makes it.
 * Per-device state lives in a per-namespace list here (6.1: dev->ip6_ptr,
 * struct inet6_dev).
 */
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/ktime.h>
#include <linux/inetdevice.h>
#include <net/addrconf.h>
#include <net/net_namespace.h>
#include <net/route.h>
#include <sys/socket.h>
#include "../ipv4/pernet.h"

/* 6.1: struct inet6_dev, reduced. */
struct inet6_dev {
	struct list_head	list;
	struct net_device	*dev;
	struct ipv6_devconf	cnf;
	bool			has_addr;	/* up, carrier, enabled */
	u64			addr_since;	/* ns: when it appeared */
};

struct addrconf_net {
	struct netns_ipv6_conf	conf;	/* what net->ipv6_conf shows */
	struct list_head	idevs;
};

/* sim: 6.1 has net->ipv6 embedded. */
static struct addrconf_net *addrconf_pernet(const struct net *net)
{
	return (struct addrconf_net *)net->ipv6_conf;
}

/* 6.1: include/net/addrconf.h: reads dev->ip6_ptr; a list walk here. */
static struct inet6_dev *__in6_dev_get(const struct net_device *dev)
{
	struct addrconf_net *an = addrconf_pernet(dev_net(dev));
	struct inet6_dev *idev;

	if (!an)
		return NULL;
	list_for_each_entry(idev, &an->idevs, list) {
		if (idev->dev == dev)
			return idev;
	}
	return NULL;
}

/*
 * 6.1: include/net/addrconf.h: same (EUI-48 to modified EUI-64: flip the U/L
 * bit, put ff:fe in).
 */
void addrconf_ifid_eui48(u8 *eui, const struct net_device *dev)
{
	memcpy(eui, dev->dev_addr, 3);
	memcpy(eui + 5, dev->dev_addr + 3, 3);
	eui[3] = 0xFF;
	eui[4] = 0xFE;
	eui[0] ^= 2;
}

/* Would 6.1 have the address now? (addrconf_link_ready + not disabled) */
static bool addrconf_wants_addr(const struct inet6_dev *idev)
{
	const struct net_device *dev = idev->dev;

	if (idev->cnf.disable_ipv6 || !(dev->flags & IFF_UP))
		return false;
	if (dev->type != ARPHRD_ETHER && dev->type != ARPHRD_LOOPBACK)
		return false;
	return netif_carrier_ok(dev);
}

/*
 * Re-evaluate after an event: appear (start the DAD clock) or vanish.
 * sim: what addrconf_notify() and DAD would do to the one address.
 */
static void addrconf_sync(struct inet6_dev *idev)
{
	bool want = addrconf_wants_addr(idev);

	if (want && !idev->has_addr)
		idev->addr_since = ktime_get_ns();
	idev->has_addr = want;
}

/* sim: for `ip addr` (6.1: inet6_dump_addr). */
bool addrconf_dev_addr(struct net_device *dev, struct inet6_ifaddr_info *out)
{
	struct inet6_dev *idev = __in6_dev_get(dev);

	if (!idev)
		return false;
	addrconf_sync(idev);
	if (!idev->has_addr)
		return false;
	memset(out, 0, sizeof(*out));
	out->flags = IFA_F_PERMANENT;
	if (dev->flags & IFF_LOOPBACK) {
		out->addr.s6_addr[15] = 1;
		out->prefix_len = 128;
		out->scope = RT_SCOPE_HOST;
		return true;
	}
	out->addr.s6_addr[0] = 0xfe;
	out->addr.s6_addr[1] = 0x80;
	addrconf_ifid_eui48(out->addr.s6_addr + 8, dev);
	out->prefix_len = 64;
	out->scope = RT_SCOPE_LINK;
	if (ktime_get_ns() - idev->addr_since < NSEC_PER_SEC)
		out->flags |= IFA_F_TENTATIVE;
	return true;
}

/*
 * 6.1: inet6_dump_ifaddr() for one device (@ifindex, the strict-check
 * filter): its one address, if it has one, as inet6_fill_ifaddr() puts it.
 */
int inet6_dump_ifaddr(struct net *net, int ifindex, rtnl_dump_cb cb, void *arg)
{
	struct net_device *dev = __dev_get_by_index(net, ifindex);
	struct inet6_ifaddr_info i6;
	struct rtnl_addr_msg m;

	if (!dev || !addrconf_dev_addr(dev, &i6))
		return 0;
	memset(&m, 0, sizeof(m));
	m.ifa.ifa_family = AF_INET6;
	m.ifa.ifa_prefixlen = i6.prefix_len;
	m.ifa.ifa_flags = (u8)i6.flags;
	m.ifa.ifa_scope = i6.scope;
	m.ifa.ifa_index = (u32)ifindex;
	m.has_address = true;
	memcpy(m.address, i6.addr.s6_addr, 16);
	m.flags = i6.flags;
	m.valid_lft = INFINITY_LIFE_TIME;
	m.preferred_lft = INFINITY_LIFE_TIME;
	return cb(&m, arg);
}

/* sim: idev->cnf.disable_ipv6. */
bool ipv6_disabled(const struct net_device *dev)
{
	struct inet6_dev *idev = __in6_dev_get(dev);

	return !idev || idev->cnf.disable_ipv6;
}

/* sim: the sysctl's data pointer. */
int *addrconf_disable_ipv6_ptr(struct net_device *dev)
{
	struct inet6_dev *idev = __in6_dev_get(dev);

	return idev ? &idev->cnf.disable_ipv6 : NULL;
}

/* 6.1: addrconf_disable_ipv6() for `all`: default and every device too. */
void addrconf_set_all_disable(struct net *net, int val)
{
	struct addrconf_net *an = addrconf_pernet(net);
	struct inet6_dev *idev;

	if (!an)
		return;
	an->conf.all.disable_ipv6 = val;
	an->conf.dflt.disable_ipv6 = val;
	list_for_each_entry(idev, &an->idevs, list) {
		idev->cnf.disable_ipv6 = val;
		addrconf_sync(idev);
	}
}

/* 6.1: ipv6_add_dev() at NETDEV_REGISTER: conf copied from default. */
static void ipv6_add_dev(struct net_device *dev)
{
	struct addrconf_net *an = addrconf_pernet(dev_net(dev));
	struct inet6_dev *idev;

	if (!an || __in6_dev_get(dev))
		return;
	idev = calloc(1, sizeof(*idev));
	if (!idev)
		return;
	idev->dev = dev;
	idev->cnf = an->conf.dflt;
	list_add_tail(&idev->list, &an->idevs);
}

/* 6.1: addrconf_ifdown(dev, true), freeing the inet6_dev. */
static void ipv6_del_dev(struct net_device *dev)
{
	struct inet6_dev *idev = __in6_dev_get(dev);

	if (idev) {
		list_del(&idev->list);
		free(idev);
	}
}

/* 6.1: addrconf_notify(), for the address's lifetime only. */
static int addrconf_notify(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct inet6_dev *idev;

	switch (event) {
	case NETDEV_REGISTER:
		ipv6_add_dev(dev);
		break;
	case NETDEV_UNREGISTER:
		ipv6_del_dev(dev);
		break;
	default:
		idev = __in6_dev_get(dev);
		if (idev)
			addrconf_sync(idev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block ipv6_dev_notf = {
	.notifier_call = addrconf_notify,
};

/*
 * 6.1: addrconf_init_net(); like 6.1 with net.core.devconf_inherit_init_net
 * = 0, a new namespace starts from the compiled defaults (IPv6 on), not
 * from init_net's values.
 */
void addrconf_init_net(struct net *net)
{
	struct addrconf_net *an = calloc(1, sizeof(*an));
	struct net_device *dev;

	if (!an)
		return;
	INIT_LIST_HEAD(&an->idevs);
	net->ipv6_conf = an;
	for_each_netdev(net, dev)
		ipv6_add_dev(dev);
}

/*
 * 6.1: frees the all/default devconf and the address hash; each inet6_dev
 * goes with its device (addrconf_ifdown()). Here the namespace's list of
 * them goes at once.
 */
void addrconf_exit_net(struct net *net)
{
	struct addrconf_net *an = addrconf_pernet(net);
	struct inet6_dev *idev, *n;

	if (!an)
		return;
	list_for_each_entry_safe(idev, n, &an->idevs, list) {
		list_del(&idev->list);
		free(idev);
	}
	free(an);
	net->ipv6_conf = NULL;
}

/* 6.1: addrconf_init(). */
int addrconf_init(void)
{
	return register_netdevice_notifier(&ipv6_dev_notf);
}
