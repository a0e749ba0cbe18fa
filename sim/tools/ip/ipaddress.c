// SPDX-License-Identifier: GPL-2.0
/*
 * ip address, and the device lines `ip link` shares with it.
 * iproute2 6.1: ip/ipaddress.c (print_linkinfo, print_link_flags,
 * print_link_stats64, print_addrinfo, ipaddr_modify).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/inetdevice.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <net/addrconf.h>
#include <net/route.h>
#include <sys/socket.h>
#include "ip/ip_common.h"

/* iproute2 lib/rt_names.c rtnl_rtscope_n2a(): a route or address scope's name */
const char *rtnl_rtscope_n2a(int scope, char *buf, size_t size)
{
	switch (scope) {
	case RT_SCOPE_UNIVERSE:
		return "global";
	case RT_SCOPE_SITE:
		return "site";
	case RT_SCOPE_LINK:
		return "link";
	case RT_SCOPE_HOST:
		return "host";
	case RT_SCOPE_NOWHERE:
		return "nowhere";
	default:
		snprintf(buf, size, "%d", scope);
		return buf;
	}
}

/*
 * -o: a record is printed into a side buffer, then every newline but the
 * last becomes '\\' (iproute2 prints _SL_ instead of "\n").
 */
struct oneline_state {
	struct strbuf	buf;
	struct strbuf	*orig;
};

static void oneline_begin(struct oneline_state *st)
{
	sb_init(&st->buf);
	st->orig = vs_current->out;
	vs_current->out = &st->buf;
}

static void oneline_end(struct oneline_state *st)
{
	size_t i;

	vs_current->out = st->orig;
	for (i = 0; i + 1 < st->buf.len; i++)
		if (st->buf.buf[i] == '\n')
			st->buf.buf[i] = '\\';
	if (st->buf.len)
		vs_puts(st->buf.buf);
	sb_free(&st->buf);
}

void print_link_flags(unsigned int flags, bool mdown)
{
	static const struct { unsigned int bit; const char *name; } pf[] = {
		{ IFF_LOOPBACK, "LOOPBACK" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_POINTOPOINT, "POINTOPOINT" }, { IFF_MULTICAST, "MULTICAST" },
		{ IFF_NOARP, "NOARP" }, { IFF_ALLMULTI, "ALLMULTI" },
		{ IFF_PROMISC, "PROMISC" }, { IFF_MASTER, "MASTER" },
		{ IFF_SLAVE, "SLAVE" }, { IFF_DEBUG, "DEBUG" },
		{ 0x4000 /* IFF_DYNAMIC */, "DYNAMIC" },
		{ 0x2000 /* IFF_AUTOMEDIA */, "AUTOMEDIA" },
		{ 0x8000 /* IFF_PORTSEL */, "PORTSEL" },
		{ IFF_NOTRAILERS, "NOTRAILERS" }, { IFF_UP, "UP" },
		{ IFF_LOWER_UP, "LOWER_UP" }, { IFF_DORMANT, "DORMANT" },
		{ 0x40000 /* IFF_ECHO */, "ECHO" },
	};
	size_t i;

	vs_printf("<");
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		vs_printf(flags ? "%s," : "%s", "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	for (i = 0; i < sizeof(pf) / sizeof(pf[0]); i++) {
		if (flags & pf[i].bit) {
			flags &= ~pf[i].bit;
			vs_printf(flags ? "%s," : "%s", pf[i].name);
		}
	}
	if (flags)
		vs_printf("%x", flags);
	if (mdown)
		vs_printf(",%s", "M-DOWN");
	vs_printf("> ");
}

static const char *oper_state_name(unsigned int state)
{
	static const char *const names[] = {
		"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
		"TESTING", "DORMANT", "UP",
	};

	return state < sizeof(names) / sizeof(names[0]) ? names[state] : "UNKNOWN";
}

/*
 * What IFLA_LINK / IFLA_LINK_NETNSID give: "name@peer", "name@ifN",
 * "name@NONE" or just "name"; *mdown when the peer is here and down
 * (its flags from RTM_GETLINK, as iproute2's ll_index_to_flags()).
 */
static void link_name(struct net *net, const struct rtnl_link_msg *m,
		      char *buf, size_t size, bool *mdown)
{
	struct rtnl_link_msg peer;

	*mdown = false;
	if (!m->has_link) {
		snprintf(buf, size, "%s", m->ifname);
		return;
	}
	if (m->link == 0) {
		snprintf(buf, size, "%s@NONE", m->ifname);
	} else if (m->link_netnsid != NETNSA_NSID_NOT_ASSIGNED) {
		snprintf(buf, size, "%s@if%d", m->ifname, m->link);
	} else if (rtnl_getlink(net, m->link, NULL, &peer) == 0) {
		snprintf(buf, size, "%s@%s", m->ifname, peer.ifname);
		*mdown = !(peer.ifi.ifi_flags & IFF_UP);
	} else {
		snprintf(buf, size, "%s@if%d", m->ifname, m->link);
	}
}

static const char *ll_type_name(unsigned short type)
{
	switch (type) {
	case ARPHRD_ETHER:
		return "ether";
	case ARPHRD_LOOPBACK:
		return "loopback";
	default:
		return "none";
	}
}

static unsigned int num_width(unsigned long long v)
{
	char buf[32];

	return (unsigned int)snprintf(buf, sizeof(buf), "%llu", v);
}

static void size_columns(unsigned int *cols, unsigned int n, ...)
{
	va_list ap;
	unsigned int i, w;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		w = num_width(va_arg(ap, unsigned long long));
		if (cols[i] < w)
			cols[i] = w;
	}
	va_end(ap);
}

static void print_num(unsigned int width, unsigned long long v)
{
	vs_printf("%*llu ", (int)width, v);
}

/* ipaddress.c print_link_stats64(), the text form. */
static void print_link_stats64(const struct rtnl_link_stats64 *s,
			       unsigned long long carrier_changes)
{
	unsigned int cols[] = {
		sizeof("*X errors:") - 1, sizeof("packets") - 1,
		sizeof("errors") - 1, sizeof("dropped") - 1,
		sizeof("heartbt") - 1, sizeof("overrun") - 1,
		sizeof("compressed") - 1,
	};
	size_columns(cols, 7, (unsigned long long)s->rx_bytes,
		     (unsigned long long)s->rx_packets,
		     (unsigned long long)s->rx_errors,
		     (unsigned long long)s->rx_dropped,
		     (unsigned long long)s->rx_missed_errors,
		     (unsigned long long)s->multicast,
		     (unsigned long long)s->rx_compressed);
	if (show_stats > 1)
		size_columns(cols, 7, 0ull,
			     (unsigned long long)s->rx_length_errors,
			     (unsigned long long)s->rx_crc_errors,
			     (unsigned long long)s->rx_frame_errors,
			     (unsigned long long)s->rx_fifo_errors,
			     (unsigned long long)s->rx_over_errors,
			     (unsigned long long)s->rx_nohandler);
	size_columns(cols, 7, (unsigned long long)s->tx_bytes,
		     (unsigned long long)s->tx_packets,
		     (unsigned long long)s->tx_errors,
		     (unsigned long long)s->tx_dropped,
		     (unsigned long long)s->tx_carrier_errors,
		     (unsigned long long)s->collisions,
		     (unsigned long long)s->tx_compressed);
	if (show_stats > 1)
		size_columns(cols, 7, 0ull, 0ull,
			     (unsigned long long)s->tx_aborted_errors,
			     (unsigned long long)s->tx_fifo_errors,
			     (unsigned long long)s->tx_window_errors,
			     (unsigned long long)s->tx_heartbeat_errors,
			     carrier_changes);

	vs_printf("    RX: %*s %*s %*s %*s %*s %*s %*s\n",
		  (int)cols[0] - 4, "bytes", (int)cols[1], "packets",
		  (int)cols[2], "errors", (int)cols[3], "dropped",
		  (int)cols[4], "missed", (int)cols[5], "mcast",
		  (int)cols[6], s->rx_compressed ? "compressed" : "");
	vs_printf("    ");
	print_num(cols[0], s->rx_bytes);
	print_num(cols[1], s->rx_packets);
	print_num(cols[2], s->rx_errors);
	print_num(cols[3], s->rx_dropped);
	print_num(cols[4], s->rx_missed_errors);
	print_num(cols[5], s->multicast);
	if (s->rx_compressed)
		print_num(cols[6], s->rx_compressed);
	if (show_stats > 1) {
		vs_printf("\n");
		vs_printf("    RX errors:%*s %*s %*s %*s %*s %*s%s%*s\n",
			  (int)cols[0] - 10, "", (int)cols[1], "length",
			  (int)cols[2], "crc", (int)cols[3], "frame",
			  (int)cols[4], "fifo", (int)cols[5], "overrun",
			  s->rx_nohandler ? " " : "",
			  s->rx_nohandler ? (int)cols[6] : 0,
			  s->rx_nohandler ? "nohandler" : "");
		vs_printf("%*s", (int)cols[0] + 5, "");
		print_num(cols[1], s->rx_length_errors);
		print_num(cols[2], s->rx_crc_errors);
		print_num(cols[3], s->rx_frame_errors);
		print_num(cols[4], s->rx_fifo_errors);
		print_num(cols[5], s->rx_over_errors);
		if (s->rx_nohandler)
			print_num(cols[6], s->rx_nohandler);
	}
	vs_printf("\n");
	vs_printf("    TX: %*s %*s %*s %*s %*s %*s %*s\n",
		  (int)cols[0] - 4, "bytes", (int)cols[1], "packets",
		  (int)cols[2], "errors", (int)cols[3], "dropped",
		  (int)cols[4], "carrier", (int)cols[5], "collsns",
		  (int)cols[6], s->tx_compressed ? "compressed" : "");
	vs_printf("    ");
	print_num(cols[0], s->tx_bytes);
	print_num(cols[1], s->tx_packets);
	print_num(cols[2], s->tx_errors);
	print_num(cols[3], s->tx_dropped);
	print_num(cols[4], s->tx_carrier_errors);
	print_num(cols[5], s->collisions);
	if (s->tx_compressed)
		print_num(cols[6], s->tx_compressed);
	if (show_stats > 1) {
		vs_printf("\n");
		vs_printf("    TX errors:%*s %*s %*s %*s %*s %*s\n",
			  (int)cols[0] - 10, "", (int)cols[1], "aborted",
			  (int)cols[2], "fifo", (int)cols[3], "window",
			  (int)cols[4], "heartbt", (int)cols[5], "transns");
		vs_printf("%*s", (int)cols[0] + 5, "");
		print_num(cols[1], s->tx_aborted_errors);
		print_num(cols[2], s->tx_fifo_errors);
		print_num(cols[3], s->tx_window_errors);
		print_num(cols[4], s->tx_heartbeat_errors);
		print_num(cols[5], carrier_changes);
	}
	vs_printf("\n");
}

static int __print_linkinfo(struct net *net, const struct rtnl_link_msg *m,
			    bool do_link);

/* ipaddress.c print_linkinfo(): the two (or more) lines of one device. */
int print_linkinfo(struct net *net, const struct rtnl_link_msg *m, bool do_link)
{
	struct oneline_state st;
	int ret;

	if (!oneline || brief)
		return __print_linkinfo(net, m, do_link);
	oneline_begin(&st);
	ret = __print_linkinfo(net, m, do_link);
	oneline_end(&st);
	return ret;
}

static int __print_linkinfo(struct net *net, const struct rtnl_link_msg *m,
			    bool do_link)
{
	char name[64], addr[64], brd[64];
	unsigned int flags = m->ifi.ifi_flags;
	bool mdown;

	if (brief)
		return print_linkinfo_brief(net, m, do_link);
	link_name(net, m, name, sizeof(name), &mdown);
	vs_printf("%d: %s: ", m->ifi.ifi_index, name);
	print_link_flags(flags, mdown);
	vs_printf("mtu %u ", m->mtu);
	if (m->qdisc[0])
		vs_printf("qdisc %s ", m->qdisc);
	vs_printf("state %s ", oper_state_name(m->operstate));
	if (do_link)
		vs_printf("mode %s ", m->linkmode ? "DORMANT" : "DEFAULT");
	if (m->group)
		vs_printf("group %u ", m->group);
	else
		vs_printf("group default ");
	vs_printf("qlen %u", m->txqlen);
	/* the link layer line is left out when a family filter is on */
	if (do_link || !preferred_family || show_details)
		vs_printf("\n    link/%s %s brd %s", ll_type_name(m->ifi.ifi_type),
			  ll_addr_n2a(m->address, (int)m->addr_len, addr,
				      sizeof(addr)),
			  ll_addr_n2a(m->broadcast, (int)m->addr_len, brd,
				      sizeof(brd)));
	if (m->link_netnsid != NETNSA_NSID_NOT_ASSIGNED) {
		const char *ns = netns_name_from_nsid(net, m->link_netnsid);

		if (ns)
			vs_printf(" link-netns %s", ns);
		else
			vs_printf(" link-netnsid %d", m->link_netnsid);
	}
	if (show_details) {
		vs_printf(" promiscuity %u  allmulti %u minmtu %u maxmtu %u ",
			  m->promiscuity, m->allmulti, m->min_mtu, m->max_mtu);
		if (m->kind[0])
			vs_printf("\n    %s ", m->kind);
		if (do_link)
			vs_printf("addrgenmode %s ", m->inet6_addr_gen_mode ?
				  "none" : "eui64");
		vs_printf("numtxqueues %u numrxqueues %u gso_max_size %u gso_max_segs %u tso_max_size %u tso_max_segs %u gro_max_size %u ",
			  m->num_tx_queues, m->num_rx_queues, m->gso_max_size,
			  m->gso_max_segs, m->tso_max_size, m->tso_max_segs,
			  m->gro_max_size);
	}
	if (do_link && m->ifalias[0])
		vs_printf("\n    alias %s", m->ifalias);
	if (show_stats && do_link) {
		vs_printf("\n");
		print_link_stats64(&m->stats64, m->carrier_changes);
		return 0;
	}
	vs_printf("\n");
	return 0;
}

static void print_addrs_brief(struct net *net, int ifindex);

/* ipaddress.c print_linkinfo(brief): one line, padded columns. */
int print_linkinfo_brief(struct net *net, const struct rtnl_link_msg *m,
			 bool do_link)
{
	char name[64], addr[64];
	bool mdown;

	link_name(net, m, name, sizeof(name), &mdown);
	vs_printf("%-16s ", name);
	vs_printf("%-14s ", oper_state_name(m->operstate));
	if (do_link) {
		vs_printf("%s ", ll_addr_n2a(m->address, (int)m->addr_len, addr,
					     sizeof(addr)));
		print_link_flags(m->ifi.ifi_flags, mdown);
	} else {
		print_addrs_brief(net, m->ifi.ifi_index);
	}
	vs_printf("\n");
	return 0;
}

static void print_lft(u32 valid, u32 preferred)
{
	vs_printf("       valid_lft ");
	if (valid == INFINITY_LIFE_TIME)
		vs_printf("forever");
	else
		vs_printf("%usec", valid);
	vs_printf(" preferred_lft ");
	if (preferred == INFINITY_LIFE_TIME)
		vs_printf("forever");
	else
		vs_printf("%usec", preferred);
	vs_printf("\n");
}

/* The addresses of one device, from RTM_GETADDR dumps (IPv4, then IPv6). */
struct addr_list {
	struct rtnl_addr_msg	*v;
	size_t			n;
};

static int addr_collect(const void *msg, void *arg)
{
	struct addr_list *l = arg;
	struct rtnl_addr_msg *v;

	v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		abort();
	l->v = v;
	memcpy(&l->v[l->n++], msg, sizeof(*v));
	return 0;
}

/* With -4 only IPv4 is asked for, with -6 only IPv6, as iproute2 does. */
static void addr_list_get(struct net *net, int ifindex, struct addr_list *l)
{
	l->v = NULL;
	l->n = 0;
	if (preferred_family != AF_INET6)
		inet_dump_ifaddr(net, ifindex, addr_collect, l);
	if (preferred_family != AF_INET)
		inet6_dump_ifaddr(net, ifindex, addr_collect, l);
}

static const char *addr_a2n(const struct rtnl_addr_msg *a, const u8 *bytes,
			    char *buf, size_t size)
{
	uint32_t v4;

	if (a->ifa.ifa_family == AF_INET6)
		return format_host_ipv6(bytes, buf, size);
	memcpy(&v4, bytes, 4);
	return format_host_ipv4(v4, buf, size);
}

/* iproute2 takes IFA_LOCAL, or IFA_ADDRESS when there is no IFA_LOCAL. */
static const u8 *addr_local(const struct rtnl_addr_msg *a)
{
	return a->has_local ? a->local : a->address;
}

static void print_addrs_brief(struct net *net, int ifindex)
{
	struct addr_list l;
	char a[64];
	size_t i;

	addr_list_get(net, ifindex, &l);
	for (i = 0; i < l.n; i++)
		vs_printf("%s/%d ", addr_a2n(&l.v[i], addr_local(&l.v[i]), a,
					     sizeof(a)),
			  l.v[i].ifa.ifa_prefixlen);
	free(l.v);
}

/* ipaddress.c print_addrinfo(), IPv4 */
static void print_addrinfo_inet(const struct rtnl_addr_msg *ifa,
				const char *ifname)
{
	const u8 *local = addr_local(ifa);
	char a[64], s[16];

	vs_printf("    inet %s/%d ", addr_a2n(ifa, local, a, sizeof(a)),
		  ifa->ifa.ifa_prefixlen);
	if (ifa->has_address && ifa->has_local &&
	    memcmp(ifa->address, ifa->local, 4))
		vs_printf("peer %s/%d ", addr_a2n(ifa, ifa->address, a, sizeof(a)),
			  ifa->ifa.ifa_prefixlen);
	if (ifa->has_broadcast)
		vs_printf("brd %s ", addr_a2n(ifa, ifa->broadcast, a, sizeof(a)));
	vs_printf("scope %s ", rtnl_rtscope_n2a(ifa->ifa.ifa_scope, s,
						 sizeof(s)));
	if (ifa->flags & IFA_F_SECONDARY)
		vs_printf("secondary ");
	if (ifa->flags & IFA_F_NOPREFIXROUTE)
		vs_printf("noprefixroute ");
	vs_printf("%s\n", ifa->label[0] ? ifa->label : ifname);
	print_lft(ifa->valid_lft, ifa->preferred_lft);
}

/* ipaddress.c print_addrinfo(), IPv6 */
static void print_addrinfo_inet6(const struct rtnl_addr_msg *ifa)
{
	char a[64], s[16];

	vs_printf("    inet6 %s/%d scope %s ",
		  addr_a2n(ifa, addr_local(ifa), a, sizeof(a)),
		  ifa->ifa.ifa_prefixlen,
		  rtnl_rtscope_n2a(ifa->ifa.ifa_scope, s, sizeof(s)));
	if (ifa->flags & IFA_F_NODAD)
		vs_printf("nodad ");
	if (ifa->flags & IFA_F_DADFAILED)
		vs_printf("dadfailed ");
	if (ifa->flags & IFA_F_TENTATIVE)
		vs_printf("tentative ");
	if (!(ifa->flags & IFA_F_PERMANENT))
		vs_printf("dynamic ");
	vs_printf("\n");
	print_lft(ifa->valid_lft, ifa->preferred_lft);
}

/* print_addrinfo() for every address of one device (-o: one line each). */
static void print_addrs(const struct rtnl_link_msg *m,
			const struct addr_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		struct oneline_state st;

		if (oneline) {
			oneline_begin(&st);
			vs_printf("%d: %s", m->ifi.ifi_index, m->ifname);
		}
		if (l->v[i].ifa.ifa_family == AF_INET6)
			print_addrinfo_inet6(&l->v[i]);
		else
			print_addrinfo_inet(&l->v[i], m->ifname);
		if (oneline)
			oneline_end(&st);
	}
}

struct ipaddr_filter {
	struct net	*net;
	bool		up_only;
};

/* One device of the link dump: its lines, then its addresses. */
static int ipaddr_print_one(const void *msg, void *arg)
{
	const struct rtnl_link_msg *m = msg;
	struct ipaddr_filter *f = arg;
	struct addr_list l;

	if (json)
		return print_addrinfo_json(f->net, m, f->up_only &&
					   !(m->ifi.ifi_flags & IFF_UP));
	if (f->up_only && !(m->ifi.ifi_flags & IFF_UP))
		return 0;
	addr_list_get(f->net, m->ifi.ifi_index, &l);
	/* with -4/-6, only devices with an address of that family */
	if (preferred_family && !l.n) {
		free(l.v);
		return 0;
	}
	if (brief) {
		free(l.v);
		print_linkinfo_brief(f->net, m, false);
		return 0;
	}
	if (!oneline)
		print_linkinfo(f->net, m, false);
	print_addrs(m, &l);
	free(l.v);
	return 0;
}

/* ip addr show [dev] DEV [up] */
static int ipaddr_list(int argc, char **argv)
{
	struct ipaddr_filter f = { vs_net(), false };
	struct rtnl_link_msg m;
	const char *filter_dev = NULL;

	while (argc > 0) {
		if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			filter_dev = *argv;
		} else if (!strcmp(*argv, "up")) {
			f.up_only = true;
		} else if (matches(*argv, "scope") || matches(*argv, "to") ||
			   matches(*argv, "label")) {
			NEXT_ARG();	/* accepted, not filtered */
		} else {
			if (filter_dev)
				return duparg2("dev", *argv);
			filter_dev = *argv;
		}
		argc--;
		argv++;
	}
	if (!filter_dev) {
		int rc;

		if (json)
			new_json_obj();
		rc = rtnl_dump_ifinfo(f.net, NULL, ipaddr_print_one, &f);
		if (json)
			delete_json_obj();
		return rc;
	}
	if (rtnl_getlink(f.net, 0, filter_dev, &m)) {
		vs_eprintf("Device \"%s\" does not exist.\n", filter_dev);
		return 1;
	}
	if (json)
		new_json_obj();
	ipaddr_print_one(&m, &f);
	if (json)
		delete_json_obj();
	return 0;
}

/* ipaddress.c ipaddr_modify(): ip addr add|del PREFIX dev DEV ... */
static int ipaddr_modify(bool add, int argc, char **argv)
{
	struct netlink_ext_ack extack = { NULL };
	struct inet_addr_req req;
	const char *d = NULL, *lcl_arg = NULL, *brd_arg = NULL;
	uint32_t addr = 0, peer = 0;
	int len = -1, plen = -1, err;
	bool have_local = false;

	memset(&req, 0, sizeof(req));
	req.scope = -1;
	while (argc > 0) {
		if (!strcmp(*argv, "peer") || !strcmp(*argv, "remote")) {
			NEXT_ARG();
			if (get_prefix_ipv4(*argv, &peer, &plen) < 0) {
				vs_eprintf("Error: any valid prefix is expected rather than \"%s\".\n",
					   *argv);
				return 1;
			}
		} else if (matches(*argv, "broadcast") || !strcmp(*argv, "brd")) {
			NEXT_ARG();
			if (brd_arg) {
				vs_eprintf("Error: duplicate \"broadcast\": \"%s\" is the second value.\n",
					   *argv);
				return 255;
			}
			brd_arg = *argv;
			/* get_addr() right away: the family is known once a
			 * local address (or -4) came before */
			if (strcmp(brd_arg, "+") && strcmp(brd_arg, "-") &&
			    get_addr_ipv4(brd_arg, &req.broadcast) < 0) {
				vs_eprintf("Error: %s address is expected rather than \"%s\".\n",
					   have_local || preferred_family == AF_INET ?
					   "inet" : "any valid", brd_arg);
				return 1;
			}
		} else if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			d = *argv;
		} else if (!strcmp(*argv, "label")) {
			NEXT_ARG();
			req.label = *argv;
		} else if (matches(*argv, "scope")) {
			NEXT_ARG();
			if (!strcmp(*argv, "global"))
				req.scope = RT_SCOPE_UNIVERSE;
			else if (!strcmp(*argv, "link"))
				req.scope = RT_SCOPE_LINK;
			else if (!strcmp(*argv, "host"))
				req.scope = RT_SCOPE_HOST;
			else if (!strcmp(*argv, "site"))
				req.scope = RT_SCOPE_SITE;
			else
				return invarg("invalid scope value.", *argv);
		} else if (!strcmp(*argv, "noprefixroute")) {
			req.noprefixroute = true;
		} else if (!strcmp(*argv, "metric") || !strcmp(*argv, "priority") ||
			   !strcmp(*argv, "preference")) {
			unsigned int m;

			NEXT_ARG();
			if (!get_unsigned(&m, *argv))
				return invarg("\"metric\" value is invalid\n", *argv);
			req.metric = m;
		} else {
			if (!strcmp(*argv, "local")) {
				NEXT_ARG();
			}
			if (have_local)
				return duparg2("local", *argv);
			lcl_arg = *argv;
			if (get_prefix_ipv4(*argv, &addr, &len) < 0) {
				vs_eprintf("Error: any valid prefix is expected rather than \"%s\".\n",
					   *argv);
				return 1;
			}
			have_local = true;
		}
		argc--;
		argv++;
	}
	if (!d) {
		vs_eprintf("Not enough information: \"dev\" argument is required.\n");
		return 1;
	}
	if (!have_local) {
		vs_eprintf("Not enough information: \"local\" argument is required.\n");
		return 1;
	}
	/* iproute2 sends no IFA_ADDRESS then: the kernel matches any prefix */
	if (!add && !peer && len < 0)
		vs_eprintf("Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
			   "         Explicitly specify the prefix length (%s/%d) to avoid this warning.\n"
			   "         This special behaviour is likely to disappear in further releases,\n"
			   "         fix your scripts!\n", lcl_arg, 32);
	req.dev = __dev_get_by_name(vs_net(), d);
	if (!req.dev)
		return nodev(d);
	req.local = addr;
	req.address = peer ? peer : addr;
	req.has_prefixlen = len >= 0 || plen >= 0;
	req.prefixlen = (unsigned char)(plen >= 0 ? plen : len >= 0 ? len : 32);
	if (brd_arg) {
		uint32_t mask = req.prefixlen ? htonl(~((1u << (32 - req.prefixlen)) - 1)) : 0;

		if (!strcmp(brd_arg, "+")) {
			if (req.prefixlen < 31)
				req.broadcast = addr | ~mask;
		} else if (!strcmp(brd_arg, "-")) {
			if (req.prefixlen < 31)
				req.broadcast = addr & mask;
		}
	}
	if (add) {
		if (!req.has_prefixlen)
			req.has_prefixlen = true;
		err = inet_rtm_newaddr(vs_net(), &req, &extack);
	} else {
		err = inet_rtm_deladdr(vs_net(), &req, &extack);
	}
	return rtnl_report(err, &extack);
}

/* ip addr flush dev DEV: dump, then RTM_DELADDR for each IPv4 address */
static int ipaddr_flush(int argc, char **argv)
{
	struct netlink_ext_ack extack = { NULL };
	struct net_device *dev = NULL;
	struct rtnl_link_msg m;
	const char *name = NULL;
	struct addr_list l;
	int err;

	while (argc > 0) {
		if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
		}
		if (dev)
			return duparg2("dev", *argv);
		dev = __dev_get_by_name(vs_net(), *argv);
		if (!dev) {
			vs_eprintf("Device \"%s\" does not exist.\n", *argv);
			return 1;
		}
		name = *argv;
		argc--;
		argv++;
	}
	if (!dev) {
		vs_eprintf("Flush requires arguments.\n");
		return 255;
	}
	if (rtnl_getlink(vs_net(), 0, name, &m))
		return nodev(name);
	/* deleting a primary may take its secondaries: dump again each time */
	for (;;) {
		struct inet_addr_req req;

		l.v = NULL;
		l.n = 0;
		inet_dump_ifaddr(vs_net(), m.ifi.ifi_index, addr_collect, &l);
		if (!l.n)
			break;
		memset(&req, 0, sizeof(req));
		req.dev = dev;
		memcpy(&req.local, addr_local(&l.v[0]), 4);
		memcpy(&req.address, l.v[0].has_address ? l.v[0].address :
		       addr_local(&l.v[0]), 4);
		req.prefixlen = l.v[0].ifa.ifa_prefixlen;
		req.has_prefixlen = true;
		req.scope = -1;
		free(l.v);
		err = inet_rtm_deladdr(vs_net(), &req, &extack);
		if (err)
			return rtnl_report(err, &extack);
	}
	free(l.v);
	return 0;
}

static int usage(void)
{
	vs_eprintf(
"Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]\n"
"                                                      [ CONFFLAG-LIST ]\n"
"       ip address del IFADDR dev IFNAME [mngtmpaddr]\n"
"       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]\n"
"                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n"
"       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n"
"                         [ nomaster ]\n"
"                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n"
"                         [ label LABEL ] [up] [ vrf NAME ] ]\n"
"       ip address {showdump|restore}\n");
	return 255;
}

int do_ipaddr(int argc, char **argv)
{
	if (argc < 1)
		return ipaddr_list(0, NULL);
	if (matches(*argv, "add"))
		return ipaddr_modify(true, argc - 1, argv + 1);
	if (matches(*argv, "delete"))
		return ipaddr_modify(false, argc - 1, argv + 1);
	if (matches(*argv, "list") || matches(*argv, "show") ||
	    matches(*argv, "lst"))
		return ipaddr_list(argc - 1, argv + 1);
	if (matches(*argv, "flush"))
		return ipaddr_flush(argc - 1, argv + 1);
	if (matches(*argv, "help"))
		return usage();
	vs_eprintf("Command \"%s\" is unknown, try \"ip address help\".\n", *argv);
	return 255;
}
