/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* Link attributes. 6.1: include/uapi/linux/if_link.h; only IFLA_STATS64's struct. */
#ifndef _SIM_UAPI_LINUX_IF_LINK_H
#define _SIM_UAPI_LINUX_IF_LINK_H

#include <linux/types.h>

/* IFLA_STATS64; 6.1 has more fields after rx_nohandler */
struct rtnl_link_stats64 {
	u64 rx_packets, tx_packets, rx_bytes, tx_bytes;
	u64 rx_errors, tx_errors, rx_dropped, tx_dropped;
	u64 multicast, collisions;
	u64 rx_length_errors, rx_over_errors, rx_crc_errors;
	u64 rx_frame_errors, rx_fifo_errors, rx_missed_errors;
	u64 tx_aborted_errors, tx_carrier_errors, tx_fifo_errors;
	u64 tx_heartbeat_errors, tx_window_errors;
	u64 rx_compressed, tx_compressed, rx_nohandler;
};

#endif
