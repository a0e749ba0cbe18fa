// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool -S / -i on a simulated device, through its ethtool_ops.
 * ethtool 6.1: ethtool.c (do_gstats, do_gdrv, dump_drvinfo); the odd exit
 * statuses are ethtool's own (the line number of the failing check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include "vethsim/vethsim.h"

static int do_gstats(struct net_device *dev, const char *devname)
{
	const struct ethtool_ops *ops = dev ? dev->ethtool_ops : NULL;
	u8 *strings;
	u64 *data;
	int n, i;

	if (!dev) {
		vs_eprintf("Cannot get stats strings information: No such device\n");
		return 96;
	}
	(void)devname;
	if (!ops || !ops->get_sset_count || !ops->get_strings ||
	    !ops->get_ethtool_stats || (n = ops->get_sset_count(dev, ETH_SS_STATS)) <= 0) {
		vs_eprintf("no stats available\n");
		return 94;
	}
	strings = calloc((size_t)n, ETH_GSTRING_LEN);
	data = calloc((size_t)n, sizeof(u64));
	if (!strings || !data)
		abort();
	ops->get_strings(dev, ETH_SS_STATS, strings);
	ops->get_ethtool_stats(dev, NULL, data);
	vs_printf("NIC statistics:\n");
	for (i = 0; i < n; i++)
		vs_printf("     %.*s: %llu\n", ETH_GSTRING_LEN,
			  (const char *)strings + (size_t)i * ETH_GSTRING_LEN,
			  (unsigned long long)data[i]);
	free(strings);
	free(data);
	return 0;
}

static int do_gdrv(struct net_device *dev)
{
	const struct ethtool_ops *ops = dev ? dev->ethtool_ops : NULL;
	struct ethtool_drvinfo info;

	if (!dev) {
		vs_eprintf("Cannot get driver information: No such device\n");
		return 71;
	}
	if (!ops || !ops->get_drvinfo) {
		vs_eprintf("Cannot get driver information: Operation not supported\n");
		return 71;
	}
	memset(&info, 0, sizeof(info));
	ops->get_drvinfo(dev, &info);
	vs_printf("driver: %.32s\n", info.driver);
	vs_printf("version: %.32s\n", info.version);
	vs_printf("firmware-version: %.32s\n", info.fw_version);
	vs_printf("expansion-rom-version: \n");
	vs_printf("bus-info: %.32s\n", info.bus_info);
	vs_printf("supports-statistics: %s\n",
		  ops->get_ethtool_stats ? "yes" : "no");
	vs_printf("supports-test: no\n");
	vs_printf("supports-eeprom-access: no\n");
	vs_printf("supports-register-dump: no\n");
	vs_printf("supports-priv-flags: no\n");
	return 0;
}

int do_ethtool(int argc, char **argv)
{
	struct net_device *dev;

	if (argc == 3 && (!strcmp(argv[1], "-S") || !strcmp(argv[1], "--statistics"))) {
		dev = __dev_get_by_name(vs_net(), argv[2]);
		return do_gstats(dev, argv[2]);
	}
	if (argc == 3 && (!strcmp(argv[1], "-i") || !strcmp(argv[1], "--driver"))) {
		dev = __dev_get_by_name(vs_net(), argv[2]);
		return do_gdrv(dev);
	}
	if (argc == 2 && argv[1][0] != '-') {
		vs_eprintf("vethsim: ethtool: only -S DEV and -i DEV are simulated\n");
		return 1;
	}
	vs_eprintf("ethtool: bad command line argument(s)\n"
		   "For more information run ethtool -h\n");
	return 1;
}
