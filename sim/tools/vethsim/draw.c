// SPDX-License-Identifier: GPL-2.0
/*
 * `sim draw ...`: the live state of the simulated kernel as a Graphviz DOT
 * graph, so the kit's figures are drawn from what the simulator really
 * holds, never by hand (mk/figures.py renders them; `make docs`).
 *
 *	sim draw netdev DEV	struct net_device and its private area, with
 *				the offsets `sim netdev DEV` prints
 *	sim draw pair		the namespaces that hold more than lo, their
 *				devices, and the peer pointers of each pair
 *	sim draw path [FUNCS]	the call graph of the function_graph trace
 *				buffer, cut down to the packet's path
 *	sim draw softnet	the per-CPU backlog: queues, poll list, counters
 *
 * This is a tool, like `sim netdev`: it reads kernel state through the
 * device lookups and accessors the other tools use (for_each_net,
 * for_each_netdev, netdev_priv, ndo_get_peer_dev), and reads the trace as
 * text, the way a user reads /sys/kernel/tracing/trace. It changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ftrace.h>
#include <linux/if_ether.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include "vethsim/vethsim.h"

#define FONT	"fontname=\"Helvetica\""

static int draw_usage(const char *what)
{
	vs_eprintf("sim: draw: %s; try \"sim help\"\n", what);
	return 1;
}

/* A name for a namespace that a reader recognises. */
static void ns_label(struct net *net, char *buf, size_t len)
{
	const char *name = netns_name_of(net);

	if (net == &init_net)
		snprintf(buf, len, "init_net (the host's namespace)");
	else if (name)
		snprintf(buf, len, "netns %s", name);
	else
		snprintf(buf, len, "netns [%u]", net->inum);
}

static const char *link_kind(const struct net_device *dev)
{
	const struct rtnl_link_ops *ops = dev->rtnl_link_ops;

	if (ops && ops->kind)
		return ops->kind;
	return (dev->flags & IFF_LOOPBACK) ? "loopback" : "(none)";
}

static struct net_device *peer_of(struct net_device *dev)
{
	if (dev->netdev_ops && dev->netdev_ops->ndo_get_peer_dev)
		return dev->netdev_ops->ndo_get_peer_dev(dev);
	return NULL;
}

static void mac_str(const struct net_device *dev, char *buf, size_t len)
{
	size_t at = 0;
	int i;

	buf[0] = 0;
	for (i = 0; i < dev->addr_len && at + 4 < len; i++)
		at += snprintf(buf + at, len - at, i ? ":%02x" : "%02x",
			       dev->dev_addr[i]);
}

/* ---- sim draw netdev DEV ---------------------------------------------- */

/*
 * One block from alloc_netdev_mqs(): padding before dev (dev->padded), the
 * struct, padding up to NETDEV_ALIGN, the private area, and the slack left
 * of the NETDEV_ALIGN - 1 extra bytes. The numbers are the ones `sim netdev`
 * prints: sizeof, ALIGN(sizeof, 32), netdev_priv() - dev, priv_size, padded.
 */
static int draw_netdev(int argc, char **argv)
{
	struct net_device *dev, *peer;
	size_t sz = sizeof(struct net_device);
	size_t aligned = ALIGN(sz, (size_t)NETDEV_ALIGN);
	size_t priv_size, alloc, tail;
	ptrdiff_t priv_off;
	char ns[64];

	if (argc != 1)
		return draw_usage("sim draw netdev needs a device name");
	dev = __dev_get_by_name(vs_net(), argv[0]);
	if (!dev) {
		vs_eprintf("sim: draw: Cannot find device \"%s\"\n", argv[0]);
		return 1;
	}
	priv_size = dev->rtnl_link_ops ? dev->rtnl_link_ops->priv_size : 0;
	priv_off = (unsigned char *)netdev_priv(dev) - (unsigned char *)dev;
	/* the size rule of alloc_netdev_mqs() */
	alloc = priv_size ? aligned + priv_size : sz;
	alloc += NETDEV_ALIGN - 1;
	tail = alloc - dev->padded - (priv_size ? aligned + priv_size : sz);
	ns_label(dev_net(dev), ns, sizeof(ns));

	vs_printf("digraph netdev {\n");
	vs_printf("  graph [%s, fontsize=13, labelloc=t, nodesep=0.3, ranksep=0.5,\n"
		  "         label=\"%s: one block from alloc_netdev_mqs(), "
		  "priv_size %zu (vethsim, Linux 6.1 rule)\"];\n",
		  FONT, dev->name, priv_size);
	vs_printf("  node [%s, fontsize=11, shape=plaintext];\n", FONT);
	vs_printf("  edge [%s, fontsize=10];\n", FONT);
	vs_printf("  block [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" "
		  "CELLSPACING=\"0\" CELLPADDING=\"6\">\n");
	/* offsets row, from dev */
	vs_printf("    <TR><TD BORDER=\"0\">dev - %u</TD><TD BORDER=\"0\">dev + 0</TD>"
		  "<TD BORDER=\"0\">dev + %zu</TD>", dev->padded, sz);
	if (priv_size)
		vs_printf("<TD BORDER=\"0\">dev + %td</TD><TD BORDER=\"0\">dev + %zu</TD>",
			  priv_off, aligned + priv_size);
	vs_printf("</TR>\n");
	vs_printf("    <TR><TD BGCOLOR=\"#eeeeee\">padding<BR/>%u B<BR/>(dev-&gt;padded)</TD>"
		  "<TD PORT=\"dev\" BGCOLOR=\"#cfe2ff\" WIDTH=\"220\"><B>struct net_device</B>"
		  "<BR/>%s, ifindex %d, %s<BR/>sizeof = %zu B</TD>",
		  dev->padded, dev->name, dev->ifindex, ns, sz);
	if (priv_size)
		vs_printf("<TD BGCOLOR=\"#eeeeee\">padding<BR/>%zu B</TD>"
			  "<TD PORT=\"priv\" BGCOLOR=\"#d1e7dd\" WIDTH=\"120\"><B>private area</B>"
			  "<BR/>%s<BR/>%zu B</TD>",
			  aligned - sz,
			  strcmp(link_kind(dev), "veth") ? "driver data" : "struct veth_priv",
			  priv_size);
	vs_printf("<TD BGCOLOR=\"#f8f9fa\">unused<BR/>%zu B</TD></TR>\n", tail);
	vs_printf("  </TABLE>>];\n");
	if (priv_size)
		vs_printf("  rule [shape=note, style=filled, fillcolor=\"#fffbe6\", label=\""
			  "alloc_size = ALIGN(%zu, %d) + %zu + %d = %zu\\l",
			  sz, NETDEV_ALIGN, priv_size, NETDEV_ALIGN - 1, alloc);
	else
		vs_printf("  rule [shape=note, style=filled, fillcolor=\"#fffbe6\", label=\""
			  "sizeof_priv is 0: no private area (nothing may use netdev_priv())\\l"
			  "alloc_size = %zu + %d = %zu\\l", sz, NETDEV_ALIGN - 1, alloc);
	vs_printf(
		  "p = kvzalloc(alloc_size); dev = PTR_ALIGN(p, %d): dev - p = padded = %u\\l"
		  "netdev_priv(dev) = dev + ALIGN(sizeof(struct net_device), %d) = dev + %td\\l"
		  "dev %% %d = %lu, netdev_priv(dev) %% %d = %lu\\l\"];\n",
		  NETDEV_ALIGN, dev->padded, NETDEV_ALIGN, priv_off,
		  NETDEV_ALIGN, (unsigned long)((uintptr_t)dev % NETDEV_ALIGN),
		  NETDEV_ALIGN,
		  (unsigned long)((uintptr_t)netdev_priv(dev) % NETDEV_ALIGN));
	vs_printf("  block -> rule [style=invis];\n");
	peer = peer_of(dev);
	if (peer && priv_size >= sizeof(void *)) {
		void *p;
		char pns[64];

		memcpy(&p, netdev_priv(dev), sizeof(p));
		ns_label(dev_net(peer), pns, sizeof(pns));
		vs_printf("  vpriv [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" "
			  "CELLSPACING=\"0\" CELLPADDING=\"5\" BGCOLOR=\"#d1e7dd\">"
			  "<TR><TD COLSPAN=\"2\"><B>struct veth_priv</B> at dev + %td</TD></TR>"
			  "<TR><TD>+0</TD><TD PORT=\"peer\">peer%s</TD></TR>"
			  "<TR><TD>+%zu</TD><TD>dropped</TD></TR></TABLE>>];\n",
			  priv_off, p == (void *)peer ? "" : " (not the peer!)",
			  sizeof(void *));
		vs_printf("  peer [shape=box, style=\"rounded,filled\", fillcolor=\"#cfe2ff\", "
			  "label=\"struct net_device %s\\nifindex %d\\n%s\"];\n",
			  peer->name, peer->ifindex, pns);
		vs_printf("  block:priv:s -> vpriv [arrowhead=none, style=dashed];\n");
		vs_printf("  vpriv:peer:e -> peer [label=\" rcu_dereference(priv->peer)\"];\n");
		vs_printf("  { rank=same; rule; vpriv; }\n");
	}
	vs_printf("}\n");
	return 0;
}

/* ---- sim draw pair -------------------------------------------------------- */

/* Stable node names (no pointers): the namespace's place in the list, the ifindex. */
static int net_index(struct net *want)
{
	struct net *net;
	int i = 0;

	for_each_net(net) {
		if (net == want)
			return i;
		i++;
	}
	return -1;
}

static void dev_node(struct net_device *dev)
{
	struct net_device *peer = peer_of(dev);
	char mac[3 * MAX_ADDR_LEN], at[IFNAMSIZ + 16] = "";
	bool lo = dev->flags & IFF_LOOPBACK;

	/* what `ip link` prints after the name */
	if (peer && dev_net(peer) == dev_net(dev))
		snprintf(at, sizeof(at), "@%s", peer->name);
	else if (peer)
		snprintf(at, sizeof(at), "@if%d", peer->ifindex);
	mac_str(dev, mac, sizeof(mac));
	vs_printf("    n%d_%d [shape=record, style=\"rounded,filled\", fillcolor=\"%s\", "
		  "label=\"{%d: %s%s|%s, %s, mtu %u|%s}\"];\n",
		  net_index(dev_net(dev)), dev->ifindex,
		  lo ? "#eeeeee" : ((dev->flags & IFF_UP) ? "#cfe2ff" : "#e7f0ff"),
		  dev->ifindex, dev->name, at, link_kind(dev),
		  (dev->flags & IFF_UP) ? "UP" : "DOWN", dev->mtu,
		  lo ? "netdev_ops: loopback_ops" : mac);
}

static int draw_pair(int argc, char **argv)
{
	struct net *net;
	struct net_device *dev;
	int n = 0;

	if (argc != 0)
		return draw_usage("sim draw pair takes no argument");
	vs_printf("digraph pair {\n");
	vs_printf("  graph [%s, fontsize=13, labelloc=t, rankdir=LR, nodesep=0.5, ranksep=1.2,\n"
		  "         label=\"Devices by namespace; arrows: struct veth_priv.peer "
		  "(vethsim, live state)\"];\n", FONT);
	vs_printf("  node [%s, fontsize=11];\n  edge [%s, fontsize=10];\n", FONT, FONT);
	for_each_net(net) {
		char ns[64];
		bool only_lo = true;

		/* a namespace that holds nothing but its lo is left out */
		for_each_netdev(net, dev)
			if (!(dev->flags & IFF_LOOPBACK))
				only_lo = false;
		if (only_lo)
			continue;
		ns_label(net, ns, sizeof(ns));
		vs_printf("  subgraph cluster_%d {\n    label=\"%s\"; style=rounded; "
			  "color=\"#6c757d\";\n", n++, ns);
		for_each_netdev(net, dev)
			dev_node(dev);
		vs_printf("  }\n");
	}
	for_each_net(net) {
		for_each_netdev(net, dev) {
			struct net_device *peer = peer_of(dev);
			int id;

			if (!peer)
				continue;
			id = peernet2id(dev_net(dev), dev_net(peer));
			if (dev_net(peer) != dev_net(dev) && id >= 0)
				vs_printf("  n%d_%d -> n%d_%d [label=\"peer\\n(link-netnsid %d)\"];\n",
					  net_index(dev_net(dev)), dev->ifindex,
					  net_index(dev_net(peer)), peer->ifindex, id);
			else
				vs_printf("  n%d_%d -> n%d_%d [label=\"peer\"];\n",
					  net_index(dev_net(dev)), dev->ifindex,
					  net_index(dev_net(peer)), peer->ifindex);
		}
	}
	vs_printf("}\n");
	return 0;
}

/* ---- sim draw path [FUNCS] ---------------------------------------------- */

/* The functions of the packet's path, and the 6.1 file each lives in. */
static const struct path_fn {
	const char *name;
	const char *file;
} path_fns[] = {
	{ "dev_queue_xmit",		"net/core/dev.c" },
	{ "__dev_queue_xmit",		"net/core/dev.c" },
	{ "dev_hard_start_xmit",	"net/core/dev.c" },
	{ "xmit_one",			"net/core/dev.c" },
	{ "netdev_start_xmit",		"include/linux/netdevice.h" },
	{ "veth_xmit",			"drivers/net/veth.c" },
	{ "loopback_xmit",		"drivers/net/loopback.c" },
	{ "dev_forward_skb",		"net/core/dev.c" },
	{ "__dev_forward_skb",		"net/core/dev.c" },
	{ "eth_type_trans",		"net/ethernet/eth.c" },
	{ "netif_rx",			"net/core/dev.c" },
	{ "__netif_rx",			"net/core/dev.c" },
	{ "netif_rx_internal",		"net/core/dev.c" },
	{ "enqueue_to_backlog",		"net/core/dev.c" },
	{ "____napi_schedule",		"net/core/dev.c" },
	{ "__raise_softirq_irqoff",	"kernel/softirq.c" },
	{ "do_softirq",			"kernel/softirq.c" },
	{ "__do_softirq",		"kernel/softirq.c" },
	{ "net_rx_action",		"net/core/dev.c" },
	{ "__napi_poll",		"net/core/dev.c" },
	{ "process_backlog",		"net/core/dev.c" },
	{ "__netif_receive_skb",	"net/core/dev.c" },
	{ "__netif_receive_skb_one_core", "net/core/dev.c" },
	{ "__netif_receive_skb_core",	"net/core/dev.c" },
	{ "ip_rcv",			"net/ipv4/ip_input.c" },
	{ "arp_rcv",			"net/ipv4/arp.c" },
};

#define PATH_MAX_FNS	64
#define PATH_MAX_EDGES	128
#define PATH_MAX_DEPTH	128

struct path_graph {
	const char	*keep;		/* FUNCS argument, or NULL: path_fns */
	char		fns[PATH_MAX_FNS][64];
	bool		in_softirq[PATH_MAX_FNS];	/* first seen under __do_softirq */
	int		nfns;
	int		edge_from[PATH_MAX_EDGES], edge_to[PATH_MAX_EDGES];
	bool		edge_back[PATH_MAX_EDGES];	/* re-entry: a reply */
	int		nedges;
};

static const char *fn_file(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(path_fns) / sizeof(path_fns[0]); i++)
		if (!strcmp(path_fns[i].name, name))
			return path_fns[i].file;
	return NULL;
}

/* '*' matches any run of characters; no backtracking blow-up (fuzzed input). */
static bool glob_match(const char *pat, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*pat == '*') {
			star = pat++;
			resume = s;
		} else if (*pat == *s) {
			pat++;
			s++;
		} else if (star) {
			pat = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

static bool path_keeps(const struct path_graph *g, const char *name)
{
	const char *p = g->keep;
	char pat[64];

	if (!p)
		return fn_file(name) != NULL;
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n < sizeof(pat)) {
			memcpy(pat, p, n);
			pat[n] = 0;
			if (glob_match(pat, name))
				return true;
		}
		p += n + (p[n] == ',');
	}
	return false;
}

static int path_fn_id(struct path_graph *g, const char *name, bool softirq)
{
	int i;

	for (i = 0; i < g->nfns; i++)
		if (!strcmp(g->fns[i], name))
			return i;
	if (g->nfns == PATH_MAX_FNS)
		return -1;
	snprintf(g->fns[g->nfns], sizeof(g->fns[0]), "%s", name);
	g->in_softirq[g->nfns] = softirq;
	return g->nfns++;
}

static void path_edge(struct path_graph *g, int from, int to, bool back)
{
	int i;

	for (i = 0; i < g->nedges; i++)
		if (g->edge_from[i] == from && g->edge_to[i] == to)
			return;
	if (g->nedges == PATH_MAX_EDGES)
		return;
	g->edge_from[g->nedges] = from;
	g->edge_to[g->nedges] = to;
	g->edge_back[g->nedges] = back;
	g->nedges++;
}

/*
 * Read function_graph output: " 0)   0.050 us    |      name();" or
 * " 0)               |    name() {" or "... |    }". The depth is the
 * indentation after "|  ", two columns per level.
 */
static void path_parse(struct path_graph *g, char *text)
{
	int stack[PATH_MAX_DEPTH];	/* kept fn id at each depth, or -1 */
	bool soft[PATH_MAX_DEPTH];	/* under __do_softirq at this depth */
	char *line, *save = NULL;
	int d;

	for (d = 0; d < PATH_MAX_DEPTH; d++) {
		stack[d] = -1;
		soft[d] = false;
	}
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *bar = strchr(line, '|'), *name, *end;
		int depth, parent = -1, id, i;
		bool opens, under_soft;

		if (line[0] == '#' || !bar || strncmp(bar, "|  ", 3))
			continue;
		name = bar + 3;
		depth = (int)strspn(name, " ") / 2;
		name += strspn(name, " ");
		if (*name == '}' || depth >= PATH_MAX_DEPTH)
			continue;
		end = strstr(name, "()");
		if (!end)
			continue;
		opens = end[2] == ' ' && end[3] == '{';
		*end = 0;
		for (i = depth - 1; i >= 0 && parent < 0; i--)
			parent = stack[i];
		under_soft = (depth > 0 && soft[depth - 1]) ||
			     !strcmp(name, "__do_softirq");
		if (opens) {
			stack[depth] = -1;
			soft[depth] = under_soft;
			for (i = depth + 1; i < PATH_MAX_DEPTH && stack[i] >= 0; i++)
				stack[i] = -1;
		}
		if (!path_keeps(g, name))
			continue;
		id = path_fn_id(g, name, under_soft);
		if (id < 0)
			continue;
		if (parent >= 0) {
			bool back = false;

			/* re-entered while still on the stack: a reply */
			for (i = 0; i < depth; i++)
				if (stack[i] == id)
					back = true;
			path_edge(g, parent, id, back);
		}
		if (opens)
			stack[depth] = id;
	}
}

static int draw_path(int argc, char **argv)
{
	struct path_graph *g;
	size_t need;
	char *text;
	int i, c;

	if (argc > 1)
		return draw_usage("one FUNCS argument (use ',' between names)");
	if (ftrace_current_tracer() != TRACER_FUNCTION_GRAPH)
		return draw_usage("sim draw path reads a function_graph trace: "
				  "run \"sim trace function_graph\" and a ping first");
	need = ftrace_print(NULL, 0);
	text = malloc(need + 1);
	g = calloc(1, sizeof(*g));
	if (!text || !g) {
		free(text);
		free(g);
		return 1;
	}
	ftrace_print(text, need + 1);
	g->keep = argc ? argv[0] : NULL;
	path_parse(g, text);
	free(text);
	if (!g->nfns) {
		free(g);
		return draw_usage("the trace buffer holds none of the path's functions");
	}

	vs_printf("digraph path {\n");
	vs_printf("  graph [%s, fontsize=13, labelloc=t, rankdir=TB, nodesep=0.3, ranksep=0.3,\n"
		  "         label=\"Who called whom, from vethsim's function_graph record of a ping\\n"
		  "(Linux 6.1 names and files; numbers: the order of the first calls)\"];\n",
		  FONT);
	vs_printf("  node [%s, fontsize=11, shape=box, style=\"rounded,filled\"];\n", FONT);
	vs_printf("  edge [%s, fontsize=9];\n", FONT);
	/* two contexts: the sender's (bottom halves off), then the softirq */
	for (c = 0; c < 2; c++) {
		vs_printf("  subgraph cluster_%s {\n    label=\"%s\"; style=rounded; "
			  "color=\"#6c757d\"; fontsize=11;\n", c ? "rx" : "tx",
			  c ? "NET_RX_SOFTIRQ: the receive half, still on the sender's CPU"
			    : "the sender's context: transmit, bottom halves off");
		for (i = 0; i < g->nfns; i++) {
			const char *f = fn_file(g->fns[i]);

			if (g->in_softirq[i] != (c == 1))
				continue;
			vs_printf("    f%d [label=<%s<BR/><FONT POINT-SIZE=\"8\">%s</FONT>>, "
				  "fillcolor=\"%s\"];\n", i, g->fns[i], f ? f : "",
				  c ? "#ffe5d0" : "#cfe2ff");
		}
		vs_printf("  }\n");
	}
	for (i = 0, c = 0; i < g->nedges; i++) {
		if (g->edge_back[i])
			vs_printf("  f%d -> f%d [style=dashed, constraint=false, "
				  "label=\"a reply, sent\\nfrom the softirq\"];\n",
				  g->edge_from[i], g->edge_to[i]);
		else
			vs_printf("  f%d -> f%d [label=\"%d\"];\n", g->edge_from[i],
				  g->edge_to[i], ++c);
	}
	/* what the call graph cannot show: the queue between the two halves */
	{
		int enq = -1, poll = -1, raise = -1, soft = -1;

		for (i = 0; i < g->nfns; i++) {
			if (!strcmp(g->fns[i], "enqueue_to_backlog"))
				enq = i;
			if (!strcmp(g->fns[i], "process_backlog"))
				poll = i;
			if (!strcmp(g->fns[i], "__raise_softirq_irqoff"))
				raise = i;
			if (!strcmp(g->fns[i], "net_rx_action"))
				soft = i;
		}
		if (enq >= 0 && poll >= 0) {
			vs_printf("  q [shape=cylinder, fillcolor=\"#fff3cd\", "
				  "label=\"softnet_data\\n.input_pkt_queue\"];\n");
			vs_printf("  f%d -> q [style=bold, color=\"#b8860b\", "
				  "label=\"__skb_queue_tail\"];\n", enq);
			vs_printf("  q -> f%d [style=bold, color=\"#b8860b\", constraint=false, "
				  "label=\"skb_queue_splice_tail_init\\n(to process_queue)\"];\n",
				  poll);
		}
		if (raise >= 0 && soft >= 0)
			vs_printf("  f%d -> f%d [style=dotted, constraint=false, "
				  "label=\"NET_RX_SOFTIRQ\\npending\"];\n", raise, soft);
	}
	vs_printf("}\n");
	free(g);
	return 0;
}

/* ---- sim draw softnet ----------------------------------------------------- */

static const char *proto_name(__be16 proto)
{
	switch (ntohs(proto)) {
	case ETH_P_IP:
		return "IPv4";
	case ETH_P_ARP:
		return "ARP";
	case ETH_P_IPV6:
		return "IPv6";
	default:
		return "other";
	}
}

static void queue_node(const char *id, const char *title,
		       struct sk_buff_head *q)
{
	struct sk_buff *skb;
	int shown = 0;

	vs_printf("    %s [shape=plaintext, label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" "
		  "CELLSPACING=\"0\" CELLPADDING=\"4\" BGCOLOR=\"#fff3cd\">"
		  "<TR><TD><B>%s</B>: qlen %u</TD></TR>", id, title, skb_queue_len(q));
	skb_queue_walk(q, skb) {
		if (shown++ == 6) {
			vs_printf("<TR><TD>... %u more</TD></TR>", skb_queue_len(q) - 6);
			break;
		}
		vs_printf("<TR><TD BGCOLOR=\"#ffffff\">sk_buff: dev %s, %s, len %u</TD></TR>",
			  skb->dev ? skb->dev->name : "?", proto_name(skb->protocol),
			  skb->len);
	}
	if (!skb_queue_len(q))
		vs_printf("<TR><TD BGCOLOR=\"#ffffff\">(empty)</TD></TR>");
	vs_printf("</TABLE>>];\n");
}

static int draw_softnet(int argc, char **argv)
{
	u32 pending = local_softirq_pending();
	int cpu, nr;

	if (argc != 0)
		return draw_usage("sim draw softnet takes no argument");
	vs_printf("digraph softnet {\n");
	vs_printf("  graph [%s, fontsize=13, labelloc=t, rankdir=LR, nodesep=0.4,\n"
		  "         label=\"struct softnet_data per CPU: the backlog that "
		  "netif_rx() fills (vethsim, live state)\"];\n", FONT);
	vs_printf("  node [%s, fontsize=11];\n  edge [%s, fontsize=10];\n", FONT, FONT);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct softnet_data *sd = &per_cpu(softnet_data, cpu);
		struct napi_struct *n;
		bool sched = sd->backlog.state & (1ul << NAPI_STATE_SCHED);
		char id[32];
		int polls = 0;

		vs_printf("  subgraph cluster_cpu%d {\n    label=\"softnet_data (cpu%d)\"; "
			  "style=rounded; color=\"#6c757d\";\n", cpu, cpu);
		snprintf(id, sizeof(id), "in%d", cpu);
		queue_node(id, "input_pkt_queue", &sd->input_pkt_queue);
		snprintf(id, sizeof(id), "pq%d", cpu);
		queue_node(id, "process_queue", &sd->process_queue);
		vs_printf("    pl%d [shape=box, style=rounded, label=\"poll_list\"];\n", cpu);
		vs_printf("    napi%d [shape=record, style=\"rounded,filled\", fillcolor=\"%s\", "
			  "label=\"{backlog (struct napi_struct)|state: %s|weight %d|"
			  "poll = process_backlog}\"];\n", cpu,
			  sched ? "#ffe5d0" : "#eeeeee",
			  sched ? "NAPI_STATE_SCHED" : "idle", sd->backlog.weight);
		vs_printf("    st%d [shape=box, style=filled, fillcolor=\"#f8f9fa\", label=\""
			  "processed %u\\ndropped %u\\ntime_squeeze %u\"];\n", cpu,
			  sd->processed, sd->dropped, sd->time_squeeze);
		list_for_each_entry(n, &sd->poll_list, poll_list) {
			if (n == &sd->backlog)
				vs_printf("    pl%d -> napi%d [label=\"listed\"];\n", cpu, cpu);
			polls++;
		}
		if (!polls)
			vs_printf("    pl%d -> napi%d [style=dotted, label=\"(empty)\", "
				  "arrowhead=none];\n", cpu, cpu);
		vs_printf("    napi%d -> pq%d [label=\"process_backlog()\\ndrains\"];\n",
			  cpu, cpu);
		vs_printf("    in%d -> pq%d [style=dashed, label=\"splice\"];\n", cpu, cpu);
		vs_printf("  }\n");
	}
	vs_printf("  soft [shape=box, style=\"rounded,filled\", fillcolor=\"%s\", "
		  "label=\"pending softirqs:", pending ? "#ffe5d0" : "#eeeeee");
	if (!pending)
		vs_printf(" none");
	for (nr = 0; nr < NR_SOFTIRQS; nr++)
		if (pending & (1u << nr))
			vs_printf(" %s", softirq_to_name[nr]);
	vs_printf("%s\\nnetdev_max_backlog %d, netdev_budget %d, dev_weight %d\"];\n",
		  softirq_stepping() ? " (held)" : "", netdev_max_backlog,
		  netdev_budget, weight_p);
	vs_printf("  soft -> pl0 [style=dotted, label=\"net_rx_action()\\nwalks\"];\n");
	vs_printf("}\n");
	return 0;
}

int do_draw(int argc, char **argv)
{
	if (argc < 1)
		return draw_usage("sim draw needs netdev DEV, pair, path or softnet");
	if (!strcmp(argv[0], "netdev"))
		return draw_netdev(argc - 1, argv + 1);
	if (!strcmp(argv[0], "pair"))
		return draw_pair(argc - 1, argv + 1);
	if (!strcmp(argv[0], "path"))
		return draw_path(argc - 1, argv + 1);
	if (!strcmp(argv[0], "softnet"))
		return draw_softnet(argc - 1, argv + 1);
	return draw_usage("sim draw needs netdev DEV, pair, path or softnet");
}
