/* SPDX-License-Identifier: GPL-2.0 */
/* ethtool operations. 6.1: include/linux/ethtool.h; the subset veth implements. */
#ifndef _SIM_LINUX_ETHTOOL_H
#define _SIM_LINUX_ETHTOOL_H

#include <linux/types.h>
#include <uapi/linux/ethtool.h>

struct net_device;
struct ethtool_link_ksettings;

struct ethtool_ops {
	void	(*get_drvinfo)(struct net_device *dev,
			       struct ethtool_drvinfo *info);
	int	(*get_sset_count)(struct net_device *dev, int sset);
	void	(*get_strings)(struct net_device *dev, u32 sset, u8 *data);
	void	(*get_ethtool_stats)(struct net_device *dev, void *stats,
				     u64 *data);
	u32	(*get_link)(struct net_device *dev);
	void	(*get_channels)(struct net_device *dev,
				struct ethtool_channels *channels);
	int	(*get_link_ksettings)(struct net_device *dev,
				      struct ethtool_link_ksettings *cmd);
};

/* 6.1: base plus the link mode bitmaps, which veth leaves empty */
struct ethtool_link_ksettings {
	struct ethtool_link_settings base;
};

u32 ethtool_op_get_link(struct net_device *dev);
int __ethtool_get_link_ksettings(struct net_device *dev,
				 struct ethtool_link_ksettings *link_ksettings);

struct net;

/*
 * net/ethtool/ioctl.c: the SIOCETHTOOL ioctl on device @ifname of @net.
 * @useraddr starts with the u32 command; returns 0 or -errno.
 */
int dev_ethtool(struct net *net, const char *ifname, void *useraddr);

#endif
