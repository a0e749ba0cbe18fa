// SPDX-License-Identifier: GPL-2.0
/* ip neigh: the ARP table. iproute2 6.1: ip/ipneigh.c. */
#include <stdio.h>
#include <string.h>
#include <linux/netdevice.h>
#include <net/neighbour.h>
#include <net/arp.h>
#include <net/rtnetlink.h>
#include "ip/ip_common.h"

struct neigh_filter {
	struct net	*net;
	int		ifindex;	/* 0: every device */
	unsigned int	state;		/* NUD_* shown; 0x100 stands for NONE */
	bool		has_pfx;	/* "to PREFIX" */
	uint32_t	pfx;
	int		pfx_len;
	bool		flush;		/* collect instead of print */
	struct rtnl_neigh_msg	*found;
	int		nfound, max_found;
};

/* ipneigh.c print_neigh()'s filter: state, then the prefix */
static bool neigh_filtered_out(const struct rtnl_neigh_msg *r,
			       const struct neigh_filter *f)
{
	uint32_t dst, mask;

	if (!(f->state & r->ndm.ndm_state) &&
	    (r->ndm.ndm_state || f->state != 0x100))
		return true;
	if (!f->has_pfx)
		return false;
	memcpy(&dst, r->dst, 4);
	mask = f->pfx_len ? htonl(~0u << (32 - f->pfx_len)) : 0;
	return (dst & mask) != (f->pfx & mask);
}

/* The state names iproute2 prints (ipneigh.c's nud_state table). */
static const char *nud_state_n2a(unsigned int nud_state)
{
	switch (nud_state) {
	case NUD_INCOMPLETE:	return "INCOMPLETE";
	case NUD_REACHABLE:	return "REACHABLE";
	case NUD_STALE:		return "STALE";
	case NUD_DELAY:		return "DELAY";
	case NUD_PROBE:		return "PROBE";
	case NUD_FAILED:	return "FAILED";
	case NUD_NOARP:		return "NOARP";
	case NUD_PERMANENT:	return "PERMANENT";
	default:		return "NONE";
	}
}

/* ipneigh.c print_neigh(): "ADDR [dev D] [lladdr MAC] STATE " */
static int print_neigh(const void *msg, void *arg)
{
	const struct rtnl_neigh_msg *r = msg;
	struct neigh_filter *f = arg;
	struct rtnl_link_msg link;
	char a[32], ll[64];
	uint32_t dst;

	if (neigh_filtered_out(r, f))
		return 0;
	if (f->flush) {
		if (f->nfound < f->max_found)
			f->found[f->nfound++] = *r;
		return 0;
	}
	if (json)
		return print_neigh_json(f->net, r, !f->ifindex,
					nud_state_n2a(r->ndm.ndm_state));
	memcpy(&dst, r->dst, 4);
	vs_printf("%s ", format_host_ipv4(dst, a, sizeof(a)));
	if (!f->ifindex) {
		if (rtnl_getlink(f->net, r->ndm.ndm_ifindex, NULL, &link) == 0)
			vs_printf("dev %s ", link.ifname);
		else
			vs_printf("dev if%d ", r->ndm.ndm_ifindex);
	}
	if (r->lladdr_len)
		vs_printf("lladdr %s ", ll_addr_n2a(r->lladdr, (int)r->lladdr_len,
						    ll, sizeof(ll)));
	vs_printf("%s \n", nud_state_n2a(r->ndm.ndm_state));
	return 0;
}

/* iproute2's nud_state_a2n() names */
static const struct { const char *name; u8 state; } nud_names[] = {
	{ "permanent", NUD_PERMANENT }, { "reachable", NUD_REACHABLE },
	{ "noarp", NUD_NOARP }, { "none", NUD_NONE }, { "stale", NUD_STALE },
	{ "incomplete", NUD_INCOMPLETE }, { "delay", NUD_DELAY },
	{ "probe", NUD_PROBE }, { "failed", NUD_FAILED },
};

/* ipneigh.c ipneigh_list_or_flush(): show, or delete what it would show */
static int ipneigh_show(int argc, char **argv, bool flush)
{
	struct neigh_filter f = { .net = vs_net() };
	struct rtnl_neigh_msg found[256];
	struct rtnl_link_msg link;
	bool state_given = false;
	int i, round;

	if (flush && argc <= 0) {
		vs_eprintf("Flush requires arguments.\n");
		return 1;
	}
	f.state = flush ? ~(unsigned int)(NUD_PERMANENT | NUD_NOARP) :
			  0xFF & ~(unsigned int)NUD_NOARP;
	while (argc > 0) {
		if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			if (rtnl_getlink(f.net, 0, *argv, &link))
				return nodev(*argv);
			f.ifindex = link.ifi.ifi_index;
		} else if (!strcmp(*argv, "nud")) {
			unsigned int state = 0;
			bool known = false;
			size_t n;

			NEXT_ARG();
			if (!state_given) {
				state_given = true;
				f.state = 0;
			}
			for (n = 0; n < sizeof(nud_names) / sizeof(nud_names[0]); n++) {
				if (!strcmp(*argv, nud_names[n].name)) {
					state = nud_names[n].state;
					known = true;
				}
			}
			if (!known) {
				if (strcmp(*argv, "all"))
					return invarg("nud state is bad", *argv);
				state = ~0u;
				if (flush)
					state &= ~(unsigned int)NUD_NOARP;
			}
			if (state == 0)
				state = 0x100;
			f.state |= state;
		} else {
			uint32_t a = 0;
			int len = 0;

			if (!strcmp(*argv, "to"))
				NEXT_ARG();
			if (strcmp(*argv, "all") && strcmp(*argv, "any") &&
			    strcmp(*argv, "default") &&
			    get_prefix_ipv4(*argv, &a, &len) < 0)
				return invarg("to value is invalid\n", *argv);
			f.has_pfx = true;
			f.pfx = a;
			f.pfx_len = len < 0 ? 32 : len;
		}
		argc--;
		argv++;
	}
	if (flush) {
		f.flush = true;
		f.found = found;
		f.max_found = (int)(sizeof(found) / sizeof(found[0]));
	}
	if (json && !flush)
		new_json_obj();
	for (round = 0; round < 10; round++) {	/* iproute2's MAX_ROUNDS */
		long pos = 0;

		/* netlink_dump() until a call adds nothing */
		while (neigh_dump_info(&arp_tbl, f.net, f.ifindex, print_neigh,
				       &f, &pos) > 0)
			;
		if (!flush)
			break;
		if (!f.nfound)
			break;
		for (i = 0; i < f.nfound; i++) {
			/* one RTM_DELNEIGH per entry the dump showed */
			struct netlink_ext_ack extack = { NULL };
			struct net_device *dev = NULL;

			if (rtnl_getlink(f.net, f.found[i].ndm.ndm_ifindex,
					 NULL, &link) == 0)
				dev = __dev_get_by_name(f.net, link.ifname);
			if (dev)
				neigh_delete(&arp_tbl, dev, f.found[i].dst,
					     &extack);
		}
		/* iproute2 flushes in rounds until a dump finds nothing */
		f.nfound = 0;
	}
	if (json && !flush)
		delete_json_obj();
	return 0;
}

/* ipneigh.c ipneigh_get(): RTM_GETNEIGH for ADDR on DEV */
static int ipneigh_get(int argc, char **argv)
{
	struct netlink_ext_ack extack = { NULL };
	struct neigh_filter f = { .net = vs_net(), .state = ~0u };
	const char *d = NULL, *dst = NULL;
	struct rtnl_neigh_msg r;
	struct net_device *dev;
	uint32_t addr;
	int err;

	while (argc > 0) {
		if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			d = *argv;
		} else {
			if (!strcmp(*argv, "to"))
				NEXT_ARG();
			if (dst)
				return duparg2("to", *argv);
			dst = *argv;
		}
		argc--;
		argv++;
	}
	if (!d || !dst) {
		vs_eprintf("Device and address are required arguments.\n");
		return 1;
	}
	if (get_addr_ipv4(dst, &addr) < 0)
		return invarg("invalid address", dst);
	dev = __dev_get_by_name(f.net, d);
	if (!dev)
		return nodev(d);
	err = neigh_get(&arp_tbl, dev, &addr, &r, &extack);
	if (err)
		return rtnl_report(err, &extack);
	print_neigh(&r, &f);
	return 0;
}


/* ipneigh.c ipneigh_modify(): add, replace, change, delete */
static int ipneigh_modify(bool add, bool replace, int argc, char **argv)
{
	struct netlink_ext_ack extack = { NULL };
	const char *d = NULL, *dst = NULL;
	u8 ll[6], state = NUD_PERMANENT;
	bool have_ll = false;
	struct net_device *dev;
	uint32_t addr;
	int err;
	size_t i;

	while (argc > 0) {
		if (!strcmp(*argv, "lladdr")) {
			NEXT_ARG();
			if (ll_addr_a2n(ll, 6, *argv) != 6)
				return 255;
			have_ll = true;
		} else if (!strcmp(*argv, "nud")) {
			bool found = false;

			NEXT_ARG();
			for (i = 0; i < sizeof(nud_names) / sizeof(nud_names[0]); i++) {
				if (matches(*argv, nud_names[i].name)) {
					state = nud_names[i].state;
					found = true;
					break;
				}
			}
			if (!found)
				return invarg("nud state is bad", *argv);
		} else if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			d = *argv;
		} else {
			if (!strcmp(*argv, "to")) {
				NEXT_ARG();
			}
			if (dst)
				return duparg2("to", *argv);
			dst = *argv;
		}
		argc--;
		argv++;
	}
	if (!d || !dst) {
		vs_eprintf("Device and destination are required arguments.\n");
		return 255;
	}
	if (get_addr_ipv4(dst, &addr) < 0)
		return invarg("invalid address", dst);
	dev = __dev_get_by_name(vs_net(), d);
	if (!dev)
		return nodev(d);
	if (add)
		err = neigh_add(&arp_tbl, dev, &addr, have_ll ? ll : NULL, state,
				replace, &extack);
	else
		err = neigh_delete(&arp_tbl, dev, &addr, &extack);
	return rtnl_report(err, &extack);
}

int do_ipneigh(int argc, char **argv)
{
	if (argc < 1)
		return ipneigh_show(0, NULL, false);
	if (matches(*argv, "add"))
		return ipneigh_modify(true, false, argc - 1, argv + 1);
	if (matches(*argv, "replace") || matches(*argv, "change") ||
	    !strcmp(*argv, "chg"))
		return ipneigh_modify(true, true, argc - 1, argv + 1);
	if (matches(*argv, "delete"))
		return ipneigh_modify(false, false, argc - 1, argv + 1);
	if (matches(*argv, "show") || matches(*argv, "lst") ||
	    matches(*argv, "list"))
		return ipneigh_show(argc - 1, argv + 1, false);
	if (matches(*argv, "flush"))
		return ipneigh_show(argc - 1, argv + 1, true);
	if (matches(*argv, "get"))
		return ipneigh_get(argc - 1, argv + 1);
	if (matches(*argv, "help")) {
		vs_eprintf("Usage: ip neigh { add | del | change | replace }\n"
			   "\t\t{ ADDR [ lladdr LLADDR ] [ nud STATE ] dev DEV }\n"
			   "       ip neigh { show | flush } [ dev DEV ]\n");
		return 255;
	}
	vs_eprintf("Command \"%s\" is unknown, try \"ip neigh help\".\n", *argv);
	return 255;
}
