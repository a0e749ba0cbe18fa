// SPDX-License-Identifier: GPL-2.0
/*
 * Running one command line: split it, find the tool or builtin, apply
 * `> FILE` and `/dev/null` redirections, and wait for a command that lasts
 * (a task: ping, tcpdump) in the foreground.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/net_namespace.h>
#include "vethsim/vethsim.h"
#include "vethsim/shell.h"

#define ARRAY_LEN(a)		(sizeof(a) / sizeof((a)[0]))

struct vs_task *vs_last_task;
bool vs_sandbox;
uint64_t vs_wait_limit_ns = 3600ull * 1000000000ull;
int vs_command_count;

void vs_task_release(struct vs_task *t)
{
	struct net *net = t->net;

	vs_task_unlink(t);
	t->ops->destroy(t);
	if (net)
		put_net(net);
}

typedef int (*cmd_fn)(int argc, char **argv);

static const struct {
	const char *name;
	cmd_fn fn;
	bool builtin;		/* a bash builtin: not reachable by netns exec */
} commands[] = {
	{ "ip",		do_ip,		false },
	{ "ping",	do_ping,	false },
	{ "tcpdump",	do_tcpdump,	false },
	{ "sysctl",	do_sysctl,	false },
	{ "ethtool",	do_ethtool,	false },
	{ "cat",	do_cat,		false },
	{ "arp",	do_arp,		false },
	{ "ls",		do_ls,		false },
	{ "sleep",	vs_builtin_sleep,	false },
	{ "sim",	do_sim,		false },
	{ "echo",	vs_builtin_echo,	true },
	{ "kill",	vs_builtin_kill,	true },
	{ "wait",	vs_builtin_wait,	true },
	{ "jobs",	vs_builtin_jobs,	true },
	{ "help",	vs_builtin_help,	true },
	{ "true",	NULL,		true },
};

static const char *basename_of(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash ? slash + 1 : s;
}

/* What `ip netns exec` runs: an external program in the current process. */
int vs_run_argv(int argc, char **argv)
{
	const char *name;
	size_t i;

	if (argc < 1)
		return 0;
	name = basename_of(argv[0]);
	for (i = 0; i < ARRAY_LEN(commands); i++) {
		if (strcmp(commands[i].name, name) || commands[i].builtin)
			continue;
		return commands[i].fn(argc, argv);
	}
	if (!strcmp(name, "true"))
		return 0;
	if (!strcmp(name, "echo"))
		return vs_builtin_echo(argc, argv);
	vs_eprintf("exec of \"%s\" failed: No such file or directory\n", argv[0]);
	return 255;
}

static int run_builtin_or_tool(int argc, char **argv)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(commands); i++) {
		if (strcmp(commands[i].name, argv[0]))
			continue;
		if (!commands[i].fn)
			return 0;
		return commands[i].fn(argc, argv);
	}
	if (!strcmp(argv[0], "false"))
		return 1;
	vs_eprintf("bash: line 1: %s: command not found\n", argv[0]);
	return 127;
}

/*
 * CMD > FILE: bash opens FILE in its own namespace before CMD runs (so
 * `ip netns exec ns0 echo 1 > /proc/sys/...` writes the shell's
 * namespace, as on a real box), then CMD's stdout goes there. The only
 * files the kit writes are under /proc/sys and /sys/class/net.
 */
static int run_redirected(struct vs_cmdline *cl, struct vs_proc *proc)
{
	struct strbuf *orig = proc->out, tmp;
	const char *path = cl->redir_out;
	int rc;

	if (strncmp(path, "/proc/sys/", 10) && strncmp(path, "/sys/", 5)) {
		vs_eprintf("bash: line 1: %s: vethsim can write only to /proc/sys and /sys\n",
			   path);
		return 1;
	}
	if (!proc_file_exists(path)) {
		vs_eprintf("bash: line 1: %s: No such file or directory\n", path);
		return 1;
	}
	sb_init(&tmp);
	proc->out = &tmp;
	rc = run_builtin_or_tool(cl->argc, cl->argv);
	if (rc == VS_RC_TASK) {
		struct vs_task *t = vs_last_task;

		vs_last_task = NULL;
		rc = t ? vs_wait_foreground(t) : 1;
	}
	proc->out = orig;
	if (tmp.len) {
		int wrc = proc_write_file(basename_of(cl->argv[0]), path, tmp.buf);

		if (wrc && !rc)
			rc = wrc;
	}
	sb_free(&tmp);
	return rc;
}

static bool is_dev_null(const char *path)
{
	return path && !strcmp(path, "/dev/null");
}

/* Run a parsed foreground command in @proc; VS_RC_TASK if it started one. */
int vs_run_command(struct vs_cmdline *cl, struct vs_proc *proc)
{
	struct vs_proc *saved = vs_current;
	int rc;

	vs_current = proc;
	vs_last_task = NULL;
	vs_set_comm(basename_of(cl->argv[0]), 1000 + ++vs_command_count);
	proc->out_null = is_dev_null(cl->redir_out);
	proc->err_null = is_dev_null(cl->redir_err);
	if (cl->redir_err && !proc->err_null) {
		vs_eprintf("bash: line 1: %s: redirection is not supported by vethsim\n",
			   cl->redir_err);
		rc = 1;
	} else if (cl->redir_out && !proc->out_null) {
		rc = run_redirected(cl, proc);
	} else {
		rc = run_builtin_or_tool(cl->argc, cl->argv);
	}
	proc->out_null = proc->err_null = false;
	vs_set_comm(NULL, 0);
	vs_current = saved;
	return rc;
}

/* Wait for a foreground task; SIGINT it if nothing can ever end it. */
int vs_wait_foreground(struct vs_task *t)
{
	int rc;

	uint64_t limit = t->ops->stop_when_idle ? FG_IDLE_LIMIT_NS :
			 vs_wait_limit_ns;

	if (limit > vs_wait_limit_ns)
		limit = vs_wait_limit_ns;
	/* idle (nothing can wake it) or too long: as if ^C was typed */
	if (!vs_sched_run(vs_now() + limit, t) || !t->done)
		vs_task_signal(t, SIGINT);
	if (!t->done)
		vs_task_signal(t, SIGKILL);
	rc = t->rc;
	vs_task_release(t);
	return rc;
}

/*
 * bash's pathname expansion, in the shell's own namespace (before any
 * `ip netns exec` runs), for the files vethsim has: /sys/class/net.
 */
static void expand_globs(struct vs_cmdline *cl)
{
	struct vs_proc *saved = vs_current;
	char **argv;
	int i, argc = 0;

	for (i = 0; i < cl->argc && !cl->glob[i]; i++)
		;
	if (i == cl->argc)
		return;
	argv = calloc(1, sizeof(*argv));
	if (!argv)
		abort();
	vs_current = &vs_shell_proc;
	for (i = 0; i < cl->argc; i++) {
		int before = argc;

		if (cl->glob[i])
			proc_glob(cl->argv[i], &argv, &argc);
		if (argc == before) {
			char **v = realloc(argv, ((size_t)argc + 2) * sizeof(*v));

			if (!v)
				abort();
			argv = v;
			argv[argc++] = cl->argv[i];
			argv[argc] = NULL;
		} else {
			free(cl->argv[i]);
		}
	}
	vs_current = saved;
	free(cl->argv);
	cl->argv = argv;
	cl->argc = argc;
}

int vs_shell_line_to(const char *line, struct strbuf *out, struct strbuf *err)
{
	struct vs_cmdline cl;
	int rc;

	vs_shell_proc.out = out;
	vs_shell_proc.err = err;
	if (vs_parse_cmdline(line, &cl) < 0) {
		struct vs_proc *saved = vs_current;

		vs_current = &vs_shell_proc;
		vs_eprintf("bash: line 1: %s\n", cl.error ? cl.error : "parse error");
		vs_current = saved;
		vs_cmdline_free(&cl);
		return 2;
	}
	if (cl.argc == 0) {
		vs_cmdline_free(&cl);
		return 0;
	}
	expand_globs(&cl);
	if (cl.background) {
		rc = vs_start_job(&cl, line);
	} else {
		rc = vs_run_command(&cl, &vs_shell_proc);
		if (rc == VS_RC_TASK) {
			struct vs_task *t = vs_last_task;

			vs_last_task = NULL;
			rc = t ? vs_wait_foreground(t) : 1;
		}
	}
	vs_jobs_collect();
	vs_cmdline_free(&cl);
	if (rc < 0 || rc > 255)
		rc = 1;
	return rc;
}
