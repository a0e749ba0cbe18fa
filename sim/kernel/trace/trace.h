/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ring buffer shared by the tracers (ftrace.c) and the printer
 * (trace_output.c). 6.1: kernel/trace/trace.h, ring_buffer.c; one CPU, a
 * fixed array of fixed-size events.
 */
#ifndef _SIM_KERNEL_TRACE_H
#define _SIM_KERNEL_TRACE_H

#include <linux/ftrace.h>

#define FTRACE_BUF_EVENTS	65536	/* buffer_size_kb, in events */
#define TASK_COMM_LEN		16

enum {
	FTRACE_EV_FUNC,		/* function tracer: one call */
	FTRACE_EV_ENTRY,	/* function_graph: a call begins */
	FTRACE_EV_RETURN,	/* function_graph: it returns */
	FTRACE_EV_EVENT,	/* a trace event (events/net/net_dev_xmit) */
};

#define FTRACE_EVENT_LEN	96	/* an event's printed fields */

#define FTRACE_CTX_BH_OFF	0x1	/* 'b' */
#define FTRACE_CTX_SOFTIRQ	0x2	/* 's' */

struct ftrace_event {
	u8		type;
	u8		depth;
	u8		flags;
	int		pid;
	char		comm[TASK_COMM_LEN];
	const char	*func;
	const char	*parent;
	u64		ts;		/* entry time, or return time */
	u64		calltime;	/* FTRACE_EV_RETURN: when it began */
	char		text[FTRACE_EVENT_LEN];	/* FTRACE_EV_EVENT */
};

struct ftrace_state {
	enum ftrace_tracer	tracer;
	bool			off;	/* tracing_on = 0 */
	struct ftrace_event	*buf;	/* allocated on first event */
	size_t			head, count, written;
	char			comm[TASK_COMM_LEN];
	int			pid;
	const char		*root_parent;
};

extern struct ftrace_state ftrace;

#endif
