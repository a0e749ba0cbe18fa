/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time. 6.1: include/linux/ktime.h, kernel/time/. The simulator has one
 * clock, in nanoseconds. In deterministic mode (the default for scripts) it
 * moves only when the simulation says so (`sleep`, ping intervals, a fixed
 * cost per packet), so timestamps, RTTs and traces repeat exactly; otherwise
 * it follows CLOCK_MONOTONIC.
 */
#ifndef _SIM_LINUX_KTIME_H
#define _SIM_LINUX_KTIME_H

#include <linux/types.h>

#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L
#define NSEC_PER_SEC	1000000000L
#define USEC_PER_SEC	1000000L
#define HZ		250
extern unsigned long jiffies;	/* derived from the clock on read */

u64 ktime_get_ns(void);		/* CLOCK_MONOTONIC */
u64 ktime_get_real_ns(void);	/* CLOCK_REALTIME, for tcpdump stamps */
void sim_clock_set_deterministic(bool on);
bool sim_clock_deterministic(void);
void sim_clock_advance(u64 ns);	/* deterministic mode: move time on */

/* Timers (ARP retransmits, neighbour aging): run by sim_timers_run(). */
struct timer_list {
	u64	expires;	/* ns on the sim clock; 6.1: jiffies */
	void	(*function)(struct timer_list *t);
	bool	pending;
	struct timer_list *next;
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		 unsigned int flags);
void mod_timer_ns(struct timer_list *t, u64 expires_ns);
int del_timer(struct timer_list *t);
/* Fire every timer due by now; returns how many fired. */
int sim_timers_run(void);
/* The earliest pending expiry, or U64_MAX when none is pending. */
u64 sim_timers_next(void);

#endif
