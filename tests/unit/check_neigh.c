// SPDX-License-Identifier: GPL-2.0
/*
 * The neighbour state machine (net/core/neighbour.c): REACHABLE ages to
 * STALE, a packet through STALE starts DELAY, no confirmation makes it
 * PROBE (unicast), an answer makes it REACHABLE again; admin entries,
 * flush, and devices going away.
 */
#include "inet_helpers.h"

/* Two namespaces joined by a pair, as seed 000: ns0 10.1.1.1, ns1 .2 */
static struct net *ns0, *ns1;

static void two_ns(void)
{
	ns0 = copy_net_ns();
	ns1 = copy_net_ns();
	ck_assert_ptr_nonnull(ns0);
	ck_assert_ptr_nonnull(ns1);
	add_pair(&init_net, "veth0", "veth1");
	move_dev(&init_net, "veth0", ns0);
	move_dev(&init_net, "veth1", ns1);
	ck_assert_int_eq(addr_add(ns0, "veth0", "10.1.1.1", 24), 0);
	ck_assert_int_eq(addr_add(ns1, "veth1", "10.1.1.2", 24), 0);
	up(ns0, "veth0");
	up(ns1, "veth1");
}

static void two_ns_done(void)
{
	put_net(ns0);
	put_net(ns1);
}

START_TEST(test_lifecycle)
{
	struct neighbour *n, *back;

	two_ns();
	ck_assert_int_eq(ping1(ns0, NULL, "10.1.1.2", NSEC_PER_SEC / 10), 1);
	n = neigh_of(ns0, "veth0", "10.1.1.2");
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	/* the answering side learnt the asker, then sent to it: DELAY */
	back = neigh_of(ns1, "veth1", "10.1.1.1");
	ck_assert_ptr_nonnull(back);
	ck_assert_int_eq(back->nud_state, NUD_DELAY);
	/* ... which the incoming traffic never confirms: PROBE after 5 s,
	 * a unicast probe, answered: REACHABLE (a 5 s timer sits on a wheel
	 * level of 256 ms granularity: it fires up to 256 ms late) */
	run_for(5 * NSEC_PER_SEC + 300 * NSEC_PER_MSEC);
	ck_assert_int_eq(back->nud_state, NUD_REACHABLE);
	/* nothing for base_reachable_time (30 s): STALE */
	run_for(31 * NSEC_PER_SEC);
	ck_assert_int_eq(n->nud_state, NUD_STALE);
	/* a packet through a STALE entry goes out at once and starts DELAY */
	ck_assert_int_eq(ping1(ns0, NULL, "10.1.1.2", NSEC_PER_SEC / 10), 1);
	ck_assert_int_eq(n->nud_state, NUD_DELAY);
	two_ns_done();
}
END_TEST

START_TEST(test_admin_entries)
{
	static const u8 mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 7 };
	struct net_device *v0;
	__be32 key;
	struct neighbour *n;

	add_pair(&init_net, "veth0", "veth1");
	v0 = D(&init_net, "veth0");
	key = A("10.0.0.7");
	ck_assert_int_eq(neigh_add(&arp_tbl, v0, &key, mac, NUD_PERMANENT,
				   false, NULL), 0);
	ck_assert_int_eq(neigh_add(&arp_tbl, v0, &key, mac, NUD_PERMANENT,
				   false, NULL), -EEXIST);
	n = neigh_of(&init_net, "veth0", "10.0.0.7");
	ck_assert_int_eq(n->nud_state, NUD_PERMANENT);
	/* ARP may not change a permanent entry */
	ck_assert_int_eq(neigh_update(n, peer_mac, NUD_REACHABLE, 0, 0),
			 -EPERM);
	/* flush leaves it, delete removes it */
	ck_assert_int_eq(neigh_flush_dev(&arp_tbl, &init_net, v0), 0);
	ck_assert_int_eq(neigh_delete(&arp_tbl, v0, &key, NULL), 0);
	ck_assert_int_eq(neigh_delete(&arp_tbl, v0, &key, NULL), -ENOENT);
}
END_TEST

static int count_cb(const void *msg, void *arg)
{
	const struct rtnl_neigh_msg *m = msg;

	/* NDA_LLADDR comes only with a valid state */
	ck_assert_int_eq(m->lladdr_len != 0, (m->ndm.ndm_state & NUD_VALID) != 0);
	(*(int *)arg)++;
	return 0;
}

/* Entries go with their device, and with their namespace. */
START_TEST(test_device_gone)
{
	int count = 0;

	two_ns();
	ck_assert_int_eq(ping1(ns0, NULL, "10.1.1.2", NSEC_PER_SEC / 10), 1);
	neigh_dump_table(&arp_tbl, ns0, 0, count_cb, &count);
	ck_assert_int_eq(count, 1);
	/* link down in ns1: ns1's entries go (arp_ifdown) */
	dev_close(D(ns1, "veth1"));
	count = 0;
	neigh_dump_table(&arp_tbl, ns1, 0, count_cb, &count);
	ck_assert_int_eq(count, 0);
	/* carrier loss in ns0 drops non-permanent entries */
	count = 0;
	neigh_dump_table(&arp_tbl, ns0, 0, count_cb, &count);
	ck_assert_int_eq(count, 0);
	two_ns_done();
	ck_assert_int_eq(arp_tbl.entries_count, 0);
}
END_TEST

Suite *neigh_suite(void);

Suite *neigh_suite(void)
{
	Suite *s = suite_create("neigh");
	TCase *tc = inet_tcase(s, "neigh");

	tcase_add_test(tc, test_lifecycle);
	tcase_add_test(tc, test_admin_entries);
	tcase_add_test(tc, test_device_gone);
	return s;
}

UNIT_MAIN(neigh_suite)
