/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct sk_buff: one packet and its metadata.
 * 6.1: include/linux/skbuff.h. Kept: the head/data/tail/end window, len,
 * protocol, pkt_type, dev, users, the header offsets and cb[]. Left out:
 * paged fragments (data_len is always 0), checksum offload, GSO, conntrack,
 * and dst/sock references beyond the few fields the IPv4 code uses.
 * tail and end are pointers here; 64-bit Linux stores them as offsets.
 */
#ifndef _SIM_LINUX_SKBUFF_H
#define _SIM_LINUX_SKBUFF_H

#include <linux/types.h>
#include <linux/list.h>

struct net_device;
struct sock;
struct dst_entry;

/* skb->pkt_type, from include/uapi/linux/if_packet.h */
#define PACKET_HOST		0	/* to us */
#define PACKET_BROADCAST	1	/* to all */
#define PACKET_MULTICAST	2	/* to group */
#define PACKET_OTHERHOST	3	/* to someone else */
#define PACKET_OUTGOING		4	/* outgoing of any type */
#define PACKET_LOOPBACK		5	/* MC/BRD frame looped back */

/* Reasons for kfree_skb_reason(); a subset of 6.1's enum skb_drop_reason. */
enum skb_drop_reason {
	SKB_NOT_DROPPED_YET = 0,
	SKB_CONSUMED,
	SKB_DROP_REASON_NOT_SPECIFIED,
	SKB_DROP_REASON_PKT_TOO_SMALL,
	SKB_DROP_REASON_IP_CSUM,
	SKB_DROP_REASON_IP_INHDR,
	SKB_DROP_REASON_IP_RPFILTER,
	SKB_DROP_REASON_IP_INVALID_SOURCE,
	SKB_DROP_REASON_IP_NOPROTO,
	SKB_DROP_REASON_OTHERHOST,
	SKB_DROP_REASON_NEIGH_FAILED,
	SKB_DROP_REASON_NEIGH_QUEUEFULL,
	SKB_DROP_REASON_CPU_BACKLOG,
	SKB_DROP_REASON_DEV_READY,
	SKB_DROP_REASON_PKT_TOO_BIG,
	SKB_DROP_REASON_UNHANDLED_PROTO,
	SKB_DROP_REASON_IP_NOROUTE,
	SKB_DROP_REASON_DUP_FRAG,
	SKB_DROP_REASON_FRAG_REASM_TIMEOUT,
	SKB_DROP_REASON_MAX,
};

struct sk_buff {
	/* These two members must be first, to match struct sk_buff_head. */
	struct sk_buff		*next;
	struct sk_buff		*prev;

	struct net_device	*dev;		/* device we arrive on / leave by */
	struct sock		*sk;		/* owning socket, if any */
	struct dst_entry	*_skb_refdst;	/* route (plain pointer here) */
	u64			tstamp;		/* ns on the sim clock */
	char			cb[48];		/* control buffer, per layer */

	unsigned int		len;		/* bytes from data to tail */
	unsigned int		data_len;	/* paged bytes: always 0 here */
	u16			mac_len;
	u8			pkt_type;	/* PACKET_HOST, ... */
	__be16			protocol;	/* ETH_P_* from the driver */
	int			skb_iif;	/* ifindex we arrived on */
	u32			mark;

	u16			transport_header;	/* offsets from head */
	u16			network_header;
	u16			mac_header;

	unsigned char		*head;		/* start of the buffer */
	unsigned char		*data;		/* start of the packet */
	unsigned char		*tail;		/* end of the packet */
	unsigned char		*end;		/* end of the buffer */
	unsigned int		truesize;
	int			users;		/* refcount_t in 6.1 */
	bool			cloned;		/* data shared with a clone */
	int			*dataref;	/* skb_shared_info->dataref */
};

struct sk_buff_head {
	/* These two members must be first, to match struct sk_buff. */
	struct sk_buff	*next;
	struct sk_buff	*prev;
	u32		qlen;
};

/* net/core/skbuff.c */
struct sk_buff *alloc_skb(unsigned int size, gfp_t priority);
struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length);
void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason);
void consume_skb(struct sk_buff *skb);
struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t priority);
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t priority);
void *skb_put(struct sk_buff *skb, unsigned int len);
void *skb_push(struct sk_buff *skb, unsigned int len);
void *skb_pull(struct sk_buff *skb, unsigned int len);
void *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len);
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);
/* Live skbs, for the leak checks in the tests and `memstat`. */
long skb_live_count(void);

static inline void kfree_skb(struct sk_buff *skb)
{
	kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
}

static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	skb->users++;
	return skb;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return (unsigned int)(skb->data - skb->head);
}

static inline int skb_tailroom(const struct sk_buff *skb)
{
	return (int)(skb->end - skb->tail);
}

static inline void skb_reserve(struct sk_buff *skb, int len)
{
	skb->data += len;
	skb->tail += len;
}

static inline bool pskb_may_pull(struct sk_buff *skb, unsigned int len)
{
	return len <= skb->len;
}

static inline unsigned char *skb_mac_header(const struct sk_buff *skb)
{
	return skb->head + skb->mac_header;
}

static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->network_header;
}

static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->transport_header;
}

static inline void skb_reset_mac_header(struct sk_buff *skb)
{
	skb->mac_header = (u16)(skb->data - skb->head);
}

static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = (u16)(skb->data - skb->head);
}

static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = (u16)(skb->data - skb->head);
}

static inline void skb_set_network_header(struct sk_buff *skb, int offset)
{
	skb->network_header = (u16)(skb->data - skb->head + offset);
}

static inline void skb_set_transport_header(struct sk_buff *skb, int offset)
{
	skb->transport_header = (u16)(skb->data - skb->head + offset);
}

static inline int skb_network_offset(const struct sk_buff *skb)
{
	return (int)(skb_network_header(skb) - skb->data);
}

/* Queues, as in include/linux/skbuff.h (no locking: one thread). */

/*
 * A queue head and an skb both begin with next/prev, and the helpers below
 * treat one as the other, as the kernel does. The kernel builds with
 * -fno-strict-aliasing; so that these helpers are right under C's aliasing
 * rules too, every next/prev access goes through struct sk_buff_links,
 * which may alias anything (added by the core: with plain member accesses
 * gcc -O2 lost a splice and process_backlog() saw an empty queue).
 */
struct __attribute__((__may_alias__)) sk_buff_links {
	struct sk_buff	*next;
	struct sk_buff	*prev;
};
#define SKB_LINKS(p)	((struct sk_buff_links *)(void *)(p))

static inline void __skb_queue_head_init(struct sk_buff_head *list)
{
	SKB_LINKS(list)->prev = (struct sk_buff *)(void *)list;
	SKB_LINKS(list)->next = (struct sk_buff *)(void *)list;
	list->qlen = 0;
}

static inline void skb_queue_head_init(struct sk_buff_head *list)
{
	__skb_queue_head_init(list);
}

static inline u32 skb_queue_len(const struct sk_buff_head *list)
{
	return list->qlen;
}

static inline bool skb_queue_empty(const struct sk_buff_head *list)
{
	return SKB_LINKS(list)->next == (const struct sk_buff *)(const void *)list;
}

static inline void __skb_queue_tail(struct sk_buff_head *list,
				    struct sk_buff *newsk)
{
	struct sk_buff *prev = SKB_LINKS(list)->prev;

	SKB_LINKS(newsk)->next = (struct sk_buff *)(void *)list;
	SKB_LINKS(newsk)->prev = prev;
	SKB_LINKS(prev)->next = newsk;
	SKB_LINKS(list)->prev = newsk;
	list->qlen++;
}

/* Unlink @skb from @list (added by the core). */
static inline void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	struct sk_buff *next = SKB_LINKS(skb)->next;
	struct sk_buff *prev = SKB_LINKS(skb)->prev;

	SKB_LINKS(next)->prev = prev;
	SKB_LINKS(prev)->next = next;
	SKB_LINKS(skb)->next = NULL;
	SKB_LINKS(skb)->prev = NULL;
	list->qlen--;
}

static inline struct sk_buff *__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = SKB_LINKS(list)->next;

	if (skb == (struct sk_buff *)(void *)list)
		return NULL;
	__skb_unlink(skb, list);
	return skb;
}

/* The first skb of @list without removing it, or NULL (added by the core). */
static inline struct sk_buff *skb_peek(const struct sk_buff_head *list)
{
	struct sk_buff *skb = SKB_LINKS(list)->next;

	return skb == (const struct sk_buff *)(const void *)list ? NULL : skb;
}

/* Move all of @list to the tail of @head; @list is left empty. */
static inline void skb_queue_splice_tail_init(struct sk_buff_head *list,
					      struct sk_buff_head *head)
{
	struct sk_buff *first, *last, *tail;

	if (skb_queue_empty(list))
		return;
	first = SKB_LINKS(list)->next;
	last = SKB_LINKS(list)->prev;
	tail = SKB_LINKS(head)->prev;
	SKB_LINKS(first)->prev = tail;
	SKB_LINKS(tail)->next = first;
	SKB_LINKS(last)->next = (struct sk_buff *)(void *)head;
	SKB_LINKS(head)->prev = last;
	head->qlen += list->qlen;
	__skb_queue_head_init(list);
}

static inline void __skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}

#define skb_queue_walk(queue, skb)					\
	for (skb = SKB_LINKS(queue)->next;				\
	     skb != (struct sk_buff *)(void *)(queue);			\
	     skb = SKB_LINKS(skb)->next)

/* Walk allowing removal of the current skb (added by the core). */
#define skb_queue_walk_safe(queue, skb, tmp)				\
	for (skb = SKB_LINKS(queue)->next, tmp = SKB_LINKS(skb)->next;	\
	     skb != (struct sk_buff *)(void *)(queue);			\
	     skb = tmp, tmp = SKB_LINKS(skb)->next)

/* Added by the core: drop accounting and helpers the device layer uses. */
/* How many skbs were freed with @reason (SKB_CONSUMED: by consume_skb()). */
u64 skb_drop_count(enum skb_drop_reason reason);
/* The reason's name as 6.1's drop monitor prints it ("CPU_BACKLOG", ...). */
const char *skb_drop_reason_name(enum skb_drop_reason reason);
void skb_scrub_packet(struct sk_buff *skb, bool xnet);
void kfree_skb_list(struct sk_buff *segs);
/* More room in front and behind, in a private buffer; 0 or -ENOMEM. */
int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail,
		     gfp_t gfp_mask);
/* sim: free the cached skb heads and structs (at shutdown, for ASan) */
void skb_cache_drain(void);

static inline bool skb_shared(const struct sk_buff *skb)
{
	return skb->users != 1;
}

static inline bool skb_cloned(const struct sk_buff *skb)
{
	return skb->cloned && *skb->dataref != 1;
}

static inline unsigned char *skb_tail_pointer(const struct sk_buff *skb)
{
	return skb->tail;
}

static inline struct ethhdr *eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)skb_mac_header(skb);
}

#endif
