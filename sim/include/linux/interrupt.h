/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Softirqs: deferred work run when bottom halves are re-enabled.
 * 6.1: include/linux/interrupt.h, kernel/softirq.c. One CPU; no ksoftirqd
 * thread: when stepping is on (`softirq step` in vethsim), raised softirqs
 * wait for the user instead of running at local_bh_enable().
 */
#ifndef _SIM_LINUX_INTERRUPT_H
#define _SIM_LINUX_INTERRUPT_H

#include <linux/types.h>

enum {
	HI_SOFTIRQ = 0,
	TIMER_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NET_RX_SOFTIRQ,
	BLOCK_SOFTIRQ,
	IRQ_POLL_SOFTIRQ,
	TASKLET_SOFTIRQ,
	SCHED_SOFTIRQ,
	HRTIMER_SOFTIRQ,
	RCU_SOFTIRQ,
	NR_SOFTIRQS
};

extern const char *const softirq_to_name[NR_SOFTIRQS];

struct softirq_action {
	void (*action)(struct softirq_action *h);
};

void open_softirq(int nr, void (*action)(struct softirq_action *));
void __raise_softirq_irqoff(unsigned int nr);
void raise_softirq_irqoff(unsigned int nr);
void raise_softirq(unsigned int nr);
u32 local_softirq_pending(void);
void do_softirq(void);
void local_bh_disable(void);
void local_bh_enable(void);
bool in_softirq(void);

/* Simulator control: hold raised softirqs for hand stepping, or run them. */
void softirq_set_stepping(bool on);
bool softirq_stepping(void);
/* Run one pass of pending softirqs, as one __do_softirq(); returns how many ran. */
int softirq_step(void);

/* Added by the core: counters for the `softnet` view and /proc/softirqs. */
unsigned int kstat_softirqs_cpu(unsigned int irq, int cpu);	/* runs */
u64 softirq_raise_count(unsigned int nr);	/* times raised */
bool softirq_pending(unsigned int nr);	/* raised and not yet run */
/* Inside __do_softirq() running handlers (not just with bottom halves off). */
bool in_serving_softirq(void);
/* sim: forget handlers and pending bits (shutdown) */
void softirq_reset(void);

#endif
