/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The printers of vethsim's tcpdump: the frame bytes in, tcpdump 4.99's
 * one-line text out. Names follow tcpdump's netdissect.h and print-*.c;
 * only the protocols a veth lab meets are decoded (Ethernet, ARP, IPv4,
 * ICMP, UDP/TCP ports, IPv6 with ICMPv6 basics), the rest is printed the
 * way tcpdump prints what it does not know.
 */
#ifndef _VETHSIM_NETDISSECT_H
#define _VETHSIM_NETDISSECT_H

#include <stdint.h>
#include <stdbool.h>
#include "vethsim/vethsim.h"

typedef struct netdissect_options {
	bool		ndo_nflag;	/* -n: numbers, no names */
	bool		ndo_eflag;	/* -e: the link-level header */
	int		ndo_vflag;	/* -v: the IPv4 header, ARP's sizes */
	int		ndo_tflag;	/* -t: no stamp, -tt: epoch, -ttt: delta,
					 * -tttt: date, -ttttt: since the first */
	int		ndo_xflag;	/* -x: hex of the payload, -xx: of the frame */
	int		ndo_Xflag;	/* -X, -XX: the same with ASCII */
	int		ndo_Aflag;	/* -A, -AA: the bytes as text */
	bool		ndo_packet_number;	/* --number */
	unsigned int	packets_printed;	/* for --number */
	uint64_t	ts_prev_us;	/* -ttt / -ttttt reference, 0: none yet */
	struct strbuf	*out;		/* where the text goes */
	const uint8_t	*ndo_snapend;	/* end of the captured bytes */
} netdissect_options;

#define ND_PRINT(...)	sb_printf(ndo->out, __VA_ARGS__)

/* print-ether.c: one captured frame, without the time stamp */
void ether_print(netdissect_options *ndo, const uint8_t *p, unsigned int length,
		 unsigned int caplen);
/* The whole line: time stamp, frame, newline. */
void pretty_print_packet(netdissect_options *ndo, uint64_t ts_sec,
			 uint32_t ts_usec, const uint8_t *p,
			 unsigned int length, unsigned int caplen);

void arp_print(netdissect_options *ndo, const uint8_t *bp, unsigned int length,
	       unsigned int caplen);
void ip_print(netdissect_options *ndo, const uint8_t *bp, unsigned int length,
	      unsigned int caplen);
void ip6_print(netdissect_options *ndo, const uint8_t *bp, unsigned int length,
	       unsigned int caplen);
void icmp_print(netdissect_options *ndo, const uint8_t *bp, unsigned int length,
		unsigned int caplen, const uint8_t *bp2);

/* util-print.c / addrtoname.c */
void nd_print_trunc(netdissect_options *ndo, const char *what);
void hex_and_ascii_print(netdissect_options *ndo, const char *ident,
			 const uint8_t *cp, unsigned int length);
void hex_print(netdissect_options *ndo, const char *ident, const uint8_t *cp,
	       unsigned int length);
void ascii_print(netdissect_options *ndo, const uint8_t *cp,
		 unsigned int length);
const char *etheraddr_string(netdissect_options *ndo, const uint8_t *ep,
			     char *buf, size_t size);
const char *ipaddr_string(const uint8_t *ap, char *buf, size_t size);

static inline uint16_t nd_get_be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t nd_get_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	       ((uint32_t)p[2] << 8) | p[3];
}

#endif
