/* SPDX-License-Identifier: GPL-2.0 */
/* The fixture every unit test runs in: a freshly booted simulated kernel. */
#include <check.h>
#include <linux/skbuff.h>
#include "unit.h"

int sim_start_kernel(void);
void sim_shutdown_kernel(void);

void unit_kernel_setup(void)
{
	ck_assert_int_eq(sim_start_kernel(), 0);
}

void unit_kernel_teardown(void)
{
	sim_shutdown_kernel();
	/* Every test must leave no packet behind: a leak is a failure. */
	ck_assert_int_eq(skb_live_count(), 0);
}
