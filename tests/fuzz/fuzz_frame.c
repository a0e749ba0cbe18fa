// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: one captured frame through tcpdump's printers (with
 * and without -n/-e, whole and cut to a snap length taken from the input)
 * and through a compiled capture filter, as packet_rcv() runs it.
 * Input: byte 0 = flags (bit 0 -n, bit 1 -e), byte 1 = caplen cut, rest =
 * the frame.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#undef htons
#include <pcap/pcap.h>
#include "tcpdump/netdissect.h"

static struct bpf_program prog;
static bool compiled;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	netdissect_options ndo;
	struct strbuf sb;
	const uint8_t *frame;
	unsigned int len, caplen;
	uint8_t *copy;

	if (!compiled) {
		pcap_t *p = pcap_open_dead(DLT_EN10MB, 262144);

		if (!p || pcap_compile(p, &prog, "arp or icmp or (udp and port 53)",
				       1, PCAP_NETMASK_UNKNOWN) < 0)
			abort();
		pcap_close(p);
		compiled = true;
	}
	if (size < 2)
		return 0;
	frame = data + 2;
	len = (unsigned int)(size - 2);
	caplen = data[1] ? (data[1] < len ? data[1] : len) : len;
	/* an exact-size heap copy, so ASan sees any read past the capture */
	copy = malloc(caplen ? caplen : 1);
	if (!copy)
		return 0;
	memcpy(copy, frame, caplen);
	memset(&ndo, 0, sizeof(ndo));
	sb_init(&sb);
	ndo.out = &sb;
	ndo.ndo_nflag = data[0] & 1;
	ndo.ndo_eflag = data[0] & 2;
	pretty_print_packet(&ndo, 0, 0, copy, len, caplen);
	sb_reset(&sb);
	ndo.ndo_eflag = !ndo.ndo_eflag;
	ether_print(&ndo, copy, caplen, caplen);
	(void)bpf_filter(prog.bf_insns, copy, len, caplen);
	sb_free(&sb);
	free(copy);
	return 0;
}
