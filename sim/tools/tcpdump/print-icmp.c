// SPDX-License-Identifier: GPL-2.0
/* ICMP. tcpdump 4.99: print-icmp.c, without -v. */
#include <stdio.h>
#include <string.h>
#include "tcpdump/netdissect.h"

#define ICMP_ECHOREPLY		0
#define ICMP_UNREACH		3
#define ICMP_SOURCEQUENCH	4
#define ICMP_REDIRECT		5
#define ICMP_ECHO		8
#define ICMP_TIMXCEED		11
#define ICMP_PARAMPROB		12
#define ICMP_TSTAMP		13
#define ICMP_TSTAMPREPLY	14

static const char *const unreach_fmt[] = {
	"net %s unreachable",
	"host %s unreachable",
	NULL,				/* protocol: own format */
	NULL,				/* port: own format */
	NULL,				/* need to frag: own format */
	"%s unreachable - source route failed",
	"net %s unreachable - unknown",
	"host %s unreachable - unknown",
	"%s unreachable - source host isolated",
	"net %s unreachable - admin prohibited",
	"host %s unreachable - admin prohibited",
	"net %s unreachable - tos prohibited",
	"host %s unreachable - tos prohibited",
	"host %s unreachable - admin prohibited filter",
	"host %s unreachable - host precedence violation",
	"host %s unreachable - precedence cutoff",
};

/* The quoted datagram of an error: its destination, protocol, port. */
static void unreach_print(netdissect_options *ndo, const uint8_t *bp,
			  unsigned int caplen)
{
	const uint8_t *oip = bp + 8;
	unsigned int code = bp[1], ohl, oproto;
	char dst[32];

	if (caplen < 8 + 20) {
		ND_PRINT("ICMP");
		nd_print_trunc(ndo, "icmp");
		return;
	}
	ipaddr_string(oip + 16, dst, sizeof(dst));
	oproto = oip[9];
	ohl = (unsigned int)(oip[0] & 0x0f) * 4;
	ND_PRINT("ICMP ");
	switch (code) {
	case 2:
		ND_PRINT("%s protocol %u unreachable", dst, oproto);
		break;
	case 3:
		if (caplen < 8 + ohl + 4 || (oproto != 6 && oproto != 17)) {
			ND_PRINT("%s protocol %u port unreachable", dst, oproto);
			break;
		}
		ND_PRINT("%s %s port %u unreachable", dst,
			 oproto == 6 ? "tcp" : "udp",
			 nd_get_be16(oip + ohl + 2));
		break;
	case 4:
		ND_PRINT("%s unreachable - need to frag (mtu %u)", dst,
			 nd_get_be16(bp + 6));
		break;
	default:
		if (code < sizeof(unreach_fmt) / sizeof(unreach_fmt[0]) &&
		    unreach_fmt[code])
			ND_PRINT(unreach_fmt[code], dst);
		else
			ND_PRINT("%s unreachable - #%u", dst, code);
		break;
	}
}

void icmp_print(netdissect_options *ndo, const uint8_t *bp, unsigned int length,
		unsigned int caplen, const uint8_t *bp2)
{
	char a[32];

	(void)bp2;
	if (caplen < 4) {
		ND_PRINT("ICMP");
		nd_print_trunc(ndo, "icmp");
		return;
	}
	switch (bp[0]) {
	case ICMP_ECHO:
	case ICMP_ECHOREPLY:
		if (caplen < 8) {
			ND_PRINT("ICMP");
			nd_print_trunc(ndo, "icmp");
			return;
		}
		ND_PRINT("ICMP echo %s, id %u, seq %u",
			 bp[0] == ICMP_ECHO ? "request" : "reply",
			 nd_get_be16(bp + 4), nd_get_be16(bp + 6));
		break;
	case ICMP_UNREACH:
		unreach_print(ndo, bp, caplen);
		if (caplen < 28)
			return;
		break;
	case ICMP_SOURCEQUENCH:
		ND_PRINT("ICMP source quench");
		break;
	case ICMP_REDIRECT:
		if (caplen < 28) {
			ND_PRINT("ICMP");
			nd_print_trunc(ndo, "icmp");
			return;
		}
		ND_PRINT("ICMP redirect %s", ipaddr_string(bp + 8 + 16, a, sizeof(a)));
		ND_PRINT(" to %s %s", bp[1] == 0 || bp[1] == 2 ? "net" : "host",
			 ipaddr_string(bp + 4, a, sizeof(a)));
		break;
	case ICMP_TIMXCEED:
		ND_PRINT("ICMP time exceeded %s", bp[1] == 0 ? "in-transit" :
			 bp[1] == 1 ? "ip reassembly" : "#?");
		break;
	case ICMP_PARAMPROB:
		if (caplen < 5) {
			ND_PRINT("ICMP");
			nd_print_trunc(ndo, "icmp");
			return;
		}
		ND_PRINT("ICMP parameter problem - octet %u", bp[4]);
		break;
	case ICMP_TSTAMP:
		if (caplen < 8) {
			ND_PRINT("ICMP");
			nd_print_trunc(ndo, "icmp");
			return;
		}
		ND_PRINT("ICMP time stamp query id %u seq %u",
			 nd_get_be16(bp + 4), nd_get_be16(bp + 6));
		break;
	default:
		ND_PRINT("ICMP type-#%u", bp[0]);
		break;
	}
	ND_PRINT(", length %u", length);
}
