// SPDX-License-Identifier: GPL-2.0
/*
 * sim_pps: how many packets per second the simulated veth path carries on
 * one core, veth0 -> veth1, through dev_queue_xmit(), veth_xmit(), the
 * backlog, NET_RX_SOFTIRQ and __netif_receive_skb_core() to a handler that
 * counts them. Also checks that memory stays flat: no skb left alive and
 * the resident set no bigger at the end than after the warm-up.
 *
 * usage: sim_pps [PACKETS]   (default 10000000)
 * Prints one line: "sim_pps: N packets in S s: M Mpps, rss A -> B KiB".
 * Exit status 1 if a packet went missing or memory grew.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/start_kernel.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

#define ETH_P_BENCH	0x88b5
#define FRAME_LEN	64
#define WARMUP		100000UL

static unsigned long delivered;

static int bench_rcv(struct sk_buff *skb, struct net_device *dev,
		     struct packet_type *pt, struct net_device *orig)
{
	delivered++;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type bench_pt = { .func = bench_rcv };

static long rss_kib(void)
{
	long pages = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return -1;
	if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
		rss = -1;
	fclose(f);
	return rss < 0 ? -1 : rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct net_device *make_pair(void)
{
	struct rtnl_newlink_req req;
	struct net_device *v0;

	memset(&req, 0, sizeof(req));
	req.kind = "veth";
	strcpy(req.tb.ifname, "veth0");
	req.has_peer = true;
	strcpy(req.peer.ifname, "veth1");
	if (rtnl_newlink(&init_net, &req, NULL))
		return NULL;
	v0 = __dev_get_by_name(&init_net, "veth0");
	if (dev_open(v0, NULL) ||
	    dev_open(__dev_get_by_name(&init_net, "veth1"), NULL))
		return NULL;
	return v0;
}

static void send_frames(struct net_device *v0, const u8 *frame,
			unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct sk_buff *skb = alloc_skb(NET_SKB_PAD + FRAME_LEN,
						GFP_ATOMIC);

		if (!skb)
			continue;
		skb_reserve(skb, NET_SKB_PAD);
		skb_put_data(skb, frame, FRAME_LEN);
		skb->dev = v0;
		dev_queue_xmit(skb);
	}
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000000UL;
	struct net_device *v0, *v1;
	u8 frame[FRAME_LEN];
	long rss0, rss1;
	double t0, t1;
	int bad = 0;

	if (sim_start_kernel())
		return 1;
	v0 = make_pair();
	if (!v0) {
		fprintf(stderr, "sim_pps: cannot create the veth pair\n");
		return 1;
	}
	v1 = __dev_get_by_name(&init_net, "veth1");
	bench_pt.type = htons(ETH_P_BENCH);
	dev_add_pack(&bench_pt);

	memset(frame, 0, sizeof(frame));
	memcpy(frame, v1->dev_addr, ETH_ALEN);
	memcpy(frame + ETH_ALEN, v0->dev_addr, ETH_ALEN);
	frame[12] = ETH_P_BENCH >> 8;
	frame[13] = ETH_P_BENCH & 0xff;

	send_frames(v0, frame, WARMUP);
	rss0 = rss_kib();
	delivered = 0;
	t0 = now_s();
	send_frames(v0, frame, n);
	t1 = now_s();
	rss1 = rss_kib();

	printf("sim_pps: %lu packets in %.3f s: %.2f Mpps, rss %ld -> %ld KiB\n",
	       n, t1 - t0, (double)n / (t1 - t0) / 1e6, rss0, rss1);
	if (delivered != n) {
		fprintf(stderr, "sim_pps: %lu of %lu delivered\n", delivered, n);
		bad = 1;
	}
	if (skb_live_count() != 0) {
		fprintf(stderr, "sim_pps: %ld skbs alive\n", skb_live_count());
		bad = 1;
	}
	if (rss1 > rss0 + 1024) {
		fprintf(stderr, "sim_pps: memory grew\n");
		bad = 1;
	}
	sim_shutdown_kernel();
	return bad;
}
