// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/sys: names (dotted and paths), values, errors, and where 6.1
 * keeps each value: per device, conf/all, conf/default (copied to new
 * devices, and to old ones that never set their own), per namespace.
 */
#include <stdlib.h>
#include <net/addrconf.h>
#include "inet_helpers.h"

static int rd(struct net *net, const char *name)
{
	char buf[32];

	ck_assert_int_eq(sysctl_read(net, name, buf, sizeof(buf)), 0);
	return atoi(buf);
}

START_TEST(test_names_and_errors)
{
	add_pair(&init_net, "veth0", "veth1");
	ck_assert_int_eq(sysctl_write(&init_net,
		"/proc/sys/net/ipv4/conf/veth0/rp_filter", "1\n"), 0);
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.veth0.rp_filter"), 1);
	ck_assert_int_eq(rd(&init_net, "net/ipv4/conf/veth0/rp_filter"), 1);
	ck_assert_int_eq(IN_DEV_CONF_GET(__in_dev_get_rtnl(
		D(&init_net, "veth0")), RP_FILTER), 1);
	ck_assert_int_eq(sysctl_write(&init_net,
		"net.ipv4.conf.veth0.nosuchkey", "1"), -ENOENT);
	ck_assert_int_eq(sysctl_write(&init_net,
		"net.ipv4.conf.veth9.rp_filter", "1"), -ENOENT);
	ck_assert_int_eq(sysctl_write(&init_net, "net.nothing", "1"), -ENOENT);
	ck_assert_int_eq(sysctl_write(&init_net,
		"net.ipv4.conf.veth0.rp_filter", "abc"), -EINVAL);
	ck_assert_int_eq(sysctl_write(&init_net,
		"net.ipv4.conf.veth0.rp_filter", ""), -EINVAL);
	ck_assert_int_eq(sysctl_write(&init_net,
		"net.ipv4.conf.veth0.rp_filter", "1x"), -EINVAL);
	ck_assert_int_eq(sysctl_write(&init_net, "net.ipv4.ip_default_ttl",
				      "0"), -EINVAL);
	ck_assert_int_eq(sysctl_write(&init_net, "net.ipv4.ip_default_ttl",
				      "256"), -EINVAL);
	/* failed writes change nothing */
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.veth0.rp_filter"), 1);
	ck_assert_int_eq(rd(&init_net, "net.ipv4.ip_default_ttl"), 64);
}
END_TEST

START_TEST(test_default_copied)
{
	add_pair(&init_net, "veth0", "veth1");
	/* a device that set its own value keeps it; others follow default */
	sysctl_set(&init_net, "net.ipv4.conf.veth0.accept_local", "0");
	sysctl_set(&init_net, "net.ipv4.conf.default.accept_local", "1");
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.veth0.accept_local"), 0);
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.veth1.accept_local"), 1);
	/* a device made now copies default, and with it default's "written"
	 * mark (6.1's memcpy of the whole conf): it no longer follows default,
	 * as the real kernel shows (tests/scenarios/sysctl-inheritance.sh) */
	add_pair(&init_net, "veth2", "veth3");
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.veth2.accept_local"), 1);
	sysctl_set(&init_net, "net.ipv4.conf.default.accept_local", "0");
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.veth2.accept_local"), 1);
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.veth1.accept_local"), 0);
	/* all does not overwrite devices (rp_filter is max'ed at use) */
	sysctl_set(&init_net, "net.ipv4.conf.all.rp_filter", "2");
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.veth1.rp_filter"), 0);
	ck_assert_int_eq(IN_DEV_RPFILTER(__in_dev_get_rtnl(
		D(&init_net, "veth1"))), 2);
}
END_TEST

START_TEST(test_forwarding_all)
{
	add_pair(&init_net, "veth0", "veth1");
	sysctl_set(&init_net, "net.ipv4.ip_forward", "1");
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.all.forwarding"), 1);
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.default.forwarding"), 1);
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.veth0.forwarding"), 1);
}
END_TEST

START_TEST(test_disable_ipv6)
{
	struct inet6_ifaddr_info a;

	add_pair(&init_net, "veth0", "veth1");
	up(&init_net, "veth0");
	up(&init_net, "veth1");
	ck_assert(addrconf_dev_addr(D(&init_net, "veth0"), &a));
	ck_assert_int_eq(a.addr.s6_addr[0], 0xfe);
	ck_assert_int_eq(a.addr.s6_addr[11], 0xff);
	ck_assert_int_eq(a.addr.s6_addr[12], 0xfe);
	ck_assert_int_eq(a.addr.s6_addr[8],
			 D(&init_net, "veth0")->dev_addr[0] ^ 2);
	ck_assert(a.flags & IFA_F_TENTATIVE);
	run_for(2 * NSEC_PER_SEC);
	ck_assert(addrconf_dev_addr(D(&init_net, "veth0"), &a));
	ck_assert(!(a.flags & IFA_F_TENTATIVE));
	/* all: every device and default */
	sysctl_set(&init_net, "net.ipv6.conf.all.disable_ipv6", "1");
	ck_assert(!addrconf_dev_addr(D(&init_net, "veth0"), &a));
	ck_assert(ipv6_disabled(D(&init_net, "veth1")));
	ck_assert_int_eq(rd(&init_net, "net.ipv6.conf.default.disable_ipv6"),
			 1);
	sysctl_set(&init_net, "net.ipv6.conf.veth0.disable_ipv6", "0");
	ck_assert(addrconf_dev_addr(D(&init_net, "veth0"), &a));
	/* lo: ::1 when up and enabled */
	ck_assert(!addrconf_dev_addr(init_net.loopback_dev, &a));
	sysctl_set(&init_net, "net.ipv6.conf.lo.disable_ipv6", "0");
	up(&init_net, "lo");
	ck_assert(addrconf_dev_addr(init_net.loopback_dev, &a));
	ck_assert_int_eq(a.prefix_len, 128);
	ck_assert_int_eq(a.addr.s6_addr[15], 1);
}
END_TEST

/* IPv4 conf of a new namespace copies init_net's; IPv6 starts fresh. */
START_TEST(test_per_namespace)
{
	struct net *ns;

	sysctl_set(&init_net, "net.ipv4.conf.all.rp_filter", "1");
	sysctl_set(&init_net, "net.ipv6.conf.all.disable_ipv6", "1");
	sysctl_set(&init_net, "net.ipv4.icmp_echo_ignore_all", "1");
	ns = copy_net_ns();
	ck_assert_ptr_nonnull(ns);
	ck_assert_int_eq(rd(ns, "net.ipv4.conf.all.rp_filter"), 1);
	ck_assert_int_eq(rd(ns, "net.ipv6.conf.all.disable_ipv6"), 0);
	ck_assert_int_eq(rd(ns, "net.ipv4.icmp_echo_ignore_all"), 0);
	sysctl_set(ns, "net.ipv4.conf.all.rp_filter", "2");
	ck_assert_int_eq(rd(&init_net, "net.ipv4.conf.all.rp_filter"), 1);
	/* net.core is global */
	sysctl_set(ns, "net.core.netdev_max_backlog", "10");
	ck_assert_int_eq(netdev_max_backlog, 10);
	sysctl_set(ns, "net.core.dev_weight", "16");
	ck_assert_int_eq(dev_rx_weight, 16);
	put_net(ns);
}
END_TEST

static int walk_cb(const char *name, const char *value, void *arg)
{
	int *n = arg;

	ck_assert(!strncmp(name, "net.ipv4.conf.lo.", 17));
	(*n)++;
	return 0;
}

START_TEST(test_walk)
{
	int n = 0;

	sysctl_walk(&init_net, "net.ipv4.conf.lo", walk_cb, &n);
	ck_assert_int_eq(n, 13);
}
END_TEST

Suite *sysctl_suite(void);

Suite *sysctl_suite(void)
{
	Suite *s = suite_create("sysctl");
	TCase *tc = inet_tcase(s, "sysctl");

	tcase_add_test(tc, test_names_and_errors);
	tcase_add_test(tc, test_default_copied);
	tcase_add_test(tc, test_forwarding_all);
	tcase_add_test(tc, test_disable_ipv6);
	tcase_add_test(tc, test_per_namespace);
	tcase_add_test(tc, test_walk);
	return s;
}

UNIT_MAIN(sysctl_suite)
