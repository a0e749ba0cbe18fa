/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linked into every graded binary. grading/objcheck.py points a student's
 * calls to exit() and friends here: a test that reaches one is killed, so it
 * fails, instead of ending its fork with status 0, which Check counts as a pass.
 */
#include <signal.h>
#include <unistd.h>

static void trap(const char *what)
{
	static const char pre[] = "vethlab grader: graded code called ";
	size_t n = 0;

	while (what[n])
		n++;
	if (write(2, pre, sizeof(pre) - 1) < 0 || write(2, what, n) < 0 ||
	    write(2, "\n", 1) < 0)
		n = 0;
	kill(getpid(), SIGKILL);
	for (;;)
		pause();
}

void vethlab_trap_exit(int status);
void vethlab_trap__exit(int status);
void vethlab_trap__Exit(int status);
void vethlab_trap_quick_exit(int status);

void vethlab_trap_exit(int status) { trap("exit()"); }
void vethlab_trap__exit(int status) { trap("_exit()"); }
void vethlab_trap__Exit(int status) { trap("_Exit()"); }
void vethlab_trap_quick_exit(int status) { trap("quick_exit()"); }
