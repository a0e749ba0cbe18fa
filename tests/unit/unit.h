/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared scaffolding for the Check unit tests.
 *
 * Each tests/unit/check_NAME.c builds one Suite and ends with
 * UNIT_MAIN(NAME_suite). Test cases that grade a student region carry the
 * tag of its lab ("lab1" ... "lab5"), so `CK_INCLUDE_TAGS=lab3` runs just
 * the tests of lab 3; untagged cases test the parts students only read.
 * Tests run in Check's fork mode: a crash in one test fails that test only.
 */
#ifndef VETHLAB_UNIT_H
#define VETHLAB_UNIT_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Boot the simulated kernel before each test, tear it down after. */
void unit_kernel_setup(void);
void unit_kernel_teardown(void);

/* The grader's probe (probe.c): a report opened before the test, and the
 * lab's functions run on inputs drawn at grade time after it. */
void unit_probe_begin(void);
void unit_probe_end(void);

/* A test case with the kernel booted around each test, tagged (or NULL). */
static inline TCase *unit_tcase(Suite *s, const char *name, const char *tags)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, unit_kernel_setup, unit_kernel_teardown);
	if (tags)
		tcase_set_tags(tc, tags);
	suite_add_tcase(s, tc);
	return tc;
}

/*
 * Messages a student can act on. Each check of a lab-tagged test says, in
 * plain words, what was expected and why the kernel does it so, and which
 * lab or function to look at; Check puts the message in its XML log, which
 * the grader shows. Values are printed beside it, negative errno values by
 * name ("-95 (-EOPNOTSUPP)").
 */

/* "-95 (-EOPNOTSUPP)" for a negative errno value, else the plain number. */
const char *unit_errno_str(long long v);

/* Why a setup call (add_pair(), dev_open(), booting) may have returned @err
 * while an earlier lab is unfinished: "-95 is -EOPNOTSUPP: lab 2's
 * veth_newlink is not written yet", or "" when nothing is known. */
const char *unit_setup_hint(long long err);

/* @got == @want for integers (errno values named). */
#define EXPECT_EQ(got, want, why)					\
	do {								\
		long long g_ = (long long)(got), w_ = (long long)(want);	\
		ck_assert_msg(g_ == w_, "%s is %s, expected %s: %s", #got,	\
			      unit_errno_str(g_), unit_errno_str(w_), why);	\
	} while (0)

/* The same for unsigned counters. */
#define EXPECT_UEQ(got, want, why)					\
	do {								\
		unsigned long long g_ = (unsigned long long)(got);		\
		unsigned long long w_ = (unsigned long long)(want);		\
		ck_assert_msg(g_ == w_, "%s is %llu, expected %llu: %s",	\
			      #got, g_, w_, why);				\
	} while (0)

#define EXPECT_TRUE(cond, why)						\
	ck_assert_msg(cond, "expected %s, which is false: %s", #cond, why)

#define EXPECT_PTR_EQ(got, want, why)					\
	ck_assert_msg((const void *)(got) == (const void *)(want),	\
		      "expected %s to be %s: %s", #got, #want, why)

#define EXPECT_NONNULL(p, why)						\
	ck_assert_msg((p) != NULL, "%s is NULL: %s", #p, why)

#define EXPECT_NULL(p, why)						\
	ck_assert_msg((p) == NULL, "%s is not NULL: %s", #p, why)

#define EXPECT_STR_EQ(got, want, why)					\
	do {								\
		const char *g_ = (got), *w_ = (want);			\
		ck_assert_msg(g_ && !strcmp(g_, w_),			\
			      "%s is \"%s\", expected \"%s\": %s", #got,	\
			      g_ ? g_ : "(null)", w_, why);			\
	} while (0)

/*
 * A call the test needs to succeed before it can check anything: on
 * failure, say which earlier lab is the likely cause, e.g.
 * "setup: add_pair(...) returned -95: -95 is -EOPNOTSUPP: lab 2's
 * veth_newlink is not written yet" (an errno with no known cause is
 * named: "returned -22 (-EINVAL)").
 */
#define SETUP_OK(call)							\
	do {								\
		long long r_ = (long long)(call);			\
		ck_assert_msg(r_ == 0, "setup: %s returned %lld%s", #call,	\
			      r_, unit_setup_hint(r_));			\
	} while (0)

#define UNIT_MAIN(suite_fn)						\
	int main(void)							\
	{								\
		SRunner *sr = srunner_create(suite_fn());		\
		int failed;						\
									\
		srunner_run_all(sr, CK_ENV); /* CK_VERBOSITY, or normal */				\
		failed = srunner_ntests_failed(sr);			\
		srunner_free(sr);					\
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;		\
	}

#endif
