// SPDX-License-Identifier: GPL-2.0
/*
 * The generic packet scheduler: the carrier switch and qdisc activation.
 * 6.1: net/sched/sch_generic.c. No qdisc ever queues here: every device is
 * IFF_NO_QUEUE (veth, lo) and transmits straight from __dev_queue_xmit();
 * dev->qdisc keeps only the root qdisc's name, for IFLA_QDISC.
 */
#include <string.h>
#include <linux/netdevice.h>
#include <net/sch_generic.h>

/* 6.1: same; linkwatch runs the event at once here (see link_watch.c). */
void netif_carrier_on(struct net_device *dev)
{
	if (dev->state & (1ul << __LINK_STATE_NOCARRIER)) {
		dev->state &= ~(1ul << __LINK_STATE_NOCARRIER);
		if (dev->reg_state == NETREG_UNINITIALIZED)
			return;
		dev->carrier_up_count++;
		linkwatch_fire_event(dev);
	}
}

/* 6.1: same; linkwatch runs the event at once here. */
void netif_carrier_off(struct net_device *dev)
{
	if (!(dev->state & (1ul << __LINK_STATE_NOCARRIER))) {
		dev->state |= 1ul << __LINK_STATE_NOCARRIER;
		if (dev->reg_state == NETREG_UNINITIALIZED)
			return;
		dev->carrier_down_count++;
		linkwatch_fire_event(dev);
	}
}

/*
 * 6.1: attach_default_qdiscs() on first open: noqueue for an IFF_NO_QUEUE
 * device, else the default (pfifo_fast), of which only the name is kept;
 * the root is put in use only if the carrier is on, otherwise transmit
 * keeps going to noop_qdisc until linkwatch sees the carrier.
 */
void dev_activate(struct net_device *dev)
{
	if (!dev->qdisc || !strcmp(dev->qdisc, "noop"))
		dev->qdisc = dev->priv_flags & IFF_NO_QUEUE ? "noqueue" :
							      "pfifo_fast";
	if (!netif_carrier_ok(dev))
		return;		/* "Delay activation until next carrier-on" */
	dev->qdisc_active = true;
}

/*
 * 6.1: transmit goes to noop_qdisc; `ip link` still shows the root qdisc
 * (noqueue). No waiting for running qdiscs: one thread runs everything here.
 */
void dev_deactivate(struct net_device *dev)
{
	dev->qdisc_active = false;
}
