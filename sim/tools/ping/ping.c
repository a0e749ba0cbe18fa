// SPDX-License-Identifier: GPL-2.0
/*
 * ping over a raw ICMP socket of the simulated kernel.
 * iputils 20221126: ping/ping.c (options, ping4_run, ping4_send_probe,
 * ping4_parse_reply, pr_icmph) and ping/ping_common.c (main_loop, finish,
 * gather_statistics). Output formats are iputils'.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ktime.h>
#include <linux/skbuff.h>
#include <net/sock.h>
#include <net/ip.h>
#include "vethsim/vethsim.h"

/* the most raw_sendmsg() takes (8 + data <= 0xFFFF); more is EMSGSIZE
 * with no local error, so ping prints nothing for it */
#define MAXPACKET	(0xFFFF - 8)
/* iputils' MIN_INTERVAL: SCHINT() never schedules closer than this */
#define MIN_INTERVAL_NS	(10 * NSEC_PER_MS)
#define DEFDATALEN	56
#define NSEC_PER_MS	1000000ull
#define NSEC_PER_S	1000000000ull
#define MAX_DUP_CHK	0x10000

struct ping_task {
	struct vs_task	task;
	struct sock	*sk;
	char		*hostname;
	uint32_t	dst;		/* network order */
	uint32_t	src;
	uint16_t	ident;
	long long	npackets;	/* -c, 0: forever */
	uint64_t	interval;	/* ns */
	uint64_t	lingertime;	/* -W, ns */
	uint64_t	deadline;	/* -w, absolute ns; 0: none */
	int		datalen;
	int		ttl;		/* -t, 0: default */
	bool		quiet;
	uint64_t	start_time;
	uint64_t	next_send;
	uint64_t	last_send;
	long long	ntransmitted, nreceived, nrepeats, nerrors;
	long long	oom_count;	/* ENOBUFS in a row (pinger()) */
	long long	tmin, tmax;	/* us */
	long long	tsum, tsum2;
	uint64_t	*sent_at;	/* ns per seq (mod MAX_DUP_CHK) */
	uint8_t		*rcvd_tbl;	/* seen replies, for (DUP!) */
	bool		multicast;	/* -b: iputils' rts->multicast */
	uint8_t		*outpack;
};

static unsigned int ping_ident_seed = 0x1f2e;

static void usage(void)
{
	vs_eprintf(
"\nUsage\n"
"  ping [options] <destination>\n"
"\n"
"Options:\n"
"  <destination>      dns name or ip address\n"
"  -a                 use audible ping\n"
"  -A                 use adaptive ping\n"
"  -B                 sticky source address\n"
"  -c <count>         stop after <count> replies\n"
"  -C                 call connect() syscall on socket creation\n"
"  -D                 print timestamps\n"
"  -d                 use SO_DEBUG socket option\n"
"  -e <identifier>    define identifier for ping session, default is random for\n"
"                     SOCK_RAW and kernel defined for SOCK_DGRAM\n"
"                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n"
"  -f                 flood ping\n"
"  -h                 print help and exit\n"
"  -I <interface>     either interface name or address\n"
"  -i <interval>      seconds between sending each packet\n"
"  -L                 suppress loopback of multicast packets\n"
"  -l <preload>       send <preload> number of packages while waiting replies\n"
"  -m <mark>          tag the packets going out\n"
"  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n"
"  -n                 no dns name resolution\n"
"  -O                 report outstanding replies\n"
"  -p <pattern>       contents of padding byte\n"
"  -q                 quiet output\n"
"  -Q <tclass>        use quality of service <tclass> bits\n"
"  -s <size>          use <size> as number of data bytes to be sent\n"
"  -S <size>          use <size> as SO_SNDBUF socket option value\n"
"  -t <ttl>           define time to live\n"
"  -U                 print user-to-user latency\n"
"  -v                 verbose output\n"
"  -V                 print version and exit\n"
"  -w <deadline>      reply wait <deadline> in seconds\n"
"  -W <timeout>       time to wait for response\n"
"\n"
"IPv4 options:\n"
"  -4                 use IPv4\n"
"  -b                 allow pinging broadcast\n"
"  -R                 record route\n"
"  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n"
"\n"
"IPv6 options:\n"
"  -6                 use IPv6\n"
"  -F <flowlabel>     define flow label, default is random\n"
"  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n"
"\n"
"For more details see ping(8).\n");
}

static bool parse_ipv4(const char *s, uint32_t *addr)
{
	unsigned int part[4], i;
	const char *p = s;

	for (i = 0; i < 4; i++) {
		unsigned long v = 0;
		int digits = 0;

		while (*p >= '0' && *p <= '9' && digits < 4) {
			v = v * 10 + (unsigned long)(*p++ - '0');
			digits++;
		}
		if (!digits || v > 255)
			return false;
		part[i] = (unsigned int)v;
		if (i < 3 && *p++ != '.')
			return false;
	}
	if (*p)
		return false;
	*addr = part[0] | part[1] << 8 | part[2] << 16 | (uint32_t)part[3] << 24;
	return true;
}

static const char *ipstr(uint32_t a, char *buf, size_t size)
{
	snprintf(buf, size, "%u.%u.%u.%u", a & 0xff, (a >> 8) & 0xff,
		 (a >> 16) & 0xff, a >> 24);
	return buf;
}

static uint16_t in_cksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/*
 * ping4_send_probe(): echo request number ntransmitted + 1 with the send
 * time inside; the sendmsg() result.
 */
static int send_probe(struct ping_task *pt)
{
	uint64_t now = ktime_get_ns();
	uint16_t seq = (uint16_t)(pt->ntransmitted + 1);
	size_t len = 8 + (size_t)pt->datalen;

	pt->sent_at[seq % MAX_DUP_CHK] = now;
	pt->rcvd_tbl[seq % MAX_DUP_CHK] = 0;
	raw_recv_local_error(pt->sk);	/* an old local error is read */
	if (pt->datalen > MAXPACKET)
		return -EMSGSIZE;	/* as on a real host: nothing printed */
	pt->outpack[0] = 8;	/* ICMP_ECHO */
	pt->outpack[1] = 0;
	put16(pt->outpack + 2, 0);
	put16(pt->outpack + 4, pt->ident);
	put16(pt->outpack + 6, seq);
	if (pt->datalen >= 16) {
		uint64_t sec = now / NSEC_PER_S, usec = now % NSEC_PER_S / 1000;
		int i;

		for (i = 0; i < 8; i++) {
			pt->outpack[8 + i] = (uint8_t)(sec >> (8 * i));
			pt->outpack[16 + i] = (uint8_t)(usec >> (8 * i));
		}
	}
	put16(pt->outpack + 2, in_cksum(pt->outpack, len));
	return raw_sendmsg(pt->sk, pt->dst, 0, pt->outpack, len);
}

/* advance_ntransmitted(): the probe counts as sent. */
static void advance_ntransmitted(struct ping_task *pt)
{
	uint64_t now = ktime_get_ns();

	if (!pt->ntransmitted)
		pt->start_time = now;
	pt->last_send = now;
	pt->ntransmitted++;
}

/* What a failed sendmsg() prints; iputils' "hard local error". */
static void send_failed(struct ping_task *pt, int ret)
{
	uint16_t seq = (uint16_t)pt->ntransmitted;
	u32 mtu = raw_recv_local_error(pt->sk);

	if (ret == -EMSGSIZE && mtu) {
		/* receive_error_msg(): the local error from MSG_ERRQUEUE */
		pt->nerrors++;
		if (!pt->quiet)
			vs_eprintf("ping: local error: message too long, mtu=%u\n",
				   mtu);
		return;
	}
	if (ret == -EMSGSIZE || pt->quiet)
		return;
	if (ret == -EHOSTUNREACH || ret == -ENETUNREACH) {
		char a[32];

		vs_printf("From %s icmp_seq=%u Destination Host Unreachable\n",
			  ipstr(pt->src, a, sizeof(a)), seq);
		pt->nerrors++;
	} else {
		vs_eprintf("ping: sendmsg: %s\n", strerror(-ret));
	}
}

/*
 * pinger(): send the next probe; returns the time until the next one.
 * ENOBUFS means the device dropped it (veth_xmit() when the peer refuses
 * the frame): iputils sends the same probe again every interval / 2 (at
 * most 500 ms) until that has taken the -W time, and only then reports
 * it and moves on (and a later one at once: oom_count is not reset).
 */
static uint64_t pinger(struct ping_task *pt)
{
	uint64_t sch = pt->interval < MIN_INTERVAL_NS ? MIN_INTERVAL_NS :
						       pt->interval;
	int ret = send_probe(pt);

	if (ret >= 0) {
		pt->oom_count = 0;
		advance_ntransmitted(pt);
		return pt->interval;
	}
	if (ret == -ENOBUFS || ret == -ENOMEM) {
		uint64_t nores = pt->interval / 2;

		if (nores < MIN_INTERVAL_NS)
			nores = MIN_INTERVAL_NS;
		if (nores > 500 * NSEC_PER_MS)
			nores = 500 * NSEC_PER_MS;
		pt->oom_count++;
		if ((uint64_t)pt->oom_count * nores < pt->lingertime)
			return nores;
	}
	advance_ntransmitted(pt);
	send_failed(pt, ret);
	return sch;
}

static void print_time(long long triptime)
{
	if (triptime >= 100000 - 50)
		vs_printf(" time=%lld ms", (triptime + 500) / 1000);
	else if (triptime >= 10000 - 5)
		vs_printf(" time=%lld.%01lld ms", (triptime + 50) / 1000,
			  ((triptime + 50) % 1000) / 100);
	else if (triptime >= 1000)
		vs_printf(" time=%lld.%02lld ms", (triptime + 5) / 1000,
			  ((triptime + 5) % 1000) / 10);
	else
		vs_printf(" time=%lld.%03lld ms", triptime / 1000, triptime % 1000);
}

static const char *unreach_text(unsigned int type, unsigned int code)
{
	if (type == 11)
		return code ? "Frag reassembly time exceeded" : "Time to live exceeded";
	switch (code) {
	case 0:		return "Destination Net Unreachable";
	case 1:		return "Destination Host Unreachable";
	case 2:		return "Destination Protocol Unreachable";
	case 3:		return "Destination Port Unreachable";
	case 4:		return "Frag needed and DF set";
	case 5:		return "Source Route Failed";
	case 6:		return "Destination Net Unknown";
	case 7:		return "Destination Host Unknown";
	case 9:		return "Destination Net Prohibited";
	case 10:	return "Destination Host Prohibited";
	case 13:	return "Packet filtered";
	default:	return "Dest Unreachable, Bad Code";
	}
}

/* ping4_parse_reply(): one packet from the raw socket, IP header first. */
static void parse_reply(struct ping_task *pt, const uint8_t *p, size_t len,
			uint64_t now)
{
	unsigned int hlen, type;
	const uint8_t *icmp;
	size_t cc;
	char from[32];

	if (len < 20)
		return;
	hlen = (unsigned int)(p[0] & 0x0f) * 4;
	if (hlen < 20 || len < hlen + 8)
		return;
	icmp = p + hlen;
	cc = len - hlen;
	type = icmp[0];
	ipstr((uint32_t)p[12] | (uint32_t)p[13] << 8 | (uint32_t)p[14] << 16 |
	      (uint32_t)p[15] << 24, from, sizeof(from));
	if (type == 0) {		/* ICMP_ECHOREPLY */
		uint16_t seq = get16(icmp + 6);
		long long triptime;
		bool dup;

		if (get16(icmp + 4) != pt->ident)
			return;
		if (seq == 0 || seq > pt->ntransmitted)
			return;
		triptime = (long long)((now - pt->sent_at[seq % MAX_DUP_CHK]) / 1000);
		dup = pt->rcvd_tbl[seq % MAX_DUP_CHK];
		pt->rcvd_tbl[seq % MAX_DUP_CHK] = 1;
		if (dup) {
			pt->nrepeats++;
		} else {
			pt->nreceived++;
		}
		pt->tsum += triptime;
		pt->tsum2 += triptime * triptime;
		if (triptime < pt->tmin)
			pt->tmin = triptime;
		if (triptime > pt->tmax)
			pt->tmax = triptime;
		if (pt->quiet)
			return;
		vs_printf("%zu bytes from %s: icmp_seq=%u ttl=%u", cc, from, seq,
			  p[8]);
		if (pt->datalen >= 16)	/* a send time fits: iputils' "timing" */
			print_time(triptime);
		if (dup && !pt->multicast)	/* many answer a broadcast */
			vs_printf(" (DUP!)");
		vs_printf("\n");
		return;
	}
	if (type == 3 || type == 11) {	/* errors quoting our request */
		const uint8_t *oip = icmp + 8;
		unsigned int ohl;

		if (cc < 8 + 20)
			return;
		ohl = (unsigned int)(oip[0] & 0x0f) * 4;
		if (cc < 8 + ohl + 8 || oip[9] != 1)
			return;
		if (oip[ohl] != 8 || get16(oip + ohl + 4) != pt->ident)
			return;
		pt->nerrors++;
		if (pt->quiet)
			return;
		vs_printf("From %s icmp_seq=%u ", from, get16(oip + ohl + 6));
		if (type == 3 && icmp[1] == 4)
			vs_printf("Frag needed and DF set (mtu = %u)\n",
				  get16(icmp + 6));
		else
			vs_printf("%s\n", unreach_text(type, icmp[1]));
	}
}

static long long llsqrt(long long a)
{
	long long prev = 0x7fffffffffffffffll;
	long long x = a;

	if (x > 0) {
		while (x < prev) {
			prev = x;
			x = (x + (a / x)) / 2;
		}
	}
	return x;
}

/* ping_common.c finish(): the statistics, and the exit status. */
static void finish(struct ping_task *pt)
{
	uint64_t ms = (pt->last_send - pt->start_time + 500000) / NSEC_PER_MS;

	vs_printf("\n--- %s ping statistics ---\n", pt->hostname);
	vs_printf("%lld packets transmitted, ", pt->ntransmitted);
	vs_printf("%lld received", pt->nreceived);
	if (pt->nrepeats)
		vs_printf(", +%lld duplicates", pt->nrepeats);
	if (pt->nerrors)
		vs_printf(", +%lld errors", pt->nerrors);
	if (pt->ntransmitted) {
		vs_printf(", %g%% packet loss",
			  (float)((((long long)(pt->ntransmitted - pt->nreceived)) * 100.0) /
				  pt->ntransmitted));
		vs_printf(", time %llums", (unsigned long long)ms);
	}
	vs_printf("\n");
	if (pt->nreceived && pt->datalen >= 16) {
		long long n = pt->nreceived + pt->nrepeats;
		long long tsum = pt->tsum / n;
		long long tsum2 = pt->tsum2 / n;
		long long tmdev = llsqrt(tsum2 - tsum * tsum);

		vs_printf("rtt min/avg/max/mdev = %lld.%03lld/%lld.%03lld/%lld.%03lld/%lld.%03lld ms",
			  pt->tmin / 1000, pt->tmin % 1000, tsum / 1000, tsum % 1000,
			  pt->tmax / 1000, pt->tmax % 1000, tmdev / 1000,
			  tmdev % 1000);
	}
	vs_printf("\n");
	pt->task.done = true;
	pt->task.rc = (!pt->nreceived ||
		       (pt->deadline && pt->nreceived < pt->npackets)) ? 1 : 0;
}

/*
 * Read what the socket holds, each into iputils' packet buffer: packlen
 * = datalen + MAXIPLEN (60) + MAXICMPLEN (76) bytes, the rest cut off.
 * main_loop() checks "one answer per request" before every read, so
 * what is still queued when that is reached is never read (a broadcast's
 * later answers).
 */
static void recv_replies(struct ping_task *pt, uint64_t now)
{
	size_t packlen = (size_t)pt->datalen + 60 + 76;
	uint8_t *buf;
	struct sk_buff *skb;

	if (packlen > 0xFFFF)	/* no datagram is bigger: same cut */
		packlen = 0xFFFF;
	buf = malloc(packlen);
	if (!buf)
		abort();
	while (!(pt->npackets &&
		 pt->nreceived + pt->nerrors >= pt->npackets) &&
	       (skb = raw_recv(pt->sk))) {
		size_t n = skb->len < packlen ? skb->len : packlen;

		if (skb_copy_bits(skb, 0, buf, (int)n) == 0)
			parse_reply(pt, buf, n, now);
		consume_skb(skb);
	}
	free(buf);
}

static void ping_step(struct vs_task *t)
{
	struct ping_task *pt = (struct ping_task *)t;
	uint64_t now = ktime_get_ns();

	recv_replies(pt, now);
	if (pt->npackets && pt->nreceived + pt->nerrors >= pt->npackets) {
		finish(pt);
		return;
	}
	if (pt->deadline && now >= pt->deadline) {
		finish(pt);
		return;
	}
	if (pt->npackets && pt->ntransmitted >= pt->npackets) {
		if (!pt->deadline && now >= pt->last_send + pt->lingertime)
			finish(pt);
		return;
	}
	while (now >= pt->next_send &&
	       (!pt->npackets || pt->ntransmitted < pt->npackets)) {
		uint64_t next = pinger(pt);

		/* on time after a success, from now after a failure */
		pt->next_send = pt->oom_count ? ktime_get_ns() + next :
						pt->next_send + next;
		/* the send may have been answered already */
		sim_run_until(ktime_get_ns());
		recv_replies(pt, ktime_get_ns());
		if (pt->npackets && pt->nreceived + pt->nerrors >= pt->npackets) {
			finish(pt);
			return;
		}
	}
}

static uint64_t ping_next_wakeup(struct vs_task *t)
{
	struct ping_task *pt = (struct ping_task *)t;
	uint64_t w = UINT64_MAX;

	if (!pt->npackets || pt->ntransmitted < pt->npackets)
		w = pt->next_send;
	else if (!pt->deadline)
		w = pt->last_send + pt->lingertime;
	if (pt->deadline && pt->deadline < w)
		w = pt->deadline;
	return w;
}

static void ping_signal(struct vs_task *t, int sig)
{
	struct ping_task *pt = (struct ping_task *)t;

	if (sig == SIGINT) {
		finish(pt);	/* iputils catches SIGINT: statistics */
		return;
	}
	t->done = true;		/* SIGTERM, SIGKILL: not caught */
	t->rc = 128 + sig;
}

static void ping_destroy(struct vs_task *t)
{
	struct ping_task *pt = (struct ping_task *)t;

	raw_sock_release(pt->sk);
	free(pt->hostname);
	free(pt->sent_at);
	free(pt->rcvd_tbl);
	free(pt->outpack);
	free(pt);
}

static const struct vs_task_ops ping_ops = {
	.step		= ping_step,
	.next_wakeup	= ping_next_wakeup,
	.signal		= ping_signal,
	.destroy	= ping_destroy,
};

struct ping_opts {
	long long	count;
	uint64_t	interval, linger, deadline;
	long long	datalen;
	const char	*device;
	const char	*target;
	bool		quiet;
	bool		broadcast;	/* -b */
	int		ttl;
	int		pmtudisc;	/* -M, -1: the socket's default */
};

static int bad_arg(const char *arg, const char *range)
{
	if (range)
		vs_eprintf("ping: invalid argument: '%s': out of range: %s\n", arg,
			   range);
	else
		vs_eprintf("ping: invalid argument: '%s'\n", arg);
	return 1;
}

static bool takes_arg(char c)
{
	return strchr("cefFiIlmMNpQsStTwW", c) != NULL;
}

/* getopt() with iputils' letters; options may follow the destination. */
static int parse_opts(int argc, char **argv, struct ping_opts *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1]) {
			if (o->target) {
				vs_eprintf("ping: usage error: Only one destination may be given\n");
				return 1;
			}
			o->target = a;
			continue;
		}
		for (a++; *a; a++) {
			char c = *a;
			const char *arg = NULL;
			unsigned long long v;

			if (takes_arg(c)) {
				if (a[1])
					arg = a + 1;
				else if (i + 1 < argc)
					arg = argv[++i];
				else {
					vs_eprintf("ping: option requires an argument -- '%c'\n", c);
					usage();
					return 2;
				}
			} else if (!strchr("aAbBCdDfhLnOqrRUvV46", c)) {
				vs_eprintf("ping: invalid option -- '%c'\n", c);
				usage();
				return 2;
			}
			switch (c) {
			case 'c':
				if (!vs_parse_uint(arg, 0x7fffffffffffffffull, &v))
					return arg[0] == '-' || (arg[0] >= '0' && arg[0] <= '9') ?
						bad_arg(arg, "1 <= value <= 9223372036854775807") :
						bad_arg(arg, NULL);
				if (v < 1)
					return bad_arg(arg, "1 <= value <= 9223372036854775807");
				o->count = (long long)v;
				break;
			case 'i':
				if (!vs_parse_seconds(arg, &o->interval)) {
					vs_eprintf("ping: bad timing interval: %s\n", arg);
					return 2;
				}
				break;
			case 'W':
				if (!vs_parse_seconds(arg, &o->linger)) {
					vs_eprintf("ping: bad linger time: %s\n", arg);
					return 2;
				}
				break;
			case 'w':
				if (!vs_parse_seconds(arg, &o->deadline)) {
					vs_eprintf("ping: bad wait time: %s\n", arg);
					return 2;
				}
				break;
			case 's':
				if (!vs_parse_uint(arg, 2147483647ull, &v))
					return bad_arg(arg, "0 <= value <= 2147483647");
				o->datalen = (long long)v;
				break;
			case 't':
				if (!vs_parse_uint(arg, 255, &v) || v < 1)
					return bad_arg(arg, "1 <= value <= 255");
				o->ttl = (int)v;
				break;
			case 'I':
				o->device = arg;
				break;
			case 'M':
				if (!strcmp(arg, "do"))
					o->pmtudisc = IP_PMTUDISC_DO;
				else if (!strcmp(arg, "dont"))
					o->pmtudisc = IP_PMTUDISC_DONT;
				else if (!strcmp(arg, "want"))
					o->pmtudisc = IP_PMTUDISC_WANT;
				else if (!strcmp(arg, "probe"))
					o->pmtudisc = IP_PMTUDISC_PROBE;
				else
					return bad_arg(arg, NULL);
				break;
			case 'q':
				o->quiet = true;
				break;
			case 'b':
				o->broadcast = true;
				break;
			case 'h':
				usage();
				return 2;
			case 'V':
				vs_printf("ping from iputils 20221126\n");
				return 0;
			default:
				break;	/* accepted, no effect */
			}
			if (arg)
				break;
		}
	}
	return -1;
}

int do_ping(int argc, char **argv)
{
	struct ping_opts o = {
		.interval = NSEC_PER_S, .linger = 10 * NSEC_PER_S,
		.datalen = DEFDATALEN, .pmtudisc = -1,
	};
	struct ping_task *pt;
	uint32_t dst, bind_addr;
	char a1[32], a2[32];
	int rc, err;

	rc = parse_opts(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (!o.target) {
		vs_eprintf("ping: usage error: Destination address required\n");
		return 1;
	}
	if (!parse_ipv4(o.target, &dst)) {
		vs_eprintf("ping: %s: Temporary failure in name resolution\n",
			   o.target);
		return 2;
	}
	pt = calloc(1, sizeof(*pt));
	if (!pt)
		abort();
	pt->sk = raw_sock_create(vs_net(), IPPROTO_ICMP);
	if (!pt->sk) {
		vs_eprintf("ping: socket: Cannot allocate memory\n");
		free(pt);
		return 2;
	}
	raw_setsockopt(pt->sk, SOL_IP, IP_RECVERR, 1);
	if (o.pmtudisc >= 0)
		raw_setsockopt(pt->sk, SOL_IP, IP_MTU_DISCOVER, o.pmtudisc);
	if (o.ttl)
		raw_setsockopt(pt->sk, SOL_IP, IP_TTL, o.ttl);
	if (o.device) {
		if (parse_ipv4(o.device, &bind_addr)) {
			err = raw_sock_bind_addr(pt->sk, bind_addr);
			if (err) {
				vs_eprintf("ping: bind: %s\n", strerror(-err));
				raw_sock_release(pt->sk);
				free(pt);
				return 2;
			}
		} else {
			err = raw_sock_bind_dev(pt->sk, o.device);
			if (err) {
				vs_eprintf("ping: SO_BINDTODEVICE %s: %s\n", o.device,
					   strerror(-err));
				raw_sock_release(pt->sk);
				free(pt);
				return 2;
			}
		}
	}
	err = raw_sock_connect_probe(pt->sk, dst, &pt->src);
	if (err == -EACCES) {
		/* ping4_run(): the probe's connect() to a broadcast address */
		if (!o.broadcast) {
			vs_eprintf("ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n");
			raw_sock_release(pt->sk);
			free(pt);
			return 2;
		}
		vs_eprintf("WARNING: pinging broadcast address\n");
		raw_setsockopt(pt->sk, SOL_SOCKET, SO_BROADCAST, 1);
		err = raw_sock_connect_probe(pt->sk, dst, &pt->src);
	}
	if (err) {
		vs_eprintf("ping: connect: %s\n", strerror(-err));
		raw_sock_release(pt->sk);
		free(pt);
		return 2;
	}
	pt->hostname = strdup(o.target);
	pt->dst = dst;
	pt->ident = (uint16_t)(ping_ident_seed++ * 2654435761u >> 16);
	pt->npackets = o.count;
	/* vethsim: at least 1 ms apart (iputils lets root flood with -i 0) */
	pt->interval = o.interval < NSEC_PER_MS ? NSEC_PER_MS : o.interval;
	pt->lingertime = o.linger;
	pt->datalen = (int)o.datalen;
	pt->quiet = o.quiet;
	pt->multicast = o.broadcast;
	pt->tmin = 0x7fffffffffffffffll;
	pt->sent_at = calloc(MAX_DUP_CHK, sizeof(*pt->sent_at));
	pt->rcvd_tbl = calloc(MAX_DUP_CHK, 1);
	pt->outpack = calloc(1, 8 + (size_t)(o.datalen > MAXPACKET ? 0 : o.datalen) + 16);
	if (!pt->sent_at || !pt->rcvd_tbl || !pt->outpack)
		abort();
	{
		long long i;

		for (i = 0; i < o.datalen && o.datalen <= MAXPACKET; i++)
			pt->outpack[8 + i] = (uint8_t)i;
	}
	vs_printf("PING %s (%s) ", o.target, ipstr(dst, a1, sizeof(a1)));
	if (o.device)
		vs_printf("from %s %s: ", ipstr(pt->src, a2, sizeof(a2)),
			  parse_ipv4(o.device, &bind_addr) ? "" : o.device);
	vs_printf("%lld(%lld) bytes of data.\n", o.datalen, o.datalen + 8 + 20);
	pt->next_send = ktime_get_ns();
	if (o.deadline)
		pt->deadline = pt->next_send + o.deadline;
	vs_task_start(&pt->task, &ping_ops);
	vs_last_task = &pt->task;
	return VS_RC_TASK;
}
