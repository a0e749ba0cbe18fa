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

/* Boot the simulated kernel before each test, tear it down after. */
void unit_kernel_setup(void);
void unit_kernel_teardown(void);

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
