/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RCU, reduced to what a single-threaded simulator needs.
 * 6.1: real RCU defers frees until readers are done; the simulator runs one
 * thread, so a read-side section is empty and a pointer store is a store.
 * The calls are kept so the code reads like drivers/net/veth.c.
 */
#ifndef _SIM_LINUX_RCUPDATE_H
#define _SIM_LINUX_RCUPDATE_H

#define __rcu
#define rcu_read_lock()			do { } while (0)
#define rcu_read_unlock()		do { } while (0)
#define rcu_dereference(p)		(p)
#define rtnl_dereference(p)		(p)
#define rcu_access_pointer(p)		(p)
#define rcu_assign_pointer(p, v)	((p) = (v))
#define RCU_INIT_POINTER(p, v)		((p) = (v))
#define synchronize_net()		do { } while (0)

#endif
