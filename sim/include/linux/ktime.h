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
/* Added by the core: a cheap clock of jiffy-like resolution for time limits. */
u64 ktime_get_coarse_ns(void);
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

/*
 * Added by the core: the event loop of a blocking tool (ping waiting for a
 * reply, tcpdump -c, sleep). Runs pending softirqs and due timers until
 * @deadline_ns; in deterministic mode the clock jumps to the next timer or
 * to the deadline instead of waiting. Returns the clock.
 */
u64 sim_run_until(u64 deadline_ns);
/* Like sim_run_until(), but returns early once *@done is true. */
u64 sim_run_until_cond(u64 deadline_ns, const bool *done);
/* sim: forget every timer (shutdown) and rewind the deterministic clock */
void sim_time_reset(void);

#endif
