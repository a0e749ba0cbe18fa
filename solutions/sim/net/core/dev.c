// SPDX-License-Identifier: GPL-2.0
/*
 * The device layer, the half students write: allocating a net_device with
 * its private area (lab 1), queueing a received packet to the per-CPU
 * backlog and scheduling its NAPI poll (lab 4), and the NET_RX softirq that
 * polls it (lab 5).
 * 6.1: net/core/dev.c and include/linux/netdevice.h. The rest of dev.c is
 * in sim/net/core/dev.c.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/ftrace.h>
#include <net/net_namespace.h>

/*
 * 6.1: same size rule; kvzalloc() is calloc(); the queues are counted,
 * not allocated.
 * The private area starts at the first NETDEV_ALIGN boundary after the
 * struct, and the whole block gets NETDEV_ALIGN - 1 spare bytes so that the
 * struct itself can start aligned; dev->padded remembers how far it moved,
 * so free_netdev() can hand back the pointer calloc() returned.
 */
struct net_device *alloc_netdev_mqs(int sizeof_priv, const char *name,
				    unsigned char name_assign_type,
				    void (*setup)(struct net_device *),
				    unsigned int txqs, unsigned int rxqs)
{
	FTRACE_ENTRY();
	struct net_device *dev;
	size_t alloc_size;
	char *p;

	if (!name || strlen(name) >= IFNAMSIZ || sizeof_priv < 0)
		return NULL;
	if (txqs < 1 || rxqs < 1)
		return NULL;

	/* TODO 1.1: compute alloc_size as 6.1 does: the struct, rounded up to
	 * NETDEV_ALIGN if there is a private area, plus sizeof_priv, plus
	 * NETDEV_ALIGN - 1. Allocate it zeroed, align dev inside it and
	 * record the shift in dev->padded.
	 */
	/* >>> SOLUTION lab1 */
	alloc_size = sizeof(struct net_device);
	if (sizeof_priv) {
		/* ensure 32-byte alignment of private area */
		alloc_size = ALIGN(alloc_size, (size_t)NETDEV_ALIGN);
		alloc_size += (size_t)sizeof_priv;
	}
	/* ensure 32-byte alignment of whole construct */
	alloc_size += NETDEV_ALIGN - 1;

	p = calloc(1, alloc_size);
	if (!p)
		return NULL;
	dev = (struct net_device *)ALIGN((uintptr_t)p, (uintptr_t)NETDEV_ALIGN);
	dev->padded = (unsigned short)((char *)dev - p);
	/* <<< SOLUTION, STUB:
	alloc_size = 0;
	p = NULL;
	(void)alloc_size;
	(void)p;
	return NULL;
	*/

	dev_net_set(dev, &init_net);
	dev->qdisc = "noop";	/* dev_init_scheduler() at register in 6.1 */
	INIT_LIST_HEAD(&dev->dev_list);
	INIT_LIST_HEAD(&dev->unreg_list);
	INIT_LIST_HEAD(&dev->close_list);
	INIT_LIST_HEAD(&dev->todo_list);
	INIT_LIST_HEAD(&dev->link_watch_list);
	setup(dev);

	/* A device with no queue length is a queueless one ("noqueue"). */
	if (!dev->tx_queue_len) {
		dev->priv_flags |= IFF_NO_QUEUE;
		dev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	}
	strcpy(dev->name, name);
	dev->name_assign_type = name_assign_type;
	dev->group = 0;		/* INIT_NETDEV_GROUP: "group default" */
	dev->num_tx_queues = txqs;
	dev->real_num_tx_queues = txqs;
	dev->num_rx_queues = rxqs;
	dev->real_num_rx_queues = rxqs;
	return dev;
}

/*
 * 6.1: a static inline in netdevice.h; out of line here so students write
 * it. The private area follows the struct at the next NETDEV_ALIGN boundary.
 */
void *netdev_priv(const struct net_device *dev)
{
	/* TODO 1.2: return the address of the private area. */
	/* >>> SOLUTION lab1 */
	return (char *)dev + ALIGN(sizeof(struct net_device),
				   (size_t)NETDEV_ALIGN);
	/* <<< SOLUTION, STUB:
	return NULL;
	*/
}

/*
 * Put @napi on this CPU's poll list and raise NET_RX_SOFTIRQ, which will
 * call net_rx_action().
 * 6.1: same as Debian's 6.1 (raise_softirq_irqoff(), from 6.1.y stable;
 * v6.1.0 has __raise_softirq_irqoff()), minus the threaded-NAPI branch.
 */
void ____napi_schedule(struct softnet_data *sd, struct napi_struct *napi)
{
	FTRACE_ENTRY();

	/* TODO 4.1: add napi to the tail of sd->poll_list and raise
	 * NET_RX_SOFTIRQ (interrupts are off: raise_softirq_irqoff()).
	 */
	/* >>> SOLUTION lab4 */
	list_add_tail(&napi->poll_list, &sd->poll_list);
	raise_softirq_irqoff(NET_RX_SOFTIRQ);
	/* <<< SOLUTION, STUB:
	(void)sd;
	(void)napi;
	*/
}

/*
 * 6.1: same minus RPS and flow limits (napi_schedule_rps() is
 * ____napi_schedule() without RPS): queue @skb on @cpu's backlog. The
 * first packet of a burst schedules the backlog NAPI; a queue already
 * longer than netdev_max_backlog drops (note `<=`: 1001 packets fit).
 */
int enqueue_to_backlog(struct sk_buff *skb, int cpu, unsigned int *qtail)
{
	FTRACE_ENTRY();
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct softnet_data *sd = &per_cpu(softnet_data, cpu);
	unsigned int qlen;

	/* TODO 4.2: drop if skb->dev is not running. If the input queue holds
	 * at most netdev_max_backlog packets, append skb (scheduling the
	 * backlog NAPI first when the queue was empty and NAPI_STATE_SCHED
	 * was clear) and return NET_RX_SUCCESS. Otherwise count the drop in
	 * sd->dropped and the device's rx_dropped, free the skb with
	 * SKB_DROP_REASON_CPU_BACKLOG and return NET_RX_DROP.
	 */
	/* >>> SOLUTION lab4 */
	if (!netif_running(skb->dev))
		goto drop;
	qlen = skb_queue_len(&sd->input_pkt_queue);
	if (qlen <= (unsigned int)netdev_max_backlog) {
		if (qlen) {
enqueue:
			__skb_queue_tail(&sd->input_pkt_queue, skb);
			*qtail = qlen + 1;
			return NET_RX_SUCCESS;
		}
		/* Schedule NAPI for backlog device */
		if (!(sd->backlog.state & (1ul << NAPI_STATE_SCHED))) {
			sd->backlog.state |= 1ul << NAPI_STATE_SCHED;
			____napi_schedule(sd, &sd->backlog);
		}
		goto enqueue;
	}
	reason = SKB_DROP_REASON_CPU_BACKLOG;

drop:
	sd->dropped++;
	dev_core_stats_rx_dropped_inc(skb->dev);
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
	/* <<< SOLUTION, STUB:
	qlen = 0;
	(void)qlen;
	(void)sd;
	(void)qtail;
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
	*/
}

/*
 * 6.1: same minus RPS: the backlog's poll. Packets move from
 * input_pkt_queue (where netif_rx() puts them) to process_queue in one
 * splice, then go up the stack one by one, at most @quota of them. With
 * nothing left, the NAPI is complete (its state is cleared by hand: only
 * this CPU touches it).
 */
int process_backlog(struct napi_struct *napi, int quota)
{
	FTRACE_ENTRY();
	struct softnet_data *sd = container_of(napi, struct softnet_data,
					       backlog);
	bool again = true;
	int work = 0;

	/* TODO 5.1: as 6.1: set napi->weight from dev_rx_weight; loop: hand
	 * each skb of sd->process_queue to __netif_receive_skb(), returning
	 * once work reaches quota; when process_queue is empty, finish if
	 * input_pkt_queue is empty too (napi->state = 0), otherwise splice
	 * it onto process_queue and go round again.
	 */
	/* >>> SOLUTION lab5 */
	napi->weight = dev_rx_weight;
	while (again) {
		struct sk_buff *skb;

		while ((skb = __skb_dequeue(&sd->process_queue))) {
			__netif_receive_skb(skb);
			if (++work >= quota)
				return work;
		}

		if (skb_queue_empty(&sd->input_pkt_queue)) {
			napi->state = 0;
			again = false;
		} else {
			skb_queue_splice_tail_init(&sd->input_pkt_queue,
						   &sd->process_queue);
		}
	}
	return work;
	/* <<< SOLUTION, STUB:
	(void)sd;
	(void)again;
	(void)quota;
	return work;
	*/
}

/*
 * NET_RX_SOFTIRQ. Poll each scheduled NAPI in turn until the list is
 * empty, the budget (netdev_budget packets) is spent or
 * netdev_budget_usecs have passed; a cut-short run counts a time_squeeze.
 * Whatever is left goes back on the poll list and the softirq is raised
 * again.
 * 6.1: same minus RPS IPIs and skb_defer_free_flush(); 6.1 measures the
 * time limit in jiffies, here in coarse clock ns.
 */
void net_rx_action(struct softirq_action *h)
{
	FTRACE_ENTRY();
	struct softnet_data *sd = this_cpu_ptr(softnet_data);
	u64 time_limit = ktime_get_coarse_ns() +
			 (u64)netdev_budget_usecs * NSEC_PER_USEC;
	int budget = netdev_budget;
	LIST_HEAD(list);
	LIST_HEAD(repoll);

	/* TODO 5.2: take the whole poll list; poll NAPIs with napi_poll(n,
	 * &repoll) and subtract their work from budget; stop when the list is
	 * empty, or count sd->time_squeeze and stop when the budget or time
	 * is used up. Then put back what is left (the new poll list, then the
	 * rest of list, then repoll) and re-raise NET_RX_SOFTIRQ if needed.
	 */
	/* >>> SOLUTION lab5 */
	list_splice_init(&sd->poll_list, &list);

	for (;;) {
		struct napi_struct *n;

		if (list_empty(&list)) {
			if (list_empty(&repoll))
				return;
			break;
		}

		n = list_first_entry(&list, struct napi_struct, poll_list);
		budget -= napi_poll(n, &repoll);

		/* If softirq window is exhausted then punt. */
		if (unlikely(budget <= 0 ||
			     ktime_get_coarse_ns() >= time_limit)) {
			sd->time_squeeze++;
			break;
		}
	}

	list_splice_tail_init(&sd->poll_list, &list);
	list_splice_tail(&repoll, &list);
	list_splice(&list, &sd->poll_list);
	if (!list_empty(&sd->poll_list))
		__raise_softirq_irqoff(NET_RX_SOFTIRQ);
	/* <<< SOLUTION, STUB:
	(void)sd;
	(void)time_limit;
	(void)budget;
	(void)list;
	(void)repoll;
	*/
}
