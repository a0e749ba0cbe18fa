// SPDX-License-Identifier: GPL-2.0
/*
 * Packet sockets and pcap files: tcpdump -w writes a file libpcap reads
 * back, -r prints it, filters are run in the kernel as socket filters,
 * a full receive queue counts drops.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/if_ether.h>
#include <net/net_namespace.h>
#include <net/af_packet.h>
#undef htons
#undef ntohs
#undef htonl
#undef ntohl
#include <pcap/pcap.h>
#include "unit.h"
#include "vethsim/vethsim.h"

static char pcap_path[64];

static void setup(void)
{
	struct vs_options o = { .keep_going = true };
	int fd;

	ck_assert_int_eq(vs_shell_init(&o), 0);
	snprintf(pcap_path, sizeof(pcap_path), "/tmp/vethsim-check-XXXXXX");
	fd = mkstemp(pcap_path);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

static void teardown(void)
{
	vs_shell_exit();
	unlink(pcap_path);
	ck_assert_int_eq(skb_live_count(), 0);
}

static int sh(const char *fmt, const char *arg, struct strbuf *out)
{
	char line[512];

	snprintf(line, sizeof(line), fmt, arg);
	sb_reset(out);
	return vs_shell_capture(line, out);
}

static void two_ends_up(void)
{
	struct strbuf o;

	sb_init(&o);
	ck_assert_int_eq(sh("%s", "sysctl -w net.ipv6.conf.all.disable_ipv6=1", &o), 0);
	ck_assert_int_eq(sh("%s", "sysctl -w net.ipv6.conf.default.disable_ipv6=1", &o), 0);
	ck_assert_int_eq(sh("%s", "ip link add veth0 type veth peer name veth1", &o), 0);
	ck_assert_int_eq(sh("%s", "ip addr add 10.0.0.1/24 dev veth0", &o), 0);
	ck_assert_int_eq(sh("%s", "ip link set veth0 up", &o), 0);
	ck_assert_int_eq(sh("%s", "ip link set veth1 up", &o), 0);
	sb_free(&o);
}

START_TEST(test_write_then_read)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	struct strbuf o;
	pcap_t *p;
	int n = 0;

	two_ends_up();
	sb_init(&o);
	ck_assert_int_eq(sh("tcpdump -i veth0 -w %s arp &", pcap_path, &o), 0);
	/* nobody answers on veth1: ARP requests only */
	ck_assert_int_eq(sh("%s", "ping -c 1 -W 1 10.0.0.2", &o), 1);
	ck_assert_int_eq(sh("%s", "kill %1", &o), 0);
	ck_assert_int_eq(sh("%s", "wait", &o), 0);

	p = pcap_open_offline(pcap_path, errbuf);
	ck_assert_msg(p != NULL, "%s", errbuf);
	ck_assert_int_eq(pcap_datalink(p), DLT_EN10MB);
	while (pcap_next_ex(p, &h, &data) == 1) {
		ck_assert_uint_eq(h->caplen, 42);
		ck_assert_uint_eq(data[12], 0x08);
		ck_assert_uint_eq(data[13], 0x06);
		n++;
	}
	pcap_close(p);
	ck_assert_int_ge(n, 1);

	ck_assert_int_eq(sh("tcpdump -n -r %s", pcap_path, &o), 0);
	ck_assert_ptr_nonnull(strstr(o.buf, "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n"));
	/* one stream in the order written, as a terminal shows it: the
	 * stderr line comes before the packets on stdout */
	ck_assert_int_eq(strncmp(o.buf, "reading from file ", 18), 0);
	sb_free(&o);
}
END_TEST

START_TEST(test_errors)
{
	struct strbuf o;

	sb_init(&o);
	two_ends_up();
	ck_assert_int_eq(sh("%s", "tcpdump -i nosuchdev", &o), 1);
	ck_assert_str_eq(o.buf, "tcpdump: nosuchdev: No such device exists\n(No such device exists)\n");
	ck_assert_int_eq(sh("%s", "ip link set lo down", &o), 0);
	ck_assert_int_eq(sh("%s", "tcpdump -i lo", &o), 1);
	ck_assert_str_eq(o.buf, "tcpdump: lo: That device is not up\n");
	ck_assert_int_eq(sh("%s", "tcpdump -i veth0 -c 1 bogus filter", &o), 1);
	ck_assert_str_eq(o.buf, "tcpdump: can't parse filter expression: syntax error\n");
	ck_assert_int_eq(sh("%s", "tcpdump -i veth0 -c 1 port 99999", &o), 1);
	ck_assert_str_eq(o.buf, "tcpdump: illegal port number 99999 > 65535\n");
	ck_assert_int_eq(sh("%s", "tcpdump -r /nonexistent/x.pcap", &o), 1);
	ck_assert_str_eq(o.buf, "tcpdump: /nonexistent/x.pcap: No such file or directory\n");
	ck_assert_int_eq(sh("%s", "tcpdump -i", &o), 1);
	ck_assert_ptr_nonnull(strstr(o.buf, "tcpdump: option requires an argument -- 'i'\n"));
	sb_free(&o);
}
END_TEST

START_TEST(test_foreground_count)
{
	struct strbuf o;

	sb_init(&o);
	two_ends_up();
	ck_assert_int_eq(sh("%s", "ping -c 1 -W 1 10.0.0.2 &", &o), 0);
	ck_assert_int_eq(sh("%s", "tcpdump -i veth0 -n -c 1 arp", &o), 0);
	ck_assert_ptr_nonnull(strstr(o.buf, "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n"));
	ck_assert_ptr_nonnull(strstr(o.buf, "listening on veth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n"));
	ck_assert_ptr_nonnull(strstr(o.buf, "1 packet captured\n"));
	ck_assert_int_eq(sh("%s", "wait", &o), 0);
	sb_free(&o);
}
END_TEST

/* A socket filter that accepts nothing, and a queue that is full. */
START_TEST(test_socket_filter_and_drops)
{
	static struct bpf_insn reject[] = { BPF_STMT(BPF_RET | BPF_K, 0) };
	struct net_device *lo = __dev_get_by_name(&init_net, "lo");
	struct packet_sock *po, *po2;
	struct tpacket_stats st;
	struct strbuf o;
	struct sk_buff *skb;

	sb_init(&o);
	ck_assert_ptr_nonnull(lo);
	ck_assert_int_eq(sh("%s", "ip link set lo up", &o), 0);
	po = packet_create(&init_net, htons(ETH_P_ALL));
	po2 = packet_create(&init_net, htons(ETH_P_ALL));
	ck_assert_int_eq(packet_bind(po, lo->ifindex), 0);
	ck_assert_int_eq(packet_bind(po2, lo->ifindex), 0);
	ck_assert_int_eq(packet_attach_filter(po, reject, 1), 0);
	po2->sk_rcvbuf = 1;	/* room for one packet */
	ck_assert_int_eq(sh("%s", "ping -c 1 127.0.0.1", &o), 0);
	ck_assert_ptr_null(packet_recv(po));
	packet_getstats(po, &st);
	ck_assert_uint_eq(st.tp_packets, 0);
	skb = packet_recv(po2);
	ck_assert_ptr_nonnull(skb);
	consume_skb(skb);
	ck_assert_ptr_null(packet_recv(po2));
	packet_getstats(po2, &st);
	ck_assert_uint_ge(st.tp_drops, 1);
	ck_assert_uint_eq(st.tp_packets, 1 + st.tp_drops);
	packet_getstats(po2, &st);
	ck_assert_uint_eq(st.tp_packets, 0);
	ck_assert_int_eq(packet_bind(po, 999), -ENODEV);
	packet_release(po);
	packet_release(po2);
	sb_free(&o);
}
END_TEST

static Suite *pcap_suite(void)
{
	Suite *s = suite_create("pcap");
	TCase *tc = tcase_create("capture");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_write_then_read);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_foreground_count);
	tcase_add_test(tc, test_socket_filter_and_drops);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(pcap_suite)
