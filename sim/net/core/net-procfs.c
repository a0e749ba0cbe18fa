// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/softnet_stat: the per-CPU backlog counters.
 * 6.1: net/core/net-procfs.c. One line per CPU, 13 columns of %08x:
 * processed, dropped, time_squeeze, five zeros (was fastroute), zero (was
 * cpu_collision), received_rps, flow_limit_count, backlog length, CPU.
 */
#include <stdio.h>
#include <linux/netdevice.h>

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
