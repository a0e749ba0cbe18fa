// SPDX-License-Identifier: GPL-2.0
/*
 * The shell's background jobs: `CMD &` starts one, `kill %N` signals it,
 * `wait` reaps them all and (with -x) prints what each printed, `jobs`
 * lists them. Numbered from 1, never reused, as in a bash script.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vethsim/vethsim.h"
#include "vethsim/shell.h"

#define MAX_JOBS		64

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

static struct job *jobs[MAX_JOBS];
static int njobs;

static void job_collect(struct job *j)
{
	if (j->task && j->task->done) {
		j->rc = j->task->rc;
		vs_task_release(j->task);
		j->task = NULL;
		j->done = true;
	}
}

void vs_jobs_collect(void)
{
	int i;

	for (i = 0; i < njobs; i++)
		job_collect(jobs[i]);
}

void vs_jobs_free_all(void)
{
	int i;

	for (i = 0; i < njobs; i++) {
		struct job *j = jobs[i];

		if (j->task) {
			vs_task_signal(j->task, SIGKILL);
			vs_task_release(j->task);
		}
		sb_free(&j->out);
		free(j->cmd);
		free(j);
		jobs[i] = NULL;
	}
	njobs = 0;
}

/* Not after vs_jobs_free_all(): the jobs of a kernel that is gone. */
void vs_jobs_forget(void)
{
	njobs = 0;
}

/* Interactive and plain script mode: show what jobs printed meanwhile. */
void vs_jobs_show_live(void)
{
	int i;

	if (vs_opts.transcript)
		return;
	for (i = 0; i < njobs; i++) {
		struct job *j = jobs[i];

		if (j->out.len > j->out_shown) {
			fwrite(j->out.buf + j->out_shown, 1,
			       j->out.len - j->out_shown, stdout);
			j->out_shown = j->out.len;
		}
		if (j->done && !j->announced && vs_opts.interactive) {
			printf("[%d]  Done (rc=%d)  %s\n", j->n, j->rc, j->cmd);
			j->announced = true;
		}
	}
	fflush(stdout);
}

int vs_start_job(struct vs_cmdline *cl, const char *text)
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
	cmd = vs_trim(text);
	n = strlen(cmd);
	if (n && cmd[n - 1] == '&') {
		cmd[--n] = '\0';
		while (n && (cmd[n - 1] == ' ' || cmd[n - 1] == '\t'))
			cmd[--n] = '\0';
	}
	j->cmd = cmd;
	j->n = njobs + 1;
	sb_init(&j->out);
	j->proc.net = vs_shell_proc.net;
	j->proc.out = &j->out;
	j->proc.err = &j->out;
	jobs[njobs++] = j;
	rc = vs_run_command(cl, &j->proc);
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
	if (vs_opts.transcript)
		printf("[%d] started\n", j->n);
	else if (vs_opts.interactive)
		printf("[%d] started\n", j->n);
	return 0;
}

int vs_builtin_kill(int argc, char **argv)
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
	vs_jobs_collect();
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

int vs_builtin_wait(int argc, char **argv)
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
		if (vs_opts.transcript) {
			printf("[%d] %s\n", j->n, j->cmd);
			vs_emit_stream(stdout, &j->out);
			printf("[%d] rc=%d\n", j->n, j->rc);
		}
	}
	return 0;
}

int vs_builtin_jobs(int argc, char **argv)
{
	int i;

	(void)argc;
	(void)argv;
	vs_jobs_collect();
	for (i = 0; i < njobs; i++) {
		struct job *j = jobs[i];

		if (j->reaped)
			continue;
		vs_printf("[%d]  %-24s%s\n", j->n, j->done ? "Done" : "Running",
			  j->cmd);
	}
	return 0;
}
