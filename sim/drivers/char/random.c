// SPDX-License-Identifier: GPL-2.0
/*
 * Random numbers. 6.1: drivers/char/random.c mixes entropy into a ChaCha
 * state; the simulator needs repeatable MACs more than secrecy, so it uses
 * xorshift64*, seeded from the clock, or from a fixed value in deterministic
 * mode (sim_clock_set_deterministic() reseeds).
 */
#include <string.h>
#include <linux/random.h>

static u64 rng_state = 0x9e3779b97f4a7c15ull;

/* Not in 6.1: restarts the sequence. */
void sim_random_seed(u64 seed)
{
	rng_state = seed ? seed : 0x9e3779b97f4a7c15ull;
}

static u64 xorshift64star(void)
{
	u64 x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dull;
}

/*
 * 6.1: same contract (defined by DEFINE_BATCHED_ENTROPY(u32) in
 * drivers/char/random.c); not cryptographic here.
 */
u32 get_random_u32(void)
{
	return (u32)(xorshift64star() >> 32);
}

/* 6.1: same contract; not cryptographic here. */
void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len) {
		u64 r = xorshift64star();
		size_t n = len < sizeof(r) ? len : sizeof(r);

		memcpy(p, &r, n);
		p += n;
		len -= n;
	}
}
