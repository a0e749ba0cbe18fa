// SPDX-License-Identifier: GPL-2.0
/* sk_buff: allocation, the data window, clones, copies, drop reasons. */
#include <string.h>
#include <signal.h>
#include <linux/skbuff.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include "unit.h"

START_TEST(test_alloc_window)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);

	ck_assert_ptr_nonnull(skb);
	ck_assert_int_eq(skb_live_count(), 1);
	ck_assert_int_eq(skb->users, 1);
	ck_assert_uint_eq(skb->len, 0);
	ck_assert_uint_eq(skb_headroom(skb), 0);
	ck_assert_int_ge(skb_tailroom(skb), 100);
	skb_reserve(skb, 16);
	ck_assert_uint_eq(skb_headroom(skb), 16);
	memcpy(skb_put(skb, 10), "0123456789", 10);
	ck_assert_uint_eq(skb->len, 10);
	memcpy(skb_push(skb, 2), "ab", 2);
	ck_assert_uint_eq(skb->len, 12);
	ck_assert_mem_eq(skb->data, "ab0123", 6);
	ck_assert_ptr_nonnull(skb_pull(skb, 4));
	ck_assert_mem_eq(skb->data, "2345", 4);
	ck_assert_ptr_null(skb_pull(skb, 9));	/* more than len: refused */
	ck_assert_uint_eq(skb->len, 8);
	kfree_skb(skb);
	ck_assert_int_eq(skb_live_count(), 0);
}
END_TEST

START_TEST(test_put_past_end_aborts)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	skb_put(skb, (unsigned int)skb_tailroom(skb) + 1);
}
END_TEST

START_TEST(test_push_past_head_aborts)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	skb_reserve(skb, 8);
	skb_push(skb, 9);
}
END_TEST

START_TEST(test_clone_shares_data)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *c;

	skb_put_data(skb, "hello", 5);
	c = skb_clone(skb, GFP_ATOMIC);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_ne(c, skb);
	ck_assert_ptr_eq(c->data, skb->data);
	ck_assert(skb_cloned(skb));
	ck_assert(skb_cloned(c));
	ck_assert_int_eq(*skb->dataref, 2);
	ck_assert_int_eq(skb_live_count(), 2);
	kfree_skb(skb);
	/* The data outlives the first owner. */
	ck_assert_mem_eq(c->data, "hello", 5);
	ck_assert(!skb_cloned(c));
	consume_skb(c);
	ck_assert_int_eq(skb_live_count(), 0);
}
END_TEST

START_TEST(test_copy_is_private)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct sk_buff *c;

	skb_reserve(skb, 10);
	skb_put_data(skb, "hello", 5);
	skb->protocol = htons(ETH_P_IP);
	c = skb_copy(skb, GFP_ATOMIC);
	ck_assert_ptr_ne(c->data, skb->data);
	ck_assert_uint_eq(skb_headroom(c), 10);
	ck_assert_mem_eq(c->data, "hello", 5);
	ck_assert_uint_eq(c->protocol, htons(ETH_P_IP));
	c->data[0] = 'J';
	ck_assert_mem_eq(skb->data, "hello", 5);
	ck_assert(!skb_cloned(skb));
	kfree_skb(skb);
	kfree_skb(c);
}
END_TEST

START_TEST(test_users_refcount)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	skb_get(skb);
	ck_assert(skb_shared(skb));
	kfree_skb(skb);
	ck_assert_int_eq(skb_live_count(), 1);
	kfree_skb(skb);
	ck_assert_int_eq(skb_live_count(), 0);
}
END_TEST

START_TEST(test_drop_reasons_counted)
{
	u64 before = skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG);
	u64 nspec = skb_drop_count(SKB_DROP_REASON_NOT_SPECIFIED);
	u64 consumed = skb_drop_count(SKB_CONSUMED);

	kfree_skb_reason(alloc_skb(8, GFP_KERNEL), SKB_DROP_REASON_CPU_BACKLOG);
	kfree_skb(alloc_skb(8, GFP_KERNEL));
	consume_skb(alloc_skb(8, GFP_KERNEL));
	ck_assert_uint_eq(skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG),
			  before + 1);
	ck_assert_uint_eq(skb_drop_count(SKB_DROP_REASON_NOT_SPECIFIED),
			  nspec + 1);
	ck_assert_uint_eq(skb_drop_count(SKB_CONSUMED), consumed + 1);
	ck_assert_str_eq(skb_drop_reason_name(SKB_DROP_REASON_CPU_BACKLOG),
			 "CPU_BACKLOG");
	kfree_skb(NULL);	/* allowed, as in the kernel */
}
END_TEST

START_TEST(test_copy_bits_bounds)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	char out[8];

	skb_put_data(skb, "abcdef", 6);
	ck_assert_int_eq(skb_copy_bits(skb, 2, out, 4), 0);
	ck_assert_mem_eq(out, "cdef", 4);
	ck_assert_int_eq(skb_copy_bits(skb, 3, out, 4), -EFAULT);
	ck_assert_int_eq(skb_copy_bits(skb, -1, out, 1), -EFAULT);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_queue_helpers)
{
	struct sk_buff_head q, r;
	int i;

	skb_queue_head_init(&q);
	skb_queue_head_init(&r);
	for (i = 0; i < 3; i++)
		__skb_queue_tail(&q, alloc_skb(8, GFP_KERNEL));
	__skb_queue_tail(&r, alloc_skb(8, GFP_KERNEL));
	skb_queue_splice_tail_init(&q, &r);
	ck_assert_uint_eq(skb_queue_len(&r), 4);
	ck_assert(skb_queue_empty(&q));
	__skb_queue_purge(&r);
	ck_assert_int_eq(skb_live_count(), 0);
}
END_TEST

static Suite *skbuff_suite(void)
{
	Suite *s = suite_create("skbuff");
	TCase *tc = unit_tcase(s, "skb", NULL);

	tcase_add_test(tc, test_alloc_window);
	tcase_add_test_raise_signal(tc, test_put_past_end_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, test_push_past_head_aborts, SIGABRT);
	tcase_add_test(tc, test_clone_shares_data);
	tcase_add_test(tc, test_copy_is_private);
	tcase_add_test(tc, test_users_refcount);
	tcase_add_test(tc, test_drop_reasons_counted);
	tcase_add_test(tc, test_copy_bits_bounds);
	tcase_add_test(tc, test_queue_helpers);
	return s;
}

UNIT_MAIN(skbuff_suite)
