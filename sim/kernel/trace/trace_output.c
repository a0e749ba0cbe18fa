// SPDX-License-Identifier: GPL-2.0
/*
 * Printing the trace buffer as /sys/kernel/tracing/trace shows it.
 * 6.1: kernel/trace/trace.c (headers), trace_output.c (the context
 * columns), trace_functions_graph.c (the graph lines). One CPU, so the CPU
 * column is "[000]" or " 0)".
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "trace.h"

struct seq_buf {
	char	*buf;
	size_t	size;
	size_t	len;		/* what would have been written */
};

static void seq_printf(struct seq_buf *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void seq_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list ap;
	size_t room = s->len < s->size ? s->size - s->len : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? s->buf + s->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->len += (size_t)n;
}

static const struct ftrace_event *event_at(size_t i)
{
	return &ftrace.buf[(ftrace.head + i) % FTRACE_BUF_EVENTS];
}

/* 6.1: print_func_help_header_irq() after print_event_info(). */
static void print_function_header(struct seq_buf *s)
{
	seq_printf(s, "# tracer: function\n#\n");
	seq_printf(s, "# entries-in-buffer/entries-written: %zu/%zu   #P:%d\n#\n",
		   ftrace.count, ftrace.written, 1);
	seq_printf(s, "#                                _-----=> irqs-off/BH-disabled\n");
	seq_printf(s, "#                               / _----=> need-resched\n");
	seq_printf(s, "#                              | / _---=> hardirq/softirq\n");
	seq_printf(s, "#                              || / _--=> preempt-depth\n");
	seq_printf(s, "#                              ||| / _-=> migrate-disable\n");
	seq_printf(s, "#                              |||| /     delay\n");
	seq_printf(s, "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n");
	seq_printf(s, "#              | |         |   |||||     |         |\n");
}

/* 6.1: trace_print_context() with trace_print_lat_fmt(). */
static void print_context(struct seq_buf *s, const struct ftrace_event *ev)
{
	char irqs_off = ev->flags & FTRACE_CTX_BH_OFF ? 'b' : '.';
	char hardsoft = ev->flags & FTRACE_CTX_SOFTIRQ ? 's' : '.';
	u64 usecs = ev->ts / 1000;

	seq_printf(s, "%16s-%-7d [%03d] %c.%c.. %5llu.%06llu: ", ev->comm,
		   ev->pid, 0, irqs_off, hardsoft,
		   (unsigned long long)(usecs / 1000000),
		   (unsigned long long)(usecs % 1000000));
}

static void print_function(struct seq_buf *s)
{
	size_t i;

	print_function_header(s);
	for (i = 0; i < ftrace.count; i++) {
		const struct ftrace_event *ev = event_at(i);

		print_context(s, ev);
		if (ev->type == FTRACE_EV_EVENT)
			seq_printf(s, "%s\n", ev->text);
		else
			seq_printf(s, "%s <-%s\n", ev->func, ev->parent);
	}
}

/* 6.1: trace_find_mark(): the overhead column. */
static char trace_find_mark(u64 duration)
{
	if (duration > 1000000000ull)
		return '$';
	if (duration > 100000000ull)
		return '@';
	if (duration > 10000000ull)
		return '*';
	if (duration > 1000000ull)
		return '#';
	if (duration > 100000ull)
		return '!';
	if (duration > 10000ull)
		return '+';
	return ' ';
}

/*
 * 6.1: print_graph_duration() in kernel/trace/trace_functions_graph.c +
 * trace_print_graph_duration().
 */
static void print_graph_duration(struct seq_buf *s, u64 duration)
{
	char usecs[24];
	int len;

	len = snprintf(usecs, sizeof(usecs), "%llu",
		       (unsigned long long)(duration / 1000));
	seq_printf(s, "%c %s", trace_find_mark(duration), usecs);
	if (len < 7) {
		char nsecs[8];

		snprintf(nsecs, sizeof(nsecs), "%03llu",
			 (unsigned long long)(duration % 1000));
		nsecs[8 - len - 1 < 4 ? 8 - len - 1 : 4] = '\0';
		seq_printf(s, ".%s", nsecs);
		len += (int)strlen(nsecs) + 1;
	}
	seq_printf(s, " us ");
	for (; len < 8; len++)
		seq_printf(s, " ");
	seq_printf(s, "|  ");
}

static void print_graph_indent(struct seq_buf *s, int depth)
{
	seq_printf(s, "%*s", depth * 2, "");
}

static void print_graph(struct seq_buf *s)
{
	size_t i;

	seq_printf(s, "# tracer: function_graph\n#\n");
	seq_printf(s, "# CPU  DURATION                  FUNCTION CALLS\n");
	seq_printf(s, "# |     |   |                     |   |   |   |\n");
	for (i = 0; i < ftrace.count; i++) {
		const struct ftrace_event *ev = event_at(i);
		const struct ftrace_event *next =
			i + 1 < ftrace.count ? event_at(i + 1) : NULL;

		seq_printf(s, " %d) ", 0);
		if (ev->type == FTRACE_EV_EVENT) {
			/* 6.1: print_graph_comment(): an event as a comment */
			seq_printf(s, "              |  ");
			print_graph_indent(s, ev->depth);
			seq_printf(s, "/* %s */\n", ev->text);
		} else if (ev->type == FTRACE_EV_ENTRY && next &&
		    next->type == FTRACE_EV_RETURN && next->func == ev->func &&
		    next->depth == ev->depth) {
			/* A leaf: its entry and return print as one line. */
			print_graph_duration(s, next->ts - next->calltime);
			print_graph_indent(s, ev->depth);
			seq_printf(s, "%s();\n", ev->func);
			i++;
		} else if (ev->type == FTRACE_EV_ENTRY) {
			seq_printf(s, "              |  ");
			print_graph_indent(s, ev->depth);
			seq_printf(s, "%s() {\n", ev->func);
		} else {
			print_graph_duration(s, ev->ts - ev->calltime);
			print_graph_indent(s, ev->depth);
			seq_printf(s, "}\n");
		}
	}
}

/*
 * Reading /sys/kernel/tracing/trace. Writes at most @size bytes with a
 * terminating NUL; returns the length the whole text needs, like snprintf.
 * sim: 6.1's s_show() (kernel/trace/trace.c) for each entry, into a buffer.
 */
size_t ftrace_print(char *buf, size_t size)
{
	struct seq_buf s = { .buf = buf, .size = size, .len = 0 };

	if (size)
		buf[0] = '\0';
	switch (ftrace.tracer) {
	case TRACER_FUNCTION:
		print_function(&s);
		break;
	case TRACER_FUNCTION_GRAPH:
		print_graph(&s);
		break;
	default:
		seq_printf(&s, "# tracer: nop\n#\n");
		seq_printf(&s, "# entries-in-buffer/entries-written: 0/0   #P:1\n#\n");
		seq_printf(&s, "#                                _-----=> irqs-off/BH-disabled\n");
		seq_printf(&s, "#                               / _----=> need-resched\n");
		seq_printf(&s, "#                              | / _---=> hardirq/softirq\n");
		seq_printf(&s, "#                              || / _--=> preempt-depth\n");
		seq_printf(&s, "#                              ||| / _-=> migrate-disable\n");
		seq_printf(&s, "#                              |||| /     delay\n");
		seq_printf(&s, "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n");
		seq_printf(&s, "#              | |         |   |||||     |         |\n");
		break;
	}
	return s.len;
}
