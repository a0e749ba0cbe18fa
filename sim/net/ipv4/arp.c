// SPDX-License-Identifier: GPL-2.0
/*
 * ARP: find the Ethernet address for an IPv4 next hop, and answer when
 * others ask for ours. 6.1: net/ipv4/arp.c (RFC 826). Left out: proxy ARP,
 * gratuitous ARP acceptance rules beyond arp_accept, non-Ethernet hardware,
 * the /proc/net/arp file (the `ip neigh` API is in net/neighbour.h).
 *
 * Seed 003 happens in arp_process(): before answering a request, Linux
 * routes the request's *sender* address as if it were an incoming IP
 * packet (ip_route_input_noref). When the sender is one of our own
 * addresses (both ends of a veth pair in one namespace), that check fails
 * unless accept_local is set on the receiving device, and no reply goes out.
 */
#include <stdio.h>
#include <string.h>
#include <linux/etherdevice.h>
#include <linux/inetdevice.h>
#include <linux/ftrace.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/icmp.h>
#include <net/route.h>
#include "pernet.h"

static int arp_constructor(struct neighbour *neigh);
static void arp_solicit(struct neighbour *neigh, struct sk_buff *skb);
static void arp_error_report(struct neighbour *neigh, struct sk_buff *skb);

static const struct neigh_ops arp_generic_ops = {
	.family			= 2,	/* AF_INET */
	.solicit		= arp_solicit,
	.error_report		= arp_error_report,
	.output			= neigh_resolve_output,
	.connected_output	= neigh_connected_output,
};

static const struct neigh_ops arp_direct_ops = {
	.family			= 2,
	.output			= neigh_direct_output,
	.connected_output	= neigh_direct_output,
};

/* 6.1: same name; one global table, entries carry their device (and so
 * their namespace). */
struct neigh_table arp_tbl = {
	.family		= 2,
	.key_len	= 4,
	.entry_size	= sizeof(struct neighbour),
	.id		= "arp_cache",
	.constructor	= arp_constructor,
};

/*
 * Multicast IPv4 maps to 01:00:5e + low 23 bits.
 * 6.1: same (Ethernet).
 */
int arp_mc_map(__be32 addr, u8 *haddr, struct net_device *dev, int dir)
{
	FTRACE_ENTRY();
	u32 a = ntohl(addr);

	haddr[0] = 0x01;
	haddr[1] = 0x00;
	haddr[2] = 0x5e;
	haddr[3] = (a >> 16) & 0x7f;
	haddr[4] = (a >> 8) & 0xff;
	haddr[5] = a & 0xff;
	return 0;
}

/*
 * Set up a new entry.
 * 6.1: arp_constructor(). Entries that need no
 * resolution start NOARP with a known address: lo (and IFF_NOARP
 * devices) use their own, broadcast destinations the broadcast address.
 */
static int arp_constructor(struct neighbour *neigh)
{
	__be32 addr;
	struct net_device *dev = neigh->dev;
	struct in_device *in_dev = __in_dev_get_rcu(dev);

	memcpy(&addr, neigh->primary_key, 4);
	if (!in_dev)
		return -EINVAL;
	neigh->type = (u8)inet_addr_type_dev_table(dev_net(dev), dev, addr);
	if (!dev->header_ops) {
		neigh->nud_state = NUD_NOARP;
		neigh->ops = &arp_direct_ops;
		neigh->output = neigh_direct_output;
		return 0;
	}
	neigh->ops = &arp_generic_ops;
	if (neigh->type == RTN_MULTICAST) {
		neigh->nud_state = NUD_NOARP;
		arp_mc_map(addr, neigh->ha, dev, 1);
	} else if (dev->flags & (IFF_NOARP | IFF_LOOPBACK)) {
		neigh->nud_state = NUD_NOARP;
		memcpy(neigh->ha, dev->dev_addr, dev->addr_len);
	} else if (neigh->type == RTN_BROADCAST ||
		   (dev->flags & IFF_POINTOPOINT)) {
		neigh->nud_state = NUD_NOARP;
		memcpy(neigh->ha, dev->broadcast, dev->addr_len);
	}
	neigh->output = (neigh->nud_state & NUD_VALID) ?
			neigh->ops->connected_output : neigh->ops->output;
	return 0;
}

/*
 * A queued packet could not be resolved: report "host unreachable" to its
 * sender and drop it.
 * 6.1: arp_error_report() -> dst_link_failure() ->
 * ipv4_link_failure() -> icmp_send().
 */
static void arp_error_report(struct neighbour *neigh, struct sk_buff *skb)
{
	struct iphdr *iph;

	if (skb->len >= sizeof(struct iphdr)) {
		skb_reset_network_header(skb);
		iph = ip_hdr(skb);
		if (iph->version == 4 && iph->ihl >= 5)
			icmp_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	}
	kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_FAILED);
}

/*
 * Ask "who has TARGET?".
 * 6.1: arp_solicit(). The sender address follows
 * arp_announce: 0 (default) uses the waiting packet's source if it is ours
 * on this device; otherwise inet_select_addr() picks one. The first
 * ucast_probes of a PROBE go unicast to the known address; INCOMPLETE
 * probes broadcast.
 */
static void arp_solicit(struct neighbour *neigh, struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct net_device *dev = neigh->dev;
	struct in_device *in_dev = __in_dev_get_rcu(dev);
	int probes = neigh->probes;
	u8 dst_ha[MAX_ADDR_LEN], *dst_hw = NULL;
	__be32 saddr = 0, target;

	memcpy(&target, neigh->primary_key, 4);
	if (!in_dev)
		return;
	switch (IN_DEV_ARP_ANNOUNCE(in_dev)) {
	default:
	case 0:
		if (skb && inet_addr_type_dev_table(dev_net(dev), dev,
				ip_hdr(skb)->saddr) == RTN_LOCAL)
			saddr = ip_hdr(skb)->saddr;
		break;
	case 1:
		if (!skb)
			break;
		saddr = ip_hdr(skb)->saddr;
		if (inet_addr_type_dev_table(dev_net(dev), dev, saddr) ==
		    RTN_LOCAL && inet_addr_onlink(in_dev, target, saddr))
			break;
		saddr = 0;
		break;
	case 2:
		break;
	}
	if (!saddr)
		saddr = inet_select_addr(dev, target, RT_SCOPE_LINK);

	probes -= dev_net(dev)->ipv4->neigh_ucast_solicit;
	if (probes < 0) {
		memcpy(dst_ha, neigh->ha, dev->addr_len);
		dst_hw = dst_ha;
	}
	arp_send(ARPOP_REQUEST, ETH_P_ARP, target, dev, saddr, dst_hw,
		 dev->dev_addr, NULL);
}

/*
 * Build an ARP packet.
 * 6.1: arp_create(), Ethernet only.
 */
struct sk_buff *arp_create(int type, int ptype, __be32 dest_ip,
			   struct net_device *dev, __be32 src_ip,
			   const unsigned char *dest_hw,
			   const unsigned char *src_hw,
			   const unsigned char *target_hw)
{
	FTRACE_ENTRY();
	int hlen = dev->hard_header_len, tlen = 0;
	struct sk_buff *skb;
	struct arphdr *arp;
	unsigned char *p;

	skb = alloc_skb(arp_hdr_len(dev) + hlen + tlen + 16, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, hlen + 16);
	skb_reset_network_header(skb);
	arp = skb_put(skb, arp_hdr_len(dev));
	skb->dev = dev;
	skb->protocol = htons(ETH_P_ARP);
	if (!src_hw)
		src_hw = dev->dev_addr;
	if (!dest_hw)
		dest_hw = dev->broadcast;
	if (dev_hard_header(skb, dev, (unsigned short)ptype, dest_hw, src_hw,
			    skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}
	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = dev->addr_len;
	arp->ar_pln = 4;
	arp->ar_op = htons((u16)type);
	p = (unsigned char *)(arp + 1);
	memcpy(p, src_hw, dev->addr_len);
	p += dev->addr_len;
	memcpy(p, &src_ip, 4);
	p += 4;
	if (target_hw)
		memcpy(p, target_hw, dev->addr_len);
	else
		memset(p, 0, dev->addr_len);
	p += dev->addr_len;
	memcpy(p, &dest_ip, 4);
	return skb;
}

/* 6.1: arp_xmit() (with its NF_ARP_OUT hook). */
void arp_xmit(struct sk_buff *skb)
{
	FTRACE_ENTRY();
	dev_queue_xmit(skb);
}

/* 6.1: arp_send() -> arp_send_dst(). */
void arp_send(int type, int ptype, __be32 dest_ip, struct net_device *dev,
	      __be32 src_ip, const unsigned char *dest_hw,
	      const unsigned char *src_hw, const unsigned char *th)
{
	FTRACE_ENTRY();
	struct sk_buff *skb;

	if (dev->flags & IFF_NOARP)
		return;
	skb = arp_create(type, ptype, dest_ip, dev, src_ip, dest_hw, src_hw,
			 th);
	if (skb)
		arp_xmit(skb);
}

/* Is @local ours on @in_dev (NULL: any device), of at most @scope, and
 * in @dst's subnet when @dst is set? 6.1: inet_confirm_addr(). */
static bool inet_confirm_addr(struct net *net, struct in_device *in_dev,
			      __be32 dst, __be32 local, int scope)
{
	struct net_device *dev;
	struct in_ifaddr *ifa;

	for_each_netdev(net, dev) {
		struct in_device *idev = __in_dev_get_rcu(dev);

		if (!idev || (in_dev && idev != in_dev))
			continue;
		in_dev_for_each_ifa_rcu(ifa, idev) {
			if (ifa->ifa_local == local &&
			    ifa->ifa_scope <= scope &&
			    (!dst || inet_ifa_match(dst, ifa)))
				return true;
		}
	}
	return false;
}

/*
 * Should we stay quiet?
 * 6.1: arp_ignore(), net.ipv4.conf.*.arp_ignore.
 */
static int arp_ignore(struct in_device *in_dev, __be32 sip, __be32 tip)
{
	struct net *net = dev_net(in_dev->dev);
	int scope;

	switch (IN_DEV_ARP_IGNORE(in_dev)) {
	case 0:		/* reply for any local address */
		return 0;
	case 1:		/* only for addresses on the incoming device */
		sip = 0;
		scope = RT_SCOPE_HOST;
		break;
	case 2:		/* ... and in the asker's subnet */
		scope = RT_SCOPE_HOST;
		break;
	case 3:		/* not for scope host addresses */
		sip = 0;
		scope = RT_SCOPE_LINK;
		in_dev = NULL;
		break;
	case 8:		/* never */
		return 1;
	default:
		return 0;
	}
	return !inet_confirm_addr(net, in_dev, sip, tip, scope);
}

/*
 * Would our reply to @sip leave by @dev?
 * 6.1: arp_filter().
 */
static int arp_filter(__be32 sip, __be32 tip, struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct flowi4 fl4 = { .daddr = sip, .saddr = tip };
	struct rtable *rt;
	int err;

	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt)
		return 1;
	if (rt->dst.dev != dev) {
		__NET_INC_STATS(net, LINUX_MIB_ARPFILTER);
		return 1;
	}
	return 0;
}

/* 6.1: arp_accept(): learn from unsolicited ARP? */
static bool arp_accept(struct in_device *in_dev, __be32 sip)
{
	return IN_DEV_ARP_ACCEPT(in_dev) == 1;
}

/*
 * Handle a valid-looking ARP packet.
 * 6.1: arp_process(), same order:
 * sanity of the addresses, DAD probes (sender 0.0.0.0), requests for our
 * addresses (after the reverse-path check on the sender: the seed 003
 * lesson), then learning from what we saw.
 */
static int arp_process(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	FTRACE_ENTRY();
	struct net_device *dev = skb->dev;
	struct in_device *in_dev = __in_dev_get_rcu(dev);
	struct arphdr *arp = arp_hdr(skb);
	unsigned char *arp_ptr, *sha, *tha;
	struct neighbour *n;
	__be32 sip, tip;
	int addr_type;

	if (!in_dev)
		goto out_free_skb;
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP))
		goto out_free_skb;
	if (arp->ar_op != htons(ARPOP_REPLY) &&
	    arp->ar_op != htons(ARPOP_REQUEST))
		goto out_free_skb;
	arp_ptr = (unsigned char *)(arp + 1);
	sha = arp_ptr;
	arp_ptr += dev->addr_len;
	memcpy(&sip, arp_ptr, 4);
	arp_ptr += 4;
	tha = arp_ptr;
	arp_ptr += dev->addr_len;
	memcpy(&tip, arp_ptr, 4);
	(void)tha;

	/* no requests for multicast or 127.x.x.x (unless route_localnet) */
	if (ipv4_is_multicast(tip) ||
	    (!IN_DEV_ROUTE_LOCALNET(in_dev) && ipv4_is_loopback(tip))) {
		net->ipv4->arp_stat.martian++;
		goto out_free_skb;
	}
	/* RFC 2131 duplicate address detection: sender 0.0.0.0 */
	if (sip == 0) {
		if (arp->ar_op == htons(ARPOP_REQUEST) &&
		    inet_addr_type_dev_table(net, dev, tip) == RTN_LOCAL &&
		    !arp_ignore(in_dev, sip, tip))
			arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha,
				 dev->dev_addr, sha);
		goto out_consume_skb;
	}
	if (arp->ar_op == htons(ARPOP_REQUEST)) {
		if (ip_route_input_noref(skb, tip, sip, 0, dev) == 0) {
			struct rtable *rt = skb_rtable(skb);

			if (rt->rt_type == RTN_LOCAL) {
				int dont_send = arp_ignore(in_dev, sip, tip);

				if (!dont_send && IN_DEV_ARPFILTER(in_dev))
					dont_send = arp_filter(sip, tip, dev);
				if (!dont_send) {
					n = neigh_event_ns(&arp_tbl, sha, &sip,
							   dev);
					if (n) {
						arp_send(ARPOP_REPLY, ETH_P_ARP,
							 sip, dev, tip, sha,
							 dev->dev_addr, sha);
						neigh_release(n);
					}
				}
				goto out_consume_skb;
			}
		} else {
			/* sim: counted so the lesson can be seen */
			net->ipv4->arp_stat.rp_filter++;
		}
	}

	/* Update our ARP tables: only entries we already have, unless
	 * arp_accept asks us to learn from unsolicited replies. */
	n = __neigh_lookup(&arp_tbl, &sip, dev, 0);
	addr_type = -1;
	if (!n && arp_accept(in_dev, sip) &&
	    arp->ar_op == htons(ARPOP_REPLY)) {
		addr_type = (int)inet_addr_type_dev_table(net, dev, sip);
		if (addr_type == RTN_UNICAST)
			n = __neigh_lookup(&arp_tbl, &sip, dev, 1);
	}
	if (n) {
		int state = NUD_REACHABLE;
		/* the first of back-to-back replies wins (locktime 1 s) */
		bool override = ktime_get_ns() > n->updated + NSEC_PER_SEC;

		/* Broadcast replies and requests do not prove reachability. */
		if (arp->ar_op != htons(ARPOP_REPLY) ||
		    skb->pkt_type != PACKET_HOST)
			state = NUD_STALE;
		neigh_update(n, sha, (u8)state,
			     override ? NEIGH_UPDATE_F_OVERRIDE : 0, 0);
		neigh_release(n);
	}
out_consume_skb:
	consume_skb(skb);
	return NET_RX_SUCCESS;
out_free_skb:
	kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
	return NET_RX_DROP;
}

/*
 * The ETH_P_ARP packet handler.
 * 6.1: arp_rcv(): ignore what is not for
 * this host, drop (and count) what is too short or not Ethernet/IPv4.
 */
int arp_rcv(struct sk_buff *skb, struct net_device *dev,
	    struct packet_type *pt, struct net_device *orig_dev)
{
	FTRACE_ENTRY();
	struct net *net = dev_net(dev);
	struct arphdr *arp;

	if ((dev->flags & IFF_NOARP) || skb->pkt_type == PACKET_OTHERHOST ||
	    skb->pkt_type == PACKET_LOOPBACK || !net->ipv4) {
		consume_skb(skb);
		return NET_RX_SUCCESS;
	}
	skb_reset_network_header(skb);
	if (!pskb_may_pull(skb, arp_hdr_len(dev))) {
		net->ipv4->arp_stat.short_hdr++;
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return NET_RX_DROP;
	}
	arp = arp_hdr(skb);
	if (arp->ar_hln != dev->addr_len || arp->ar_pln != 4) {
		net->ipv4->arp_stat.bad_hdr++;
		kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		return NET_RX_DROP;
	}
	memset(skb->cb, 0, sizeof(skb->cb));
	return arp_process(net, NULL, skb);
}

/* 6.1: arp_ifdown(): the device went down; forget its neighbours. */
void arp_ifdown(struct net_device *dev)
{
	neigh_ifdown(&arp_tbl, dev);
}

/*
 * 6.1: arp_invalidate(): drop one entry unless it is permanent; it fails
 * the entry and takes it out itself (neigh_update(), neigh_remove_one()),
 * without neigh_delete().
 */
int arp_invalidate(struct net_device *dev, __be32 ip, bool force)
{
	struct neighbour *n = neigh_lookup(&arp_tbl, &ip, dev);

	if (!n)
		return -ENXIO;
	if (!(n->nud_state & NUD_PERMANENT) || force) {
		neigh_update(n, NULL, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE |
			     NEIGH_UPDATE_F_ADMIN, 0);
		neigh_remove_one(n, &arp_tbl);
	}
	return 0;
}

/*
 * Carrier lost or MAC changed.
 * 6.1: arp_netdev_event().
 */
static int arp_netdev_event(struct notifier_block *this, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_CHANGEADDR:
		neigh_changeaddr(&arp_tbl, dev);
		break;
	case NETDEV_CHANGE:
		if (!netif_carrier_ok(dev))
			neigh_carrier_down(&arp_tbl, dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block arp_netdev_notifier = {
	.notifier_call = arp_netdev_event,
};

static struct packet_type arp_packet_type = {
	.type = 0,	/* htons(ETH_P_ARP), set in arp_init() */
	.func = arp_rcv,
};

/* 6.1: arp_net_exit(); also frees the namespace's entries. */
void arp_exit_net(struct net *net)
{
	neigh_flush_net(&arp_tbl, net);
}

/* 6.1: arp_init(). */
void arp_init(void)
{
	neigh_table_init(0, &arp_tbl);
	arp_packet_type.type = htons(ETH_P_ARP);
	dev_add_pack(&arp_packet_type);
	register_netdevice_notifier(&arp_netdev_notifier);
}

/* /proc/net/arp's Flags (include/uapi/linux/if_arp.h) */
#define ATF_COM		0x02
#define ATF_PERM	0x04

/* 6.1: same: complete, and permanent. */
static int arp_state_to_flags(const struct neighbour *neigh)
{
	if (neigh->nud_state & NUD_PERMANENT)
		return ATF_PERM | ATF_COM;
	if (neigh->nud_state & NUD_VALID)
		return ATF_COM;
	return 0;
}

/*
 * 6.1: arp_seq_show() + arp_format_neigh_entry(): the header, then one
 * line per entry of the namespace, in table order (6.1: hash order),
 * skipping NOARP and NONE entries (NEIGH_SEQ_SKIP_NOARP); the hardware
 * address is the entry's, zeros while unresolved.
 */
size_t arp_seq_show(struct net *net, char *buf, size_t size)
{
	struct neighbour *n;
	size_t len = 0;

#define ARP_PUT(...) do {						\
		int w = snprintf(buf ? buf + len : NULL,		\
				 buf && len < size ? size - len : 0,	\
				 __VA_ARGS__);				\
		if (w > 0)						\
			len += (size_t)w;				\
	} while (0)

	ARP_PUT("IP address       HW type     Flags       HW address            Mask     Device\n");
	list_for_each_entry(n, &arp_tbl.entries, list) {
		char hbuffer[3 * MAX_ADDR_LEN], tbuf[16];
		const u8 *ip = (const u8 *)n->primary_key;
		size_t j, h = 0;

		if (dev_net(n->dev) != net || !(n->nud_state & ~NUD_NOARP))
			continue;
		for (j = 0; j < n->dev->addr_len && h + 3 < sizeof(hbuffer);
		     j++)
			h += (size_t)snprintf(hbuffer + h, sizeof(hbuffer) - h,
					      "%02x:", n->ha[j]);
		if (h)
			h--;
		hbuffer[h] = '\0';
		snprintf(tbuf, sizeof(tbuf), "%u.%u.%u.%u", ip[0], ip[1], ip[2],
			 ip[3]);
		ARP_PUT("%-16s 0x%-10x0x%-10x%-17s     *        %s\n", tbuf,
			n->dev->type, arp_state_to_flags(n), hbuffer,
			n->dev->name);
	}
#undef ARP_PUT
	return len;
}
