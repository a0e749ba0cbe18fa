// SPDX-License-Identifier: GPL-2.0
/*
 * The function tracers: nop, function and function_graph.
 * 6.1: kernel/trace/ftrace.c, trace_functions.c, trace_functions_graph.c.
 * The kernel patches a call into every function's prologue; the simulator's
 * traced functions call FTRACE_ENTRY() themselves, which lands here while
 * a tracer is on. Events go to one ring buffer; ftrace_print() formats it
 * the way /sys/kernel/tracing/trace does (trace_output.c in this directory).
 */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ftrace.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include "trace.h"

bool ftrace_enabled;

struct ftrace_state ftrace;

/* Deterministic clock: what entering or leaving a traced function costs. */
#define FTRACE_CALL_COST_NS	50
/* 6.1 keeps as many filter entries as memory allows; this bound only
 * keeps a runaway script's memory in check */
#define FTRACE_MAX_PATTERNS	65536
#define FTRACE_PATTERN_LEN	64

struct ftrace_glob {
	int	n, size;
	char	(*pat)[FTRACE_PATTERN_LEN];
};

static struct ftrace_glob filter_glob;	/* set_ftrace_filter */
static struct ftrace_glob graph_glob;	/* set_graph_function */

/* The stack of traced calls in progress (what the return trampoline keeps). */
struct ftrace_frame {
	const char	*func;
	u64		calltime;
	bool		graph;		/* a function_graph entry was written */
	bool		inlined;	/* no frame of its own in 6.1's build */
	bool		tail;		/* jumped to its last callee */
	u8		tail_at;	/* this traced call is a jump (0: none) */
	u8		calls;		/* traced calls it made so far */
	const char	*root;		/* its FTRACE_ENTRY_FROM() parent */
};

#define FTRACE_STACK_MAX	128
static struct ftrace_frame stack[FTRACE_STACK_MAX];
static int stack_depth;
static int graph_depth;		/* recorded frames open: the graph's depth */
static int graph_root = -1;	/* stack index of the set_graph_function hit */

static int glob_set(struct ftrace_glob *g, const char *patterns)
{
	const char *p = patterns;

	g->n = 0;
	if (!patterns)
		return 0;
	while (*p) {
		size_t len;

		p += strspn(p, " \t\n,");
		len = strcspn(p, " \t\n,");
		if (!len)
			break;
		if (len >= FTRACE_PATTERN_LEN || g->n == FTRACE_MAX_PATTERNS) {
			g->n = 0;
			return -EINVAL;
		}
		if (g->n == g->size) {
			int size = g->size ? 2 * g->size : 16;
			void *pat = realloc(g->pat, (size_t)size * sizeof(*g->pat));

			if (!pat) {
				g->n = 0;
				return -ENOMEM;
			}
			g->pat = pat;
			g->size = size;
		}
		memcpy(g->pat[g->n], p, len);
		g->pat[g->n][len] = '\0';
		g->n++;
		p += len;
	}
	return 0;
}

/* An empty filter lets everything through, as an empty tracefs file does. */
static bool glob_match(const struct ftrace_glob *g, const char *func)
{
	int i;

	if (!g->n)
		return true;
	for (i = 0; i < g->n; i++)
		if (fnmatch(g->pat[i], func, 0) == 0)
			return true;
	return false;
}

static void ftrace_update_enabled(void)
{
	ftrace_enabled = ftrace.tracer != TRACER_NOP && !ftrace.off;
}

/*
 * Writing tracing_on: 0 stops recording but keeps the buffer for reading,
 * 1 records again.
 * sim: 6.1's tracer_tracing_off()/tracer_tracing_on() (kernel/trace/trace.c)
 * on the ring buffer; same effect.
 */
void tracing_set_on(bool on)
{
	ftrace.off = !on;
	ftrace_update_enabled();
}

/*
 * sim: writing current_tracer (6.1: tracing_set_tracer() in
 * kernel/trace/trace.c); switching tracers empties the buffer.
 */
int ftrace_set_tracer(enum ftrace_tracer t)
{
	if (t != TRACER_NOP && t != TRACER_FUNCTION &&
	    t != TRACER_FUNCTION_GRAPH)
		return -EINVAL;
	ftrace.tracer = t;
	ftrace_reset();
	ftrace_update_enabled();
	return 0;
}

/* sim: reading current_tracer. */
enum ftrace_tracer ftrace_current_tracer(void)
{
	return ftrace.tracer;
}

/*
 * 6.1: ftrace_set_filter() sets an ftrace_ops' filter; this one sets the
 * set_ftrace_filter globs, as writing that file does.
 */
int ftrace_set_filter(const char *patterns)
{
	return glob_set(&filter_glob, patterns);
}

/* sim: writing set_graph_function. */
int ftrace_set_graph_function(const char *patterns)
{
	return glob_set(&graph_glob, patterns);
}

/* sim: the task the next entries are recorded for (6.1: current). */
void ftrace_set_current(const char *comm, int pid)
{
	if (!comm) {
		comm = "<idle>";
		pid = 0;
	}
	strncpy(ftrace.comm, comm, sizeof(ftrace.comm) - 1);
	ftrace.comm[sizeof(ftrace.comm) - 1] = '\0';
	ftrace.pid = pid;
}

/* sim: the caller shown above the outermost traced function. */
void ftrace_set_root_parent(const char *func)
{
	ftrace.root_parent = func ? func : "do_syscall_64";
}

/* sim: empty the buffer (6.1: writing the trace file with O_TRUNC). */
void ftrace_reset(void)
{
	ftrace.head = 0;
	ftrace.count = 0;
	ftrace.written = 0;
}

/* sim: entries in the buffer. */
size_t ftrace_entries(void)
{
	return ftrace.count;
}

/* sim: entries ever recorded (overwritten ones too). */
size_t ftrace_entries_written(void)
{
	return ftrace.written;
}

/*
 * 6.1: ftrace_shutdown() unregisters one ftrace_ops; this one puts the
 * whole tracer back as boot left it (nop, no filters, empty buffer).
 */
void ftrace_shutdown(void)
{
	ftrace.tracer = TRACER_NOP;
	ftrace.off = false;
	ftrace_update_enabled();
	ftrace_reset();
	free(ftrace.buf);
	ftrace.buf = NULL;
	filter_glob.n = 0;
	graph_glob.n = 0;
	free(filter_glob.pat);
	free(graph_glob.pat);
	filter_glob.pat = graph_glob.pat = NULL;
	filter_glob.size = graph_glob.size = 0;
	stack_depth = 0;
	graph_depth = 0;
	graph_root = -1;
	ftrace_set_current(NULL, 0);
	ftrace_set_root_parent(NULL);
}

/* The context flags trace_print_lat_fmt() turns into "b..s." columns. */
static u8 ftrace_ctx_flags(void)
{
	u8 flags = 0;

	if (in_serving_softirq())
		flags |= FTRACE_CTX_SOFTIRQ;
	else if (in_softirq())
		flags |= FTRACE_CTX_BH_OFF;
	return flags;
}

static struct ftrace_event *ftrace_reserve(void)
{
	struct ftrace_event *ev;

	if (!ftrace.buf) {
		ftrace.buf = calloc(FTRACE_BUF_EVENTS, sizeof(*ftrace.buf));
		if (!ftrace.buf)
			return NULL;
	}
	/* A full ring buffer overwrites its oldest events. */
	ev = &ftrace.buf[(ftrace.head + ftrace.count) % FTRACE_BUF_EVENTS];
	if (ftrace.count == FTRACE_BUF_EVENTS)
		ftrace.head = (ftrace.head + 1) % FTRACE_BUF_EVENTS;
	else
		ftrace.count++;
	ftrace.written++;
	strcpy(ev->comm, ftrace.comm);
	ev->pid = ftrace.pid;
	ev->flags = ftrace_ctx_flags();
	return ev;
}

static bool event_net_dev_xmit;	/* events/net/net_dev_xmit/enable */

/*
 * sim: writing events/net/net_dev_xmit/enable (6.1: event_enable_write() in
 * kernel/trace/trace_events.c); the other events do not exist here.
 */
int ftrace_set_event(const char *name, bool on)
{
	if (strcmp(name, "net_dev_xmit") && strcmp(name, "net:net_dev_xmit"))
		return -ENOENT;
	event_net_dev_xmit = on;
	return 0;
}

/*
 * sim: the net_dev_xmit tracepoint that 6.1's TRACE_EVENT() in
 * include/trace/events/net.h generates, with its TP_printk() fields. The
 * event is recorded only while a tracer records (6.1 records it under nop
 * too); skbaddr is the pointer itself, where 6.1 prints a hashed one.
 */
void trace_net_dev_xmit(struct sk_buff *skb, int rc, struct net_device *dev,
			unsigned int skb_len)
{
	struct ftrace_event *ev;

	if (!event_net_dev_xmit || !ftrace_enabled)
		return;
	ev = ftrace_reserve();
	if (!ev)
		return;
	ev->type = FTRACE_EV_EVENT;
	ev->func = NULL;
	ev->parent = NULL;
	ev->depth = (u8)graph_depth;
	ev->ts = ktime_get_ns();
	ev->calltime = 0;
	snprintf(ev->text, sizeof(ev->text),
		 "net_dev_xmit: dev=%s skbaddr=%016lx len=%u rc=%d",
		 dev->name, (unsigned long)skb, skb_len, rc);
}

static void ftrace_record(u8 type, const char *func, const char *parent,
			  int depth, u64 ts, u64 calltime)
{
	struct ftrace_event *ev = ftrace_reserve();

	if (!ev)
		return;
	ev->type = type;
	ev->func = func;
	ev->parent = parent;
	ev->depth = (u8)depth;
	ev->ts = ts;
	ev->calltime = calltime;
}

/* Is a call to @func, at this point of the stack, one the graph shows? */
static bool graph_wants(const char *func)
{
	if (graph_root < 0 && graph_glob.n && !glob_match(&graph_glob, func))
		return false;
	return glob_match(&filter_glob, func);
}

/*
 * The parent a `function` line shows: the nearest caller that has a stack
 * frame of its own in 6.1's compiled code. Inlined functions have none;
 * a function that jumped to its last callee has left its frame, so that
 * callee's return address is in the caller's caller.
 * sim: 6.1's function_trace_call() gets parent_ip from the stack; this
 * walks the simulator's own record of the calls for the same answer.
 */
static const char *ftrace_parent(const char *root)
{
	bool jumped = false;
	int i;

	for (i = stack_depth - 1; i >= 0; i--) {
		const struct ftrace_frame *f = &stack[i];

		if (f->tail)
			jumped = true;
		if (f->inlined)
			continue;
		if (jumped) {
			jumped = false;
			/* the outermost jumped: its caller is its root */
			if (!i && f->root)
				return f->root;
			continue;
		}
		return f->func;
	}
	return root ? root : ftrace.root_parent;
}

/* sim: the function whose frame is on top is about to jump to a callee. */
void ftrace_tail_call(const char *func)
{
	if (stack_depth && stack[stack_depth - 1].func == func)
		stack[stack_depth - 1].tail = true;
}

/*
 * 6.1: function_trace_call() in kernel/trace/trace_functions.c /
 * trace_graph_entry(), reached via __fentry__.
 */
const char *ftrace_func_entry(const char *func)
{
	return ftrace_func_entry_as(func, 0, NULL);
}

/*
 * sim: ftrace_func_entry() for a function 6.1 inlines (FTRACE_F_INLINED),
 * one whose n-th traced call is a jump (FTRACE_F_TAIL_AT(n)), a frame
 * recorded for its callees' parent only (FTRACE_F_UNRECORDED) or one whose
 * outermost caller is known (@root).
 */
const char *ftrace_func_entry_as(const char *func, unsigned int flags,
				 const char *root)
{
	struct ftrace_frame *f;
	u64 now;

	if (stack_depth >= FTRACE_STACK_MAX)
		return NULL;
	if (stack_depth) {
		/* FTRACE_ENTRY_TAIL_AT(): the caller's n-th call is a jump */
		f = &stack[stack_depth - 1];
		if (f->calls < 255 && ++f->calls == f->tail_at)
			f->tail = true;
	}
	sim_clock_advance(FTRACE_CALL_COST_NS);
	now = ktime_get_ns();
	f = &stack[stack_depth];
	f->func = func;
	f->calltime = now;
	f->graph = false;
	f->inlined = flags & FTRACE_F_INLINED;
	f->tail = false;
	f->tail_at = (u8)(flags >> 8);
	f->calls = 0;
	f->root = stack_depth ? NULL : root;

	if (flags & FTRACE_F_UNRECORDED) {
		/* a frame for the parents only */
	} else if (ftrace.tracer == TRACER_FUNCTION) {
		if (glob_match(&filter_glob, func))
			ftrace_record(FTRACE_EV_FUNC, func, ftrace_parent(root),
				      0, now, 0);
	} else if (ftrace.tracer == TRACER_FUNCTION_GRAPH && graph_wants(func)) {
		if (graph_root < 0 && graph_glob.n)
			graph_root = stack_depth;
		ftrace_record(FTRACE_EV_ENTRY, func, NULL, graph_depth, now, 0);
		f->graph = true;
		graph_depth++;
	}
	stack_depth++;
	return func;
}

/*
 * 6.1: trace_graph_return() in kernel/trace/trace_functions_graph.c, reached
 * through return_to_handler.
 */
void ftrace_func_return(const char **func)
{
	struct ftrace_frame *f;
	u64 now;

	if (!stack_depth)
		return;
	sim_clock_advance(FTRACE_CALL_COST_NS);
	now = ktime_get_ns();
	f = &stack[--stack_depth];
	if (f->graph && graph_depth > 0) {
		graph_depth--;
		if (ftrace.tracer == TRACER_FUNCTION_GRAPH)
			ftrace_record(FTRACE_EV_RETURN, f->func, NULL,
				      graph_depth, now, f->calltime);
	}
	if (graph_root == stack_depth)
		graph_root = -1;
	if (!stack_depth)
		graph_depth = 0;
}

/* 6.1: tracing_set_tracer() at boot: nop, empty filters. */
__attribute__((constructor)) static void ftrace_early_init(void)
{
	ftrace_set_current(NULL, 0);
	ftrace_set_root_parent(NULL);
}
