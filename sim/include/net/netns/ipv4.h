/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv4 per-namespace state, hung off struct net as net->ipv4.
 * 6.1: include/net/netns/ipv4.h (embedded in struct net there; a pointer
 * here so the core's struct net need not know its size). The SNMP counters
 * live here too: 6.1 keeps them per-CPU in net->mib; `nstat` and
 * /proc/net/snmp show the same names.
 */
#ifndef _SIM_NET_NETNS_IPV4_H
#define _SIM_NET_NETNS_IPV4_H

#include <linux/types.h>
#include <linux/list.h>

struct ipv4_devconf;
struct fib_table;

/* /proc/net/snmp "Ip:" (6.1: include/uapi/linux/snmp.h IPSTATS_MIB_*) */
enum {
	IPSTATS_MIB_INRECEIVES,		/* InReceives */
	IPSTATS_MIB_INHDRERRORS,	/* InHdrErrors */
	IPSTATS_MIB_INNOROUTES,		/* InNoRoutes */
	IPSTATS_MIB_INADDRERRORS,	/* InAddrErrors */
	IPSTATS_MIB_INUNKNOWNPROTOS,	/* InUnknownProtos */
	IPSTATS_MIB_INTRUNCATEDPKTS,	/* InTruncatedPkts */
	IPSTATS_MIB_INDISCARDS,		/* InDiscards */
	IPSTATS_MIB_INDELIVERS,		/* InDelivers */
	IPSTATS_MIB_OUTFORWDATAGRAMS,	/* ForwDatagrams */
	IPSTATS_MIB_OUTREQUESTS,	/* OutRequests */
	IPSTATS_MIB_OUTDISCARDS,	/* OutDiscards */
	IPSTATS_MIB_OUTNOROUTES,	/* OutNoRoutes */
	IPSTATS_MIB_REASMTIMEOUT,	/* ReasmTimeout */
	IPSTATS_MIB_REASMREQDS,		/* ReasmReqds */
	IPSTATS_MIB_REASMOKS,		/* ReasmOKs */
	IPSTATS_MIB_REASMFAILS,		/* ReasmFails */
	IPSTATS_MIB_FRAGOKS,		/* FragOKs */
	IPSTATS_MIB_FRAGFAILS,		/* FragFails */
	IPSTATS_MIB_FRAGCREATES,	/* FragCreates */
	IPSTATS_MIB_OUTOCTETS,		/* IpExtOutOctets */
	IPSTATS_MIB_CSUMERRORS,		/* InCsumErrors */
	IPSTATS_MIB_NOECTPKTS,
	__IPSTATS_MIB_MAX
};

/* /proc/net/snmp "Icmp:" (ICMP_MIB_*), per-type counts are in icmpmsg */
enum {
	ICMP_MIB_INMSGS,		/* InMsgs */
	ICMP_MIB_INERRORS,		/* InErrors */
	ICMP_MIB_CSUMERRORS,		/* InCsumErrors */
	ICMP_MIB_OUTMSGS,		/* OutMsgs */
	ICMP_MIB_OUTERRORS,		/* OutErrors */
	__ICMP_MIB_MAX
};

/* /proc/net/stat/rt_cache columns the kit shows (6.1: per-CPU, global) */
struct rt_cache_stat {
	unsigned long	in_slow_tot;
	unsigned long	in_slow_mc;
	unsigned long	in_no_route;
	unsigned long	in_brd;
	unsigned long	in_martian_dst;
	unsigned long	in_martian_src;
};

/* /proc/net/netstat "TcpExt:" counters the kit uses (LINUX_MIB_*) */
enum {
	LINUX_MIB_IPRPFILTER,		/* IPReversePathFilter */
	LINUX_MIB_ARPFILTER,		/* ArpFilter */
	__LINUX_MIB_MAX
};

/* Drops ARP counts in 6.1's LINUX_MIB / arp_tbl stats, by cause. */
struct arp_drop_stat {
	unsigned long	short_hdr;	/* arp_rcv: shorter than arp_hdr_len */
	unsigned long	bad_hdr;	/* arp_rcv: hln/pln/hrd/pro mismatch */
	unsigned long	martian;	/* arp_process: multicast/loopback tip */
	unsigned long	rp_filter;	/* request's sender failed route input */
};

/* 6.1: struct inet_peer's rate-limit fields, for ICMP errors per peer */
#define ICMP_PEERS	16
struct icmp_peer {
	__be32	daddr;		/* 0: free slot */
	u64	rate_last;	/* ns */
	u64	rate_tokens;	/* ns of credit */
};

struct netns_ipv4 {
	struct ipv4_devconf	*devconf_all;	/* net.ipv4.conf.all */
	struct ipv4_devconf	*devconf_dflt;	/* net.ipv4.conf.default */

	/* the two tables of a box without policy routing (RT_TABLE_*) */
	struct fib_table	*fib_main;
	struct fib_table	*fib_local;
	/* 6.1 makes the local table with its first route (fib_new_table());
	 * until then dumping it fails */
	bool			fib_local_made;
	bool			fib_has_custom_local_routes;
	/* 6.1: the rtable cache lives in fib nexthops and is freed by RCU
	 * when the last skb lets go; here every rtable handed out is kept on
	 * this list until the namespace goes (see net/route.h) */
	struct list_head	rt_cache;
	int			rt_genid;

	struct list_head	raw_sockets;	/* 6.1: raw_v4_hashinfo, global */

	int	sysctl_icmp_echo_ignore_all;
	int	sysctl_icmp_echo_ignore_broadcasts;
	int	sysctl_icmp_ratelimit;		/* ms between errors per peer */
	int	sysctl_icmp_ratemask;		/* types limited: 0x1818 */
	struct icmp_peer icmp_peers[ICMP_PEERS];	/* 6.1: inet_peer tree */
	int	sysctl_ip_default_ttl;
	int	sysctl_ip_no_pmtu_disc;
	int	sysctl_ip_fwd_use_pmtu;
	int	sysctl_icmp_errors_use_inbound_ifaddr;
	/* net.ipv4.neigh.default.*: one set per namespace (6.1: per device
	 * too, net.ipv4.neigh.DEV.*) */
	int	neigh_mcast_solicit;		/* 3 */
	int	neigh_ucast_solicit;		/* 3 */
	int	neigh_app_solicit;		/* 0 */
	int	neigh_retrans_time_ms;		/* 1000 */
	int	neigh_base_reachable_time_ms;	/* 30000 */
	int	neigh_delay_first_probe_time;	/* 5 s */
	int	neigh_gc_stale_time;		/* 60 s */
	int	neigh_queue_len_bytes;		/* 212992 (SK_WMEM_MAX) */

	u32			ip_id;		/* next IPv4 id (6.1: hashed) */

	/* 6.1: net->ipv4.fqdir, the reassembly queues (an rhashtable) */
	struct list_head	ipq_list;
	long			ipfrag_mem;	/* truesize queued */
	int			sysctl_ipfrag_time;	/* s, 30 */
	long			sysctl_ipfrag_high_thresh; /* 4 MB */

	unsigned long		ip_mib[__IPSTATS_MIB_MAX];
	unsigned long		linux_mib[__LINUX_MIB_MAX];
	unsigned long		icmp_mib[__ICMP_MIB_MAX];
	unsigned long		icmpmsg_in[256];	/* InType<N> */
	unsigned long		icmpmsg_out[256];	/* OutType<N> */
	struct rt_cache_stat	rt_stat;
	struct arp_drop_stat	arp_stat;
};

#define __IP_INC_STATS(net, field)	((net)->ipv4->ip_mib[field]++)
#define __IP_ADD_STATS(net, field, val)	((net)->ipv4->ip_mib[field] += (val))
#define IP_INC_STATS(net, field)	__IP_INC_STATS(net, field)
#define __ICMP_INC_STATS(net, field)	((net)->ipv4->icmp_mib[field]++)
#define ICMP_INC_STATS(net, field)	__ICMP_INC_STATS(net, field)
#define __NET_INC_STATS(net, field)	((net)->ipv4->linux_mib[field]++)
#define RT_CACHE_STAT_INC(net, field)	((net)->ipv4->rt_stat.field++)

#endif
