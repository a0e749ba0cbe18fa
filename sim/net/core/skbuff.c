// SPDX-License-Identifier: GPL-2.0
/*
 * Socket buffers: allocation, reference counting, cloning, and the
 * head/data/tail/end window.
 * 6.1: net/core/skbuff.c. The struct comes from a small free list (the
 * kernel's skbuff_head_cache slab); the data buffer is malloc()ed with the
 * shared-info reference count (dataref) placed after it, as
 * skb_shared_info sits after skb->end. No paged fragments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <linux/ktime.h>

#define SMP_CACHE_BYTES		64
#define SKB_DATA_ALIGN(x)	ALIGN((x), (unsigned int)SMP_CACHE_BYTES)
#define SKB_TRUESIZE(x)		((x) + (unsigned int)SKB_DATA_ALIGN(sizeof(struct sk_buff)))
#define SKB_CACHE_MAX		256

static long skb_live;
static u64 drop_counts[SKB_DROP_REASON_MAX];

static const char *const drop_reason_names[SKB_DROP_REASON_MAX] = {
	[SKB_NOT_DROPPED_YET]			= "NOT_DROPPED_YET",
	[SKB_CONSUMED]				= "CONSUMED",
	[SKB_DROP_REASON_NOT_SPECIFIED]		= "NOT_SPECIFIED",
	[SKB_DROP_REASON_PKT_TOO_SMALL]		= "PKT_TOO_SMALL",
	[SKB_DROP_REASON_IP_CSUM]		= "IP_CSUM",
	[SKB_DROP_REASON_IP_INHDR]		= "IP_INHDR",
	[SKB_DROP_REASON_IP_RPFILTER]		= "IP_RPFILTER",
	[SKB_DROP_REASON_IP_INVALID_SOURCE]	= "IP_INVALID_SOURCE",
	[SKB_DROP_REASON_IP_NOPROTO]		= "IP_NOPROTO",
	[SKB_DROP_REASON_OTHERHOST]		= "OTHERHOST",
	[SKB_DROP_REASON_NEIGH_FAILED]		= "NEIGH_FAILED",
	[SKB_DROP_REASON_NEIGH_QUEUEFULL]	= "NEIGH_QUEUEFULL",
	[SKB_DROP_REASON_CPU_BACKLOG]		= "CPU_BACKLOG",
	[SKB_DROP_REASON_DEV_READY]		= "DEV_READY",
	[SKB_DROP_REASON_PKT_TOO_BIG]		= "PKT_TOO_BIG",
	[SKB_DROP_REASON_UNHANDLED_PROTO]	= "UNHANDLED_PROTO",
	[SKB_DROP_REASON_IP_NOROUTE]		= "IP_NOROUTE",
	[SKB_DROP_REASON_DUP_FRAG]		= "DUP_FRAG",
	[SKB_DROP_REASON_FRAG_REASM_TIMEOUT]	= "FRAG_REASM_TIMEOUT",
};

/* Not in 6.1: skbs allocated and not yet freed. */
long skb_live_count(void)
{
	return skb_live;
}

/* Not in 6.1: what a kfree_skb tracepoint counter would show. */
u64 skb_drop_count(enum skb_drop_reason reason)
{
	if ((unsigned int)reason >= SKB_DROP_REASON_MAX)
		return 0;
	return drop_counts[reason];
}

/*
 * sim: the drop_reasons[] names of 6.1 (net/core/skbuff.c, generated from
 * include/net/dropreason.h), without the SKB_DROP_REASON_ prefix.
 */
const char *skb_drop_reason_name(enum skb_drop_reason reason)
{
	if ((unsigned int)reason >= SKB_DROP_REASON_MAX)
		return "?";
	return drop_reason_names[reason];
}

#ifdef __SANITIZE_ADDRESS__
/* ASan builds skip the cache, so a use after free is caught at once. */
static struct sk_buff *skb_cache_get(void)
{
	return malloc(sizeof(struct sk_buff));
}

static void skb_cache_put(struct sk_buff *skb)
{
	free(skb);
}

/* sim: free the skbs kept for reuse (shutdown). */
void skb_cache_drain(void)
{
}
#else
/* skbuff_head_cache: freed structs wait here for the next alloc_skb(). */
static struct sk_buff *skb_cache[SKB_CACHE_MAX];
static unsigned int skb_cache_len;

static struct sk_buff *skb_cache_get(void)
{
	if (skb_cache_len > 0)
		return skb_cache[--skb_cache_len];
	return malloc(sizeof(struct sk_buff));
}

static void skb_cache_put(struct sk_buff *skb)
{
	if (skb_cache_len < SKB_CACHE_MAX)
		skb_cache[skb_cache_len++] = skb;
	else
		free(skb);
}

/* Not in 6.1: give the cached structs back, so ASan sees nothing left. */
void skb_cache_drain(void)
{
	while (skb_cache_len > 0)
		free(skb_cache[--skb_cache_len]);
}
#endif

static struct sk_buff *skb_struct_alloc(void)
{
	struct sk_buff *skb = skb_cache_get();

	if (skb) {
		memset(skb, 0, sizeof(*skb));
		skb_live++;
	}
	return skb;
}

static void skb_struct_free(struct sk_buff *skb)
{
	skb_live--;
	skb_cache_put(skb);
}

/*
 * 6.1: __alloc_skb(): the data area is SKB_DATA_ALIGN(size) bytes with
 * struct skb_shared_info after it; here just its dataref counter.
 */
struct sk_buff *alloc_skb(unsigned int size, gfp_t priority)
{
	struct sk_buff *skb;
	unsigned char *data;

	if (size > (1u << 20))	/* the kernel's allocations fail too */
		return NULL;
	size = SKB_DATA_ALIGN(size);
	data = malloc(size + sizeof(int));
	if (!data)
		return NULL;
	skb = skb_struct_alloc();
	if (!skb) {
		free(data);
		return NULL;
	}
	skb->head = data;
	skb->data = data;
	skb->tail = data;
	skb->end = data + size;
	skb->dataref = (int *)(void *)(data + size);
	*skb->dataref = 1;
	skb->truesize = SKB_TRUESIZE(size);
	skb->users = 1;
	skb->mac_header = (u16)~0u;
	skb->transport_header = (u16)~0u;
	return skb;
}

/* 6.1: __netdev_alloc_skb(): NET_SKB_PAD of headroom, dev set. */
struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length)
{
	struct sk_buff *skb = alloc_skb(length + NET_SKB_PAD, GFP_ATOMIC);

	if (skb) {
		skb_reserve(skb, NET_SKB_PAD);
		skb->dev = dev;
	}
	return skb;
}

/* 6.1: skb_release_data(): the last reference to the data frees it. */
static void skb_release_data(struct sk_buff *skb)
{
	if (--*skb->dataref == 0)
		free(skb->head);
}

/* 6.1: same: release data and struct, whatever the refcount. */
static void __kfree_skb(struct sk_buff *skb)
{
	skb_release_data(skb);
	skb_struct_free(skb);
}

/*
 * 6.1: skb_unref() in include/linux/skbuff.h: true when this was the last
 * user.
 */
static bool skb_unref(struct sk_buff *skb)
{
	if (!skb)
		return false;
	if (skb->users <= 0) {
		fprintf(stderr, "BUG: skb %p freed twice\n", (void *)skb);
		abort();
	}
	return --skb->users == 0;
}

/*
 * 6.1: same, with trace_kfree_skb(skb, ..., reason) replaced by a counter
 * per reason (what `dropwatch` or perf would count).
 */
void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (!skb_unref(skb))
		return;
	if ((unsigned int)reason >= SKB_DROP_REASON_MAX)
		reason = SKB_DROP_REASON_NOT_SPECIFIED;
	drop_counts[reason]++;
	__kfree_skb(skb);
}

/* 6.1: same: frees a packet that was used, not dropped. */
void consume_skb(struct sk_buff *skb)
{
	if (!skb_unref(skb))
		return;
	drop_counts[SKB_CONSUMED]++;
	__kfree_skb(skb);
}

/* 6.1: include/linux/skbuff.h: same: free a chain linked through skb->next. */
void kfree_skb_list(struct sk_buff *segs)
{
	while (segs) {
		struct sk_buff *next = segs->next;

		segs->next = NULL;
		kfree_skb(segs);
		segs = next;
	}
}

/* 6.1: __copy_skb_header(): the metadata a clone or copy keeps. */
static void copy_skb_header(struct sk_buff *n, const struct sk_buff *old)
{
	n->dev = old->dev;
	n->sk = old->sk;
	n->_skb_refdst = old->_skb_refdst;
	n->tstamp = old->tstamp;
	memcpy(n->cb, old->cb, sizeof(n->cb));
	n->mac_len = old->mac_len;
	n->pkt_type = old->pkt_type;
	n->protocol = old->protocol;
	n->skb_iif = old->skb_iif;
	n->mark = old->mark;
	n->transport_header = old->transport_header;
	n->network_header = old->network_header;
	n->mac_header = old->mac_header;
}

/*
 * 6.1: same idea: a new sk_buff sharing the data buffer; both are marked
 * cloned and the buffer's dataref counts them. Writers must not touch
 * shared data (skb_cloned()).
 */
struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t priority)
{
	struct sk_buff *n = skb_struct_alloc();

	if (!n)
		return NULL;
	copy_skb_header(n, skb);
	n->head = skb->head;
	n->data = skb->data;
	n->tail = skb->tail;
	n->end = skb->end;
	n->len = skb->len;
	n->data_len = skb->data_len;
	n->truesize = skb->truesize;
	n->dataref = skb->dataref;
	n->users = 1;
	n->cloned = true;
	skb->cloned = true;
	(*skb->dataref)++;
	return n;
}

/* 6.1: same: a private copy of header and data, same head/data offsets. */
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t priority)
{
	unsigned int size = (unsigned int)(skb->end - skb->head);
	struct sk_buff *n = alloc_skb(size, priority);

	if (!n)
		return NULL;
	memcpy(n->head, skb->head, size);
	n->data = n->head + (skb->data - skb->head);
	n->tail = n->head + (skb->tail - skb->head);
	n->len = skb->len;
	copy_skb_header(n, skb);
	return n;
}

/*
 * 6.1: same idea: a new, private data buffer with @nhead more bytes in
 * front and @ntail more behind; the sk_buff keeps its place in any list
 * and every header offset follows the data. 0 or -ENOMEM.
 */
int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail,
		     gfp_t gfp_mask)
{
	unsigned int osize = (unsigned int)(skb->end - skb->head);
	unsigned int size = SKB_DATA_ALIGN(osize + (unsigned int)nhead +
					   (unsigned int)ntail);
	unsigned char *data;

	if (nhead < 0 || ntail < 0 || size > (1u << 20))
		return -ENOMEM;
	data = malloc(size + sizeof(int));
	if (!data)
		return -ENOMEM;
	memcpy(data + nhead, skb->head, osize);
	skb->data = data + nhead + (skb->data - skb->head);
	skb->tail = data + nhead + (skb->tail - skb->head);
	skb_release_data(skb);
	skb->head = data;
	skb->end = data + size;
	skb->dataref = (int *)(void *)(data + size);
	*skb->dataref = 1;
	skb->cloned = false;
	skb->truesize += SKB_TRUESIZE(size) - SKB_TRUESIZE(osize);
	if (skb->mac_header != (u16)~0u)
		skb->mac_header = (u16)(skb->mac_header + nhead);
	if (skb->transport_header != (u16)~0u)
		skb->transport_header = (u16)(skb->transport_header + nhead);
	skb->network_header = (u16)(skb->network_header + nhead);
	return 0;
}

/* 6.1: skb_panic() is a BUG(): stop with the numbers that went wrong. */
static void skb_panic(const struct sk_buff *skb, unsigned int sz,
		      const char *msg, const char *caller)
{
	fprintf(stderr,
		"skbuff: %s: text:%s len:%u put:%u head:%p data:%p tail:%#lx end:%#lx dev:%s\n",
		msg, caller, skb->len, sz, (void *)skb->head,
		(void *)skb->data, (unsigned long)(skb->tail - skb->head),
		(unsigned long)(skb->end - skb->head),
		skb->dev ? skb->dev->name : "<NULL>");
	abort();
}

/* 6.1: same: extend the data at the tail; past end is skb_over_panic(). */
void *skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *tmp = skb->tail;

	if (unlikely(len > (unsigned int)(skb->end - skb->tail)))
		skb_panic(skb, len, "skb_over_panic", __func__);
	skb->tail += len;
	skb->len += len;
	return tmp;
}

/* 6.1: include/linux/skbuff.h: same. */
void *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len)
{
	void *tmp = skb_put(skb, len);

	memcpy(tmp, data, len);
	return tmp;
}

/* 6.1: same: extend the data at the front; before head is skb_under_panic(). */
void *skb_push(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb_headroom(skb)))
		skb_panic(skb, len, "skb_under_panic", __func__);
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

/* 6.1: same: drop @len bytes from the front; NULL if there are fewer. */
void *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb->len))
		return NULL;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

/* 6.1: same for linear skbs: copy out bytes [offset, offset+len). */
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	if (offset < 0 || len < 0 || (unsigned int)offset > skb->len ||
	    (unsigned int)len > skb->len - (unsigned int)offset)
		return -EFAULT;
	memcpy(to, skb->data + offset, (size_t)len);
	return 0;
}

/*
 * 6.1: same: clear what must not leak from one device/namespace to the
 * next (dst, mark, timestamp across namespaces); the packet is "for us" again.
 */
void skb_scrub_packet(struct sk_buff *skb, bool xnet)
{
	skb->pkt_type = PACKET_HOST;
	skb->skb_iif = 0;
	skb->_skb_refdst = NULL;
	if (!xnet)
		return;
	skb->mark = 0;
	skb->tstamp = 0;
}
