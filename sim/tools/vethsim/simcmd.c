// SPDX-License-Identifier: GPL-2.0
/*
 * Simulator-only commands, under the name `sim` so they never collide with
 * a real tool: the tracer (what /sys/kernel/tracing would give), softirq
 * stepping, and views of kernel structures a real box cannot print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ftrace.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include "vethsim/vethsim.h"

static int sim_help(void)
{
	vs_printf(
"sim help                                this text\n"
"sim trace function [FILTER]             trace calls (set_ftrace_filter=FILTER)\n"
"sim trace function_graph [FUNC]         trace call graphs (set_graph_function=FUNC)\n"
"sim trace off | on                      tracing_on=0 (keep the buffer) | 1\n"
"sim trace nop                           current_tracer=nop (empties the buffer)\n"
"sim trace show                          print the trace buffer, then clear it\n"
"sim trace clear                         clear the trace buffer\n"
"sim trace event net_dev_xmit [on|off]   the net_dev_xmit event (events/net/.../enable)\n"
"sim softirq hold                        raised softirqs wait for `sim softirq step`\n"
"sim softirq step                        run one pass of pending softirqs\n"
"sim softirq run                         stop holding, run what is pending\n"
"sim netdev DEV                          struct net_device of DEV and its private area\n"
"sim softnet                             per-CPU backlog queues and pending softirqs\n"
"sim draw netdev DEV | pair | softnet     the same state as a Graphviz (DOT) graph\n"
"sim draw path [FUNCS]                   the function_graph buffer's call graph (DOT)\n"
"FILTER: function names, glob '*' allowed, several separated by ','.\n");
	return 0;
}

static int usage_error(const char *what)
{
	vs_eprintf("sim: %s; try \"sim help\"\n", what);
	return 1;
}

static int trace_show(void)
{
	size_t need = ftrace_print(NULL, 0);
	char *buf = malloc(need + 1);

	if (!buf)
		return 1;
	ftrace_print(buf, need + 1);
	vs_puts(buf);
	free(buf);
	ftrace_reset();
	return 0;
}

static int do_trace(int argc, char **argv)
{
	int err;

	if (argc < 1)
		return usage_error("sim trace needs function, function_graph, off, show or clear");
	if (!strcmp(argv[0], "show"))
		return trace_show();
	if (!strcmp(argv[0], "clear")) {
		ftrace_reset();
		return 0;
	}
	if (!strcmp(argv[0], "off")) {
		tracing_set_on(false);	/* echo 0 > tracing_on */
		return 0;
	}
	if (!strcmp(argv[0], "on")) {
		tracing_set_on(true);	/* echo 1 > tracing_on */
		return 0;
	}
	if (!strcmp(argv[0], "nop")) {
		ftrace_set_tracer(TRACER_NOP);
		return 0;
	}
	if (!strcmp(argv[0], "event")) {
		/* echo 1 > events/net/net_dev_xmit/enable */
		if (argc < 2 || argc > 3 ||
		    (argc == 3 && strcmp(argv[2], "on") && strcmp(argv[2], "off")))
			return usage_error("sim trace event net_dev_xmit [on|off]");
		if (ftrace_set_event(argv[1], argc < 3 || !strcmp(argv[2], "on"))) {
			vs_eprintf("sim: trace: no event %s (vethsim has net_dev_xmit)\n",
				   argv[1]);
			return 1;
		}
		return 0;
	}
	if (argc > 2)
		return usage_error("one FILTER argument (use ',' between names)");
	if (!strcmp(argv[0], "function")) {
		err = ftrace_set_filter(argc > 1 ? argv[1] : NULL);
		if (!err)
			err = ftrace_set_tracer(TRACER_FUNCTION);
	} else if (!strcmp(argv[0], "function_graph")) {
		err = ftrace_set_graph_function(argc > 1 ? argv[1] : NULL);
		if (!err)
			err = ftrace_set_tracer(TRACER_FUNCTION_GRAPH);
	} else {
		return usage_error("unknown tracer");
	}
	if (err) {
		vs_eprintf("sim: trace: %s\n", strerror(-err));
		return 1;
	}
	ftrace_reset();
	tracing_set_on(true);	/* choosing a tracer means: record now */
	return 0;
}

static void print_pending(void)
{
	u32 pending = local_softirq_pending();
	int nr;

	vs_printf("pending softirqs:");
	if (!pending)
		vs_printf(" none");
	for (nr = 0; nr < NR_SOFTIRQS; nr++)
		if (pending & (1u << nr))
			vs_printf(" %s", softirq_to_name[nr]);
	vs_printf("%s\n", softirq_stepping() ? " (held)" : "");
}

static int do_softirq_cmd(int argc, char **argv)
{
	if (argc != 1)
		return usage_error("sim softirq needs hold, step or run");
	if (!strcmp(argv[0], "hold")) {
		softirq_set_stepping(true);
	} else if (!strcmp(argv[0], "step")) {
		vs_printf("ran %d softirq handler(s)\n", softirq_step());
	} else if (!strcmp(argv[0], "run")) {
		softirq_set_stepping(false);
		do_softirq();
	} else {
		return usage_error("sim softirq needs hold, step or run");
	}
	print_pending();
	return 0;
}

static void print_mac(const char *label, const unsigned char *a, int len)
{
	int i;

	vs_printf("  %-22s", label);
	for (i = 0; i < len; i++)
		vs_printf(i ? ":%02x" : "%02x", a[i]);
	vs_printf("\n");
}

/*
 * The net_device as alloc_netdev_mqs() laid it out: the struct, padding
 * to NETDEV_ALIGN, then the driver's private area that netdev_priv()
 * returns. For veth the private area starts with struct veth_priv, whose
 * first member is the peer pointer.
 */
static int do_netdev(int argc, char **argv)
{
	struct net_device *dev, *peer = NULL;
	const struct rtnl_link_ops *ops;
	unsigned char *priv;
	size_t sz = sizeof(struct net_device);
	size_t aligned = ALIGN(sz, (size_t)NETDEV_ALIGN);

	if (argc != 1)
		return usage_error("sim netdev needs a device name");
	dev = __dev_get_by_name(vs_net(), argv[0]);
	if (!dev) {
		vs_eprintf("sim: netdev: Cannot find device \"%s\"\n", argv[0]);
		return 1;
	}
	ops = dev->rtnl_link_ops;
	priv = netdev_priv(dev);
	vs_printf("struct net_device %s at %p\n", dev->name, (void *)dev);
	vs_printf("  %-22s%d\n", "ifindex", dev->ifindex);
	vs_printf("  %-22s%d\n", "iflink", dev_get_iflink(dev));
	vs_printf("  %-22s0x%x\n", "flags", dev->flags);
	vs_printf("  %-22s0x%x\n", "dev_get_flags()", dev_get_flags(dev));
	vs_printf("  %-22s0x%lx\n", "state", dev->state);
	vs_printf("  %-22s%u\n", "operstate", dev->operstate);
	vs_printf("  %-22s%u (min %u, max %u)\n", "mtu", dev->mtu, dev->min_mtu,
		  dev->max_mtu);
	vs_printf("  %-22s%u\n", "tx_queue_len", dev->tx_queue_len);
	print_mac("dev_addr", dev->dev_addr, dev->addr_len);
	print_mac("broadcast", dev->broadcast, dev->addr_len);
	vs_printf("  %-22s%s\n", "netdev_ops", dev->netdev_ops ? "set" : "NULL");
	vs_printf("  %-22s%s\n", "rtnl_link_ops->kind",
		  ops && ops->kind ? ops->kind : "(none)");
	vs_printf("  %-22s%p%s\n", "nd_net", (void *)dev_net(dev),
		  dev_net(dev) == &init_net ? " (init_net)" : "");
	vs_printf("layout (alloc_netdev_mqs):\n");
	vs_printf("  %-22s%zu bytes\n", "sizeof(net_device)", sz);
	vs_printf("  %-22sALIGN(%zu, %d) = %zu (%zu bytes of padding)\n",
		  "private area at", sz, NETDEV_ALIGN, aligned, aligned - sz);
	vs_printf("  %-22s%td\n", "netdev_priv() - dev", priv - (unsigned char *)dev);
	vs_printf("  %-22s%zu bytes\n", "priv_size", ops ? ops->priv_size : (size_t)0);
	vs_printf("  %-22s%u\n", "padded", dev->padded);
	if (dev->netdev_ops && dev->netdev_ops->ndo_get_peer_dev)
		peer = dev->netdev_ops->ndo_get_peer_dev(dev);
	if (ops && ops->kind && !strcmp(ops->kind, "veth") &&
	    ops->priv_size >= sizeof(void *)) {
		void *p;

		memcpy(&p, priv, sizeof(p));
		vs_printf("struct veth_priv at %p:\n", (void *)priv);
		vs_printf("  %-22s%p", "peer", p);
		if (peer && p == (void *)peer)
			vs_printf(" (%s, ifindex %d%s)", peer->name, peer->ifindex,
				  dev_net(peer) == dev_net(dev) ? "" :
				  ", another namespace");
		vs_printf("\n");
	}
	return 0;
}

static int do_softnet(void)
{
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct softnet_data *sd = &per_cpu(softnet_data, cpu);
		struct napi_struct *n;
		int polls = 0;

		list_for_each_entry(n, &sd->poll_list, poll_list)
			polls++;
		vs_printf("cpu%d: input_pkt_queue %u, process_queue %u, poll_list %d%s\n",
			  cpu, skb_queue_len(&sd->input_pkt_queue),
			  skb_queue_len(&sd->process_queue), polls,
			  (sd->backlog.state & (1ul << NAPI_STATE_SCHED)) ?
			  " (backlog NAPI scheduled)" : "");
		vs_printf("      processed %u, dropped %u, time_squeeze %u\n",
			  sd->processed, sd->dropped, sd->time_squeeze);
	}
	vs_printf("NET_RX_SOFTIRQ: raised %llu, ran %u; NET_TX_SOFTIRQ: raised %llu, ran %u\n",
		  (unsigned long long)softirq_raise_count(NET_RX_SOFTIRQ),
		  kstat_softirqs_cpu(NET_RX_SOFTIRQ, 0),
		  (unsigned long long)softirq_raise_count(NET_TX_SOFTIRQ),
		  kstat_softirqs_cpu(NET_TX_SOFTIRQ, 0));
	vs_printf("netdev_max_backlog %d, netdev_budget %d, dev_weight %d\n",
		  netdev_max_backlog, netdev_budget, weight_p);
	print_pending();
	return 0;
}

int do_sim(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "help"))
		return sim_help();
	if (!strcmp(argv[1], "trace"))
		return do_trace(argc - 2, argv + 2);
	if (!strcmp(argv[1], "softirq"))
		return do_softirq_cmd(argc - 2, argv + 2);
	if (!strcmp(argv[1], "netdev"))
		return do_netdev(argc - 2, argv + 2);
	if (!strcmp(argv[1], "softnet"))
		return do_softnet();
	if (!strcmp(argv[1], "draw"))
		return do_draw(argc - 2, argv + 2);	/* draw.c */
	vs_eprintf("sim: unknown command \"%s\", try \"sim help\"\n", argv[1]);
	return 1;
}
