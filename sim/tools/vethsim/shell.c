// SPDX-License-Identifier: GPL-2.0
/*
 * The vethsim shell's session: boot the simulated kernel like a host,
 * run command lines and print them as the transcript format of
 * CONTRIBUTING.md ("Scenario scripts") with -x, or live without it.
 * The parts: cmdline.c (splitting), run.c (one command), jobs.c (`&`,
 * kill, wait), builtins.c, repl.c (the program and its prompt).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/ktime.h>
#include <linux/start_kernel.h>
#include <net/net_namespace.h>
#include "vethsim/vethsim.h"
#include "vethsim/shell.h"

struct vs_options vs_opts;
struct vs_proc vs_shell_proc;	/* the shell itself: root namespace */
static bool booted;

void vs_emit_stream(FILE *f, const struct strbuf *sb)
{
	if (!sb->len)
		return;
	fwrite(sb->buf, 1, sb->len, f);
	if (sb->buf[sb->len - 1] != '\n')
		fputc('\n', f);
}

/* Without -x, output is shown as it comes; jobs' output between steps. */
static void show_live(void)
{
	fflush(stdout);
	vs_jobs_show_live();
}

/*
 * -x: the command's stdout and stderr share one buffer, as they share a
 * terminal, and the transcript prints it whole. Without -x the command
 * writes straight to vethsim's own stdout and stderr.
 */
int vs_shell_line(const char *line)
{
	struct strbuf out;
	int rc;

	sb_init(&out);
	if (vs_opts.transcript) {
		rc = vs_shell_line_to(line, &out, &out);
		vs_emit_stream(stdout, &out);
		printf("[rc=%d]\n", rc);
	} else {
		vs_after_step = show_live;
		rc = vs_shell_line_to(line, NULL, NULL);
		show_live();
		vs_after_step = NULL;
	}
	fflush(stdout);
	sb_free(&out);
	return rc;
}

int vs_shell_capture(const char *line, struct strbuf *out)
{
	return vs_shell_line_to(line, out, out);
}

/*
 * What a booted host's init does before anyone logs in: ifupdown's
 * `auto lo` (or systemd-networkd) brings the loopback device up in the
 * initial namespace. The kernel itself leaves lo down, so namespaces made
 * later (`ip netns add`) still start with lo DOWN, as on a real host.
 */
static int boot_userspace(void)
{
	int pids = vs_command_count;	/* init's commands are not the user's */
	struct strbuf sink;
	int rc;

	sb_init(&sink);
	rc = vs_shell_line_to("ip link set lo up", &sink, &sink);
	if (rc)
		fprintf(stderr, "vethsim: boot: ip link set lo up: %s", sink.buf);
	sb_free(&sink);
	vs_command_count = pids;
	return rc ? -EIO : 0;
}

int vs_shell_init(const struct vs_options *opt)
{
	int err;

	if (opt)
		vs_opts = *opt;
	err = sim_start_kernel();
	if (err)
		return err;
	booted = true;
	sim_clock_set_deterministic(!vs_opts.realtime);
	memset(&vs_shell_proc, 0, sizeof(vs_shell_proc));
	vs_shell_proc.net = &init_net;
	vs_jobs_forget();
	return boot_userspace();
}

void vs_shell_exit(void)
{
	vs_jobs_free_all();
	netns_delete_all();
	if (booted)
		sim_shutdown_kernel();
	booted = false;
	vs_current = NULL;
}
