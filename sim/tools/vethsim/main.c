// SPDX-License-Identifier: GPL-2.0
/* vethsim: the program. Everything else is in libsimtools.a (repl.c). */
#include "vethsim/vethsim.h"

/*
 * The grader links its seccomp filter (vethlab/box/confine.c) into the
 * vethsim it builds from a submission; it is installed here, before any
 * student code runs. The kit's own build leaves it unset.
 */
void vethlab_confine(int test_fork) __attribute__((weak));

int main(int argc, char **argv)
{
	if (vethlab_confine)
		vethlab_confine(0);
	return vethsim_main(argc, argv);
}
