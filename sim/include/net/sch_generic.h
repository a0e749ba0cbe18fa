/* SPDX-License-Identifier: GPL-2.0 */
/* Qdisc activation. 6.1: include/net/sch_generic.h; only dev_(de)activate(). */
#ifndef _SIM_NET_SCH_GENERIC_H
#define _SIM_NET_SCH_GENERIC_H

struct net_device;

/* net/sched/sch_generic.c: attach the default root qdisc on first open */
void dev_activate(struct net_device *dev);
/* ... and send transmit to noop_qdisc (down, or no carrier) */
void dev_deactivate(struct net_device *dev);

#endif
