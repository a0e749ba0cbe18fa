/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linked into every graded binary. vethlab/box/objcheck.py points a student's
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

/*
 * Output from graded code goes nowhere: vethlab/box/objcheck.py points printf()
 * and friends here. A student's debug print costs nothing, and no student
 * code can write a line into a transcript the grader compares (the shell's
 * own output still flows). Each returns what the real one would on success.
 */
#include <stdarg.h>
#include <stdio.h>

int vethlab_quiet_printf(const char *fmt, ...);
int vethlab_quiet_fprintf(FILE *f, const char *fmt, ...);
int vethlab_quiet_vprintf(const char *fmt, va_list ap);
int vethlab_quiet_vfprintf(FILE *f, const char *fmt, va_list ap);
int vethlab_quiet___printf_chk(int flag, const char *fmt, ...);
int vethlab_quiet___fprintf_chk(FILE *f, int flag, const char *fmt, ...);
int vethlab_quiet___vprintf_chk(int flag, const char *fmt, va_list ap);
int vethlab_quiet___vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap);
int vethlab_quiet_puts(const char *s);
int vethlab_quiet_fputs(const char *s, FILE *f);
int vethlab_quiet_putchar(int c);
int vethlab_quiet_fputc(int c, FILE *f);
int vethlab_quiet_putc(int c, FILE *f);
size_t vethlab_quiet_fwrite(const void *p, size_t size, size_t n, FILE *f);
int vethlab_quiet_fflush(FILE *f);
void vethlab_quiet_perror(const char *s);

static int quiet_len(const char *fmt, va_list ap)
{
	return vsnprintf(NULL, 0, fmt, ap);
}

int vethlab_quiet_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = quiet_len(fmt, ap);
	va_end(ap);
	return n;
}

int vethlab_quiet_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = quiet_len(fmt, ap);
	va_end(ap);
	return n;
}

int vethlab_quiet_vprintf(const char *fmt, va_list ap) { return quiet_len(fmt, ap); }
int vethlab_quiet_vfprintf(FILE *f, const char *fmt, va_list ap) { return quiet_len(fmt, ap); }

int vethlab_quiet___printf_chk(int flag, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = quiet_len(fmt, ap);
	va_end(ap);
	return n;
}

int vethlab_quiet___fprintf_chk(FILE *f, int flag, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = quiet_len(fmt, ap);
	va_end(ap);
	return n;
}

int vethlab_quiet___vprintf_chk(int flag, const char *fmt, va_list ap) { return quiet_len(fmt, ap); }
int vethlab_quiet___vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap) { return quiet_len(fmt, ap); }
int vethlab_quiet_puts(const char *s) { return 1; }
int vethlab_quiet_fputs(const char *s, FILE *f) { return 1; }
int vethlab_quiet_putchar(int c) { return (unsigned char)c; }
int vethlab_quiet_fputc(int c, FILE *f) { return (unsigned char)c; }
int vethlab_quiet_putc(int c, FILE *f) { return (unsigned char)c; }
size_t vethlab_quiet_fwrite(const void *p, size_t size, size_t n, FILE *f) { return n; }
int vethlab_quiet_fflush(FILE *f) { return 0; }
void vethlab_quiet_perror(const char *s) { }
