// SPDX-License-Identifier: GPL-2.0
/*
 * ip netns: namespace names. As in iproute2, a name is not kernel state
 * but a file in /run/netns that keeps a namespace alive; here a list of
 * (name, reference) pairs, newest first (the order tmpfs lists files in).
 * iproute2 6.1: ip/ipnetns.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/net_namespace.h>
#include "ip/ip_common.h"

#define NAME_MAX_ 255

struct netns_name {
	char			*name;
	struct net		*net;
	struct netns_name	*next;
};

static struct netns_name *netns_names;	/* newest first */

static struct netns_name *find_name(const char *name)
{
	struct netns_name *n;

	for (n = netns_names; n; n = n->next)
		if (!strcmp(n->name, name))
			return n;
	return NULL;
}

struct net *netns_get_by_name(const char *name)
{
	struct netns_name *n = find_name(name);

	return n ? n->net : NULL;
}

const char *netns_name_from_nsid(struct net *net, int nsid)
{
	struct netns_name *n;

	if (nsid < 0)
		return NULL;
	for (n = netns_names; n; n = n->next)
		if (peernet2id(net, n->net) == nsid)
			return n->name;
	return NULL;
}

const char *netns_name_of(struct net *net)
{
	struct netns_name *n;

	for (n = netns_names; n; n = n->next)
		if (n->net == net)
			return n->name;
	return NULL;
}

void netns_delete_all(void)
{
	while (netns_names) {
		struct netns_name *n = netns_names;

		netns_names = n->next;
		put_net(n->net);
		free(n->name);
		free(n);
	}
}

int netns_switch(const char *name)
{
	struct net *net = netns_get_by_name(name);

	if (!net) {
		vs_eprintf("Cannot open network namespace \"%s\": No such file or directory\n",
			   name);
		return 255;
	}
	vs_current->net = net;
	return 0;
}

static bool is_valid_netns_name(const char *name)
{
	return *name && strlen(name) <= NAME_MAX_ && !strchr(name, '/') &&
	       strcmp(name, ".") && strcmp(name, "..");
}

static int usage(void)
{
	vs_eprintf(
"Usage:\tip netns list\n"
"\tip netns add NAME\n"
"\tip netns attach NAME PID\n"
"\tip netns set NAME NETNSID\n"
"\tip [-all] netns delete [NAME]\n"
"\tip netns identify [PID]\n"
"\tip netns pids NAME\n"
"\tip [-all] netns exec [NAME] cmd ...\n"
"\tip netns monitor\n"
"\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n"
"NETNSID := auto | POSITIVE-INT\n");
	return 255;
}

static int netns_list(void)
{
	struct netns_name *n;

	if (json) {
		for (n = netns_names; n; n = n->next)
			netns_list_json(n->name, peernet2id(vs_net(), n->net),
					n == netns_names);
		netns_list_json(NULL, -1, !netns_names);
		return 0;
	}
	for (n = netns_names; n; n = n->next) {
		int id = peernet2id(vs_net(), n->net);

		vs_printf("%s", n->name);
		if (id >= 0)
			vs_printf(" (id: %d)", id);
		vs_printf("\n");
	}
	return 0;
}

/*
 * `ip netns list-id`: the ids this namespace gave to others, in id order
 * (RTM_GETNSID dump), with the /run/netns name iproute2 finds for each.
 */
static int netns_list_id(void)
{
	struct net *net;
	int id, max = -1;

	for_each_net(net)
		if (peernet2id(vs_net(), net) > max)
			max = peernet2id(vs_net(), net);
	if (json)
		new_json_obj();
	for (id = 0; id <= max; id++) {
		for_each_net(net) {
			const char *name;

			if (peernet2id(vs_net(), net) != id)
				continue;
			name = netns_name_from_nsid(vs_net(), id);
			if (json) {
				netns_nsid_json(id, name);
				continue;
			}
			vs_printf("nsid %d ", id);
			if (name)
				vs_printf("(iproute2 netns name: %s)", name);
			vs_printf("\n");
		}
	}
	if (json)
		delete_json_obj();
	return 0;
}

static int netns_add(int argc, char **argv)
{
	struct netns_name *n;
	struct net *net;

	if (argc < 1) {
		vs_eprintf("No netns name specified\n");
		return 1;
	}
	if (!is_valid_netns_name(argv[0])) {
		vs_eprintf("Invalid netns name \"%s\"\n", argv[0]);
		return 255;
	}
	if (find_name(argv[0])) {
		vs_eprintf("Cannot create namespace file \"/run/netns/%s\": File exists\n",
			   argv[0]);
		return 1;
	}
	net = copy_net_ns();
	if (!net) {
		vs_eprintf("Failed to create a new network namespace \"%s\": Cannot allocate memory\n",
			   argv[0]);
		return 1;
	}
	n = calloc(1, sizeof(*n));
	if (!n) {
		put_net(net);
		return 1;
	}
	n->name = strdup(argv[0]);
	n->net = net;
	n->next = netns_names;
	netns_names = n;
	return 0;
}

static int netns_delete(int argc, char **argv)
{
	struct netns_name **pp, *n;

	if (argc < 1) {
		vs_eprintf("No netns name specified\n");
		return 1;
	}
	for (pp = &netns_names; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->name, argv[0]))
			continue;
		n = *pp;
		*pp = n->next;
		put_net(n->net);
		free(n->name);
		free(n);
		return 0;
	}
	vs_eprintf("Cannot remove namespace file \"/run/netns/%s\": No such file or directory\n",
		   argv[0]);
	return 1;
}

static int netns_exec(int argc, char **argv)
{
	struct net *saved = vs_current->net;
	struct net *net;
	int rc;

	if (argc < 1) {
		vs_eprintf("No netns name specified\n");
		return 1;
	}
	if (argc < 2) {
		vs_eprintf("No command specified\n");
		return 1;
	}
	net = netns_get_by_name(argv[0]);
	if (!net) {
		vs_eprintf("Cannot open network namespace \"%s\": No such file or directory\n",
			   argv[0]);
		return 255;
	}
	vs_current->net = net;
	rc = vs_run_argv(argc - 1, argv + 1);
	vs_current->net = saved;
	return rc;
}

/*
 * ip netns identify [PID]: the /run/netns names whose file is this
 * process's namespace; an unnamed namespace gives an empty name, and the
 * line is printed anyway. A PID opens /proc/PID/ns/net: the simulator has
 * no such processes.
 */
static int netns_identify(int argc, char **argv)
{
	const char *name = netns_name_of(vs_net());

	if (argc > 1) {
		vs_eprintf("extra arguments specified\n");
		return 1;
	}
	if (argc == 1 && strcmp(argv[0], "self")) {
		vs_eprintf("Cannot open network namespace: No such file or directory\n");
		return 1;
	}
	vs_printf("%s\n", name ? name : "");
	return 0;
}

int do_netns(int argc, char **argv)
{
	if (argc < 1)
		return netns_list();
	if (matches(*argv, "list") || matches(*argv, "show") ||
	    matches(*argv, "lst"))
		return netns_list();
	if (matches(*argv, "list-id"))
		return netns_list_id();
	if (matches(*argv, "help"))
		return usage();
	if (matches(*argv, "add"))
		return netns_add(argc - 1, argv + 1);
	if (matches(*argv, "delete"))
		return netns_delete(argc - 1, argv + 1);
	if (matches(*argv, "identify"))
		return netns_identify(argc - 1, argv + 1);
	if (matches(*argv, "exec"))
		return netns_exec(argc - 1, argv + 1);
	vs_eprintf("Command \"%s\" is unknown, try \"ip netns help\".\n", *argv);
	return 255;
}
