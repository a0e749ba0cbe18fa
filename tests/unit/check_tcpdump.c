// SPDX-License-Identifier: GPL-2.0
/*
 * tcpdump's printers on raw frames. Every expected line was printed by the
 * real tcpdump 4.99.3 (`tcpdump -r` on a pcap file holding the same bytes).
 */
#include <check.h>
#include <string.h>
#include "unit.h"
#include "tcpdump/netdissect.h"

static const uint8_t A[6] = { 0x1a, 0x6c, 0xb7, 0x93, 0x0b, 0x0c };
static const uint8_t B[6] = { 0xce, 0x86, 0x90, 0xee, 0x99, 0x3e };
static const uint8_t BC[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static size_t eth(uint8_t *f, const uint8_t *dst, const uint8_t *src,
		  uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
	return 14;
}

static size_t arp(uint8_t *p, int op, const uint8_t *sha, const uint8_t *spa,
		  const uint8_t *tha, const uint8_t *tpa)
{
	static const uint8_t hdr[6] = { 0, 1, 8, 0, 6, 4 };

	memcpy(p, hdr, 6);
	p[6] = 0;
	p[7] = (uint8_t)op;
	memcpy(p + 8, sha, 6);
	memcpy(p + 14, spa, 4);
	memcpy(p + 18, tha, 6);
	memcpy(p + 24, tpa, 4);
	return 28;
}

static size_t ip4(uint8_t *p, const uint8_t *src, const uint8_t *dst,
		  int proto, size_t plen)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	p[2] = (uint8_t)((20 + plen) >> 8);
	p[3] = (uint8_t)(20 + plen);
	p[6] = 0x40;
	p[8] = 64;
	p[9] = (uint8_t)proto;
	memcpy(p + 12, src, 4);
	memcpy(p + 16, dst, 4);
	return 20;
}

static size_t echo(uint8_t *p, int type, int id, int seq, size_t datalen)
{
	size_t i;

	p[0] = (uint8_t)type;
	p[1] = 0;
	p[2] = p[3] = 0;
	p[4] = (uint8_t)(id >> 8);
	p[5] = (uint8_t)id;
	p[6] = (uint8_t)(seq >> 8);
	p[7] = (uint8_t)seq;
	for (i = 0; i < datalen; i++)
		p[8 + i] = (uint8_t)i;
	return 8 + datalen;
}

static const uint8_t ip1[4] = { 192, 168, 1, 1 }, ip2[4] = { 192, 168, 1, 2 };
static const uint8_t zero6[6];

static struct strbuf out;

static const char *print(const uint8_t *f, unsigned int len, unsigned int caplen,
			 bool nflag, bool eflag)
{
	netdissect_options ndo = { .ndo_nflag = nflag, .ndo_eflag = eflag,
				   .out = &out };

	sb_free(&out);
	ether_print(&ndo, f, len, caplen);
	return out.buf ? out.buf : "";
}

START_TEST(test_arp)
{
	uint8_t f[128];
	size_t n = eth(f, BC, A, 0x0806);

	n += arp(f + n, 1, A, ip1, zero6, ip2);
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, true, false),
			 "ARP, Request who-has 192.168.1.2 tell 192.168.1.1, length 28");
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, true, true),
			 "1a:6c:b7:93:0b:0c > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 192.168.1.2 tell 192.168.1.1, length 28");
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, false, true),
			 "1a:6c:b7:93:0b:0c (oui Unknown) > Broadcast, ethertype ARP (0x0806), length 42: Request who-has 192.168.1.2 tell 192.168.1.1, length 28");
	n = eth(f, A, B, 0x0806);
	n += arp(f + n, 2, B, ip2, A, ip1);
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, true, false),
			 "ARP, Reply 192.168.1.2 is-at ce:86:90:ee:99:3e, length 28");
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, false, false),
			 "ARP, Reply 192.168.1.2 is-at ce:86:90:ee:99:3e (oui Unknown), length 28");
	/* cut inside the addresses */
	ck_assert_str_eq(print(f, 34, 34, true, false), " [|arp]");
	ck_assert_str_eq(print(f, 34, 34, true, true),
			 "ce:86:90:ee:99:3e > 1a:6c:b7:93:0b:0c, ethertype ARP (0x0806), length 34:  [|arp]");
}
END_TEST

START_TEST(test_icmp_echo)
{
	uint8_t f[256];
	size_t n = eth(f, B, A, 0x0800);

	n += ip4(f + n, ip1, ip2, 1, 64);
	n += echo(f + n, 8, 6290, 1, 56);
	ck_assert_uint_eq(n, 98);
	ck_assert_str_eq(print(f, 98, 98, true, false),
			 "IP 192.168.1.1 > 192.168.1.2: ICMP echo request, id 6290, seq 1, length 64");
	ck_assert_str_eq(print(f, 98, 98, true, true),
			 "1a:6c:b7:93:0b:0c > ce:86:90:ee:99:3e, ethertype IPv4 (0x0800), length 98: 192.168.1.1 > 192.168.1.2: ICMP echo request, id 6290, seq 1, length 64");
	f[34] = 0;
	ck_assert_str_eq(print(f, 98, 98, true, false),
			 "IP 192.168.1.1 > 192.168.1.2: ICMP echo reply, id 6290, seq 1, length 64");
	/* captured 48 of 98 bytes */
	ck_assert_str_eq(print(f, 48, 48, true, false),
			 "IP truncated-ip - 50 bytes missing! 192.168.1.1 > 192.168.1.2: ICMP echo reply, id 6290, seq 1, length 64");
	ck_assert_str_eq(print(f, 15, 15, true, false), "IP  [|ip]");
	ck_assert_str_eq(print(f, 3, 3, true, false), " [|ether]");
}
END_TEST

START_TEST(test_icmp_unreachable)
{
	static const uint8_t a1[4] = { 10, 0, 0, 1 }, a2[4] = { 10, 0, 0, 2 };
	uint8_t f[256];
	size_t n = eth(f, A, B, 0x0800), inner;

	n += ip4(f + n, a2, a1, 1, 36);
	f[n] = 3;
	f[n + 1] = 3;
	memset(f + n + 2, 0, 6);
	inner = n + 8;
	ip4(f + inner, a1, a2, 17, 20);
	f[inner + 20] = 0x9c;	/* ports 40000 -> 40001 */
	f[inner + 21] = 0x40;
	f[inner + 22] = 0x9c;
	f[inner + 23] = 0x41;
	n = inner + 28;
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, true, false),
			 "IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 40001 unreachable, length 36");
	f[35] = 1;
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, true, false),
			 "IP 10.0.0.2 > 10.0.0.1: ICMP host 10.0.0.2 unreachable, length 36");
	f[35] = 0;
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, true, false),
			 "IP 10.0.0.2 > 10.0.0.1: ICMP net 10.0.0.2 unreachable, length 36");
	f[35] = 4;
	f[40] = 0x05;
	f[41] = 0xdc;
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, true, false),
			 "IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 unreachable - need to frag (mtu 1500), length 36");
}
END_TEST

START_TEST(test_unknown_ethertype)
{
	static const char text[] = "hello world, unknown ethertype payload";
	uint8_t f[128];
	size_t n = eth(f, B, A, 0x88b5);

	memcpy(f + n, text, sizeof(text) - 1);
	n += sizeof(text) - 1;
	ck_assert_str_eq(print(f, (unsigned)n, (unsigned)n, true, false),
			 "1a:6c:b7:93:0b:0c > ce:86:90:ee:99:3e, ethertype Unknown (0x88b5), length 52: \n"
			 "\t0x0000:  6865 6c6c 6f20 776f 726c 642c 2075 6e6b  hello.world,.unk\n"
			 "\t0x0010:  6e6f 776e 2065 7468 6572 7479 7065 2070  nown.ethertype.p\n"
			 "\t0x0020:  6179 6c6f 6164                           ayload");
}
END_TEST

START_TEST(test_udp_tcp_other)
{
	static const uint8_t a1[4] = { 10, 0, 0, 1 }, a2[4] = { 10, 0, 0, 2 };
	uint8_t f[128];
	size_t n = eth(f, B, A, 0x0800);

	memset(f + n, 0, 60);
	ip4(f + n, a1, a2, 17, 20);
	f[n + 20] = 0x9c; f[n + 21] = 0x40; f[n + 22] = 0x9c; f[n + 23] = 0x41;
	f[n + 25] = 20;
	ck_assert_str_eq(print(f, 54, 54, true, false),
			 "IP 10.0.0.1.40000 > 10.0.0.2.40001: UDP, length 12");
	ip4(f + n, a1, a2, 6, 20);
	f[n + 22] = 0; f[n + 23] = 80; f[n + 24] = 0; f[n + 25] = 0;
	f[n + 27] = 1;				/* seq 1 */
	f[n + 32] = 0x50; f[n + 33] = 0x02;	/* hlen 20, SYN */
	f[n + 34] = 0x02; f[n + 35] = 0x00;	/* win 512 */
	ck_assert_str_eq(print(f, 54, 54, true, false),
			 "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 512, length 0");
	ip4(f + n, a1, a2, 253, 4);
	ck_assert_str_eq(print(f, 38, 38, true, false),
			 "IP 10.0.0.1 > 10.0.0.2:  ip-proto-253 4");
}
END_TEST

START_TEST(test_timestamp_line)
{
	netdissect_options ndo = { .ndo_nflag = true, .out = &out };
	uint8_t f[64];
	size_t n = eth(f, BC, A, 0x0806);

	n += arp(f + n, 1, A, ip1, zero6, ip2);
	sb_free(&out);
	pretty_print_packet(&ndo, 0, 1234, f, (unsigned)n, (unsigned)n);
	/* HH:MM:SS.uuuuuu, then the frame, then a newline */
	ck_assert_int_eq(out.buf[2], ':');
	ck_assert_str_eq(out.buf + 8, ".001234 ARP, Request who-has 192.168.1.2 tell 192.168.1.1, length 28\n");
}
END_TEST

static Suite *tcpdump_suite(void)
{
	Suite *s = suite_create("tcpdump");
	TCase *tc = tcase_create("print");

	tcase_add_test(tc, test_arp);
	tcase_add_test(tc, test_icmp_echo);
	tcase_add_test(tc, test_icmp_unreachable);
	tcase_add_test(tc, test_unknown_ethertype);
	tcase_add_test(tc, test_udp_tcp_other);
	tcase_add_test(tc, test_timestamp_line);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(tcpdump_suite)
