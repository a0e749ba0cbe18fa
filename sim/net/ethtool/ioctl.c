// SPDX-License-Identifier: GPL-2.0
/*
 * The SIOCETHTOOL ioctl: how `ethtool -i` and `ethtool -S` reach a driver's
 * ethtool_ops.
 * 6.1: net/ethtool/ioctl.c; only ETHTOOL_GDRVINFO, GSSET_INFO, GSTRINGS,
 * GSTATS, GLINK, GCHANNELS and GLINKSETTINGS (without link mode bitmaps). The user buffer is shared memory here (no copy_to_user), sized
 * by the caller from the counts it asked for first, as ethtool does.
 */
#include <stdio.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include <net/rtnetlink.h>

#define ETH_SS_TEST		0
#define ETH_SS_PRIV_FLAGS	2

/*
 * 6.1: same, less the bus-device case (no dev.parent here); the
 * version a driver does not set is "vethsim", not UTS_RELEASE.
 */
static int ethtool_get_drvinfo(struct net_device *dev,
			       struct ethtool_drvinfo *info)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	int rc;

	memset(info, 0, sizeof(*info));
	info->cmd = ETHTOOL_GDRVINFO;
	snprintf(info->version, sizeof(info->version), "%s", "vethsim");
	if (ops && ops->get_drvinfo)
		ops->get_drvinfo(dev, info);
	else if (dev->rtnl_link_ops)
		snprintf(info->driver, sizeof(info->driver), "%s",
			 dev->rtnl_link_ops->kind);
	else
		return -EOPNOTSUPP;
	if (ops && ops->get_sset_count) {
		rc = ops->get_sset_count(dev, ETH_SS_TEST);
		if (rc >= 0)
			info->testinfo_len = (u32)rc;
		rc = ops->get_sset_count(dev, ETH_SS_STATS);
		if (rc >= 0)
			info->n_stats = (u32)rc;
		rc = ops->get_sset_count(dev, ETH_SS_PRIV_FLAGS);
		if (rc >= 0)
			info->n_priv_flags = (u32)rc;
	}
	return 0;
}

/* 6.1: __ethtool_get_sset_count() without the core string sets (features, ...). */
static int __ethtool_get_sset_count(struct net_device *dev, int sset)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;

	if (ops && ops->get_sset_count && ops->get_strings)
		return ops->get_sset_count(dev, sset);
	return -EOPNOTSUPP;
}

/* 6.1: same: a set the driver cannot count is cleared from sset_mask. */
static int ethtool_get_sset_info(struct net_device *dev,
				 struct ethtool_sset_info *info)
{
	u64 mask = info->sset_mask;
	unsigned int i, n = 0;
	int rc;

	info->sset_mask = 0;
	for (i = 0; i < 64; i++) {
		if (!(mask & (1ULL << i)))
			continue;
		rc = __ethtool_get_sset_count(dev, (int)i);
		if (rc >= 0) {
			info->sset_mask |= 1ULL << i;
			info->data[n++] = (u32)rc;
		}
	}
	return 0;
}

/* 6.1: same: len is set to the driver's count, then the strings follow. */
static int ethtool_get_strings(struct net_device *dev,
			       struct ethtool_gstrings *gstrings)
{
	int ret = __ethtool_get_sset_count(dev, (int)gstrings->string_set);

	if (ret < 0)
		return ret;
	gstrings->len = (u32)ret;
	if (ret)
		dev->ethtool_ops->get_strings(dev, gstrings->string_set,
					      gstrings->data);
	return 0;
}

/* 6.1: same. */
static int ethtool_get_stats(struct net_device *dev,
			     struct ethtool_stats *stats)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	int n_stats;

	if (!ops || !ops->get_ethtool_stats || !ops->get_sset_count)
		return -EOPNOTSUPP;
	n_stats = ops->get_sset_count(dev, ETH_SS_STATS);
	if (n_stats < 0)
		return n_stats;
	stats->n_stats = (u32)n_stats;
	if (n_stats)
		ops->get_ethtool_stats(dev, stats, stats->data);
	return 0;
}

/* 6.1: same. */
u32 ethtool_op_get_link(struct net_device *dev)
{
	return netif_carrier_ok(dev) ? 1 : 0;
}

/* 6.1: __ethtool_get_link() in net/ethtool/common.c: same. */
static int __ethtool_get_link(struct net_device *dev)
{
	if (!dev->ethtool_ops || !dev->ethtool_ops->get_link)
		return -EOPNOTSUPP;
	return netif_running(dev) && dev->ethtool_ops->get_link(dev);
}

/* 6.1: same. */
static int ethtool_get_link(struct net_device *dev, struct ethtool_value *edata)
{
	int link = __ethtool_get_link(dev);

	if (link < 0)
		return link;
	edata->cmd = ETHTOOL_GLINK;
	edata->data = (u32)link;
	return 0;
}

/* 6.1: same. */
static int ethtool_get_channels(struct net_device *dev,
				struct ethtool_channels *channels)
{
	if (!dev->ethtool_ops || !dev->ethtool_ops->get_channels)
		return -EOPNOTSUPP;
	memset(channels, 0, sizeof(*channels));
	channels->cmd = ETHTOOL_GCHANNELS;
	dev->ethtool_ops->get_channels(dev, channels);
	return 0;
}

/* 6.1: same, less the link mode bitmaps. */
int __ethtool_get_link_ksettings(struct net_device *dev,
				 struct ethtool_link_ksettings *link_ksettings)
{
	if (!dev->ethtool_ops || !dev->ethtool_ops->get_link_ksettings)
		return -EOPNOTSUPP;
	memset(link_ksettings, 0, sizeof(*link_ksettings));
	return dev->ethtool_ops->get_link_ksettings(dev, link_ksettings);
}

/*
 * 6.1: same answer, without the handshake over link_mode_masks_nwords
 * (there are no bitmaps to size).
 */
static int ethtool_get_link_ksettings(struct net_device *dev,
				      struct ethtool_link_settings *base)
{
	struct ethtool_link_ksettings link_ksettings;
	int err;

	err = __ethtool_get_link_ksettings(dev, &link_ksettings);
	if (err < 0)
		return err;
	*base = link_ksettings.base;
	base->cmd = ETHTOOL_GLINKSETTINGS;
	return 0;
}

/*
 * 6.1: dev_ethtool() and __dev_ethtool(): find the device by name, then
 * the command; no capability checks (vethsim's user is root) and no
 * RTNL (taking it here would run linkwatch at the unlock).
 */
int dev_ethtool(struct net *net, const char *ifname, void *useraddr)
{
	struct net_device *dev;
	u32 ethcmd;
	int rc;

	dev = __dev_get_by_name(net, ifname);
	if (!dev)
		return -ENODEV;
	memcpy(&ethcmd, useraddr, sizeof(ethcmd));
	switch (ethcmd) {
	case ETHTOOL_GDRVINFO:
		rc = ethtool_get_drvinfo(dev, useraddr);
		break;
	case ETHTOOL_GSSET_INFO:
		rc = ethtool_get_sset_info(dev, useraddr);
		break;
	case ETHTOOL_GSTRINGS:
		rc = ethtool_get_strings(dev, useraddr);
		break;
	case ETHTOOL_GSTATS:
		rc = ethtool_get_stats(dev, useraddr);
		break;
	case ETHTOOL_GLINK:
		rc = ethtool_get_link(dev, useraddr);
		break;
	case ETHTOOL_GCHANNELS:
		rc = ethtool_get_channels(dev, useraddr);
		break;
	case ETHTOOL_GLINKSETTINGS:
		rc = ethtool_get_link_ksettings(dev, useraddr);
		break;
	default:
		rc = -EOPNOTSUPP;
	}
	return rc;
}
