/* SPDX-License-Identifier: GPL-2.0 */
/* Between the FIB files. 6.1: net/ipv4/fib_lookup.h. */
#ifndef _SIM_NET_IPV4_FIB_LOOKUP_H
#define _SIM_NET_IPV4_FIB_LOOKUP_H

#include <net/ip_fib.h>

int fib_type_error(unsigned int type);
int fib_type_scope(unsigned int type);
int fib_table_insert_info(struct fib_table *tb, struct fib_info *new,
			  u32 nlflags);
int fib_table_dump(struct fib_table *tb,
		   int (*fn)(const struct fib_info *fi, void *arg), void *arg);
struct fib_info *fib_create_info(struct fib_config *cfg,
				 struct netlink_ext_ack *extack, int *err);
bool fib_info_nh_uses_dev(const struct fib_info *fi,
			  const struct net_device *dev);

#endif
