/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6 address autoconfiguration, DISPLAY ONLY.
 * 6.1: include/net/addrconf.h, net/ipv6/addrconf.c. The simulator carries no
 * IPv6 traffic at all: no router/neighbour solicitations, no MLD, no DAD
 * packets, no IPv6 routes. What it keeps is what `ip addr` shows and the
 * switch that hides it: a device has the link-local address fe80::/64 made
 * from its MAC (EUI-64) while it is up with carrier and
 * net.ipv6.conf.DEV.disable_ipv6 is 0; lo has ::1/128 while up.
 * The address is "tentative" for the first second (DAD) as on Linux.
 */
#ifndef _SIM_NET_ADDRCONF_H
#define _SIM_NET_ADDRCONF_H

#include <linux/types.h>
#include <uapi/linux/rtnetlink.h>

struct net;
struct net_device;

/*
 * 6.1: include/uapi/linux/in6.h, where libc-compat.h steps aside when
 * libc's <netinet/in.h> came first. Same here: a tool that includes
 * <arpa/inet.h> before this header gets libc's struct (same 16 bytes,
 * same .s6_addr[] spelling).
 */
#ifndef _NETINET_IN_H
struct in6_addr {
	u8	s6_addr[16];
};
#endif

/* net.ipv6.conf.{all,default,DEV}: the one knob kept */
struct ipv6_devconf {
	int	disable_ipv6;
};

/* What net->ipv6_conf points at (6.1: struct netns_ipv6 devconf_*). */
struct netns_ipv6_conf {
	struct ipv6_devconf	all;
	struct ipv6_devconf	dflt;
};

/* One displayed IPv6 address (6.1: struct inet6_ifaddr). */
struct inet6_ifaddr_info {
	struct in6_addr	addr;
	u8		prefix_len;	/* 64 link-local, 128 ::1 */
	u8		scope;		/* RT_SCOPE_LINK / RT_SCOPE_HOST */
	u32		flags;		/* IFA_F_PERMANENT | IFA_F_TENTATIVE */
};

/*
 * For `ip addr show`: fill @out with @dev's IPv6 address; false when it has
 * none (IPv6 disabled, down, no carrier, not Ethernet or loopback).
 */
bool addrconf_dev_addr(struct net_device *dev, struct inet6_ifaddr_info *out);
/* RTM_GETADDR dump for AF_INET6 and device @ifindex (struct rtnl_addr_msg). */
int inet6_dump_ifaddr(struct net *net, int ifindex, rtnl_dump_cb cb, void *arg);
/* Is IPv6 disabled on @dev (net.ipv6.conf.DEV.disable_ipv6)? */
bool ipv6_disabled(const struct net_device *dev);
/* EUI-64 interface id from a 48-bit MAC (fe80::X:Xff:feX:X), 6.1 same. */
void addrconf_ifid_eui48(u8 *eui, const struct net_device *dev);

/* sysctl hooks: per device value, or NULL when @dev has no IPv6 state */
int *addrconf_disable_ipv6_ptr(struct net_device *dev);
/* Writes of all/default (6.1: addrconf_disable_ipv6 + propagation). */
void addrconf_set_all_disable(struct net *net, int val);
int addrconf_init(void);

#endif
