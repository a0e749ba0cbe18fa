// SPDX-License-Identifier: GPL-2.0
/*
 * Link state: from carrier changes to the RFC 2863 operstate `ip link`
 * prints (UP, DOWN, LOWERLAYERDOWN; UNKNOWN for a device that never
 * reports carrier, such as lo).
 * 6.1: net/core/link_watch.c. There, events wait for a work item that
 * needs the RTNL lock: it runs after the request that caused them (urgent
 * events) or up to a second later. Here queued events run when the RTNL
 * lock is released (rtnl_unlock()), or at once when the caller does not
 * hold it. So, as in 6.1, veth_newlink()'s netif_carrier_off() is judged
 * after the two ends know each other.
 */
#include <linux/netdevice.h>
#include <net/rtnetlink.h>
#include <net/sch_generic.h>

static LIST_HEAD(lweventlist);

#define LW_PENDING	(1ul << __LINK_STATE_LINKWATCH_PENDING)

/*
 * 6.1: same: no carrier means DOWN, or LOWERLAYERDOWN when the device
 * sits on another one (its iflink is not itself: a veth and its peer,
 * unless both ends happen to have the same ifindex in their namespaces).
 */
static unsigned char default_operstate(const struct net_device *dev)
{
	if (!netif_carrier_ok(dev))
		return dev->ifindex != dev_get_iflink(dev) ?
			IF_OPER_LOWERLAYERDOWN : IF_OPER_DOWN;
	return IF_OPER_UP;
}

/* 6.1: same, minus the TESTING and DORMANT link modes. */
static void rfc2863_policy(struct net_device *dev)
{
	unsigned char operstate = default_operstate(dev);

	if (operstate == dev->operstate)
		return;
	dev->operstate = operstate;
}

/* 6.1: same: at registration, only a device without carrier gets a state. */
void linkwatch_init_dev(struct net_device *dev)
{
	if (!netif_carrier_ok(dev))
		rfc2863_policy(dev);
}

/*
 * 6.1: same: new operstate; if the device is up, transmit through its
 * qdisc with the carrier on, through noop_qdisc without, and
 * NETDEV_CHANGE.
 */
static void linkwatch_do_dev(struct net_device *dev)
{
	dev->state &= ~LW_PENDING;
	rfc2863_policy(dev);
	if (dev->flags & IFF_UP) {
		if (netif_carrier_ok(dev))
			dev_activate(dev);
		else
			dev_deactivate(dev);
		netdev_state_change(dev);
	}
}

/* 6.1: __linkwatch_run_queue(): handle every queued device, in order. */
void linkwatch_run_queue(void)
{
	while (!list_empty(&lweventlist)) {
		struct net_device *dev = list_first_entry(&lweventlist,
							  struct net_device,
							  link_watch_list);

		list_del_init(&dev->link_watch_list);
		if (!netif_device_present(dev)) {
			dev->state &= ~LW_PENDING;
			continue;
		}
		linkwatch_do_dev(dev);
	}
}

/* 6.1: same: a device going away is handled now, not later. */
void linkwatch_forget_dev(struct net_device *dev)
{
	if (!(dev->state & LW_PENDING))
		return;
	list_del_init(&dev->link_watch_list);
	linkwatch_do_dev(dev);
}

/* 6.1: same queueing; the work is run at rtnl_unlock() (see above). */
void linkwatch_fire_event(struct net_device *dev)
{
	if (!(dev->state & LW_PENDING)) {
		dev->state |= LW_PENDING;
		list_add_tail(&dev->link_watch_list, &lweventlist);
	}
	if (!rtnl_is_locked())
		linkwatch_run_queue();
}
