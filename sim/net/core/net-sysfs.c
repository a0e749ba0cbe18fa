// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/class/net: one directory per device of a namespace, one file per
 * attribute, each read through its show() function.
 * 6.1: net/core/net-sysfs.c. The show() functions take the net_device
 * itself (6.1: the struct device inside it, to_net_dev()); sysfs is a path
 * lookup here (net_sysfs_read(), net_sysfs_readdir()), not kernfs. As on a
 * real box where /sys was mounted in the namespace (`ip netns exec` does
 * that), the directory shows the devices of the reader's namespace only.
 * The files 6.1 lets root write (mtu, flags, tx_queue_len, netdev_group,
 * ifalias, carrier) have their store(); queues/ lists its rx-N and tx-N
 * directories only, power/ is empty.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ftrace.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

#define fmt_dec		"%d\n"
#define fmt_hex		"0x%x\n"	/* the kernel's "%#x" prints 0 as 0x0 */
#define fmt_ulong	"%lu\n"
#define fmt_u64		"%llu\n"

/* 6.1: same. */
static inline int dev_isalive(const struct net_device *dev)
{
	return dev->reg_state <= NETREG_REGISTERED;
}

/* 6.1: sysfs_emit() in fs/sysfs/file.c: at most PAGE_SIZE into buf. */
static long sysfs_emit(char *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static long sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, PAGE_SIZE, fmt, ap);
	va_end(ap);
	return len < 0 ? 0 : len >= PAGE_SIZE ? PAGE_SIZE - 1 : len;
}

/* 6.1: sysfs_format_mac() in net/ethernet/eth.c: "%*phC\n". */
static long sysfs_format_mac(char *buf, const unsigned char *addr, int len)
{
	long n = 0;
	int i;

	for (i = 0; i < len; i++)
		n += sysfs_emit(buf + n, i ? ":%02x" : "%02x", addr[i]);
	return n + sysfs_emit(buf + n, "\n");
}

/* 6.1: same: the dev_isalive() check around a format function. */
static long netdev_show(struct net_device *ndev, char *buf,
			   long (*format)(const struct net_device *, char *))
{
	long ret = -EINVAL;

	if (dev_isalive(ndev))
		ret = (*format)(ndev, buf);
	return ret;
}

/*
 * A format_FIELD() and a FIELD_show() per field.
 * 6.1: same, with the field's type given (sysfs_emit() checks formats).
 */
#define NETDEVICE_SHOW(field, format_string, type)			\
static long format_##field(const struct net_device *dev, char *buf)	\
{									\
	return sysfs_emit(buf, format_string, (type)dev->field);	\
}									\
static long field##_show(struct net_device *dev, char *buf)		\
{									\
	return netdev_show(dev, buf, format_##field);			\
}

NETDEVICE_SHOW(addr_assign_type, fmt_dec, int)
NETDEVICE_SHOW(addr_len, fmt_dec, int)
NETDEVICE_SHOW(ifindex, fmt_dec, int)
NETDEVICE_SHOW(type, fmt_dec, int)
NETDEVICE_SHOW(link_mode, fmt_dec, int)
NETDEVICE_SHOW(mtu, fmt_dec, int)
NETDEVICE_SHOW(flags, fmt_hex, unsigned int)
NETDEVICE_SHOW(tx_queue_len, fmt_dec, int)

/*
 * dev_id, dev_port, gro_flush_timeout, napi_defer_hard_irqs: fields of
 * 6.1's net_device that no device here sets; they read as their zero.
 */
static long dev_id_show(struct net_device *dev, char *buf)
{
	return dev_isalive(dev) ? sysfs_emit(buf, fmt_hex, 0u) : -EINVAL;
}

static long dev_port_show(struct net_device *dev, char *buf)
{
	return dev_isalive(dev) ? sysfs_emit(buf, fmt_dec, 0) : -EINVAL;
}

static long gro_flush_timeout_show(struct net_device *dev, char *buf)
{
	return dev_isalive(dev) ? sysfs_emit(buf, fmt_ulong, 0ul) : -EINVAL;
}

static long napi_defer_hard_irqs_show(struct net_device *dev, char *buf)
{
	return dev_isalive(dev) ? sysfs_emit(buf, fmt_dec, 0) : -EINVAL;
}

/* 6.1: same. */
static long iflink_show(struct net_device *ndev, char *buf)
{
	return sysfs_emit(buf, fmt_dec, dev_get_iflink(ndev));
}

/* 6.1: same. */
static long format_name_assign_type(const struct net_device *dev, char *buf)
{
	return sysfs_emit(buf, fmt_dec, dev->name_assign_type);
}

/* 6.1: same: NET_NAME_UNKNOWN reads as EINVAL. */
static long name_assign_type_show(struct net_device *ndev, char *buf)
{
	long ret = -EINVAL;

	if (ndev->name_assign_type != NET_NAME_UNKNOWN)
		ret = netdev_show(ndev, buf, format_name_assign_type);
	return ret;
}

/* 6.1: same. */
static long address_show(struct net_device *ndev, char *buf)
{
	long ret = -EINVAL;

	if (dev_isalive(ndev))
		ret = sysfs_format_mac(buf, ndev->dev_addr, ndev->addr_len);
	return ret;
}

/* 6.1: same. */
static long broadcast_show(struct net_device *ndev, char *buf)
{
	if (dev_isalive(ndev))
		return sysfs_format_mac(buf, ndev->broadcast, ndev->addr_len);
	return -EINVAL;
}

/* 6.1: same: a device that is down has no carrier to tell (EINVAL). */
static long carrier_show(struct net_device *netdev, char *buf)
{
	if (netif_running(netdev))
		return sysfs_emit(buf, fmt_dec, !!netif_carrier_ok(netdev));
	return -EINVAL;
}

/*
 * 6.1: same: EINVAL without get_link_ksettings (lo) or while down; a veth
 * says 10000.
 */
static long speed_show(struct net_device *netdev, char *buf)
{
	int ret = -EINVAL;

	if (!netdev->ethtool_ops || !netdev->ethtool_ops->get_link_ksettings)
		return ret;
	if (netif_running(netdev)) {
		struct ethtool_link_ksettings cmd;

		if (!__ethtool_get_link_ksettings(netdev, &cmd))
			ret = (int)sysfs_emit(buf, fmt_dec, (int)cmd.base.speed);
	}
	return ret;
}

/* 6.1: same, with the same conditions as speed_show(). */
static long duplex_show(struct net_device *netdev, char *buf)
{
	int ret = -EINVAL;

	if (!netdev->ethtool_ops || !netdev->ethtool_ops->get_link_ksettings)
		return ret;
	if (netif_running(netdev)) {
		struct ethtool_link_ksettings cmd;

		if (!__ethtool_get_link_ksettings(netdev, &cmd)) {
			const char *duplex;

			switch (cmd.base.duplex) {
			case DUPLEX_HALF:
				duplex = "half";
				break;
			case DUPLEX_FULL:
				duplex = "full";
				break;
			default:
				duplex = "unknown";
				break;
			}
			ret = (int)sysfs_emit(buf, "%s\n", duplex);
		}
	}
	return ret;
}

/* 6.1: same; no device here is ever testing or dormant. */
static long testing_show(struct net_device *netdev, char *buf)
{
	if (netif_running(netdev))
		return sysfs_emit(buf, fmt_dec, 0);
	return -EINVAL;
}

/* 6.1: same; no device here is ever testing or dormant. */
static long dormant_show(struct net_device *netdev, char *buf)
{
	if (netif_running(netdev))
		return sysfs_emit(buf, fmt_dec, 0);
	return -EINVAL;
}

static const char *const operstates[] = {
	"unknown",
	"notpresent", /* currently unused */
	"down",
	"lowerlayerdown",
	"testing",
	"dormant",
	"up"
};

/* 6.1: same: a device that is down reads "down" whatever linkwatch set. */
static long operstate_show(struct net_device *netdev, char *buf)
{
	unsigned char operstate = netdev->operstate;

	if (!netif_running(netdev))
		operstate = IF_OPER_DOWN;
	if (operstate >= ARRAY_SIZE(operstates))
		return -EINVAL; /* should not happen */
	return sysfs_emit(buf, "%s\n", operstates[operstate]);
}

/* 6.1: same. */
static long carrier_changes_show(struct net_device *netdev, char *buf)
{
	return sysfs_emit(buf, fmt_dec, (int)(netdev->carrier_up_count +
					     netdev->carrier_down_count));
}

/* 6.1: same. */
static long carrier_up_count_show(struct net_device *netdev, char *buf)
{
	return sysfs_emit(buf, fmt_dec, (int)netdev->carrier_up_count);
}

/* 6.1: same. */
static long carrier_down_count_show(struct net_device *netdev, char *buf)
{
	return sysfs_emit(buf, fmt_dec, (int)netdev->carrier_down_count);
}

/* 6.1: same: an empty alias reads as nothing at all. */
static long ifalias_show(struct net_device *netdev, char *buf)
{
	char tmp[IFALIASZ];
	long ret;

	ret = dev_get_alias(netdev, tmp, sizeof(tmp));
	if (ret > 0)
		ret = sysfs_emit(buf, "%s\n", tmp);
	return ret;
}

/* 6.1: NETDEVICE_SHOW_RW(group, fmt_dec), shown as netdev_group. */
static long group_show(struct net_device *dev, char *buf)
{
	return sysfs_emit(buf, fmt_dec, dev->group);
}

/* 6.1: NETDEVICE_SHOW_RW(proto_down, fmt_dec); never set here. */
static long proto_down_show(struct net_device *dev, char *buf)
{
	return sysfs_emit(buf, fmt_dec, 0);
}

/* 6.1: same value for a device without threaded NAPI. */
static long threaded_show(struct net_device *netdev, char *buf)
{
	long ret = -EINVAL;

	if (dev_isalive(netdev))
		ret = sysfs_emit(buf, fmt_dec, 0);
	return ret;
}

/* 6.1: netdev_uevent(): what the uevent file reads. */
static long uevent_show(struct net_device *dev, char *buf)
{
	return sysfs_emit(buf, "INTERFACE=%s\nIFINDEX=%d\n", dev->name,
			  dev->ifindex);
}

/* 6.1: same: one u64 of dev_get_stats() at @offset. */
static long netstat_show(struct net_device *dev, char *buf,
			    unsigned long offset)
{
	long ret = -EINVAL;

	if (offset > sizeof(struct rtnl_link_stats64) ||
	    offset % sizeof(u64) != 0)
		return ret;
	if (dev_isalive(dev)) {
		struct rtnl_link_stats64 temp;

		dev_get_stats(dev, &temp);
		ret = sysfs_emit(buf, fmt_u64, (unsigned long long)
				 *(u64 *)(((u8 *)&temp) + offset));
	}
	return ret;
}

/*
 * What 6.1's kstrtoul(buf, 0, &new) accepts: one number in any base C
 * reads, one trailing newline allowed.
 */
static int sysfs_strtoul(const char *buf, size_t len, unsigned long *res)
{
	char tmp[32], *end;

	if (len && buf[len - 1] == '\n')
		len--;
	if (!len || len >= sizeof(tmp) || buf[0] == '-' || buf[0] == '+' ||
	    buf[0] == ' ')
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	errno = 0;
	*res = strtoul(tmp, &end, 0);
	if (*end)
		return -EINVAL;
	return errno ? -ERANGE : 0;
}

/* 6.1: same, less the capability check (vethsim's user is root). */
static long netdev_store(struct net_device *netdev, const char *buf,
			 size_t len, int (*set)(struct net_device *,
						unsigned long))
{
	unsigned long new;
	long ret;

	ret = sysfs_strtoul(buf, len, &new);
	if (ret)
		return ret;
	rtnl_lock();
	if (dev_isalive(netdev)) {
		ret = (*set)(netdev, new);
		if (ret == 0)
			ret = (long)len;
	}
	rtnl_unlock();
	return ret;
}

/* 6.1: same. */
static int change_mtu(struct net_device *dev, unsigned long new_mtu)
{
	return dev_set_mtu(dev, (int)new_mtu, NULL);
}

/*
 * 6.1: same; Debian's build inlines it, with netdev_store(), into
 * flags_store(), the parent ftrace shows for dev_change_flags().
 */
static int change_flags(struct net_device *dev, unsigned long new_flags)
{
	FTRACE_FRAME_AS("flags_store");

	return dev_change_flags(dev, (unsigned int)new_flags, NULL);
}

/* 6.1: change_group(): same. */
static int change_group(struct net_device *dev, unsigned long new_group)
{
	dev_set_group(dev, (int)new_group);
	return 0;
}

/* 6.1: same: no driver here has ndo_change_carrier (veth has not). */
static long carrier_store(struct net_device *netdev, const char *buf,
			  size_t len)
{
	(void)buf;
	(void)len;
	(void)netdev;
	return -EOPNOTSUPP;
}

/* 6.1: same: one trailing newline is not part of the alias. */
static long ifalias_store(struct net_device *netdev, const char *buf,
			  size_t len)
{
	size_t count = len;
	long ret = 0;

	if (len > 0 && buf[len - 1] == '\n')
		--count;
	rtnl_lock();
	if (dev_isalive(netdev)) {
		ret = dev_set_alias(netdev, buf, count);
		if (ret >= 0)
			ret = (long)len;
	}
	rtnl_unlock();
	return ret;
}

struct net_attr {
	const char	*name;
	long		(*show)(struct net_device *dev, char *buf);
	int		(*set)(struct net_device *dev, unsigned long val);
	long		(*store)(struct net_device *dev, const char *buf,
				 size_t len);
};

/* 6.1: net_class_attrs[] plus the directories, in readdir order (sorted). */
static const struct net_attr net_class_attrs[] = {
	{ "addr_assign_type",	addr_assign_type_show, NULL, NULL },
	{ "addr_len",		addr_len_show, NULL, NULL },
	{ "address",		address_show, NULL, NULL },
	{ "broadcast",		broadcast_show, NULL, NULL },
	{ "carrier",		carrier_show, NULL, carrier_store },
	{ "carrier_changes",	carrier_changes_show, NULL, NULL },
	{ "carrier_down_count",	carrier_down_count_show, NULL, NULL },
	{ "carrier_up_count",	carrier_up_count_show, NULL, NULL },
	{ "dev_id",		dev_id_show, NULL, NULL },
	{ "dev_port",		dev_port_show, NULL, NULL },
	{ "dormant",		dormant_show, NULL, NULL },
	{ "duplex",		duplex_show, NULL, NULL },
	{ "flags",		flags_show, change_flags, NULL },
	{ "gro_flush_timeout",	gro_flush_timeout_show, NULL, NULL },
	{ "ifalias",		ifalias_show, NULL, ifalias_store },
	{ "ifindex",		ifindex_show, NULL, NULL },
	{ "iflink",		iflink_show, NULL, NULL },
	{ "link_mode",		link_mode_show, NULL, NULL },
	{ "mtu",		mtu_show, change_mtu, NULL },
	{ "name_assign_type",	name_assign_type_show, NULL, NULL },
	{ "napi_defer_hard_irqs", napi_defer_hard_irqs_show, NULL, NULL },
	{ "netdev_group",	group_show, change_group, NULL },
	{ "operstate",		operstate_show, NULL, NULL },
	{ "power",		NULL, NULL, NULL },
	{ "proto_down",		proto_down_show, NULL, NULL },
	{ "queues",		NULL, NULL, NULL },
	{ "speed",		speed_show, NULL, NULL },
	{ "statistics",		NULL, NULL, NULL },
	{ "subsystem",		NULL, NULL, NULL },
	{ "testing",		testing_show, NULL, NULL },
	{ "threaded",		threaded_show, NULL, NULL },
	{ "tx_queue_len",	tx_queue_len_show, dev_change_tx_queue_len, NULL },
	{ "type",		type_show, NULL, NULL },
	{ "uevent",		uevent_show, NULL, NULL },
};

/* 6.1: makes name##_show(); here a table entry for netstat_show(). */
#define NETSTAT_ENTRY(name) { #name, offsetof(struct rtnl_link_stats64, name) }

/* 6.1: netstat_attrs[], in readdir order (sorted). */
static const struct {
	const char	*name;
	unsigned long	offset;
} netstat_attrs[] = {
	NETSTAT_ENTRY(collisions),
	NETSTAT_ENTRY(multicast),
	NETSTAT_ENTRY(rx_bytes),
	NETSTAT_ENTRY(rx_compressed),
	NETSTAT_ENTRY(rx_crc_errors),
	NETSTAT_ENTRY(rx_dropped),
	NETSTAT_ENTRY(rx_errors),
	NETSTAT_ENTRY(rx_fifo_errors),
	NETSTAT_ENTRY(rx_frame_errors),
	NETSTAT_ENTRY(rx_length_errors),
	NETSTAT_ENTRY(rx_missed_errors),
	NETSTAT_ENTRY(rx_nohandler),
	NETSTAT_ENTRY(rx_over_errors),
	NETSTAT_ENTRY(rx_packets),
	NETSTAT_ENTRY(tx_aborted_errors),
	NETSTAT_ENTRY(tx_bytes),
	NETSTAT_ENTRY(tx_carrier_errors),
	NETSTAT_ENTRY(tx_compressed),
	NETSTAT_ENTRY(tx_dropped),
	NETSTAT_ENTRY(tx_errors),
	NETSTAT_ENTRY(tx_fifo_errors),
	NETSTAT_ENTRY(tx_heartbeat_errors),
	NETSTAT_ENTRY(tx_packets),
	NETSTAT_ENTRY(tx_window_errors),
};

#define SYS_CLASS_NET	"/sys/class/net"

/*
 * Split "/sys/class/net/DEV[/A[/B]]" (extra slashes allowed, as the VFS
 * does) into its parts after the class directory. Returns the number of
 * parts (0 for the directory itself), -1 for another path.
 */
static int net_sysfs_split(const char *path, char parts[3][IFNAMSIZ * 2])
{
	const char *p = path;
	int n = 0;

	while (*p == '/')
		p++;
	if (strncmp(p, "sys/class/net", 13) || (p[13] && p[13] != '/'))
		return -1;
	p += 13;
	for (;;) {
		size_t len;

		while (*p == '/')
			p++;
		if (!*p)
			return n;
		len = strcspn(p, "/");
		if (n == 3 || len >= IFNAMSIZ * 2)
			return n == 3 ? 4 : -1;
		memcpy(parts[n], p, len);
		parts[n][len] = '\0';
		n++;
		p += len;
	}
}

/*
 * sim: read(2) of a file under /sys/class/net in @net: the show() text
 * into @buf (PAGE_SIZE bytes), its length, or -errno: -ENOENT for no such
 * file, -EISDIR for a directory, the show()'s error (-EINVAL) otherwise.
 */
long net_sysfs_read(struct net *net, const char *path, char *buf)
{
	char parts[3][IFNAMSIZ * 2];
	struct net_device *dev;
	int n = net_sysfs_split(path, parts);
	size_t i;

	if (n < 0)
		return -ENOENT;
	if (n == 0)
		return -EISDIR;
	dev = __dev_get_by_name(net, parts[0]);
	if (!dev)
		return -ENOENT;
	if (n == 1)
		return -EISDIR;
	if (n == 3 && !strcmp(parts[1], "statistics")) {
		for (i = 0; i < ARRAY_SIZE(netstat_attrs); i++)
			if (!strcmp(parts[2], netstat_attrs[i].name))
				return netstat_show(dev, buf,
						    netstat_attrs[i].offset);
		return -ENOENT;
	}
	if (n != 2)
		return -ENOENT;
	for (i = 0; i < ARRAY_SIZE(net_class_attrs); i++) {
		if (strcmp(parts[1], net_class_attrs[i].name))
			continue;
		if (!net_class_attrs[i].show)
			return -EISDIR;
		return net_class_attrs[i].show(dev, buf);
	}
	return -ENOENT;
}

/*
 * sim: readdir of a directory under /sys/class/net in @net: @fn once per
 * entry (devices in ifindex order, attributes sorted). Returns 0, -ENOENT,
 * or -ENOTDIR for a file.
 */
int net_sysfs_readdir(struct net *net, const char *path,
		      void (*fn)(const char *name, void *arg), void *arg)
{
	char parts[3][IFNAMSIZ * 2];
	struct net_device *dev;
	int n = net_sysfs_split(path, parts);
	size_t i;

	if (n < 0)
		return -ENOENT;
	if (n == 0) {
		for_each_netdev(net, dev)
			fn(dev->name, arg);
		return 0;
	}
	dev = __dev_get_by_name(net, parts[0]);
	if (!dev)
		return -ENOENT;
	if (n == 1) {
		for (i = 0; i < ARRAY_SIZE(net_class_attrs); i++)
			fn(net_class_attrs[i].name, arg);
		return 0;
	}
	if (n == 2 && !strcmp(parts[1], "statistics")) {
		for (i = 0; i < ARRAY_SIZE(netstat_attrs); i++)
			fn(netstat_attrs[i].name, arg);
		return 0;
	}
	if (n == 2 && !strcmp(parts[1], "queues")) {
		char q[16];

		/* 6.1: one kobject per queue in use (net_rx_queue_update_kobjects) */
		for (i = 0; i < dev->real_num_rx_queues; i++) {
			snprintf(q, sizeof(q), "rx-%zu", i);
			fn(q, arg);
		}
		for (i = 0; i < dev->real_num_tx_queues; i++) {
			snprintf(q, sizeof(q), "tx-%zu", i);
			fn(q, arg);
		}
		return 0;
	}
	if (n == 2 && (!strcmp(parts[1], "power") ||
		       !strcmp(parts[1], "subsystem")))
		return 0;	/* not simulated: empty */
	if (n == 2) {
		for (i = 0; i < ARRAY_SIZE(net_class_attrs); i++)
			if (!strcmp(parts[1], net_class_attrs[i].name))
				return -ENOTDIR;
	}
	if (n == 3 && !strcmp(parts[1], "statistics")) {
		for (i = 0; i < ARRAY_SIZE(netstat_attrs); i++)
			if (!strcmp(parts[2], netstat_attrs[i].name))
				return -ENOTDIR;
	}
	return -ENOENT;
}

/*
 * sim: write(2) of @len bytes to a file under /sys/class/net in @net (as
 * root): the store()'s result, -ENOENT for no such file, -EISDIR for a
 * directory, -EACCES for a file without store() (mode 0444).
 */
long net_sysfs_write(struct net *net, const char *path, const char *buf,
		     size_t len)
{
	char parts[3][IFNAMSIZ * 2];
	struct net_device *dev;
	int n = net_sysfs_split(path, parts);
	size_t i;

	if (n < 0)
		return -ENOENT;
	if (n == 0)
		return -EISDIR;
	dev = __dev_get_by_name(net, parts[0]);
	if (!dev)
		return -ENOENT;
	if (n == 1)
		return -EISDIR;
	if (n == 3 && !strcmp(parts[1], "statistics")) {
		for (i = 0; i < ARRAY_SIZE(netstat_attrs); i++)
			if (!strcmp(parts[2], netstat_attrs[i].name))
				return -EACCES;
		return -ENOENT;
	}
	if (n != 2)
		return -ENOENT;
	for (i = 0; i < ARRAY_SIZE(net_class_attrs); i++) {
		const struct net_attr *a = &net_class_attrs[i];

		if (strcmp(parts[1], a->name))
			continue;
		if (!a->show)
			return -EISDIR;
		if (a->store)
			return a->store(dev, buf, len);
		if (a->set)
			return netdev_store(dev, buf, len, a->set);
		return -EACCES;
	}
	return -ENOENT;
}
