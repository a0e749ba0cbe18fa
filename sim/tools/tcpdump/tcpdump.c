// SPDX-License-Identifier: GPL-2.0
/*
 * tcpdump: capture on a simulated device through a packet socket, or read
 * a pcap file; print tcpdump 4.99's lines, or write a real pcap file.
 * Filters are compiled by libpcap (pcap_compile on a dead handle) and run
 * in the "kernel" as the socket filter, as on Linux.
 * tcpdump 4.99: tcpdump.c (main, info(), the option letters kept).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>
#include <linux/if_ether.h>
#include <linux/ktime.h>
#include <net/af_packet.h>
#include <net/net_namespace.h>
/* the kernel's byte-order macros give way to the C library's (same values) */
#undef htons
#undef ntohs
#undef htonl
#undef ntohl
#include <pcap/pcap.h>
#include "tcpdump/netdissect.h"
#include "vethsim/vethsim.h"

#define DEFAULT_SNAPLEN	262144
#define S_ERR_HOST_PROGRAM 1

struct tcpdump_opts {
	const char	*device;	/* -i */
	const char	*rfile;		/* -r */
	const char	*wfile;		/* -w */
	long long	count;		/* -c, 0: no limit */
	int		snaplen;	/* -s */
	bool		nflag, eflag;
	bool		pflag;		/* -p: not promiscuous */
	int		vflag;
	int		tflag, xflag, Xflag, Aflag;	/* counted, as tcpdump does */
	bool		number;		/* --number */
	char		*expr;		/* the filter expression, joined */
};

struct tcpdump_task {
	struct vs_task		task;
	struct tcpdump_opts	o;
	netdissect_options	ndo;
	struct packet_sock	*po;
	pcap_t			*dead;		/* for pcap_dump_open */
	pcap_dumper_t		*dumper;
	char			device[IFNAMSIZ];
	unsigned long long	captured;
	struct strbuf		line;
};

static void print_usage(void)
{
	vs_eprintf("tcpdump version 4.99.3\n%s\n", pcap_lib_version());
	vs_eprintf(
"Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]\n"
"\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]\n"
"\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]\n"
"\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]\n"
"\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]\n"
"\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]\n"
"\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]\n"
"\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]\n");
}

/* The letters that take an argument, as in tcpdump's SHORTOPTS. */
static bool takes_arg(char c)
{
	return strchr("BcCEFGiMQrsTVwWyzZjm", c) != NULL;
}

static bool known_flag(char c)
{
	return strchr("AbdDefhHIJKlLnNOpqStuUvxX#", c) != NULL;
}

static int parse_args(int argc, char **argv, struct tcpdump_opts *o)
{
	struct strbuf expr;
	int i;

	memset(o, 0, sizeof(*o));
	o->snaplen = DEFAULT_SNAPLEN;
	sb_init(&expr);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			for (i++; i < argc; i++)
				sb_printf(&expr, "%s%s", expr.len ? " " : "", argv[i]);
			break;
		}
		if (!strncmp(a, "--", 2)) {
			if (!strcmp(a, "--number")) {
				o->number = true;
				continue;
			}
			if (!strcmp(a, "--immediate-mode") || !strcmp(a, "--print") ||
			    !strcmp(a, "--micro"))
				continue;
			if (!strcmp(a, "--count"))
				continue;
			if (!strcmp(a, "--version")) {
				vs_printf("tcpdump version 4.99.3\n%s\n",
					  pcap_lib_version());
				sb_free(&expr);
				return 0;
			}
			vs_eprintf("tcpdump: unrecognized option '%s'\n", a);
			print_usage();
			sb_free(&expr);
			return S_ERR_HOST_PROGRAM;
		}
		if (a[0] != '-' || !a[1]) {
			sb_printf(&expr, "%s%s", expr.len ? " " : "", a);
			continue;
		}
		for (a++; *a; a++) {
			char c = *a;
			const char *arg;

			if (takes_arg(c)) {
				if (a[1])
					arg = a + 1;
				else if (i + 1 < argc)
					arg = argv[++i];
				else {
					vs_eprintf("tcpdump: option requires an argument -- '%c'\n", c);
					print_usage();
					sb_free(&expr);
					return S_ERR_HOST_PROGRAM;
				}
				switch (c) {
				case 'i':
					o->device = arg;
					break;
				case 'r':
					o->rfile = arg;
					break;
				case 'w':
					o->wfile = arg;
					break;
				case 'c': {
					unsigned long long v;

					if (!vs_parse_uint(arg, 0x7fffffffffffffffull, &v) ||
					    v == 0) {
						vs_eprintf("tcpdump: invalid packet count %s\n",
							   arg);
						sb_free(&expr);
						return S_ERR_HOST_PROGRAM;
					}
					o->count = (long long)v;
					break;
				}
				case 's': {
					unsigned long long v;

					if (!vs_parse_uint(arg, 262144, &v)) {
						vs_eprintf("tcpdump: invalid snaplen %s\n", arg);
						sb_free(&expr);
						return S_ERR_HOST_PROGRAM;
					}
					o->snaplen = v ? (int)v : DEFAULT_SNAPLEN;
					break;
				}
				default:
					break;	/* accepted, no effect here */
				}
				break;	/* the rest of this word was the argument */
			}
			if (!known_flag(c)) {
				vs_eprintf("tcpdump: invalid option -- '%c'\n", c);
				print_usage();
				sb_free(&expr);
				return S_ERR_HOST_PROGRAM;
			}
			switch (c) {
			case 'n':
				o->nflag = true;
				break;
			case 'e':
				o->eflag = true;
				break;
			case 'p':
				o->pflag = true;
				break;
			case 'v':
				o->vflag++;
				break;
			case 't':
				o->tflag++;
				break;
			case 'x':
				o->xflag++;
				break;
			case 'X':
				o->Xflag++;
				break;
			case 'A':
				o->Aflag++;
				break;
			case '#':
				o->number = true;
				break;
			case 'h':
				print_usage();
				sb_free(&expr);
				return 0;
			default:
				break;
			}
		}
	}
	o->expr = sb_detach(&expr);
	return -1;	/* go on */
}

static int compile_filter(const struct tcpdump_opts *o, pcap_t *p,
			  struct bpf_program *prog)
{
	if (pcap_compile(p, prog, o->expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		vs_eprintf("tcpdump: %s\n", pcap_geterr(p));
		return -1;
	}
	return 0;
}

static void print_one(struct tcpdump_task *td, uint64_t ts_sec,
		      uint32_t ts_usec, const uint8_t *data,
		      unsigned int len, unsigned int caplen)
{
	sb_reset(&td->line);
	td->ndo.out = &td->line;
	pretty_print_packet(&td->ndo, ts_sec, ts_usec, data, len, caplen);
	vs_puts(td->line.buf ? td->line.buf : "");
}

/* -r FILE: read a pcap file (ours or real tcpdump's) and print it. */
static int read_offline(struct tcpdump_opts *o)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	struct pcap_pkthdr *h;
	const u_char *data;
	netdissect_options ndo = {
		.ndo_nflag = o->nflag, .ndo_eflag = o->eflag,
		.ndo_vflag = o->vflag, .ndo_tflag = o->tflag,
		.ndo_xflag = o->xflag, .ndo_Xflag = o->Xflag,
		.ndo_Aflag = o->Aflag, .ndo_packet_number = o->number,
	};
	struct strbuf line;
	pcap_dumper_t *dumper = NULL;
	long long n = 0;
	pcap_t *p;
	int r, rc = 0;

	p = pcap_open_offline(o->rfile, errbuf);
	if (!p) {
		vs_eprintf("tcpdump: %s\n", errbuf);
		return S_ERR_HOST_PROGRAM;
	}
	/* tcpdump.c main(): said before the filter is compiled */
	vs_eprintf("reading from file %s, link-type %s (%s), snapshot length %d\n",
		   o->rfile,
		   pcap_datalink_val_to_name(pcap_datalink(p)) ?
		   pcap_datalink_val_to_name(pcap_datalink(p)) : "?",
		   pcap_datalink_val_to_description(pcap_datalink(p)) ?
		   pcap_datalink_val_to_description(pcap_datalink(p)) : "?",
		   pcap_snapshot(p));
	if (compile_filter(o, p, &prog) < 0) {
		pcap_close(p);
		return S_ERR_HOST_PROGRAM;
	}
	if (o->wfile) {
		dumper = pcap_dump_open(p, o->wfile);
		if (!dumper) {
			vs_eprintf("tcpdump: %s\n", pcap_geterr(p));
			pcap_freecode(&prog);
			pcap_close(p);
			return S_ERR_HOST_PROGRAM;
		}
	}
	sb_init(&line);
	ndo.out = &line;
	while ((r = pcap_next_ex(p, &h, &data)) == 1) {
		if (!pcap_offline_filter(&prog, h, data))
			continue;
		if (dumper) {
			pcap_dump((u_char *)dumper, h, data);
		} else if (pcap_datalink(p) == DLT_EN10MB) {
			sb_reset(&line);
			pretty_print_packet(&ndo, (uint64_t)h->ts.tv_sec,
					    (uint32_t)h->ts.tv_usec, data, h->len,
					    h->caplen);
			vs_puts(line.buf ? line.buf : "");
		}
		if (o->count && ++n >= o->count)
			break;
	}
	if (r == -1) {
		vs_eprintf("tcpdump: pcap_loop: %s\n", pcap_geterr(p));
		rc = S_ERR_HOST_PROGRAM;
	}
	sb_free(&line);
	if (dumper)
		pcap_dump_close(dumper);
	pcap_freecode(&prog);
	pcap_close(p);
	return rc;
}

#define PLURAL_SUFFIX(n) ((n) == 1 ? "" : "s")

/* tcpdump.c info(): the three lines at the end of a live capture. */
static void info(struct tcpdump_task *td)
{
	struct tpacket_stats st = { 0, 0 };

	if (td->po)
		packet_getstats(td->po, &st);
	vs_eprintf("%llu packet%s captured\n", td->captured,
		   PLURAL_SUFFIX(td->captured));
	vs_eprintf("%u packet%s received by filter\n", st.tp_packets,
		   PLURAL_SUFFIX(st.tp_packets));
	vs_eprintf("%u packet%s dropped by kernel\n", st.tp_drops,
		   PLURAL_SUFFIX(st.tp_drops));
}

static void finish(struct tcpdump_task *td, int rc)
{
	if (td->task.done)
		return;
	if (td->dumper) {
		pcap_dump_close(td->dumper);
		td->dumper = NULL;
	}
	info(td);
	td->task.done = true;
	td->task.rc = rc;
}

static void tcpdump_step(struct vs_task *t)
{
	struct tcpdump_task *td = (struct tcpdump_task *)t;
	struct sk_buff *skb;

	while (!t->done && (skb = packet_recv(td->po))) {
		uint64_t ns = skb->tstamp;
		unsigned int len = PACKET_SKB_CB(skb)->origlen;
		unsigned int caplen = skb->len;

		if (caplen > (unsigned int)td->o.snaplen)
			caplen = (unsigned int)td->o.snaplen;
		if (td->dumper) {
			struct pcap_pkthdr h;

			h.ts.tv_sec = (time_t)(ns / 1000000000ull);
			h.ts.tv_usec = (suseconds_t)(ns % 1000000000ull / 1000);
			h.caplen = caplen;
			h.len = len;
			pcap_dump((u_char *)td->dumper, &h, skb->data);
		} else {
			print_one(td, ns / 1000000000ull,
				  (uint32_t)(ns % 1000000000ull / 1000),
				  skb->data, len, caplen);
		}
		consume_skb(skb);
		td->captured++;
		if (td->o.count && (long long)td->captured >= td->o.count)
			finish(td, 0);
	}
	/*
	 * libpcap on ENETDOWN: if the device still exists it keeps waiting
	 * (taken down, it may come up again); if not, pcap_loop() fails.
	 */
	if (!t->done && td->po->sk_err && td->po->ifindex < 0) {
		vs_eprintf("tcpdump: pcap_loop: The interface disappeared\n");
		finish(td, S_ERR_HOST_PROGRAM);
	}
}

static uint64_t tcpdump_next_wakeup(struct vs_task *t)
{
	(void)t;
	return UINT64_MAX;
}

static void tcpdump_signal(struct vs_task *t, int sig)
{
	struct tcpdump_task *td = (struct tcpdump_task *)t;

	if (sig == SIGKILL) {
		t->done = true;
		t->rc = 128 + SIGKILL;
		return;
	}
	/*
	 * cleanup(): pcap_breakloop(); main prints a newline when it was
	 * printing packets (not with -w), then info(1)
	 */
	tcpdump_step(t);
	if (t->done)
		return;
	if (!td->dumper)
		vs_printf("\n");
	finish(td, 0);
}

static void tcpdump_destroy(struct vs_task *t)
{
	struct tcpdump_task *td = (struct tcpdump_task *)t;

	if (td->dumper)
		pcap_dump_close(td->dumper);
	if (td->dead)
		pcap_close(td->dead);
	packet_release(td->po);
	sb_free(&td->line);
	free(td->o.expr);
	free(td);
}

static const struct vs_task_ops tcpdump_ops = {
	.step		= tcpdump_step,
	.next_wakeup	= tcpdump_next_wakeup,
	.signal		= tcpdump_signal,
	.destroy	= tcpdump_destroy,
	.stop_when_idle	= true,
};

/* pcap_findalldevs() order, reduced to the first choice: up, not loopback */
static int pick_default(const void *msg, void *arg)
{
	const struct rtnl_link_msg *m = msg;
	struct rtnl_link_msg *best = arg;

	if (!best->ifname[0])
		*best = *m;		/* the first device, if nothing better */
	if ((m->ifi.ifi_flags & IFF_UP) && !(m->ifi.ifi_flags & IFF_LOOPBACK)) {
		*best = *m;
		return 1;
	}
	return 0;
}

/*
 * No -i: the first device that is up and not a loopback, as
 * pcap_lookupdev; glibc's getifaddrs() under pcap_findalldevs() asks for
 * the devices with an RTM_GETLINK dump.
 */
static int default_device(struct net *net, struct rtnl_link_msg *m)
{
	memset(m, 0, sizeof(*m));
	rtnl_dump_ifinfo(net, NULL, pick_default, m);
	return m->ifname[0] ? 0 : -ENODEV;
}

int do_tcpdump(int argc, char **argv)
{
	struct tcpdump_task *td;
	struct rtnl_link_msg dev;
	struct bpf_program prog;
	struct tcpdump_opts o;
	int r;

	r = parse_args(argc, argv, &o);
	if (r >= 0)
		return r;
	if (vs_sandbox && (o.rfile || o.wfile)) {
		vs_eprintf("tcpdump: files are off in the sandbox\n");
		free(o.expr);
		return S_ERR_HOST_PROGRAM;
	}
	if (o.rfile) {
		r = read_offline(&o);
		free(o.expr);
		return r;
	}
	if (o.device) {
		struct sim_ifreq ifr;

		/* pcap_activate(): SIOCGIFINDEX, then SIOCGIFFLAGS */
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", o.device);
		memset(&dev, 0, sizeof(dev));
		if (!dev_ioctl(vs_net(), SIOCGIFINDEX, &ifr) &&
		    !dev_ioctl(vs_net(), SIOCGIFFLAGS, &ifr)) {
			snprintf(dev.ifname, sizeof(dev.ifname), "%s",
				 ifr.ifr_name);
			dev.ifi.ifi_index = ifr.ifr_ifindex;
			dev.ifi.ifi_flags = (unsigned short)ifr.ifr_flags;
		}
		if (!dev.ifi.ifi_index) {
			vs_eprintf("tcpdump: %s: No such device exists\n"
				   "(No such device exists)\n", o.device);
			free(o.expr);
			return S_ERR_HOST_PROGRAM;
		}
	} else {
		if (default_device(vs_net(), &dev)) {
			vs_eprintf("tcpdump: no suitable device found\n");
			free(o.expr);
			return S_ERR_HOST_PROGRAM;
		}
	}
	if (!(dev.ifi.ifi_flags & IFF_UP)) {
		vs_eprintf("tcpdump: %s: That device is not up\n", dev.ifname);
		free(o.expr);
		return S_ERR_HOST_PROGRAM;
	}
	td = calloc(1, sizeof(*td));
	if (!td)
		abort();
	td->o = o;
	snprintf(td->device, sizeof(td->device), "%s", dev.ifname);
	td->ndo.ndo_nflag = o.nflag;
	td->ndo.ndo_eflag = o.eflag;
	td->ndo.ndo_vflag = o.vflag;
	td->ndo.ndo_tflag = o.tflag;
	td->ndo.ndo_xflag = o.xflag;
	td->ndo.ndo_Xflag = o.Xflag;
	td->ndo.ndo_Aflag = o.Aflag;
	td->ndo.ndo_packet_number = o.number;
	sb_init(&td->line);
	td->dead = pcap_open_dead(DLT_EN10MB, o.snaplen);
	if (!td->dead || compile_filter(&o, td->dead, &prog) < 0) {
		if (td->dead)
			pcap_close(td->dead);
		free(td->o.expr);
		free(td);
		return S_ERR_HOST_PROGRAM;
	}
	if (o.wfile) {
		td->dumper = pcap_dump_open(td->dead, o.wfile);
		if (!td->dumper) {
			vs_eprintf("tcpdump: %s\n", pcap_geterr(td->dead));
			pcap_freecode(&prog);
			pcap_close(td->dead);
			free(td->o.expr);
			free(td);
			return S_ERR_HOST_PROGRAM;
		}
	}
	td->po = packet_create(vs_net(), htons(ETH_P_ALL));
	/* libpcap asks for promiscuous mode unless -p (PACKET_MR_PROMISC) */
	if (!td->po || packet_bind(td->po, dev.ifi.ifi_index) < 0 ||
	    (!o.pflag && packet_mc_add_promisc(td->po, dev.ifi.ifi_index) < 0) ||
	    packet_attach_filter(td->po, prog.bf_insns, prog.bf_len) < 0) {
		vs_eprintf("tcpdump: %s: socket: Operation not permitted\n",
			   dev.ifname);
		pcap_freecode(&prog);
		td->task.ops = &tcpdump_ops;
		tcpdump_destroy(&td->task);
		return S_ERR_HOST_PROGRAM;
	}
	pcap_freecode(&prog);
	/* tcpdump.c main(): the program name goes before "listening on"
	 * unless the suppressed-output line was printed */
	if (!o.vflag && !o.wfile)
		vs_eprintf("tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n");
	else
		vs_eprintf("tcpdump: ");
	vs_eprintf("listening on %s, link-type EN10MB (Ethernet), snapshot length %d bytes\n",
		   dev.ifname, o.snaplen);
	vs_task_start(&td->task, &tcpdump_ops);
	vs_last_task = &td->task;
	return VS_RC_TASK;
}
