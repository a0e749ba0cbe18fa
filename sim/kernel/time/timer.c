// SPDX-License-Identifier: GPL-2.0
/*
 * The clock and the timer wheel of the simulated kernel.
 * 6.1: kernel/time/timekeeping.c and kernel/time/timer.c. One clock in
 * nanoseconds. In deterministic mode it is a counter that only the
 * simulation moves (sleep, a fixed cost per softirq pass and per packet,
 * jumps to the next timer), so every run prints the same times. Timers are
 * one sorted list instead of a wheel (there are only a few), but they fire
 * at the tick the wheel would fire them at.
 */
#include <time.h>
#include <linux/ktime.h>
#include <linux/interrupt.h>
#include <linux/random.h>

/* Uptime the deterministic clock starts at, like a box booted 100 s ago. */
#define SIM_BOOT_NS	(100ull * NSEC_PER_SEC)
/* Wall clock of the deterministic clock's zero: 2023-11-14 22:13:20 UTC. */
#define SIM_EPOCH_NS	(1700000000ull * NSEC_PER_SEC)
/* The seed deterministic mode restarts the random generator from. */
#define SIM_RANDOM_SEED	0x5eed0f7e7401ab5ull

unsigned long jiffies;

static bool deterministic;
static u64 sim_now = SIM_BOOT_NS;
static struct timer_list *timer_head;	/* sorted by expires */

static u64 host_clock(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
}

/*
 * 6.1: include/linux/timekeeping.h: reads the clocksource; here the counter
 * or CLOCK_MONOTONIC.
 */
u64 ktime_get_ns(void)
{
	u64 now = deterministic ? sim_now : host_clock(CLOCK_MONOTONIC);

	jiffies = (unsigned long)(now / (NSEC_PER_SEC / HZ));
	return now;
}

/*
 * 6.1: include/linux/timekeeping.h: same idea (the time of the last tick):
 * cheap enough to call per packet, for time limits like net_rx_action()'s.
 */
u64 ktime_get_coarse_ns(void)
{
	return deterministic ? sim_now : host_clock(CLOCK_MONOTONIC_COARSE);
}

/*
 * 6.1: include/linux/timekeeping.h: CLOCK_REALTIME; in deterministic mode a
 * fixed epoch plus the clock.
 */
u64 ktime_get_real_ns(void)
{
	if (deterministic)
		return SIM_EPOCH_NS + sim_now;
	return host_clock(CLOCK_REALTIME);
}

/* Not in 6.1. Turning it on also restarts the random generator. */
void sim_clock_set_deterministic(bool on)
{
	deterministic = on;
	if (on)
		sim_random_seed(SIM_RANDOM_SEED);
	ktime_get_ns();
}

/* Not in 6.1. */
bool sim_clock_deterministic(void)
{
	return deterministic;
}

/* Not in 6.1: time passing. Real time passes by itself, so a no-op then. */
void sim_clock_advance(u64 ns)
{
	if (!deterministic)
		return;
	sim_now += ns;
	ktime_get_ns();
}

/* Not in 6.1: shutdown forgets the timers (their owners are gone). */
void sim_time_reset(void)
{
	/*
	 * The timers' owners may already be freed: drop the list without
	 * touching them. A stale `pending` is harmless: timer_unlink() of a
	 * timer not on the list only clears it.
	 */
	timer_head = NULL;
	sim_now = SIM_BOOT_NS;
	/* Deterministic runs repeat their MACs; others differ, as on Linux. */
	if (deterministic)
		sim_random_seed(SIM_RANDOM_SEED);
	else
		sim_random_seed(host_clock(CLOCK_REALTIME) ^
				host_clock(CLOCK_MONOTONIC) << 17);
	ktime_get_ns();
}

/*
 * 6.1: include/linux/timer.h: same; @flags (TIMER_DEFERRABLE, ...) are
 * ignored.
 */
void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		 unsigned int flags)
{
	t->function = fn;
	t->expires = 0;
	t->pending = false;
	t->next = NULL;
}

static void timer_unlink(struct timer_list *t)
{
	struct timer_list **pp;

	for (pp = &timer_head; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	t->next = NULL;
	t->pending = false;
}

/* The wheel's geometry: 8 levels of 64 slots, each level 8 times coarser. */
#define LVL_CLK_SHIFT	3
#define LVL_BITS	6
#define LVL_DEPTH	8
/*
 * 6.1: same.
 */
#define LVL_SHIFT(n)	((n) * LVL_CLK_SHIFT)
/*
 * 6.1: same, shifted as u64.
 */
#define LVL_START(n)	((((u64)1 << LVL_BITS) - 1) << (((n) - 1) * LVL_CLK_SHIFT))

/*
 * 6.1: calc_wheel_index()'s bucket_expiry: the tick a timer really fires
 * at. The wheel never fires early, so it rounds up to the granularity of
 * the level the delay falls in: one tick (4 ms at HZ=250) below 63
 * ticks, 8 ticks (32 ms) below 504, 64 ticks (256 ms) below 4032, ...
 * So a 1 s ARP retransmit timer fires 4 to 36 ms late, after a ping
 * whose -W wait ends exactly 1 s after the probe.
 */
static u64 timer_bucket_expiry(u64 expires, u64 clk)
{
	u64 delta = expires - clk;
	unsigned int lvl = 0;

	if ((s64)delta < 0)
		return clk;
	while (lvl < LVL_DEPTH - 1 && delta >= LVL_START(lvl + 1))
		lvl++;
	return ((expires >> LVL_SHIFT(lvl)) + 1) << LVL_SHIFT(lvl);
}

/*
 * 6.1: mod_timer() takes jiffies; nanoseconds here, turned into the tick
 * the wheel fires it at (timer_bucket_expiry()). Timers due at the same
 * tick fire in the order they were armed, as on one wheel slot.
 */
void mod_timer_ns(struct timer_list *t, u64 expires_ns)
{
	const u64 tick = NSEC_PER_SEC / HZ;
	u64 clk = ktime_get_ns() / tick;
	struct timer_list **pp;

	if (t->pending)
		timer_unlink(t);
	expires_ns = timer_bucket_expiry(expires_ns / tick, clk) * tick;
	t->expires = expires_ns;
	for (pp = &timer_head; *pp; pp = &(*pp)->next)
		if ((*pp)->expires > expires_ns)
			break;
	t->next = *pp;
	*pp = t;
	t->pending = true;
}

/* 6.1: include/linux/timer.h: same; returns 1 if the timer was pending. */
int del_timer(struct timer_list *t)
{
	if (!t->pending)
		return 0;
	timer_unlink(t);
	return 1;
}

/*
 * 6.1: run_timer_softirq() runs expired timers in TIMER_SOFTIRQ with bottom
 * halves off; here each callback runs between local_bh_disable() and
 * local_bh_enable(), so packets it sends are received on the way out.
 */
int sim_timers_run(void)
{
	u64 now = ktime_get_ns();
	struct timer_list *t;
	int due = 0, fired = 0;

	/*
	 * Fire only what was due on entry: a callback that re-arms its
	 * timer for "now" is run again on the next call, not in a loop
	 * (in 6.1 it would wait for the next tick).
	 */
	for (t = timer_head; t && t->expires <= now; t = t->next)
		due++;
	while (fired < due && timer_head && timer_head->expires <= now) {
		struct timer_list *t = timer_head;

		timer_head = t->next;
		t->next = NULL;
		t->pending = false;
		local_bh_disable();
		t->function(t);
		local_bh_enable();
		fired++;
	}
	return fired;
}

/* Not in 6.1: what the idle loop sleeps until. */
u64 sim_timers_next(void)
{
	return timer_head ? timer_head->expires : UINT64_MAX;
}

static void host_sleep_until(u64 until)
{
	u64 now = host_clock(CLOCK_MONOTONIC);
	struct timespec ts;

	if (until <= now)
		return;
	until -= now;
	ts.tv_sec = (time_t)(until / NSEC_PER_SEC);
	ts.tv_nsec = (long)(until % NSEC_PER_SEC);
	nanosleep(&ts, NULL);
}

/*
 * Not in 6.1: what the CPU does while a tool blocks. It runs softirqs the
 * way ksoftirqd would, fires due timers and, when nothing is left to do
 * now, moves to the next event: a jump in deterministic mode, a sleep
 * otherwise. Stepping mode leaves softirqs for the user.
 */
u64 sim_run_until_cond(u64 deadline_ns, const bool *done)
{
	for (;;) {
		u64 next, now;

		if (!softirq_stepping() && local_softirq_pending() &&
		    !in_softirq())
			do_softirq();
		sim_timers_run();
		now = ktime_get_ns();
		if ((done && *done) || now >= deadline_ns)
			return now;
		if (!softirq_stepping() && local_softirq_pending() &&
		    !in_softirq())
			continue;
		next = sim_timers_next();
		if (next <= now)	/* re-armed for now: the next tick */
			next = now + NSEC_PER_SEC / HZ;
		if (next > deadline_ns)
			next = deadline_ns;
		if (deterministic)
			sim_clock_advance(next - now);
		else
			host_sleep_until(next);
	}
}

/* Not in 6.1: sim_run_until_cond() without a condition. */
u64 sim_run_until(u64 deadline_ns)
{
	return sim_run_until_cond(deadline_ns, NULL);
}
