// SPDX-License-Identifier: GPL-2.0
/*
 * The SIOCGIF* ioctls libpcap sends on a device named by `tcpdump -i`.
 * 6.1: net/core/dev_ioctl.c; only SIOCGIFFLAGS and SIOCGIFINDEX.
 */
#include <string.h>
#include <linux/netdevice.h>

/* 6.1: same for the two commands: the flags userspace sees, the index. */
static int dev_ifsioc_locked(struct net *net, struct sim_ifreq *ifr,
			     unsigned int cmd)
{
	struct net_device *dev = __dev_get_by_name(net, ifr->ifr_name);

	if (!dev)
		return -ENODEV;
	switch (cmd) {
	case SIOCGIFFLAGS:
		ifr->ifr_flags = (short)dev_get_flags(dev);
		return 0;
	case SIOCGIFINDEX:
		ifr->ifr_ifindex = dev->ifindex;
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * 6.1: dev_ioctl(): the name must be a valid device name (-EINVAL is
 * what a bad one gets there too); unknown commands are -ENOTTY.
 */
int dev_ioctl(struct net *net, unsigned int cmd, struct sim_ifreq *ifr)
{
	ifr->ifr_name[IFNAMSIZ - 1] = '\0';
	switch (cmd) {
	case SIOCGIFFLAGS:
	case SIOCGIFINDEX:
		return dev_ifsioc_locked(net, ifr, cmd);
	default:
		return -ENOTTY;
	}
}
