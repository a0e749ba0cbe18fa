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

/* how 6.1's compiled code holds the function (FTRACE_ENTRY_INLINED) */
#define FTRACE_F_INLINED	1
/* a frame 6.1 has that the simulator does not trace (FTRACE_FRAME_AS) */
#define FTRACE_F_UNRECORDED	2
/* its n-th traced call is a jump (FTRACE_ENTRY_TAIL_AT), n in 1..255 */
#define FTRACE_F_TAIL_AT(n)	((unsigned int)(n) << 8)

const char *ftrace_func_entry(const char *func);
const char *ftrace_func_entry_as(const char *func, unsigned int flags,
				 const char *root);
void ftrace_func_return(const char **func);
void ftrace_tail_call(const char *func);

static inline const char *__ftrace_entry(const char *func)
{
	return unlikely(ftrace_enabled) ? ftrace_func_entry(func) : NULL;
}

static inline const char *__ftrace_entry_as(const char *func,
					    unsigned int flags,
					    const char *root)
{
	return unlikely(ftrace_enabled) ?
	       ftrace_func_entry_as(func, flags, root) : NULL;
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

/*
 * The `<-parent` the function tracer prints is the caller as compiled:
 * the return address on the stack. Three things make it differ from the
 * caller in the source, and the simulator marks each where 6.1 does it:
 *
 * FTRACE_ENTRY_INLINED()	6.1 inlines this function (a static inline in
 *				a header, or gcc's choice in Debian's build):
 *				it is recorded here, but what it calls shows
 *				its caller as the parent.
 * FTRACE_TAIL_CALL()		placed just before a call that is the last
 *				thing the function does (`return f(...)`):
 *				gcc makes it a jump, so the callee shows this
 *				function's caller. In an inlined function it
 *				is the function it is inlined into that jumps.
 * FTRACE_ENTRY_TAIL_AT(n)	as FTRACE_TAIL_CALL() before the n-th traced
 *				call this function makes, for a function whose
 *				calls sit in code it does not own (a student's
 *				SOLUTION region): that call is its last.
 * FTRACE_FRAME_AS("f")	the simulator's function is inlined, in 6.1's
 *				build, into "f", which the simulator does not
 *				trace: "f" is the parent of what it calls.
 * FTRACE_ENTRY_FROM("f")	the parent when no traced function is below:
 *				the 6.1 function the system call arrives
 *				through (default "do_syscall_64").
 */
#define FTRACE_ENTRY_INLINED()					\
	const char *__ftrace_fn __attribute__((cleanup(__ftrace_return), \
					       unused)) =	\
		__ftrace_entry_as(__func__, FTRACE_F_INLINED, NULL)

#define FTRACE_ENTRY_FROM(root)					\
	const char *__ftrace_fn __attribute__((cleanup(__ftrace_return), \
					       unused)) =	\
		__ftrace_entry_as(__func__, 0, (root))

#define FTRACE_FRAME_AS(f)					\
	const char *__ftrace_fn __attribute__((cleanup(__ftrace_return), \
					       unused)) =	\
		__ftrace_entry_as((f), FTRACE_F_UNRECORDED, NULL)

#define FTRACE_ENTRY_TAIL_AT(n)					\
	const char *__ftrace_fn __attribute__((cleanup(__ftrace_return), \
					       unused)) =	\
		__ftrace_entry_as(__func__, FTRACE_F_TAIL_AT(n), NULL)

#define FTRACE_TAIL_CALL()					\
	do {							\
		if (unlikely(__ftrace_fn))			\
			ftrace_tail_call(__ftrace_fn);		\
	} while (0)

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

/* events/net/NAME/enable ("net_dev_xmit" or "net:net_dev_xmit"; the only
 * event the simulator has): -ENOENT for any other name */
int ftrace_set_event(const char *name, bool on);
struct sk_buff;
struct net_device;
/* the net_dev_xmit tracepoint (6.1: include/trace/events/net.h) */
void trace_net_dev_xmit(struct sk_buff *skb, int rc, struct net_device *dev,
			unsigned int skb_len);

#endif
