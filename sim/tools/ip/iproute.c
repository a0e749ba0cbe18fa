// SPDX-License-Identifier: GPL-2.0
/* ip route: the FIB. iproute2 6.1: ip/iproute.c (print_route, iproute_modify). */
#include <stdio.h>
#include <string.h>
#include <linux/netdevice.h>
#include <net/route.h>
#include <net/ip_fib.h>
#include <net/rtnetlink.h>
#include "ip/ip_common.h"

static const char *const rtn_names[] = {
	"none", "unicast", "local", "broadcast", "anycast", "multicast",
	"blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve",
};

static const char *proto_name(unsigned int p, char *buf, size_t size)
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

struct route_filter {
	struct net	*net;
	u32		table;		/* RT_TABLE_UNSPEC: all */
	int		oif;		/* 0: any */
	bool		has_dst;	/* "to PREFIX": exactly that prefix */
	uint32_t	dst;
	int		dst_len;
	int		rdst_len, mdst_len;	/* "root"/"match" PREFIX, -1: none */
	uint32_t	rdst, mdst;
	int		protocol, scope, type;	/* -1: any; else fixed */
	uint32_t	via;		/* 0: any */
	bool		flush;		/* collect instead of print */
	struct rtnl_route_msg	*flushed;
	int		nflushed, max_flushed;
};

/* iproute2's ll_index_to_name(): RTM_GETLINK, or "if%d" */
static const char *ll_index_to_name(struct net *net, int ifindex,
				    char *buf, size_t size)
{
	struct rtnl_link_msg m;

	if (rtnl_getlink(net, ifindex, NULL, &m) == 0)
		snprintf(buf, size, "%s", m.ifname);
	else
		snprintf(buf, size, "if%d", ifindex);
	return buf;
}

/* iproute.c filter_nlmsg(): "root" and "match" both the given prefix */
static bool route_filtered_out(const struct rtnl_route_msg *r,
			       const struct route_filter *f)
{
	uint32_t mask;

	if (f->oif && r->oif != f->oif)
		return true;
	if (f->protocol >= 0 && r->rtm.rtm_protocol != f->protocol)
		return true;
	if (f->scope >= 0 && r->rtm.rtm_scope != f->scope)
		return true;
	if (f->type >= 0 && r->rtm.rtm_type != f->type)
		return true;
	if (f->via && r->gateway != f->via)
		return true;
	if (f->rdst_len >= 0) {		/* root: routes inside the prefix */
		mask = f->rdst_len ? htonl(~0u << (32 - f->rdst_len)) : 0;
		if (r->rtm.rtm_dst_len < f->rdst_len ||
		    ((r->dst ^ f->rdst) & mask))
			return true;
	}
	if (f->mdst_len >= 0) {		/* match: routes covering it */
		mask = r->rtm.rtm_dst_len ?
		       htonl(~0u << (32 - r->rtm.rtm_dst_len)) : 0;
		if (r->rtm.rtm_dst_len > f->mdst_len ||
		    ((r->dst ^ f->mdst) & mask))
			return true;
	}
	if (!f->has_dst)
		return false;
	if (r->rtm.rtm_dst_len != f->dst_len)
		return true;
	mask = f->dst_len ? htonl(~0u << (32 - f->dst_len)) : 0;
	return (r->dst & mask) != (f->dst & mask);
}

/* iproute.c print_route(); what the filter fixed (dev) is not repeated */
static int print_route(const void *msg, void *arg)
{
	const struct rtnl_route_msg *r = msg;
	struct route_filter *f = arg;
	char a[32], b[16];

	if (route_filtered_out(r, f))
		return 0;
	if (f->flush) {
		if (f->nflushed < f->max_flushed)
			f->flushed[f->nflushed++] = *r;
		return 0;
	}
	if (json)
		return print_route_json(f->net, r, f->table == RT_TABLE_UNSPEC,
					!f->oif);
	if (r->rtm.rtm_type != RTN_UNICAST && f->type < 0 &&
	    r->rtm.rtm_type < sizeof(rtn_names) / sizeof(rtn_names[0]))
		vs_printf("%s ", rtn_names[r->rtm.rtm_type]);
	if (r->rtm.rtm_dst_len == 0 && r->dst == 0)
		vs_printf("default ");
	else if (r->rtm.rtm_dst_len == 32)
		vs_printf("%s ", format_host_ipv4(r->dst, a, sizeof(a)));
	else
		vs_printf("%s/%u ", format_host_ipv4(r->dst, a, sizeof(a)),
			  r->rtm.rtm_dst_len);
	if (r->gateway && !f->via)
		vs_printf("via %s ", format_host_ipv4(r->gateway, a, sizeof(a)));
	if (r->oif && !f->oif)	/* the filter's device goes unsaid */
		vs_printf("dev %s ", ll_index_to_name(f->net, r->oif, a,
						      sizeof(a)));
	if (f->table == RT_TABLE_UNSPEC && r->table != RT_TABLE_MAIN)
		vs_printf("table %s ", r->table == RT_TABLE_LOCAL ? "local" :
			  "default");
	if (r->rtm.rtm_protocol != RTPROT_BOOT && f->protocol < 0)
		vs_printf("proto %s ", proto_name(r->rtm.rtm_protocol, b,
						  sizeof(b)));
	if (r->rtm.rtm_scope != RT_SCOPE_UNIVERSE && f->scope < 0)
		vs_printf("scope %s ", rtnl_rtscope_n2a(r->rtm.rtm_scope, b, sizeof(b)));
	if (r->prefsrc)
		vs_printf("src %s ", format_host_ipv4(r->prefsrc, a, sizeof(a)));
	if (r->priority)
		vs_printf("metric %u ", r->priority);
	if (r->rtm.rtm_flags & RTNH_F_DEAD)
		vs_printf("dead ");
	if (r->rtm.rtm_flags & RTNH_F_ONLINK)
		vs_printf("onlink ");
	if (r->rtm.rtm_flags & RTNH_F_LINKDOWN)
		vs_printf("linkdown ");
	vs_printf("\n");
	return 0;
}

static int parse_table(const char *arg, u32 *table)
{
	unsigned int t;

	if (!strcmp(arg, "main"))
		*table = RT_TABLE_MAIN;
	else if (!strcmp(arg, "local"))
		*table = RT_TABLE_LOCAL;
	else if (!strcmp(arg, "all") || !strcmp(arg, "0"))
		*table = RT_TABLE_UNSPEC;
	else if (!strcmp(arg, "default"))
		*table = RT_TABLE_DEFAULT;
	else if (get_unsigned(&t, arg))
		*table = t;
	else
		return -1;
	return 0;
}

/* Delete what a flush collected, one RTM_DELROUTE each. */
static int iproute_flush_collected(struct route_filter *f)
{
	struct netlink_ext_ack extack = { NULL };
	int i, err;

	for (i = 0; i < f->nflushed; i++) {
		const struct rtnl_route_msg *r = &f->flushed[i];
		struct fib_config cfg;

		memset(&cfg, 0, sizeof(cfg));
		cfg.fc_dst = r->dst;
		cfg.fc_dst_len = r->rtm.rtm_dst_len;
		cfg.fc_protocol = r->rtm.rtm_protocol;
		cfg.fc_scope = r->rtm.rtm_scope;
		cfg.fc_type = r->rtm.rtm_type;
		cfg.fc_table = r->table;
		cfg.fc_gw4 = r->gateway;
		cfg.fc_oif = r->oif;
		cfg.fc_priority = r->priority;
		cfg.fc_prefsrc = r->prefsrc;
		cfg.fc_nlinfo_net = f->net;
		err = inet_rtm_delroute(f->net, &cfg, &extack);
		if (err && err != -ESRCH)
			return rtnl_report(err, &extack);
	}
	return 0;
}

/* iproute.c iproute_list_flush_or_save() */
static int iproute_list(int argc, char **argv, bool flush)
{
	struct route_filter f = { .net = vs_net(), .table = RT_TABLE_MAIN,
				  .rdst_len = -1, .mdst_len = -1,
				  .protocol = -1, .scope = -1, .type = -1 };
	struct rtnl_route_msg flushed[256];
	struct rtnl_link_msg m;
	uint32_t a;
	int len, err;

	if (flush && argc <= 0) {
		vs_eprintf("\"ip route flush\" requires arguments.\n");
		return 1;
	}
	while (argc > 0) {
		if (matches(*argv, "table")) {
			NEXT_ARG();
			if (parse_table(*argv, &f.table) < 0)
				return invarg("table id value is invalid\n", *argv);
		} else if (!strcmp(*argv, "dev") || !strcmp(*argv, "oif")) {
			NEXT_ARG();
			if (rtnl_getlink(f.net, 0, *argv, &m))
				return nodev(*argv);
			f.oif = m.ifi.ifi_index;
		} else if (!strcmp(*argv, "root") || !strcmp(*argv, "match")) {
			bool root = !strcmp(*argv, "root");

			NEXT_ARG();
			if (get_prefix_ipv4(*argv, &a, &len) < 0) {
				vs_eprintf("Error: any valid prefix is expected rather than \"%s\".\n",
					   *argv);
				return 1;
			}
			if (root) {
				f.rdst = a;
				f.rdst_len = len < 0 ? 32 : len;
			} else {
				f.mdst = a;
				f.mdst_len = len < 0 ? 32 : len;
			}
		} else if (matches(*argv, "protocol")) {
			unsigned int p;

			NEXT_ARG();
			if (!strcmp(*argv, "kernel"))
				f.protocol = RTPROT_KERNEL;
			else if (!strcmp(*argv, "boot"))
				f.protocol = RTPROT_BOOT;
			else if (!strcmp(*argv, "static"))
				f.protocol = RTPROT_STATIC;
			else if (get_unsigned(&p, *argv) && p < 256)
				f.protocol = (int)p;
			else
				return invarg("invalid \"protocol\"\n", *argv);
		} else if (!strcmp(*argv, "scope")) {
			NEXT_ARG();
			if (!strcmp(*argv, "global"))
				f.scope = RT_SCOPE_UNIVERSE;
			else if (!strcmp(*argv, "link"))
				f.scope = RT_SCOPE_LINK;
			else if (!strcmp(*argv, "host"))
				f.scope = RT_SCOPE_HOST;
			else
				return invarg("invalid \"scope\"\n", *argv);
		} else if (!strcmp(*argv, "type")) {
			size_t t;

			NEXT_ARG();
			for (t = 0; t < sizeof(rtn_names) / sizeof(rtn_names[0]); t++)
				if (!strcmp(*argv, rtn_names[t]))
					f.type = (int)t;
			if (f.type < 0)
				return invarg("node type value is invalid\n", *argv);
		} else if (!strcmp(*argv, "via")) {
			NEXT_ARG();
			if (get_addr_ipv4(*argv, &f.via) < 0)
				return invarg("invalid address\n", *argv);
		} else {
			if (!strcmp(*argv, "to") || !strcmp(*argv, "exact"))
				NEXT_ARG();
			if (!strcmp(*argv, "default")) {
				a = 0;
				len = 0;
			} else if (get_prefix_ipv4(*argv, &a, &len) < 0) {
				vs_eprintf("Error: any valid prefix is expected rather than \"%s\".\n",
					   *argv);
				return 1;
			}
			f.has_dst = true;
			f.dst = a;
			f.dst_len = len < 0 ? 32 : len;
		}
		argc--;
		argv++;
	}
	if (flush) {
		f.flush = true;
		f.flushed = flushed;
		f.max_flushed = (int)(sizeof(flushed) / sizeof(flushed[0]));
	}
	if (json && !flush)
		new_json_obj();
	err = inet_dump_fib(f.net, f.table, print_route, &f);
	if (json && !flush)
		delete_json_obj();
	if (err == -ENOENT) {
		vs_eprintf("Error: ipv4: FIB table does not exist.\nDump terminated\n");
		return 2;
	}
	return flush ? iproute_flush_collected(&f) : 0;
}

/* iproute.c iproute_modify() */
static int iproute_modify(int cmd, unsigned int nlflags, int argc, char **argv)
{
	struct netlink_ext_ack extack = { NULL };
	struct fib_config cfg;
	bool have_dst = false, scope_given = false, type_given = false;
	uint32_t a;
	int len, err;

	memset(&cfg, 0, sizeof(cfg));
	cfg.fc_table = RT_TABLE_MAIN;
	cfg.fc_scope = RT_SCOPE_NOWHERE;
	if (cmd) {
		/* iproute2: a delete leaves type, protocol and scope open */
		cfg.fc_protocol = RTPROT_BOOT;
		cfg.fc_type = RTN_UNICAST;
		cfg.fc_scope = RT_SCOPE_UNIVERSE;
	}
	cfg.fc_nlflags = nlflags;
	cfg.fc_nlinfo_net = vs_net();
	while (argc > 0) {
		if (!strcmp(*argv, "via")) {
			NEXT_ARG();
			if (get_addr_ipv4(*argv, &cfg.fc_gw4) < 0)
				return invarg("invalid gateway address", *argv);
		} else if (!strcmp(*argv, "dev") || !strcmp(*argv, "oif")) {
			int ifindex;

			NEXT_ARG();
			ifindex = ll_name_to_index(*argv);
			if (!ifindex)
				return nodev(*argv);
			cfg.fc_oif = ifindex;
		} else if (!strcmp(*argv, "src")) {
			NEXT_ARG();
			if (get_addr_ipv4(*argv, &cfg.fc_prefsrc) < 0)
				return invarg("invalid source address", *argv);
		} else if (!strcmp(*argv, "metric") || !strcmp(*argv, "priority") ||
			   !strcmp(*argv, "preference")) {
			unsigned int m;

			NEXT_ARG();
			if (!get_unsigned(&m, *argv))
				return invarg("\"metric\" value is invalid\n", *argv);
			cfg.fc_priority = m;
		} else if (matches(*argv, "table")) {
			NEXT_ARG();
			if (parse_table(*argv, &cfg.fc_table) < 0)
				return invarg("\"table\" value is invalid\n", *argv);
		} else if (!strcmp(*argv, "scope")) {
			NEXT_ARG();
			scope_given = true;
			if (!strcmp(*argv, "global"))
				cfg.fc_scope = RT_SCOPE_UNIVERSE;
			else if (!strcmp(*argv, "link"))
				cfg.fc_scope = RT_SCOPE_LINK;
			else if (!strcmp(*argv, "host"))
				cfg.fc_scope = RT_SCOPE_HOST;
			else
				return invarg("invalid \"scope\" value\n", *argv);
		} else if (!strcmp(*argv, "proto") || !strcmp(*argv, "protocol")) {
			unsigned int p;

			NEXT_ARG();
			if (!strcmp(*argv, "static"))
				cfg.fc_protocol = RTPROT_STATIC;
			else if (!strcmp(*argv, "kernel"))
				cfg.fc_protocol = RTPROT_KERNEL;
			else if (!strcmp(*argv, "boot"))
				cfg.fc_protocol = RTPROT_BOOT;
			else if (get_unsigned(&p, *argv) && p < 256)
				cfg.fc_protocol = (u8)p;
			else
				return invarg("\"protocol\" value is invalid\n", *argv);
		} else if (!strcmp(*argv, "onlink")) {
			cfg.fc_flags |= RTNH_F_ONLINK;
		} else if (!type_given && !have_dst &&
			   (!strcmp(*argv, "local") || !strcmp(*argv, "unreachable") ||
			    !strcmp(*argv, "blackhole") || !strcmp(*argv, "prohibit") ||
			    !strcmp(*argv, "unicast") || !strcmp(*argv, "broadcast"))) {
			type_given = true;
			cfg.fc_type = !strcmp(*argv, "local") ? RTN_LOCAL :
				      !strcmp(*argv, "unreachable") ? RTN_UNREACHABLE :
				      !strcmp(*argv, "blackhole") ? RTN_BLACKHOLE :
				      !strcmp(*argv, "prohibit") ? RTN_PROHIBIT :
				      !strcmp(*argv, "broadcast") ? RTN_BROADCAST :
				      RTN_UNICAST;
		} else {
			if (!strcmp(*argv, "to")) {
				NEXT_ARG();
			}
			if (have_dst)
				return duparg2("to", *argv);
			if (!strcmp(*argv, "default") || !strcmp(*argv, "all")) {
				cfg.fc_dst = 0;
				cfg.fc_dst_len = 0;
			} else {
				if (get_prefix_ipv4(*argv, &a, &len) < 0) {
					vs_eprintf("Error: any valid prefix is expected rather than \"%s\".\n",
						   *argv);
					return 1;
				}
				cfg.fc_dst = a;
				cfg.fc_dst_len = (u8)(len < 0 ? 32 : len);
			}
			have_dst = true;
		}
		argc--;
		argv++;
	}
	if (!have_dst) {
		vs_eprintf("Error: any valid prefix is expected rather than \"\".\n");
		return 1;
	}
	if (!scope_given) {
		/* iproute2 chooses the scope from the type and the gateway */
		if (cfg.fc_type == RTN_LOCAL)
			cfg.fc_scope = RT_SCOPE_HOST;
		else if (cfg.fc_type == RTN_BROADCAST)
			cfg.fc_scope = RT_SCOPE_LINK;
		else if (!cmd)
			cfg.fc_scope = RT_SCOPE_NOWHERE;
		else if (!cfg.fc_gw4)
			cfg.fc_scope = RT_SCOPE_LINK;
		else
			cfg.fc_scope = RT_SCOPE_UNIVERSE;
	}
	if (cmd)
		err = inet_rtm_newroute(vs_net(), &cfg, &extack);
	else
		err = inet_rtm_delroute(vs_net(), &cfg, &extack);
	return rtnl_report(err, &extack);
}

/* iproute.c iproute_get(): RTM_GETROUTE, an output route or, with iif, an input one */
static int iproute_get(int argc, char **argv)
{
	struct netlink_ext_ack extack = { NULL };
	struct rtnl_route_msg r;
	struct flowi4 fl4;
	bool have_dst = false;
	char a[32];
	int err = 0;

	memset(&fl4, 0, sizeof(fl4));
	while (argc > 0) {
		if (!strcmp(*argv, "from") || !strcmp(*argv, "src")) {
			NEXT_ARG();
			if (get_addr_ipv4(*argv, &fl4.saddr) < 0)
				return invarg("invalid from address", *argv);
		} else if (!strcmp(*argv, "oif") || !strcmp(*argv, "dev")) {
			int ifindex;

			NEXT_ARG();
			ifindex = ll_name_to_index(*argv);
			if (!ifindex)
				return nodev(*argv);
			fl4.flowi4_oif = ifindex;
		} else if (!strcmp(*argv, "iif")) {
			int ifindex;

			NEXT_ARG();
			ifindex = ll_name_to_index(*argv);
			if (!ifindex)
				return nodev(*argv);
			fl4.flowi4_iif = ifindex;
		} else {
			if (!strcmp(*argv, "to")) {
				NEXT_ARG();
			}
			if (have_dst)
				return duparg2("to", *argv);
			if (get_addr_ipv4(*argv, &fl4.daddr) < 0) {
				vs_eprintf("Error: any valid prefix is expected rather than \"%s\".\n",
					   *argv);
				return 1;
			}
			have_dst = true;
		}
		argc--;
		argv++;
	}
	if (!have_dst) {
		vs_eprintf("need at least a destination address\n");
		return 1;
	}
	err = inet_rtm_getroute(vs_net(), &fl4, &r, &extack);
	if (err)
		return rtnl_report(err, &extack);
	if (r.rtm.rtm_type == RTN_LOCAL)
		vs_printf("local ");
	else if (r.rtm.rtm_type == RTN_BROADCAST)
		vs_printf("broadcast ");
	else if (r.rtm.rtm_type == RTN_MULTICAST)
		vs_printf("multicast ");
	vs_printf("%s ", format_host_ipv4(r.dst, a, sizeof(a)));
	if (r.rtm.rtm_src_len)
		vs_printf("from %s ", format_host_ipv4(r.src, a, sizeof(a)));
	if (r.gateway)
		vs_printf("via %s ", format_host_ipv4(r.gateway, a, sizeof(a)));
	if (r.oif)
		vs_printf("dev %s ", ll_index_to_name(vs_net(), r.oif, a,
						      sizeof(a)));
	if (r.prefsrc)
		vs_printf("src %s ", format_host_ipv4(r.prefsrc, a, sizeof(a)));
	if (!r.iif)	/* inet_rtm_getroute(): no uid for an input route */
		vs_printf("uid 0 ");
	vs_printf("\n    cache %s",
		  r.rtm.rtm_type == RTN_LOCAL ? "<local> " :
		  r.rtm.rtm_type == RTN_BROADCAST ? "<local,brd> " : "");
	if (r.iif)
		vs_printf("iif %s ", ll_index_to_name(vs_net(), r.iif, a,
						      sizeof(a)));
	vs_printf("\n");
	return 0;
}

int do_iproute(int argc, char **argv)
{
	if (argc < 1)
		return iproute_list(0, NULL, false);
	if (matches(*argv, "add"))
		return iproute_modify(1, NLM_F_CREATE | NLM_F_EXCL, argc - 1, argv + 1);
	if (matches(*argv, "change") || !strcmp(*argv, "chg"))
		return iproute_modify(1, NLM_F_REPLACE, argc - 1, argv + 1);
	if (matches(*argv, "replace"))
		return iproute_modify(1, NLM_F_CREATE | NLM_F_REPLACE, argc - 1, argv + 1);
	if (matches(*argv, "delete"))
		return iproute_modify(0, 0, argc - 1, argv + 1);
	if (matches(*argv, "get"))
		return iproute_get(argc - 1, argv + 1);
	if (matches(*argv, "list") || matches(*argv, "show") ||
	    matches(*argv, "lst"))
		return iproute_list(argc - 1, argv + 1, false);
	if (matches(*argv, "flush"))
		return iproute_list(argc - 1, argv + 1, true);
	if (matches(*argv, "help")) {
		vs_eprintf("Usage: ip route { list | flush } SELECTOR\n"
			   "       ip route { add | del | change | append | replace } ROUTE\n");
		return 255;
	}
	vs_eprintf("Command \"%s\" is unknown, try \"ip route help\".\n", *argv);
	return 255;
}
