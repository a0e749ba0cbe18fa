// SPDX-License-Identifier: GPL-2.0
/* The function and function_graph tracers on the veth path. */
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/ftrace.h>
#include <linux/ktime.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include "unit.h"

static char buf[1 << 18];

static void send_one(void)
{
	struct rtnl_newlink_req req;
	struct net_device *v0, *v1;
	struct sk_buff *skb;

	if (!__dev_get_by_name(&init_net, "veth0")) {
		/* the pair is set up untraced: these tests trace one frame */
		enum ftrace_tracer tracer = ftrace_current_tracer();

		ftrace_set_tracer(TRACER_NOP);
		memset(&req, 0, sizeof(req));
		req.kind = "veth";
		strcpy(req.tb.ifname, "veth0");
		req.has_peer = true;
		strcpy(req.peer.ifname, "veth1");
		ck_assert_int_eq(rtnl_newlink(&init_net, &req, NULL), 0);
		dev_open(__dev_get_by_name(&init_net, "veth0"), NULL);
		dev_open(__dev_get_by_name(&init_net, "veth1"), NULL);
		ftrace_set_tracer(tracer);
	}
	v0 = __dev_get_by_name(&init_net, "veth0");
	v1 = __dev_get_by_name(&init_net, "veth1");
	skb = alloc_skb(128, GFP_KERNEL);
	memcpy(skb_put(skb, 60), v1->dev_addr, 6);
	skb->data[12] = 0x88;
	skb->data[13] = 0xb5;
	skb->dev = v0;
	dev_queue_xmit(skb);
}

static const char *trace(void)
{
	size_t n = ftrace_print(buf, sizeof(buf));

	ck_assert_uint_lt(n, sizeof(buf));
	return buf;
}

START_TEST(test_nop_records_nothing)
{
	send_one();
	trace();
	ck_assert_ptr_nonnull(strstr(buf, "# tracer: nop"));
	ck_assert_ptr_null(strstr(buf, "veth_xmit"));
	ck_assert_uint_eq(ftrace_entries(), 0);
	ck_assert_int_eq(ftrace_set_tracer((enum ftrace_tracer)7), -EINVAL);
}
END_TEST

START_TEST(test_function_flat)
{
	sim_clock_set_deterministic(true);
	ck_assert_int_eq(ftrace_set_tracer(TRACER_FUNCTION), 0);
	ftrace_set_current("ping", 1234);
	send_one();
	trace();
	ck_assert_ptr_nonnull(strstr(buf, "# tracer: function\n"));
	ck_assert_ptr_nonnull(strstr(buf,
		"            ping-1234    [000] b....   100.000000: veth_xmit <-dev_hard_start_xmit\n"));
	ck_assert_ptr_nonnull(strstr(buf, ": enqueue_to_backlog <-netif_rx_internal\n"));
	/* parents as compiled (6.1): inlined callers and tail calls skipped */
	ck_assert_ptr_nonnull(strstr(buf, ": __dev_queue_xmit <-do_syscall_64\n"));
	ck_assert_ptr_nonnull(strstr(buf, ": __dev_forward_skb2 <-veth_xmit\n"));
	ck_assert_ptr_nonnull(strstr(buf, ": handle_softirqs <-do_softirq\n"));
	ck_assert_ptr_nonnull(strstr(buf, ": net_rx_action <-handle_softirqs\n"));
	ck_assert_ptr_nonnull(strstr(buf,
		": __netif_receive_skb_one_core <-process_backlog\n"));
	ck_assert_ptr_nonnull(strstr(buf, "..s..") );
	ck_assert_ptr_nonnull(strstr(buf, ": process_backlog <-__napi_poll\n"));
	ck_assert_ptr_nonnull(strstr(buf, ": dev_queue_xmit <-do_syscall_64\n"));
	/* Order: transmit before receive. */
	ck_assert(strstr(buf, "veth_xmit") < strstr(buf, "net_rx_action"));
	ck_assert_ptr_nonnull(strstr(buf, "# entries-in-buffer/entries-written: 23/23   #P:1\n"));
	sim_clock_set_deterministic(false);
}
END_TEST

START_TEST(test_function_filter)
{
	ftrace_set_tracer(TRACER_FUNCTION);
	ck_assert_int_eq(ftrace_set_filter("*xmit* eth_type_trans"), 0);
	send_one();
	trace();
	ck_assert_ptr_nonnull(strstr(buf, ": veth_xmit <-dev_hard_start_xmit"));
	ck_assert_ptr_nonnull(strstr(buf, ": eth_type_trans <-__dev_forward_skb2"));
	ck_assert_ptr_null(strstr(buf, "enqueue_to_backlog"));
	ck_assert_ptr_null(strstr(buf, "net_rx_action"));
	ftrace_set_filter(NULL);
	ftrace_reset();
	send_one();
	trace();
	ck_assert_ptr_nonnull(strstr(buf, "net_rx_action"));
}
END_TEST

START_TEST(test_function_graph_nesting)
{
	sim_clock_set_deterministic(true);
	ck_assert_int_eq(ftrace_set_tracer(TRACER_FUNCTION_GRAPH), 0);
	send_one();
	trace();
	ck_assert_ptr_nonnull(strstr(buf,
		"# tracer: function_graph\n#\n"
		"# CPU  DURATION                  FUNCTION CALLS\n"
		"# |     |   |                     |   |   |   |\n"
		" 0)               |  dev_queue_xmit() {\n"
		" 0)               |    __dev_queue_xmit() {\n"));
	ck_assert_ptr_nonnull(strstr(buf,
		" 0)               |            veth_xmit() {\n"
		" 0)               |              __dev_forward_skb() {\n"
		" 0)               |                __dev_forward_skb2() {\n"
		" 0)   0.050 us    |                  eth_type_trans();\n"
		" 0)   0.150 us    |                }\n"
		" 0)   0.250 us    |              }\n"));
	ck_assert_ptr_nonnull(strstr(buf,
		" 0)               |      do_softirq() {\n"));
	/* The last line closes dev_queue_xmit at depth 0. */
	ck_assert_ptr_nonnull(strstr(buf, " us    |  }\n"));
	ck_assert_int_eq(buf[strlen(buf) - 2], '}');
	sim_clock_set_deterministic(false);
}
END_TEST

START_TEST(test_graph_function_subtree)
{
	ftrace_set_tracer(TRACER_FUNCTION_GRAPH);
	ck_assert_int_eq(ftrace_set_graph_function("net_rx_action"), 0);
	send_one();
	trace();
	ck_assert_ptr_null(strstr(buf, "veth_xmit"));
	ck_assert_ptr_nonnull(strstr(buf, " 0)               |  net_rx_action() {\n"
					  " 0)               |    __napi_poll() {\n"));
	ck_assert_ptr_nonnull(strstr(buf, "__netif_receive_skb_core();"));
	ck_assert_ptr_null(strstr(buf, "do_softirq"));
}
END_TEST

START_TEST(test_duration_format)
{
	/* trace_print_graph_duration(): 7 digits at most, then " us ". */
	sim_clock_set_deterministic(true);
	ftrace_set_tracer(TRACER_FUNCTION_GRAPH);
	ftrace_set_graph_function("dev_queue_xmit");
	send_one();
	trace();
	ck_assert_ptr_nonnull(strstr(buf, " 0)   5.250 us    |  }\n"));
	sim_clock_set_deterministic(false);
}
END_TEST

START_TEST(test_ring_buffer_overwrites)
{
	int i;

	ftrace_set_tracer(TRACER_FUNCTION);
	for (i = 0; i < 4000; i++)
		send_one();
	ck_assert_uint_eq(ftrace_entries(), 65536);
	ck_assert_uint_eq(ftrace_entries_written(), 4000 * 23);
	ck_assert_uint_gt(ftrace_print(buf, 64), 64);
	ck_assert_uint_eq(strlen(buf), 63);
}
END_TEST

START_TEST(test_switch_tracer_clears)
{
	ftrace_set_tracer(TRACER_FUNCTION);
	send_one();
	ck_assert_uint_gt(ftrace_entries(), 0);
	ftrace_set_tracer(TRACER_FUNCTION_GRAPH);
	ck_assert_uint_eq(ftrace_entries(), 0);
	ftrace_set_tracer(TRACER_NOP);
	send_one();
	ck_assert_uint_eq(ftrace_entries(), 0);
	/* set_ftrace_filter takes any number of names (6.1) */
	ck_assert_int_eq(ftrace_set_filter("a b c d e f g h i j k l m n o p q"),
			 0);
	ck_assert_int_eq(ftrace_set_filter(
		"a_name_of_sixty_four_characters_is_longer_than_any_in_the_kernel"),
			 -EINVAL);
	ftrace_set_filter(NULL);
}
END_TEST

static Suite *ftrace_suite(void)
{
	Suite *s = suite_create("ftrace");
	TCase *tc = unit_tcase(s, "ftrace", NULL);

	tcase_add_test(tc, test_nop_records_nothing);
	tcase_add_test(tc, test_function_flat);
	tcase_add_test(tc, test_function_filter);
	tcase_add_test(tc, test_function_graph_nesting);
	tcase_add_test(tc, test_graph_function_subtree);
	tcase_add_test(tc, test_duration_format);
	tcase_add_test(tc, test_ring_buffer_overwrites);
	tcase_add_test(tc, test_switch_tracer_clears);
	return s;
}

UNIT_MAIN(ftrace_suite)
