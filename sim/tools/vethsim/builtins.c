// SPDX-License-Identifier: GPL-2.0
/* The shell's own small commands: sleep (moves the simulated clock), echo, help. */
#include <stdint.h>
#include "vethsim/vethsim.h"
#include "vethsim/shell.h"

int vs_builtin_sleep(int argc, char **argv)
{
	uint64_t ns = 0, one;
	int i;

	if (argc < 2) {
		vs_eprintf("sleep: missing operand\n"
			   "Try 'sleep --help' for more information.\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (!vs_parse_seconds(argv[i], &one)) {
			vs_eprintf("sleep: invalid time interval '%s'\n"
				   "Try 'sleep --help' for more information.\n",
				   argv[i]);
			return 1;
		}
		ns += one;
	}
	if (ns > vs_wait_limit_ns)
		ns = vs_wait_limit_ns;
	vs_sched_sleep(ns);
	return 0;
}

int vs_builtin_echo(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		vs_printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	vs_printf("\n");
	return 0;
}

int vs_builtin_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	vs_printf(
"vethsim: a shell on the simulated kernel. Commands, as on a real root shell:\n"
"  ip [-n NS] [-br] [-s] link|addr|netns|neigh|route ...\n"
"  ping [-c N] [-i S] [-s SIZE] [-W S] [-w S] [-I DEV] ADDR\n"
"  tcpdump -i DEV [-n] [-e] [-l] [-c N] [-w FILE] [-r FILE] [EXPR]\n"
"  sysctl [-w] KEY[=VALUE]    echo V > /proc/sys/...    cat /proc/...\n"
"  ethtool -S|-i DEV    sleep S    CMD &    kill %%N    wait    jobs\n"
"Simulator only:\n"
"  sim help    sim trace ...    sim softirq ...    sim netdev DEV    sim softnet\n");
	return 0;
}
