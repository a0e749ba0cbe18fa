// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 and IPv6, and the one-line forms of UDP and TCP.
 * tcpdump 4.99: print-ip.c, print-ip6.c, print-udp.c, print-tcp.c,
 * print-icmp6.c (non-verbose output only).
 */
#include <stdio.h>
#include <string.h>
/* the kernel byte-order macros give way to the C library's (same values) */
#undef htons
#undef ntohs
#undef htonl
#undef ntohl
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netdb.h>
#include "tcpdump/netdissect.h"

#define IPPROTO_ICMP_	1
#define IPPROTO_TCP_	6
#define IPPROTO_UDP_	17
#define IPPROTO_HOPOPTS_ 0
#define IPPROTO_ICMPV6_	58

/*
 * addrtoname.c tcpport_string()/udpport_string(): without -n a port with a
 * name in /etc/services is printed by name, as tcpdump does.
 */
static const char *port_string(netdissect_options *ndo, unsigned int port,
			       const char *proto, char *buf, size_t size)
{
	struct servent *se = NULL;

	if (!ndo->ndo_nflag)
		se = getservbyport((int)htons((uint16_t)port), proto);
	if (se && se->s_name)
		snprintf(buf, size, "%s", se->s_name);
	else
		snprintf(buf, size, "%u", port);
	return buf;
}

static void udp_print(netdissect_options *ndo, const uint8_t *bp,
		      unsigned int length, unsigned int caplen,
		      const char *src, const char *dst)
{
	unsigned int ulen;
	char p1[64];

	if (caplen < 8) {
		ND_PRINT("%s > %s:", src, dst);
		nd_print_trunc(ndo, "udp");
		return;
	}
	ulen = nd_get_be16(bp + 4);
	ND_PRINT("%s.%s > ", src, port_string(ndo, nd_get_be16(bp), "udp", p1,
					      sizeof(p1)));
	ND_PRINT("%s.%s: ", dst, port_string(ndo, nd_get_be16(bp + 2), "udp", p1,
					     sizeof(p1)));
	if (ulen < 8 || ulen > length)
		ND_PRINT("UDP, bad length %u > %u", ulen, length);
	else
		ND_PRINT("UDP, length %u", ulen - 8);
}

static void tcp_print(netdissect_options *ndo, const uint8_t *bp,
		      unsigned int length, unsigned int caplen,
		      const char *src, const char *dst)
{
	static const struct { uint8_t bit; char c; } flag_chars[] = {
		{ 0x02, 'S' }, { 0x01, 'F' }, { 0x08, 'P' }, { 0x04, 'R' },
		{ 0x20, 'U' }, { 0x40, 'E' }, { 0x80, 'W' }, { 0x10, '.' },
	};
	char flags[16], p1[64];
	unsigned int hlen, i, n = 0, datalen;
	uint32_t seq, ack;
	uint8_t f;

	if (caplen < 20) {
		ND_PRINT("%s > %s:", src, dst);
		nd_print_trunc(ndo, "tcp");
		return;
	}
	ND_PRINT("%s.%s > ", src, port_string(ndo, nd_get_be16(bp), "tcp", p1,
					      sizeof(p1)));
	ND_PRINT("%s.%s: ", dst, port_string(ndo, nd_get_be16(bp + 2), "tcp", p1,
					     sizeof(p1)));
	hlen = (unsigned int)(bp[12] >> 4) * 4;
	if (hlen < 20 || hlen > length) {
		ND_PRINT("tcp %u [bad hdr length %u - too short, < 20]",
			 length, hlen);
		return;
	}
	f = bp[13];
	for (i = 0; i < sizeof(flag_chars) / sizeof(flag_chars[0]); i++)
		if (f & flag_chars[i].bit)
			flags[n++] = flag_chars[i].c;
	if (!n)
		flags[n++] = 'n', flags[n++] = 'o', flags[n++] = 'n',
		flags[n++] = 'e';
	flags[n] = '\0';
	seq = nd_get_be32(bp + 4);
	ack = nd_get_be32(bp + 8);
	datalen = length - hlen;
	ND_PRINT("Flags [%s]", flags);
	if (datalen || (f & 0x07))
		ND_PRINT(datalen ? ", seq %u:%u" : ", seq %u", seq,
			 seq + datalen);
	if (f & 0x10)
		ND_PRINT(", ack %u", ack);
	ND_PRINT(", win %u", nd_get_be16(bp + 14));
	ND_PRINT(", length %u", datalen);
}

/* print-ip.c ip_print(), without -v. */
/* tok2str(ipproto_values, "unknown", p): the names -v prints. */
static const char *ipproto_name(unsigned int p)
{
	switch (p) {
	case 0: return "HBH";
	case 1: return "ICMP";
	case 2: return "IGMP";
	case 4: return "IPIP";
	case 6: return "TCP";
	case 17: return "UDP";
	case 41: return "IPv6";
	case 47: return "GRE";
	case 50: return "ESP";
	case 51: return "AH";
	case 58: return "ICMPv6";
	case 103: return "PIM";
	case 112: return "VRRP";
	case 132: return "SCTP";
	default: return "unknown";
	}
}

/* in_cksum() over the header: 0 when its checksum is right. */
static unsigned int ip_hdr_cksum(const uint8_t *bp, unsigned int hlen)
{
	uint32_t sum = 0;
	unsigned int i;

	for (i = 0; i + 1 < hlen; i += 2)
		sum += nd_get_be16(bp + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/*
 * print-ip.c ip_print() with -v: "(tos 0x0, ttl 64, id N, offset 0,
 * flags [DF], proto ICMP (1), length 84)" and a new line, before the
 * addresses; a wrong header checksum is named.
 */
static void ip_print_verbose(netdissect_options *ndo, const uint8_t *bp,
			     unsigned int hlen)
{
	unsigned int tos = bp[1], off = nd_get_be16(bp + 6);
	bool first = true;

	ND_PRINT("(tos 0x%x", tos);
	switch (tos & 0x03) {
	case 1:
		ND_PRINT(",ECT(1)");
		break;
	case 2:
		ND_PRINT(",ECT(0)");
		break;
	case 3:
		ND_PRINT(",CE");
		break;
	}
	if (bp[8] >= 1)
		ND_PRINT(", ttl %u", bp[8]);
	ND_PRINT(", id %u, offset %u, flags [", nd_get_be16(bp + 4),
		 (off & 0x1fff) * 8);
	/* bittok2str(ip_frag_values, "none", ...): MF "+", DF, rsvd */
	if (off & 0x2000) {
		ND_PRINT("+");
		first = false;
	}
	if (off & 0x4000) {
		ND_PRINT("%sDF", first ? "" : ", ");
		first = false;
	}
	if (off & 0x8000) {
		ND_PRINT("%srsvd", first ? "" : ", ");
		first = false;
	}
	if (first)
		ND_PRINT("none");
	ND_PRINT("], proto %s (%u)", ipproto_name(bp[9]), bp[9]);
	ND_PRINT(", length %u", nd_get_be16(bp + 2));
	if (hlen > 20)
		ND_PRINT(", options (unknown %u)", hlen - 20);
	if (ip_hdr_cksum(bp, hlen)) {
		unsigned int sum = nd_get_be16(bp + 10);
		uint8_t copy[60];

		memcpy(copy, bp, hlen);
		copy[10] = copy[11] = 0;
		ND_PRINT(", bad cksum %x (->%x)!", sum, ip_hdr_cksum(copy, hlen));
	}
	ND_PRINT(")\n    ");
}

void ip_print(netdissect_options *ndo, const uint8_t *bp, unsigned int length,
	      unsigned int caplen)
{
	char src[32], dst[32];
	unsigned int hlen, len, off, proto, plen, pcap;

	if (!ndo->ndo_eflag)
		ND_PRINT("IP ");
	if (caplen < 1) {
		nd_print_trunc(ndo, "ip");
		return;
	}
	if ((bp[0] >> 4) != 4) {
		if ((bp[0] >> 4) == 6)
			ND_PRINT("IP6, wrong link-layer encapsulation");
		else
			ND_PRINT("IP%u", bp[0] >> 4);
		ND_PRINT(" (invalid)");
		return;
	}
	if (caplen < 20) {
		nd_print_trunc(ndo, "ip");
		return;
	}
	hlen = (unsigned int)(bp[0] & 0x0f) * 4;
	if (hlen < 20) {
		ND_PRINT("bad-hlen %u", hlen);
		return;
	}
	len = nd_get_be16(bp + 2);
	if (len > length) {
		ND_PRINT("truncated-ip - %u bytes missing! ", len - length);
	} else if (len < length) {
		length = len;	/* Ethernet padding */
	}
	if (len < hlen) {
		ND_PRINT("bad-len %u", len);
		return;
	}
	if (ndo->ndo_vflag && caplen >= hlen)
		ip_print_verbose(ndo, bp, hlen);
	ipaddr_string(bp + 12, src, sizeof(src));
	ipaddr_string(bp + 16, dst, sizeof(dst));
	if (caplen < hlen) {
		ND_PRINT("%s > %s:", src, dst);
		nd_print_trunc(ndo, "ip");
		return;
	}
	off = nd_get_be16(bp + 6) & 0x1fff;
	proto = bp[9];
	plen = len - hlen;
	pcap = caplen - hlen;
	if (pcap > plen)
		pcap = plen;
	if (off) {
		ND_PRINT("%s > %s: ip-proto-%u", src, dst, proto);
		return;
	}
	switch (proto) {
	case IPPROTO_ICMP_:
		ND_PRINT("%s > %s: ", src, dst);
		icmp_print(ndo, bp + hlen, plen, pcap, bp);
		break;
	case IPPROTO_UDP_:
		udp_print(ndo, bp + hlen, plen, pcap, src, dst);
		break;
	case IPPROTO_TCP_:
		tcp_print(ndo, bp + hlen, plen, pcap, src, dst);
		break;
	default:
		ND_PRINT("%s > %s: ", src, dst);
		if (!ndo->ndo_nflag && getprotobynumber((int)proto))
			ND_PRINT(" %s %u", getprotobynumber((int)proto)->p_name, plen);
		else
			ND_PRINT(" ip-proto-%u %u", proto, plen);
		break;
	}
}

static void icmp6_print(netdissect_options *ndo, const uint8_t *bp,
			unsigned int length, unsigned int caplen)
{
	char a[INET6_ADDRSTRLEN];

	if (caplen < 4) {
		ND_PRINT("ICMP6");
		nd_print_trunc(ndo, "icmp6");
		return;
	}
	ND_PRINT("ICMP6, ");
	switch (bp[0]) {
	case 128:
	case 129:
		if (caplen < 8) {
			nd_print_trunc(ndo, "icmp6");
			return;
		}
		ND_PRINT("echo %s, id %u, seq %u", bp[0] == 128 ? "request" :
			 "reply", nd_get_be16(bp + 4), nd_get_be16(bp + 6));
		break;
	case 133:
		ND_PRINT("router solicitation");
		break;
	case 134:
		ND_PRINT("router advertisement");
		break;
	case 135:
	case 136:
		if (caplen < 24) {
			nd_print_trunc(ndo, "icmp6");
			return;
		}
		inet_ntop(AF_INET6, bp + 8, a, sizeof(a));
		if (bp[0] == 135)
			ND_PRINT("neighbor solicitation, who has %s", a);
		else
			ND_PRINT("neighbor advertisement, tgt is %s", a);
		break;
	case 143:
		if (caplen < 8) {
			nd_print_trunc(ndo, "icmp6");
			return;
		}
		ND_PRINT("multicast listener report v2, %u group record(s)",
			 nd_get_be16(bp + 6));
		break;
	case 1:
		ND_PRINT("destination unreachable");
		break;
	default:
		ND_PRINT("unknown icmp6 type (%u)", bp[0]);
		break;
	}
	ND_PRINT(", length %u", length);
}

/* print-ip6.c ip6_print(), without -v. */
void ip6_print(netdissect_options *ndo, const uint8_t *bp, unsigned int length,
	       unsigned int caplen)
{
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	unsigned int plen, nh, pcap;
	const uint8_t *p;

	if (!ndo->ndo_eflag)
		ND_PRINT("IP6 ");
	if (caplen < 40) {
		nd_print_trunc(ndo, "ip6");
		return;
	}
	if ((bp[0] >> 4) != 6) {
		ND_PRINT("version error: %u != 6", bp[0] >> 4);
		return;
	}
	plen = nd_get_be16(bp + 4);
	if (plen + 40 > length) {
		ND_PRINT("truncated-ip6 - %u bytes missing!",
			 plen + 40 - length);
		plen = length - 40;
	}
	inet_ntop(AF_INET6, bp + 8, src, sizeof(src));
	inet_ntop(AF_INET6, bp + 24, dst, sizeof(dst));
	nh = bp[6];
	p = bp + 40;
	pcap = caplen - 40;
	if (pcap > plen)
		pcap = plen;
	ND_PRINT("%s > %s: ", src, dst);
	if (nh == IPPROTO_HOPOPTS_) {
		unsigned int hl;

		if (pcap < 2) {
			nd_print_trunc(ndo, "hbhopt");
			return;
		}
		hl = ((unsigned int)p[1] + 1) * 8;
		ND_PRINT("HBH ");
		if (pcap < hl || plen < hl) {
			nd_print_trunc(ndo, "hbhopt");
			return;
		}
		nh = p[0];
		p += hl;
		pcap -= hl;
		plen -= hl;
	}
	switch (nh) {
	case IPPROTO_ICMPV6_:
		icmp6_print(ndo, p, plen, pcap);
		break;
	default:
		ND_PRINT("ip-proto-%u %u", nh, plen);
		break;
	}
}
