/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel integer types for the simulator.
 * 6.1: include/linux/types.h; here a thin layer over <stdint.h>, and the
 * __be16/__be32 "bitwise" types are plain integers (no sparse checking).
 */
#ifndef _SIM_LINUX_TYPES_H
#define _SIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef uint16_t __be16;
typedef uint32_t __be32;
typedef uint16_t __sum16;
typedef uint32_t __wsum;
typedef unsigned int gfp_t;

#define GFP_KERNEL	0u
#define GFP_ATOMIC	1u

/* Added by the core: 6.1 include/linux/compiler_attributes.h */
#define __maybe_unused	__attribute__((__unused__))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Byte order: the simulator only runs on little-endian hosts (x86-64). */
#define htons(x)	__builtin_bswap16((u16)(x))
#define ntohs(x)	__builtin_bswap16((u16)(x))
#define htonl(x)	__builtin_bswap32((u32)(x))
#define ntohl(x)	__builtin_bswap32((u32)(x))
#define cpu_to_be16(x)	htons(x)
#define be16_to_cpu(x)	ntohs(x)
#define cpu_to_be32(x)	htonl(x)
#define be32_to_cpu(x)	ntohl(x)

#endif
