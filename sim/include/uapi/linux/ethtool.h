/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The SIOCETHTOOL commands `ethtool -i` and `ethtool -S` send.
 * 6.1: include/uapi/linux/ethtool.h; only those commands and their structs.
 */
#ifndef _SIM_UAPI_LINUX_ETHTOOL_H
#define _SIM_UAPI_LINUX_ETHTOOL_H

#include <linux/types.h>

#define ETHTOOL_GDRVINFO	0x00000003
#define ETHTOOL_GSTRINGS	0x0000001b
#define ETHTOOL_GSTATS		0x0000001d
#define ETHTOOL_GSSET_INFO	0x00000037

#define ETH_GSTRING_LEN		32
#define ETH_SS_STATS		1

struct ethtool_drvinfo {
	u32	cmd;
	char	driver[32];
	char	version[32];
	char	fw_version[32];
	char	bus_info[32];
	char	erom_version[32];
	char	reserved2[12];
	u32	n_priv_flags;
	u32	n_stats;
	u32	testinfo_len;
	u32	eedump_len;
	u32	regdump_len;
};

/* ETHTOOL_GSSET_INFO: one u32 in data[] per bit set in sset_mask */
struct ethtool_sset_info {
	u32	cmd;
	u32	reserved;
	u64	sset_mask;
	u32	data[];
};

/* ETHTOOL_GSTRINGS: len strings of ETH_GSTRING_LEN bytes */
struct ethtool_gstrings {
	u32	cmd;
	u32	string_set;
	u32	len;
	u8	data[];
};

/* ETHTOOL_GSTATS */
struct ethtool_stats {
	u32	cmd;
	u32	n_stats;
	u64	data[];
};

#endif
