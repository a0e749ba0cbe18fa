/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vethsim shell: what every user-side tool (ip, ping, tcpdump, sysctl,
 * ethtool, cat/echo on /proc) sees of the "process" it runs in.
 *
 * A command runs as a struct vs_proc: the network namespace it is in (what
 * setns() would have chosen) and where its stdout and stderr go. Like a
 * terminal, the shell gives both the same buffer, so what a command prints
 * keeps its order across the two streams; NULL means vethsim's own
 * stdout/stderr. Tools print with vs_printf()/vs_eprintf() to the current
 * process.
 * A command that lasts over simulated time (ping, tcpdump) becomes a
 * struct vs_task that the scheduler steps as the clock moves; it runs in
 * the foreground until done, or in the background as a job (`CMD &`).
 */
#ifndef _VETHSIM_VETHSIM_H
#define _VETHSIM_VETHSIM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct net;

/* A growable byte buffer. */
struct strbuf {
	char	*buf;
	size_t	len;
	size_t	cap;
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_write(struct strbuf *sb, const void *data, size_t len);
void sb_puts(struct strbuf *sb, const char *s);
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Take the contents as a NUL-terminated string; sb is left empty. */
char *sb_detach(struct strbuf *sb);

/* One running command: its namespace and its output streams. */
struct vs_proc {
	struct net	*net;
	struct strbuf	*out;		/* NULL: vethsim's stdout */
	struct strbuf	*err;		/* usually == out; NULL: stderr */
	bool		out_null;	/* stdout redirected to /dev/null */
	bool		err_null;
};

extern struct vs_proc *vs_current;

int vs_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vs_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vs_puts(const char *s);		/* stdout, no newline added */
struct net *vs_net(void);		/* the current namespace */

/* ---- commands that last: tasks ---------------------------------------- */

struct vs_task;

struct vs_task_ops {
	/*
	 * Do what is due at the current time (send, read sockets, print).
	 * Set t->done and t->rc when finished.
	 */
	void	(*step)(struct vs_task *t);
	/* Next time (ns) the task wants to run; UINT64_MAX: only on packets. */
	uint64_t (*next_wakeup)(struct vs_task *t);
	/* SIGINT/SIGTERM: stop, as the real tool does on that signal. */
	void	(*signal)(struct vs_task *t, int sig);
	void	(*destroy)(struct vs_task *t);
	/* Stop when the simulation is idle (a capture with no -c, say). */
	bool	stop_when_idle;
};

struct vs_task {
	const struct vs_task_ops *ops;
	struct vs_proc	*proc;		/* where its output goes */
	struct net	*net;		/* namespace it runs in */
	bool		done;
	int		rc;
	char		comm[16];	/* what the tracer names it ("ping") */
	int		pid;
	struct vs_task	*next;		/* in the scheduler's list */
};

/*
 * A tool that starts a task returns VS_RC_TASK after vs_task_start(); the
 * shell then waits for it (foreground) or makes it a job (background).
 */
#define VS_RC_TASK	(-1000)
void vs_task_start(struct vs_task *t, const struct vs_task_ops *ops);
/* The task the last VS_RC_TASK return started. */
extern struct vs_task *vs_last_task;
void vs_task_unlink(struct vs_task *t);
void vs_task_signal(struct vs_task *t, int sig);
/* The command running now, as the tracer shows it ("ping-1002"). */
void vs_set_comm(const char *comm, int pid);

/*
 * Run the simulation (timers, softirqs, tasks) until @deadline (ns on the
 * sim clock) or until @until is done (NULL: no such condition). Returns
 * false when it stopped because nothing could happen any more (idle).
 */
bool vs_sched_run(uint64_t deadline, struct vs_task *until);
/* Move the clock by @ns, running everything due meanwhile. */
void vs_sched_sleep(uint64_t ns);
uint64_t vs_now(void);

/*
 * Limits for untrusted input (the fuzzers): vs_sandbox refuses host files
 * (tcpdump -w/-r); vs_wait_limit_ns bounds how long (simulated) one
 * foreground command or sleep may last before it gets SIGINT.
 */
extern bool vs_sandbox;
/* Set by the interactive shell's SIGINT handler: stop waiting (^C). */
extern volatile int vs_interrupted;
/* Called after every scheduler step (the shell shows output live). */
extern void (*vs_after_step)(void);
extern uint64_t vs_wait_limit_ns;

/* ---- the shell ---------------------------------------------------------- */

struct vs_cmdline {
	int	argc;
	char	**argv;
	bool	background;		/* CMD & */
	char	*redir_out;		/* > FILE */
	bool	redir_append;		/* >> FILE */
	char	*redir_err;		/* 2> FILE */
	char	*error;			/* tokenizer error, or NULL */
	bool	*glob;			/* per word: has an unquoted * ? or [ */
};

/* Split a command line as bash would (quotes, \, #, &, >, 2>). */
int vs_parse_cmdline(const char *line, struct vs_cmdline *cl);
void vs_cmdline_free(struct vs_cmdline *cl);

struct vs_options {
	bool	transcript;		/* -x */
	bool	keep_going;		/* -k */
	bool	realtime;		/* --realtime */
	bool	interactive;
	bool	quiet_boot;
};

/* Run one command line in the shell; returns its exit status. */
int vs_shell_line(const char *line);
/* The same, with the command's stdout and stderr kept in @out and @err
 * (pass one buffer twice for the order a terminal shows). */
int vs_shell_line_to(const char *line, struct strbuf *out, struct strbuf *err);
/* Run a whole argv as a command in the current process (for netns exec). */
int vs_run_argv(int argc, char **argv);
/* The program: options, boot, script or interactive loop. */
int vethsim_main(int argc, char **argv);

/* Shell state, for unit tests: boot the kernel and reset jobs/namespaces. */
int vs_shell_init(const struct vs_options *opt);
void vs_shell_exit(void);
/* Run @line and capture what the transcript would show, for the tests. */
int vs_shell_capture(const char *line, struct strbuf *out);

/* ---- the tools ---------------------------------------------------------- */

int do_ip(int argc, char **argv);		/* sim/tools/ip/ip.c */
int do_ping(int argc, char **argv);		/* sim/tools/ping/ping.c */
int do_tcpdump(int argc, char **argv);		/* sim/tools/tcpdump/tcpdump.c */
int do_sysctl(int argc, char **argv);		/* sim/tools/sysctl/sysctl.c */
int do_ethtool(int argc, char **argv);		/* sim/tools/ethtool/ethtool.c */
int do_arp(int argc, char **argv);		/* sim/tools/arp/arp.c */
int do_sim(int argc, char **argv);		/* sim/tools/vethsim/simcmd.c */
int do_draw(int argc, char **argv);		/* sim/tools/vethsim/draw.c */
/* cat FILE, echo V > FILE for /proc (sim/tools/proc/proc.c) */
int do_cat(int argc, char **argv);
int do_ls(int argc, char **argv);	/* ls DIR of /sys/class/net */
/* @who: "echo" (a bash builtin) or the program whose stdout it was */
int proc_write_file(const char *who, const char *path, const char *data);
/*
 * Pathname expansion of @pattern under /sys/class/net in the current
 * namespace: the sorted matches appended to @argv (realloc'd, *argc
 * updated); 0 matches leaves the word as it is, as bash does.
 */
void proc_glob(const char *pattern, char ***argv, int *argc);
/* Whether @path names a /proc/sys file that exists in the current namespace. */
bool proc_file_exists(const char *path);

/* Namespace names, the tool side of /run/netns (sim/tools/ip/ipnetns.c). */
struct net *netns_get_by_name(const char *name);
void netns_delete_all(void);
/* The name of @peer as seen from @net through its nsid, or NULL. */
const char *netns_name_of(struct net *net);

/* Small parsers shared by the tools. */
bool vs_parse_uint(const char *s, unsigned long long max,
		   unsigned long long *val);
bool vs_parse_seconds(const char *s, uint64_t *ns);

#endif
