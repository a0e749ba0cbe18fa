// SPDX-License-Identifier: GPL-2.0
/* Softirqs, bottom-half disabling, stepping, timers, the idle loop. */
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include "unit.h"

static int runs;
static bool saw_serving, saw_bh_off;
static int reraise_left;

static void count_action(struct softirq_action *h)
{
	runs++;
	saw_serving = in_serving_softirq();
	saw_bh_off = in_softirq();
	if (reraise_left > 0) {
		reraise_left--;
		__raise_softirq_irqoff(TASKLET_SOFTIRQ);
	}
}

static void forever_action(struct softirq_action *h)
{
	runs++;
	__raise_softirq_irqoff(HI_SOFTIRQ);
}

START_TEST(test_runs_at_outermost_bh_enable)
{
	open_softirq(TASKLET_SOFTIRQ, count_action);
	local_bh_disable();
	local_bh_disable();
	__raise_softirq_irqoff(TASKLET_SOFTIRQ);
	ck_assert(softirq_pending(TASKLET_SOFTIRQ));
	local_bh_enable();
	ck_assert_int_eq(runs, 0);	/* still disabled once */
	local_bh_enable();
	ck_assert_int_eq(runs, 1);
	ck_assert(saw_serving);
	ck_assert(saw_bh_off);
	ck_assert(!softirq_pending(TASKLET_SOFTIRQ));
	ck_assert(!in_softirq());
	ck_assert_uint_eq(kstat_softirqs_cpu(TASKLET_SOFTIRQ, 0), 1);
	ck_assert_uint_eq(softirq_raise_count(TASKLET_SOFTIRQ), 1);
}
END_TEST

START_TEST(test_raise_outside_bh_waits)
{
	open_softirq(TASKLET_SOFTIRQ, count_action);
	raise_softirq(TASKLET_SOFTIRQ);
	/* No local_bh_enable yet: ksoftirqd's job, the idle loop here. */
	ck_assert_int_eq(runs, 0);
	sim_run_until(ktime_get_ns());
	ck_assert_int_eq(runs, 1);
}
END_TEST

START_TEST(test_restart_loop_and_reraise)
{
	open_softirq(TASKLET_SOFTIRQ, count_action);
	reraise_left = 3;
	local_bh_disable();
	__raise_softirq_irqoff(TASKLET_SOFTIRQ);
	local_bh_enable();
	/* Re-raised three times: four passes in one __do_softirq(). */
	ck_assert_int_eq(runs, 4);
}
END_TEST

START_TEST(test_endless_softirq_is_bounded)
{
	open_softirq(HI_SOFTIRQ, forever_action);
	local_bh_disable();
	__raise_softirq_irqoff(HI_SOFTIRQ);
	local_bh_enable();
	/* MAX_SOFTIRQ_RESTART passes, then it is left pending. */
	ck_assert_int_eq(runs, 10);
	ck_assert(softirq_pending(HI_SOFTIRQ));
	/* The idle loop keeps running it but returns at the deadline. */
	sim_clock_set_deterministic(true);
	sim_run_until(ktime_get_ns() + 100 * NSEC_PER_USEC);
	ck_assert_int_gt(runs, 10);
	open_softirq(HI_SOFTIRQ, NULL);
	sim_clock_set_deterministic(false);
}
END_TEST

START_TEST(test_stepping_holds)
{
	open_softirq(TASKLET_SOFTIRQ, count_action);
	softirq_set_stepping(true);
	local_bh_disable();
	__raise_softirq_irqoff(TASKLET_SOFTIRQ);
	local_bh_enable();
	ck_assert_int_eq(runs, 0);
	ck_assert(softirq_pending(TASKLET_SOFTIRQ));
	sim_run_until(ktime_get_ns());
	ck_assert_int_eq(runs, 0);
	reraise_left = 1;
	ck_assert_int_eq(softirq_step(), 1);
	ck_assert_int_eq(runs, 1);
	/* One pass only: the re-raise waits for the next step. */
	ck_assert(softirq_pending(TASKLET_SOFTIRQ));
	ck_assert_int_eq(softirq_step(), 1);
	ck_assert_int_eq(softirq_step(), 0);
	ck_assert_int_eq(runs, 2);
	softirq_set_stepping(false);
}
END_TEST

static int fired[3];
static int fire_order;
static struct timer_list t1, t2, t3;

static void t_fn(struct timer_list *t)
{
	int i = t == &t1 ? 0 : t == &t2 ? 1 : 2;

	fired[i] = ++fire_order;
	if (t == &t3)
		raise_softirq(TASKLET_SOFTIRQ);
}

#define TICK	(NSEC_PER_SEC / HZ)

START_TEST(test_timers_order_and_delete)
{
	u64 now;

	sim_clock_set_deterministic(true);
	now = ktime_get_ns();
	timer_setup(&t1, t_fn, 0);
	timer_setup(&t2, t_fn, 0);
	timer_setup(&t3, t_fn, 0);
	/* in ticks (4 ms at HZ 250): a timer fires at the tick after its
	 * expiry, as on 6.1's wheel (level 0: one-tick granularity) */
	mod_timer_ns(&t1, now + 3 * TICK);
	mod_timer_ns(&t2, now + 1 * TICK);
	mod_timer_ns(&t3, now + 2 * TICK);
	ck_assert_uint_eq(sim_timers_next(), now + 2 * TICK);
	ck_assert_int_eq(del_timer(&t3), 1);
	ck_assert_int_eq(del_timer(&t3), 0);
	mod_timer_ns(&t1, now);		/* re-arming moves it */
	ck_assert_int_eq(sim_timers_run(), 0);
	sim_clock_advance(TICK);
	ck_assert_int_eq(sim_timers_run(), 1);
	sim_clock_advance(TICK);
	ck_assert_int_eq(sim_timers_run(), 1);
	ck_assert_int_eq(fired[0], 1);
	ck_assert_int_eq(fired[1], 2);
	ck_assert_int_eq(fired[2], 0);
	ck_assert_uint_eq(sim_timers_next(), UINT64_MAX);
	sim_clock_set_deterministic(false);
}
END_TEST

START_TEST(test_run_until_jumps_and_runs_softirq)
{
	u64 start, end;

	open_softirq(TASKLET_SOFTIRQ, count_action);
	sim_clock_set_deterministic(true);
	start = ktime_get_ns();
	timer_setup(&t3, t_fn, 0);
	mod_timer_ns(&t3, start + NSEC_PER_SEC);
	end = sim_run_until(start + 2 * NSEC_PER_SEC);
	ck_assert_uint_eq(end, start + 2 * NSEC_PER_SEC);
	ck_assert_int_gt(fired[2], 0);
	/* The softirq the timer raised ran with it. */
	ck_assert_int_eq(runs, 1);
	sim_clock_set_deterministic(false);
}
END_TEST

START_TEST(test_run_until_cond_returns_early)
{
	bool done = true;
	u64 start;

	sim_clock_set_deterministic(true);
	start = ktime_get_ns();
	ck_assert_uint_eq(sim_run_until_cond(start + NSEC_PER_SEC, &done),
			  start);
	sim_clock_set_deterministic(false);
}
END_TEST

START_TEST(test_deterministic_clock)
{
	u64 a, b;

	sim_clock_set_deterministic(true);
	a = ktime_get_ns();
	b = ktime_get_ns();
	ck_assert_uint_eq(a, b);
	sim_clock_advance(1234);
	ck_assert_uint_eq(ktime_get_ns(), a + 1234);
	ck_assert_uint_eq(ktime_get_real_ns() - ktime_get_ns(),
			  1700000000ull * NSEC_PER_SEC);
	ck_assert_uint_eq(jiffies, ktime_get_ns() / (NSEC_PER_SEC / HZ));
	sim_clock_set_deterministic(false);
	/* The real clock moves by itself. */
	sim_clock_advance(1);
	ck_assert_uint_gt(ktime_get_real_ns(), 1700000000ull * NSEC_PER_SEC);
}
END_TEST

static struct timer_list t_self;
static int self_fires;

static void rearm_now(struct timer_list *t)
{
	self_fires++;
	mod_timer_ns(t, ktime_get_ns());
}

START_TEST(test_timer_rearming_itself_does_not_hang)
{
	u64 start;

	sim_clock_set_deterministic(true);
	start = ktime_get_ns();
	timer_setup(&t_self, rearm_now, 0);
	mod_timer_ns(&t_self, start);
	ck_assert_int_eq(sim_timers_run(), 0);	/* due now: the next tick */
	sim_clock_advance(TICK);
	ck_assert_int_eq(sim_timers_run(), 1);
	ck_assert_int_eq(self_fires, 1);
	/* One tick (4 ms at HZ 250) per firing in the idle loop. */
	sim_run_until(start + 40 * NSEC_PER_MSEC);
	ck_assert_int_ge(self_fires, 10);
	ck_assert_int_le(self_fires, 12);
	del_timer(&t_self);
	sim_clock_set_deterministic(false);
}
END_TEST

static void reset_globals(void)
{
	unit_kernel_setup();
	runs = 0;
	reraise_left = 0;
	fire_order = 0;
	fired[0] = fired[1] = fired[2] = 0;
	self_fires = 0;
}

static Suite *softirq_suite(void)
{
	Suite *s = suite_create("softirq");
	TCase *tc = tcase_create("softirq");

	tcase_add_checked_fixture(tc, reset_globals, unit_kernel_teardown);
	suite_add_tcase(s, tc);
	tcase_add_test(tc, test_runs_at_outermost_bh_enable);
	tcase_add_test(tc, test_raise_outside_bh_waits);
	tcase_add_test(tc, test_restart_loop_and_reraise);
	tcase_add_test(tc, test_endless_softirq_is_bounded);
	tcase_add_test(tc, test_stepping_holds);
	tcase_add_test(tc, test_timers_order_and_delete);
	tcase_add_test(tc, test_run_until_jumps_and_runs_softirq);
	tcase_add_test(tc, test_run_until_cond_returns_early);
	tcase_add_test(tc, test_deterministic_clock);
	tcase_add_test(tc, test_timer_rearming_itself_does_not_hang);
	return s;
}

UNIT_MAIN(softirq_suite)
