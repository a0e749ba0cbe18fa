/* SPDX-License-Identifier: GPL-2.0 */
/* ethtool operations. 6.1: include/linux/ethtool.h; the subset veth implements. */
#ifndef _SIM_LINUX_ETHTOOL_H
#define _SIM_LINUX_ETHTOOL_H

#include <linux/types.h>

struct net_device;

#define ETH_GSTRING_LEN	32
#define ETH_SS_STATS	1

struct ethtool_drvinfo {
	char driver[32];
	char version[32];
	char fw_version[32];
	char bus_info[32];
};

struct ethtool_ops {
	void	(*get_drvinfo)(struct net_device *dev,
			       struct ethtool_drvinfo *info);
	int	(*get_sset_count)(struct net_device *dev, int sset);
	void	(*get_strings)(struct net_device *dev, u32 sset, u8 *data);
	void	(*get_ethtool_stats)(struct net_device *dev, void *stats,
				     u64 *data);
};

#endif
