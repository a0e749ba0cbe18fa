// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool -S / -i on a simulated device, through the SIOCETHTOOL ioctl
 * (dev_ethtool(), net/ethtool/ioctl.c), as ethtool 6.1 does.
 * ethtool 6.1: ethtool.c (do_gstats, get_stringset, do_gdrv, dump_drvinfo);
 * the odd exit statuses are ethtool's own (the line number of the check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ethtool.h>
#include "vethsim/vethsim.h"

/* perror(): "MSG: strerror(errno)" */
static void eperror(const char *msg, int err)
{
	vs_eprintf("%s: %s\n", msg, strerror(-err));
}

/* ethtool.c get_stringset(): count with GSSET_INFO, then GSTRINGS. */
static struct ethtool_gstrings *get_stringset(const char *devname, u32 set_id,
					      int *err)
{
	struct ethtool_sset_info *sset_info;
	struct ethtool_gstrings *strings;
	u32 len;

	/* one u32 of data[] for the one set asked about */
	sset_info = calloc(1, sizeof(*sset_info) + sizeof(u32));
	if (!sset_info)
		abort();
	sset_info->cmd = ETHTOOL_GSSET_INFO;
	sset_info->sset_mask = 1ULL << set_id;
	*err = dev_ethtool(vs_net(), devname, sset_info);
	len = sset_info->sset_mask ? sset_info->data[0] : 0;
	free(sset_info);
	if (*err)
		return NULL;
	strings = calloc(1, sizeof(*strings) + (size_t)len * ETH_GSTRING_LEN);
	if (!strings)
		abort();
	strings->cmd = ETHTOOL_GSTRINGS;
	strings->string_set = set_id;
	strings->len = len;
	if (len) {
		*err = dev_ethtool(vs_net(), devname, strings);
		if (*err) {
			free(strings);
			return NULL;
		}
	}
	return strings;
}

static int do_gstats(const char *devname)
{
	struct ethtool_gstrings *strings;
	struct ethtool_stats *stats;
	u32 n_stats, i;
	int err;

	strings = get_stringset(devname, ETH_SS_STATS, &err);
	if (!strings) {
		eperror("Cannot get stats strings information", err);
		return 96;
	}
	n_stats = strings->len;
	if (n_stats < 1) {
		vs_eprintf("no stats available\n");
		free(strings);
		return 94;
	}
	stats = calloc(1, sizeof(*stats) + n_stats * sizeof(u64));
	if (!stats)
		abort();
	stats->cmd = ETHTOOL_GSTATS;
	stats->n_stats = n_stats;
	err = dev_ethtool(vs_net(), devname, stats);
	if (err) {
		eperror("Cannot get stats information", err);
		free(strings);
		free(stats);
		return 97;
	}
	vs_printf("NIC statistics:\n");
	for (i = 0; i < n_stats; i++)
		vs_printf("     %.*s: %llu\n", ETH_GSTRING_LEN,
			  (const char *)&strings->data[i * ETH_GSTRING_LEN],
			  (unsigned long long)stats->data[i]);
	free(strings);
	free(stats);
	return 0;
}

static int do_gdrv(const char *devname)
{
	struct ethtool_drvinfo info;
	int err;

	memset(&info, 0, sizeof(info));
	info.cmd = ETHTOOL_GDRVINFO;
	err = dev_ethtool(vs_net(), devname, &info);
	if (err) {
		eperror("Cannot get driver information", err);
		return 71;
	}
	vs_printf("driver: %.32s\n", info.driver);
	vs_printf("version: %.32s\n", info.version);
	vs_printf("firmware-version: %.32s\n", info.fw_version);
	vs_printf("expansion-rom-version: %.32s\n", info.erom_version);
	vs_printf("bus-info: %.32s\n", info.bus_info);
	vs_printf("supports-statistics: %s\n", info.n_stats ? "yes" : "no");
	vs_printf("supports-test: %s\n", info.testinfo_len ? "yes" : "no");
	vs_printf("supports-eeprom-access: %s\n", info.eedump_len ? "yes" : "no");
	vs_printf("supports-register-dump: %s\n", info.regdump_len ? "yes" : "no");
	vs_printf("supports-priv-flags: %s\n", info.n_priv_flags ? "yes" : "no");
	return 0;
}

int do_ethtool(int argc, char **argv)
{
	if (argc == 3 && (!strcmp(argv[1], "-S") || !strcmp(argv[1], "--statistics")))
		return do_gstats(argv[2]);
	if (argc == 3 && (!strcmp(argv[1], "-i") || !strcmp(argv[1], "--driver")))
		return do_gdrv(argv[2]);
	if (argc == 2 && argv[1][0] != '-') {
		vs_eprintf("vethsim: ethtool: only -S DEV and -i DEV are simulated\n");
		return 1;
	}
	vs_eprintf("ethtool: bad command line argument(s)\n"
		   "For more information run ethtool -h\n");
	return 1;
}
