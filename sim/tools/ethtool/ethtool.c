// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool DEV / -S / -i / -l on a simulated device, through the SIOCETHTOOL ioctl
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

/*
 * ethtool 6.1 asks these over genetlink (netlink/settings.c, channels.c);
 * its messages for a missing device or an operation the driver lacks are
 * the netlink ones below, whichever way the kernel was asked.
 */
static void nl_error(int err)
{
	if (err == -ENODEV)
		vs_eprintf("netlink error: no device matches name (offset 24)\n");
	vs_eprintf("netlink error: %s\n", strerror(-err));
}

static void print_channel(const char *name, u32 val)
{
	if (val)
		vs_printf("%s%u\n", name, val);
	else
		vs_printf("%sn/a\n", name);
}

/* ethtool -l DEV: netlink/channels.c channels_reply_cb(). */
static int do_gchannels(const char *devname)
{
	struct ethtool_channels ch;
	int err;

	memset(&ch, 0, sizeof(ch));
	ch.cmd = ETHTOOL_GCHANNELS;
	err = dev_ethtool(vs_net(), devname, &ch);
	if (err) {
		nl_error(err);
		return 1;
	}
	vs_printf("Channel parameters for %s:\n", devname);
	vs_printf("Pre-set maximums:\n");
	print_channel("RX:\t\t", ch.max_rx);
	print_channel("TX:\t\t", ch.max_tx);
	print_channel("Other:\t\t", ch.max_other);
	print_channel("Combined:\t", ch.max_combined);
	vs_printf("Current hardware settings:\n");
	print_channel("RX:\t\t", ch.rx_count);
	print_channel("TX:\t\t", ch.tx_count);
	print_channel("Other:\t\t", ch.other_count);
	print_channel("Combined:\t", ch.combined_count);
	return 0;
}

/*
 * ethtool DEV: netlink/settings.c nl_gset(): link modes (here: none
 * reported), link info, link state; a part the driver lacks is left out.
 * A missing device fails each of its five requests (with DEBUG and WOL).
 */
static int do_gset(const char *devname)
{
	struct ethtool_link_settings ls;
	struct ethtool_value link;
	int err_ls, err_link, i;

	memset(&ls, 0, sizeof(ls));
	ls.cmd = ETHTOOL_GLINKSETTINGS;
	err_ls = dev_ethtool(vs_net(), devname, &ls);
	if (err_ls == -ENODEV) {
		for (i = 0; i < 5; i++)
			nl_error(err_ls);
		vs_eprintf("No data available\n");
		return 75;
	}
	memset(&link, 0, sizeof(link));
	link.cmd = ETHTOOL_GLINK;
	err_link = dev_ethtool(vs_net(), devname, &link);
	if (err_ls && err_link) {
		vs_eprintf("No data available\n");
		return 75;
	}
	vs_printf("Settings for %s:\n", devname);
	if (!err_ls) {
		vs_printf("\tSupported ports: [  ]\n"
			  "\tSupported link modes:   Not reported\n"
			  "\tSupported pause frame use: No\n"
			  "\tSupports auto-negotiation: No\n"
			  "\tSupported FEC modes: Not reported\n"
			  "\tAdvertised link modes:  Not reported\n"
			  "\tAdvertised pause frame use: No\n"
			  "\tAdvertised auto-negotiation: No\n"
			  "\tAdvertised FEC modes: Not reported\n");
		if (ls.speed == 0 || ls.speed == (u32)SPEED_UNKNOWN)
			vs_printf("\tSpeed: Unknown!\n");
		else
			vs_printf("\tSpeed: %uMb/s\n", ls.speed);
		if (ls.duplex == DUPLEX_FULL)
			vs_printf("\tDuplex: Full\n");
		else if (ls.duplex == DUPLEX_HALF)
			vs_printf("\tDuplex: Half\n");
		else
			vs_printf("\tDuplex: Unknown! (%i)\n", ls.duplex);
		vs_printf("\tAuto-negotiation: %s\n",
			  ls.autoneg == AUTONEG_DISABLE ? "off" : "on");
		vs_printf("\tPort: %s\n", ls.port == PORT_TP ? "Twisted Pair" :
			  "Other");
		vs_printf("\tPHYAD: %u\n", ls.phy_address);
		vs_printf("\tTransceiver: %s\n",
			  ls.transceiver == XCVR_INTERNAL ? "internal" :
			  "external");
		vs_printf("\tMDI-X: %s\n", ls.eth_tp_mdix == ETH_TP_MDI_INVALID ?
			  "Unknown" : "on");
	}
	if (!err_link)
		vs_printf("\tLink detected: %s\n", link.data ? "yes" : "no");
	return 0;
}

int do_ethtool(int argc, char **argv)
{
	if (argc == 3 && (!strcmp(argv[1], "-S") || !strcmp(argv[1], "--statistics")))
		return do_gstats(argv[2]);
	if (argc == 3 && (!strcmp(argv[1], "-i") || !strcmp(argv[1], "--driver")))
		return do_gdrv(argv[2]);
	if (argc == 3 && (!strcmp(argv[1], "-l") ||
			  !strcmp(argv[1], "--show-channels")))
		return do_gchannels(argv[2]);
	if (argc == 2 && argv[1][0] != '-')
		return do_gset(argv[1]);
	vs_eprintf("ethtool: bad command line argument(s)\n"
		   "For more information run ethtool -h\n");
	return 1;
}
