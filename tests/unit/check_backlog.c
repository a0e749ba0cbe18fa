// SPDX-License-Identifier: GPL-2.0
/*
 * The per-CPU backlog: enqueue_to_backlog() and ____napi_schedule()
 * (lab 4), process_backlog() and net_rx_action() (lab 5).
 * Softirqs are held (stepping mode) so each stage can be looked at.
 */
#include <string.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include "unit.h"

#define ETH_P_TEST	0x88b5

static struct net_device *tdev;
static int rx_count;
static u32 rx_last_seq;
static bool rx_in_order;

static int test_rcv(struct sk_buff *skb, struct net_device *d,
		    struct packet_type *pt, struct net_device *orig)
{
	u32 seq;

	memcpy(&seq, skb->data, sizeof(seq));
	if (rx_count && seq != rx_last_seq + 1)
		rx_in_order = false;
	rx_last_seq = seq;
	rx_count++;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type test_pt = { .func = test_rcv };

static netdev_tx_t null_xmit(struct sk_buff *skb, struct net_device *dev)
{
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops null_ops = { .ndo_start_xmit = null_xmit };

static void null_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &null_ops;
	dev->needs_free_netdev = true;
}

static void backlog_setup(void)
{
	unit_kernel_setup();
	tdev = alloc_netdev(0, "t0", NET_NAME_USER, null_setup);
	ck_assert_ptr_nonnull(tdev);
	ck_assert_int_eq(register_netdevice(tdev), 0);
	ck_assert_int_eq(dev_open(tdev, NULL), 0);
	rx_count = 0;
	rx_in_order = true;
	test_pt.type = htons(ETH_P_TEST);
	dev_add_pack(&test_pt);
	softirq_set_stepping(true);
}

static void backlog_teardown(void)
{
	softirq_set_stepping(false);
	unit_kernel_teardown();
}

static TCase *backlog_tcase(Suite *s, const char *name, const char *tags)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, backlog_setup, backlog_teardown);
	if (tags)
		tcase_set_tags(tc, tags);
	suite_add_tcase(s, tc);
	return tc;
}

/* A received packet as the driver leaves it: data after the header. */
static struct sk_buff *rx_skb(u32 seq)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	skb_reserve(skb, ETH_HLEN);
	skb_put_data(skb, &seq, sizeof(seq));
	skb->dev = tdev;
	skb->protocol = htons(ETH_P_TEST);
	return skb;
}

static int enqueue(u32 seq)
{
	unsigned int qtail;

	return enqueue_to_backlog(rx_skb(seq), 0, &qtail);
}

static struct softnet_data *sd0(void)
{
	return &softnet_data[0];
}

static int list_len(const struct list_head *h)
{
	const struct list_head *p;
	int n = 0;

	for (p = h->next; p != h; p = p->next)
		n++;
	return n;
}

/* ---- lab 4 ---- */

START_TEST(test_enqueue_schedules_once)
{
	struct softnet_data *sd = sd0();

	ck_assert_int_eq(enqueue(0), NET_RX_SUCCESS);
	ck_assert_uint_eq(skb_queue_len(&sd->input_pkt_queue), 1);
	ck_assert(sd->backlog.state & (1ul << NAPI_STATE_SCHED));
	ck_assert_int_eq(list_len(&sd->poll_list), 1);
	ck_assert_ptr_eq(sd->poll_list.next, &sd->backlog.poll_list);
	ck_assert(softirq_pending(NET_RX_SOFTIRQ));
	ck_assert_int_eq(enqueue(1), NET_RX_SUCCESS);
	ck_assert_int_eq(enqueue(2), NET_RX_SUCCESS);
	ck_assert_uint_eq(skb_queue_len(&sd->input_pkt_queue), 3);
	ck_assert_int_eq(list_len(&sd->poll_list), 1);	/* not re-added */
	ck_assert_uint_eq(softirq_raise_count(NET_RX_SOFTIRQ), 1);
	ck_assert_int_eq(rx_count, 0);	/* nothing ran yet */
}
END_TEST

START_TEST(test_backlog_limit_le_rule)
{
	struct softnet_data *sd = sd0();
	u64 drops = skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG);
	struct rtnl_link_stats64 st;
	int i;

	/* qlen <= netdev_max_backlog is accepted: 0..1000 is 1001 packets. */
	for (i = 0; i < 1001; i++)
		ck_assert_int_eq(enqueue((u32)i), NET_RX_SUCCESS);
	ck_assert_uint_eq(skb_queue_len(&sd->input_pkt_queue), 1001);
	ck_assert_uint_eq(sd->dropped, 0);
	ck_assert_int_eq(enqueue(1001), NET_RX_DROP);
	ck_assert_int_eq(enqueue(1002), NET_RX_DROP);
	ck_assert_uint_eq(skb_queue_len(&sd->input_pkt_queue), 1001);
	ck_assert_uint_eq(sd->dropped, 2);
	ck_assert_uint_eq(skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG),
			  drops + 2);
	dev_get_stats(tdev, &st);
	ck_assert_uint_eq(st.rx_dropped, 2);
}
END_TEST

START_TEST(test_backlog_limit_sysctl)
{
	struct softnet_data *sd = sd0();

	netdev_max_backlog = 2;
	ck_assert_int_eq(enqueue(0), NET_RX_SUCCESS);
	ck_assert_int_eq(enqueue(1), NET_RX_SUCCESS);
	ck_assert_int_eq(enqueue(2), NET_RX_SUCCESS);
	ck_assert_int_eq(enqueue(3), NET_RX_DROP);
	ck_assert_uint_eq(sd->dropped, 1);
}
END_TEST

START_TEST(test_enqueue_dev_down_drops)
{
	struct softnet_data *sd = sd0();
	u64 drops = skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG);

	dev_close(tdev);
	ck_assert_int_eq(enqueue(0), NET_RX_DROP);
	ck_assert_uint_eq(sd->dropped, 1);
	ck_assert_uint_eq(skb_queue_len(&sd->input_pkt_queue), 0);
	ck_assert(!(sd->backlog.state & (1ul << NAPI_STATE_SCHED)));
	ck_assert_uint_eq(skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG), drops);
	ck_assert_int_eq(atomic64_read(&tdev->rx_dropped), 1);
}
END_TEST

START_TEST(test_napi_schedule_tail_and_raise)
{
	struct softnet_data *sd = sd0();
	struct napi_struct a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	____napi_schedule(sd, &a);
	____napi_schedule(sd, &b);
	ck_assert_ptr_eq(sd->poll_list.next, &a.poll_list);
	ck_assert_ptr_eq(sd->poll_list.prev, &b.poll_list);
	ck_assert(softirq_pending(NET_RX_SOFTIRQ));
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_netif_rx_runs_softirq_on_exit)
{
	softirq_set_stepping(false);
	/* From process context netif_rx() disables BHs itself, and the
	 * NET_RX softirq it raised runs before it returns. */
	ck_assert_int_eq(netif_rx(rx_skb(0)), NET_RX_SUCCESS);
	ck_assert_uint_eq(kstat_softirqs_cpu(NET_RX_SOFTIRQ, 0), 1);
}
END_TEST

/* ---- lab 5 ---- */

START_TEST(test_process_backlog_quota)
{
	struct softnet_data *sd = sd0();
	int i;

	for (i = 0; i < 100; i++)
		enqueue((u32)i);
	ck_assert_int_eq(process_backlog(&sd->backlog, 64), 64);
	ck_assert_int_eq(rx_count, 64);
	/* The rest waits in process_queue; the NAPI stays scheduled. */
	ck_assert_uint_eq(skb_queue_len(&sd->process_queue), 36);
	ck_assert_uint_eq(skb_queue_len(&sd->input_pkt_queue), 0);
	ck_assert(sd->backlog.state & (1ul << NAPI_STATE_SCHED));
	ck_assert_int_eq(process_backlog(&sd->backlog, 64), 36);
	ck_assert_int_eq(rx_count, 100);
	ck_assert(rx_in_order);
	ck_assert_uint_eq(sd->backlog.state, 0);
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_process_backlog_picks_up_new_input)
{
	struct softnet_data *sd = sd0();
	int i;

	for (i = 0; i < 10; i++)
		enqueue((u32)i);
	ck_assert_int_eq(process_backlog(&sd->backlog, 5), 5);
	for (i = 10; i < 13; i++)
		enqueue((u32)i);
	/* process_queue first, then a new splice of input_pkt_queue. */
	ck_assert_int_eq(process_backlog(&sd->backlog, 64), 8);
	ck_assert_int_eq(rx_count, 13);
	ck_assert(rx_in_order);
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_process_backlog_weight_from_sysctl)
{
	struct softnet_data *sd = sd0();

	dev_rx_weight = 16;
	enqueue(0);
	process_backlog(&sd->backlog, 64);
	ck_assert_int_eq(sd->backlog.weight, 16);
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_net_rx_action_one_weight_per_run)
{
	struct softnet_data *sd = sd0();
	int i;

	for (i = 0; i < 1000; i++)
		enqueue((u32)i);
	ck_assert_int_eq(softirq_step(), 1);
	/* One NAPI is polled once per run: a weight (64), then re-raised. */
	ck_assert_int_eq(rx_count, 64);
	ck_assert_uint_eq(sd->processed, 64);
	ck_assert_uint_eq(sd->time_squeeze, 0);
	ck_assert(softirq_pending(NET_RX_SOFTIRQ));
	ck_assert_int_eq(list_len(&sd->poll_list), 1);
	/* A budget below the weight: still one poll, but a squeeze. */
	netdev_budget = 10;
	ck_assert_int_eq(softirq_step(), 1);
	ck_assert_int_eq(rx_count, 128);
	ck_assert_uint_eq(sd->time_squeeze, 1);
	netdev_budget = 300;
	while (softirq_step())
		;
	ck_assert_int_eq(rx_count, 1000);
	ck_assert(rx_in_order);
	ck_assert_uint_eq(sd->time_squeeze, 1);
	ck_assert_int_eq(list_len(&sd->poll_list), 0);
	ck_assert_uint_eq(sd->backlog.state, 0);
	ck_assert(!softirq_pending(NET_RX_SOFTIRQ));
}
END_TEST

/* A NIC that always has a full weight of packets (never completes). */
static int busy_polls;

static int busy_poll(struct napi_struct *n, int budget)
{
	busy_polls++;
	return budget;
}

START_TEST(test_net_rx_action_budget_across_napis)
{
	struct softnet_data *sd = sd0();
	struct napi_struct nic[6];
	int i;

	memset(nic, 0, sizeof(nic));
	for (i = 0; i < 6; i++) {
		nic[i].poll = busy_poll;
		nic[i].weight = 64;
		nic[i].state = 1ul << NAPI_STATE_SCHED;
		____napi_schedule(sd, &nic[i]);
	}
	ck_assert_int_eq(softirq_step(), 1);
	/* 5 x 64 = 320 >= 300: the 6th waits; one squeeze. */
	ck_assert_int_eq(busy_polls, 5);
	ck_assert_uint_eq(sd->time_squeeze, 1);
	ck_assert(softirq_pending(NET_RX_SOFTIRQ));
	/* The one not polled comes first next time. */
	ck_assert_ptr_eq(sd->poll_list.next, &nic[5].poll_list);
	ck_assert_int_eq(list_len(&sd->poll_list), 6);
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_net_rx_action_small_burst_no_squeeze)
{
	struct softnet_data *sd = sd0();
	int i;

	for (i = 0; i < 64; i++)
		enqueue((u32)i);
	ck_assert_int_eq(softirq_step(), 1);
	ck_assert_int_eq(rx_count, 64);
	/* Exactly one weight's worth: repolled once, found empty. */
	while (softirq_step())
		;
	ck_assert_uint_eq(sd->time_squeeze, 0);
	ck_assert(!softirq_pending(NET_RX_SOFTIRQ));
	ck_assert_uint_eq(sd->backlog.state, 0);
}
END_TEST

START_TEST(test_net_rx_action_time_limit)
{
	struct softnet_data *sd = sd0();
	int i;

	sim_clock_set_deterministic(true);
	netdev_budget_usecs = 1;	/* each packet costs 2 us of sim time */
	for (i = 0; i < 200; i++)
		enqueue((u32)i);
	ck_assert_int_eq(softirq_step(), 1);
	/* One poll of 64, then out of time. */
	ck_assert_int_eq(rx_count, 64);
	ck_assert_uint_eq(sd->time_squeeze, 1);
	ck_assert(softirq_pending(NET_RX_SOFTIRQ));
	sim_clock_set_deterministic(false);
}
END_TEST

START_TEST(test_rx_weight_applies_next_poll)
{
	int i;

	dev_rx_weight = 4;
	for (i = 0; i < 100; i++)
		enqueue((u32)i);
	softirq_step();
	/* The first poll ran with the old weight and read the new one. */
	ck_assert_int_eq(rx_count, 64);
	softirq_step();
	ck_assert_int_eq(rx_count, 68);
}
END_TEST

START_TEST(test_unregister_flushes_backlog)
{
	struct softnet_data *sd = sd0();
	u64 before = skb_drop_count(SKB_DROP_REASON_DEV_READY);
	int i;

	for (i = 0; i < 5; i++)
		enqueue((u32)i);
	unregister_netdevice(tdev);
	ck_assert_uint_eq(skb_queue_len(&sd->input_pkt_queue), 0);
	ck_assert_uint_eq(skb_drop_count(SKB_DROP_REASON_DEV_READY),
			  before + 5);
	while (softirq_step())
		;
	ck_assert_int_eq(rx_count, 0);
}
END_TEST

START_TEST(test_softnet_stat_format)
{
	char buf[256];
	int i;

	for (i = 0; i < 1003; i++)
		enqueue((u32)i);	/* 1001 fit, 2 dropped */
	softirq_step();			/* 64 processed */
	ck_assert_uint_eq(softnet_seq_show(buf, sizeof(buf)), 117);
	ck_assert_str_eq(buf, "00000040 00000002 00000000 00000000 00000000 "
			 "00000000 00000000 00000000 00000000 00000000 "
			 "00000000 000003a9 00000000\n");
}
END_TEST

static Suite *backlog_suite(void)
{
	Suite *s = suite_create("backlog");
	TCase *tc;

	tc = backlog_tcase(s, "enqueue", "lab4");
	tcase_add_test(tc, test_enqueue_schedules_once);
	tcase_add_test(tc, test_backlog_limit_le_rule);
	tcase_add_test(tc, test_backlog_limit_sysctl);
	tcase_add_test(tc, test_enqueue_dev_down_drops);
	tcase_add_test(tc, test_napi_schedule_tail_and_raise);
	tcase_add_test(tc, test_netif_rx_runs_softirq_on_exit);

	tc = backlog_tcase(s, "poll", "lab5");
	tcase_add_test(tc, test_process_backlog_quota);
	tcase_add_test(tc, test_process_backlog_picks_up_new_input);
	tcase_add_test(tc, test_process_backlog_weight_from_sysctl);
	tcase_add_test(tc, test_net_rx_action_one_weight_per_run);
	tcase_add_test(tc, test_net_rx_action_budget_across_napis);
	tcase_add_test(tc, test_net_rx_action_small_burst_no_squeeze);
	tcase_add_test(tc, test_net_rx_action_time_limit);
	tcase_add_test(tc, test_rx_weight_applies_next_poll);

	tc = backlog_tcase(s, "softnet_stat", "lab5");
	tcase_add_test(tc, test_softnet_stat_format);

	tc = backlog_tcase(s, "flush", NULL);
	tcase_add_test(tc, test_unregister_flushes_backlog);
	return s;
}

UNIT_MAIN(backlog_suite)
