// SPDX-License-Identifier: GPL-2.0
/* ARP. tcpdump 4.99: print-arp.c (Ethernet/IPv4 ARP only). */
#include <stdio.h>
#include <string.h>
#include "tcpdump/netdissect.h"

#define ARPOP_REQUEST		1
#define ARPOP_REPLY		2
#define ARPOP_REVREQUEST	3
#define ARPOP_REVREPLY		4
#define ARPOP_INVREQUEST	8
#define ARPOP_INVREPLY		9
#define ARP_HDRLEN		8

static bool isnonzero(const uint8_t *a, unsigned int len)
{
	while (len--)
		if (*a++)
			return true;
	return false;
}

void arp_print(netdissect_options *ndo, const uint8_t *bp, unsigned int length,
	       unsigned int caplen)
{
	char s1[64], s2[64];
	unsigned int hln, pln, op, pro;
	const uint8_t *sha, *spa, *tha, *tpa;

	if (caplen < ARP_HDRLEN) {
		nd_print_trunc(ndo, "arp");
		return;
	}
	pro = nd_get_be16(bp + 2);
	hln = bp[4];
	pln = bp[5];
	op = nd_get_be16(bp + 6);
	if (caplen < ARP_HDRLEN + 2 * hln + 2 * pln) {
		nd_print_trunc(ndo, "arp");
		return;
	}
	if (!ndo->ndo_eflag)
		ND_PRINT("ARP, ");
	if (ndo->ndo_vflag && pro == 0x0800 && pln == 4 && hln == 6 &&
	    nd_get_be16(bp) == 1)
		ND_PRINT("Ethernet (len %u), IPv4 (len %u), ", hln, pln);
	if (pro != 0x0800 || pln != 4 || hln != 6) {
		ND_PRINT("Unknown Protocol (0x%04x), length %u", pro, length);
		return;
	}
	sha = bp + ARP_HDRLEN;
	spa = sha + hln;
	tha = spa + pln;
	tpa = tha + hln;
	switch (op) {
	case ARPOP_REQUEST:
		ND_PRINT("Request who-has %s", ipaddr_string(tpa, s1, sizeof(s1)));
		if (isnonzero(tha, hln))
			ND_PRINT(" (%s)", etheraddr_string(ndo, tha, s2, sizeof(s2)));
		ND_PRINT(" tell %s", ipaddr_string(spa, s1, sizeof(s1)));
		break;
	case ARPOP_REPLY:
		ND_PRINT("Reply %s is-at %s", ipaddr_string(spa, s1, sizeof(s1)),
			 etheraddr_string(ndo, sha, s2, sizeof(s2)));
		break;
	case ARPOP_REVREQUEST:
		ND_PRINT("Reverse Request who-is %s tell %s",
			 etheraddr_string(ndo, tha, s1, sizeof(s1)),
			 etheraddr_string(ndo, sha, s2, sizeof(s2)));
		break;
	case ARPOP_REVREPLY:
		ND_PRINT("Reverse Reply %s at %s",
			 etheraddr_string(ndo, tha, s1, sizeof(s1)),
			 ipaddr_string(tpa, s2, sizeof(s2)));
		break;
	default:
		ND_PRINT("Unknown (%u)", op);
		break;
	}
	ND_PRINT(", length %u", length);
}
