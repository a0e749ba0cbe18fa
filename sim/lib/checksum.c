// SPDX-License-Identifier: GPL-2.0
/*
 * The Internet checksum (RFC 1071): a ones' complement sum of 16-bit words.
 * 6.1: lib/checksum.c (generic) and arch/x86/lib/csum-partial_64.c. Both
 * IPv4 headers and ICMP messages carry one; a receiver that sums the whole
 * header, checksum included, gets 0xffff, so ip_fast_csum() returns 0.
 */
#include <string.h>
#include <net/ip.h>

/* 6.1: same contract (a 32-bit partial sum to be folded later). */
__wsum csum_partial(const void *buff, int len, __wsum sum)
{
	const u8 *p = buff;
	u64 acc = sum;

	/* Words are read in memory order: the sum is byte-order neutral. */
	while (len > 1) {
		u16 w;

		memcpy(&w, p, 2);
		acc += w;
		p += 2;
		len -= 2;
	}
	if (len > 0)
		acc += *p;	/* odd byte: the high-order one on the wire */
	while (acc >> 32)
		acc = (acc & 0xffffffff) + (acc >> 32);
	return (__wsum)acc;
}

/* 6.1: arch/x86/include/asm/checksum_64.h: same. */
__sum16 csum_fold(__wsum sum)
{
	u32 s = sum;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (__sum16)~s;
}

/* 6.1: same. */
__sum16 ip_compute_csum(const void *buff, int len)
{
	return csum_fold(csum_partial(buff, len, 0));
}

/* 6.1: x86 assembly there; @ihl is in 32-bit words. */
__sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, (int)ihl * 4, 0));
}
