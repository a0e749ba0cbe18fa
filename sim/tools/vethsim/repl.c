// SPDX-License-Identifier: GPL-2.0
/*
 * The vethsim program: its options, a script (-f) or one line (-c), or
 * the interactive prompt with ^C stopping the command that runs.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vethsim/vethsim.h"
#include "vethsim/shell.h"

static void usage(FILE *f)
{
	fprintf(f,
"Usage: vethsim [-x] [-k] [--realtime | --deterministic] [-f FILE | -c CMD]\n"
"\n"
"A shell on a simulated Linux network core: ip, ping, tcpdump, sysctl,\n"
"ethtool, echo > /proc/sys/..., cat /proc/..., and `sim help`.\n"
"\n"
"  -f FILE          run the script FILE (\"-\": stdin); stop at the first\n"
"                   command that fails, with its exit status\n"
"  -c CMD           run the one command line CMD\n"
"  -x               print the transcript of CONTRIBUTING.md ($ CMD, output,\n"
"                   [rc=N]); implies -k\n"
"  -k               keep going after a failing command\n"
"  --realtime       the clock follows the host's (default interactively)\n"
"  --deterministic  fixed MACs, times and RTTs (default for scripts)\n"
"  -h, --help       this text\n"
"\n"
"Without -f or -c and with a terminal on stdin: an interactive prompt.\n");
}

static int run_script(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc, last = 0;

	while ((n = getline(&line, &cap, f)) >= 0) {
		char *t = vs_trim(line);

		if (!*t || t[0] == '#') {
			free(t);
			continue;
		}
		if (vs_opts.transcript)
			printf("$ %s\n", t);
		rc = vs_shell_line(t);
		free(t);
		if (rc && !vs_opts.keep_going) {
			last = rc;
			break;
		}
	}
	free(line);
	return last;
}

static void on_sigint(int sig)
{
	(void)sig;
	vs_interrupted = 1;
}

static int run_interactive(void)
{
	struct sigaction sa;
	char *line = NULL;
	size_t cap = 0;
	bool tty = isatty(0);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);

	for (;;) {
		ssize_t n;
		char *t;

		vs_jobs_show_live();
		if (tty) {
			fputs("vethsim# ", stdout);
			fflush(stdout);
		}
		vs_interrupted = 0;
		n = getline(&line, &cap, stdin);
		if (n < 0) {
			if (vs_interrupted && !feof(stdin)) {
				clearerr(stdin);
				fputc('\n', stdout);
				continue;
			}
			break;
		}
		t = vs_trim(line);
		if (!strcmp(t, "exit") || !strcmp(t, "quit")) {
			free(t);
			break;
		}
		if (*t)
			vs_shell_line(t);
		vs_interrupted = 0;
		free(t);
	}
	if (tty)
		fputc('\n', stdout);
	free(line);
	return 0;
}

int vethsim_main(int argc, char **argv)
{
	const char *file = NULL, *one = NULL;
	bool det_given = false, rt_given = false;
	FILE *f = NULL;
	int i, rc;

	memset(&vs_opts, 0, sizeof(vs_opts));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-x")) {
			vs_opts.transcript = true;
		} else if (!strcmp(a, "-k")) {
			vs_opts.keep_going = true;
		} else if (!strcmp(a, "--realtime")) {
			rt_given = true;
		} else if (!strcmp(a, "--deterministic")) {
			det_given = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-f") && i + 1 < argc) {
			file = argv[++i];
		} else if (!strcmp(a, "-c") && i + 1 < argc) {
			one = argv[++i];
		} else if (!strcmp(a, "-xf") && i + 1 < argc) {
			vs_opts.transcript = true;
			file = argv[++i];
		} else {
			fprintf(stderr, "vethsim: unknown option or missing argument: %s\n",
				a);
			usage(stderr);
			return 2;
		}
	}
	if (rt_given && det_given) {
		fprintf(stderr, "vethsim: --realtime and --deterministic exclude each other\n");
		return 2;
	}
	if (vs_opts.transcript)
		vs_opts.keep_going = true;
	vs_opts.interactive = !file && !one && isatty(0);
	vs_opts.realtime = rt_given || (vs_opts.interactive && !det_given);
	if (file && strcmp(file, "-")) {
		f = fopen(file, "r");
		if (!f) {
			fprintf(stderr, "vethsim: %s: %s\n", file, strerror(errno));
			return 2;
		}
	}
	if (vs_shell_init(&vs_opts)) {
		fprintf(stderr, "vethsim: the simulated kernel did not boot\n");
		if (f)
			fclose(f);
		return 3;
	}
	if (one) {
		if (vs_opts.transcript)
			printf("$ %s\n", one);
		rc = vs_shell_line(one);
		if (vs_opts.transcript)
			rc = 0;
	} else if (file) {
		rc = run_script(f ? f : stdin);
	} else if (vs_opts.interactive) {
		rc = run_interactive();
	} else {
		rc = run_script(stdin);
	}
	if (f)
		fclose(f);
	fflush(stdout);
	vs_shell_exit();
	return rc;
}
