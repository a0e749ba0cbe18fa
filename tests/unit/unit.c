/* SPDX-License-Identifier: GPL-2.0 */
/* The fixture every unit test runs in: a freshly booted simulated kernel. */
#include <check.h>
#include <linux/skbuff.h>
#include <linux/ktime.h>
#include "unit.h"

int sim_start_kernel(void);
void sim_shutdown_kernel(void);

void unit_kernel_setup(void)
{
	/*
	 * The deterministic clock: time moves only when the simulation says so,
	 * so budgets, timers and time limits (net_rx_action's 2 jiffies) give
	 * the same answer on a loaded CI machine as on an idle laptop.
	 */
	sim_clock_set_deterministic(true);
	ck_assert_int_eq(sim_start_kernel(), 0);
}

void unit_kernel_teardown(void)
{
	sim_shutdown_kernel();
	/* Every test must leave no packet behind: a leak is a failure. */
	ck_assert_int_eq(skb_live_count(), 0);
}
