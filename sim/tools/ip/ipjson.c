// SPDX-License-Identifier: GPL-2.0
/*
 * ip -j [-p]: the JSON iproute2 6.1 prints for links and addresses.
 * iproute2 6.1: lib/json_writer.c (the writer: separators, pretty
 * indentation of four spaces, "[ " and " ]" around pretty arrays),
 * lib/json_print.c (new_json_obj: the whole output is one array) and the
 * PRINT_JSON side of ip/ipaddress.c (print_linkinfo, print_link_stats64,
 * print_addrinfo), in their order of keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/inetdevice.h>
#include <net/rtnetlink.h>
#include <net/addrconf.h>
#include <net/route.h>
#include <net/ip_fib.h>
#include <sys/socket.h>
#include "ip/ip_common.h"

/* ---- lib/json_writer.c ---------------------------------------------- */

static struct {
	unsigned int	depth;
	char		sep;	/* what comes before the next element */
} jw;

static void jsonw_indent(void)
{
	unsigned int i;

	for (i = 0; i < jw.depth; i++)
		vs_puts("    ");
}

static void jsonw_eol(void)
{
	if (!pretty)
		return;
	vs_puts("\n");
	jsonw_indent();
}

static void jsonw_eor(void)
{
	if (jw.sep)
		vs_printf("%c", jw.sep);
	jw.sep = ',';
}

static void jsonw_puts(const char *str)
{
	vs_puts("\"");
	for (; *str; str++) {
		switch (*str) {
		case '\t':
			vs_puts("\\t");
			break;
		case '\n':
			vs_puts("\\n");
			break;
		case '\r':
			vs_puts("\\r");
			break;
		case '\f':
			vs_puts("\\f");
			break;
		case '\b':
			vs_puts("\\b");
			break;
		case '\\':
			vs_puts("\\\\");
			break;
		case '"':
			vs_puts("\\\"");
			break;
		default:
			vs_printf("%c", *str);
		}
	}
	vs_puts("\"");
}

static void jsonw_begin(char c)
{
	jsonw_eor();
	vs_printf("%c", c);
	jw.depth++;
	jw.sep = '\0';
}

static void jsonw_end(char c)
{
	jw.depth--;
	if (jw.sep)
		jsonw_eol();
	vs_printf("%c", c);
	jw.sep = ',';
}

static void jsonw_name(const char *name)
{
	jsonw_eor();
	jsonw_eol();
	jw.sep = '\0';
	jsonw_puts(name);
	vs_puts(pretty ? ": " : ":");
}

static void jsonw_start_object(const char *name)
{
	if (name)
		jsonw_name(name);
	jsonw_begin('{');
}

static void jsonw_end_object(void)
{
	jsonw_end('}');
}

static void jsonw_start_array(const char *name)
{
	if (name)
		jsonw_name(name);
	jsonw_begin('[');
	if (pretty)
		vs_puts(" ");
}

static void jsonw_end_array(void)
{
	if (pretty && jw.sep)
		vs_puts(" ");
	jw.sep = '\0';
	jsonw_end(']');
}

/* A value, named (in an object) or not (in an array). */
/* jsonw_printf(): a value ends a record (the next one gets a comma) */
static void jsonw_value(const char *name)
{
	if (name)
		jsonw_name(name);
	jsonw_eor();
}

static void jsonw_string(const char *name, const char *val)
{
	jsonw_value(name);
	jsonw_puts(val);
}

static void jsonw_u64(const char *name, unsigned long long val)
{
	jsonw_value(name);
	vs_printf("%llu", val);
}

static void jsonw_int(const char *name, int val)
{
	jsonw_value(name);
	vs_printf("%d", val);
}

static void jsonw_bool(const char *name, bool val)
{
	jsonw_value(name);
	vs_puts(val ? "true" : "false");
}

static void jsonw_null(const char *name)
{
	jsonw_value(name);
	vs_puts("null");
}

/* lib/json_print.c new_json_obj() / delete_json_obj(): one array. */
void new_json_obj(void)
{
	jw.depth = 0;
	jw.sep = '\0';
	jsonw_start_array(NULL);
}

void delete_json_obj(void)
{
	jsonw_end_array();
	vs_puts("\n");
}

/* ---- ip/ipaddress.c, the JSON side ---------------------------------- */

static const char *oper_state_name(unsigned int state)
{
	static const char *const names[] = {
		"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
		"TESTING", "DORMANT", "UP",
	};

	return state < sizeof(names) / sizeof(names[0]) ? names[state] : "UNKNOWN";
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

/* print_link_flags(): the "flags" array, with NO-CARRIER and M-DOWN. */
static void json_link_flags(unsigned int flags, bool mdown)
{
	static const struct { unsigned int bit; const char *name; } pf[] = {
		{ IFF_LOOPBACK, "LOOPBACK" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_POINTOPOINT, "POINTOPOINT" }, { IFF_MULTICAST, "MULTICAST" },
		{ IFF_NOARP, "NOARP" }, { IFF_ALLMULTI, "ALLMULTI" },
		{ IFF_PROMISC, "PROMISC" }, { IFF_MASTER, "MASTER" },
		{ IFF_SLAVE, "SLAVE" }, { IFF_DEBUG, "DEBUG" },
		{ 0x4000, "DYNAMIC" }, { 0x2000, "AUTOMEDIA" },
		{ 0x8000, "PORTSEL" }, { IFF_NOTRAILERS, "NOTRAILERS" },
		{ IFF_UP, "UP" }, { IFF_LOWER_UP, "LOWER_UP" },
		{ IFF_DORMANT, "DORMANT" }, { 0x40000, "ECHO" },
	};
	size_t i;

	jsonw_start_array("flags");
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		jsonw_string(NULL, "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	for (i = 0; i < sizeof(pf) / sizeof(pf[0]); i++) {
		if (flags & pf[i].bit) {
			flags &= ~pf[i].bit;
			jsonw_string(NULL, pf[i].name);
		}
	}
	if (flags) {
		char b[16];

		snprintf(b, sizeof(b), "%x", flags);
		jsonw_string(NULL, b);
	}
	if (mdown)
		jsonw_string(NULL, "M-DOWN");
	jsonw_end_array();
}

/* print_name_and_link(): "link" (or "link_index"), then "ifname". */
static bool json_name_and_link(struct net *net, const struct rtnl_link_msg *m)
{
	struct rtnl_link_msg peer;
	bool mdown = false;

	if (m->has_link) {
		if (!m->link) {
			jsonw_null("link");
		} else if (m->link_netnsid != NETNSA_NSID_NOT_ASSIGNED) {
			jsonw_int("link_index", m->link);
		} else if (rtnl_getlink(net, m->link, NULL, &peer) == 0) {
			jsonw_string("link", peer.ifname);
			mdown = !(peer.ifi.ifi_flags & IFF_UP);
		} else {
			jsonw_null("link");
		}
	}
	jsonw_string("ifname", m->ifname);
	return mdown;
}

/* print_link_stats64(), PRINT_JSON: "stats64": { "rx": {}, "tx": {} } */
static void json_link_stats64(const struct rtnl_link_msg *m)
{
	const struct rtnl_link_stats64 *s = &m->stats64;

	jsonw_start_object("stats64");
	jsonw_start_object("rx");
	jsonw_u64("bytes", s->rx_bytes);
	jsonw_u64("packets", s->rx_packets);
	jsonw_u64("errors", s->rx_errors);
	jsonw_u64("dropped", s->rx_dropped);
	jsonw_u64("over_errors", s->rx_over_errors);
	jsonw_u64("multicast", s->multicast);
	if (s->rx_compressed)
		jsonw_u64("compressed", s->rx_compressed);
	if (show_stats > 1) {
		jsonw_u64("length_errors", s->rx_length_errors);
		jsonw_u64("crc_errors", s->rx_crc_errors);
		jsonw_u64("frame_errors", s->rx_frame_errors);
		jsonw_u64("fifo_errors", s->rx_fifo_errors);
		jsonw_u64("missed_errors", s->rx_missed_errors);
		if (s->rx_nohandler)
			jsonw_u64("nohandler", s->rx_nohandler);
	}
	jsonw_end_object();
	jsonw_start_object("tx");
	jsonw_u64("bytes", s->tx_bytes);
	jsonw_u64("packets", s->tx_packets);
	jsonw_u64("errors", s->tx_errors);
	jsonw_u64("dropped", s->tx_dropped);
	jsonw_u64("carrier_errors", s->tx_carrier_errors);
	jsonw_u64("collisions", s->collisions);
	if (s->tx_compressed)
		jsonw_u64("compressed", s->tx_compressed);
	if (show_stats > 1) {
		jsonw_u64("aborted_errors", s->tx_aborted_errors);
		jsonw_u64("fifo_errors", s->tx_fifo_errors);
		jsonw_u64("window_errors", s->tx_window_errors);
		jsonw_u64("heartbeat_errors", s->tx_heartbeat_errors);
		jsonw_u64("carrier_changes", m->carrier_changes);
	}
	jsonw_end_object();
	jsonw_end_object();
}

/* print_linkinfo() into the object the caller opened. */
static void json_linkinfo(struct net *net, const struct rtnl_link_msg *m,
			  bool do_link)
{
	char addr[64];
	bool mdown;

	jsonw_int("ifindex", m->ifi.ifi_index);
	mdown = json_name_and_link(net, m);
	json_link_flags(m->ifi.ifi_flags, mdown);
	jsonw_u64("mtu", m->mtu);
	if (m->qdisc[0])
		jsonw_string("qdisc", m->qdisc);
	jsonw_string("operstate", oper_state_name(m->operstate));
	if (do_link)
		jsonw_string("linkmode", m->linkmode ? "DORMANT" : "DEFAULT");
	if (m->group) {
		snprintf(addr, sizeof(addr), "%u", m->group);
		jsonw_string("group", addr);
	} else {
		jsonw_string("group", "default");
	}
	jsonw_u64("txqlen", m->txqlen);
	/* the link layer is left out when a family filter is on */
	if (do_link || !preferred_family || show_details)
		jsonw_string("link_type", ll_type_name(m->ifi.ifi_type));
	if ((do_link || !preferred_family || show_details) && m->addr_len) {
		jsonw_string("address", ll_addr_n2a(m->address, (int)m->addr_len,
						    addr, sizeof(addr)));
		jsonw_string("broadcast", ll_addr_n2a(m->broadcast,
						      (int)m->addr_len, addr,
						      sizeof(addr)));
	}
	if (m->link_netnsid != NETNSA_NSID_NOT_ASSIGNED)
		jsonw_int("link_netnsid", m->link_netnsid);
	if (show_details) {
		jsonw_u64("promiscuity", m->promiscuity);
		jsonw_u64("allmulti", m->allmulti);
		jsonw_u64("min_mtu", m->min_mtu);
		jsonw_u64("max_mtu", m->max_mtu);
		if (m->kind[0]) {
			jsonw_start_object("linkinfo");
			jsonw_string("info_kind", m->kind);
			jsonw_end_object();
		}
		if (do_link)
			jsonw_string("inet6_addr_gen_mode",
				     m->inet6_addr_gen_mode ? "none" : "eui64");
		jsonw_u64("num_tx_queues", m->num_tx_queues);
		jsonw_u64("num_rx_queues", m->num_rx_queues);
		jsonw_u64("gso_max_size", m->gso_max_size);
		jsonw_u64("gso_max_segs", m->gso_max_segs);
		jsonw_u64("tso_max_size", m->tso_max_size);
		jsonw_u64("tso_max_segs", m->tso_max_segs);
		jsonw_u64("gro_max_size", m->gro_max_size);
	}
	if (do_link && m->ifalias[0])
		jsonw_string("ifalias", m->ifalias);
	if (do_link && show_stats)
		json_link_stats64(m);
}

/*
 * ip -j link: one object per device. A device the `up` filter drops
 * still gets its (empty) object: iproute2 opens it before
 * print_linkinfo() returns early.
 */
int print_linkinfo_json(struct net *net, const struct rtnl_link_msg *m,
			bool filtered)
{
	jsonw_start_object(NULL);
	if (!filtered) {
		if (brief) {
			char addr[64];
			bool mdown = json_name_and_link(net, m);

			jsonw_string("operstate", oper_state_name(m->operstate));
			jsonw_string("address", ll_addr_n2a(m->address,
							    (int)m->addr_len,
							    addr, sizeof(addr)));
			json_link_flags(m->ifi.ifi_flags, mdown);
		} else {
			json_linkinfo(net, m, true);
		}
	}
	jsonw_end_object();
	return 0;
}

struct json_addrs {
	struct rtnl_addr_msg	*v;
	size_t			n;
};

static int json_addr_collect(const void *msg, void *arg)
{
	struct json_addrs *l = arg;
	struct rtnl_addr_msg *v = realloc(l->v, (l->n + 1) * sizeof(*v));

	if (!v)
		abort();
	l->v = v;
	memcpy(&l->v[l->n++], msg, sizeof(*v));
	return 0;
}

static const char *addr_str(const struct rtnl_addr_msg *a, const u8 *bytes,
			    char *buf, size_t size)
{
	uint32_t v4;

	if (a->ifa.ifa_family == AF_INET6)
		return format_host_ipv6(bytes, buf, size);
	memcpy(&v4, bytes, 4);
	return format_host_ipv4(v4, buf, size);
}

/* print_addrinfo(), PRINT_JSON: one element of "addr_info". */
static void json_addrinfo(const struct rtnl_addr_msg *ifa, const char *ifname)
{
	const u8 *local = ifa->has_local ? ifa->local : ifa->address;
	bool v6 = ifa->ifa.ifa_family == AF_INET6;
	char a[64], s[16];

	jsonw_start_object(NULL);
	jsonw_string("family", v6 ? "inet6" : "inet");
	jsonw_string("local", addr_str(ifa, local, a, sizeof(a)));
	if (!v6 && ifa->has_address && ifa->has_local &&
	    memcmp(ifa->address, ifa->local, 4))
		jsonw_string("address", addr_str(ifa, ifa->address, a,
						 sizeof(a)));
	jsonw_u64("prefixlen", ifa->ifa.ifa_prefixlen);
	if (!v6 && ifa->has_broadcast)
		jsonw_string("broadcast", addr_str(ifa, ifa->broadcast, a,
						   sizeof(a)));
	jsonw_string("scope", rtnl_rtscope_n2a(ifa->ifa.ifa_scope, s, sizeof(s)));
	/* print_ifa_flags(), in ifa_flag_data[] order */
	if (v6) {
		if (ifa->flags & IFA_F_NODAD)
			jsonw_bool("nodad", true);
		if (ifa->flags & IFA_F_DADFAILED)
			jsonw_bool("dadfailed", true);
		if (ifa->flags & IFA_F_TENTATIVE)
			jsonw_bool("tentative", true);
		if (!(ifa->flags & IFA_F_PERMANENT))
			jsonw_bool("dynamic", true);
	} else {
		if (ifa->flags & IFA_F_SECONDARY)
			jsonw_bool("secondary", true);
		if (ifa->flags & IFA_F_NOPREFIXROUTE)
			jsonw_bool("noprefixroute", true);
		jsonw_string("label", ifa->label[0] ? ifa->label : ifname);
	}
	jsonw_u64("valid_life_time", ifa->valid_lft);
	jsonw_u64("preferred_life_time", ifa->preferred_lft);
	jsonw_end_object();
}

/*
 * ip -j addr: the device's object with its "addr_info" array (and
 * "stats64" after it with -s). With -4/-6 a device without such an
 * address is left out altogether; `up` leaves an empty object.
 */
int print_addrinfo_json(struct net *net, const struct rtnl_link_msg *m,
			bool filtered)
{
	struct json_addrs l = { NULL, 0 };
	size_t i;

	if (preferred_family != AF_INET6)
		inet_dump_ifaddr(net, m->ifi.ifi_index, json_addr_collect, &l);
	if (preferred_family != AF_INET)
		inet6_dump_ifaddr(net, m->ifi.ifi_index, json_addr_collect, &l);
	if (preferred_family && !l.n) {
		free(l.v);
		return 0;
	}
	jsonw_start_object(NULL);
	if (!filtered && brief) {
		char a[64];

		json_name_and_link(net, m);
		jsonw_string("operstate", oper_state_name(m->operstate));
		jsonw_start_array("addr_info");
		for (i = 0; i < l.n; i++) {
			jsonw_start_object(NULL);
			jsonw_string("local", addr_str(&l.v[i], l.v[i].has_local ?
						       l.v[i].local :
						       l.v[i].address, a,
						       sizeof(a)));
			jsonw_u64("prefixlen", l.v[i].ifa.ifa_prefixlen);
			jsonw_end_object();
		}
		jsonw_end_array();
	} else if (!filtered) {
		json_linkinfo(net, m, false);
		jsonw_start_array("addr_info");
		for (i = 0; i < l.n; i++)
			json_addrinfo(&l.v[i], m->ifname);
		jsonw_end_array();
		if (show_stats)
			json_link_stats64(m);
	}
	jsonw_end_object();
	free(l.v);
	return 0;
}

/* ---- ip/iproute.c print_route() and ip/ipneigh.c print_neigh() ------- */

static const char *route_proto_name(unsigned int p, char *buf, size_t size)
{
	switch (p) {
	case RTPROT_REDIRECT:	return "redirect";
	case RTPROT_KERNEL:	return "kernel";
	case RTPROT_BOOT:	return "boot";
	case RTPROT_STATIC:	return "static";
	default:
		snprintf(buf, size, "%u", p);
		return buf;
	}
}

/*
 * One route object: "type" unless unicast, "dst", "gateway", "dev" (not
 * when listing one device),
 * "table" (only when every table is listed), "protocol" unless boot,
 * "scope" unless global, "prefsrc", "metric", and always "flags".
 */
int print_route_json(struct net *net, const struct rtnl_route_msg *r,
		     bool show_table, bool show_dev)
{
	static const char *const rtn_names[] = {
		"none", "unicast", "local", "broadcast", "anycast",
		"multicast", "blackhole", "unreachable", "prohibit", "throw",
		"nat", "xresolve",
	};
	struct rtnl_link_msg m;
	char a[48], b[16];

	jsonw_start_object(NULL);
	if (r->rtm.rtm_type != RTN_UNICAST &&
	    r->rtm.rtm_type < sizeof(rtn_names) / sizeof(rtn_names[0]))
		jsonw_string("type", rtn_names[r->rtm.rtm_type]);
	if (r->rtm.rtm_dst_len == 0 && r->dst == 0) {
		jsonw_string("dst", "default");
	} else if (r->rtm.rtm_dst_len == 32) {
		jsonw_string("dst", format_host_ipv4(r->dst, a, sizeof(a)));
	} else {
		size_t n;

		format_host_ipv4(r->dst, a, sizeof(a));
		n = strlen(a);
		snprintf(a + n, sizeof(a) - n, "/%u", r->rtm.rtm_dst_len);
		jsonw_string("dst", a);
	}
	if (r->gateway)
		jsonw_string("gateway", format_host_ipv4(r->gateway, a,
							 sizeof(a)));
	if (r->oif && show_dev) {
		if (rtnl_getlink(net, r->oif, NULL, &m) == 0)
			snprintf(a, sizeof(a), "%s", m.ifname);
		else
			snprintf(a, sizeof(a), "if%d", r->oif);
		jsonw_string("dev", a);
	}
	if (show_table && r->table != RT_TABLE_MAIN)
		jsonw_string("table", r->table == RT_TABLE_LOCAL ? "local" :
			     "default");
	if (r->rtm.rtm_protocol != RTPROT_BOOT)
		jsonw_string("protocol", route_proto_name(r->rtm.rtm_protocol,
							  b, sizeof(b)));
	if (r->rtm.rtm_scope != RT_SCOPE_UNIVERSE)
		jsonw_string("scope", rtnl_rtscope_n2a(r->rtm.rtm_scope, b,
						 sizeof(b)));
	if (r->prefsrc)
		jsonw_string("prefsrc", format_host_ipv4(r->prefsrc, a,
							 sizeof(a)));
	if (r->priority)
		jsonw_u64("metric", r->priority);
	jsonw_start_array("flags");
	if (r->rtm.rtm_flags & RTNH_F_DEAD)
		jsonw_string(NULL, "dead");
	if (r->rtm.rtm_flags & RTNH_F_ONLINK)
		jsonw_string(NULL, "onlink");
	if (r->rtm.rtm_flags & RTNH_F_LINKDOWN)
		jsonw_string(NULL, "linkdown");
	jsonw_end_array();
	jsonw_end_object();
	return 0;
}

/*
 * One neighbour object: "dst", "dev" (unless listing one device),
 * "lladdr", and "state" as an array of names.
 */
int print_neigh_json(struct net *net, const struct rtnl_neigh_msg *r,
		     bool show_dev, const char *state)
{
	struct rtnl_link_msg link;
	char a[48];
	uint32_t dst;

	jsonw_start_object(NULL);
	memcpy(&dst, r->dst, 4);
	jsonw_string("dst", format_host_ipv4(dst, a, sizeof(a)));
	if (show_dev) {
		if (rtnl_getlink(net, r->ndm.ndm_ifindex, NULL, &link) == 0)
			snprintf(a, sizeof(a), "%s", link.ifname);
		else
			snprintf(a, sizeof(a), "if%d", r->ndm.ndm_ifindex);
		jsonw_string("dev", a);
	}
	if (r->lladdr_len)
		jsonw_string("lladdr", ll_addr_n2a(r->lladdr,
						   (int)r->lladdr_len, a,
						   sizeof(a)));
	jsonw_start_array("state");
	jsonw_string(NULL, state);
	jsonw_end_array();
	jsonw_end_object();
	return 0;
}

/* ip/ipnetns.c netns_list(), PRINT_JSON: [{"name":N[,"id":I]},...] */
void netns_list_json(const char *name, int id, bool first)
{
	if (first)
		new_json_obj();
	if (!name) {
		delete_json_obj();
		return;
	}
	jsonw_start_object(NULL);
	jsonw_string("name", name);
	if (id >= 0)
		jsonw_u64("id", (unsigned int)id);
	jsonw_end_object();
}

/* ip/ipnetns.c print_nsid(), PRINT_JSON */
void netns_nsid_json(int nsid, const char *name)
{
	jsonw_start_object(NULL);
	jsonw_int("nsid", nsid);
	if (name)
		jsonw_string("name", name);
	jsonw_end_object();
}
