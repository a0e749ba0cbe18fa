// SPDX-License-Identifier: GPL-2.0
/*
 * The grader's probe: a lab's functions run on inputs drawn at grade time.
 *
 * A graded unit test passes only when Check says so *and* this probe, run
 * in the same test process right after the test body, reports what the
 * reference kernel reports for the same inputs (vethlab/grader/checks.py
 * compares the two). The inputs come from VETHLAB_RUN_SEED, drawn by the
 * grader when the run starts, so a submission cannot carry the answer: to
 * print a correct report it has to compute it, which is to do the lab.
 *
 * The report is written on the pipe named in VETHLAB_OBS (/dev/fd/N),
 * which the grader opens for the unit binaries it runs; the kit's own
 * `make unit` sets neither variable, and then nothing here runs. Each lab's
 * probe touches only that lab and the labs it needs (lab 3's also passes
 * frames to lab 4's enqueue_to_backlog: the grader keeps a reference for
 * either state of lab 4). Softirqs are held while a probe runs, so lab 5
 * runs only in lab 5's probe. Values are printed, never pointers: the two
 * builds' memory layouts differ.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/skbuff.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include "unit.h"

#define ETH_P_PROBE	0x88b6

static int obs_fd = -1;
static char report[16384];
static size_t used;
static uint64_t rng;

/* splitmix64: the same numbers from the same seed in every build */
static uint64_t next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned int pick(unsigned int lo, unsigned int hi)
{
	return lo + (unsigned int)(next() % (hi - lo + 1));
}

static void say(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (used >= sizeof(report))
		return;
	va_start(ap, fmt);
	n = vsnprintf(report + used, sizeof(report) - used, fmt, ap);
	va_end(ap);
	if (n > 0)
		used = used + (size_t)n < sizeof(report) ? used + (size_t)n
							  : sizeof(report);
}

static void flush(void)
{
	size_t off = 0;

	while (off < used) {
		ssize_t n = write(obs_fd, report + off, used - off);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
	used = 0;
}

static int probe_lab(void)
{
	const char *fd = getenv("VETHLAB_OBS");
	const char *lab = getenv("VETHLAB_PROBE");

	if (!fd || strncmp(fd, "/dev/fd/", 8) != 0 || !lab)
		return 0;
	obs_fd = atoi(fd + 8);
	return atoi(lab);
}

/* Each test's report starts here, before any student code runs. */
void unit_probe_begin(void)
{
	if (!probe_lab())
		return;
	used = 0;
	say("B\n");
	flush();
}

static void name(char *buf, const char *prefix)
{
	snprintf(buf, IFNAMSIZ, "%s%c%c%u", prefix, 'a' + pick(0, 25),
		 'a' + pick(0, 25), pick(0, 999));
}

/* `ip link add a type veth peer name b`, attributes to be added */
static void veth_req(struct rtnl_newlink_req *req, const char *a,
		     const char *b)
{
	memset(req, 0, sizeof(*req));
	req->kind = "veth";
	strcpy(req->tb.ifname, a);
	req->has_peer = true;
	strcpy(req->peer.ifname, b);
}

static int pair(const char *a, const char *b)
{
	struct rtnl_newlink_req req;
	struct netlink_ext_ack ext = { 0 };

	veth_req(&req, a, b);
	return rtnl_newlink(&init_net, &req, &ext);
}

static int devices(void)
{
	struct net_device *d;
	int n = 0;

	for_each_netdev(&init_net, d)
		n++;
	return n;
}

static void probe_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->needs_free_netdev = true;
}

/* lab 1: devices of random private sizes, names and queue counts */
static void probe_lab1(void)
{
	int i;

	for (i = 0; i < 4; i++) {
		int priv = (int)pick(0, 3) ? (int)pick(1, 700) : 0;
		unsigned int txq = pick(1, 8), rxq = pick(1, 8);
		struct net_device *dev;
		unsigned char *p;
		char nm[IFNAMSIZ];
		int k, zero = 1;

		name(nm, "p");
		dev = alloc_netdev_mqs(priv, nm, NET_NAME_USER, probe_setup,
				       txq, rxq);
		say("alloc priv=%d %s txqs=%u rxqs=%u: %s\n", priv, nm, txq,
		    rxq, dev ? "a device" : "NULL");
		if (!dev)
			continue;
		p = netdev_priv(dev);
		say("  aligned=%d padded<32=%d priv_offset=%ld name=%s "
		    "queues=%u/%u mtu=%u\n",
		    (int)((uintptr_t)dev % NETDEV_ALIGN == 0),
		    (int)(dev->padded < NETDEV_ALIGN),
		    p ? (long)(p - (unsigned char *)dev) : -1L, dev->name,
		    dev->num_tx_queues, dev->num_rx_queues, dev->mtu);
		if (p && (uintptr_t)p % NETDEV_ALIGN == 0 &&
		    p - (unsigned char *)dev < 4096) {
			for (k = 0; k < priv; k++)
				zero &= p[k] == 0;
			say("  private area zeroed=%d\n", zero);
			memset(p, 0xa5, (size_t)priv);
		}
		free_netdev(dev);
	}
}

static const char *mac_kind(const struct net_device *d, const u8 *given)
{
	if (given && ether_addr_equal(d->dev_addr, given))
		return "given";
	if (is_zero_ether_addr(d->dev_addr))
		return "zero";
	return is_valid_ether_addr(d->dev_addr) && (d->dev_addr[0] & 0x02) ?
	       "random" : "invalid";
}

/* lab 2: pairs of random names and attributes, clashes on either end, a
 * peer in another namespace, deletes from either end */
static void probe_lab2(void)
{
	char a[IFNAMSIZ], b[IFNAMSIZ], c[IFNAMSIZ], d[IFNAMSIZ];
	struct rtnl_newlink_req req;
	struct net_device *da, *db;
	int before = devices(), rc, i;
	struct net *ns;
	u8 mac[ETH_ALEN];
	LIST_HEAD(kill);

	name(a, "pa");
	name(b, "pb");
	name(c, "pc");
	veth_req(&req, a, b);
	req.tb.mtu = pick(0, 1) ? pick(68, 9000) : 0;
	req.peer.mtu = pick(0, 1) ? pick(68, 9000) : 0;
	for (i = 0; i < ETH_ALEN; i++)
		mac[i] = (u8)next();
	mac[0] = (mac[0] & 0xfe) | 0x02;
	req.peer.has_address = pick(0, 1);
	memcpy(req.peer.address, mac, ETH_ALEN);
	rc = rtnl_newlink(&init_net, &req, NULL);
	da = __dev_get_by_name(&init_net, a);
	db = __dev_get_by_name(&init_net, b);
	say("newlink %s mtu %u peer %s mtu %u%s: %d, devices +%d\n", a,
	    req.tb.mtu, b, req.peer.mtu, req.peer.has_address ? " address" : "",
	    rc, devices() - before);
	if (!da || !db) {
		say("  %s %s, %s %s\n", a, da ? "exists" : "missing", b,
		    db ? "exists" : "missing");
		return;
	}
	say("  peers %d %d, ifindex %s-%s=%d, registered %d %d, kind %s\n",
	    da->netdev_ops->ndo_get_peer_dev(da) == db,
	    db->netdev_ops->ndo_get_peer_dev(db) == da, a, b,
	    da->ifindex - db->ifindex, da->reg_state == NETREG_REGISTERED,
	    db->reg_state == NETREG_REGISTERED,
	    da->rtnl_link_ops ? da->rtnl_link_ops->kind : "none");
	say("  mtu %u %u, address %s %s, distinct %d, carrier %d %d\n",
	    da->mtu, db->mtu, mac_kind(da, NULL),
	    mac_kind(db, req.peer.has_address ? mac : NULL),
	    !ether_addr_equal(da->dev_addr, db->dev_addr),
	    netif_carrier_ok(da), netif_carrier_ok(db));

	/* a peer MTU out of range is refused before anything is made */
	before = devices();
	name(d, "pd");
	veth_req(&req, c, d);
	req.peer.mtu = pick(65536, 100000);
	rc = rtnl_newlink(&init_net, &req, NULL);
	say("peer mtu %u: %d, devices +%d\n", req.peer.mtu, rc,
	    devices() - before);
	req.peer.mtu = 0;
	req.peer.has_address = true;
	memcpy(req.peer.address, mac, ETH_ALEN);
	req.peer.address[0] |= 0x01;	/* a group address */
	rc = rtnl_newlink(&init_net, &req, NULL);
	say("peer with a group address: %d, devices +%d\n", rc,
	    devices() - before);
	/* a clash on an existing device, on the device's own peer (the peer
	 * made first must be undone), then on the peer */
	before = devices();
	rc = pair(a, c);
	say("clash on %s: %d, devices +%d, %s %s\n", a, rc, devices() - before,
	    c, __dev_get_by_name(&init_net, c) ? "left behind" : "missing");
	before = devices();
	rc = pair(c, c);
	say("peer named as the device: %d, devices +%d, %s %s\n", rc,
	    devices() - before, c,
	    __dev_get_by_name(&init_net, c) ? "left behind" : "missing");
	before = devices();
	rc = pair(c, b);
	say("clash on peer %s: %d, devices +%d, %s %s\n", b, rc,
	    devices() - before, c, __dev_get_by_name(&init_net, c) ? "exists" :
	    "missing");

	/* one end handed to the link's dellink: the survivor forgets it */
	if (pick(0, 1)) {
		struct net_device *t = da;

		da = db;
		db = t;
	}
	da->rtnl_link_ops->dellink(db, &kill);
	say("dellink of one end: survivor's peer %s\n",
	    !da->netdev_ops->ndo_get_peer_dev(da) ? "cleared" :
	    da->netdev_ops->ndo_get_peer_dev(da) == db ? "kept" : "other");
	list_del_init(&da->unreg_list);
	unregister_netdevice_many(&kill);
	before = devices();
	rc = rtnl_dellink(&init_net, da->name, NULL);
	say("  then ip link del the survivor: %d, devices %d\n", rc,
	    devices() - before);

	/* a pair across namespaces, deleted from a random end */
	ns = copy_net_ns();
	if (!ns)
		return;
	name(a, "na");
	name(b, "nb");
	veth_req(&req, a, b);
	req.peer.netns_given = true;
	req.peer.net = ns;
	before = devices();
	rc = rtnl_newlink(&init_net, &req, NULL);
	say("newlink %s peer %s in another netns: %d, here +%d, %s there %d, "
	    "here %d\n", a, b, rc, devices() - before, b,
	    __dev_get_by_name(ns, b) != NULL,
	    __dev_get_by_name(&init_net, b) != NULL);
	before = devices();
	rc = pick(0, 1) ? rtnl_dellink(&init_net, a, NULL) :
			  rtnl_dellink(ns, b, NULL);
	say("  dellink: %d, here %d, %s there %d\n", rc, devices() - before, b,
	    __dev_get_by_name(ns, b) != NULL);
	put_net(ns);
}

static struct sk_buff *eth_frame(struct net_device *from, const u8 *dst,
				 unsigned int payload)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN + payload + 32, GFP_KERNEL);
	struct ethhdr *eth;
	unsigned int i;
	u8 *d;

	skb_reserve(skb, 32);
	eth = skb_put(skb, ETH_HLEN);
	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, from->dev_addr, ETH_ALEN);
	eth->h_proto = htons(ETH_P_PROBE);
	d = skb_put(skb, payload);
	for (i = 0; i < payload; i++)
		d[i] = (u8)next();
	skb->dev = from;
	return skb;
}

static void stats(const char *nm, struct net_device *dev)
{
	struct rtnl_link_stats64 s;

	dev_get_stats(dev, &s);
	say("  %s tx %llu/%llu dropped %llu, rx %llu/%llu dropped %llu\n", nm,
	    (unsigned long long)s.tx_packets, (unsigned long long)s.tx_bytes,
	    (unsigned long long)s.tx_dropped, (unsigned long long)s.rx_packets,
	    (unsigned long long)s.rx_bytes, (unsigned long long)s.rx_dropped);
}

/* lab 3: random frames through an up pair, then with the peer down */
static void probe_lab3(void)
{
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	char a[IFNAMSIZ], b[IFNAMSIZ];
	struct net_device *da, *db;
	int i, n, rc;

	name(a, "xa");
	name(b, "xb");
	rc = pair(a, b);
	da = __dev_get_by_name(&init_net, a);
	db = __dev_get_by_name(&init_net, b);
	if (rc || !da || !db) {
		say("pair %s %s: %d\n", a, b, rc);
		return;
	}
	rc = dev_open(da, NULL);
	say("pair %s %s: up %d %d\n", a, b, rc, dev_open(db, NULL));
	n = (int)pick(3, 9);
	for (i = 0; i < n; i++) {
		unsigned int len = pick(0, 3) ? pick(0, 1500) : pick(1501, 1700);
		struct sk_buff *skb;

		if (!pick(0, 5)) {	/* a runt: no whole Ethernet header */
			len = pick(1, ETH_HLEN - 1);
			skb = alloc_skb(64, GFP_KERNEL);
			skb_put(skb, len);
			skb->dev = da;
			rc = dev_queue_xmit(skb);
			say("  %u bytes on %s: %d\n", len, a, rc);
			continue;
		}
		rc = dev_queue_xmit(eth_frame(da, pick(0, 2) ? db->dev_addr : bcast,
					      len));
		say("  %u bytes on %s: %d\n", ETH_HLEN + len, a, rc);
	}
	stats(a, da);
	/* with the peer down the stack drops in noop_qdisc; veth_xmit's own
	 * check is reached when the peer went down first (6.1, linkwatch) */
	dev_close(db);
	n = (int)pick(1, 3);
	for (i = 0; i < n; i++) {
		unsigned int len = pick(0, 1500);

		rc = da->netdev_ops->ndo_start_xmit(eth_frame(da, db->dev_addr,
							      len), da);
		say("  %u bytes, %s down: %d\n", ETH_HLEN + len, b, rc);
	}
	stats(a, da);
	/* the peer deleted by itself: no peer at all */
	{
		long live;
		LIST_HEAD(kill);

		da->rtnl_link_ops->dellink(db, &kill);
		list_del_init(&da->unreg_list);
		unregister_netdevice_many(&kill);
		live = skb_live_count();
		rc = da->netdev_ops->ndo_start_xmit(eth_frame(da, bcast,
							      pick(0, 1500)), da);
		say("  no peer: %d, sk_buffs left %ld\n", rc,
		    skb_live_count() - live);
		stats(a, da);
	}
}

static struct net_device *probe_dev(void)
{
	char nm[IFNAMSIZ];
	struct net_device *dev;

	name(nm, "q");
	dev = alloc_netdev(0, nm, NET_NAME_USER, probe_setup);
	if (!dev)
		return NULL;
	if (register_netdevice(dev)) {
		free_netdev(dev);
		return NULL;
	}
	if (dev_open(dev, NULL))
		return NULL;
	return dev;
}

static struct sk_buff *rx_frame(struct net_device *dev, u32 seq)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	skb_reserve(skb, ETH_HLEN);
	skb_put_data(skb, &seq, sizeof(seq));
	skb->dev = dev;
	skb->protocol = htons(ETH_P_PROBE);
	return skb;
}

static void backlog_state(struct softnet_data *sd)
{
	const struct list_head *p;
	int polls = 0;

	for (p = sd->poll_list.next; p != &sd->poll_list; p = p->next)
		polls++;
	say("  queued %u+%u, dropped %u, squeezed %u, scheduled %d, on poll "
	    "list %d, NET_RX raised %d\n", skb_queue_len(&sd->input_pkt_queue),
	    skb_queue_len(&sd->process_queue), sd->dropped, sd->time_squeeze,
	    (int)!!(sd->backlog.state & (1ul << NAPI_STATE_SCHED)), polls,
	    (int)softirq_pending(NET_RX_SOFTIRQ));
}

/* lab 4: a random backlog limit and a burst around it, then a down device */
static void probe_lab4(void)
{
	struct softnet_data *sd = &softnet_data[0];
	int limit = netdev_max_backlog, i, n;
	struct net_device *dev = probe_dev();
	unsigned int qtail;
	char got[64];

	if (!dev) {
		say("no device\n");
		return;
	}
	u64 reasons = skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG);
	struct net_device *down = probe_dev();

	if (down) {
		dev_close(down);
		say("a device that is down: %s\n",
		    enqueue_to_backlog(rx_frame(down, 99), 0, &qtail) ==
		    NET_RX_SUCCESS ? "queued" : "dropped");
		backlog_state(sd);
	}
	i = (int)pick(0, 12);	/* room left; then more frames than that */
	netdev_max_backlog = (int)skb_queue_len(&sd->input_pkt_queue) + i;
	n = i + (int)pick(2, 12);
	for (i = 0; i < n && i < (int)sizeof(got) - 1; i++)
		got[i] = enqueue_to_backlog(rx_frame(dev, (u32)i), 0, &qtail) ==
			 NET_RX_SUCCESS ? 'q' : 'd';
	got[i] = 0;
	say("limit %d, %d frames: %s, dropped for CPU_BACKLOG %llu\n",
	    netdev_max_backlog, n, got, (unsigned long long)
	    (skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG) - reasons));
	backlog_state(sd);
	stats(dev->name, dev);
	dev_close(dev);
	say("down: %s\n", enqueue_to_backlog(rx_frame(dev, 99), 0, &qtail) ==
	    NET_RX_SUCCESS ? "queued" : "dropped");
	backlog_state(sd);
	stats(dev->name, dev);
	netdev_max_backlog = limit;
}

static int rx_seen;

static int probe_rcv(struct sk_buff *skb, struct net_device *d,
		     struct packet_type *pt, struct net_device *orig)
{
	rx_seen++;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type probe_pt = { .func = probe_rcv };

static void poll_run(struct net_device *dev, int budget, int weight, int n)
{
	struct softnet_data *sd = &softnet_data[0];
	unsigned int qtail;
	int i, q = 0;

	rx_seen = 0;
	netdev_budget = budget;
	dev_rx_weight = weight;
	for (i = 0; i < n; i++)
		q += enqueue_to_backlog(rx_frame(dev, (u32)i), 0, &qtail) ==
		     NET_RX_SUCCESS;
	say("budget %d, weight %d, %d frames, %d queued\n", budget, weight, n, q);
	for (i = 0; i < 12 && softirq_pending(NET_RX_SOFTIRQ); i++) {
		int ran = softirq_step();

		say("step %d: ran %d, delivered %d\n", i + 1, ran, rx_seen);
		backlog_state(sd);
	}
}

/* lab 5: random budgets, weights and bursts, one softirq run at a time;
 * the first budget a whole number of weights, so it lands on 0 */
static void probe_lab5(void)
{
	int budget = netdev_budget, weight = dev_rx_weight, limit = netdev_max_backlog;
	struct net_device *dev = probe_dev();
	int w;

	if (!dev) {
		say("no device\n");
		return;
	}
	probe_pt.type = htons(ETH_P_PROBE);
	dev_add_pack(&probe_pt);
	netdev_max_backlog = 1000;
	/* the backlog polls with the weight it already has (a new one applies
	 * from its next poll): a budget of exactly that is spent to 0 */
	w = softnet_data[0].backlog.weight > 0 ? softnet_data[0].backlog.weight : 64;
	poll_run(dev, w, w, w + (int)pick(1, 200));
	poll_run(dev, (int)pick(1, 300), (int)pick(1, 64), (int)pick(1, 400));
	dev_remove_pack(&probe_pt);
	netdev_budget = budget;
	dev_rx_weight = weight;
	netdev_max_backlog = limit;
}

/* After the test body, before the kernel shuts down: the probe of the lab
 * the grader asked for, reported in one piece. */
void unit_probe_end(void)
{
	int lab = probe_lab();
	const char *seed = getenv("VETHLAB_RUN_SEED");
	bool held;

	if (!lab)
		return;
	rng = strtoull(seed ? seed : "0", NULL, 10) * 1000003ull + (uint64_t)lab;
	used = 0;
	held = softirq_stepping();
	softirq_set_stepping(true);
	switch (lab) {
	case 1:
		probe_lab1();
		break;
	case 2:
		probe_lab2();
		break;
	case 3:
		probe_lab3();
		break;
	case 4:
		probe_lab4();
		break;
	case 5:
		probe_lab5();
		break;
	}
	say("E\n");
	flush();
	softirq_set_stepping(held);
}
