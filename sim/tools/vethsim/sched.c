// SPDX-License-Identifier: GPL-2.0
/*
 * The tools' side of time: tasks (ping, tcpdump) that last over simulated
 * time, stepped between the kernel's events.
 *
 * Every packet in the simulator moves because a task sent it or a kernel
 * timer fired, so stepping each task after every kernel event (the next
 * timer, the next task wake-up, the deadline) sees every packet as soon as
 * the real tool would have.
 */
#include <stdint.h>
#include <stdlib.h>
#include <linux/ktime.h>
#include <linux/interrupt.h>
#include <linux/ftrace.h>
#include <stdio.h>
#include <net/net_namespace.h>
#include "vethsim/vethsim.h"

volatile int vs_interrupted;
void (*vs_after_step)(void);
static struct vs_task *tasks;
static char cur_comm[16];
static int cur_pid;

void vs_set_comm(const char *comm, int pid)
{
	snprintf(cur_comm, sizeof(cur_comm), "%s", comm ? comm : "");
	cur_pid = pid;
	ftrace_set_current(comm, pid);
}		/* running, foreground and background */

uint64_t vs_now(void)
{
	return ktime_get_ns();
}

void vs_task_start(struct vs_task *t, const struct vs_task_ops *ops)
{
	t->ops = ops;
	t->done = false;
	snprintf(t->comm, sizeof(t->comm), "%s", cur_comm);
	t->pid = cur_pid;
	t->rc = 0;
	if (!t->proc)
		t->proc = vs_current;
	if (!t->net)
		t->net = vs_current ? vs_current->net : NULL;
	if (t->net)
		get_net(t->net);	/* a process keeps its namespace alive */
	t->next = tasks;
	tasks = t;
}

/* Forget a task (finished or killed); its owner destroys it. */
void vs_task_unlink(struct vs_task *t)
{
	struct vs_task **pp;

	for (pp = &tasks; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			t->next = NULL;
			return;
		}
	}
}

static void step_task(struct vs_task *t)
{
	struct vs_proc *saved = vs_current;

	if (t->done)
		return;
	vs_current = t->proc;
	ftrace_set_current(t->comm[0] ? t->comm : NULL, t->pid);
	t->ops->step(t);
	ftrace_set_current(NULL, 0);
	vs_current = saved;
}

static void step_all(void)
{
	struct vs_task *t;

	for (t = tasks; t; t = t->next)
		step_task(t);
	if (vs_after_step)
		vs_after_step();
}

static uint64_t next_task_wakeup(void)
{
	uint64_t next = UINT64_MAX, w;
	struct vs_task *t;

	for (t = tasks; t; t = t->next) {
		if (t->done)
			continue;
		w = t->ops->next_wakeup(t);
		if (w < next)
			next = w;
	}
	return next;
}

void vs_task_signal(struct vs_task *t, int sig)
{
	struct vs_proc *saved = vs_current;

	if (t->done)
		return;
	vs_current = t->proc;
	t->ops->signal(t, sig);
	vs_current = saved;
}

bool vs_sched_run(uint64_t deadline, struct vs_task *until)
{
	unsigned int spins = 0;
	uint64_t now, next, timer;

	/* What is already due: pending softirqs, packets already queued. */
	sim_run_until(ktime_get_ns());
	step_all();
	for (;;) {
		if (until && until->done)
			return true;
		if (vs_interrupted)
			return true;
		now = ktime_get_ns();
		if (now >= deadline)
			return true;
		next = next_task_wakeup();
		timer = sim_timers_next();
		if (timer < next)
			next = timer;
		if (next == UINT64_MAX && deadline == UINT64_MAX)
			return false;	/* idle: nothing will ever happen */
		if (next > deadline)
			next = deadline;
		if (next <= now) {
			/* a task due now that did not move on: give up after a while */
			if (++spins > 100000)
				return false;
			next = now;
		} else {
			spins = 0;
		}
		sim_run_until(next);
		step_all();
	}
}

void vs_sched_sleep(uint64_t ns)
{
	uint64_t now = ktime_get_ns();

	vs_sched_run(now + ns, NULL);
}
