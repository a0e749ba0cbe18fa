// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/dev: every device's counters, and /proc/net/softnet_stat: the
 * per-CPU backlog counters. 6.1: net/core/net-procfs.c. softnet_stat: One line per CPU, 13 columns of %08x:
 * processed, dropped, time_squeeze, five zeros (was fastroute), zero (was
 * cpu_collision), received_rps, flow_limit_count, backlog length, CPU.
 */
#include <stdio.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>

/* 6.1: same. */
static unsigned int softnet_backlog_len(const struct softnet_data *sd)
{
	return skb_queue_len(&sd->input_pkt_queue) +
	       skb_queue_len(&sd->process_queue);
}

/*
 * 6.1: softnet_seq_show() for every CPU, into @buf (NUL-terminated if
 * @size > 0). Returns the length the whole text needs, like snprintf.
 */
size_t softnet_seq_show(char *buf, size_t size)
{
	size_t len = 0;
	int cpu;

	if (size)
		buf[0] = '\0';
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct softnet_data *sd = &per_cpu(softnet_data, cpu);
		size_t room = len < size ? size - len : 0;
		int n;

		n = snprintf(room ? buf + len : NULL, room,
			     "%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x\n",
			     sd->processed, sd->dropped, sd->time_squeeze, 0,
			     0, 0, 0, 0, /* was fastroute */
			     0,	/* was cpu_collision */
			     sd->received_rps, 0u /* flow_limit_count */,
			     softnet_backlog_len(sd), cpu);
		if (n > 0)
			len += (size_t)n;
	}
	return len;
}

/* 6.1: same format (dev_get_stats() fills @temp here); into @buf at @len. */
static size_t dev_seq_printf_stats(char *buf, size_t size, size_t len,
				   struct net_device *dev)
{
	struct rtnl_link_stats64 temp;
	const struct rtnl_link_stats64 *stats = &temp;
	size_t room = len < size ? size - len : 0;
	int n;

	dev_get_stats(dev, &temp);
	n = snprintf(room ? buf + len : NULL, room,
		     "%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu "
		     "%8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n",
		     dev->name,
		     (unsigned long long)stats->rx_bytes,
		     (unsigned long long)stats->rx_packets,
		     (unsigned long long)stats->rx_errors,
		     (unsigned long long)(stats->rx_dropped +
					  stats->rx_missed_errors),
		     (unsigned long long)stats->rx_fifo_errors,
		     (unsigned long long)(stats->rx_length_errors +
					  stats->rx_over_errors +
					  stats->rx_crc_errors +
					  stats->rx_frame_errors),
		     (unsigned long long)stats->rx_compressed,
		     (unsigned long long)stats->multicast,
		     (unsigned long long)stats->tx_bytes,
		     (unsigned long long)stats->tx_packets,
		     (unsigned long long)stats->tx_errors,
		     (unsigned long long)stats->tx_dropped,
		     (unsigned long long)stats->tx_fifo_errors,
		     (unsigned long long)stats->collisions,
		     (unsigned long long)(stats->tx_carrier_errors +
					  stats->tx_aborted_errors +
					  stats->tx_window_errors +
					  stats->tx_heartbeat_errors),
		     (unsigned long long)stats->tx_compressed);
	return n > 0 ? (size_t)n : 0;
}

/*
 * 6.1: dev_seq_show() over the namespace's devices in ifindex order (the
 * seq_file walks the index hash), into @buf: the length the whole text
 * needs, like snprintf.
 */
size_t dev_seq_show(struct net *net, char *buf, size_t size)
{
	static const char head[] =
		"Inter-|   Receive                                                |  Transmit\n"
		" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";
	struct net_device *dev;
	int ifindex, max = 0;
	size_t len;

	len = (size_t)snprintf(buf, size, "%s", head);
	for_each_netdev(net, dev)
		if (dev->ifindex > max)
			max = dev->ifindex;
	for (ifindex = 1; ifindex <= max; ifindex++) {
		dev = __dev_get_by_index(net, ifindex);
		if (dev)
			len += dev_seq_printf_stats(buf, size, len, dev);
	}
	return len;
}
