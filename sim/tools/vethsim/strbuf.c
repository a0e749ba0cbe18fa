// SPDX-License-Identifier: GPL-2.0
/* Growable buffers and the current process's stdout/stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vethsim/vethsim.h"

struct vs_proc *vs_current;

void sb_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	size_t cap = sb->cap ? sb->cap : 256;
	char *p;

	if (need <= sb->cap)
		return;
	while (cap < need)
		cap *= 2;
	p = realloc(sb->buf, cap);
	if (!p) {
		fputs("vethsim: out of memory\n", stderr);
		abort();
	}
	sb->buf = p;
	sb->cap = cap;
}

void sb_write(struct strbuf *sb, const void *data, size_t len)
{
	sb_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sb_puts(struct strbuf *sb, const char *s)
{
	sb_write(sb, s, strlen(s));
}

void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

char *sb_detach(struct strbuf *sb)
{
	char *s;

	if (!sb->buf)
		return strdup("");
	s = sb->buf;
	sb_init(sb);
	return s;
}

/*
 * Where the current process's stdout or stderr goes: nowhere (redirected
 * to /dev/null), a buffer (the shell captures it; the same buffer for
 * both streams keeps them in the order they were written), or, with no
 * buffer, straight to vethsim's own stdout/stderr, as a terminal shows it.
 */
static void vs_vwrite(bool err, const char *fmt, va_list ap)
{
	struct strbuf *sb = NULL;

	if (vs_current) {
		if (err ? vs_current->err_null : vs_current->out_null)
			return;
		sb = err ? vs_current->err : vs_current->out;
	}
	if (sb) {
		sb_vprintf(sb, fmt, ap);
	} else if (err) {
		fflush(stdout);
		vfprintf(stderr, fmt, ap);
		fflush(stderr);
	} else {
		vprintf(fmt, ap);
	}
}

int vs_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vs_vwrite(false, fmt, ap);
	va_end(ap);
	return 0;
}

int vs_eprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vs_vwrite(true, fmt, ap);
	va_end(ap);
	return 0;
}

void vs_puts(const char *s)
{
	vs_printf("%s", s);
}

struct net *vs_net(void)
{
	return vs_current ? vs_current->net : NULL;
}

bool vs_parse_uint(const char *s, unsigned long long max,
		   unsigned long long *val)
{
	unsigned long long v = 0;

	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (max - (unsigned)(*s - '0')) / 10)
			return false;
		v = v * 10 + (unsigned)(*s - '0');
	}
	*val = v;
	return true;
}

/* "2", "0.2", "1.5": seconds as a decimal number, to ns. */
bool vs_parse_seconds(const char *s, uint64_t *ns)
{
	uint64_t whole = 0, frac = 0, scale = 100000000ull;
	bool digits = false;

	if (!s || !*s)
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (whole > 100000000ull)
			return false;
		whole = whole * 10 + (uint64_t)(*s - '0');
		digits = true;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			frac += (uint64_t)(*s - '0') * scale;
			scale /= 10;
			digits = true;
		}
	}
	if (*s || !digits)
		return false;
	*ns = whole * 1000000000ull + frac;
	return true;
}
