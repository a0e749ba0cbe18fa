/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 64-bit atomic counters, as in include/linux/atomic.h.
 * 6.1: same API; here plain integers because the simulator has one thread.
 */
#ifndef _SIM_LINUX_ATOMIC_H
#define _SIM_LINUX_ATOMIC_H

#include <linux/types.h>

typedef struct {
	s64 counter;
} atomic64_t;

static inline s64 atomic64_read(const atomic64_t *v) { return v->counter; }
static inline void atomic64_set(atomic64_t *v, s64 i) { v->counter = i; }
static inline void atomic64_inc(atomic64_t *v) { v->counter++; }
static inline void atomic64_add(s64 i, atomic64_t *v) { v->counter += i; }

#endif
