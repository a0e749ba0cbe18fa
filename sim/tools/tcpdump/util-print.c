// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the printers: addresses, truncation marks, the hex dump.
 * tcpdump 4.99: util-print.c, addrtoname.c, print-ascii.c.
 */
#include <stdio.h>
#include <string.h>
#include "tcpdump/netdissect.h"

/* " [|ip]": the capture ended inside a header. */
void nd_print_trunc(netdissect_options *ndo, const char *what)
{
	ND_PRINT(" [|%s]", what);
}

#define HEXDUMP_BYTES_PER_LINE		16
#define HEXDUMP_HEXSTUFF_PER_LINE	(8 * 5)

/*
 * print-ascii.c hex_print() / hex_print_with_offset(): 16 bytes a line,
 * two bytes a group, the odd last byte alone.
 */
void hex_print(netdissect_options *ndo, const char *ident, const uint8_t *cp,
	       unsigned int length)
{
	unsigned int i;

	for (i = 0; i + 1 < length; i += 2) {
		if (i % 16 == 0)
			ND_PRINT("%s0x%04x: ", ident, i);
		ND_PRINT(" %02x%02x", cp[i], cp[i + 1]);
	}
	if (length & 1) {
		if (i % 16 == 0)
			ND_PRINT("%s0x%04x: ", ident, i);
		ND_PRINT(" %02x", cp[i]);
	}
}

/*
 * print-ascii.c ascii_print(): a new line, then the bytes, printable ones
 * (and tab, space, newline) as they are, others as '.'; a CR is dropped
 * before a newline or at the end.
 */
void ascii_print(netdissect_options *ndo, const uint8_t *cp,
		 unsigned int length)
{
	ND_PRINT("\n");
	while (length > 0) {
		uint8_t s = *cp++;

		length--;
		if (s == '\r') {
			if (length > 1 && *cp != '\n')
				ND_PRINT(".");
		} else if (!(s > 0x20 && s < 0x7f) && s != '\t' && s != ' ' &&
			   s != '\n') {
			ND_PRINT(".");
		} else {
			ND_PRINT("%c", s);
		}
	}
}

/* print-ascii.c hex_and_ascii_print(): 16 bytes a line, hex then text. */
void hex_and_ascii_print(netdissect_options *ndo, const char *ident,
			 const uint8_t *cp, unsigned int length)
{
	unsigned int off, i;

	for (off = 0; off < length; off += HEXDUMP_BYTES_PER_LINE) {
		unsigned int n = length - off;
		char hex[HEXDUMP_HEXSTUFF_PER_LINE + 1];
		char ascii[HEXDUMP_BYTES_PER_LINE + 1];
		size_t hl = 0;

		if (n > HEXDUMP_BYTES_PER_LINE)
			n = HEXDUMP_BYTES_PER_LINE;
		for (i = 0; i < n; i += 2) {
			if (i + 1 < n)
				hl += (size_t)snprintf(hex + hl, sizeof(hex) - hl,
						       " %02x%02x", cp[off + i],
						       cp[off + i + 1]);
			else
				hl += (size_t)snprintf(hex + hl, sizeof(hex) - hl,
						       " %02x", cp[off + i]);
		}
		for (i = 0; i < n; i++) {
			uint8_t c = cp[off + i];

			ascii[i] = (c > 0x20 && c < 0x7f) ? (char)c : '.';
		}
		ascii[n] = '\0';
		ND_PRINT("%s0x%04x: %-*s  %s", ident, off,
			 HEXDUMP_HEXSTUFF_PER_LINE, hex, ascii);
	}
}

/*
 * addrtoname.c etheraddr_string(): with -n the six pairs; without, the
 * broadcast name or the pairs and the vendor of the OUI (none is known to
 * the simulator but the all-zero "Ethernet" one).
 */
const char *etheraddr_string(netdissect_options *ndo, const uint8_t *ep,
			     char *buf, size_t size)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	int n;

	if (!ndo->ndo_nflag && !memcmp(ep, bcast, 6)) {
		snprintf(buf, size, "Broadcast");
		return buf;
	}
	n = snprintf(buf, size, "%02x:%02x:%02x:%02x:%02x:%02x",
		     ep[0], ep[1], ep[2], ep[3], ep[4], ep[5]);
	if (!ndo->ndo_nflag && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " (oui %s)",
			 (ep[0] | ep[1] | ep[2]) ? "Unknown" : "Ethernet");
	return buf;
}

/* Dotted quad. Without -n tcpdump asks DNS; the simulator has none. */
const char *ipaddr_string(const uint8_t *ap, char *buf, size_t size)
{
	snprintf(buf, size, "%u.%u.%u.%u", ap[0], ap[1], ap[2], ap[3]);
	return buf;
}
