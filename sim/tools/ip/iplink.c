// SPDX-License-Identifier: GPL-2.0
/*
 * ip link: add, delete, set, show. iproute2 6.1: ip/iplink.c (iplink_parse,
 * iplink_modify, do_iplink) and ip/link_veth.c (the "peer" part).
 * RTM_NEWLINK/RTM_DELLINK/RTM_SETLINK become rtnl_newlink(), rtnl_dellink(),
 * rtnl_setlink() with the attributes in plain structs (net/rtnetlink.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include "ip/ip_common.h"

/* iproute2 check_ifname(): what the tool itself accepts as a name. */
static bool check_ifname(const char *name)
{
	if (!*name || strlen(name) >= IFNAMSIZ)
		return false;
	for (; *name; name++)
		if (*name == '/' || *name == ' ' || *name == '\t' ||
		    *name == '\n' || *name == ':')
			return false;
	return true;
}

/* The attributes iplink_parse() collects for one device. */
struct link_args {
	const char	*name;		/* IFLA_IFNAME (bare word, dev, name) */
	bool		name_kw;	/* came with "name": checked by the tool */
	const char	*newname;	/* set: "name X" renames */
	const char	*alias;		/* IFLA_IFALIAS */
	bool		has_group;	/* IFLA_GROUP */
	unsigned int	group;
	bool		up, down;
	bool		promisc_on, promisc_off;
	bool		has_mtu;
	unsigned int	mtu;
	bool		has_address;
	u8		address[6];
	bool		has_txqlen;
	unsigned int	txqlen;
	bool		has_numtxqueues, has_numrxqueues;
	unsigned int	numtxqueues, numrxqueues;
	struct net	*net;
	bool		netns_given;
	bool		has_pid;	/* netns PID: IFLA_NET_NS_PID */
	int		pid;
	const char	*type;
	int		type_argc;	/* arguments after "type KIND" */
	char		**type_argv;
};

/*
 * iplink_parse(): returns -1 when it consumed everything fine, otherwise
 * the exit status of the error it printed.
 */
static int iplink_parse(int argc, char **argv, struct link_args *la,
			bool is_add, bool is_peer)
{
	while (argc > 0) {
		if (!strcmp(*argv, "up")) {
			la->up = true;
			la->down = false;
		} else if (!strcmp(*argv, "down")) {
			la->down = true;
			la->up = false;
		} else if (!strcmp(*argv, "name")) {
			NEXT_ARG();
			if (!check_ifname(*argv))
				return invarg("\"name\" not a valid ifname", *argv);
			if (is_add || is_peer) {
				la->name = *argv;
				la->name_kw = true;
			} else {
				la->newname = *argv;
			}
		} else if (matches(*argv, "mtu")) {
			NEXT_ARG();
			if (la->has_mtu)
				return duparg2("mtu", *argv);
			if (!get_unsigned(&la->mtu, *argv))
				return invarg("Invalid \"mtu\" value\n", *argv);
			la->has_mtu = true;
		} else if (matches(*argv, "address")) {
			uint8_t abuf[32];
			int len;

			NEXT_ARG();
			len = ll_addr_a2n(abuf, sizeof(abuf), *argv);
			if (len < 0)
				return 1;
			memcpy(la->address, abuf, 6);
			if (len != 6 && !is_add) {
				/* iplink_modify(): checked against the device */
				vs_eprintf("Invalid address length %d - must be 6 bytes\n",
					   len);
				return 1;
			}
			if (len != 6) {
				vs_eprintf("RTNETLINK answers: Invalid argument\n");
				return 2;
			}
			la->has_address = true;
		} else if (matches(*argv, "txqueuelen") || !strcmp(*argv, "qlen") ||
			   matches(*argv, "txqlen")) {
			NEXT_ARG();
			if (!get_unsigned(&la->txqlen, *argv))
				return invarg("Invalid \"txqueuelen\" value\n", *argv);
			la->has_txqlen = true;
		} else if (!strcmp(*argv, "netns")) {
			NEXT_ARG();
			if (la->netns_given || la->has_pid)
				return duparg2("netns", *argv);
			la->net = netns_get_by_name(*argv);
			if (la->net) {
				la->netns_given = true;
			} else if (get_integer(&la->pid, *argv)) {
				/* not a /run/netns name: a pid, for the kernel */
				la->has_pid = true;
			} else {
				return invarg("Invalid \"netns\" value\n", *argv);
			}
		} else if (matches(*argv, "type") && !is_peer) {
			NEXT_ARG();
			la->type = *argv;
			la->type_argc = argc - 1;
			la->type_argv = argv + 1;
			return -1;
		} else if (matches(*argv, "numtxqueues")) {
			NEXT_ARG();
			if (!get_unsigned(&la->numtxqueues, *argv))
				return invarg("Invalid \"numtxqueues\" value\n",
					      *argv);
			la->has_numtxqueues = true;
		} else if (matches(*argv, "numrxqueues")) {
			NEXT_ARG();
			if (!get_unsigned(&la->numrxqueues, *argv))
				return invarg("Invalid \"numrxqueues\" value\n",
					      *argv);
			la->has_numrxqueues = true;
		} else if (!strcmp(*argv, "group")) {
			NEXT_ARG();
			if (la->has_group)
				return duparg2("group", *argv);
			/* rtnl_group_a2n(): "default" or a number */
			if (!strcmp(*argv, "default"))
				la->group = 0;
			else if (!get_unsigned(&la->group, *argv))
				return invarg("Invalid \"group\" value\n", *argv);
			la->has_group = true;
		} else if (!strcmp(*argv, "alias")) {
			NEXT_ARG();
			if (strlen(*argv) >= 256)
				return invarg("alias too long\n", *argv);
			la->alias = *argv;
		} else if (!strcmp(*argv, "promisc") && !is_add) {
			NEXT_ARG();
			if (!strcmp(*argv, "on"))
				la->promisc_on = true;
			else if (!strcmp(*argv, "off"))
				la->promisc_off = true;
			else {
				vs_eprintf("Error: argument of \"promisc\" must be \"on\" or \"off\", not \"%s\"\n",
					   *argv);
				return 255;
			}
		} else if (!strcmp(*argv, "arp") || !strcmp(*argv, "multicast") ||
			   !strcmp(*argv, "allmulticast") || !strcmp(*argv, "promisc") ||
			   !strcmp(*argv, "trailers") || !strcmp(*argv, "dynamic") ||
			   !strcmp(*argv, "carrier") ||
			   !strcmp(*argv, "master") ||
			   !strcmp(*argv, "protodown") || !strcmp(*argv, "xdp") ||
			   !strcmp(*argv, "index") || !strcmp(*argv, "link")) {
			vs_eprintf("Error: vethsim does not simulate \"%s\".\n", *argv);
			return 2;
		} else if (matches(*argv, "help")) {
			vs_eprintf("Usage: ip link add [link DEV] [ name ] NAME\n"
				   "\t\t    [ address LLADDR ] [ mtu MTU ] [ netns { PID | NAME } ]\n"
				   "\t\t    type TYPE [ ARGS ]\n");
			return 255;
		} else {
			if (!strcmp(*argv, "dev")) {
				NEXT_ARG();
			}
			if (la->name)
				return duparg2("dev", *argv);
			la->name = *argv;
		}
		argc--;
		argv++;
	}
	return -1;
}

static void to_attrs(const struct link_args *la, struct rtnl_link_attrs *tb)
{
	memset(tb, 0, sizeof(*tb));
	if (la->name)
		snprintf(tb->ifname, sizeof(tb->ifname), "%s", la->name);
	if (la->has_address) {
		tb->has_address = true;
		memcpy(tb->address, la->address, 6);
	}
	tb->mtu = la->has_mtu ? la->mtu : 0;
	tb->net = la->net;
	tb->netns_given = la->netns_given;
	tb->has_pid = la->has_pid;
	tb->pid = la->pid;
	tb->txqlen = la->has_txqlen ? la->txqlen : 0;
	tb->has_num_tx_queues = la->has_numtxqueues;
	tb->num_tx_queues = la->numtxqueues;
	tb->has_num_rx_queues = la->has_numrxqueues;
	tb->num_rx_queues = la->numrxqueues;
	tb->has_group = la->has_group;
	tb->group = la->group;
}

/*
 * The netlink policy of IFLA_IFNAME (a string of at most IFNAMSIZ - 1
 * bytes) is checked by the kernel when the message is parsed; the plain
 * struct cannot carry a longer name, so the check is made here.
 */
static int ifname_policy_ok(const char *name)
{
	return !name || strlen(name) < IFNAMSIZ;
}

/* link_veth.c veth_parse_opt(): [ peer [ name ] NAME [ ARGS ] ] */
static int veth_parse_opt(int argc, char **argv, struct link_args *peer,
			  bool *has_peer)
{
	if (argc < 1)
		return -1;
	if (strcmp(*argv, "peer")) {
		vs_eprintf("Usage: ip link <options> type veth [peer <options>]\n"
			   "To get <options> type 'ip link add help'\n");
		/* parse_opt() fails with -1, iplink_modify() with 1 */
		return 1;
	}
	*has_peer = true;
	return iplink_parse(argc - 1, argv + 1, peer, true, true);
}

/*
 * iproute2's iplink_have_newlink(): before add, set and del, an empty
 * RTM_NEWLINK (no device, no NLM_F_CREATE: -ENODEV) tells it that the
 * kernel has RTM_NEWLINK; the function tracer shows it (rtnl_newlink,
 * __rtnl_newlink) before the command's own request.
 */
static void iplink_have_newlink(void)
{
	struct netlink_ext_ack extack = { NULL };
	struct rtnl_setlink_req none;
	struct rtnl_newlink_req req;

	memset(&none, 0, sizeof(none));
	memset(&req, 0, sizeof(req));
	req.set = &none;
	rtnl_newlink(vs_net(), &req, &extack);
}

static int iplink_add(int argc, char **argv)
{
	struct netlink_ext_ack extack = { NULL };
	struct rtnl_newlink_req req;
	struct link_args la, peer;
	bool has_peer = false;
	int rc, err;

	memset(&la, 0, sizeof(la));
	memset(&peer, 0, sizeof(peer));
	rc = iplink_parse(argc, argv, &la, true, false);
	if (rc >= 0)
		return rc;
	if (!la.type) {
		vs_eprintf("Not enough information: \"type\" argument is required\n");
		return 1;
	}
	if (!strcmp(la.type, "veth")) {
		rc = veth_parse_opt(la.type_argc, la.type_argv, &peer, &has_peer);
		if (rc >= 0)
			return rc;
	} else if (la.type_argc > 0 && !strcmp(la.type_argv[0], "help")) {
		vs_eprintf("Usage: ip link <options> type %s\n", la.type);
		return 255;
	}
	if (!ifname_policy_ok(la.name) || !ifname_policy_ok(peer.name)) {
		vs_eprintf("Error: Attribute failed policy validation.\n");
		return 2;
	}
	iplink_have_newlink();
	memset(&req, 0, sizeof(req));
	to_attrs(&la, &req.tb);
	req.kind = la.type;
	if (has_peer) {
		req.has_peer = true;
		to_attrs(&peer, &req.peer);
	}
	err = rtnl_newlink(vs_net(), &req, &extack);
	if (err)
		return rtnl_report(err, &extack);
	if (la.up && la.name) {
		struct rtnl_setlink_req s;
		struct net *where = la.net ? la.net : vs_net();

		memset(&s, 0, sizeof(s));
		s.set_up = true;
		err = rtnl_setlink(where, la.name, &s, &extack);
		return rtnl_report(err, &extack);
	}
	return 0;
}

static int iplink_set(int argc, char **argv)
{
	struct netlink_ext_ack extack = { NULL };
	struct rtnl_newlink_req nl;
	struct rtnl_setlink_req req;
	struct link_args la;
	int rc, err;

	memset(&la, 0, sizeof(la));
	rc = iplink_parse(argc, argv, &la, false, false);
	if (rc >= 0)
		return rc;
	if (!la.name) {
		vs_eprintf("Not enough information: \"dev\" argument is required.\n");
		return 255;
	}
	if (la.type) {
		vs_eprintf("Error: either \"dev\" is duplicate, or \"type\" is a garbage.\n");
		return 255;
	}
	if (!__dev_get_by_name(vs_net(), la.name))
		return nodev(la.name);
	memset(&req, 0, sizeof(req));
	req.set_up = la.up;
	req.set_down = la.down;
	req.set_promisc = la.promisc_on;
	req.clear_promisc = la.promisc_off;
	req.mtu = la.has_mtu ? la.mtu : 0;
	req.has_address = la.has_address;
	memcpy(req.address, la.address, 6);
	req.newname = la.newname;
	req.ifalias = la.alias;
	req.has_group = la.has_group;
	req.group = la.group;
	req.net = la.net;
	req.netns_given = la.netns_given;
	req.has_pid = la.has_pid;
	req.pid = la.pid;
	req.txqlen = la.has_txqlen ? la.txqlen : 0;
	if (la.has_mtu && la.mtu == 0) {
		/* MTU 0 is below every minimum; the struct cannot say "0" */
		vs_eprintf("Error: mtu less than device minimum.\n");
		return 2;
	}
	/* iproute2 6.1 sends RTM_NEWLINK without NLM_F_CREATE */
	iplink_have_newlink();
	memset(&nl, 0, sizeof(nl));
	snprintf(nl.tb.ifname, sizeof(nl.tb.ifname), "%s", la.name);
	nl.set = &req;
	err = rtnl_newlink(vs_net(), &nl, &extack);
	return rtnl_report(err, &extack);
}

static int iplink_del(int argc, char **argv)
{
	struct netlink_ext_ack extack = { NULL };
	struct link_args la;
	int rc, err;

	memset(&la, 0, sizeof(la));
	rc = iplink_parse(argc, argv, &la, false, false);
	if (rc >= 0)
		return rc;
	if (!la.name) {
		vs_eprintf("Not enough information: \"dev\" argument is required.\n");
		return 255;
	}
	if (!__dev_get_by_name(vs_net(), la.name))
		return nodev(la.name);
	iplink_have_newlink();
	err = rtnl_dellink(vs_net(), la.name, &extack);
	return rtnl_report(err, &extack);
}

struct iplink_filter {
	struct net	*net;
	bool		up_only;
};

static int iplink_print_one(const void *msg, void *arg)
{
	const struct rtnl_link_msg *m = msg;
	struct iplink_filter *f = arg;

	if (json)
		return print_linkinfo_json(f->net, m, f->up_only &&
					   !(m->ifi.ifi_flags & IFF_UP));
	if (f->up_only && !(m->ifi.ifi_flags & IFF_UP))
		return 0;
	return print_linkinfo(f->net, m, true);
}

/*
 * ip link show [dev] DEV [up] [type KIND]: RTM_GETLINK for one device, or
 * a dump the kernel filters by kind; `up` is filtered here, as iproute2.
 */
static int iplink_list(int argc, char **argv)
{
	struct iplink_filter f = { vs_net(), false };
	const char *filter_dev = NULL, *filter_kind = NULL;
	struct rtnl_link_msg m;

	while (argc > 0) {
		if (!strcmp(*argv, "up")) {
			f.up_only = true;
		} else if (!strcmp(*argv, "type")) {
			NEXT_ARG();
			filter_kind = *argv;
		} else {
			if (!strcmp(*argv, "dev")) {
				NEXT_ARG();
			}
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
		rc = rtnl_dump_ifinfo(f.net, filter_kind, iplink_print_one, &f);
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
	if (!filter_kind || !strcmp(m.kind, filter_kind))
		iplink_print_one(&m, &f);
	if (json)
		delete_json_obj();
	return 0;
}

static int usage(void)
{
	vs_eprintf(
"Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"
"\t\t    [ txqueuelen PACKETS ]\n"
"\t\t    [ address LLADDR ]\n"
"\t\t    [ broadcast LLADDR ]\n"
"\t\t    [ mtu MTU ] [index IDX ]\n"
"\t\t    [ numtxqueues QUEUE_COUNT ]\n"
"\t\t    [ numrxqueues QUEUE_COUNT ]\n"
"\t\t    [ netns { PID | NAME } ]\n"
"\t\t    type TYPE [ ARGS ]\n"
"\n"
"\tip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]\n"
"\n"
"\tip link set { DEVICE | dev DEVICE | group DEVGROUP }\n"
"\t\t\t[ { up | down } ]\n"
"\t\t\t[ address LLADDR ]\n"
"\t\t\t[ mtu MTU ]\n"
"\t\t\t[ netns { PID | NAME } ]\n"
"\t\t\t[ name NEWNAME ]\n"
"\t\t\t[ txqueuelen PACKETS ]\n"
"\n"
"\tip link show [ DEVICE | group GROUP ] [up] [type TYPE]\n"
"\n"
"\tip link help [ TYPE ]\n"
"\n"
"TYPE := { veth }\n");
	return 255;
}

int do_iplink(int argc, char **argv)
{
	if (argc < 1)
		return iplink_list(0, NULL);
	if (matches(*argv, "add"))
		return iplink_add(argc - 1, argv + 1);
	if (matches(*argv, "set") || matches(*argv, "change"))
		return iplink_set(argc - 1, argv + 1);
	if (matches(*argv, "delete"))
		return iplink_del(argc - 1, argv + 1);
	if (matches(*argv, "show") || matches(*argv, "lst") ||
	    matches(*argv, "list"))
		return iplink_list(argc - 1, argv + 1);
	if (matches(*argv, "help"))
		return usage();
	vs_eprintf("Command \"%s\" is unknown, try \"ip link help\".\n", *argv);
	return 255;
}

/* ll_map.c ll_name_to_index(): RTM_GETLINK by name; 0 when there is none. */
int ll_name_to_index(const char *name)
{
	struct rtnl_link_msg m;

	if (rtnl_getlink(vs_net(), 0, name, &m))
		return 0;
	return m.ifi.ifi_index;
}
