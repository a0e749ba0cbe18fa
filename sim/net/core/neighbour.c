// SPDX-License-Identifier: GPL-2.0
/*
 * The generic neighbour layer: one entry per (address, device), a small
 * state machine that says how much we trust its link-layer address, and a
 * queue of packets that wait while the address is being resolved.
 * 6.1: net/core/neighbour.c. The protocol (ARP, in net/ipv4/arp.c) supplies
 * the solicit and error_report callbacks; this file decides when to call
 * them. Left out: the hash table (a list), proxy entries, garbage
 * collection (6.1 only collects above gc_thresh1 = 128 entries, which a
 * teaching box never reaches, so entries here stay until flushed or their
 * device goes), netlink notifications, random reachable time.
 *
 * States (what `ip neigh` prints):
 *   INCOMPLETE  solicitations sent, no answer yet; packets queue here
 *   REACHABLE   confirmed within reachable_time (30 s)
 *   STALE       address known but unconfirmed; next packet starts DELAY
 *   DELAY       sent to a STALE entry; wait 5 s for a confirmation
 *   PROBE       unicast solicitations to the known address
 *   FAILED      no answer after all probes; queued packets dropped
 *   NOARP/PERMANENT  never resolved, never expire
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/etherdevice.h>
#include <linux/ftrace.h>
#include <net/neighbour.h>
#include <net/net_namespace.h>
#include <net/netns/ipv4.h>

#define NS_PER_MS	1000000ull

/* The timing knobs, from the device's namespace (6.1: neigh->parms). */
static u64 neigh_ms(const struct neighbour *n, int which)
{
	struct netns_ipv4 *v4 = dev_net(n->dev)->ipv4;

	if (!v4)
		return 1000 * NS_PER_MS;
	switch (which) {
	case 0:
		return (u64)v4->neigh_retrans_time_ms * NS_PER_MS;
	case 1:
		return (u64)v4->neigh_base_reachable_time_ms * NS_PER_MS;
	default:
		return (u64)v4->neigh_delay_first_probe_time * NSEC_PER_SEC;
	}
}

#define RETRANS_TIME(n)		neigh_ms(n, 0)
#define REACHABLE_TIME(n)	neigh_ms(n, 1)
#define DELAY_PROBE_TIME(n)	neigh_ms(n, 2)

/* sim: NEIGH_VAR(parms, ...) read from the namespace. */
static int neigh_var(const struct neighbour *n, int which)
{
	struct netns_ipv4 *v4 = dev_net(n->dev)->ipv4;

	if (!v4)
		return 0;
	switch (which) {
	case 0:
		return v4->neigh_ucast_solicit;
	case 1:
		return v4->neigh_app_solicit;
	case 2:
		return v4->neigh_mcast_solicit;
	default:
		return v4->neigh_queue_len_bytes;
	}
}

#define UCAST_PROBES(n)		neigh_var(n, 0)
#define APP_PROBES(n)		neigh_var(n, 1)
#define MCAST_PROBES(n)		neigh_var(n, 2)
#define QUEUE_LEN_BYTES(n)	((unsigned int)neigh_var(n, 3))

/*
 * sim: defaults of net.ipv4.neigh.default.* (6.1: arp_tbl.parms, copied
 * per namespace by neigh_parms_alloc()).
 */
void neigh_parms_init_net(struct net *net)
{
	struct netns_ipv4 *v4 = net->ipv4;

	v4->neigh_mcast_solicit = 3;
	v4->neigh_ucast_solicit = 3;
	v4->neigh_app_solicit = 0;
	v4->neigh_retrans_time_ms = 1000;
	v4->neigh_base_reachable_time_ms = 30000;
	v4->neigh_delay_first_probe_time = 5;
	v4->neigh_gc_stale_time = 60;
	v4->neigh_queue_len_bytes = 212992;	/* SK_WMEM_MAX */
}

static void neigh_timer_handler(struct timer_list *t);

/* 6.1: also takes a reference for the timer. */
static void neigh_add_timer(struct neighbour *n, u64 when)
{
	FTRACE_ENTRY();
	mod_timer_ns(&n->timer, when);
}

/* 6.1: also drops the timer's reference. */
static void neigh_del_timer(struct neighbour *n)
{
	del_timer(&n->timer);
}

/* 6.1: same: the slow path until the address is confirmed. */
static void neigh_suspect(struct neighbour *neigh)
{
	neigh->output = neigh->ops->output;
}

/* 6.1: same: the fast path, no questions asked. */
static void neigh_connect(struct neighbour *neigh)
{
	neigh->output = neigh->ops->connected_output;
}

/*
 * The last reference is gone: free.
 * 6.1: neigh_destroy().
 */
static void neigh_destroy(struct neighbour *neigh)
{
	neigh_del_timer(neigh);
	__skb_queue_purge(&neigh->arp_queue);
	neigh->arp_queue_len_bytes = 0;
	neigh->tbl->stats.destroys++;
	free(neigh);
}

/* 6.1: include/net/neighbour.h: same (refcount_dec_and_test). */
void neigh_release(struct neighbour *neigh)
{
	if (neigh && --neigh->refcnt == 0)
		neigh_destroy(neigh);
}

/* Take @n out of the table: no new users; freed with the last reference.
 * 6.1: neigh_mark_dead() + the unlink in neigh_flush_dev(). */
static void neigh_unlink(struct neighbour *n)
{
	if (n->dead)
		return;
	n->dead = 1;
	list_del(&n->list);
	n->tbl->entries_count--;
	neigh_del_timer(n);
	n->nud_state = NUD_NONE;
	__skb_queue_purge(&n->arp_queue);
	n->arp_queue_len_bytes = 0;
	neigh_release(n);	/* the table's reference */
}

/* 6.1: neigh_table_init(). */
void neigh_table_init(int index, struct neigh_table *tbl)
{
	INIT_LIST_HEAD(&tbl->entries);
	tbl->entries_count = 0;
	memset(&tbl->stats, 0, sizeof(tbl->stats));
}

/* 6.1: neigh_table_clear(); everything goes. */
int neigh_table_clear(int index, struct neigh_table *tbl)
{
	struct neighbour *n, *tmp;

	list_for_each_entry_safe(n, tmp, &tbl->entries, list)
		neigh_unlink(n);
	return 0;
}

/* 6.1: same; a list walk instead of a hash bucket. */
struct neighbour *neigh_lookup(struct neigh_table *tbl, const void *pkey,
			       struct net_device *dev)
{
	struct neighbour *n;

	tbl->stats.lookups++;
	list_for_each_entry(n, &tbl->entries, list) {
		if (n->dev == dev && !memcmp(n->primary_key, pkey,
					     tbl->key_len)) {
			tbl->stats.hits++;
			return n;
		}
	}
	return NULL;
}

/*
 * Find or make the entry for @pkey on @dev.
 * 6.1: ___neigh_create(): the
 * protocol's constructor decides the initial state (NOARP for lo and
 * broadcast, NONE otherwise). With @want_ref the caller gets a reference.
 */
struct neighbour *__neigh_create(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev, bool want_ref)
{
	FTRACE_ENTRY();
	struct neighbour *n = neigh_lookup(tbl, pkey, dev);

	if (n)
		return want_ref ? neigh_clone(n) : n;
	n = calloc(1, tbl->entry_size);
	if (!n)
		return NULL;
	n->tbl = tbl;
	n->dev = dev;
	n->refcnt = 1;		/* the table's */
	n->nud_state = NUD_NONE;
	n->updated = n->used = ktime_get_ns();
	skb_queue_head_init(&n->arp_queue);
	timer_setup(&n->timer, neigh_timer_handler, 0);
	memcpy(n->primary_key, pkey, tbl->key_len);
	if (tbl->constructor && tbl->constructor(n) < 0) {
		free(n);
		return NULL;
	}
	/* 6.1: new entries go at the head of their hash chain */
	list_add_tail(&n->list, &tbl->entries);
	tbl->entries_count++;
	tbl->stats.allocs++;
	return want_ref ? neigh_clone(n) : n;
}

/* 6.1: same (include/net/neighbour.h), @creat: make it if missing. */
struct neighbour *__neigh_lookup(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev, int creat)
{
	struct neighbour *n = neigh_lookup(tbl, pkey, dev);

	if (n || !creat)
		return neigh_clone(n);
	return __neigh_create(tbl, pkey, dev, true);
}

/*
 * Solicit once more.
 * 6.1: neigh_probe(): the solicit gets a copy of the
 * newest waiting packet so ARP can pick the source address from it. */
static void neigh_probe(struct neighbour *neigh)
{
	FTRACE_ENTRY();
	struct sk_buff *skb = neigh->arp_queue.prev;

	if (skb == (struct sk_buff *)&neigh->arp_queue)
		skb = NULL;
	if (skb)
		skb = skb_clone(skb, GFP_ATOMIC);
	if (neigh->ops->solicit)
		neigh->ops->solicit(neigh, skb);
	neigh->probes++;
	if (skb)
		consume_skb(skb);
}

/* 6.1: same, without mcast_reprobes. */
static int neigh_max_probes(const struct neighbour *n)
{
	return UCAST_PROBES(n) + APP_PROBES(n) + MCAST_PROBES(n);
}

/*
 * Resolution failed: tell each waiting packet's sender (ARP's
 * error_report sends ICMP host unreachable) and drop the rest.
 * 6.1: neigh_invalidate().
 */
static void neigh_invalidate(struct neighbour *neigh)
{
	FTRACE_ENTRY();
	struct sk_buff *skb;

	neigh->tbl->stats.res_failed++;
	neigh->updated = ktime_get_ns();
	while (neigh->nud_state == NUD_FAILED &&
	       (skb = __skb_dequeue(&neigh->arp_queue)) != NULL) {
		neigh->arp_queue_len_bytes -= skb->truesize;
		neigh->ops->error_report(neigh, skb);
	}
	__skb_queue_purge(&neigh->arp_queue);
	neigh->arp_queue_len_bytes = 0;
}

/*
 * The state machine's clock.
 * 6.1: neigh_timer_handler(), same decisions:
 * REACHABLE ages to DELAY (recently used) or STALE; DELAY becomes
 * REACHABLE if confirmed meanwhile, else PROBE; INCOMPLETE/PROBE solicit
 * again every retrans_time until the probes run out, then FAILED.
 */
static void neigh_timer_handler(struct timer_list *t)
{
	struct neighbour *neigh = container_of(t, struct neighbour, timer);
	u64 now = ktime_get_ns();
	u64 next = now + NSEC_PER_SEC;
	u8 state = neigh->nud_state;

	if (!(state & NUD_IN_TIMER) || neigh->dead)
		return;
	neigh_clone(neigh);	/* the callbacks below may unlink it */
	if (state & NUD_REACHABLE) {
		if (now <= neigh->confirmed + REACHABLE_TIME(neigh)) {
			next = neigh->confirmed + REACHABLE_TIME(neigh);
		} else if (now <= neigh->used + DELAY_PROBE_TIME(neigh)) {
			neigh->nud_state = NUD_DELAY;
			neigh->updated = now;
			neigh_suspect(neigh);
			next = now + DELAY_PROBE_TIME(neigh);
		} else {
			neigh->nud_state = NUD_STALE;
			neigh->updated = now;
			neigh_suspect(neigh);
		}
	} else if (state & NUD_DELAY) {
		if (now <= neigh->confirmed + DELAY_PROBE_TIME(neigh)) {
			neigh->nud_state = NUD_REACHABLE;
			neigh->updated = now;
			neigh_connect(neigh);
			next = neigh->confirmed + REACHABLE_TIME(neigh);
		} else {
			neigh->nud_state = NUD_PROBE;
			neigh->updated = now;
			neigh->probes = 0;
			next = now + RETRANS_TIME(neigh);
		}
	} else {
		next = now + RETRANS_TIME(neigh);
	}

	if ((neigh->nud_state & (NUD_INCOMPLETE | NUD_PROBE)) &&
	    neigh->probes >= neigh_max_probes(neigh)) {
		neigh->nud_state = NUD_FAILED;
		neigh_invalidate(neigh);
		goto out;
	}
	if (neigh->nud_state & NUD_IN_TIMER) {
		if (next < now + NSEC_PER_SEC / 100)
			next = now + NSEC_PER_SEC / 100;
		neigh_add_timer(neigh, next);
	}
	if (neigh->nud_state & (NUD_INCOMPLETE | NUD_PROBE))
		neigh_probe(neigh);
out:
	neigh_release(neigh);
}

/*
 * A packet wants to go through an entry that is not (yet) usable.
 * 6.1: __neigh_event_send() with immediate_ok: start resolving (INCOMPLETE,
 * first solicitation now, the timer for the next) or, from STALE, move to
 * DELAY. While INCOMPLETE the packet waits in arp_queue, oldest dropped
 * first when the queue passes unres_qlen_bytes. Returns 1 when the packet
 * was queued or dropped, 0 when the caller may send it now.
 */
int __neigh_event_send(struct neighbour *neigh, struct sk_buff *skb)
{
	FTRACE_ENTRY();
	bool immediate_probe = false;
	u64 now = ktime_get_ns();
	int rc = 0;

	if (neigh->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE))
		return 0;
	if (neigh->dead)
		goto out_dead;
	if (!(neigh->nud_state & (NUD_STALE | NUD_INCOMPLETE))) {
		if (MCAST_PROBES(neigh) + APP_PROBES(neigh)) {
			neigh->probes = UCAST_PROBES(neigh);
			neigh_del_timer(neigh);
			neigh->nud_state = NUD_INCOMPLETE;
			neigh->updated = now;
			immediate_probe = true;
			neigh_add_timer(neigh, now + RETRANS_TIME(neigh));
		} else {
			neigh->nud_state = NUD_FAILED;
			neigh->updated = now;
			kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_FAILED);
			return 1;
		}
	} else if (neigh->nud_state & NUD_STALE) {
		neigh_del_timer(neigh);
		neigh->nud_state = NUD_DELAY;
		neigh->updated = now;
		neigh_add_timer(neigh, now + DELAY_PROBE_TIME(neigh));
	}
	if (neigh->nud_state == NUD_INCOMPLETE) {
		if (skb) {
			while (neigh->arp_queue_len_bytes + skb->truesize >
			       QUEUE_LEN_BYTES(neigh)) {
				struct sk_buff *buff;

				buff = __skb_dequeue(&neigh->arp_queue);
				if (!buff)
					break;
				neigh->arp_queue_len_bytes -= buff->truesize;
				kfree_skb_reason(buff,
					SKB_DROP_REASON_NEIGH_QUEUEFULL);
				neigh->tbl->stats.unres_discards++;
			}
			__skb_queue_tail(&neigh->arp_queue, skb);
			neigh->arp_queue_len_bytes += skb->truesize;
		}
		rc = 1;
	}
	if (immediate_probe) {
		neigh_clone(neigh);
		neigh_probe(neigh);
		neigh_release(neigh);
	}
	return rc;

out_dead:
	if (neigh->nud_state & NUD_STALE)
		return 0;
	kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_FAILED);
	return 1;
}

/*
 * Put the link-layer header on and send.
 * sim: the dev_hard_header() + dev_queue_xmit() both outputs share.
 */
static int neigh_hard_header_xmit(struct neighbour *neigh, struct sk_buff *skb)
{
	struct net_device *dev = neigh->dev;

	if (dev_hard_header(skb, dev, ntohs(skb->protocol), neigh->ha, NULL,
			   skb->len) < 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	return dev_queue_xmit(skb);
}

/*
 * The slow path.
 * 6.1: neigh_resolve_output(); its dev_queue_xmit() is
 * its last act, so ftrace shows __dev_queue_xmit <-ip_finish_output2.
 */
int neigh_resolve_output(struct neighbour *neigh, struct sk_buff *skb)
{
	FTRACE_ENTRY();

	if (neigh_event_send(neigh, skb))
		return 0;
	/* 6.1: "rc = dev_queue_xmit(skb); ... return rc;" is a jump */
	FTRACE_TAIL_CALL();
	return neigh_hard_header_xmit(neigh, skb);
}

/*
 * The fast path for confirmed entries.
 * 6.1: neigh_connected_output(). With the
 * header cached, 6.1's neigh_output() sends through neigh_hh_output()
 * (inlined into ip_finish_output2) and never calls this; here it stands
 * in for that path, and its last act, dev_queue_xmit(), is marked a tail
 * call so that ftrace shows __dev_queue_xmit <-ip_finish_output2 as 6.1
 * does.
 */
int neigh_connected_output(struct neighbour *neigh, struct sk_buff *skb)
{
	FTRACE_ENTRY();

	FTRACE_TAIL_CALL();
	return neigh_hard_header_xmit(neigh, skb);
}

/*
 * No header at all.
 * 6.1: neigh_direct_output().
 */
int neigh_direct_output(struct neighbour *neigh, struct sk_buff *skb)
{
	return dev_queue_xmit(skb);
}

/*
 * 6.1: neigh_output() in include/net/neighbour.h picks the cached-header
 * fast path (neigh_hh_output) when it can; there is no header cache here,
 * so n->output decides.
 */
int neigh_output(struct neighbour *n, struct sk_buff *skb, bool skip_cache)
{
	return n->output(n, skb);
}

/* Send what waited for resolution, oldest first. 6.1: in neigh_update(). */
static void neigh_flush_queue(struct neighbour *neigh)
{
	struct sk_buff_head q;
	struct sk_buff *skb;

	skb_queue_head_init(&q);
	skb_queue_splice_tail_init(&neigh->arp_queue, &q);
	neigh->arp_queue_len_bytes = 0;
	while ((skb = __skb_dequeue(&q)) != NULL)
		neigh->output(neigh, skb);
}

/*
 * Learn something about @neigh: a new state, maybe a new address.
 * 6.1: same (and its extack), with its rules: an admin-only entry (NOARP,
 * PERMANENT) changes only with NEIGH_UPDATE_F_ADMIN; a different address
 * replaces a valid one only with OVERRIDE (WEAK_OVERRIDE: becomes STALE);
 * a STALE report with the same address keeps the current state. Leaving
 * an invalid state sends whatever was queued.
 */
static int __neigh_update(struct neighbour *neigh, const u8 *lladdr, u8 new,
			  u32 flags, u32 nlmsg_pid)
{
	FTRACE_ENTRY();
	struct net_device *dev = neigh->dev;
	u8 old = neigh->nud_state;
	u64 now = ktime_get_ns();

	if (!(flags & NEIGH_UPDATE_F_ADMIN) &&
	    (old & (NUD_NOARP | NUD_PERMANENT)))
		return -EPERM;
	if (neigh->dead)
		return -EINVAL;
	if (!(new & NUD_VALID)) {
		neigh_del_timer(neigh);
		if (old & NUD_CONNECTED)
			neigh_suspect(neigh);
		neigh->nud_state = new;
		if ((old & (NUD_INCOMPLETE | NUD_PROBE)) &&
		    (new & NUD_FAILED)) {
			neigh_clone(neigh);
			neigh_invalidate(neigh);
			neigh_release(neigh);
		}
		return 0;
	}
	if (!dev->addr_len) {
		lladdr = neigh->ha;
	} else if (lladdr) {
		if ((old & NUD_VALID) && !memcmp(lladdr, neigh->ha,
						 dev->addr_len))
			lladdr = neigh->ha;
	} else {
		if (!(old & NUD_VALID))
			return -EINVAL;
		lladdr = neigh->ha;
	}
	if (new & NUD_CONNECTED)
		neigh->confirmed = now;
	if (old & NUD_VALID) {
		if (lladdr != neigh->ha && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
			if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) &&
			    (old & NUD_CONNECTED)) {
				lladdr = neigh->ha;
				new = NUD_STALE;
			} else {
				return 0;
			}
		} else if (lladdr == neigh->ha && new == NUD_STALE &&
			   !(flags & NEIGH_UPDATE_F_ADMIN)) {
			new = old;
		}
	}
	if (new != old || lladdr != neigh->ha)
		neigh->updated = now;
	if (new != old) {
		neigh_del_timer(neigh);
		if (new & NUD_PROBE)
			neigh->probes = 0;
		if (new & NUD_IN_TIMER)
			neigh_add_timer(neigh, now + ((new & NUD_REACHABLE) ?
					REACHABLE_TIME(neigh) : 0));
		neigh->nud_state = new;
	}
	if (lladdr != neigh->ha) {
		memcpy(neigh->ha, lladdr, dev->addr_len);
		if (!(new & NUD_CONNECTED))
			neigh->confirmed = now - 2 * REACHABLE_TIME(neigh);
	}
	if (new == old)
		return 0;
	if (new & NUD_CONNECTED)
		neigh_connect(neigh);
	else
		neigh_suspect(neigh);
	if (!(old & NUD_VALID)) {
		neigh_clone(neigh);
		neigh_flush_queue(neigh);
		neigh_release(neigh);
	}
	return 0;
}

/*
 * 6.1: same: __neigh_update() without an extack; gcc makes the call a
 * jump, so ftrace shows both with this function's caller as parent
 * (neigh_update <-arp_process, __neigh_update <-arp_process).
 */
int neigh_update(struct neighbour *neigh, const u8 *lladdr, u8 new,
		 u32 flags, u32 nlmsg_pid)
{
	FTRACE_ENTRY();

	FTRACE_TAIL_CALL();
	return __neigh_update(neigh, lladdr, new, flags, nlmsg_pid);
}

/*
 * Someone asked us something: remember them as STALE.
 * 6.1: same.
 */
struct neighbour *neigh_event_ns(struct neigh_table *tbl, u8 *lladdr,
				 void *saddr, struct net_device *dev)
{
	FTRACE_ENTRY();
	struct neighbour *neigh = __neigh_lookup(tbl, saddr, dev,
						 lladdr || !dev->addr_len);

	if (neigh)
		__neigh_update(neigh, lladdr, NUD_STALE,
			       NEIGH_UPDATE_F_OVERRIDE, 0);
	return neigh;
}

/* 6.1: neigh_flush_dev(): @skip_perm keeps PERMANENT entries. */
static void neigh_flush_dev_entries(struct neigh_table *tbl,
				    struct net_device *dev, bool skip_perm)
{
	struct neighbour *n, *tmp;

	list_for_each_entry_safe(n, tmp, &tbl->entries, list) {
		if (dev && n->dev != dev)
			continue;
		if (skip_perm && (n->nud_state & NUD_PERMANENT))
			continue;
		neigh_unlink(n);
	}
}

/* 6.1: same. */
int neigh_ifdown(struct neigh_table *tbl, struct net_device *dev)
{
	neigh_flush_dev_entries(tbl, dev, false);
	return 0;
}

/*
 * The device's MAC changed: what we told others is stale.
 * 6.1: same.
 */
void neigh_changeaddr(struct neigh_table *tbl, struct net_device *dev)
{
	neigh_flush_dev_entries(tbl, dev, false);
}

/* 6.1: same. */
void neigh_carrier_down(struct neigh_table *tbl, struct net_device *dev)
{
	neigh_flush_dev_entries(tbl, dev, true);
}

/* sim: the namespace is going (6.1: its devices' ifdown did this). */
void neigh_flush_net(struct neigh_table *tbl, struct net *net)
{
	struct neighbour *n, *tmp;

	list_for_each_entry_safe(n, tmp, &tbl->entries, list) {
		if (dev_net(n->dev) == net)
			neigh_unlink(n);
	}
}

/*
 * 6.1: neigh_fill_info() into a decoded record: NDA_LLADDR only while
 * the entry is NUD_VALID; no NDA_CACHEINFO/NDA_PROBES.
 */
static void neigh_fill_info(struct rtnl_neigh_msg *m, struct neighbour *n)
{
	memset(m, 0, sizeof(*m));
	m->ndm.ndm_family = AF_INET;
	m->ndm.ndm_flags = n->flags;
	m->ndm.ndm_type = n->type;
	m->ndm.ndm_ifindex = n->dev->ifindex;
	memcpy(m->dst, n->primary_key, sizeof(n->primary_key));
	m->ndm.ndm_state = n->nud_state;
	if (n->nud_state & NUD_VALID) {
		m->lladdr_len = n->dev->addr_len;
		memcpy(m->lladdr, n->ha, n->dev->addr_len);
	}
}

/*
 * 6.1: neigh_dump_table(): the entries of @net in table order (oldest
 * first here; hash order there), only @ifindex's if not 0
 * (neigh_ifindex_filtered()); stops when @cb returns non-zero.
 */
int neigh_dump_table(struct neigh_table *tbl, struct net *net, int ifindex,
		     rtnl_dump_cb cb, void *arg)
{
	struct neighbour *n, *tmp;
	struct rtnl_neigh_msg m;
	int ret = 0;

	list_for_each_entry_safe(n, tmp, &tbl->entries, list) {
		if (dev_net(n->dev) != net ||
		    (ifindex && n->dev->ifindex != ifindex))
			continue;
		neigh_fill_info(&m, n);
		ret = cb(&m, arg);
		if (ret)
			break;
	}
	return ret;
}

/*
 * RTM_GETNEIGH with NLM_F_DUMP (`ip neigh show`, the rounds of `ip neigh
 * flush`). @pos plays cb->args: 0 on the first call.
 * 6.1: neigh_dump_info(), called by netlink_dump() until a call adds
 * nothing: the first fills every entry (the simulator's replies have no
 * size limit), returns how many; the second returns 0 (NLMSG_DONE). Only
 * the ARP table here (6.1 also dumps IPv6's nd_tbl).
 */
int neigh_dump_info(struct neigh_table *tbl, struct net *net, int ifindex,
		    rtnl_dump_cb cb, void *arg, long *pos)
{
	FTRACE_ENTRY_FROM("netlink_dump");
	struct neighbour *n;
	int count = 0;

	if (*pos)
		return 0;
	*pos = 1;
	list_for_each_entry(n, &tbl->entries, list)
		if (dev_net(n->dev) == net &&
		    (!ifindex || n->dev->ifindex == ifindex))
			count++;
	neigh_dump_table(tbl, net, ifindex, cb, arg);
	return count;
}

/*
 * `ip neigh flush dev D`: iproute2 dumps and sends RTM_DELNEIGH for each
 * entry not NOARP/PERMANENT.
 * 6.1: not neigh_flush_dev() (that is the ifdown flush): the effect of
 * neigh_delete() per entry, which marks it FAILED
 * (so packets still waiting are reported to their senders, ICMP host
 * unreachable, like a failed resolution) and removes it.
 */
int neigh_flush_dev(struct neigh_table *tbl, struct net *net,
		    struct net_device *dev)
{
	struct neighbour *n, *tmp;
	int count = 0;

	list_for_each_entry_safe(n, tmp, &tbl->entries, list) {
		if (dev_net(n->dev) != net || (dev && n->dev != dev))
			continue;
		if (n->nud_state & (NUD_NOARP | NUD_PERMANENT))
			continue;
		neigh_clone(n);
		neigh_update(n, NULL, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE |
			     NEIGH_UPDATE_F_ADMIN, 0);
		neigh_unlink(n);
		neigh_release(n);
		count++;
	}
	return count;
}

/*
 * RTM_NEWNEIGH.
 * 6.1: neigh_add().
 */
int neigh_add(struct neigh_table *tbl, struct net_device *dev,
	      const void *pkey, const u8 *lladdr, u8 nud_state, bool replace,
	      struct netlink_ext_ack *extack)
{
	struct neighbour *n = neigh_lookup(tbl, pkey, dev);
	u32 flags = NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE;
	int err;

	if (n && !replace)
		return -EEXIST;		/* NLM_F_EXCL; no extack message */
	if (!n) {
		n = __neigh_create(tbl, pkey, dev, false);
		if (!n)
			return -ENOBUFS;
	}
	/* 6.1 __neigh_update(): a valid state needs an address */
	if ((nud_state & NUD_VALID) && !lladdr && dev->addr_len &&
	    !(n->nud_state & NUD_VALID)) {
		NL_SET_ERR_MSG(extack, "No link layer address given");
		return -EINVAL;
	}
	neigh_clone(n);
	err = neigh_update(n, lladdr, nud_state, flags, 0);
	neigh_release(n);
	return err;
}

/*
 * RTM_GETNEIGH for one entry (`ip neigh get ADDR dev D`).
 * 6.1: neigh_get(): the entry as neigh_fill_info() reports it, or
 * -ENOENT "Neighbour entry not found".
 */
int neigh_get(struct neigh_table *tbl, struct net_device *dev,
	      const void *pkey, struct rtnl_neigh_msg *m,
	      struct netlink_ext_ack *extack)
{
	struct neighbour *n = neigh_lookup(tbl, pkey, dev);

	if (!n) {
		NL_SET_ERR_MSG(extack, "Neighbour entry not found");
		return -ENOENT;
	}
	neigh_fill_info(m, n);
	return 0;
}

/*
 * 6.1: same, minus the RTM_DELNEIGH notification: take @ndel out of its
 * table and drop the table's reference.
 */
bool neigh_remove_one(struct neighbour *ndel, struct neigh_table *tbl)
{
	FTRACE_ENTRY();

	neigh_unlink(ndel);
	return true;
}

/*
 * RTM_DELNEIGH.
 * 6.1: neigh_delete().
 */
int neigh_delete(struct neigh_table *tbl, struct net_device *dev,
		 const void *pkey, struct netlink_ext_ack *extack)
{
	FTRACE_ENTRY_FROM("rtnetlink_rcv_msg");
	struct neighbour *n = neigh_lookup(tbl, pkey, dev);

	if (!n)
		return -ENOENT;
	__neigh_update(n, NULL, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE |
		       NEIGH_UPDATE_F_ADMIN, 0);
	neigh_remove_one(n, tbl);
	return 0;
}
