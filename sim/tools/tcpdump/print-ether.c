// SPDX-License-Identifier: GPL-2.0
/* Ethernet frames. tcpdump 4.99: print-ether.c, print.c. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "tcpdump/netdissect.h"

#define ETHER_HDRLEN		14
#define ETHERTYPE_IP		0x0800
#define ETHERTYPE_ARP		0x0806
#define ETHERTYPE_IPV6		0x86dd
#define ETHERTYPE_VLAN		0x8100
#define ETHERTYPE_LLDP		0x88cc
#define ETHERTYPE_LOOPBACK	0x9000
#define MAX_ETHERNET_LENGTH_VAL	1500

static const char *ethertype_name(uint16_t type)
{
	switch (type) {
	case ETHERTYPE_IP:		return "IPv4";
	case ETHERTYPE_ARP:		return "ARP";
	case ETHERTYPE_IPV6:		return "IPv6";
	case ETHERTYPE_VLAN:		return "802.1Q";
	case ETHERTYPE_LLDP:		return "LLDP";
	case ETHERTYPE_LOOPBACK:	return "Loopback";
	default:			return "Unknown";
	}
}

static bool ethertype_known(uint16_t type)
{
	return type == ETHERTYPE_IP || type == ETHERTYPE_ARP ||
	       type == ETHERTYPE_IPV6;
}

static void ether_addresses_print(netdissect_options *ndo, const uint8_t *p)
{
	char src[64], dst[64];

	ND_PRINT("%s > %s, ", etheraddr_string(ndo, p + 6, src, sizeof(src)),
		 etheraddr_string(ndo, p, dst, sizeof(dst)));
}

/*
 * print-ether.c ether_print(): the link-level header when -e is on or the
 * type is one tcpdump cannot decode, then the payload's printer, or a hex
 * dump of what is left.
 */
void ether_print(netdissect_options *ndo, const uint8_t *p, unsigned int length,
		 unsigned int caplen)
{
	uint16_t type;
	bool header;

	ndo->ndo_snapend = p + caplen;
	if (caplen < ETHER_HDRLEN || length < ETHER_HDRLEN) {
		nd_print_trunc(ndo, "ether");
		return;
	}
	type = nd_get_be16(p + 12);
	header = ndo->ndo_eflag || !ethertype_known(type);
	if (header) {
		ether_addresses_print(ndo, p);
		if (type <= MAX_ETHERNET_LENGTH_VAL)
			ND_PRINT("802.3, length %u: ", type);
		else
			ND_PRINT("ethertype %s (0x%04x), length %u: ",
				 ethertype_name(type), type, length);
	}
	length -= ETHER_HDRLEN;
	caplen -= ETHER_HDRLEN;
	p += ETHER_HDRLEN;
	switch (type) {
	case ETHERTYPE_ARP:
		arp_print(ndo, p, length, caplen);
		return;
	case ETHERTYPE_IP:
		ip_print(ndo, p, length, caplen);
		return;
	case ETHERTYPE_IPV6:
		ip6_print(ndo, p, length, caplen);
		return;
	default:
		if (type <= MAX_ETHERNET_LENGTH_VAL)
			ND_PRINT("LLC");
		hex_and_ascii_print(ndo, "\n\t", p, caplen);
		return;
	}
}

/* print.c pretty_print_packet() with the default time stamp format. */
void pretty_print_packet(netdissect_options *ndo, uint64_t ts_sec,
			 uint32_t ts_usec, const uint8_t *p,
			 unsigned int length, unsigned int caplen)
{
	time_t t = (time_t)ts_sec;
	struct tm tm;

	if (!localtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	ND_PRINT("%02d:%02d:%02d.%06u ", tm.tm_hour, tm.tm_min, tm.tm_sec,
		 ts_usec);
	if (caplen > length)
		caplen = length;
	ether_print(ndo, p, length, caplen);
	ND_PRINT("\n");
}
