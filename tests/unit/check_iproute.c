// SPDX-License-Identifier: GPL-2.0
/*
 * The ip tool: parsing (prefixes, MACs, prefix-matching of keywords), the
 * device lines of `ip link` / `ip addr` / `ip -br`, the statistics block,
 * namespaces by name and the error messages of iproute2 6.1.
 */
#include <check.h>
#include <string.h>
#include <linux/skbuff.h>
#include "unit.h"
#include "ip/ip_common.h"

static struct strbuf o;

static void setup(void)
{
	struct vs_options opt = { .keep_going = true };

	ck_assert_int_eq(vs_shell_init(&opt), 0);
	sb_init(&o);
}

static void teardown(void)
{
	sb_free(&o);
	vs_shell_exit();
	ck_assert_int_eq(skb_live_count(), 0);
}

static int sh(const char *line)
{
	sb_reset(&o);
	return vs_shell_capture(line, &o);
}

static const char *text(void)
{
	return o.buf ? o.buf : "";
}

/* Blank out the MACs (they differ between the two ends and runs). */
static const char *nomac(void)
{
	char *p = o.buf;

	while (p && (p = strstr(p, "link/ether "))) {
		p += strlen("link/ether ");
		memcpy(p, "MAC", 3);
		memmove(p + 3, p + 17, strlen(p + 17) + 1);
	}
	return text();
}

START_TEST(test_parsers)
{
	uint32_t a;
	int len;
	uint8_t mac[6];

	ck_assert(matches("l", "link"));
	ck_assert(matches("addr", "address"));
	ck_assert(!matches("links", "link"));
	ck_assert(!matches("", "link"));
	ck_assert_int_eq(get_prefix_ipv4("10.0.0.1/24", &a, &len), 0);
	ck_assert_uint_eq(a, 0x0100000a);
	ck_assert_int_eq(len, 24);
	ck_assert_int_eq(get_prefix_ipv4("10.0.0.1", &a, &len), 0);
	ck_assert_int_eq(len, -1);
	ck_assert_int_lt(get_prefix_ipv4("10.0.0.1/33", &a, &len), 0);
	ck_assert_int_lt(get_prefix_ipv4("10.0.0.300/24", &a, &len), 0);
	ck_assert_int_lt(get_prefix_ipv4("10.0.0/24", &a, &len), 0);
	ck_assert_int_lt(get_prefix_ipv4("10.0.0.1/", &a, &len), 0);
	ck_assert_int_eq(ll_addr_a2n(mac, 6, "02:00:0a:0B:c:ff"), 6);
	ck_assert_uint_eq(mac[3], 0x0b);
	ck_assert_uint_eq(mac[4], 0x0c);
}
END_TEST

START_TEST(test_link_lines)
{
	/* vethsim boots like a host: its init brought lo up */
	ck_assert_int_eq(sh("ip link show"), 0);
	ck_assert_str_eq(text(),
		"1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n"
		"    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
	ck_assert_int_eq(sh("ip link add veth0 type veth peer name veth1"), 0);
	ck_assert_int_eq(sh("ip link set veth0 up"), 0);
	ck_assert_int_eq(sh("ip link show dev veth0"), 0);
	ck_assert_str_eq(nomac(),
		"3: veth0@veth1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000\n"
		"    link/ether MAC brd ff:ff:ff:ff:ff:ff\n");
	ck_assert_int_eq(sh("ip l sh veth1"), 0);
	ck_assert_str_eq(nomac(),
		"2: veth1@veth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
		"    link/ether MAC brd ff:ff:ff:ff:ff:ff\n");
	ck_assert_int_eq(sh("ip -br link show lo"), 0);
	ck_assert_str_eq(text(), "lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n");
	ck_assert_int_eq(sh("ip link set lo down"), 0);
	ck_assert_int_eq(sh("ip -br link show lo"), 0);
	ck_assert_str_eq(text(), "lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n");
}
END_TEST

START_TEST(test_stats_block)
{
	/* down again after boot: the qdisc stays noqueue, as in Linux */
	ck_assert_int_eq(sh("ip link set lo down"), 0);
	ck_assert_int_eq(sh("ip -s link show lo"), 0);
	ck_assert_str_eq(text(),
		"1: lo: <LOOPBACK> mtu 65536 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000\n"
		"    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
		"    RX:  bytes packets errors dropped  missed   mcast           \n"
		"             0       0      0       0       0       0 \n"
		"    TX:  bytes packets errors dropped carrier collsns           \n"
		"             0       0      0       0       0       0 \n");
	ck_assert_int_eq(sh("ip -s -s link show lo"), 0);
	ck_assert_ptr_nonnull(strstr(text(),
		"    RX errors:  length    crc   frame    fifo overrun\n"
		"                     0      0       0       0       0 \n"));
}
END_TEST

START_TEST(test_addr_lines)
{
	ck_assert_int_eq(sh("ip link set lo up"), 0);
	/* with -4 iproute2 leaves out the link/loopback line */
	ck_assert_int_eq(sh("ip -4 addr show dev lo"), 0);
	ck_assert_str_eq(text(),
		"1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n"
		"    inet 127.0.0.1/8 scope host lo\n"
		"       valid_lft forever preferred_lft forever\n");
	ck_assert_int_eq(sh("ip -4 -br a"), 0);
	ck_assert_str_eq(text(), "lo               UNKNOWN        127.0.0.1/8 \n");
}
END_TEST

START_TEST(test_netns_names)
{
	ck_assert_int_eq(sh("ip netns add ns0"), 0);
	ck_assert_int_eq(sh("ip netns add ns1"), 0);
	ck_assert_int_eq(sh("ip netns"), 0);
	ck_assert_str_eq(text(), "ns1\nns0\n");
	ck_assert_int_eq(sh("ip -n ns0 link add veth0 type veth peer name veth1 netns ns1"), 0);
	ck_assert_int_eq(sh("ip -n ns0 link show veth0"), 0);
	ck_assert_str_eq(nomac(),
		"2: veth0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
		"    link/ether MAC brd ff:ff:ff:ff:ff:ff link-netns ns1\n");
	ck_assert_int_eq(sh("ip netns exec ns1 ip -br link show veth1"), 0);
	ck_assert_ptr_nonnull(strstr(text(), "veth1@if2        DOWN           "));
	ck_assert_int_eq(sh("ip netns del ns1"), 0);
	ck_assert_int_eq(sh("ip -n ns0 link show veth0"), 1);
	ck_assert_str_eq(text(), "Device \"veth0\" does not exist.\n");
	ck_assert_int_eq(sh("ip netns del ns1"), 1);
	ck_assert_str_eq(text(), "Cannot remove namespace file \"/run/netns/ns1\": No such file or directory\n");
}
END_TEST

START_TEST(test_errors)
{
	static const struct { const char *cmd; int rc; const char *msg; } t[] = {
		{ "ip foo", 1, "Object \"foo\" is unknown, try \"ip help\".\n" },
		{ "ip link foo", 255, "Command \"foo\" is unknown, try \"ip link help\".\n" },
		{ "ip -x link", 255, "Option \"-x\" is unknown, try \"ip -help\".\n" },
		{ "ip link set veth9 up", 1, "Cannot find device \"veth9\"\n" },
		{ "ip link show dev veth9", 1, "Device \"veth9\" does not exist.\n" },
		{ "ip link add veth5", 1, "Not enough information: \"type\" argument is required\n" },
		{ "ip link set", 255, "Not enough information: \"dev\" argument is required.\n" },
		{ "ip link add veth5 type nosuchkind", 2, "Error: Unknown device type.\n" },
		{ "ip link add veth-with-a-very-long-name type veth", 2,
		  "Error: Attribute failed policy validation.\n" },
		{ "ip link add vethA type veth peer name veth-with-a-very-long-name", 255,
		  "Error: argument \"veth-with-a-very-long-name\" is wrong: \"name\" not a valid ifname\n" },
		{ "ip link set lo mtu abc", 255, "Error: argument \"abc\" is wrong: Invalid \"mtu\" value\n\n" },
		{ "ip link set lo netns nope", 255, "Error: argument \"nope\" is wrong: Invalid \"netns\" value\n\n" },
		{ "ip link set lo foo bar", 255, "Error: either \"dev\" is duplicate, or \"foo\" is a garbage.\n" },
		{ "ip addr add 10.0.0.1/33 dev lo", 1,
		  "Error: any valid prefix is expected rather than \"10.0.0.1/33\".\n" },
		{ "ip addr add 1.2.3.4/24", 1, "Not enough information: \"dev\" argument is required.\n" },
		{ "ip netns exec nope ip link", 255,
		  "Cannot open network namespace \"nope\": No such file or directory\n" },
		{ "ip -n nope link", 255,
		  "Cannot open network namespace \"nope\": No such file or directory\n" },
		{ "ip netns exec lo", 1, "No command specified\n" },
		{ "ip link add a type veth", 1, "\"type\" is invalid lladdr.\n" },
	};
	size_t i;

	ck_assert_int_eq(sh("ip netns add lo"), 0);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int rc = sh(t[i].cmd);

		ck_assert_msg(rc == t[i].rc, "%s: rc %d", t[i].cmd, rc);
		ck_assert_msg(!strcmp(text(), t[i].msg), "%s: %s", t[i].cmd, text());
	}
	ck_assert_int_eq(sh("ip netns add lo"), 1);
	ck_assert_str_eq(text(), "Cannot create namespace file \"/run/netns/lo\": File exists\n");
}
END_TEST

START_TEST(test_oneline_and_route_get)
{
	ck_assert_int_eq(sh("ip link set lo up"), 0);
	ck_assert_int_eq(sh("ip -o -4 addr"), 0);
	ck_assert_str_eq(text(), "1: lo    inet 127.0.0.1/8 scope host lo\\"
				 "       valid_lft forever preferred_lft forever\n");
	ck_assert_int_eq(sh("ip -o link show lo"), 0);
	ck_assert_str_eq(text(),
		"1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\"
		"    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
	ck_assert_int_eq(sh("ip route get 127.0.0.1"), 0);
	ck_assert_str_eq(text(), "local 127.0.0.1 dev lo src 127.0.0.1 uid 0 \n    cache <local> \n");
	ck_assert_int_eq(sh("ip route get 8.8.8.8"), 2);
	ck_assert_str_eq(text(), "RTNETLINK answers: Network is unreachable\n");
}
END_TEST

static Suite *iproute_suite(void)
{
	Suite *s = suite_create("iproute");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_parsers);
	suite_add_tcase(s, tc);
	tc = tcase_create("commands");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_link_lines);
	tcase_add_test(tc, test_stats_block);
	tcase_add_test(tc, test_addr_lines);
	tcase_add_test(tc, test_netns_names);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_oneline_and_route_get);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(iproute_suite)
