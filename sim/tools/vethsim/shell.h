/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of the vethsim shell share (shell.c, run.c, jobs.c,
 * builtins.c, repl.c, cmdline.c). Tools use vethsim.h, not this.
 */
#ifndef _VETHSIM_SHELL_H
#define _VETHSIM_SHELL_H

#include <stdio.h>
#include "vethsim/vethsim.h"

/* A foreground command that would wait forever is stopped after this. */
#define FG_IDLE_LIMIT_NS	(30ull * 1000000000ull)

/* shell.c: the session */
extern struct vs_options vs_opts;
extern struct vs_proc vs_shell_proc;	/* the shell itself */
/* A stream as the transcript shows it: a missing final newline added. */
void vs_emit_stream(FILE *f, const struct strbuf *sb);

/* cmdline.c */
char *vs_trim(const char *line);

/* run.c: one command */
extern int vs_command_count;		/* pids: 1000 + N */
int vs_run_command(struct vs_cmdline *cl, struct vs_proc *proc);
int vs_wait_foreground(struct vs_task *t);
void vs_task_release(struct vs_task *t);

/* jobs.c */
int vs_start_job(struct vs_cmdline *cl, const char *text);
void vs_jobs_collect(void);
void vs_jobs_show_live(void);
void vs_jobs_free_all(void);
void vs_jobs_forget(void);
int vs_builtin_kill(int argc, char **argv);
int vs_builtin_wait(int argc, char **argv);
int vs_builtin_jobs(int argc, char **argv);

/* builtins.c */
int vs_builtin_sleep(int argc, char **argv);
int vs_builtin_echo(int argc, char **argv);
int vs_builtin_help(int argc, char **argv);

#endif
