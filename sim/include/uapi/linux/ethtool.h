/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The SIOCETHTOOL commands `ethtool -i`, `-S`, `-l` and `ethtool DEV` send
 * (ethtool 6.1 asks over genetlink for the last two; the answers are these
 * same fields).
 * 6.1: include/uapi/linux/ethtool.h; only those commands and their structs.
 */
#ifndef _SIM_UAPI_LINUX_ETHTOOL_H
#define _SIM_UAPI_LINUX_ETHTOOL_H

#include <linux/types.h>

#define ETHTOOL_GDRVINFO	0x00000003
#define ETHTOOL_GLINK		0x0000000a
#define ETHTOOL_GCHANNELS	0x0000003c
#define ETHTOOL_GLINKSETTINGS	0x0000004c
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

/* ETHTOOL_GLINK: data is the link state */
struct ethtool_value {
	u32	cmd;
	u32	data;
};

/* ETHTOOL_GCHANNELS: 0 means the device has no channels of that kind */
struct ethtool_channels {
	u32	cmd;
	u32	max_rx;
	u32	max_tx;
	u32	max_other;
	u32	max_combined;
	u32	rx_count;
	u32	tx_count;
	u32	other_count;
	u32	combined_count;
};

#define SPEED_10000		10000
#define SPEED_UNKNOWN		-1
#define DUPLEX_HALF		0x00
#define DUPLEX_FULL		0x01
#define DUPLEX_UNKNOWN		0xff
#define PORT_TP			0x00
#define XCVR_INTERNAL		0x00
#define AUTONEG_DISABLE		0x00
#define AUTONEG_ENABLE		0x01
#define ETH_TP_MDI_INVALID	0x00

/* ETHTOOL_GLINKSETTINGS, without the link mode bitmaps (none for veth) */
struct ethtool_link_settings {
	u32	cmd;
	u32	speed;
	u8	duplex;
	u8	port;
	u8	phy_address;
	u8	autoneg;
	u8	mdio_support;
	u8	eth_tp_mdix;
	u8	eth_tp_mdix_ctrl;
	s8	link_mode_masks_nwords;
	u8	transceiver;
};

/* ETHTOOL_GSTATS */
struct ethtool_stats {
	u32	cmd;
	u32	n_stats;
	u64	data[];
};

#endif
