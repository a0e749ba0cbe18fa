// SPDX-License-Identifier: GPL-2.0
/*
 * net_device: the allocation rule and private area (lab 1), registration,
 * names and indexes, up/down, MTU, addresses, flags, carrier/operstate,
 * notifiers, stats.
 */
#include <malloc.h>
#include <stdint.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>
#include "unit.h"

static void dummy_setup(struct net_device *dev)
{
	ether_setup(dev);
}

static netdev_tx_t dummy_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev->stats.tx_packets++;
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops dummy_ops = {
	.ndo_start_xmit = dummy_xmit,
	.ndo_set_mac_address = eth_mac_addr,
};

static void dummy_setup_ops(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &dummy_ops;
}

static struct net_device *new_dummy(const char *name)
{
	struct net_device *dev = alloc_netdev(16, name, NET_NAME_USER,
					      dummy_setup_ops);

	ck_assert_ptr_nonnull(dev);
	return dev;
}

/* ---- lab 1: alloc_netdev_mqs and netdev_priv ---- */

static const int priv_sizes[] = { 1, 7, 8, 31, 32, 33, 100, 4096 };

/* What 6.1 allocates for a private area of @sizeof_priv bytes. */
static size_t alloc_size_61(int sizeof_priv)
{
	size_t size = sizeof(struct net_device);

	if (sizeof_priv)
		size = ALIGN(size, (size_t)NETDEV_ALIGN) + (size_t)sizeof_priv;
	return size + NETDEV_ALIGN - 1;
}

START_TEST(test_priv_aligned_and_after_struct)
{
	int sz = priv_sizes[_i];
	struct net_device *dev = alloc_netdev(sz, "t%d", NET_NAME_ENUM,
					      dummy_setup);
	char *priv;

	EXPECT_NONNULL(dev, "alloc_netdev_mqs() must return a device for a "
		       "valid request (lab 1, TODO 1.1)");
	priv = netdev_priv(dev);
	EXPECT_NONNULL(priv, "netdev_priv() must return the private area "
		       "(lab 1, TODO 1.2)");
	ck_assert_msg((uintptr_t)dev % NETDEV_ALIGN == 0,
		      "dev is at offset %u from a %d-byte boundary: "
		      "alloc_netdev_mqs() must move dev to the next "
		      "NETDEV_ALIGN boundary inside the block (lab 1, TODO 1.1)",
		      (unsigned int)((uintptr_t)dev % NETDEV_ALIGN), NETDEV_ALIGN);
	ck_assert_msg((uintptr_t)priv % NETDEV_ALIGN == 0,
		      "the private area is at offset %u from a %d-byte "
		      "boundary: the kernel aligns it too (netdev_priv(), "
		      "lab 1, TODO 1.2)",
		      (unsigned int)((uintptr_t)priv % NETDEV_ALIGN), NETDEV_ALIGN);
	ck_assert_msg(priv == (char *)dev + ALIGN(sizeof(struct net_device),
						  (size_t)NETDEV_ALIGN),
		      "netdev_priv(dev) is dev + %td, expected dev + %zu: the "
		      "private area starts right after the struct, its size "
		      "rounded up to NETDEV_ALIGN (lab 1, TODO 1.2)",
		      priv - (char *)dev,
		      ALIGN(sizeof(struct net_device), (size_t)NETDEV_ALIGN));
	EXPECT_TRUE(dev->padded < NETDEV_ALIGN,
		    "dev->padded is how far dev moved from the start of the "
		    "block, always less than NETDEV_ALIGN (lab 1, TODO 1.1)");
	/* The block from calloc() holds the struct and the private area. */
	ck_assert_msg(malloc_usable_size((char *)dev - dev->padded) >=
		      (size_t)dev->padded + (size_t)(priv - (char *)dev) + (size_t)sz,
		      "the block holds %zu bytes, but dev (moved %u bytes in) and "
		      "a %d-byte private area after it need %zu: allocate 6.1's "
		      "size, the struct rounded up to NETDEV_ALIGN + sizeof_priv "
		      "+ NETDEV_ALIGN - 1 (lab 1, TODO 1.1)",
		      malloc_usable_size((char *)dev - dev->padded),
		      (unsigned int)dev->padded, sz,
		      (size_t)dev->padded + (size_t)(priv - (char *)dev) + (size_t)sz);
	EXPECT_TRUE(malloc_usable_size((char *)dev - dev->padded) >=
		    alloc_size_61(sz) - (NETDEV_ALIGN - 1),
		    "the block is smaller than the struct plus the private "
		    "area: count sizeof_priv in alloc_size (lab 1, TODO 1.1)");
	/* The whole private area is writable (ASan would catch overflow). */
	memset(priv, 0xab, (size_t)sz);
	EXPECT_UEQ((unsigned char)priv[sz - 1], 0xab,
		   "the last byte of the private area must be writable");
	free_netdev(dev);
}
END_TEST

START_TEST(test_alloc_setup_and_defaults)
{
	struct net_device *dev = alloc_netdev(0, "x0", NET_NAME_USER,
					      dummy_setup);

	EXPECT_NONNULL(dev, "a device without a private area is valid too "
		       "(sizeof_priv 0, as lo): alloc_netdev_mqs(), lab 1");
	EXPECT_STR_EQ(dev->name, "x0", "alloc_netdev_mqs() copies the name "
		      "it is given; keep the code after TODO 1.1's region");
	EXPECT_UEQ(dev->mtu, 1500, "setup() (ether_setup) must run on the "
		   "new device and set the Ethernet defaults");
	EXPECT_UEQ(dev->tx_queue_len, 1000, "ether_setup() sets a queue "
		   "length of 1000");
	EXPECT_PTR_EQ(dev_net(dev), &init_net, "a new device starts in the "
		      "initial namespace");
	EXPECT_EQ(dev->reg_state, NETREG_UNINITIALIZED, "a fresh device is "
		  "not registered: the block must start zeroed (lab 1)");
	EXPECT_UEQ(dev->flags, IFF_BROADCAST | IFF_MULTICAST, "only the "
		   "flags ether_setup() sets: everything else starts zeroed");
	free_netdev(dev);
}
END_TEST

START_TEST(test_alloc_private_area_zeroed)
{
	struct net_device *dev = alloc_netdev(64, "z0", NET_NAME_USER,
					      dummy_setup);
	unsigned char *p, zero[64] = { 0 };

	EXPECT_NONNULL(dev, "alloc_netdev_mqs() must return a device (lab 1)");
	p = netdev_priv(dev);
	EXPECT_NONNULL(p, "netdev_priv() must return the private area (lab 1)");
	ck_assert_msg(!memcmp(p, zero, sizeof(zero)), "the private area is "
		      "not all zero: the kernel allocates the block with "
		      "kvzalloc(), so drivers find their private struct zeroed "
		      "(lab 1, TODO 1.1: allocate it zeroed)");
	free_netdev(dev);
}
END_TEST

/* Memory that held an old device comes back zeroed in a new one. */
START_TEST(test_alloc_reused_memory_zeroed)
{
	unsigned char zero[64] = { 0 };
	struct net_device *dev;
	int round;

	for (round = 0; round < 3; round++) {
		dev = alloc_netdev(64, "z0", NET_NAME_USER, dummy_setup);
		EXPECT_NONNULL(dev, "alloc_netdev_mqs() must return a device "
			       "(lab 1)");
		ck_assert_msg(!memcmp(netdev_priv(dev), zero, sizeof(zero)),
			      "allocation %d: the private area holds what a "
			      "freed device left there: the kernel zeroes the "
			      "block (kvzalloc), so allocate it zeroed (lab 1, "
			      "TODO 1.1: allocate it zeroed)", round + 1);
		memset(netdev_priv(dev), 0x5a, sizeof(zero));
		free_netdev(dev);
	}
}
END_TEST

/* ---- registration ---- */

START_TEST(test_boot_has_lo_down)
{
	struct net_device *lo = __dev_get_by_name(&init_net, "lo");

	ck_assert_ptr_nonnull(lo);
	ck_assert_ptr_eq(lo, init_net.loopback_dev);
	ck_assert_int_eq(lo->ifindex, 1);
	ck_assert_uint_eq(lo->mtu, 65536);
	ck_assert_uint_eq(dev_get_flags(lo), IFF_LOOPBACK);
	ck_assert(lo->priv_flags & IFF_NO_QUEUE);
	ck_assert_uint_eq(lo->tx_queue_len, 1000);
	ck_assert_int_eq(lo->operstate, IF_OPER_UNKNOWN);
}
END_TEST

START_TEST(test_lo_up_unknown_running)
{
	struct net_device *lo = init_net.loopback_dev;

	ck_assert_int_eq(dev_open(lo, NULL), 0);
	/* lo never reports carrier: UNKNOWN, which counts as running. */
	ck_assert_int_eq(lo->operstate, IF_OPER_UNKNOWN);
	ck_assert_uint_eq(dev_get_flags(lo),
			  IFF_LOOPBACK | IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
	ck_assert_int_eq(dev_change_net_namespace(lo, copy_net_ns(), NULL),
			 -EINVAL);
}
END_TEST

START_TEST(test_register_names_and_indexes)
{
	struct net_device *a = new_dummy("d%d");
	struct net_device *b = new_dummy("d%d");
	struct net_device *c = new_dummy("d0");

	ck_assert_int_eq(register_netdevice(a), 0);
	ck_assert_str_eq(a->name, "d0");
	ck_assert_int_eq(a->ifindex, 2);
	ck_assert_int_eq(register_netdevice(b), 0);
	ck_assert_str_eq(b->name, "d1");
	ck_assert_int_eq(b->ifindex, 3);
	/* A taken name fails without using up an index. */
	ck_assert_int_eq(register_netdevice(c), -EEXIST);
	free_netdev(c);
	ck_assert_ptr_eq(__dev_get_by_index(&init_net, 3), b);
	ck_assert_ptr_eq(__dev_get_by_name(&init_net, "d1"), b);

	/* Indexes are not reused: the next one is 4 even after a delete. */
	unregister_netdevice(b);
	free_netdev(b);
	c = new_dummy("d%d");
	ck_assert_int_eq(register_netdevice(c), 0);
	ck_assert_str_eq(c->name, "d1");
	ck_assert_int_eq(c->ifindex, 4);
	unregister_netdevice(a);
	free_netdev(a);
	unregister_netdevice(c);
	free_netdev(c);
}
END_TEST

START_TEST(test_valid_names)
{
	ck_assert(dev_valid_name("veth0"));
	ck_assert(dev_valid_name("123456789012345"));
	ck_assert(!dev_valid_name("1234567890123456"));
	ck_assert(!dev_valid_name(""));
	ck_assert(!dev_valid_name("."));
	ck_assert(!dev_valid_name(".."));
	ck_assert(!dev_valid_name("a/b"));
	ck_assert(!dev_valid_name("a:b"));
	ck_assert(!dev_valid_name("a b"));
}
END_TEST

START_TEST(test_alloc_name_patterns)
{
	struct net_device *a = new_dummy("x");

	ck_assert_int_eq(dev_alloc_name(a, "e%d"), 0);
	ck_assert_str_eq(a->name, "e0");
	ck_assert_int_eq(dev_alloc_name(a, "e%d%d"), -EINVAL);
	ck_assert_int_eq(dev_alloc_name(a, "e%s"), -EINVAL);
	ck_assert_int_eq(dev_alloc_name(a, "plain"), -EINVAL);
	free_netdev(a);
}
END_TEST

/* ---- notifiers ---- */

static unsigned long events[32];
static int nevents;

static int record_event(struct notifier_block *nb, unsigned long ev, void *p)
{
	if (nevents < 32)
		events[nevents++] = ev;
	return NOTIFY_DONE;
}

static struct notifier_block recorder = { .notifier_call = record_event };

START_TEST(test_notifier_sequence)
{
	struct net_device *d = new_dummy("n0");

	nevents = 0;
	ck_assert_int_eq(register_netdevice_notifier(&recorder), 0);
	/* Replay: lo exists (down) -> one NETDEV_REGISTER. */
	ck_assert_int_eq(nevents, 1);
	ck_assert_uint_eq(events[0], NETDEV_REGISTER);
	nevents = 0;
	ck_assert_int_eq(register_netdevice(d), 0);
	ck_assert_int_eq(dev_open(d, NULL), 0);
	dev_close(d);
	unregister_netdevice(d);
	ck_assert_int_eq(nevents, 5);
	ck_assert_uint_eq(events[0], NETDEV_REGISTER);
	ck_assert_uint_eq(events[1], NETDEV_UP);
	ck_assert_uint_eq(events[2], NETDEV_GOING_DOWN);
	ck_assert_uint_eq(events[3], NETDEV_DOWN);
	ck_assert_uint_eq(events[4], NETDEV_UNREGISTER);
	free_netdev(d);
	unregister_netdevice_notifier(&recorder);
}
END_TEST

static int veto(struct notifier_block *nb, unsigned long ev, void *p)
{
	return ev == NETDEV_REGISTER ? notifier_from_errno(-ENOSPC) : NOTIFY_DONE;
}

static struct notifier_block vetoer = { .notifier_call = veto };

START_TEST(test_notifier_veto_register)
{
	struct net_device *d = new_dummy("v0");

	register_netdevice_notifier(&vetoer);
	ck_assert_int_eq(register_netdevice(d), -ENOSPC);
	ck_assert_ptr_null(__dev_get_by_name(&init_net, "v0"));
	unregister_netdevice_notifier(&vetoer);
	free_netdev(d);
}
END_TEST

/* ---- MTU, address, flags ---- */

START_TEST(test_mtu_limits_and_messages)
{
	struct net_device *d = new_dummy("m0");
	struct netlink_ext_ack ext = { 0 };

	ck_assert_int_eq(register_netdevice(d), 0);
	ck_assert_int_eq(dev_set_mtu(d, 67, &ext), -EINVAL);
	ck_assert_str_eq(ext._msg, "mtu less than device minimum");
	ext._msg = NULL;
	ck_assert_int_eq(dev_set_mtu(d, 1501, &ext), -EINVAL);
	ck_assert_str_eq(ext._msg, "mtu greater than device maximum");
	ck_assert_int_eq(dev_set_mtu(d, 68, &ext), 0);
	ck_assert_uint_eq(d->mtu, 68);
	ck_assert_int_eq(dev_set_mtu(d, -1, &ext), -EINVAL);
	unregister_netdevice(d);
	free_netdev(d);
}
END_TEST

START_TEST(test_mac_address)
{
	struct net_device *d = new_dummy("a0");
	static const u8 good[6] = { 0x02, 1, 2, 3, 4, 5 };
	static const u8 mcast[6] = { 0x01, 0, 0x5e, 0, 0, 1 };
	static const u8 zero[6] = { 0 };

	ck_assert_int_eq(register_netdevice(d), 0);
	ck_assert_int_eq(dev_set_mac_address(d, good, NULL), 0);
	ck_assert_mem_eq(d->dev_addr, good, 6);
	ck_assert_int_eq(d->addr_assign_type, NET_ADDR_SET);
	ck_assert_int_eq(dev_set_mac_address(d, mcast, NULL), -EADDRNOTAVAIL);
	ck_assert_int_eq(dev_set_mac_address(d, zero, NULL), -EADDRNOTAVAIL);
	ck_assert_mem_eq(d->dev_addr, good, 6);
	/* Not IFF_LIVE_ADDR_CHANGE: busy while up. */
	ck_assert_int_eq(dev_open(d, NULL), 0);
	ck_assert_int_eq(dev_set_mac_address(d, good, NULL), -EBUSY);
	unregister_netdevice(d);
	free_netdev(d);
}
END_TEST

START_TEST(test_change_name)
{
	struct net_device *d = new_dummy("r0");
	struct net_device *e = new_dummy("r1");

	ck_assert_int_eq(register_netdevice(d), 0);
	ck_assert_int_eq(register_netdevice(e), 0);
	ck_assert_int_eq(dev_change_name(d, "r1"), -EEXIST);
	ck_assert_int_eq(dev_change_name(d, "bad name"), -EINVAL);
	ck_assert_int_eq(dev_change_name(d, "new0"), 0);
	ck_assert_ptr_eq(__dev_get_by_name(&init_net, "new0"), d);
	ck_assert_int_eq(dev_open(d, NULL), 0);
	ck_assert_int_eq(dev_change_name(d, "new1"), -EBUSY);
	unregister_netdevice(d);
	unregister_netdevice(e);
	free_netdev(d);
	free_netdev(e);
}
END_TEST

START_TEST(test_carrier_operstate)
{
	struct net_device *d = new_dummy("c0");

	ck_assert_int_eq(register_netdevice(d), 0);
	ck_assert_int_eq(dev_open(d, NULL), 0);
	ck_assert_int_eq(d->operstate, IF_OPER_UNKNOWN);
	netif_carrier_off(d);
	/* No lower device (iflink == ifindex): plain DOWN, no RUNNING. */
	ck_assert_int_eq(d->operstate, IF_OPER_DOWN);
	ck_assert_uint_eq(dev_get_flags(d) & (IFF_RUNNING | IFF_LOWER_UP), 0);
	netif_carrier_on(d);
	ck_assert_int_eq(d->operstate, IF_OPER_UP);
	ck_assert_uint_eq(dev_get_flags(d) & (IFF_RUNNING | IFF_LOWER_UP),
			  IFF_RUNNING | IFF_LOWER_UP);
	dev_close(d);
	ck_assert_uint_eq(dev_get_flags(d) & (IFF_UP | IFF_RUNNING), 0);
	ck_assert_str_eq(netdev_operstate_name(IF_OPER_LOWERLAYERDOWN),
			 "LOWERLAYERDOWN");
	unregister_netdevice(d);
	free_netdev(d);
}
END_TEST

START_TEST(test_change_flags)
{
	struct net_device *d = new_dummy("f0");

	ck_assert_int_eq(register_netdevice(d), 0);
	ck_assert_int_eq(dev_change_flags(d, d->flags | IFF_UP | IFF_NOARP,
					  NULL), 0);
	ck_assert(d->flags & IFF_UP);
	ck_assert(d->flags & IFF_NOARP);
	ck_assert(netif_running(d));
	/* The driver's flags cannot be changed by the user. */
	ck_assert_int_eq(dev_change_flags(d, IFF_UP, NULL), 0);
	ck_assert(d->flags & IFF_BROADCAST);
	ck_assert(!(d->flags & IFF_NOARP));
	ck_assert_int_eq(dev_change_flags(d, 0, NULL), 0);
	ck_assert(!netif_running(d));
	unregister_netdevice(d);
	free_netdev(d);
}
END_TEST

START_TEST(test_stats_core_counters)
{
	struct net_device *d = new_dummy("s0");
	struct rtnl_link_stats64 st;

	ck_assert_int_eq(register_netdevice(d), 0);
	d->stats.rx_packets = 5;
	atomic64_add(3, &d->rx_dropped);
	atomic64_add(2, &d->tx_dropped);
	dev_get_stats(d, &st);
	ck_assert_uint_eq(st.rx_packets, 5);
	ck_assert_uint_eq(st.rx_dropped, 3);
	ck_assert_uint_eq(st.tx_dropped, 2);
	ck_assert_int_eq(dev_get_iflink(d), d->ifindex);
	unregister_netdevice(d);
	free_netdev(d);
}
END_TEST

START_TEST(test_xmit_down_drops)
{
	struct net_device *d = new_dummy("x0");
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct rtnl_link_stats64 st;

	ck_assert_int_eq(register_netdevice(d), 0);
	skb_put(skb, 60);
	skb->dev = d;
	/* down: its transmit queue has noop_qdisc, which drops silently in
	 * 6.1 (no device counter) */
	ck_assert_int_eq(dev_queue_xmit(skb), NET_XMIT_CN);
	dev_get_stats(d, &st);
	ck_assert_uint_eq(st.tx_dropped, 0);
	ck_assert_int_eq(dev_open(d, NULL), 0);
	skb = alloc_skb(64, GFP_KERNEL);
	skb_put(skb, 60);
	skb->dev = d;
	ck_assert_int_eq(dev_queue_xmit(skb), NETDEV_TX_OK);
	ck_assert_uint_eq(d->stats.tx_packets, 1);
	unregister_netdevice(d);
	free_netdev(d);
}
END_TEST

static Suite *netdev_suite(void)
{
	Suite *s = suite_create("netdev");
	TCase *tc;

	tc = unit_tcase(s, "alloc", "lab1");
	tcase_add_loop_test(tc, test_priv_aligned_and_after_struct, 0,
			    (int)ARRAY_SIZE(priv_sizes));
	tcase_add_test(tc, test_alloc_setup_and_defaults);
	tcase_add_test(tc, test_alloc_private_area_zeroed);
	tcase_add_test(tc, test_alloc_reused_memory_zeroed);

	tc = unit_tcase(s, "register", NULL);
	tcase_add_test(tc, test_boot_has_lo_down);
	tcase_add_test(tc, test_lo_up_unknown_running);
	tcase_add_test(tc, test_register_names_and_indexes);
	tcase_add_test(tc, test_valid_names);
	tcase_add_test(tc, test_alloc_name_patterns);
	tcase_add_test(tc, test_notifier_sequence);
	tcase_add_test(tc, test_notifier_veto_register);

	tc = unit_tcase(s, "config", NULL);
	tcase_add_test(tc, test_mtu_limits_and_messages);
	tcase_add_test(tc, test_mac_address);
	tcase_add_test(tc, test_change_name);
	tcase_add_test(tc, test_carrier_operstate);
	tcase_add_test(tc, test_change_flags);
	tcase_add_test(tc, test_stats_core_counters);
	tcase_add_test(tc, test_xmit_down_drops);
	return s;
}

UNIT_MAIN(netdev_suite)
