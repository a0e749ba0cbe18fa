// SPDX-License-Identifier: GPL-2.0
/*
 * Packet sockets (AF_PACKET, SOCK_RAW): one tap in ptype_all per socket,
 * bound to one device of one namespace. tcpdump reads its frames here.
 * 6.1: net/packet/af_packet.c; see include/net/af_packet.h for what is kept.
 */
#include <stdlib.h>
#include <string.h>
#include <pcap/bpf.h>
#include <linux/ftrace.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/if_ether.h>
#include <net/net_namespace.h>
#include <net/af_packet.h>

#define BPF_MAXINSNS	4096	/* include/uapi/linux/bpf_common.h */

/* 6.1: sysctl_rmem_default; libpcap asks for a larger buffer with TPACKET_V3 */
#define PACKET_RCVBUF_DEFAULT	(2 * 1024 * 1024)

static LIST_HEAD(packet_sklist);
static int packet_socks;

static int packet_notifier(struct notifier_block *nb, unsigned long msg,
			   void *ptr);
static struct notifier_block packet_netdev_notifier = {
	.notifier_call = packet_notifier,
};

/*
 * Run the socket filter.
 * 6.1: run_filter() -> bpf_prog_run_pin_on_cpu()
 * on the classic program converted to eBPF; here libpcap's interpreter of
 * the same classic program. Returns how many bytes to keep (0: drop).
 */
static unsigned int run_filter(struct sk_buff *skb, struct packet_sock *po,
			       unsigned int res)
{
	if (!po->filter)
		return res;
	return bpf_filter(po->filter, skb->data, skb->len, skb->len);
}

static void packet_unhook(struct packet_sock *po)
{
	if (po->running) {
		dev_remove_pack(&po->prot_hook);
		po->running = false;
	}
}

static void packet_hook(struct packet_sock *po)
{
	if (!po->running) {
		dev_add_pack(&po->prot_hook);
		po->running = true;
	}
}

/*
 * 6.1: packet_rcv(), same steps: skip looped-back multicast, only our
 * namespace, put the link-layer header back for SOCK_RAW, run the filter,
 * check the receive buffer, clone a shared skb, trim to the snap length,
 * queue and count. Differences: the time stamp is taken here (6.1 stamps in
 * netif_rx/dev_queue_xmit_nit when a tap wants one); sll fields in skb->cb.
 */
int packet_rcv(struct sk_buff *skb, struct net_device *dev,
	       struct packet_type *pt, struct net_device *orig_dev)
{
	FTRACE_ENTRY();
	struct packet_sock *po = pt->af_packet_priv;
	unsigned char *skb_head = skb->data;
	unsigned int skb_len = skb->len;
	unsigned int snaplen, res;
	struct packet_skb_cb *cb;
	bool account = false;

	if (skb->pkt_type == PACKET_LOOPBACK)
		goto drop;
	if (!net_eq(dev_net(dev), po->net))
		goto drop;

	skb->dev = dev;
	if (dev->header_ops || dev->type == ARPHRD_ETHER ||
	    dev->type == ARPHRD_LOOPBACK) {
		unsigned char *mac = skb_mac_header(skb);

		if (mac < skb->data && mac >= skb->head)
			skb_push(skb, (unsigned int)(skb->data - mac));
	}

	snaplen = skb->len;
	res = run_filter(skb, po, snaplen);
	if (!res)
		goto drop_n_restore;
	if (snaplen > res)
		snaplen = res;

	if (po->sk_rmem_alloc >= po->sk_rcvbuf) {
		account = true;
		goto drop_n_acct;
	}

	if (skb->users > 1) {
		struct sk_buff *nskb = skb_clone(skb, GFP_ATOMIC);

		if (!nskb) {
			account = true;
			goto drop_n_acct;
		}
		if (skb_head != skb->data) {
			skb->data = skb_head;
			skb->len = skb_len;
		}
		consume_skb(skb);
		skb = nskb;
	}

	cb = PACKET_SKB_CB(skb);
	memset(cb, 0, sizeof(*cb));
	cb->sll_ifindex = orig_dev ? orig_dev->ifindex : dev->ifindex;
	cb->sll_pkttype = skb->pkt_type;
	cb->sll_protocol = skb->protocol;
	cb->origlen = skb->len;
	if (skb->len > snaplen) {
		skb->len = snaplen;
		skb->tail = skb->data + snaplen;
	}
	if (skb->pkt_type != PACKET_OUTGOING || !skb->tstamp)
		skb->tstamp = ktime_get_real_ns();

	po->sk_rmem_alloc += skb->truesize;
	skb->dev = NULL;
	po->tp_packets++;
	__skb_queue_tail(&po->sk_receive_queue, skb);
	return 0;

drop_n_acct:
	po->tp_drops++;
drop_n_restore:
	if (skb_head != skb->data && skb->users > 1) {
		skb->data = skb_head;
		skb->len = skb_len;
	}
drop:
	if (account)
		kfree_skb(skb);
	else
		consume_skb(skb);
	return 0;
}

/*
 * 6.1: packet_create(): a socket whose hook is registered at once for
 * protocol ETH_P_ALL, on every device of the namespace until bind().
 */
struct packet_sock *packet_create(struct net *net, __be16 protocol)
{
	FTRACE_ENTRY();
	struct packet_sock *po = calloc(1, sizeof(*po));

	if (!po)
		return NULL;
	po->net = get_net(net);
	skb_queue_head_init(&po->sk_receive_queue);
	po->sk_rcvbuf = PACKET_RCVBUF_DEFAULT;
	po->prot_hook.type = protocol;
	po->prot_hook.func = packet_rcv;
	po->prot_hook.af_packet_priv = po;
	po->prot_hook.af_packet_net = net;
	INIT_LIST_HEAD(&po->prot_hook.list);
	if (!packet_socks++)
		register_netdevice_notifier(&packet_netdev_notifier);
	list_add_tail(&po->list, &packet_sklist);
	if (protocol)
		packet_hook(po);
	return po;
}

/*
 * 6.1: packet_do_bind(): unhook, point the hook at the device, hook again
 * if the device is up. -ENODEV if no such device in our namespace.
 */
int packet_bind(struct packet_sock *po, int ifindex)
{
	FTRACE_ENTRY();
	struct net_device *dev = NULL;

	if (ifindex) {
		dev = __dev_get_by_index(po->net, ifindex);
		if (!dev)
			return -ENODEV;
	}
	packet_unhook(po);
	po->ifindex = ifindex;
	po->prot_hook.dev = dev;
	if (!dev || (dev->flags & IFF_UP))
		packet_hook(po);
	else
		po->sk_err = ENETDOWN;
	return 0;
}

/*
 * 6.1: sk_attach_filter() in net/core/filter.c (SO_ATTACH_FILTER): replaces
 * any old filter.
 */
int packet_attach_filter(struct packet_sock *po, const struct bpf_insn *insns,
			 unsigned int len)
{
	struct bpf_insn *copy;

	if (!insns || !len || len > BPF_MAXINSNS)
		return -EINVAL;
	if (!bpf_validate(insns, (int)len))
		return -EINVAL;
	copy = malloc(len * sizeof(*copy));
	if (!copy)
		return -ENOMEM;
	memcpy(copy, insns, len * sizeof(*copy));
	free(po->filter);
	po->filter = copy;
	po->filter_len = len;
	return 0;
}

/* 6.1: packet_recvmsg() without copying: the next frame, or NULL. */
struct sk_buff *packet_recv(struct packet_sock *po)
{
	struct sk_buff *skb = __skb_dequeue(&po->sk_receive_queue);

	if (skb)
		po->sk_rmem_alloc -= skb->truesize;
	return skb;
}

/*
 * 6.1: packet_getsockopt(PACKET_STATISTICS): the counters since the last
 * call; tp_packets includes the drops.
 */
void packet_getstats(struct packet_sock *po, struct tpacket_stats *st)
{
	st->tp_drops = po->tp_drops;
	st->tp_packets = po->tp_packets + po->tp_drops;
	po->tp_packets = 0;
	po->tp_drops = 0;
}

/* 6.1: packet_mc_add() for PACKET_MR_PROMISC -> packet_dev_mc(). */
int packet_mc_add_promisc(struct packet_sock *po, int ifindex)
{
	struct net_device *dev = __dev_get_by_index(po->net, ifindex);
	int err;

	if (!dev)
		return -ENODEV;
	if (po->promisc_ifindex)
		return -EBUSY;		/* one entry is all the kit needs */
	err = dev_set_promiscuity(dev, 1);
	if (!err)
		po->promisc_ifindex = ifindex;
	return err;
}

/* 6.1: packet_flush_mclist(): the memberships end with the socket. */
static void packet_flush_mclist(struct packet_sock *po)
{
	struct net_device *dev;

	if (!po->promisc_ifindex)
		return;
	dev = __dev_get_by_index(po->net, po->promisc_ifindex);
	if (dev)
		dev_set_promiscuity(dev, -1);
	po->promisc_ifindex = 0;
}

/* 6.1: packet_release(): memberships, unhook, purge the queue, free. */
void packet_release(struct packet_sock *po)
{
	FTRACE_ENTRY();

	if (!po)
		return;
	packet_flush_mclist(po);
	packet_unhook(po);
	__skb_queue_purge(&po->sk_receive_queue);
	list_del(&po->list);
	if (!--packet_socks)
		unregister_netdevice_notifier(&packet_netdev_notifier);
	put_net(po->net);
	free(po->filter);
	free(po);
}

/*
 * 6.1: packet_notifier(): a bound device going down unhooks the socket
 * and reports ENETDOWN; coming up hooks it again; unregistering forgets it.
 */
static int packet_notifier(struct notifier_block *nb, unsigned long msg,
			   void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct packet_sock *po;

	list_for_each_entry(po, &packet_sklist, list) {
		if (!net_eq(dev_net(dev), po->net) || po->ifindex != dev->ifindex)
			continue;
		switch (msg) {
		case NETDEV_UNREGISTER:
		case NETDEV_DOWN:
			if (po->running) {
				packet_unhook(po);
				po->sk_err = ENETDOWN;
			}
			if (msg == NETDEV_UNREGISTER) {
				po->ifindex = -1;
				po->prot_hook.dev = NULL;
				/* packet_dev_mclist_delete() */
				if (po->promisc_ifindex == dev->ifindex)
					dev_set_promiscuity(dev, -1);
				po->promisc_ifindex = 0;
			}
			break;
		case NETDEV_UP:
			if (po->prot_hook.dev == dev)
				packet_hook(po);
			break;
		}
	}
	return NOTIFY_DONE;
}
