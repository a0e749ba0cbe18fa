/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv4 per-device state: struct in_device, its address list and its conf.
 * 6.1: include/linux/inetdevice.h, include/uapi/linux/ip.h (IPV4_DEVCONF_*).
 * Kept: the addresses `ip addr` prints and the sysctls this kit teaches.
 * The conf index list is a subset, numbered for the simulator, not 6.1's.
 */
#ifndef _SIM_LINUX_INETDEVICE_H
#define _SIM_LINUX_INETDEVICE_H

#include <linux/types.h>
#include <linux/netdevice.h>
#include <uapi/linux/rtnetlink.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <net/net_namespace.h>
#include <net/netns/ipv4.h>

/* net.ipv4.conf.X.* ; 6.1 has 33 of these, starting at 1 like here */
enum {
	IPV4_DEVCONF_FORWARDING = 1,
	IPV4_DEVCONF_ACCEPT_REDIRECTS,
	IPV4_DEVCONF_SEND_REDIRECTS,
	IPV4_DEVCONF_SHARED_MEDIA,
	IPV4_DEVCONF_RP_FILTER,
	IPV4_DEVCONF_LOG_MARTIANS,
	IPV4_DEVCONF_ARPFILTER,
	IPV4_DEVCONF_ARP_ANNOUNCE,
	IPV4_DEVCONF_ARP_IGNORE,
	IPV4_DEVCONF_ARP_ACCEPT,
	IPV4_DEVCONF_ACCEPT_LOCAL,
	IPV4_DEVCONF_ROUTE_LOCALNET,
	IPV4_DEVCONF_PROMOTE_SECONDARIES,
	__IPV4_DEVCONF_MAX
};
#define IPV4_DEVCONF_MAX (__IPV4_DEVCONF_MAX - 1)

struct ipv4_devconf {
	int		data[IPV4_DEVCONF_MAX];
	/* bit i-1: data[i-1] was written for this device, so a later write
	 * to `default` no longer overrides it (devinet_copy_dflt_conf) */
	unsigned long	state;
};

#define IPV4_DEVCONF(cnf, attr)		((cnf).data[IPV4_DEVCONF_ ## attr - 1])
#define IPV4_DEVCONF_ALL(net, attr) \
	IPV4_DEVCONF((*(net)->ipv4->devconf_all), attr)

struct in_ifaddr;

struct in_device {
	struct net_device	*dev;
	int			refcnt;		/* refcount_t in 6.1 */
	bool			dead;
	struct in_ifaddr	*ifa_list;	/* primaries first, by scope */
	struct ipv4_devconf	cnf;
};

/* ifa_flags, from include/uapi/linux/if_addr.h (what `ip addr` prints) */
#define IFA_F_SECONDARY		0x01
#define IFA_F_NODAD		0x02
#define IFA_F_DADFAILED		0x08
#define IFA_F_TENTATIVE		0x40
#define IFA_F_PERMANENT		0x80
#define IFA_F_NOPREFIXROUTE	0x200

struct in_ifaddr {
	struct in_ifaddr	*ifa_next;
	struct in_device	*ifa_dev;
	__be32			ifa_local;	/* our address */
	__be32			ifa_address;	/* peer (== local unless ptp) */
	__be32			ifa_mask;
	u32			ifa_rt_priority;
	__be32			ifa_broadcast;	/* 0: none given */
	unsigned char		ifa_scope;	/* RT_SCOPE_* */
	unsigned char		ifa_prefixlen;
	u32			ifa_flags;	/* IFA_F_* */
	char			ifa_label[IFNAMSIZ];
	u32			ifa_valid_lft;	/* INFINITY_LIFE_TIME: forever */
	u32			ifa_preferred_lft;
};

#define INFINITY_LIFE_TIME	0xFFFFFFFFu

#define IN_DEV_CONF_GET(in_dev, attr)	IPV4_DEVCONF((in_dev)->cnf, attr)
#define IN_DEV_CONF_SET(in_dev, attr, val) \
	(IPV4_DEVCONF((in_dev)->cnf, attr) = (val))

/* How a device's value combines with net.ipv4.conf.all (6.1: same rules) */
#define IN_DEV_ANDCONF(in_dev, attr) \
	(IPV4_DEVCONF_ALL(dev_net((in_dev)->dev), attr) && \
	 IN_DEV_CONF_GET((in_dev), attr))
#define IN_DEV_ORCONF(in_dev, attr) \
	(IPV4_DEVCONF_ALL(dev_net((in_dev)->dev), attr) || \
	 IN_DEV_CONF_GET((in_dev), attr))
#define IN_DEV_MAXCONF(in_dev, attr) \
	max(IPV4_DEVCONF_ALL(dev_net((in_dev)->dev), attr), \
	    IN_DEV_CONF_GET((in_dev), attr))

#define IN_DEV_FORWARD(in_dev)		IN_DEV_CONF_GET((in_dev), FORWARDING)
#define IN_DEV_RPFILTER(in_dev)		IN_DEV_MAXCONF((in_dev), RP_FILTER)
#define IN_DEV_ACCEPT_LOCAL(in_dev)	IN_DEV_ORCONF((in_dev), ACCEPT_LOCAL)
#define IN_DEV_LOG_MARTIANS(in_dev)	IN_DEV_ORCONF((in_dev), LOG_MARTIANS)
#define IN_DEV_SHARED_MEDIA(in_dev)	IN_DEV_ORCONF((in_dev), SHARED_MEDIA)
#define IN_DEV_TX_REDIRECTS(in_dev)	IN_DEV_ORCONF((in_dev), SEND_REDIRECTS)
#define IN_DEV_ROUTE_LOCALNET(in_dev)	IN_DEV_ORCONF((in_dev), ROUTE_LOCALNET)
#define IN_DEV_ARPFILTER(in_dev)	IN_DEV_ORCONF((in_dev), ARPFILTER)
#define IN_DEV_ARP_ACCEPT(in_dev)	IN_DEV_MAXCONF((in_dev), ARP_ACCEPT)
#define IN_DEV_ARP_ANNOUNCE(in_dev)	IN_DEV_MAXCONF((in_dev), ARP_ANNOUNCE)
#define IN_DEV_ARP_IGNORE(in_dev)	IN_DEV_MAXCONF((in_dev), ARP_IGNORE)
#define IN_DEV_PROMOTE_SECONDARIES(in_dev) \
	IN_DEV_ORCONF((in_dev), PROMOTE_SECONDARIES)

static inline struct in_device *__in_dev_get_rcu(const struct net_device *dev)
{
	return rcu_dereference(dev->ip_ptr);
}

static inline struct in_device *__in_dev_get_rtnl(const struct net_device *dev)
{
	return rtnl_dereference(dev->ip_ptr);
}

/* For `ip addr show`: walk the IPv4 addresses of a device, in list order. */
#define in_dev_for_each_ifa_rtnl(ifa, in_dev) \
	for (ifa = (in_dev)->ifa_list; ifa; ifa = ifa->ifa_next)
#define in_dev_for_each_ifa_rcu(ifa, in_dev) in_dev_for_each_ifa_rtnl(ifa, in_dev)

static inline __be32 inet_make_mask(int logmask)
{
	if (logmask)
		return htonl(~((1U << (32 - logmask)) - 1));
	return 0;
}

static inline bool inet_ifa_match(__be32 addr, const struct in_ifaddr *ifa)
{
	return !((addr ^ ifa->ifa_address) & ifa->ifa_mask);
}

/* Are @a and @b (0: skip) in one subnet of @in_dev? 6.1: same. */
static inline bool inet_addr_onlink(struct in_device *in_dev, __be32 a,
				    __be32 b)
{
	struct in_ifaddr *ifa;

	in_dev_for_each_ifa_rtnl(ifa, in_dev) {
		if (inet_ifa_match(a, ifa) && (!b || inet_ifa_match(b, ifa)))
			return true;
	}
	return false;
}

/*
 * What RTM_NEWADDR / RTM_DELADDR carry (`ip addr add|del`), as a struct
 * instead of IFA_* attributes. The tool parses "10.1.1.1/24 brd + dev veth0".
 */
struct inet_addr_req {
	struct net_device	*dev;		/* ifa_index, resolved */
	__be32			local;		/* IFA_LOCAL */
	__be32			address;	/* IFA_ADDRESS: peer; 0 = local */
	unsigned char		prefixlen;	/* ifa_prefixlen */
	bool			has_prefixlen;	/* del: false matches any */
	__be32			broadcast;	/* IFA_BROADCAST; 0: none */
	int			scope;		/* RT_SCOPE_*, -1: not given
						 * (0; iproute2 itself asks
						 * for host on 127.0.0.0/8) */
	const char		*label;		/* IFA_LABEL; NULL: dev name */
	bool			noprefixroute;	/* IFA_F_NOPREFIXROUTE */
	u32			metric;		/* IFA_RT_PRIORITY */
};

/*
 * net/ipv4/devinet.c: the request handlers. 0 or -errno, extack->_msg set
 * when Linux sets one. -EEXIST ("RTNETLINK answers: File exists") for an
 * address already there; -EADDRNOTAVAIL ("RTNETLINK answers: Cannot assign
 * requested address") when deleting one that is not.
 */
int inet_rtm_newaddr(struct net *net, const struct inet_addr_req *req,
		     struct netlink_ext_ack *extack);
int inet_rtm_deladdr(struct net *net, const struct inet_addr_req *req,
		     struct netlink_ext_ack *extack);
/*
 * RTM_GETADDR dump (`ip addr show`): @cb gets a const struct rtnl_addr_msg *
 * per IPv4 address of @net, only @ifindex's if not 0.
 */
int inet_dump_ifaddr(struct net *net, int ifindex, rtnl_dump_cb cb, void *arg);

/* net/ipv4/devinet.c */
struct in_device *inetdev_by_index(struct net *net, int ifindex);
struct in_ifaddr *inet_ifa_byprefix(struct in_device *in_dev, __be32 prefix,
				    __be32 mask);
__be32 inet_select_addr(const struct net_device *dev, __be32 dst, int scope);
/* The device that owns local address @addr in @net, or NULL. */
struct net_device *__ip_dev_find(struct net *net, __be32 addr, bool devref);
struct in_ifaddr *inet_lookup_ifaddr_rcu(struct net *net, __be32 addr);
void devinet_init(void);
/* Copy net.ipv4.conf.default.@i to every device that never set it itself. */
void devinet_copy_dflt_conf(struct net *net, int i);
/* Apply a write of net.ipv4.conf.all.forwarding to every device (6.1). */
void inet_forward_change(struct net *net);
/* 6.1: devinet_conf_proc(): a conf/KEY write (net/ipv4/devinet.c) */
int devinet_conf_proc(int *data, const char *value, int min, int max);

#endif
