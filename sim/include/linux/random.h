/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Random numbers. 6.1: include/linux/random.h, drivers/char/random.c.
 * The simulator draws from a small xorshift generator: in deterministic mode
 * it restarts from a fixed seed, so MAC addresses repeat from run to run.
 */
#ifndef _SIM_LINUX_RANDOM_H
#define _SIM_LINUX_RANDOM_H

#include <linux/types.h>

void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
/* sim: restart the generator (fixed seed when deterministic) */
void sim_random_seed(u64 seed);

#endif
