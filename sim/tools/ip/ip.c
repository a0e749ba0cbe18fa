// SPDX-License-Identifier: GPL-2.0
/* ip: options and objects. iproute2 6.1: ip/ip.c. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "ip/ip_common.h"

int show_stats;
int show_details;
bool brief;
bool oneline;
int preferred_family;
bool json;
bool pretty;

static int usage(void)
{
	vs_eprintf(
"Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
"       ip [ -force ] -batch filename\n"
"where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
"                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
"                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
"                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
"                   token | tunnel | tuntap | vrf | xfrm }\n"
"       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
"                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
"                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
"                    -4 | -6 | -M | -B | -0 |\n"
"                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
"                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
"                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
"                    -c[olor]}\n");
	return 255;
}

static int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return usage();
}

static const struct cmd {
	const char *cmd;
	int (*func)(int argc, char **argv);
} cmds[] = {
	{ "address",	do_ipaddr },
	{ "route",	do_iproute },
	{ "neighbor",	do_ipneigh },
	{ "neighbour",	do_ipneigh },
	{ "link",	do_iplink },
	{ "netns",	do_netns },
	{ "help",	do_help },
	{ NULL,		NULL },
};

static int do_cmd(const char *argv0, int argc, char **argv)
{
	const struct cmd *c;

	for (c = cmds; c->cmd; ++c) {
		if (matches(argv0, c->cmd))
			return c->func(argc - 1, argv + 1);
	}
	vs_eprintf("Object \"%s\" is unknown, try \"ip help\".\n", argv0);
	return 1;
}

static int ip_main(int argc, char **argv)
{
	while (argc > 1) {
		char *opt = argv[1];

		if (strcmp(opt, "--") == 0) {
			argc--;
			argv++;
			break;
		}
		if (opt[0] != '-')
			break;
		if (opt[1] == '-')
			opt++;
		if (matches(opt, "-stats") || matches(opt, "-statistics")) {
			++show_stats;
		} else if (matches(opt, "-details")) {
			++show_details;
		} else if (strcmp(opt, "-4") == 0) {
			preferred_family = AF_INET;
		} else if (strcmp(opt, "-6") == 0) {
			preferred_family = AF_INET6;
		} else if (matches(opt, "-netns")) {
			int rc;

			if (argc < 3) {
				vs_eprintf("Command line is not complete. Try option \"help\"\n");
				return 255;
			}
			argc--;
			argv++;
			rc = netns_switch(argv[1]);
			if (rc)
				return rc;
		} else if (matches(opt, "-brief")) {
			brief = true;
		} else if (matches(opt, "-oneline")) {
			oneline = true;
		} else if (matches(opt, "-json")) {
			json = true;
		} else if (matches(opt, "-pretty")) {
			pretty = true;
		} else if (matches(opt, "-Version")) {
			vs_printf("ip utility, iproute2-6.1.0, libbpf 1.1.0\n");
			return 0;
		} else if (matches(opt, "-help")) {
			return usage();
		} else if (matches(opt, "-resolve") || matches(opt, "-Numeric") ||
			   matches(opt, "-color") || matches(opt, "-all")) {
			/* accepted, no effect in the simulator */
		} else {
			vs_eprintf("Option \"%s\" is unknown, try \"ip -help\".\n",
				   argv[1]);
			return 255;
		}
		argc--;
		argv++;
	}
	if (argc > 1)
		return do_cmd(argv[1], argc - 1, argv + 1);
	return usage();
}

int do_ip(int argc, char **argv)
{
	struct net *saved = vs_current->net;
	int rc;

	show_stats = 0;
	show_details = 0;
	brief = false;
	oneline = false;
	preferred_family = 0;
	json = false;
	pretty = false;
	rc = ip_main(argc, argv);
	vs_current->net = saved;
	return rc;
}
