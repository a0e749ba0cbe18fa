/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Errors carried in pointers: the top 4095 addresses are -errno values.
 * 6.1: include/linux/err.h, same.
 */
#ifndef _SIM_LINUX_ERR_H
#define _SIM_LINUX_ERR_H

#include <stdint.h>
#include <stdbool.h>

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	((uintptr_t)(x) >= (uintptr_t)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)(intptr_t)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)(intptr_t)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE(ptr);
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR_VALUE(ptr);
}

#endif
