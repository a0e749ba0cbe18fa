/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tracer's hook, placed at the top of every traced function.
 * 6.1: the compiler puts a call to __fentry__ at the start of every function
 * (gcc -pg -mfentry) and ftrace patches it at run time; the simulator asks
 * for the call by hand, with FTRACE_ENTRY(), and the cleanup attribute
 * plays the return trampoline that function_graph installs.
 *
 *	int netif_rx(struct sk_buff *skb)
 *	{
 *		FTRACE_ENTRY();
 *		...
 */
#ifndef _SIM_LINUX_FTRACE_H
#define _SIM_LINUX_FTRACE_H

#include <linux/types.h>

extern bool ftrace_enabled;	/* a tracer is on: take the slow path */

const char *ftrace_func_entry(const char *func);
void ftrace_func_return(const char **func);

static inline const char *__ftrace_entry(const char *func)
{
	return unlikely(ftrace_enabled) ? ftrace_func_entry(func) : NULL;
}

static inline void __ftrace_return(const char **func)
{
	if (unlikely(*func))
		ftrace_func_return(func);
}

#define FTRACE_ENTRY()						\
	const char *__ftrace_fn __attribute__((cleanup(__ftrace_return), \
					       unused)) =	\
		__ftrace_entry(__func__)

/* sim/kernel/trace/ftrace.c: what tracefs files would set */
enum ftrace_tracer {
	TRACER_NOP,		/* current_tracer = nop */
	TRACER_FUNCTION,	/* current_tracer = function */
	TRACER_FUNCTION_GRAPH,	/* current_tracer = function_graph */
};

int ftrace_set_tracer(enum ftrace_tracer t);
/* tracing_on: false stops recording and keeps the buffer */
void tracing_set_on(bool on);
/* set_graph_function / set_ftrace_filter: NULL clears; glob '*' allowed */
int ftrace_set_filter(const char *patterns);
void ftrace_reset(void);	/* clear the ring buffer */
/* Print the buffer as /sys/kernel/tracing/trace would; returns bytes. */
size_t ftrace_print(char *buf, size_t size);

/* Added by the core. */
/* set_graph_function: graph only what these functions call (NULL clears). */
int ftrace_set_graph_function(const char *patterns);
/* The task the trace lines name ("ping-1234"); NULL comm: "<idle>-0". */
void ftrace_set_current(const char *comm, int pid);
/* Where a call with no traced caller came from (default "do_syscall_64"). */
void ftrace_set_root_parent(const char *func);
enum ftrace_tracer ftrace_current_tracer(void);
/* Events in the buffer now / ever written ("entries-in-buffer/...written"). */
size_t ftrace_entries(void);
size_t ftrace_entries_written(void);
/* sim: tracer off, filters and buffer cleared (shutdown) */
void ftrace_shutdown(void);

#endif
