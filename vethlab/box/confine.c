/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The seccomp filter of every graded process that runs student code.
 *
 * Linked into the graded binaries only (the grader's link step, beside
 * guard.c); the kit's own builds leave the weak references to it unset.
 * Trusted code installs it before the first student instruction: the Check
 * fixture in tests/unit/unit.c at the start of each test's fork, and
 * vethsim's main() before the shell starts. A filter needs no privilege
 * (PR_SET_NO_NEW_PRIVS), so it holds at every isolation level, also in
 * Gradescope's and PrairieLearn's unprivileged containers, and it is
 * inherited and cannot be removed.
 *
 * What graded code can then not do, however it reaches the kernel (a libc
 * function it never named, a raw syscall instruction): start a program,
 * make a process or thread, signal or trace anyone but itself, open a file
 * for writing, make or remove a file, make a socket, change its session or
 * namespaces. And in a test's fork it cannot end with status 0: Check
 * counts a fork that exits 0 as a pass, so only the trusted teardown's
 * exit, which carries a key drawn at run time, may do that
 * (vethlab_confined_exit); an _exit(0) half-way kills the fork instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

void vethlab_confine(int test_fork);
void vethlab_confined_exit(void);

static uint64_t exit_key;	/* exit_group(exit_key) ends a fork with 0 */

#define TEST_MARK "@@vethlab-test@@"	/* vethlab/grader/grade.py splits on it */

static void die(const char *what)
{
	fprintf(stderr, "vethlab grader: cannot confine this process: %s\n", what);
	_exit(125);
}

/* The verdict pipe the grader reads is Check's XML log (/dev/fd/N in
 * CK_XML_LOG_FILE_NAME); Check's runner opened it before forking, so the
 * fork holds copies. Close every descriptor on that pipe. */
static void close_verdict(void)
{
	const char *log = getenv("CK_XML_LOG_FILE_NAME");
	struct stat v, st;
	int fd;

	if (!log || strncmp(log, "/dev/fd/", 8) != 0)
		return;
	if (fstat(atoi(log + 8), &v) != 0)
		return;
	for (fd = 3; fd < 1024; fd++)
		if (fstat(fd, &st) == 0 && st.st_dev == v.st_dev &&
		    st.st_ino == v.st_ino)
			close(fd);
}

static void deny(scmp_filter_ctx f, int nr, uint32_t action)
{
	if (nr >= 0 && seccomp_rule_add(f, action, nr, 0) != 0)
		die("a rule was refused");
}

static const int killed[] = {
	SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(fork), SCMP_SYS(vfork),
	SCMP_SYS(clone), SCMP_SYS(clone3), SCMP_SYS(ptrace),
	SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev),
	SCMP_SYS(pidfd_open), SCMP_SYS(pidfd_getfd), SCMP_SYS(pidfd_send_signal),
	SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(setsid), SCMP_SYS(setpgid),
	SCMP_SYS(unshare), SCMP_SYS(setns), SCMP_SYS(mount), SCMP_SYS(umount2),
	SCMP_SYS(pivot_root), SCMP_SYS(chroot), SCMP_SYS(bpf), SCMP_SYS(perf_event_open),
	SCMP_SYS(io_uring_setup), SCMP_SYS(userfaultfd), SCMP_SYS(keyctl),
	SCMP_SYS(add_key), SCMP_SYS(request_key), SCMP_SYS(personality),
	SCMP_SYS(openat2), SCMP_SYS(name_to_handle_at), SCMP_SYS(open_by_handle_at),
};

static const int refused[] = {
	SCMP_SYS(unlink), SCMP_SYS(unlinkat), SCMP_SYS(rename), SCMP_SYS(renameat),
	SCMP_SYS(renameat2), SCMP_SYS(mkdir), SCMP_SYS(mkdirat), SCMP_SYS(rmdir),
	SCMP_SYS(symlink), SCMP_SYS(symlinkat), SCMP_SYS(link), SCMP_SYS(linkat),
	SCMP_SYS(chmod), SCMP_SYS(fchmod), SCMP_SYS(fchmodat), SCMP_SYS(chown),
	SCMP_SYS(fchown), SCMP_SYS(lchown), SCMP_SYS(fchownat), SCMP_SYS(truncate),
	SCMP_SYS(mknod), SCMP_SYS(mknodat), SCMP_SYS(creat),
};

/* an open() or openat() with any of these flags is refused */
static const uint64_t write_flags[] = { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND };

void vethlab_confine(int test_fork)
{
	const uint32_t kill = SCMP_ACT_KILL_PROCESS;
	const uint32_t refuse = SCMP_ACT_ERRNO(EACCES);
	scmp_filter_ctx f;
	pid_t me = getpid();
	size_t i;

	if (!getenv("VETHLAB_CONFINE"))
		return;		/* not under the grader */
	if (test_fork) {
		/* where this test's own output starts: the grader shows a crashed
		 * test what it printed (free(): invalid pointer), and only that */
		static const char mark[] = "\n" TEST_MARK "\n";

		if (write(2, mark, sizeof(mark) - 1) < 0)
			die("stderr");
		close_verdict();
	}
	f = seccomp_init(SCMP_ACT_ALLOW);
	if (!f)
		die("seccomp_init");
	for (i = 0; i < sizeof(killed) / sizeof(killed[0]); i++)
		deny(f, killed[i], kill);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		deny(f, refused[i], refuse);
	/* signals: only to itself (abort() raises SIGABRT with tgkill) */
	if (seccomp_rule_add(f, kill, SCMP_SYS(kill), 1, SCMP_A0(SCMP_CMP_NE, me)) ||
	    seccomp_rule_add(f, kill, SCMP_SYS(tkill), 1, SCMP_A0(SCMP_CMP_NE, me)) ||
	    seccomp_rule_add(f, kill, SCMP_SYS(tgkill), 1, SCMP_A0(SCMP_CMP_NE, me)))
		die("the signal rules were refused");
	/* files: read what it may read, write only what it already holds */
	for (i = 0; i < sizeof(write_flags) / sizeof(write_flags[0]); i++) {
		uint64_t bit = write_flags[i];

		if (seccomp_rule_add(f, refuse, SCMP_SYS(open), 1,
				     SCMP_A1(SCMP_CMP_MASKED_EQ, bit, bit)) != 0 ||
		    seccomp_rule_add(f, refuse, SCMP_SYS(openat), 1,
				     SCMP_A2(SCMP_CMP_MASKED_EQ, bit, bit)) != 0)
			die("the open rules were refused");
	}
	if (test_fork) {
		uint64_t r = 0;

		if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
			die("getrandom");
		exit_key = (r | 0x100) & ~(uint64_t)0xff;	/* status 0, never 0 */
		/*
		 * A clean exit only with the key; a failing one (status != 0)
		 * always. One rule may compare an argument once, so "low byte 0
		 * and not the key" is one rule per bit where it may differ.
		 */
		for (i = 8; i < 64; i++) {
			uint64_t bit = (uint64_t)1 << i;
			uint64_t mask = 0xff | bit;
			uint64_t other = ~exit_key & bit;

			if (seccomp_rule_add(f, kill, SCMP_SYS(exit_group), 1,
					     SCMP_A0(SCMP_CMP_MASKED_EQ, mask, other)) ||
			    seccomp_rule_add(f, kill, SCMP_SYS(exit), 1,
					     SCMP_A0(SCMP_CMP_MASKED_EQ, mask, other)))
				die("the exit rules were refused");
		}
	}
	if (seccomp_load(f) != 0)
		die("seccomp_load");
	seccomp_release(f);
}

/* The end of a test fork that ran to its teardown: Check's own
 * exit(EXIT_SUCCESS) would be killed by the filter above. */
void vethlab_confined_exit(void)
{
	if (!exit_key)
		return;
	fflush(NULL);
	syscall(SYS_exit_group, exit_key);
}
