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
	ck_assert_msg(tdev != NULL, "setup: alloc_netdev() returned NULL for "
		      "a test device: lab 1's alloc_netdev_mqs is not done");
	SETUP_OK(register_netdevice(tdev));
	SETUP_OK(dev_open(tdev, NULL));
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

	EXPECT_EQ(enqueue(0), NET_RX_SUCCESS, "a device that is up and an "
		  "empty backlog: enqueue_to_backlog queues the packet and "
		  "returns NET_RX_SUCCESS (lab 4, TODO 4.2)");
	EXPECT_UEQ(skb_queue_len(&sd->input_pkt_queue), 1, "the packet waits "
		   "on sd->input_pkt_queue until NET_RX_SOFTIRQ runs (lab 4)");
	EXPECT_TRUE(sd->backlog.state & (1ul << NAPI_STATE_SCHED), "the first "
		    "packet of a burst schedules the backlog NAPI and sets "
		    "NAPI_STATE_SCHED, so later packets do not schedule it "
		    "again (lab 4)");
	EXPECT_EQ(list_len(&sd->poll_list), 1, "the backlog NAPI is on the "
		  "CPU's poll list (____napi_schedule, lab 4, TODO 4.1)");
	EXPECT_PTR_EQ(sd->poll_list.next, &sd->backlog.poll_list, "the NAPI "
		      "on the poll list is this CPU's backlog (lab 4)");
	EXPECT_TRUE(softirq_pending(NET_RX_SOFTIRQ), "scheduling a NAPI "
		    "raises NET_RX_SOFTIRQ, which will poll it "
		    "(raise_softirq_irqoff in ____napi_schedule, lab 4)");
	EXPECT_EQ(enqueue(1), NET_RX_SUCCESS, "a second packet is queued "
		  "behind the first (lab 4)");
	EXPECT_EQ(enqueue(2), NET_RX_SUCCESS, "a third packet is queued too "
		  "(lab 4)");
	EXPECT_UEQ(skb_queue_len(&sd->input_pkt_queue), 3, "every packet is "
		   "appended to input_pkt_queue (lab 4)");
	EXPECT_EQ(list_len(&sd->poll_list), 1, "an already scheduled backlog "
		  "is not added to the poll list again: only the first packet "
		  "of a burst, with NAPI_STATE_SCHED clear, schedules (lab 4)");
	EXPECT_UEQ(softirq_raise_count(NET_RX_SOFTIRQ), 1, "the softirq is "
		   "raised once for the burst, by the first packet (lab 4)");
	EXPECT_EQ(rx_count, 0, "queueing delivers nothing: delivery waits for "
		  "the softirq (enqueue_to_backlog must not call the stack, "
		  "lab 4)");
}
END_TEST

START_TEST(test_backlog_limit_le_rule)
{
	struct softnet_data *sd = sd0();
	u64 drops = skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG);
	struct rtnl_link_stats64 st;
	int i, rc;

	/* qlen <= netdev_max_backlog is accepted: 0..1000 is 1001 packets. */
	for (i = 0; i < 1001; i++) {
		rc = enqueue((u32)i);
		ck_assert_msg(rc == NET_RX_SUCCESS, "packet %d of 1001 was "
			      "refused (%s): 6.1 accepts while the queue holds "
			      "qlen <= netdev_max_backlog (1000), so packets "
			      "0..1000 all fit (lab 4, TODO 4.2)", i,
			      unit_errno_str(rc));
	}
	EXPECT_UEQ(skb_queue_len(&sd->input_pkt_queue), 1001, "1001 packets "
		   "fit a backlog of netdev_max_backlog = 1000: the test is "
		   "qlen <= limit (lab 4)");
	EXPECT_UEQ(sd->dropped, 0, "no drop while the queue is within the "
		   "limit (lab 4)");
	EXPECT_EQ(enqueue(1001), NET_RX_DROP, "the 1002nd packet finds 1001 "
		  "queued, more than netdev_max_backlog: dropped (lab 4)");
	EXPECT_EQ(enqueue(1002), NET_RX_DROP, "a full backlog keeps dropping "
		  "(lab 4)");
	EXPECT_UEQ(skb_queue_len(&sd->input_pkt_queue), 1001, "a dropped "
		   "packet is not queued (lab 4)");
	EXPECT_UEQ(sd->dropped, 2, "each drop counts in sd->dropped, the "
		   "second column of /proc/net/softnet_stat (lab 4)");
	EXPECT_UEQ(skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG), drops + 2,
		   "a full backlog frees the skb with "
		   "SKB_DROP_REASON_CPU_BACKLOG, which drop monitors see "
		   "(lab 4)");
	dev_get_stats(tdev, &st);
	EXPECT_UEQ(st.rx_dropped, 2, "the receiving device counts each drop "
		   "in its core rx_dropped counter (lab 4)");
}
END_TEST

START_TEST(test_backlog_limit_sysctl)
{
	struct softnet_data *sd = sd0();

	netdev_max_backlog = 2;
	EXPECT_EQ(enqueue(0), NET_RX_SUCCESS, "net.core.netdev_max_backlog = "
		  "2: an empty queue accepts (lab 4)");
	EXPECT_EQ(enqueue(1), NET_RX_SUCCESS, "qlen 1 <= 2: accepted (lab 4)");
	EXPECT_EQ(enqueue(2), NET_RX_SUCCESS, "qlen 2 <= 2: accepted (the "
		  "limit is read from netdev_max_backlog, compared with <=, "
		  "lab 4)");
	EXPECT_EQ(enqueue(3), NET_RX_DROP, "qlen 3 > 2: dropped (lab 4)");
	EXPECT_UEQ(sd->dropped, 1, "one drop counted in sd->dropped (lab 4)");
}
END_TEST

START_TEST(test_enqueue_dev_down_drops)
{
	struct softnet_data *sd = sd0();
	u64 drops = skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG);

	dev_close(tdev);
	EXPECT_EQ(enqueue(0), NET_RX_DROP, "a device that is down takes no "
		  "packets: enqueue_to_backlog checks netif_running(skb->dev) "
		  "first (lab 4, TODO 4.2)");
	EXPECT_UEQ(sd->dropped, 1, "that drop counts in sd->dropped (lab 4)");
	EXPECT_UEQ(skb_queue_len(&sd->input_pkt_queue), 0, "nothing is queued "
		   "for a device that is down (lab 4)");
	EXPECT_TRUE(!(sd->backlog.state & (1ul << NAPI_STATE_SCHED)), "a "
		    "dropped packet schedules nothing (lab 4)");
	EXPECT_UEQ(skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG), drops, "a "
		   "device that is down is not a full backlog: keep the reason "
		   "NOT_SPECIFIED for it, as 6.1 does (lab 4)");
	EXPECT_EQ(atomic64_read(&tdev->rx_dropped), 1, "the device counts the "
		  "drop in its core rx_dropped counter (lab 4)");
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
	EXPECT_PTR_EQ(sd->poll_list.next, &a.poll_list, "NAPIs are polled in "
		      "the order they were scheduled: ____napi_schedule adds "
		      "at the tail of sd->poll_list, so the first stays first "
		      "(lab 4, TODO 4.1)");
	EXPECT_PTR_EQ(sd->poll_list.prev, &b.poll_list, "the NAPI scheduled "
		      "last is at the tail of the poll list (lab 4)");
	EXPECT_TRUE(softirq_pending(NET_RX_SOFTIRQ), "____napi_schedule "
		    "raises NET_RX_SOFTIRQ (raise_softirq_irqoff, lab 4)");
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_netif_rx_runs_softirq_on_exit)
{
	softirq_set_stepping(false);
	/* From process context netif_rx() disables BHs itself, and the
	 * NET_RX softirq it raised runs before it returns. */
	EXPECT_EQ(netif_rx(rx_skb(0)), NET_RX_SUCCESS, "netif_rx() queues the "
		  "packet through enqueue_to_backlog (lab 4)");
	EXPECT_UEQ(kstat_softirqs_cpu(NET_RX_SOFTIRQ, 0), 1, "the softirq the "
		   "first packet raised runs once bottom halves are enabled "
		   "again, before netif_rx() returns: ____napi_schedule must "
		   "raise NET_RX_SOFTIRQ (lab 4)");
}
END_TEST

/* ---- lab 5 ---- */

START_TEST(test_process_backlog_quota)
{
	struct softnet_data *sd = sd0();
	int i;

	for (i = 0; i < 100; i++)
		enqueue((u32)i);
	EXPECT_EQ(process_backlog(&sd->backlog, 64), 64, "a poll handles at "
		  "most quota packets and returns how many it handled "
		  "(process_backlog, lab 5, TODO 5.1)");
	EXPECT_EQ(rx_count, 64, "each handled packet goes up the stack "
		  "through __netif_receive_skb (lab 5)");
	/* The rest waits in process_queue; the NAPI stays scheduled. */
	EXPECT_UEQ(skb_queue_len(&sd->process_queue), 36, "the 36 packets "
		   "over the quota wait in process_queue, where the one splice "
		   "of input_pkt_queue put all 100 (lab 5)");
	EXPECT_UEQ(skb_queue_len(&sd->input_pkt_queue), 0, "input_pkt_queue "
		   "was spliced onto process_queue whole (lab 5)");
	EXPECT_TRUE(sd->backlog.state & (1ul << NAPI_STATE_SCHED), "a poll "
		    "that used its whole quota is not done: the NAPI stays "
		    "scheduled (lab 5)");
	EXPECT_EQ(process_backlog(&sd->backlog, 64), 36, "the next poll "
		  "handles the 36 left and returns 36 (lab 5)");
	EXPECT_EQ(rx_count, 100, "all 100 packets were delivered (lab 5)");
	EXPECT_TRUE(rx_in_order, "packets are delivered in the order they "
		    "were queued: dequeue from the head, splice at the tail "
		    "(lab 5)");
	EXPECT_UEQ(sd->backlog.state, 0, "with both queues empty the backlog "
		   "NAPI is complete: process_backlog clears its state (lab 5)");
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_process_backlog_picks_up_new_input)
{
	struct softnet_data *sd = sd0();
	int i;

	for (i = 0; i < 10; i++)
		enqueue((u32)i);
	EXPECT_EQ(process_backlog(&sd->backlog, 5), 5, "a quota of 5 handles "
		  "5 packets (lab 5)");
	for (i = 10; i < 13; i++)
		enqueue((u32)i);
	/* process_queue first, then a new splice of input_pkt_queue. */
	EXPECT_EQ(process_backlog(&sd->backlog, 64), 8, "the 5 left in "
		  "process_queue, then the 3 that arrived meanwhile: when "
		  "process_queue runs dry, splice input_pkt_queue again and go "
		  "round (lab 5)");
	EXPECT_EQ(rx_count, 13, "all 13 packets were delivered (lab 5)");
	EXPECT_TRUE(rx_in_order, "old packets before new ones: process_queue "
		    "first, then the new splice (lab 5)");
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_process_backlog_weight_from_sysctl)
{
	struct softnet_data *sd = sd0();

	dev_rx_weight = 16;
	enqueue(0);
	process_backlog(&sd->backlog, 64);
	EXPECT_EQ(sd->backlog.weight, 16, "process_backlog sets the backlog's "
		  "weight from dev_rx_weight (net.core.dev_weight) on every "
		  "poll (lab 5, TODO 5.1)");
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_net_rx_action_one_weight_per_run)
{
	struct softnet_data *sd = sd0();
	int i;

	for (i = 0; i < 1000; i++)
		enqueue((u32)i);
	EXPECT_EQ(softirq_step(), 1, "one NET_RX_SOFTIRQ run was pending");
	/* One NAPI is polled once per run: a weight (64), then re-raised. */
	EXPECT_EQ(rx_count, 64, "one run polls the backlog once, for one "
		  "weight (64) of packets: a NAPI that used its weight goes on "
		  "repoll, not round the loop again (net_rx_action, lab 5)");
	EXPECT_UEQ(sd->processed, 64, "softnet_stat's first column counts "
		   "the 64 packets");
	EXPECT_UEQ(sd->time_squeeze, 0, "64 of a budget of 300 and time to "
		   "spare: the run ended because the list was empty, which is "
		   "no squeeze (lab 5)");
	EXPECT_TRUE(softirq_pending(NET_RX_SOFTIRQ), "work is left, so "
		    "net_rx_action raises NET_RX_SOFTIRQ again (lab 5, TODO "
		    "5.2)");
	EXPECT_EQ(list_len(&sd->poll_list), 1, "the unfinished backlog goes "
		  "back on the poll list (from repoll, lab 5)");
	/* A budget below the weight: still one poll, but a squeeze. */
	netdev_budget = 10;
	EXPECT_EQ(softirq_step(), 1, "the re-raised softirq runs");
	EXPECT_EQ(rx_count, 128, "a budget (10) below the weight does not cut "
		  "a poll short: the poll gets its weight (lab 5)");
	EXPECT_UEQ(sd->time_squeeze, 1, "10 - 64 leaves no budget: the run "
		   "counts sd->time_squeeze and stops (lab 5)");
	netdev_budget = 300;
	while (softirq_step())
		;
	EXPECT_EQ(rx_count, 1000, "every packet is delivered in the end "
		  "(lab 5)");
	EXPECT_TRUE(rx_in_order, "in the order they arrived (lab 5)");
	EXPECT_UEQ(sd->time_squeeze, 1, "runs that end with an empty list are "
		   "no squeeze (lab 5)");
	EXPECT_EQ(list_len(&sd->poll_list), 0, "nothing left to poll (lab 5)");
	EXPECT_UEQ(sd->backlog.state, 0, "the backlog NAPI completed "
		   "(process_backlog clears its state, lab 5)");
	EXPECT_TRUE(!softirq_pending(NET_RX_SOFTIRQ), "no work left, no "
		    "softirq raised (lab 5)");
}
END_TEST

/* A budget spent to exactly 0 is used up: 6.1 tests budget <= 0. */
START_TEST(test_net_rx_action_budget_spent_exactly)
{
	struct softnet_data *sd = sd0();
	int i;

	netdev_budget = 64;	/* exactly one weight */
	for (i = 0; i < 100; i++)
		enqueue((u32)i);
	EXPECT_EQ(softirq_step(), 1, "one NET_RX_SOFTIRQ run was pending");
	EXPECT_EQ(rx_count, 64, "one poll of one weight (lab 5)");
	EXPECT_UEQ(sd->time_squeeze, 1, "netdev_budget 64 minus one poll of 64 "
		   "leaves a budget of exactly 0, which is used up: 6.1 stops "
		   "there and counts a time_squeeze (net_rx_action, "
		   "lab 5, TODO 5.2)");
	EXPECT_TRUE(softirq_pending(NET_RX_SOFTIRQ), "36 packets are left: "
		    "the softirq is raised again (lab 5)");
	EXPECT_EQ(list_len(&sd->poll_list), 1, "the backlog waits on the poll "
		  "list for the next run (lab 5)");
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
	EXPECT_EQ(softirq_step(), 1, "one NET_RX_SOFTIRQ run was pending");
	/* 5 x 64 = 320 >= 300: the 6th waits; one squeeze. */
	EXPECT_EQ(busy_polls, 5, "each poll takes its work from the budget: "
		  "after 5 polls of 64, 300 - 320 leaves none and the run "
		  "stops, so the 6th NAPI is not polled (net_rx_action, lab 5)");
	EXPECT_UEQ(sd->time_squeeze, 1, "a run stopped by the budget counts "
		   "one time_squeeze (lab 5)");
	EXPECT_TRUE(softirq_pending(NET_RX_SOFTIRQ), "NAPIs are left: raise "
		    "the softirq again (lab 5)");
	/* The one not polled comes first next time. */
	EXPECT_PTR_EQ(sd->poll_list.next, &nic[5].poll_list, "the NAPI that "
		      "was not polled goes back first, before those polled "
		      "this run (repoll goes at the tail, lab 5)");
	EXPECT_EQ(list_len(&sd->poll_list), 6, "no NAPI is lost: all six are "
		  "back on the poll list (lab 5)");
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

/* A NIC whose poll schedules another NAPI (as a second device would). */
static struct napi_struct *sched_late;

static int scheduling_poll(struct napi_struct *n, int budget)
{
	busy_polls++;
	if (sched_late) {
		sched_late->state = 1ul << NAPI_STATE_SCHED;
		____napi_schedule(sd0(), sched_late);
		sched_late = NULL;
	}
	return budget;
}

START_TEST(test_net_rx_action_new_schedules_before_repoll)
{
	struct softnet_data *sd = sd0();
	struct napi_struct a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.poll = scheduling_poll;
	a.weight = 64;
	a.state = 1ul << NAPI_STATE_SCHED;
	b.poll = busy_poll;
	b.weight = 64;
	sched_late = &b;
	____napi_schedule(sd, &a);
	EXPECT_EQ(softirq_step(), 1, "one NET_RX_SOFTIRQ run was pending");
	EXPECT_EQ(busy_polls, 1, "b was scheduled during the run, after the "
		  "poll list was taken: it waits for the next run (lab 5)");
	EXPECT_EQ(list_len(&sd->poll_list), 2, "both NAPIs are on the poll "
		  "list after the run (lab 5)");
	EXPECT_PTR_EQ(sd->poll_list.next, &b.poll_list, "6.1 puts back the "
		      "NAPIs scheduled during the run before those to repoll: "
		      "the new poll list goes ahead of repoll (net_rx_action, "
		      "lab 5, TODO 5.2)");
	EXPECT_PTR_EQ(sd->poll_list.prev, &a.poll_list, "the repolled NAPI "
		      "goes last (lab 5)");
	INIT_LIST_HEAD(&sd->poll_list);
}
END_TEST

START_TEST(test_net_rx_action_small_burst_no_squeeze)
{
	struct softnet_data *sd = sd0();
	int i;

	for (i = 0; i < 64; i++)
		enqueue((u32)i);
	EXPECT_EQ(softirq_step(), 1, "one NET_RX_SOFTIRQ run was pending");
	EXPECT_EQ(rx_count, 64, "64 queued packets are delivered by one poll "
		  "of weight 64 (lab 5)");
	/* Exactly one weight's worth: repolled once, found empty. */
	while (softirq_step())
		;
	EXPECT_UEQ(sd->time_squeeze, 0, "a burst that fits the budget is no "
		   "squeeze (lab 5)");
	EXPECT_TRUE(!softirq_pending(NET_RX_SOFTIRQ), "once the backlog is "
		    "empty no softirq is raised (lab 5)");
	EXPECT_UEQ(sd->backlog.state, 0, "the backlog NAPI completes once "
		   "both its queues are empty (process_backlog, lab 5)");
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
	EXPECT_EQ(softirq_step(), 1, "one NET_RX_SOFTIRQ run was pending");
	/* One poll of 64, then out of time. */
	EXPECT_EQ(rx_count, 64, "one poll of 64, then the run is out of time "
		  "(lab 5)");
	EXPECT_UEQ(sd->time_squeeze, 1, "net.core.netdev_budget_usecs = 1 is "
		   "spent after one poll: net_rx_action also stops on time and "
		   "counts a time_squeeze (lab 5, TODO 5.2)");
	EXPECT_TRUE(softirq_pending(NET_RX_SOFTIRQ), "work is left: raise the "
		    "softirq again (lab 5)");
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
	EXPECT_EQ(rx_count, 64, "the first poll runs with the weight the NAPI "
		  "had (64) and reads the new dev_rx_weight (lab 5)");
	softirq_step();
	EXPECT_EQ(rx_count, 68, "the next poll uses the new weight, 4: "
		  "process_backlog sets napi->weight from dev_rx_weight "
		  "(lab 5, TODO 5.1)");
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
	EXPECT_UEQ(softnet_seq_show(buf, sizeof(buf)), 117, "one CPU's line "
		   "of /proc/net/softnet_stat is 13 columns of 8 hex digits");
	EXPECT_STR_EQ(buf, "00000040 00000002 00000000 00000000 00000000 "
		      "00000000 00000000 00000000 00000000 00000000 "
		      "00000000 000003a9 00000000\n", "after 1003 packets "
		      "(1001 fit, 2 dropped: lab 4) and one run of 64: "
		      "processed 0x40, dropped 2, no squeeze, 0x3a9 = 937 "
		      "still queued (lab 5)");
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
	tcase_add_test(tc, test_net_rx_action_budget_spent_exactly);
	tcase_add_test(tc, test_net_rx_action_budget_across_napis);
	tcase_add_test(tc, test_net_rx_action_new_schedules_before_repoll);
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
