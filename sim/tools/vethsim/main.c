// SPDX-License-Identifier: GPL-2.0
/* vethsim: the program. Everything else is in libsimtools.a (repl.c). */
#include "vethsim/vethsim.h"

int main(int argc, char **argv)
{
	return vethsim_main(argc, argv);
}
