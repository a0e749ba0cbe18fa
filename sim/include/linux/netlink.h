/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Extended ACK: the human-readable reason an rtnetlink request failed.
 * 6.1: include/linux/netlink.h. iproute2 prints it as "Error: <msg>."; when
 * a request fails with no message, it prints "RTNETLINK answers: <strerror>".
 */
#ifndef _SIM_LINUX_NETLINK_H
#define _SIM_LINUX_NETLINK_H

struct netlink_ext_ack {
	const char *_msg;
};

#define NL_SET_ERR_MSG(extack, msg) do {		\
	struct netlink_ext_ack *__extack = (extack);	\
	if (__extack)					\
		__extack->_msg = (msg);			\
} while (0)

#define NL_SET_ERR_MSG_MOD(extack, msg) NL_SET_ERR_MSG(extack, msg)

#endif
