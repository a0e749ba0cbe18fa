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

/* print.c ts_hmsfrac_print(): HH:MM:SS.uuuuuu of @us (a day at most). */
static void ts_hmsfrac_print(netdissect_options *ndo, uint64_t us)
{
	uint64_t s = us / 1000000;

	ND_PRINT("%02u:%02u:%02u.%06u ", (unsigned int)(s / 3600 % 24),
		 (unsigned int)(s / 60 % 60), (unsigned int)(s % 60),
		 (unsigned int)(us % 1000000));
}

/* print.c ts_print(): the stamp -t, -tt, ... asks for. */
static void ts_print(netdissect_options *ndo, uint64_t ts_sec, uint32_t ts_usec)
{
	uint64_t us = ts_sec * 1000000 + ts_usec;
	time_t t = (time_t)ts_sec;
	struct tm tm;

	switch (ndo->ndo_tflag) {
	case 0:
		if (!localtime_r(&t, &tm))
			memset(&tm, 0, sizeof(tm));
		ND_PRINT("%02d:%02d:%02d.%06u ", tm.tm_hour, tm.tm_min,
			 tm.tm_sec, ts_usec);
		break;
	case 1:
		break;
	case 2:
		ND_PRINT("%llu.%06u ", (unsigned long long)ts_sec, ts_usec);
		break;
	case 3:
	case 5:
		/* the first packet's delta is 0; -ttt moves the reference */
		if (!ndo->ts_prev_us)
			ndo->ts_prev_us = us;
		ts_hmsfrac_print(ndo, us - ndo->ts_prev_us);
		if (ndo->ndo_tflag == 3)
			ndo->ts_prev_us = us;
		break;
	default:
		if (!localtime_r(&t, &tm))
			memset(&tm, 0, sizeof(tm));
		ND_PRINT("%04d-%02d-%02d %02d:%02d:%02d.%06u ", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			 tm.tm_sec, ts_usec);
		break;
	}
}

/*
 * print.c pretty_print_packet(): the number (--number), the stamp, the
 * frame, then with -x/-X/-A the bytes after the Ethernet header
 * (-xx/-XX/-AA: the whole frame).
 */
void pretty_print_packet(netdissect_options *ndo, uint64_t ts_sec,
			 uint32_t ts_usec, const uint8_t *p,
			 unsigned int length, unsigned int caplen)
{
	const unsigned int hdrlen = 14;

	ndo->packets_printed++;
	if (ndo->ndo_packet_number)
		ND_PRINT("%5u  ", ndo->packets_printed);
	ts_print(ndo, ts_sec, ts_usec);
	if (caplen > length)
		caplen = length;
	ether_print(ndo, p, length, caplen);
	if (ndo->ndo_Xflag) {
		if (ndo->ndo_Xflag > 1)
			hex_and_ascii_print(ndo, "\n\t", p, caplen);
		else if (caplen > hdrlen)
			hex_and_ascii_print(ndo, "\n\t", p + hdrlen,
					    caplen - hdrlen);
	} else if (ndo->ndo_xflag) {
		if (ndo->ndo_xflag > 1)
			hex_print(ndo, "\n\t", p, caplen);
		else if (caplen > hdrlen)
			hex_print(ndo, "\n\t", p + hdrlen, caplen - hdrlen);
	} else if (ndo->ndo_Aflag) {
		if (ndo->ndo_Aflag > 1)
			ascii_print(ndo, p, caplen);
		else if (caplen > hdrlen)
			ascii_print(ndo, p + hdrlen, caplen - hdrlen);
	}
	ND_PRINT("\n");
}
