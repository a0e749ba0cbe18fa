// SPDX-License-Identifier: GPL-2.0
/*
 * Softirqs: work a hard interrupt (or netif_rx()) raises and the CPU runs
 * later, with bottom halves off, when it leaves interrupt context or
 * re-enables bottom halves.
 * 6.1: kernel/softirq.c. One CPU; preempt_count's softirq field is
 * bh_count; no ksoftirqd thread: what __do_softirq() leaves pending runs at
 * the next local_bh_enable() or in sim_run_until(), the simulator's idle loop.
 */
#include <stdio.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/ftrace.h>

/* 6.1: MAX_SOFTIRQ_TIME and MAX_SOFTIRQ_RESTART bound one __do_softirq(). */
#define MAX_SOFTIRQ_TIME	(2 * NSEC_PER_MSEC)
#define MAX_SOFTIRQ_RESTART	10
/* Deterministic clock: what one pass over the pending softirqs costs. */
#define SOFTIRQ_PASS_COST_NS	1000

const char *const softirq_to_name[NR_SOFTIRQS] = {
	"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL",
	"TASKLET", "SCHED", "HRTIMER", "RCU"
};

static struct softirq_action softirq_vec[NR_SOFTIRQS];
static u32 pending_mask;		/* irq_stat.__softirq_pending */
static int bh_count;			/* softirq part of preempt_count */
static int serving;			/* SOFTIRQ_OFFSET: handlers running */
static bool stepping;
static unsigned int softirq_runs[NR_SOFTIRQS];	/* kstat softirqs */
static u64 softirq_raises[NR_SOFTIRQS];

/* 6.1: same. */
void open_softirq(int nr, void (*action)(struct softirq_action *))
{
	if (nr < 0 || nr >= NR_SOFTIRQS)
		return;
	softirq_vec[nr].action = action;
}

/*
 * 6.1: same; the caller has interrupts off. Only marks the softirq
 * pending: it runs when bottom halves are next enabled.
 */
void __raise_softirq_irqoff(unsigned int nr)
{
	FTRACE_ENTRY();

	if (nr >= NR_SOFTIRQS)
		return;
	pending_mask |= 1u << nr;
	softirq_raises[nr]++;
}

/*
 * 6.1: same, less the ksoftirqd wake-up outside interrupt context (the
 * simulator's idle loop plays ksoftirqd). Not traced: an inline in 6.1.
 */
void raise_softirq_irqoff(unsigned int nr)
{
	__raise_softirq_irqoff(nr);
}

/*
 * 6.1: raise_softirq() also wakes ksoftirqd when called outside interrupt
 * context; the simulator's idle loop plays ksoftirqd.
 */
void raise_softirq(unsigned int nr)
{
	__raise_softirq_irqoff(nr);
}

/* 6.1: include/linux/interrupt.h: same (irq_stat.__softirq_pending). */
u32 local_softirq_pending(void)
{
	return pending_mask;
}

/* Not in 6.1: one bit of local_softirq_pending(). */
bool softirq_pending(unsigned int nr)
{
	return nr < NR_SOFTIRQS && (pending_mask & (1u << nr));
}

/*
 * 6.1: softirq_count() in include/linux/preempt.h != 0: serving softirqs or
 * with BHs off.
 */
bool in_softirq(void)
{
	return bh_count > 0;
}

/* 6.1: softirq_count() & SOFTIRQ_OFFSET: inside __do_softirq(). */
bool in_serving_softirq(void)
{
	return serving > 0;
}

/* One pass: run each softirq pending now, lowest number first. */
static int softirq_run_pass(void)
{
	u32 pending = pending_mask;
	int ran = 0;

	pending_mask = 0;
	sim_clock_advance(SOFTIRQ_PASS_COST_NS);
	while (pending) {
		unsigned int nr = (unsigned int)__builtin_ctz(pending);

		pending &= pending - 1;
		softirq_runs[nr]++;
		if (softirq_vec[nr].action) {
			softirq_vec[nr].action(&softirq_vec[nr]);
			ran++;
		}
	}
	return ran;
}

/*
 * 6.1: same loop (Debian's 6.1): run what is pending, then run again what the
 * handlers raised, up to MAX_SOFTIRQ_RESTART times or 2 ms; the rest
 * would go to ksoftirqd, here to the next local_bh_enable() or
 * sim_run_until(). Debian's 6.1 has it (from later kernels, shared with
 * run_ksoftirqd()); v6.1.0 runs the loop in __do_softirq() itself.
 */
static void handle_softirqs(bool ksirqd)
{
	FTRACE_ENTRY();
	u64 end = ktime_get_coarse_ns() + MAX_SOFTIRQ_TIME;
	int max_restart = MAX_SOFTIRQ_RESTART;

	bh_count++;
	serving++;
	do {
		softirq_run_pass();
	} while (pending_mask && !stepping && ktime_get_coarse_ns() < end &&
		 --max_restart);
	serving--;
	bh_count--;
}

/*
 * 6.1: same (Debian's 6.1): handle_softirqs(false), a tail call, so ftrace
 * shows handle_softirqs called from do_softirq and the actions from
 * handle_softirqs.
 */
static void __do_softirq(void)
{
	FTRACE_ENTRY();

	FTRACE_TAIL_CALL();
	handle_softirqs(false);
}

/* 6.1: same, minus running on the softirq stack. */
void do_softirq(void)
{
	FTRACE_ENTRY();

	if (bh_count > 0 || !pending_mask)
		return;
	__do_softirq();
}

/* 6.1: __local_bh_disable_ip(_RET_IP_, SOFTIRQ_DISABLE_OFFSET). */
void local_bh_disable(void)
{
	bh_count++;
}

/*
 * 6.1: __local_bh_enable_ip(): the last enable runs pending softirqs right
 * here. This is why a packet sent with dev_queue_xmit() on a veth is
 * received before dev_queue_xmit() returns. In stepping mode they wait.
 */
void local_bh_enable(void)
{
	if (bh_count <= 0) {
		fprintf(stderr, "BUG: local_bh_enable() without disable\n");
		bh_count = 0;
		return;
	}
	if (--bh_count == 0 && pending_mask && !stepping)
		do_softirq();
}

/* Not in 6.1: hold raised softirqs for the user (vethsim `softirq step`). */
void softirq_set_stepping(bool on)
{
	stepping = on;
}

/* Not in 6.1. */
bool softirq_stepping(void)
{
	return stepping;
}

/* Not in 6.1: one pass of __do_softirq() by hand; returns how many ran. */
int softirq_step(void)
{
	int ran;

	if (bh_count > 0 || !pending_mask)
		return 0;
	bh_count++;
	serving++;
	ran = softirq_run_pass();
	serving--;
	bh_count--;
	return ran;
}

/*
 * 6.1: kstat_softirqs_cpu() in include/linux/kernel_stat.h, the numbers in
 * /proc/softirqs.
 */
unsigned int kstat_softirqs_cpu(unsigned int irq, int cpu)
{
	return irq < NR_SOFTIRQS && cpu == 0 ? softirq_runs[irq] : 0;
}

/* Not in 6.1: how often @nr was raised (the `softnet` view). */
u64 softirq_raise_count(unsigned int nr)
{
	return nr < NR_SOFTIRQS ? softirq_raises[nr] : 0;
}

/* Not in 6.1: shutdown forgets handlers, pending bits and counters. */
void softirq_reset(void)
{
	unsigned int i;

	for (i = 0; i < NR_SOFTIRQS; i++) {
		softirq_vec[i].action = NULL;
		softirq_runs[i] = 0;
		softirq_raises[i] = 0;
	}
	pending_mask = 0;
	bh_count = 0;
	serving = 0;
	stepping = false;
}
