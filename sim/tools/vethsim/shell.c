// SPDX-License-Identifier: GPL-2.0
/*
 * The vethsim shell: runs command lines as a root shell would, prints the
 * transcript format of CONTRIBUTING.md ("Scenario scripts") with -x, and
 * keeps background jobs (`CMD &`, `kill %N`, `wait`).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/ktime.h>
#include <linux/start_kernel.h>
#include <net/net_namespace.h>
#include "vethsim/vethsim.h"

#define MAX_JOBS		64
#define ARRAY_LEN(a)		(sizeof(a) / sizeof((a)[0]))
/* A foreground command that would wait forever is stopped after this. */
#define FG_IDLE_LIMIT_NS	(30ull * 1000000000ull)

struct vs_task *vs_last_task;
bool vs_sandbox;
uint64_t vs_wait_limit_ns = 3600ull * 1000000000ull;

struct job {
	int		n;
	char		*cmd;
	struct strbuf	out;		/* its stdout and stderr, in order */
	struct vs_proc	proc;
	struct vs_task	*task;		/* NULL once finished */
	bool		done;
	bool		reaped;
	bool		announced;	/* interactive: "Done" printed */
	int		rc;
	size_t		out_shown;	/* interactive: printed so far */
};

static struct vs_options opts;
static struct job *jobs[MAX_JOBS];
static int njobs;
static struct vs_proc shell_proc;	/* the shell itself: root namespace */
static bool booted;
static int command_count;

/* ---- jobs --------------------------------------------------------------- */

static void task_release(struct vs_task *t)
{
	struct net *net = t->net;

	vs_task_unlink(t);
	t->ops->destroy(t);
	if (net)
		put_net(net);
}

static void job_collect(struct job *j)
{
	if (j->task && j->task->done) {
		j->rc = j->task->rc;
		task_release(j->task);
		j->task = NULL;
		j->done = true;
	}
}

static void jobs_collect(void)
{
	int i;

	for (i = 0; i < njobs; i++)
		job_collect(jobs[i]);
}

static void jobs_free_all(void)
{
	int i;

	for (i = 0; i < njobs; i++) {
		struct job *j = jobs[i];

		if (j->task) {
			vs_task_signal(j->task, SIGKILL);
			task_release(j->task);
		}
		sb_free(&j->out);
		free(j->cmd);
		free(j);
		jobs[i] = NULL;
	}
	njobs = 0;
}

/* Interactive and plain script mode: show what jobs printed meanwhile. */
static void jobs_show_live(void)
{
	int i;

	if (opts.transcript)
		return;
	for (i = 0; i < njobs; i++) {
		struct job *j = jobs[i];

		if (j->out.len > j->out_shown) {
			fwrite(j->out.buf + j->out_shown, 1,
			       j->out.len - j->out_shown, stdout);
			j->out_shown = j->out.len;
		}
		if (j->done && !j->announced && opts.interactive) {
			printf("[%d]  Done (rc=%d)  %s\n", j->n, j->rc, j->cmd);
			j->announced = true;
		}
	}
	fflush(stdout);
}

/* ---- output of one command ---------------------------------------------- */

static void emit_stream(FILE *f, const struct strbuf *sb)
{
	if (!sb->len)
		return;
	fwrite(sb->buf, 1, sb->len, f);
	if (sb->buf[sb->len - 1] != '\n')
		fputc('\n', f);
}

/* ---- builtins ------------------------------------------------------------ */

static int builtin_sleep(int argc, char **argv)
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

static int builtin_kill(int argc, char **argv)
{
	unsigned long long n;
	const char *spec;
	int sig = SIGTERM;
	struct job *j;

	if (argc == 3 && (!strcmp(argv[1], "-INT") || !strcmp(argv[1], "-2"))) {
		sig = SIGINT;
		spec = argv[2];
	} else if (argc == 3 && (!strcmp(argv[1], "-KILL") ||
				 !strcmp(argv[1], "-9"))) {
		sig = SIGKILL;
		spec = argv[2];
	} else if (argc == 3 && (!strcmp(argv[1], "-TERM") ||
				 !strcmp(argv[1], "-15"))) {
		spec = argv[2];
	} else if (argc == 2) {
		spec = argv[1];
	} else {
		vs_eprintf("bash: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
		return 2;
	}
	if (spec[0] != '%' || !vs_parse_uint(spec + 1, MAX_JOBS, &n) ||
	    n < 1 || (int)n > njobs || jobs[n - 1]->reaped) {
		if (spec[0] == '%')
			vs_eprintf("bash: kill: %s: no such job\n", spec);
		else
			vs_eprintf("bash: kill: %s: arguments must be process or job IDs\n",
				   spec);
		return 1;
	}
	j = jobs[n - 1];
	if (j->task)
		vs_task_signal(j->task, sig);
	job_collect(j);
	/* Let whatever the signal caused settle, as the real kill returns. */
	vs_sched_run(vs_now(), NULL);
	jobs_collect();
	return 0;
}

static void wait_job(struct job *j)
{
	struct vs_proc *saved = vs_current;

	if (j->task && !j->task->done) {
		uint64_t limit = vs_now() + (FG_IDLE_LIMIT_NS < vs_wait_limit_ns ?
					     FG_IDLE_LIMIT_NS : vs_wait_limit_ns);

		vs_sched_run(limit, j->task);
		if (!j->task->done) {
			vs_current = &j->proc;
			vs_task_signal(j->task, SIGKILL);
			vs_eprintf("vethsim: timeout: job %d still running after 30 s, killed\n",
				   j->n);
			vs_current = saved;
		}
	}
	job_collect(j);
}

static int builtin_wait(int argc, char **argv)
{
	int i;

	(void)argc;
	(void)argv;
	for (i = 0; i < njobs; i++) {
		struct job *j = jobs[i];

		if (j->reaped)
			continue;
		wait_job(j);
		j->reaped = true;
		if (opts.transcript) {
			printf("[%d] %s\n", j->n, j->cmd);
			emit_stream(stdout, &j->out);
			printf("[%d] rc=%d\n", j->n, j->rc);
		}
	}
	return 0;
}

static int builtin_jobs(int argc, char **argv)
{
	int i;

	(void)argc;
	(void)argv;
	jobs_collect();
	for (i = 0; i < njobs; i++) {
		struct job *j = jobs[i];

		if (j->reaped)
			continue;
		vs_printf("[%d]  %-24s%s\n", j->n, j->done ? "Done" : "Running",
			  j->cmd);
	}
	return 0;
}

static int builtin_echo(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		vs_printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	vs_printf("\n");
	return 0;
}

static int builtin_help(int argc, char **argv)
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
	{ "sleep",	builtin_sleep,	false },
	{ "sim",	do_sim,		false },
	{ "echo",	builtin_echo,	true },
	{ "kill",	builtin_kill,	true },
	{ "wait",	builtin_wait,	true },
	{ "jobs",	builtin_jobs,	true },
	{ "help",	builtin_help,	true },
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
		return builtin_echo(argc, argv);
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

static int wait_foreground(struct vs_task *t);

/*
 * CMD > FILE: bash opens FILE in its own namespace before CMD runs (so
 * `ip netns exec ns0 echo 1 > /proc/sys/...` writes the shell's
 * namespace, as on a real box), then CMD's stdout goes there. The only
 * files the kit writes are under /proc/sys.
 */
static int run_redirected(struct vs_cmdline *cl, struct vs_proc *proc)
{
	struct strbuf *orig = proc->out, tmp;
	const char *path = cl->redir_out;
	int rc;

	if (strncmp(path, "/proc/sys/", 10)) {
		vs_eprintf("bash: line 1: %s: vethsim can write only to /proc/sys\n",
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
		rc = t ? wait_foreground(t) : 1;
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
static int run_command(struct vs_cmdline *cl, struct vs_proc *proc)
{
	struct vs_proc *saved = vs_current;
	int rc;

	vs_current = proc;
	vs_last_task = NULL;
	vs_set_comm(basename_of(cl->argv[0]), 1000 + ++command_count);
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
static int wait_foreground(struct vs_task *t)
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
	task_release(t);
	return rc;
}

static char *trim(const char *line)
{
	const char *b = line, *e;
	char *s;

	while (*b == ' ' || *b == '\t')
		b++;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		e--;
	s = malloc((size_t)(e - b) + 1);
	if (!s)
		abort();
	memcpy(s, b, (size_t)(e - b));
	s[e - b] = '\0';
	return s;
}

static int start_job(struct vs_cmdline *cl, const char *text)
{
	struct job *j;
	char *cmd;
	int rc;
	size_t n;

	if (njobs >= MAX_JOBS) {
		vs_eprintf("bash: fork: Resource temporarily unavailable\n");
		return 254;
	}
	j = calloc(1, sizeof(*j));
	if (!j)
		abort();
	/* The job's text: the line without its trailing '&'. */
	cmd = trim(text);
	n = strlen(cmd);
	if (n && cmd[n - 1] == '&') {
		cmd[--n] = '\0';
		while (n && (cmd[n - 1] == ' ' || cmd[n - 1] == '\t'))
			cmd[--n] = '\0';
	}
	j->cmd = cmd;
	j->n = njobs + 1;
	sb_init(&j->out);
	j->proc.net = shell_proc.net;
	j->proc.out = &j->out;
	j->proc.err = &j->out;
	jobs[njobs++] = j;
	rc = run_command(cl, &j->proc);
	if (rc == VS_RC_TASK && vs_last_task) {
		j->task = vs_last_task;
		vs_last_task = NULL;
		/* let it start (tcpdump: "listening on ...") */
		vs_sched_run(vs_now(), NULL);
		job_collect(j);
	} else {
		j->done = true;
		j->rc = rc < 0 ? 1 : rc;
	}
	if (opts.transcript)
		printf("[%d] started\n", j->n);
	else if (opts.interactive)
		printf("[%d] started\n", j->n);
	return 0;
}

int vs_shell_line_to(const char *line, struct strbuf *out, struct strbuf *err)
{
	struct vs_cmdline cl;
	int rc;

	shell_proc.out = out;
	shell_proc.err = err;
	if (vs_parse_cmdline(line, &cl) < 0) {
		struct vs_proc *saved = vs_current;

		vs_current = &shell_proc;
		vs_eprintf("bash: line 1: %s\n", cl.error ? cl.error : "parse error");
		vs_current = saved;
		vs_cmdline_free(&cl);
		return 2;
	}
	if (cl.argc == 0) {
		vs_cmdline_free(&cl);
		return 0;
	}
	if (cl.background) {
		rc = start_job(&cl, line);
	} else {
		rc = run_command(&cl, &shell_proc);
		if (rc == VS_RC_TASK) {
			struct vs_task *t = vs_last_task;

			vs_last_task = NULL;
			rc = t ? wait_foreground(t) : 1;
		}
	}
	jobs_collect();
	vs_cmdline_free(&cl);
	if (rc < 0 || rc > 255)
		rc = 1;
	return rc;
}

/* Without -x, output is shown as it comes; jobs' output between steps. */
static void show_live(void)
{
	fflush(stdout);
	jobs_show_live();
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
	if (opts.transcript) {
		rc = vs_shell_line_to(line, &out, &out);
		emit_stream(stdout, &out);
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

/* ---- setup and the program ---------------------------------------------- */

/*
 * What a booted host's init does before anyone logs in: ifupdown's
 * `auto lo` (or systemd-networkd) brings the loopback device up in the
 * initial namespace. The kernel itself leaves lo down, so namespaces made
 * later (`ip netns add`) still start with lo DOWN, as on a real host.
 */
static int boot_userspace(void)
{
	int pids = command_count;	/* init's commands are not the user's */
	struct strbuf sink;
	int rc;

	sb_init(&sink);
	rc = vs_shell_line_to("ip link set lo up", &sink, &sink);
	if (rc)
		fprintf(stderr, "vethsim: boot: ip link set lo up: %s", sink.buf);
	sb_free(&sink);
	command_count = pids;
	return rc ? -EIO : 0;
}

int vs_shell_init(const struct vs_options *opt)
{
	int err;

	if (opt)
		opts = *opt;
	err = sim_start_kernel();
	if (err)
		return err;
	booted = true;
	sim_clock_set_deterministic(!opts.realtime);
	memset(&shell_proc, 0, sizeof(shell_proc));
	shell_proc.net = &init_net;
	njobs = 0;
	return boot_userspace();
}

void vs_shell_exit(void)
{
	jobs_free_all();
	netns_delete_all();
	if (booted)
		sim_shutdown_kernel();
	booted = false;
	vs_current = NULL;
}

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
		char *t = trim(line);

		if (!*t || t[0] == '#') {
			free(t);
			continue;
		}
		if (opts.transcript)
			printf("$ %s\n", t);
		rc = vs_shell_line(t);
		free(t);
		if (rc && !opts.keep_going) {
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

		jobs_show_live();
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
		t = trim(line);
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

	memset(&opts, 0, sizeof(opts));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-x")) {
			opts.transcript = true;
		} else if (!strcmp(a, "-k")) {
			opts.keep_going = true;
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
			opts.transcript = true;
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
	if (opts.transcript)
		opts.keep_going = true;
	opts.interactive = !file && !one && isatty(0);
	opts.realtime = rt_given || (opts.interactive && !det_given);
	if (file && strcmp(file, "-")) {
		f = fopen(file, "r");
		if (!f) {
			fprintf(stderr, "vethsim: %s: %s\n", file, strerror(errno));
			return 2;
		}
	}
	if (vs_shell_init(&opts)) {
		fprintf(stderr, "vethsim: the simulated kernel did not boot\n");
		if (f)
			fclose(f);
		return 3;
	}
	if (one) {
		if (opts.transcript)
			printf("$ %s\n", one);
		rc = vs_shell_line(one);
		if (opts.transcript)
			rc = 0;
	} else if (file) {
		rc = run_script(f ? f : stdin);
	} else if (opts.interactive) {
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
